package data

import (
	"bytes"
	"image"
	"image/color"
	stdjpeg "image/jpeg"
	"math"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/selfsup/selfsup/data/jpeg"
)

// composeOf returns the torchvision-style Compose equivalent to v (without
// the final Normalize): the same operations drawing the same random
// numbers in the same order.
func composeOf(v View) Compose {
	c := Compose{RandomResizedCrop{Size: v.Size, Scale: v.Scale, Ratio: v.Ratio, Interp: v.Interp}}
	if v.EvalResize > 0 {
		c = Compose{Resize{Size: v.EvalResize, Interp: v.Interp}, CenterCrop{Size: v.Size}}
	}
	if v.FlipP > 0 {
		c = append(c, RandomHorizontalFlip{P: v.FlipP})
	}
	if v.JitterP > 0 {
		c = append(c, RandomApply{T: v.Jitter, P: v.JitterP})
	}
	if v.GrayP > 0 {
		c = append(c, RandomGrayscale{P: v.GrayP})
	}
	if v.BlurP > 0 {
		c = append(c, RandomApply{T: v.Blur, P: v.BlurP})
	}
	if v.SolarizeP > 0 {
		c = append(c, RandomSolarize{Threshold: v.SolarizeThreshold, P: v.SolarizeP})
	}
	return c
}

// TestViewEqualsCompose: the fused View pipeline (crop and resize in one
// pass, flip folded into the resize, colour ops in place, scratch from a
// pool) gives exactly the result of composing the separate transforms,
// whose functional forms are checked against torchvision elsewhere.
func TestViewEqualsCompose(t *testing.T) {
	src := augNatural(t, 120, 160, 31)
	views := append(append(append(SimCLR(48), BYOL(40)...), SupCon(32)...), Eval(64))
	for vi, v := range views {
		for seed := uint64(0); seed < 12; seed++ {
			dst := make([]float32, v.Shape().Len())
			v.Apply(src, rand.New(rand.NewPCG(seed, 1)), dst)
			img := composeOf(v).Apply(src, rand.New(rand.NewPCG(seed, 1)))
			want := v.Normalize.Tensor(img)
			for i := range want {
				if dst[i] != want[i] {
					t.Fatalf("view %d seed %d: value %d = %v, Compose gives %v", vi, seed, i, dst[i], want[i])
				}
			}
		}
	}
}

// TestViewsConcurrent: Process is deterministic given r and safe to call
// from many goroutines (run with -race).
func TestViewsConcurrent(t *testing.T) {
	vs := SimCLR(32)
	s := Sample{Path: "scene.jpg", Encoded: augJPEG(t, 90, 120, 32, 90)}
	run := func(seed uint64) [][]float32 {
		dst := [][]float32{make([]float32, 3*32*32), make([]float32, 3*32*32)}
		if err := vs.Process(s, rand.New(rand.NewPCG(seed, 2)), dst); err != nil {
			t.Error(err)
		}
		return dst
	}
	want := make([][][]float32, 16)
	for i := range want {
		want[i] = run(uint64(i))
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range want {
				got := run(uint64(i))
				for v := range got {
					for k := range got[v] {
						if got[v][k] != want[i][v][k] {
							t.Errorf("seed %d view %d: concurrent result differs", i, v)
							return
						}
					}
				}
			}
		}()
	}
	wg.Wait()
	// The two views of one sample differ (independent randomness).
	if eq := func(a, b []float32) bool {
		for i := range a {
			if a[i] != b[i] {
				return false
			}
		}
		return true
	}; eq(want[0][0], want[0][1]) {
		t.Error("the two SimCLR views are identical")
	}
}

