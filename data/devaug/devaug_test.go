package devaug

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	stdjpeg "image/jpeg"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/selfsup/selfsup/data"
	"github.com/selfsup/selfsup/data/feed"
	"github.com/selfsup/selfsup/torch"
)

// jpegSet is a dataset of generated photo-like JPEGs: smooth colour
// gradients, a few saturated discs and rectangles, gray patches, noise.
type jpegSet struct {
	files [][]byte
}

func newJPEGSet(t testing.TB, n, h, w int) *jpegSet {
	d := &jpegSet{}
	for i := 0; i < n; i++ {
		d.files = append(d.files, scene(t, h+7*(i%5), w-5*(i%3), uint64(i)))
	}
	return d
}

func (d *jpegSet) Len() int { return len(d.files) }

func (d *jpegSet) Item(i int) (data.Sample, error) {
	return data.Sample{Path: fmt.Sprintf("scene%d.jpg", i), Encoded: d.files[i], Label: i % 3}, nil
}

// scene renders and encodes one synthetic image.
func scene(t testing.TB, h, w int, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, 77))
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	c0 := [3]float64{r.Float64() * 255, r.Float64() * 255, r.Float64() * 255}
	c1 := [3]float64{r.Float64() * 255, r.Float64() * 255, r.Float64() * 255}
	type disc struct {
		x, y, rad float64
		c         color.RGBA
	}
	var discs []disc
	for k := 0; k < 5; k++ {
		discs = append(discs, disc{r.Float64() * float64(w), r.Float64() * float64(h), 8 + r.Float64()*float64(min(h, w))/4,
			color.RGBA{uint8(r.IntN(256)), uint8(r.IntN(256)), uint8(r.IntN(256)), 255}})
	}
	gray := uint8(r.IntN(256))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			a := (float64(x)/float64(w) + float64(y)/float64(h)) / 2
			var px [3]uint8
			for ch := range px {
				v := c0[ch]*(1-a) + c1[ch]*a + r.NormFloat64()*6
				px[ch] = uint8(max(0, min(255, v)))
			}
			c := color.RGBA{px[0], px[1], px[2], 255}
			for _, d := range discs {
				if (float64(x)-d.x)*(float64(x)-d.x)+(float64(y)-d.y)*(float64(y)-d.y) < d.rad*d.rad {
					c = d.c
				}
			}
			if x < w/6 && y < h/6 {
				c = color.RGBA{gray, gray, gray, 255}
			}
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := stdjpeg.Encode(&buf, img, &stdjpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// firstN is the first n samples of a dataset.
type firstN struct {
	data.Dataset
	n int
}

func (d firstN) Len() int { return d.n }

// batches runs a loader over ds with pipe and returns every batch's views,
// copied.
func batches(t testing.TB, ds data.Dataset, pipe data.Pipeline, batch int, seed uint64) [][][]float32 {
	l, err := data.NewLoader(ds, pipe, data.LoaderOptions{BatchSize: batch, Seed: seed, Epochs: 1, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	var out [][][]float32
	for l.Next() {
		b := l.Batch()
		var views [][]float32
		for _, v := range b.Views {
			views = append(views, append([]float32(nil), v...))
		}
		out = append(out, views)
	}
	if err := l.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// coverage records which colour operations the parameters exercised.
type coverage struct {
	orderAt    [4][4]bool // op at position
	jitter     [2]bool
	gray, blur [2]bool
	solarize   [2]bool
}

func (c *coverage) add(params []float32) {
	for i := 0; i+K <= len(params); i += K {
		p := params[i : i+K]
		b := func(k int) int { return int(p[k]) }
		c.jitter[b(pJitter)] = true
		if p[pJitter] != 0 {
			for pos := 0; pos < 4; pos++ {
				c.orderAt[pos][b(pOrder+pos)] = true
			}
		}
		c.gray[b(pGray)] = true
		c.blur[b(pBlur)] = true
		c.solarize[b(pSolarize)] = true
	}
}

// TestApplyMatchesGoPath: the loader with the Go path (data.Views) and
// with Pipeline + Apply give the same normalised views, to within one
// uint8 level, for the SimCLR, BYOL and SupCon presets on JPEGs (224² and
// small) and on Fashion-MNIST, with every jitter order, grayscale, blur
// and solarize both on and off. Samples that are not blurred must agree
// bit for bit: only the blur sums in another order than the Go path.
func TestApplyMatchesGoPath(t *testing.T) {
	jpegs := newJPEGSet(t, 48, 150, 170)
	big := newJPEGSet(t, 8, 260, 300)
	fm, err := data.FashionMNIST("/usr/share/datasets/fashion-mnist", false)
	if err != nil {
		t.Fatalf("Fashion-MNIST (Debian dataset-fashion-mnist): %v", err)
	}
	tests := []struct {
		name       string
		vs         data.Views
		ds         data.Dataset
		batch      int
		solarize   bool
		blurAlways bool
	}{
		{"simclr224", data.SimCLR(224), big, 8, false, false},
		{"simclr64", data.SimCLR(64), jpegs, 16, false, false},
		{"byol96", data.BYOL(96), jpegs, 16, true, true},
		{"supcon32", data.SupCon(32), jpegs, 16, false, false},
		{"simclr28_fashion", data.SimCLR(28), firstN{fm, 64}, 32, false, false},
		{"byol28_fashion", data.BYOL(28), firstN{fm, 64}, 32, true, true},
	}
	var all coverage
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want := batches(t, tc.ds, tc.vs, tc.batch, 5)
			got := batches(t, tc.ds, Pipeline{Views: tc.vs}, tc.batch, 5)
			if len(got) != len(want) {
				t.Fatalf("%d batches, Go path %d", len(got), len(want))
			}
			n := len(tc.vs)
			var diffs, total int
			for bi := range want {
				for vi, v := range tc.vs {
					all.add(got[bi][n+vi])
					out := applyHost(t, v, got[bi][vi], got[bi][n+vi])
					w := want[bi][vi]
					if len(out) != len(w) {
						t.Fatalf("batch %d view %d: %d values, want %d", bi, vi, len(out), len(w))
					}
					hw := v.Size * v.Size
					for i := range w {
						total++
						if out[i] == w[i] {
							continue
						}
						diffs++
						ch := i / hw % v.Channels()
						if sample := i / (hw * v.Channels()); got[bi][n+vi][sample*K+pBlur] == 0 {
							t.Fatalf("batch %d view %d value %d (not blurred): %v, Go path %v",
								bi, vi, i, out[i], w[i])
						}
						tol := 1/255.0/float64(v.Normalize.Std[ch]) + 1e-5
						if d := math.Abs(float64(out[i] - w[i])); d > tol {
							t.Fatalf("batch %d view %d value %d: %v, Go path %v (%.2f levels)",
								bi, vi, i, out[i], w[i], d*float64(v.Normalize.Std[ch])*255)
						}
					}
				}
			}
			t.Logf("%d of %d values differ by one level", diffs, total)
		})
	}
	for pos := 0; pos < 4; pos++ {
		for op := 0; op < 4; op++ {
			if !all.orderAt[pos][op] {
				t.Errorf("jitter op %d never drawn at position %d", op, pos)
			}
		}
	}
	if all.jitter != [2]bool{true, true} || all.gray != [2]bool{true, true} ||
		all.blur != [2]bool{true, true} || all.solarize != [2]bool{true, true} {
		t.Errorf("an operation is not covered both on and off: %+v", all)
	}
}

// applyHost runs Apply on host batches and returns its output.
func applyHost(t testing.TB, v data.View, crops, params []float32) []float32 {
	t.Helper()
	var out []float32
	err := torch.Try(func() {
		torch.Scoped(func() {
			n := int64(len(params) / K)
			x := torch.FromSlice(crops, n, int64(v.Channels()), int64(v.Size), int64(v.Size))
			p := torch.FromSlice(params, n, 1, 1, K)
			out = torch.Data[float32](Apply(v, x, p))
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestApplyDeterministic: the same seed gives the same tensors, run to
// run and through feed.ToDevice.
func TestApplyDeterministic(t *testing.T) {
	ds := newJPEGSet(t, 16, 120, 140)
	vs := data.BYOL(48)
	run := func() [][]float32 {
		var outs [][]float32
		for _, b := range batches(t, ds, Pipeline{Views: vs}, 8, 11) {
			for vi, v := range vs {
				outs = append(outs, applyHost(t, v, b[vi], b[len(vs)+vi]))
			}
		}
		return outs
	}
	a, b := run(), run()
	for i := range a {
		for j := range a[i] {
			if a[i][j] != b[i][j] {
				t.Fatalf("output %d value %d: %v then %v", i, j, a[i][j], b[i][j])
			}
		}
	}
	other := batches(t, ds, Pipeline{Views: vs}, 8, 12)
	if fmt.Sprint(other[0][len(vs)]) == fmt.Sprint(batches(t, ds, Pipeline{Views: vs}, 8, 11)[0][len(vs)]) {
		t.Errorf("seeds 11 and 12 drew the same colour parameters")
	}
	// The batch as the training loop sees it: through feed.ToDevice.
	l, err := data.NewLoader(ds, Pipeline{Views: vs}, data.LoaderOptions{BatchSize: 8, Seed: 11, Epochs: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if !l.Next() {
		t.Fatal(l.Err())
	}
	torch.Scoped(func() {
		fb := feed.ToDevice(l.Batch(), torch.CPU)
		got := torch.Data[float32](Apply(vs[0], fb.Views[0], fb.Views[len(vs)]))
		for j := range got {
			if got[j] != a[0][j] {
				t.Fatalf("via feed: value %d = %v, want %v", j, got[j], a[0][j])
			}
		}
	})
}

// TestDeviceJitterPath: the all-device jitter (params on the device: every
// op on every sample, chosen with torch.Where) equals the host-indexed one
// bit for bit.
func TestDeviceJitterPath(t *testing.T) {
	vs := data.SimCLR(40)
	b := batches(t, newJPEGSet(t, 24, 90, 100), Pipeline{Views: vs}, 24, 3)[0]
	var cov coverage
	cov.add(b[2])
	torch.Scoped(func() {
		x := torch.FromSlice(b[0], 24, 3, 40, 40)
		p := torch.FromSlice(b[2], 24, K)
		want := torch.Data[float32](apply(vs[0], x, p, true))
		got := torch.Data[float32](apply(vs[0], x, p, false))
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("value %d: %v on the device, %v host-indexed", i, got[i], want[i])
			}
		}
	})
	if cov.jitter != [2]bool{true, true} {
		t.Errorf("jitter not both on and off in the batch")
	}
}

// TestPipelineErrors: misuse is an error, not a panic or a silent result.
func TestPipelineErrors(t *testing.T) {
	vs := data.SimCLR(32)
	p := Pipeline{Views: vs}
	s := data.Sample{Path: "x.jpg", Encoded: scene(t, 40, 40, 1)}
	if err := p.Process(s, rand.New(rand.NewPCG(1, 1)), make([][]float32, 3)); err == nil {
		t.Error("too few outputs accepted")
	}
	short := make([][]float32, 4)
	for i, sh := range p.Shapes() {
		short[i] = make([]float32, sh.Len())
	}
	short[3] = short[3][:K-1]
	if err := p.Process(s, rand.New(rand.NewPCG(1, 1)), short); err == nil {
		t.Error("short parameter output accepted")
	}
	if err := p.Process(data.Sample{Path: "bad.jpg", Encoded: []byte("nope")}, rand.New(rand.NewPCG(1, 1)), short); err == nil {
		t.Error("undecodable sample accepted")
	}
	tiny := data.SimCLR(8)[0]
	tiny.Blur.Kernel = 17
	if err := (Pipeline{Views: data.Views{tiny}}).Validate(); err == nil {
		t.Error("blur kernel wider than the image accepted")
	}
	torch.Scoped(func() {
		x := torch.Zeros([]int64{2, 3, 32, 32})
		for name, fn := range map[string]func(){
			"wrong size":   func() { Apply(vs[0], torch.Zeros([]int64{2, 3, 16, 16}), torch.Zeros([]int64{2, K})) },
			"wrong params": func() { Apply(vs[0], x, torch.Zeros([]int64{2, K - 1})) },
			"bad view":     func() { Apply(data.View{}, x, torch.Zeros([]int64{2, K})) },
		} {
			if err := torch.Try(fn); !torch.IsError(err) {
				t.Errorf("%s: got %v, want a *torch.Error", name, err)
			}
		}
	})
}
