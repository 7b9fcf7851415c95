package data

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// augCase is one functional op applied to the same pixels in Go and by
// torchvision.transforms.functional (third_party/pytorch/oracle_augment.py).
type augCase struct {
	id    string
	image string
	spec  map[string]any         // the oracle's op and parameters
	u8    func(*Image) *Image    // the Go op on uint8 pixels, or
	f32   func(*Image) []float32 // the Go op producing float32 CHW
}

func augCases() []augCase {
	var cs []augCase
	add := func(image string, spec map[string]any, u8 func(*Image) *Image) {
		cs = append(cs, augCase{image: image, spec: spec, u8: u8})
	}
	for _, im := range []string{"nat", "gray"} {
		for _, f := range []float64{0, 0.2, 0.5, 1, 1.37, 1.8} {
			add(im, map[string]any{"op": "brightness", "f": f}, func(m *Image) *Image { return AdjustBrightness(m, f) })
		}
		for _, f := range []float64{0, 0.2, 0.6, 1, 1.5, 1.8} {
			add(im, map[string]any{"op": "contrast", "f": f}, func(m *Image) *Image { return AdjustContrast(m, f) })
		}
		for _, th := range []float64{0, 1, 64, 128, 200.5, 255} {
			add(im, map[string]any{"op": "solarize", "threshold": th}, func(m *Image) *Image { return Solarize(m, th) })
		}
		add(im, map[string]any{"op": "hflip"}, HFlip)
		for _, ch := range []int{1, 3} {
			add(im, map[string]any{"op": "grayscale", "channels": ch}, func(m *Image) *Image { return RGBToGrayscale(m, ch) })
		}
		add(im, map[string]any{"op": "saturation", "f": 0.5}, func(m *Image) *Image { return AdjustSaturation(m, 0.5) })
		add(im, map[string]any{"op": "hue", "f": 0.3}, func(m *Image) *Image { return AdjustHue(m, 0.3) })
	}
	for _, im := range []string{"nat", "edge"} {
		for _, f := range []float64{0, 0.2, 0.7, 1.3, 1.8, 2.5} {
			add(im, map[string]any{"op": "saturation", "f": f}, func(m *Image) *Image { return AdjustSaturation(m, f) })
		}
		for _, f := range []float64{-0.5, -0.4999, -0.25, -0.1, -0.01, 0, 0.013, 0.1, 0.2, 0.4999, 0.5} {
			add(im, map[string]any{"op": "hue", "f": f}, func(m *Image) *Image { return AdjustHue(m, f) })
		}
	}
	blurs := []struct {
		im    string
		k     int
		sigma float64
	}{
		{"nat", 3, 0.1}, {"nat", 3, 1}, {"nat", 5, 0.5}, {"nat", 9, 1.5}, {"nat", 23, 0.1},
		{"nat", 23, 0.5}, {"nat", 23, 1}, {"nat", 23, 2}, {"nat", 23, 5}, {"nat", 23, 10},
		{"gray", 23, 2}, {"gray", 3, 0.8}, {"tiny", 3, 0.8}, {"tiny", 5, 2}, {"edge", 7, 1.2},
	}
	for _, b := range blurs {
		add(b.im, map[string]any{"op": "blur", "k": b.k, "sigma": b.sigma}, func(m *Image) *Image { return Blur(m, b.k, b.sigma) })
	}
	crops := []struct {
		im                      string
		top, left, h, w, oh, ow int
	}{
		{"big", 0, 0, 375, 500, 224, 224},    // whole image, downscale
		{"big", 10, 20, 100, 80, 224, 224},   // upscale
		{"big", 5, 7, 13, 11, 224, 224},      // strong upscale, edge clamping
		{"big", 60, 150, 300, 300, 224, 224}, // mild downscale
		{"big", 37, 61, 224, 224, 224, 224},  // no resize: the crop itself
		{"big", 50, 50, 200, 150, 96, 128},   // non-square output
		{"big", 0, 0, 375, 500, 32, 32},      // > 2x downscale
		{"big", 370, 495, 5, 5, 17, 17},      // bottom-right corner
		{"gray", 3, 4, 50, 70, 28, 28},
		{"tiny", 0, 0, 7, 5, 32, 32},
	}
	for _, c := range crops {
		for _, in := range []Interpolation{Bilinear, Bicubic} {
			spec := map[string]any{"op": "resized_crop", "top": c.top, "left": c.left, "height": c.h, "width": c.w,
				"out_h": c.oh, "out_w": c.ow, "interp": in.String()}
			add(c.im, spec, func(m *Image) *Image { return ResizedCrop(m, c.top, c.left, c.h, c.w, c.oh, c.ow, in) })
			if c.oh == c.ow {
				flip := map[string]any{}
				for k, v := range spec {
					flip[k] = v
				}
				flip["op"] = "resized_crop_flip"
				add(c.im, flip, func(m *Image) *Image {
					out := NewImage(c.oh, c.ow, m.C)
					var g geomBuf
					resizedCropInto(out, m, c.top, c.left, c.h, c.w, in, true, &g)
					return out
				})
			}
		}
	}
	for _, r := range []struct {
		im   string
		size int
	}{{"big", 256}, {"big", 36}, {"tiny", 32}, {"gray", 36}} {
		for _, in := range []Interpolation{Bilinear, Bicubic} {
			add(r.im, map[string]any{"op": "resize", "size": r.size, "interp": in.String()},
				func(m *Image) *Image { return Resize{Size: r.size, Interp: in}.Apply(m, nil) })
		}
	}
	for _, c := range []struct {
		im   string
		size int
	}{{"big", 224}, {"tiny", 9}, {"tiny", 4}, {"gray", 100}} {
		add(c.im, map[string]any{"op": "center_crop", "size": c.size}, func(m *Image) *Image { return CenterCropped(m, c.size, c.size) })
	}
	for _, c := range []struct {
		im           string
		resize, size int
	}{{"big", 256, 224}, {"big", 36, 32}, {"gray", 32, 28}, {"nat", 137, 128}} {
		for _, in := range []Interpolation{Bilinear, Bicubic} {
			add(c.im, map[string]any{"op": "resize_center_crop", "resize": c.resize, "size": c.size, "interp": in.String()},
				func(m *Image) *Image {
					out := NewImage(c.size, c.size, m.C)
					var g geomBuf
					resizeCenterCropInto(out, m, c.resize, in, false, &g)
					return out
				})
		}
	}
	// ColorJitter's four adjustments in explicit orders.
	for _, j := range []struct {
		order   [4]int
		factors [4]float64
	}{
		{[4]int{0, 1, 2, 3}, [4]float64{1.3, 0.7, 1.5, 0.1}},
		{[4]int{3, 2, 1, 0}, [4]float64{0.25, 1.75, 0.3, -0.18}},
		{[4]int{2, 0, 3, 1}, [4]float64{1.8, 0.2, 1.8, 0.49}},
	} {
		fs := make([]float64, 4)
		for i, op := range j.order {
			fs[i] = j.factors[op]
		}
		add("nat", map[string]any{"op": "jitter", "order": j.order, "factors": fs}, func(m *Image) *Image {
			out := augCopy(m)
			jitterInPlace(out, jitterParams{order: j.order, factors: j.factors, on: [4]bool{true, true, true, true}})
			return out
		})
	}
	for _, n := range []struct {
		im        string
		mean, std []float32
	}{
		{"nat", ImageNetMean, ImageNetStd},
		{"edge", []float32{0.5, 0.5, 0.5}, []float32{0.5, 0.5, 0.5}},
		{"gray", []float32{0.2860}, []float32{0.3530}},
	} {
		cs = append(cs, augCase{image: n.im, spec: map[string]any{"op": "normalize", "mean": n.mean, "std": n.std},
			f32: func(m *Image) []float32 { return Normalize{Mean: n.mean, Std: n.std}.Tensor(m) }})
	}
	for i := range cs {
		cs[i].id = fmt.Sprintf("%03d", i)
	}
	return cs
}