// smoothJPEG encodes a smooth h×w image (gradients and slow waves, no
// noise or hard edges), where a reduced decode and a full decode followed
// by a resize should agree.
func smoothJPEG(t *testing.T, h, w int) []byte {
	t.Helper()
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			fx, fy := float64(x)/float64(w), float64(y)/float64(h)
			m.SetRGBA(x, y, color.RGBA{uint8(40 + 180*fx), uint8(128 + 100*math.Sin(5*fy+2*fx)), uint8(200 - 150*fx*fy), 255})
		}
	}
	var buf bytes.Buffer
	if err := stdjpeg.Encode(&buf, m, &stdjpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestViewsScaledDecode: with a large JPEG and small views, Process
// decodes at a reduced scale chosen so every crop keeps its resolution;
// the crop boxes are the same as with a full decode (drawn on the header's
// size) and on a smooth image the outputs agree closely.
func TestViewsScaledDecode(t *testing.T) {
	s := Sample{Path: "big.jpg", Encoded: smoothJPEG(t, 600, 800)}
	for _, size := range []int{32, 64} {
		scaled := SupCon(size)
		scaled[0].Scale, scaled[1].Scale = [2]float64{0.5, 1}, [2]float64{0.5, 1}
		full := append(Views(nil), scaled...)
		full[0].FullDecode = true
		var sumDiff float64
		n := 0
		for seed := uint64(0); seed < 10; seed++ {
			a := [][]float32{make([]float32, 3*size*size), make([]float32, 3*size*size)}
			b := [][]float32{make([]float32, 3*size*size), make([]float32, 3*size*size)}
			if err := scaled.Process(s, rand.New(rand.NewPCG(seed, 3)), a); err != nil {
				t.Fatal(err)
			}
			if err := full.Process(s, rand.New(rand.NewPCG(seed, 3)), b); err != nil {
				t.Fatal(err)
			}
			for v := range a {
				for i := range a[v] {
					sumDiff += math.Abs(float64(a[v][i]-b[v][i])) * 0.225 * 255 // back to 0..255 units
					n++
				}
			}
		}
		mean := sumDiff / float64(n)
		t.Logf("size %d: scaled vs full decode, mean |diff| %.2f levels", size, mean)
		if mean > 2 {
			t.Errorf("size %d: scaled decode differs from full decode by %.2f levels on average", size, mean)
		}
	}
	// The reduction keeps every crop at >= Size pixels and is as large as
	// that allows.
	r := rand.New(rand.NewPCG(5, 5))
	vs := append(SimCLR(32), Eval(32))
	seen := map[jpeg.ScalingFactor]int{}
	for range 500 {
		plans := []viewPlan{vs[0].plan(600, 800, r), vs[1].plan(600, 800, r), vs[2].plan(600, 800, r)}
		f := vs.reduction(plans, 600, 800)
		seen[f]++
		for i, v := range vs {
			if !v.fits(plans[i], 600, 800, f) {
				t.Fatalf("reduction %v loses resolution for view %d (%+v)", f, i, plans[i])
			}
			q := scalePlan(plans[i], f, f.Scaled(600), f.Scaled(800))
			if v.EvalResize == 0 && (q.h < 32 || q.w < 32 || q.top+q.h > f.Scaled(600) || q.left+q.w > f.Scaled(800)) {
				t.Fatalf("scaled box %+v of %+v at %v", q, plans[i], f)
			}
		}
		for _, c := range jpeg.Reductions() {
			if c.Num*f.Denom < f.Num*c.Denom {
				ok := true
				for i, v := range vs {
					ok = ok && v.fits(plans[i], 600, 800, c)
				}
				if ok {
					t.Fatalf("reduction %v chosen where %v fits", f, c)
				}
			}
		}
	}
	t.Logf("reductions chosen for SimCLR(32)+Eval(32) on 800x600: %v", seen)
	if len(seen) < 2 {
		t.Errorf("expected several reductions, got %v", seen)
	}
	p := viewPlan{top: 100, left: 200, h: 400, w: 300}
	q := scalePlan(p, jpegQuarter, 150, 200)
	if q != (viewPlan{top: 25, left: 50, h: 100, w: 75}) {
		t.Errorf("scalePlan 1/4: %+v", q)
	}
}

func TestViewsGrayAndErrors(t *testing.T) {
	// Fashion-MNIST-like 28×28 gray arrays through the 3-channel presets,
	// and a 1-channel output view.
	gray := augGray(augNatural(t, 28, 28, 34))
	for _, vs := range []Views{SimCLR(28), BYOL(28), SupCon(28), {Eval(28)}} {
		dst := make([][]float32, len(vs))
		for i, sh := range vs.Shapes() {
			if sh != (Shape{C: 3, H: 28, W: 28}) {
				t.Fatalf("shape %v", sh)
			}
			dst[i] = make([]float32, sh.Len())
		}
		if err := vs.Process(Sample{Path: "a", Image: gray}, rand.New(rand.NewPCG(1, 1)), dst); err != nil {
			t.Fatal(err)
		}
	}
	v := SimCLR(28)[0]
	v.Normalize = Normalize{Mean: []float32{0.286}, Std: []float32{0.353}}
	dst := make([]float32, 28*28)
	v.Apply(gray, rand.New(rand.NewPCG(2, 2)), dst)
	rgb := augNatural(t, 28, 28, 35)
	v.Apply(rgb, rand.New(rand.NewPCG(2, 2)), dst) // 3 → 1 channel
	// Errors: broken sample, short output, bad configuration.
	vs := SimCLR(28)
	good := [][]float32{make([]float32, 3*28*28), make([]float32, 3*28*28)}
	if err := vs.Process(Sample{Path: "bad.jpg", Encoded: []byte("nope")}, rand.New(rand.NewPCG(1, 1)), good); err == nil ||
		!bytes.Contains([]byte(err.Error()), []byte("bad.jpg")) {
		t.Errorf("broken sample: %v", err)
	}
	if err := vs.Process(Sample{Image: gray}, rand.New(rand.NewPCG(1, 1)), good[:1]); err == nil {
		t.Error("one output slice for two views accepted")
	}
	if err := vs.Process(Sample{Image: gray}, rand.New(rand.NewPCG(1, 1)), [][]float32{good[0][:10], good[1]}); err == nil {
		t.Error("short output accepted")
	}
	bad := []func(*View){
		func(v *View) { v.Size = 0 },
		func(v *View) { v.Normalize.Std = v.Normalize.Std[:2] },
		func(v *View) { v.Jitter.Hue = 0.6 },
		func(v *View) { v.Blur.Kernel = 4 },
		func(v *View) { v.Blur.SigmaMin = 0 },
		func(v *View) { v.SolarizeP, v.SolarizeThreshold = 0.1, 300 },
		func(v *View) { v.EvalResize = 10 },
	}
	for i, f := range bad {
		v := SimCLR(28)[0]
		f(&v)
		if err := (Views{v}).Process(Sample{Image: gray}, rand.New(rand.NewPCG(1, 1)), good); err == nil {
			t.Errorf("bad config %d accepted", i)
		}
	}
}

func TestPresets(t *testing.T) {
	s := SimCLR(224)
	if len(s) != 2 || s[0].Blur.Kernel != 23 || s[0].Jitter.Hue != 0.2 || s[0].BlurP != 0.5 || s[0].Interp != Bicubic {
		t.Errorf("SimCLR(224): %+v", s[0])
	}
	b := BYOL(224)
	if b[0].BlurP != 1 || b[1].BlurP != 0.1 || b[0].SolarizeP != 0 || b[1].SolarizeP != 0.2 || b[1].SolarizeThreshold != 128 {
		t.Errorf("BYOL(224) asymmetry: %+v / %+v", b[0], b[1])
	}
	c := SupCon(32)
	if c[0].Scale != [2]float64{0.2, 1} || c[0].BlurP != 0 || c[0].Jitter.Saturation != 0.4 {
		t.Errorf("SupCon(32): %+v", c[0])
	}
	// Each view owns its normalisation: editing one changes no other.
	s[0].Normalize.Mean[0] = 9
	if s[1].Normalize.Mean[0] == 9 || ImageNetMean[0] == 9 || SimCLR(224)[0].Normalize.Mean[0] == 9 {
		t.Error("views share their Normalize slices")
	}
	b[0].Normalize.Std[0] = 9
	if b[1].Normalize.Std[0] == 9 || ImageNetStd[0] == 9 {
		t.Error("BYOL's views share their Normalize slices")
	}
	bad := SimCLR(32)[0]
	bad.Scale = [2]float64{0.5, 0.1}
	if err := bad.Validate(); err == nil {
		t.Error("a reversed crop scale validated")
	}
	for _, size := range []int{224, 32, 28} {
		if e := Eval(size); e.EvalResize != map[int]int{224: 256, 32: 32, 28: 28}[size] {
			t.Errorf("Eval(%d).EvalResize = %d", size, e.EvalResize)
		}
		for _, vs := range []Views{SimCLR(size), BYOL(size), SupCon(size), {Eval(size)}, NViews(SimCLR(size)[0], 4)} {
			if err := vs.Validate(); err != nil {
				t.Errorf("size %d: %v", size, err)
			}
		}
	}
	if BlurKernel(32) != 3 || BlurKernel(28) != 3 || BlurKernel(224) != 23 || BlurKernel(96) != 9 {
		t.Error("BlurKernel")
	}
}

var jpegQuarter = jpeg.ScalingFactor{Num: 1, Denom: 4}

// Views is what the loader runs per sample.
var _ Pipeline = Views(nil)

// At CIFAR sizes Eval leaves a native-size image untouched: its output is
// the normalised input.
func TestEvalAtNativeSizeIsIdentity(t *testing.T) {
	img := NewImage(32, 32, 3)
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 37)
	}
	v := Eval(32)
	got := make([]float32, 3*32*32)
	v.Apply(img, nil, got)
	want := make([]float32, 3*32*32)
	v.Normalize.Into(want, img)
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("element %d: %v, want %v", i, got[i], want[i])
		}
	}
}
