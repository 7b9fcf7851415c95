package data

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/selfsup/selfsup/data/jpeg"
)

// TestDecodeMatchesPIL has PIL encode the same pixels as JPEG (baseline
// 4:2:0 and 4:4:4, progressive, grayscale, CMYK) and PNG (RGB, RGBA, gray,
// 16-bit gray, palette), then compares Decode of each file with PIL's
// decode of it (Image.open(...).convert("RGB"), or "L" for gray files;
// 16-bit gray mapped to 8 bits as round(v/257)). libjpeg-turbo is PIL's
// decoder too, so JPEGs must match exactly; CMYK JPEGs go through Go's
// image/jpeg and must be close. Reduced-scale decodes (1/2, 1/4, 1/8) are
// compared with PIL's Image.draft, which asks libjpeg for the same DCT
// scaling.
func TestDecodeMatchesPIL(t *testing.T) {
	dir := t.TempDir()
	rgb := augScene(61, 83, 9) // odd sizes: partial MCUs
	src := NewImage(61, 83, 3)
	for i := 0; i < 61*83; i++ {
		copy(src.Pix[3*i:3*i+3], rgb.Pix[4*i:4*i+3])
	}
	gray := augGray(src)
	if err := os.WriteFile(filepath.Join(dir, "rgb.bin"), src.Pix, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "gray.bin"), gray.Pix, 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		id, src, format, mode string
		save                  map[string]any
		maxDiff               int
		wantC                 int
		scale                 int // > 1: decode at 1/scale (PIL: Image.draft)
	}{
		{"jpeg420", "rgb", "JPEG", "RGB", map[string]any{"quality": 90}, 0, 3, 1},
		{"jpeg444", "rgb", "JPEG", "RGB", map[string]any{"quality": 95, "subsampling": 0}, 0, 3, 1},
		{"jpeg422", "rgb", "JPEG", "RGB", map[string]any{"quality": 75, "subsampling": 1}, 0, 3, 1},
		{"jpegprog", "rgb", "JPEG", "RGB", map[string]any{"quality": 85, "progressive": true}, 0, 3, 1},
		{"jpegopt", "rgb", "JPEG", "RGB", map[string]any{"quality": 60, "optimize": true}, 0, 3, 1},
		{"jpeggray", "gray", "JPEG", "L", map[string]any{"quality": 90}, 0, 1, 1},
		{"jpegcmyk", "rgb", "JPEG", "CMYK", map[string]any{"quality": 95}, 2, 3, 1},
		{"jpeghalf", "rgb", "JPEG", "RGB", map[string]any{"quality": 90}, 0, 3, 2},
		{"jpegquarter", "rgb", "JPEG", "RGB", map[string]any{"quality": 90, "subsampling": 0}, 0, 3, 4},
		{"jpegeighth", "rgb", "JPEG", "RGB", map[string]any{"quality": 90}, 0, 3, 8},
		{"jpeggrayhalf", "gray", "JPEG", "L", map[string]any{"quality": 90}, 0, 1, 2},
		{"pngrgb", "rgb", "PNG", "RGB", nil, 0, 3, 1},
		{"pngrgba", "rgb", "PNG", "RGBA", nil, 0, 3, 1},
		{"pnggray", "gray", "PNG", "L", nil, 0, 1, 1},
		{"pnggray16", "gray", "PNG", "I;16", nil, 0, 1, 1},
		{"pngpalette", "rgb", "PNG", "P", nil, 0, 3, 1},
	}
	var specs []map[string]any
	for _, c := range cases {
		m := src
		if c.src == "gray" {
			m = gray
		}
		s := map[string]any{"id": c.id, "src": c.src + ".bin", "h": m.H, "w": m.W, "c": m.C, "format": c.format, "mode": c.mode}
		if c.save != nil {
			s["save"] = c.save
		}
		if c.scale > 1 {
			s["draft"] = []int{m.W / c.scale, m.H / c.scale}
		}
		specs = append(specs, s)
	}
	var dims map[string][]int
	augOracle(t, "pil", dir, map[string]any{"cases": specs}, &dims)
	for _, c := range cases {
		ext := map[string]string{"JPEG": ".jpg", "PNG": ".png"}[c.format]
		enc, err := os.ReadFile(filepath.Join(dir, "enc_"+c.id+ext))
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(filepath.Join(dir, "dec_"+c.id+".bin"))
		if err != nil {
			t.Fatal(err)
		}
		var got *Image
		if c.scale > 1 {
			got, err = decodeSample(Sample{Path: c.id + ext, Encoded: enc}, DecodeOptions{}, jpeg.ScalingFactor{Num: 1, Denom: c.scale}, nil)
		} else {
			got, err = Decode(Sample{Path: c.id + ext, Encoded: enc}, DecodeOptions{})
		}
		if err != nil {
			t.Errorf("%s: %v", c.id, err)
			continue
		}
		d := dims[c.id]
		if got.H != d[0] || got.W != d[1] || got.C != d[2] || got.C != c.wantC {
			t.Errorf("%s: decoded %v, PIL %v", c.id, got, d)
			continue
		}
		if c.mode == "CMYK" {
			// Views.Process plans a reduced decode from the header; the
			// fallback decoder returns the full size, which it must notice:
			// the result equals a full decode's.
			vs := SupCon(8)
			full := append(Views(nil), vs...)
			full[0].FullDecode = true
			a := [][]float32{make([]float32, 3*8*8), make([]float32, 3*8*8)}
			b := [][]float32{make([]float32, 3*8*8), make([]float32, 3*8*8)}
			for seed := uint64(0); seed < 20; seed++ {
				errA := vs.Process(Sample{Path: c.id, Encoded: enc}, rand.New(rand.NewPCG(seed, 0)), a)
				errB := full.Process(Sample{Path: c.id, Encoded: enc}, rand.New(rand.NewPCG(seed, 0)), b)
				if errA != nil || errB != nil {
					t.Fatalf("%s: Views.Process: %v, %v", c.id, errA, errB)
				}
				for v := range a {
					for i := range a[v] {
						if a[v][i] != b[v][i] {
							t.Fatalf("%s seed %d: CMYK view differs from its full decode", c.id, seed)
						}
					}
				}
			}
		}
		md, n := augDiff(got.Pix, want)
		t.Logf("%-10s vs PIL: max |diff| %d, %d of %d values differ", c.id, md, n, len(want))
		if md > c.maxDiff {
			t.Errorf("%s: max |diff| %d vs PIL > %d", c.id, md, c.maxDiff)
		}
	}
}
