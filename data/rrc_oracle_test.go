package data

import (
	"encoding/binary"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// TestRandomResizedCropMatchesTorchvision draws 10,000 crop boxes with
// RandomResizedCrop.Params and 10,000 with torchvision's
// RandomResizedCrop.get_params on the same image size, and compares the
// distributions of area fraction, log aspect ratio and vertical position
// with scipy's two-sample Kolmogorov–Smirnov test (p > 0.01), plus how
// often the central-crop fallback is taken. Sizes include a small odd
// image and extreme aspect ratios where the fallback triggers.
func TestRandomResizedCropMatchesTorchvision(t *testing.T) {
	const n = 10000
	cases := []struct {
		id           string
		h, w         int
		scale, ratio [2]float64
	}{
		{"imagenet", 375, 500, [2]float64{0.08, 1}, [2]float64{3.0 / 4, 4.0 / 3}},
		{"small_odd", 20, 32, [2]float64{0.08, 1}, [2]float64{3.0 / 4, 4.0 / 3}},
		{"wide_fallback", 10, 100, [2]float64{0.08, 1}, [2]float64{3.0 / 4, 4.0 / 3}},
		{"tall_fallback", 90, 12, [2]float64{0.5, 1}, [2]float64{3.0 / 4, 4.0 / 3}},
	}
	dir := t.TempDir()
	r := rand.New(rand.NewPCG(11, 12))
	var specs []map[string]any
	for _, c := range cases {
		rrc := RandomResizedCrop{Scale: c.scale, Ratio: c.ratio}
		buf := make([]byte, 0, n*16)
		for range n {
			top, left, h, w := rrc.Params(c.h, c.w, r)
			if h <= 0 || w <= 0 || top < 0 || left < 0 || top+h > c.h || left+w > c.w {
				t.Fatalf("%s: box (%d, %d, %d, %d) outside %dx%d", c.id, top, left, h, w, c.h, c.w)
			}
			for _, v := range []int{top, left, h, w} {
				buf = binary.LittleEndian.AppendUint32(buf, uint32(int32(v)))
			}
		}
		file := "go_" + c.id + ".bin"
		if err := os.WriteFile(filepath.Join(dir, file), buf, 0o644); err != nil {
			t.Fatal(err)
		}
		specs = append(specs, map[string]any{"id": c.id, "h": c.h, "w": c.w, "scale": c.scale, "ratio": c.ratio, "n": n, "go_file": file})
	}
	var out map[string]map[string]any
	augOracle(t, "rrc", dir, map[string]any{"seed": 0, "cases": specs}, &out)
	for _, c := range cases {
		o := out[c.id]
		f := func(k string) float64 { v, _ := o[k].(float64); return v }
		t.Logf("%-13s KS p: area %.3f, log ratio %.3f, top %.3f; fallback torch %.3f go %.3f; mean area torch %.4f go %.4f",
			c.id, f("p_area"), f("p_logratio"), f("p_top"), f("fallback_torch"), f("fallback_go"), f("mean_area_torch"), f("mean_area_go"))
		for _, k := range []string{"p_area", "p_logratio", "p_top"} {
			if f(k) <= 0.01 {
				t.Errorf("%s: %s = %.4g <= 0.01: the crop distribution differs from torchvision's", c.id, k, f(k))
			}
		}
		// The fallback frequency is a binomial proportion: allow 5 standard
		// errors of the difference.
		p := (f("fallback_torch") + f("fallback_go")) / 2
		if d := f("fallback_torch") - f("fallback_go"); d*d > 25*2*p*(1-p)/n+1e-12 {
			t.Errorf("%s: fallback frequency torch %.4f vs go %.4f", c.id, f("fallback_torch"), f("fallback_go"))
		}
	}
	if out["wide_fallback"]["fallback_torch"].(float64) < 0.2 {
		t.Errorf("wide_fallback should exercise the fallback: torch took it %.3f of the time", out["wide_fallback"]["fallback_torch"])
	}
}