func augCaseName(c augCase) string {
	keys := make([]string, 0, len(c.spec))
	for k := range c.spec {
		if k != "op" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	parts := []string{c.spec["op"].(string), c.image}
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s=%v", k, c.spec[k]))
	}
	return strings.Join(parts, " ")
}

// TestOpsMatchTorchvision compares every functional op with torchvision's
// on the same pixels: uint8 results may differ by at most 1 (float32
// rounding next to a .5 or an integer), float32 results by 1e-5.
func TestOpsMatchTorchvision(t *testing.T) {
	dir := t.TempDir()
	nat := augNatural(t, 120, 160, 1)
	images := map[string]*Image{
		"nat":  nat,
		"big":  augNatural(t, 375, 500, 2),
		"gray": augGray(nat),
		"tiny": augNoise(7, 5, 3, 4),
		"edge": augEdgeColours(5),
	}
	req := map[string]any{"images": map[string]any{}, "cases": nil}
	for name, m := range images {
		file := "img_" + name + ".bin"
		if err := os.WriteFile(filepath.Join(dir, file), m.Pix, 0o644); err != nil {
			t.Fatal(err)
		}
		req["images"].(map[string]any)[name] = map[string]any{"file": file, "h": m.H, "w": m.W, "c": m.C}
	}
	cases := augCases()
	var specs []map[string]any
	for _, c := range cases {
		s := map[string]any{"id": c.id, "image": c.image}
		for k, v := range c.spec {
			s[k] = v
		}
		specs = append(specs, s)
	}
	req["cases"] = specs
	var dims map[string][]int
	augOracle(t, "ops", dir, req, &dims)

	// Both code paths: the AVX2 loops (when this CPU has them) and the
	// portable scalar ones.
	simd := useSIMD
	defer func() { useSIMD = simd }()
	for _, useSIMD = range []bool{simd, false} {
		checkAugCases(t, dir, cases, images, dims)
		if !simd {
			break
		}
	}
}

