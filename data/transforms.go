package data

import (
	"fmt"
	"math/rand/v2"
)

// Transform is one random image augmentation with torchvision's semantics
// (torchvision 0.14, tensor path, uint8 images). Apply draws its random
// parameters from r and returns the result; it never modifies img and may
// return img itself when it leaves the image unchanged. A Transform holds
// only configuration, so one value may be used from many goroutines at once,
// each with its own r.
//
// Every random transform has a deterministic functional form taking the
// parameters explicitly (ResizedCrop, HFlip, AdjustHue, Blur, ...): those
// are what the PyTorch oracle tests compare against
// torchvision.transforms.functional.
type Transform interface {
	Apply(img *Image, r *rand.Rand) *Image
}

// Compose applies its transforms in order, like torchvision's Compose.
type Compose []Transform

// Apply runs each transform on the previous one's output.
func (c Compose) Apply(img *Image, r *rand.Rand) *Image {
	for _, t := range c {
		img = t.Apply(img, r)
	}
	return img
}

// RandomApply applies T with probability P, like torchvision's RandomApply
// of a single transform.
type RandomApply struct {
	T Transform
	P float64
}

// Apply draws one uniform number and applies T when it is below P.
func (a RandomApply) Apply(img *Image, r *rand.Rand) *Image {
	if r.Float64() < a.P {
		return a.T.Apply(img, r)
	}
	return img
}

// augUniform returns a number drawn uniformly from [lo, hi), as torch's
// uniform_(lo, hi) does.
func augUniform(r *rand.Rand, lo, hi float64) float64 { return lo + (hi-lo)*r.Float64() }

// augCopy returns a deep copy of m.
func augCopy(m *Image) *Image {
	return &Image{H: m.H, W: m.W, C: m.C, Pix: append([]uint8(nil), m.Pix...)}
}

// augMustChannels panics unless img has 1 or 3 channels: the transforms, like
// torchvision's, accept only gray or RGB images.
func augMustChannels(op string, img *Image) {
	if img.C != 1 && img.C != 3 {
		panic(fmt.Sprintf("data: %s wants a 1- or 3-channel image, got %v", op, img))
	}
}
