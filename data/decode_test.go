package data

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	stdjpeg "image/jpeg"
	"image/png"
	"math/rand/v2"
	"strings"
	"testing"
)

func encodePNG(t *testing.T, m image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, m); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// hugePNGHeader is a PNG whose IHDR claims 100000×100000 pixels.
func hugePNGHeader() []byte {
	ihdr := []byte{0, 1, 0x86, 0xa0, 0, 1, 0x86, 0xa0, 8, 2, 0, 0, 0}
	chunk := append([]byte("IHDR"), ihdr...)
	crc := crc32.ChecksumIEEE(chunk)
	b := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0d")
	b = append(b, chunk...)
	return binary.BigEndian.AppendUint32(b, crc)
}

// TestDecodeBroken: empty, truncated, garbled and non-image inputs are
// errors naming the path, never panics.
func TestDecodeBroken(t *testing.T) {
	jpg := augJPEG(t, 48, 64, 3, 90)
	pngb := encodePNG(t, augScene(20, 30, 4))
	cases := []struct {
		name string
		b    []byte
	}{
		{"empty.jpg", nil},
		{"zero.jpg", []byte{}},
		{"text.jpg", []byte("this is not an image\n")},
		{"magic-only.jpg", []byte{0xff, 0xd8, 0xff}},
		{"header-only.jpg", jpg[:200]},
		{"truncated.jpg", jpg[:len(jpg)/2]},
		{"truncated-end.jpg", jpg[:len(jpg)-20]},
		{"garbage.png", append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0xab}, 100)...)},
		{"truncated.png", pngb[:len(pngb)/2]},
		{"bad.pgm", []byte("P5\n10 10\n255\nshort")},
		{"huge.pgm", []byte("P5 999999 999999 255 ")},
		{"bad.gif", []byte("GIF89a\x01\x00")},
		{"huge.png", hugePNGHeader()},
	}
	for _, c := range cases {
		img, err := Decode(Sample{Path: "dir/" + c.name, Encoded: c.b}, DecodeOptions{})
		if err == nil {
			t.Errorf("%s: decoded %v, want an error", c.name, img)
			continue
		}
		if !strings.Contains(err.Error(), "dir/"+c.name) {
			t.Errorf("%s: error %q does not name the path", c.name, err)
		}
	}
}

// TestDecodeFuzz decodes many randomly truncated and garbled JPEGs and
// PNGs: each either decodes to a sane image or fails, never panics (a
// panic in cgo would take the process down, so libjpeg-turbo's error
// handling is what is under test).
func TestDecodeFuzz(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	srcs := [][]byte{augJPEG(t, 40, 56, 5, 80), encodePNG(t, augScene(17, 23, 6))}
	for i := 0; i < 2000; i++ {
		src := srcs[i%2]
		b := append([]byte(nil), src[:1+r.IntN(len(src))]...)
		for range r.IntN(8) {
			b[r.IntN(len(b))] = byte(r.IntN(256))
		}
		for _, opt := range []DecodeOptions{{}, {Channels: 1, MinSide: 8}} {
			img, err := Decode(Sample{Path: fmt.Sprintf("fuzz%d", i), Encoded: b}, opt)
			if err == nil && (img.H <= 0 || img.W <= 0 || len(img.Pix) != img.H*img.W*img.C) {
				t.Fatalf("fuzz %d: inconsistent image %v with %d bytes", i, img, len(img.Pix))
			}
		}
	}
}

