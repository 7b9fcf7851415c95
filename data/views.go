package data

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"

	"github.com/selfsup/selfsup/data/jpeg"
)

// View is one augmentation pipeline producing a normalised Size×Size
// float32 CHW tensor from an image, with torchvision's semantics and its
// order of operations:
//
//	RandomResizedCrop(Size, Scale, Ratio, Interp)   (or, when EvalResize > 0,
//	    Resize(EvalResize) + CenterCrop(Size))
//	RandomHorizontalFlip(FlipP)
//	RandomApply(ColorJitter(Jitter), JitterP)
//	RandomGrayscale(GrayP)                          (3 equal channels)
//	RandomApply(GaussianBlur(Blur), BlurP)
//	RandomSolarize(SolarizeThreshold, SolarizeP)
//	Normalize (v/255, then (x-mean)/std per channel)
//
// An operation with probability 0 is skipped and draws no randomness. The
// output has len(Normalize.Mean) channels; an image with a different
// channel count is converted first (1→3 replicates the gray value, 3→1 is
// ConvertChannels' luma). A View is plain configuration: it is safe to use
// from many goroutines at once, each with its own *rand.Rand; scratch
// buffers come from a sync.Pool.
type View struct {
	// Size is the output height and width.
	Size int
	// Scale and Ratio are RandomResizedCrop's ranges of area fraction and
	// aspect ratio (w/h); zero means (0.08, 1) and (3/4, 4/3).
	Scale, Ratio [2]float64
	// EvalResize > 0 selects evaluation geometry instead of the random
	// crop: the shorter side resized to EvalResize, then the central
	// Size×Size crop (torchvision's Resize + CenterCrop). It must be >= Size.
	EvalResize int
	// Interp is the filter of the resize.
	Interp Interpolation
	// FlipP is the probability of a horizontal flip.
	FlipP float64
	// Jitter is applied with probability JitterP.
	Jitter  ColorJitter
	JitterP float64
	// GrayP is the probability of converting to grayscale.
	GrayP float64
	// Blur is applied with probability BlurP.
	Blur  GaussianBlur
	BlurP float64
	// SolarizeP is the probability of solarizing; values >=
	// SolarizeThreshold (on 0..255) are inverted.
	SolarizeP, SolarizeThreshold float64
	// Normalize holds the per-channel mean and std of the output.
	Normalize Normalize
	// FullDecode turns off reduced-scale JPEG decoding (see Views.Process)
	// for every sample this view is part of.
	FullDecode bool
}

// Channels is the number of output channels, len(Normalize.Mean).
func (v View) Channels() int { return len(v.Normalize.Mean) }

// Shape is the per-sample shape of the view's output.
func (v View) Shape() Shape { return Shape{C: v.Channels(), H: v.Size, W: v.Size} }

