package jpeg

import (
	"bytes"
	"image"
	"image/color"
	stdjpeg "image/jpeg"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func testJPEG(t *testing.T, w, h int, gray bool) []byte {
	t.Helper()
	var m image.Image
	if gray {
		g := image.NewGray(image.Rect(0, 0, w, h))
		for i := range g.Pix {
			g.Pix[i] = uint8(i * 7)
		}
		m = g
	} else {
		c := image.NewRGBA(image.Rect(0, 0, w, h))
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				c.SetRGBA(x, y, color.RGBA{uint8(3 * x), uint8(4 * y), uint8(2*x + y), 255})
			}
		}
		m = c
	}
	var buf bytes.Buffer
	if err := stdjpeg.Encode(&buf, m, &stdjpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestHeaderAndScaledDecode(t *testing.T) {
	b := testJPEG(t, 83, 61, false)
	hdr, err := DecodeHeader(b)
	if err != nil {
		t.Fatal(err)
	}
	if hdr.Width != 83 || hdr.Height != 61 || hdr.Colorspace != YCbCr {
		t.Errorf("header %+v", hdr)
	}
	fs := ScalingFactors()
	if len(fs) != 16 || fs[0] != (ScalingFactor{2, 1}) || fs[len(fs)-1] != (ScalingFactor{1, 8}) {
		t.Errorf("scaling factors %v", fs)
	}
	for _, f := range fs {
		if f.Num > f.Denom {
			continue
		}
		pix, w, h, c, err := Decode(nil, b, Options{Scale: f})
		if err != nil {
			t.Fatalf("%d/%d: %v", f.Num, f.Denom, err)
		}
		if w != f.Scaled(83) || h != f.Scaled(61) || c != 3 || len(pix) != w*h*3 {
			t.Errorf("%d/%d: %dx%dx%d (%d bytes), want %dx%d", f.Num, f.Denom, w, h, c, len(pix), f.Scaled(83), f.Scaled(61))
		}
	}
	// The full decode agrees with image/jpeg up to chroma upsampling.
	pix, _, _, _, err := Decode(nil, b, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ref, err := stdjpeg.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	var sum int
	for y := 0; y < 61; y++ {
		for x := 0; x < 83; x++ {
			r, g, bb, _ := ref.At(x, y).RGBA()
			for c, v := range []uint32{r >> 8, g >> 8, bb >> 8} {
				d := int(pix[(y*83+x)*3+c]) - int(v)
				sum += max(d, -d)
			}
		}
	}
	if mean := float64(sum) / (61 * 83 * 3); mean > 2 {
		t.Errorf("mean |diff| vs image/jpeg %.2f", mean)
	}
	// Buffer reuse.
	buf := make([]byte, 0, 1<<16)
	out, _, _, _, err := Decode(buf, b, Options{Gray: true})
	if err != nil || &out[0] != &buf[:1][0] || len(out) != 83*61 {
		t.Errorf("gray decode into a reused buffer: len %d, err %v", len(out), err)
	}
}

func TestGrayAndErrors(t *testing.T) {
	b := testJPEG(t, 16, 9, true)
	pix, w, h, c, err := Decode(nil, b, Options{})
	if err != nil || w != 16 || h != 9 || c != 1 || len(pix) != 144 {
		t.Errorf("gray JPEG: %dx%dx%d, %v", w, h, c, err)
	}
	if hdr, _ := DecodeHeader(b); hdr.Colorspace != Gray {
		t.Errorf("colorspace %v", hdr.Colorspace)
	}
	for name, bad := range map[string][]byte{
		"empty":     nil,
		"text":      []byte("hello"),
		"truncated": b[:len(b)/2],
		"header":    b[:30],
	} {
		if _, _, _, _, err := Decode(nil, bad, Options{}); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	// A failed decode must not poison the handle reused next.
	if _, _, _, _, err := Decode(nil, b, Options{}); err != nil {
		t.Errorf("decode after errors: %v", err)
	}
	if !Available() {
		t.Error("TurboJPEG unavailable")
	}
}

func TestReduction(t *testing.T) {
	if rs := Reductions(); len(rs) != 3 || rs[0] != (ScalingFactor{1, 2}) || rs[2] != (ScalingFactor{1, 8}) {
		t.Errorf("Reductions() = %v", rs)
	}
	for _, c := range []struct {
		w, h, min int
		want      ScalingFactor
	}{
		{500, 375, 224, Full}, {1000, 750, 224, ScalingFactor{1, 2}}, {4000, 3000, 224, ScalingFactor{1, 8}},
		{2000, 1500, 300, ScalingFactor{1, 4}}, {100, 100, 0, ScalingFactor{1, 8}},
	} {
		if r := Reduction(c.w, c.h, c.min, c.min); r != c.want {
			t.Errorf("Reduction(%d, %d, %d) = %v, want %v", c.w, c.h, c.min, r, c.want)
		}
	}
}

// warningJPEG returns b with n extraneous bytes inserted before its EOI
// marker: libjpeg warns ("Corrupt JPEG data: n extraneous bytes before
// marker 0xd9") but the image decodes, so Decode must not fail.
func warningJPEG(b []byte, n int) []byte {
	out := append([]byte(nil), b[:len(b)-2]...)
	out = append(out, make([]byte, n)...)
	return append(out, b[len(b)-2:]...)
}

// TestConcurrentErrorsStayWithTheirDecode decodes truncated and warning-only
// JPEGs from many goroutines at once. libjpeg-turbo keeps the message of a
// libjpeg warning per OS thread, so reading it in a later cgo call (which
// may run on another thread) once let a truncated JPEG decode "successfully"
// with another decode's warning, or a warning-only JPEG fail with another's
// "premature end". Every truncated decode must fail, every warning-only one
// succeed.
func TestConcurrentErrorsStayWithTheirDecode(t *testing.T) {
	good := testJPEG(t, 96, 64, false)
	warn := warningJPEG(good, 3)
	trunc := good[:len(good)*2/3]
	if _, _, _, _, err := Decode(nil, warn, Options{}); err != nil {
		t.Fatalf("warning-only JPEG: %v", err)
	}
	if _, _, _, _, err := Decode(nil, trunc, Options{}); err == nil || !strings.Contains(err.Error(), "Premature end") {
		t.Fatalf("truncated JPEG: %v, want a premature-end error", err)
	}
	const workers = 32
	deadline := time.Now().Add(1500 * time.Millisecond)
	var truncOK, warnFailed, decodes atomic.Int64
	var firstWarnErr atomic.Value
	var wg sync.WaitGroup
	for g := 0; g < workers; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			buf := make([]byte, 96*64*3)
			for i := 0; time.Now().Before(deadline); i++ {
				if i%2 == g%2 {
					if _, _, _, _, err := Decode(buf, trunc, Options{}); err == nil {
						truncOK.Add(1)
					}
				} else if _, _, _, _, err := Decode(buf, warn, Options{}); err != nil {
					warnFailed.Add(1)
					firstWarnErr.CompareAndSwap(nil, err.Error())
				}
				decodes.Add(1)
			}
		}()
	}
	wg.Wait()
	t.Logf("%d decodes", decodes.Load())
	if n := truncOK.Load(); n > 0 {
		t.Errorf("%d truncated decodes returned no error", n)
	}
	if n := warnFailed.Load(); n > 0 {
		t.Errorf("%d warning-only decodes failed, first: %v", n, firstWarnErr.Load())
	}
}

// withSize patches the dimensions in b's baseline SOF0 frame header.
func withSize(t *testing.T, b []byte, w, h int) []byte {
	t.Helper()
	out := append([]byte(nil), b...)
	i := bytes.Index(out, []byte{0xff, 0xc0})
	if i < 0 {
		t.Fatal("no SOF0 marker")
	}
	// FFC0, length (2), precision (1), height (2), width (2).
	out[i+5], out[i+6] = byte(h>>8), byte(h)
	out[i+7], out[i+8] = byte(w>>8), byte(w)
	return out
}

func TestMaxPixels(t *testing.T) {
	if MaxPixels != 178956970 {
		t.Errorf("MaxPixels = %d, want PIL's 2·Image.MAX_IMAGE_PIXELS = 178956970", MaxPixels)
	}
	b := testJPEG(t, 16, 9, false)
	// Just over the limit (13,400² = 179,560,000 pixels): the header reads,
	// but Decode refuses before allocating.
	big := withSize(t, b, 13400, 13400)
	if hdr, err := DecodeHeader(big); err != nil || hdr.Width != 13400 || hdr.Height != 13400 {
		t.Fatalf("patched header %+v, %v", hdr, err)
	}
	if _, _, _, _, err := Decode(nil, big, Options{Scale: ScalingFactor{1, 8}}); err == nil || !strings.Contains(err.Error(), "13400x13400") {
		t.Errorf("13400x13400 JPEG: %v, want a too-large error", err)
	}
	// The limit is the caller's to change.
	defer func(old int) { MaxPixels = old }(MaxPixels)
	for _, c := range []struct {
		max int
		ok  bool
	}{{16 * 9, true}, {16*9 - 1, false}} {
		MaxPixels = c.max
		if _, _, _, _, err := Decode(nil, b, Options{}); (err == nil) != c.ok {
			t.Errorf("MaxPixels %d, 16x9 JPEG: err %v", c.max, err)
		}
	}
}