func TestDecodeChannelsAndScale(t *testing.T) {
	jpg := augJPEG(t, 375, 500, 7, 90)
	s := Sample{Path: "scene.jpg", Encoded: jpg}
	full, err := Decode(s, DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if full.H != 375 || full.W != 500 || full.C != 3 {
		t.Fatalf("full decode %v", full)
	}
	// Channels: 1 is PIL's convert("L") of the RGB decode.
	g, err := Decode(s, DecodeOptions{Channels: 1})
	if err != nil {
		t.Fatal(err)
	}
	luma, _ := ConvertChannels(full, 1)
	if !bytes.Equal(g.Pix, luma.Pix) {
		t.Error("Channels: 1 differs from Luma of the RGB decode")
	}
	// MinSide picks the largest reduction keeping the shorter side.
	for _, c := range []struct{ minSide, h, w int }{
		{0, 375, 500}, {375, 375, 500}, {300, 375, 500}, {224, 375, 500}, {188, 188, 250}, {100, 188, 250}, {94, 94, 125}, {40, 47, 63}, {1, 47, 63},
	} {
		img, err := Decode(s, DecodeOptions{MinSide: c.minSide})
		if err != nil {
			t.Fatal(err)
		}
		if img.H != c.h || img.W != c.w {
			t.Errorf("MinSide %d: %dx%d, want %dx%d", c.minSide, img.H, img.W, c.h, c.w)
		}
	}
	// FastDCT: same geometry, pixels within a few levels.
	fast, err := Decode(s, DecodeOptions{FastDCT: true})
	if err != nil {
		t.Fatal(err)
	}
	var fsum int
	for i := range fast.Pix {
		fsum += max(int(fast.Pix[i])-int(full.Pix[i]), int(full.Pix[i])-int(fast.Pix[i]))
	}
	if fast.H != full.H || fast.W != full.W || float64(fsum)/float64(len(fast.Pix)) > 3 {
		t.Errorf("FastDCT decode %v, mean |diff| %.2f", fast, float64(fsum)/float64(len(fast.Pix)))
	}
	// A decoded sample is returned as is, or converted.
	arr := NewImage(4, 5, 1)
	if m, _ := Decode(Sample{Image: arr}, DecodeOptions{}); m != arr {
		t.Error("Decode of a decoded sample should return it")
	}
	if m, _ := Decode(Sample{Image: arr}, DecodeOptions{Channels: 3}); m.C != 3 || m.H != 4 {
		t.Errorf("Decode to 3 channels: %v", m)
	}
	if _, err := Decode(s, DecodeOptions{Channels: 2}); err == nil {
		t.Error("2 channels accepted")
	}
	// The pure-Go fallback decodes the same JPEG closely (it upsamples
	// chroma without libjpeg's smoothing, so hard colour edges differ).
	std, err := decStdlib(stdjpeg.DecodeConfig, stdjpegDecode, jpg)
	if err != nil {
		t.Fatal(err)
	}
	var sum int
	for i := range std.Pix {
		sum += max(int(std.Pix[i])-int(full.Pix[i]), int(full.Pix[i])-int(std.Pix[i]))
	}
	if mean := float64(sum) / float64(len(std.Pix)); mean > 3 {
		t.Errorf("image/jpeg fallback vs libjpeg-turbo: mean |diff| %.2f", mean)
	} else {
		t.Logf("image/jpeg fallback vs libjpeg-turbo: mean |diff| %.2f", mean)
	}
}

func TestDecodeFormats(t *testing.T) {
	// 16-bit RGB PNG: full-range mapping to 8 bits.
	m16 := image.NewRGBA64(image.Rect(0, 0, 3, 2))
	vals := []uint16{0, 128, 129, 257, 32896, 65535}
	for i, v := range vals {
		m16.SetRGBA64(i%3, i/3, color.RGBA64{v, 65535 - v, v / 2, 65535})
	}
	img, err := Decode(Sample{Path: "x.png", Encoded: encodePNG(t, m16)}, DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range vals {
		want := []uint8{uint8((uint32(v) + 128) / 257), uint8((uint32(65535-v) + 128) / 257), uint8((uint32(v/2) + 128) / 257)}
		if got := img.Pix[3*i : 3*i+3]; !bytes.Equal(got, want) {
			t.Errorf("16-bit PNG pixel %d: %v, want %v", i, got, want)
		}
	}
	// GIF (first frame, palette) and netpbm.
	pal := image.NewPaletted(image.Rect(0, 0, 2, 1), color.Palette{color.RGBA{10, 20, 30, 255}, color.RGBA{200, 100, 0, 255}})
	pal.Pix = []uint8{1, 0}
	var gb bytes.Buffer
	if err := gif.Encode(&gb, pal, nil); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		b    []byte
		want *Image
	}{
		{"a.gif", gb.Bytes(), &Image{H: 1, W: 2, C: 3, Pix: []uint8{200, 100, 0, 10, 20, 30}}},
		{"a.pgm", []byte("P5\n# comment\n3 1\n255\n\x00\x80\xff"), &Image{H: 1, W: 3, C: 1, Pix: []uint8{0, 128, 255}}},
		{"a.ppm", []byte("P6 1 1 15 \x0f\x00\x07"), &Image{H: 1, W: 1, C: 3, Pix: []uint8{255, 0, 119}}},
		{"b.pgm", []byte("P5 2 1 65535 \xff\xff\x80\x80"), &Image{H: 1, W: 2, C: 1, Pix: []uint8{255, 128}}},
	} {
		got, err := Decode(Sample{Path: c.name, Encoded: c.b}, DecodeOptions{})
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if got.H != c.want.H || got.W != c.want.W || got.C != c.want.C || !bytes.Equal(got.Pix, c.want.Pix) {
			t.Errorf("%s: %v %v, want %v %v", c.name, got, got.Pix, c.want, c.want.Pix)
		}
	}
}