// Validate reports a configuration torchvision would reject.
func (v View) Validate() error {
	c := v.Channels()
	switch {
	case v.Size <= 0:
		return fmt.Errorf("data: view size %d", v.Size)
	case c != 1 && c != 3, len(v.Normalize.Std) != c:
		return fmt.Errorf("data: view normalisation has %d means and %d stds (want 1 or 3 of each)", c, len(v.Normalize.Std))
	case v.EvalResize > 0 && v.EvalResize < v.Size:
		return fmt.Errorf("data: view eval resize %d smaller than the crop %d", v.EvalResize, v.Size)
	case v.Scale != [2]float64{} && !(0 < v.Scale[0] && v.Scale[0] <= v.Scale[1]):
		return fmt.Errorf("data: view crop scale %v: want 0 < min <= max", v.Scale)
	case v.Ratio != [2]float64{} && !(0 < v.Ratio[0] && v.Ratio[0] <= v.Ratio[1]):
		return fmt.Errorf("data: view crop ratio %v: want 0 < min <= max", v.Ratio)
	case v.JitterP > 0 && (v.Jitter.Hue < 0 || v.Jitter.Hue > 0.5):
		return fmt.Errorf("data: view jitter hue %v not in [0, 0.5]", v.Jitter.Hue)
	case v.JitterP > 0 && (v.Jitter.Brightness < 0 || v.Jitter.Contrast < 0 || v.Jitter.Saturation < 0):
		return errors.New("data: view jitter strengths must be non-negative")
	case v.BlurP > 0 && (v.Blur.Kernel <= 0 || v.Blur.Kernel%2 == 0):
		return fmt.Errorf("data: view blur kernel %d is not odd and positive", v.Blur.Kernel)
	case v.BlurP > 0 && !(0 < v.Blur.SigmaMin && v.Blur.SigmaMin <= v.Blur.SigmaMax):
		return fmt.Errorf("data: view blur sigma range [%v, %v]", v.Blur.SigmaMin, v.Blur.SigmaMax)
	case v.SolarizeP > 0 && v.SolarizeThreshold > 255:
		return fmt.Errorf("data: view solarize threshold %v > 255", v.SolarizeThreshold)
	}
	for i, s := range v.Normalize.Std {
		if s == 0 {
			return fmt.Errorf("data: view normalisation std[%d] is 0", i)
		}
	}
	return nil
}

// viewPlan is a view's geometry, drawn before the image is decoded: the
// crop box in full-resolution pixels and the flip.
type viewPlan struct {
	top, left, h, w int
	flip            bool
}

// plan draws the geometry of an h×w image.
func (v View) plan(h, w int, r *rand.Rand) viewPlan {
	var p viewPlan
	if v.EvalResize <= 0 {
		p.top, p.left, p.h, p.w = RandomResizedCrop{Scale: v.Scale, Ratio: v.Ratio}.Params(h, w, r)
	}
	if v.FlipP > 0 {
		p.flip = r.Float64() < v.FlipP
	}
	return p
}

// fits reports whether decoding an h×w image at scale f keeps the view's
// output resolution: the crop box (or, for evaluation, the shorter side)
// still has at least Size (EvalResize) pixels.
func (v View) fits(p viewPlan, h, w int, f jpeg.ScalingFactor) bool {
	if v.EvalResize > 0 {
		return min(f.Scaled(h), f.Scaled(w)) >= v.EvalResize
	}
	return p.h*f.Num >= v.Size*f.Denom && p.w*f.Num >= v.Size*f.Denom
}

// scalePlan maps a full-resolution crop box onto an image decoded at
// scale f (hs×ws pixels), rounding its edges to the nearest pixel.
func scalePlan(p viewPlan, f jpeg.ScalingFactor, hs, ws int) viewPlan {
	if f == jpeg.Full {
		return p
	}
	sc := func(x int) int { return (2*x*f.Num + f.Denom) / (2 * f.Denom) }
	q := p
	q.h, q.w = max(sc(p.h), 1), max(sc(p.w), 1)
	q.h, q.w = min(q.h, hs), min(q.w, ws)
	q.top, q.left = min(sc(p.top), hs-q.h), min(sc(p.left), ws-q.w)
	return q
}

// viewScratch is the per-call scratch of Apply and Process.
type viewScratch struct {
	g      geomBuf
	blur   blurBuf
	a, b   Image
	dec    []byte
	plans  []viewPlan
	kernel []float32
}

var viewPool = sync.Pool{New: func() any { return new(viewScratch) }}

// setImage gives m the geometry h×w×c, growing its storage as needed.
func setImage(m *Image, h, w, c int) {
	m.H, m.W, m.C = h, w, c
	m.Pix = augGrowUint8(m.Pix, h*w*c)
}

