// Package devaug runs the colour, blur and normalisation stages of the
// augmentation views batched on the training device as libtorch ops: the
// loader's goroutines do only what must be per-sample on the CPU (decode,
// RandomResizedCrop, flip) and draw every random colour parameter, and the
// training goroutine turns a whole batch of crops into normalised views
// with a few dozen tensor ops (Apply).
//
// The result equals data.Views.Process's (the Go path, itself torchvision's
// uint8 tensor path) to within one uint8 level before normalisation: the
// same float32 formulas in the same order, with the same truncations and
// roundings between operations; only the Gaussian blur's sums run in
// another order, so a blurred value may land on the other side of .5.
package devaug

import (
	"fmt"
	"math/rand/v2"

	"github.com/selfsup/selfsup/data"
)

// The layout of one view's colour parameters: K float32 values per sample.
const (
	pJitter   = 0  // 1 when ColorJitter applies
	pOrder    = 1  // 4 values: the op at each position (0 b, 1 c, 2 s, 3 h)
	pOn       = 5  // 4 values: 1 where that op is enabled
	pFactor   = 9  // 4 values: float32(factor)
	pOneMinus = 13 // 4 values: float32(1 - factor), rounded from float64
	pGray     = 17 // 1 when converted to grayscale
	pBlur     = 18 // 1 when blurred
	pSigma    = 19 // the blur's σ as float32
	pSolarize = 20 // 1 when solarized

	// K is the number of colour parameters per sample and view.
	K = 21
)

// Pipeline is a data.Pipeline that does the geometry of its views in Go,
// exactly as Views.Process does, and leaves the colour operations to
// Apply. For n views it has 2n outputs: first each view's crop, C×Size×Size
// holding the uint8 pixel values as float32 (0 … 255), then each view's
// colour parameters, 1×1×K, drawn from the sample's *rand.Rand in
// Process's order, so the same seed gives the same augmentation on either
// path.
type Pipeline struct {
	Views data.Views
}

// Shapes returns the crops' shapes, then n parameter shapes 1×1×K.
func (p Pipeline) Shapes() []data.Shape {
	out := make([]data.Shape, 0, 2*len(p.Views))
	for _, v := range p.Views {
		out = append(out, data.Shape{C: v.Channels(), H: v.Size, W: v.Size})
	}
	for range p.Views {
		out = append(out, data.Shape{C: 1, H: 1, W: K})
	}
	return out
}

// Validate reports a view that the Go path or Apply would reject.
func (p Pipeline) Validate() error {
	if err := p.Views.Validate(); err != nil {
		return err
	}
	for i, v := range p.Views {
		if v.BlurP > 0 && v.Blur.Kernel/2 >= v.Size {
			return fmt.Errorf("devaug: view %d: blur kernel %d needs an image larger than %d for reflect padding", i, v.Blur.Kernel, v.Size)
		}
	}
	return nil
}

// Process decodes s, crops every view and writes the crops into dst[i]
// and the colour parameters into dst[n+i]. It is safe for concurrent use.
func (p Pipeline) Process(s data.Sample, r *rand.Rand, dst [][]float32) error {
	if err := p.Validate(); err != nil {
		return err
	}
	n := len(p.Views)
	if len(dst) < 2*n {
		return fmt.Errorf("devaug: %d views need %d output slices, got %d", n, 2*n, len(dst))
	}
	for i, sh := range p.Shapes() {
		if len(dst[i]) < sh.Len() {
			return fmt.Errorf("devaug: output %d needs %d floats, got %d", i, sh.Len(), len(dst[i]))
		}
	}
	return p.Views.ProcessGeometry(s, r, func(i int, crop *data.Image, cp data.ColourParams) error {
		cropInto(dst[i], crop)
		ParamsInto(dst[n+i], cp)
		return nil
	})
}

// cropInto writes an HWC uint8 image into dst as CHW float32.
func cropInto(dst []float32, img *data.Image) {
	c, hw := img.C, img.H*img.W
	for ch := 0; ch < c; ch++ {
		plane := dst[ch*hw : (ch+1)*hw]
		for i := range plane {
			plane[i] = float32(img.Pix[i*c+ch])
		}
	}
}

// ParamsInto packs p into dst[:K] in the layout Apply reads.
func ParamsInto(dst []float32, p data.ColourParams) {
	dst = dst[:K]
	clear(dst)
	if p.Jitter {
		dst[pJitter] = 1
	}
	for i := 0; i < 4; i++ {
		dst[pOrder+i] = float32(p.Order[i])
		if p.On[i] {
			dst[pOn+i] = 1
		}
		dst[pFactor+i] = float32(p.Factors[i])
		dst[pOneMinus+i] = float32(1 - p.Factors[i])
	}
	if p.Gray {
		dst[pGray] = 1
	}
	if p.Blur {
		dst[pBlur] = 1
	}
	dst[pSigma] = float32(p.Sigma)
	if p.Solarize {
		dst[pSolarize] = 1
	}
}