// checkAugCases compares each case's Go result with the oracle's output.
func checkAugCases(t *testing.T, dir string, cases []augCase, images map[string]*Image, dims map[string][]int) {
	path := "scalar"
	if useSIMD {
		path = "SIMD"
	}
	worst := map[string]float64{} // op -> largest difference seen
	for _, c := range cases {
		name := path + " " + augCaseName(c)
		op := c.spec["op"].(string)
		path := filepath.Join(dir, "out_"+c.id+".bin")
		if c.f32 != nil {
			want := augReadFloat32(t, path)
			got := c.f32(images[c.image])
			if len(got) != len(want) {
				t.Errorf("%s: %d values, torchvision %d", name, len(got), len(want))
				continue
			}
			var d float64
			for i := range got {
				d = max(d, math.Abs(float64(got[i]-want[i])))
			}
			worst[op] = max(worst[op], d)
			if d > 1e-5 {
				t.Errorf("%s: max |diff| %g > 1e-5", name, d)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		got := c.u8(images[c.image])
		dm := dims[c.id]
		if len(dm) != 3 || got.H != dm[0] || got.W != dm[1] || got.C != dm[2] {
			t.Errorf("%s: got %v, torchvision %v", name, got, dm)
			continue
		}
		d, n := augDiff(got.Pix, want)
		worst[op] = max(worst[op], float64(d))
		if d > 1 {
			t.Errorf("%s: max |diff| %d > 1 (%d of %d values differ)", name, d, n, len(want))
		} else if n > 0 {
			t.Logf("%s: %d of %d values differ by 1", name, n, len(want))
		}
	}
	ops := make([]string, 0, len(worst))
	for op := range worst {
		ops = append(ops, op)
	}
	sort.Strings(ops)
	for _, op := range ops {
		t.Logf("%s: max |diff| vs torchvision, %-18s %g", path, op, worst[op])
	}
}