// Apply augments img into dst[:Shape().Len()] (CHW float32), drawing all
// randomness from r. It panics on an invalid View or a short dst (see
// Validate); img is not modified.
func (v View) Apply(img *Image, r *rand.Rand, dst []float32) {
	if err := v.Validate(); err != nil {
		panic(err)
	}
	sc := viewPool.Get().(*viewScratch)
	defer viewPool.Put(sc)
	v.run(img, v.plan(img.H, img.W, r), r, dst, sc)
}

// run applies the view with geometry p (in img's pixels).
func (v View) run(img *Image, p viewPlan, r *rand.Rand, dst []float32, sc *viewScratch) {
	if n := v.Shape().Len(); len(dst) < n {
		panic(fmt.Sprintf("data: view output needs %d floats, got %d", n, len(dst)))
	}
	out := &sc.a
	v.geometry(out, img, p, sc)
	v.applyColour(out, v.DrawColour(r), &sc.blur)
	v.Normalize.Into(dst, out)
}

// geometry writes the view's crop of img (geometry p) into out: Size×Size
// with the view's channel count, a gray image replicated to 3 channels.
func (v View) geometry(out, img *Image, p viewPlan, sc *viewScratch) {
	c := v.Channels()
	src := img
	if src.C != c && c == 1 {
		var err error
		if src, err = ConvertChannels(src, 1); err != nil {
			panic(err)
		}
	}
	crop := out
	if src.C == 1 && c == 3 {
		crop = &sc.b
	}
	setImage(crop, v.Size, v.Size, src.C)
	if v.EvalResize > 0 {
		resizeCenterCropInto(crop, src, v.EvalResize, v.Interp, p.flip, &sc.g)
	} else {
		resizedCropInto(crop, src, p.top, p.left, p.h, p.w, v.Interp, p.flip, &sc.g)
	}
	if crop != out {
		setImage(out, v.Size, v.Size, 3)
		for i, g := range crop.Pix {
			out.Pix[3*i], out.Pix[3*i+1], out.Pix[3*i+2] = g, g, g
		}
	}
}

// Views is an n-view pipeline: Process decodes a sample once and writes
// view i into dst[i]. It implements the loader's Pipeline.
type Views []View

// Shapes returns each view's per-sample output shape.
func (vs Views) Shapes() []Shape {
	out := make([]Shape, len(vs))
	for i, v := range vs {
		out[i] = v.Shape()
	}
	return out
}

// Validate checks every view.
func (vs Views) Validate() error {
	if len(vs) == 0 {
		return errors.New("data: no views")
	}
	for i, v := range vs {
		if err := v.Validate(); err != nil {
			return fmt.Errorf("view %d: %w", i, err)
		}
	}
	return nil
}

// Process decodes s once (see Decode) and writes view i of it into dst[i]
// (at least Shapes()[i].Len() floats, CHW), drawing all randomness from r:
// first every view's crop box and flip, then, view by view, the colour
// operations. It is safe for concurrent use.
//
// JPEGs are decoded at a reduced scale in the DCT domain when that keeps
// every view's resolution: each crop box is drawn on the full-size image
// (from the header), so RandomResizedCrop's distribution is exactly
// torchvision's, and the largest reduction (1/2, 1/4 or 1/8: see
// jpeg.Reductions) is taken under which every box still has at least
// Size×Size pixels (for an evaluation view, the shorter side at least
// EvalResize); the boxes are then mapped onto the reduced image. The pixels then differ slightly from a full
// decode followed by the resize (the DCT reduction averages like an
// antialiasing filter, where torchvision's tensor resize aliases). Set
// View.FullDecode to always decode at full size.
//
// A sample that fails to decode returns an error naming its path; a bad
// configuration or a short dst returns an error too.
func (vs Views) Process(s Sample, r *rand.Rand, dst [][]float32) (err error) {
	if err := vs.Validate(); err != nil {
		return err
	}
	if len(dst) < len(vs) {
		return fmt.Errorf("data: %d views but %d output slices", len(vs), len(dst))
	}
	for i, v := range vs {
		if n := v.Shape().Len(); len(dst[i]) < n {
			return fmt.Errorf("data: view %d needs %d floats, got %d", i, n, len(dst[i]))
		}
	}
	sc := viewPool.Get().(*viewScratch)
	defer viewPool.Put(sc)
	img, plans, err := vs.decodePlanned(s, r, sc)
	if err != nil {
		return err
	}
	for i, v := range vs {
		v.run(img, plans[i], r, dst[i], sc)
	}
	return nil
}

