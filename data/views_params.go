package data

import (
	"errors"
	"fmt"
	"math/rand/v2"
)

// ColourParams is one draw of a View's random colour operations: what
// View.Apply and Views.Process draw after the geometry, in their order,
// so that another implementation of the same operations (a batched one on
// the training device) can apply exactly the augmentation the Go path
// would have.
type ColourParams struct {
	// Jitter is whether ColorJitter is applied.
	Jitter bool
	// Order is the jitter's order of operations: 0 brightness, 1 contrast,
	// 2 saturation, 3 hue.
	Order [4]int
	// On says which jitter operations are enabled (a non-zero strength);
	// Factors holds their factors (brightness, contrast, saturation, hue),
	// zero where off.
	On      [4]bool
	Factors [4]float64
	// Gray is whether the image is converted to grayscale.
	Gray bool
	// Blur is whether the image is blurred, with standard deviation Sigma.
	Blur  bool
	Sigma float64
	// Solarize is whether the image is solarized (at View.SolarizeThreshold).
	Solarize bool
}

// DrawColour draws the view's colour parameters from r in View's order:
// the jitter's coin, then (when it comes up) its permutation and factors,
// the grayscale coin, the blur coin and σ, the solarize coin. An operation
// with probability 0 draws nothing.
func (v View) DrawColour(r *rand.Rand) ColourParams {
	var p ColourParams
	if v.JitterP > 0 && r.Float64() < v.JitterP {
		j := v.Jitter.params(r)
		p.Jitter, p.Order, p.On, p.Factors = true, j.order, j.on, j.factors
	} else {
		p.Order = [4]int{0, 1, 2, 3}
	}
	if v.GrayP > 0 && r.Float64() < v.GrayP {
		p.Gray = true
	}
	if v.BlurP > 0 && r.Float64() < v.BlurP {
		p.Blur = true
		p.Sigma = augUniform(r, v.Blur.SigmaMin, v.Blur.SigmaMax)
	}
	if v.SolarizeP > 0 && r.Float64() < v.SolarizeP {
		p.Solarize = true
	}
	return p
}

// ApplyColour applies the colour operations p (from DrawColour) to img in
// place, as View does between the geometry and the normalisation.
func (v View) ApplyColour(img *Image, p ColourParams) {
	augMustChannels("ApplyColour", img)
	var b blurBuf
	v.applyColour(img, p, &b)
}

func (v View) applyColour(img *Image, p ColourParams, b *blurBuf) {
	if p.Jitter {
		jitterInPlace(img, jitterParams{order: p.Order, factors: p.Factors, on: p.On})
	}
	if p.Gray {
		grayscaleInPlace(img)
	}
	if p.Blur {
		blurInPlace(img, gaussianKernel(v.Blur.Kernel, p.Sigma), b)
	}
	if p.Solarize {
		solarizeInPlace(img, v.SolarizeThreshold)
	}
}

// ProcessGeometry is Process without the colour operations and the
// normalisation: it decodes s once, draws every view's geometry and then,
// view by view, its colour parameters from r exactly as Process would, and
// calls fn with each view's uint8 crop (Size×Size, HWC, the view's channel
// count) and parameters. The crop is scratch, valid only during the call.
// With the same r, applying p to the crop (ApplyColour) and normalising
// gives Process's output bit for bit.
func (vs Views) ProcessGeometry(s Sample, r *rand.Rand, fn func(view int, crop *Image, p ColourParams) error) error {
	if err := vs.Validate(); err != nil {
		return err
	}
	if fn == nil {
		return errors.New("data: ProcessGeometry without a function")
	}
	sc := viewPool.Get().(*viewScratch)
	defer viewPool.Put(sc)
	img, plans, err := vs.decodePlanned(s, r, sc)
	if err != nil {
		return err
	}
	for i, v := range vs {
		v.geometry(&sc.a, img, plans[i], sc)
		if err := fn(i, &sc.a, v.DrawColour(r)); err != nil {
			return fmt.Errorf("data: view %d of %s: %w", i, s.Path, err)
		}
	}
	return nil
}
