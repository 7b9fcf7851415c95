package data

import (
	"math/rand/v2"
	"testing"
)

// TestProcessGeometryRebuildsProcess: the crops and colour parameters of
// ProcessGeometry, coloured with ApplyColour and normalised, are Process's
// output bit for bit, for JPEG (reduced-scale decode), RGB and gray
// samples, and the parameters cover every colour operation.
func TestProcessGeometryRebuildsProcess(t *testing.T) {
	samples := []struct {
		name string
		s    Sample
	}{
		{"jpeg", Sample{Path: "a.jpg", Encoded: augJPEG(t, 300, 260, 3, 90)}},
		{"rgb", Sample{Path: "b", Image: augNatural(t, 70, 90, 5)}},
		{"gray", Sample{Path: "c", Image: augGray(augNatural(t, 40, 36, 7))}},
	}
	presets := []struct {
		name string
		vs   Views
	}{{"simclr", SimCLR(48)}, {"byol", BYOL(40)}, {"supcon", SupCon(32)}, {"eval", Views{Eval(32)}}}
	var seen ColourParams
	for _, pr := range presets {
		for _, sm := range samples {
			for seed := uint64(0); seed < 20; seed++ {
				want := make([][]float32, len(pr.vs))
				got := make([][]float32, len(pr.vs))
				for i, v := range pr.vs {
					want[i] = make([]float32, v.Shape().Len())
					got[i] = make([]float32, v.Shape().Len())
				}
				if err := pr.vs.Process(sm.s, rand.New(rand.NewPCG(seed, 9)), want); err != nil {
					t.Fatal(err)
				}
				err := pr.vs.ProcessGeometry(sm.s, rand.New(rand.NewPCG(seed, 9)), func(i int, crop *Image, p ColourParams) error {
					pr.vs[i].ApplyColour(crop, p)
					pr.vs[i].Normalize.Into(got[i], crop)
					seen.Jitter = seen.Jitter || p.Jitter
					seen.Gray = seen.Gray || p.Gray
					seen.Blur = seen.Blur || p.Blur
					seen.Solarize = seen.Solarize || p.Solarize
					return nil
				})
				if err != nil {
					t.Fatal(err)
				}
				for i := range want {
					for j := range want[i] {
						if got[i][j] != want[i][j] {
							t.Fatalf("%s %s seed %d view %d: value %d = %v, Process gives %v",
								pr.name, sm.name, seed, i, j, got[i][j], want[i][j])
						}
					}
				}
			}
		}
	}
	if !seen.Jitter || !seen.Gray || !seen.Blur || !seen.Solarize {
		t.Errorf("some colour operation never drawn: %+v", seen)
	}
}

// TestDrawColourSkipsOff: a view without colour operations draws no
// randomness and returns the identity order.
func TestDrawColourSkipsOff(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	p := Eval(32).DrawColour(r)
	if p != (ColourParams{Order: [4]int{0, 1, 2, 3}}) {
		t.Errorf("eval view drew %+v", p)
	}
	if got, want := r.Uint64(), rand.New(rand.NewPCG(1, 2)).Uint64(); got != want {
		t.Errorf("eval view consumed randomness")
	}
}