// decodePlanned decodes s (at a reduced JPEG scale where every view keeps
// its resolution) and draws each view's geometry from r, as Process
// describes; the plans are in the decoded image's pixels.
func (vs Views) decodePlanned(s Sample, r *rand.Rand, sc *viewScratch) (*Image, []viewPlan, error) {
	var err error
	channels, full := vs[0].Channels(), false
	for _, v := range vs {
		if v.Channels() != channels {
			channels = 0 // decode as stored, convert per view
		}
		full = full || v.FullDecode
	}
	opt := DecodeOptions{Channels: channels}
	plans := sc.plans[:0]
	var img *Image
	if s.Image == nil && decSniff(s.Encoded) == decJPEGFormat && !full {
		hdr, herr := jpeg.DecodeHeader(s.Encoded)
		if herr != nil {
			return nil, nil, fmt.Errorf("data: decode %s: %w", s.Path, herr)
		}
		for _, v := range vs {
			plans = append(plans, v.plan(hdr.Height, hdr.Width, r))
		}
		f := vs.reduction(plans, hdr.Height, hdr.Width)
		if img, err = decodeSample(s, opt, f, sc.dec); err != nil {
			return nil, nil, err
		}
		if img.H == hdr.Height && img.W == hdr.Width {
			f = jpeg.Full // the pure-Go fallback (CMYK) decodes at full size
		} else if img.H != f.Scaled(hdr.Height) || img.W != f.Scaled(hdr.Width) {
			return nil, nil, fmt.Errorf("data: decode %s: %v, header says %dx%d at scale %d/%d",
				s.Path, img, hdr.Width, hdr.Height, f.Num, f.Denom)
		}
		if f != jpeg.Full {
			for i := range plans {
				plans[i] = scalePlan(plans[i], f, img.H, img.W)
			}
		}
	} else {
		if img, err = decodeSample(s, opt, jpeg.Full, sc.dec); err != nil {
			return nil, nil, err
		}
		for _, v := range vs {
			plans = append(plans, v.plan(img.H, img.W, r))
		}
	}
	if s.Image == nil && img.C > 0 {
		sc.dec = img.Pix[:cap(img.Pix)] // keep the decode buffer for reuse
	}
	sc.plans = plans
	if img.C != 1 && img.C != 3 {
		return nil, nil, fmt.Errorf("data: %s: %v (want 1 or 3 channels)", s.Path, img)
	}
	return img, plans, nil
}

// reduction returns the smallest JPEG decode scale (Full or one of
// jpeg.Reductions) under which every view keeps its resolution.
func (vs Views) reduction(plans []viewPlan, h, w int) jpeg.ScalingFactor {
	f := jpeg.Full
	for _, c := range jpeg.Reductions() {
		ok := true
		for i, v := range vs {
			ok = ok && v.fits(plans[i], h, w, c)
		}
		if ok && c.Num*f.Denom < f.Num*c.Denom {
			f = c
		}
	}
	return f
}

// NViews returns n copies of v: n symmetric views.
func NViews(v View, n int) Views {
	vs := make(Views, n)
	for i := range vs {
		vs[i] = v.clone()
	}
	return vs
}

// clone returns a copy of v that shares no slice with it, so that changing
// one view's normalisation leaves the others alone.
func (v View) clone() View {
	v.Normalize = Normalize{Mean: slices.Clone(v.Normalize.Mean), Std: slices.Clone(v.Normalize.Std)}
	return v
}
