package jpeg

import (
	"bytes"
	"image"
	"image/color"
	stdjpeg "image/jpeg"
	"testing"
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
