package devaug

import (
	"fmt"

	"github.com/selfsup/selfsup/data"
	"github.com/selfsup/selfsup/torch"
)

// Apply augments a batch of crops on their device: crops is N×C×H×W
// float32 holding uint8 pixel values (a Pipeline output, or any such
// batch) and params N×K (or N×1×1×K) holding each sample's colour
// parameters (see ParamsInto); params is moved to the crops' device if it
// is elsewhere. It returns v's normalised float32 output, N×C×H×W, on the
// same device: ColorJitter in each sample's order, grayscale, Gaussian
// blur with each sample's σ, solarize, then Normalize, with torchvision's
// uint8 semantics (every op's result clamped and truncated, the blur's
// rounded, before the next).
//
// Only torch ops touch pixels: no per-pixel Go loops, and the same code
// runs on CUDA. Keep params on the CPU where you can (they are N·K
// floats): ColorJitter then runs each op only on the samples that draw it
// at each position, indexed from the host values. With params on the
// device it reads nothing back and runs every op on the whole batch,
// selecting with torch.Where (about 4× the jitter work). Bad shapes or a
// view that Validate rejects panic with a *torch.Error (see torch.Try).
func Apply(v data.View, crops, params *torch.Tensor) *torch.Tensor {
	return apply(v, crops, params, true)
}

// apply is Apply; hostIndex false forces the all-device jitter.
func apply(v data.View, crops, params *torch.Tensor, hostIndex bool) *torch.Tensor {
	if err := (Pipeline{Views: data.Views{v}}).Validate(); err != nil {
		panic(&torch.Error{Op: "devaug.Apply", Msg: err.Error()})
	}
	sh := crops.Shape()
	if len(sh) != 4 || sh[1] != int64(v.Channels()) || sh[2] != int64(v.Size) || sh[3] != int64(v.Size) {
		panic(&torch.Error{Op: "devaug.Apply", Msg: fmt.Sprintf("crops of shape %v for a %v view", sh, v.Shape())})
	}
	if params.Numel() != sh[0]*K {
		panic(&torch.Error{Op: "devaug.Apply", Msg: fmt.Sprintf("params of shape %v for %d samples (want %d×%d)", params.Shape(), sh[0], sh[0], K)})
	}
	return torch.Tidy(func() *torch.Tensor {
		b := newBatch(crops, params)
		if !hostIndex {
			b.host = nil
		}
		x := crops.ToDType(torch.Float32)
		if v.JitterP > 0 {
			x = b.jitter(x, v.Jitter)
		}
		if v.GrayP > 0 && b.c == 3 {
			x = torch.Where(b.flag(pGray), grayU8(x).Expand(b.n, 3, b.h, b.w), x)
		}
		if v.BlurP > 0 {
			x = torch.Where(b.flag(pBlur), b.blur(x, v.Blur.Kernel), x)
		}
		if v.SolarizeP > 0 {
			on := b.flag(pSolarize).LogicalAnd(x.GeScalar(v.SolarizeThreshold))
			x = torch.Where(on, x.Neg().AddScalar(255), x)
		}
		return b.normalize(x, v.Normalize)
	})
}

// batch holds a batch's geometry and its parameters as per-sample
// columns shaped N×1×1×1, broadcasting against the images.
type batch struct {
	n, c, h, w int64
	dev        torch.Device
	params     *torch.Tensor // N×K on the crops' device
	host       []float32     // the same N×K values when params came from the CPU
}

func newBatch(crops, params *torch.Tensor) *batch {
	sh := crops.Shape()
	b := &batch{n: sh[0], c: sh[1], h: sh[2], w: sh[3], dev: crops.Device()}
	p := params.Reshape(b.n, K).ToDType(torch.Float32)
	if p.Device().Type == torch.DeviceCPU {
		b.host = torch.Data[float32](p)
	}
	if p.Device() != b.dev {
		p = p.To(b.dev)
	}
	b.params = p
	return b
}

// col returns parameter k of every sample, N×1×1×1.
func (b *batch) col(k int) *torch.Tensor {
	return b.params.Narrow(1, int64(k), 1).Reshape(b.n, 1, 1, 1)
}

// flag returns parameter k != 0, N×1×1×1 bool.
func (b *batch) flag(k int) *torch.Tensor { return b.col(k).NeScalar(0) }

// constant returns a one-element float32 tensor holding x on the batch's
// device. Divisions go through such tensors rather than scalars: CUDA
// divides by a host scalar as a multiplication by its reciprocal, which
// is not the correctly rounded quotient that torchvision's CPU path (and
// the Go path) computes.
func (b *batch) constant(x float64) *torch.Tensor {
	return torch.Full([]int64{1}, x, torch.Float32, b.dev)
}

// truncU8 is clamp(0, 255) then the float→uint8 cast's truncation (floor,
// the values being non-negative).
func truncU8(x *torch.Tensor) *torch.Tensor { return x.Clamp(0, 255).Floor() }

// grayU8 is torchvision's rgb_to_grayscale of a uint8 batch (as float32):
// (0.2989·R + 0.587·G) + 0.114·B in float32, truncated; N×1×H×W.
func grayU8(x *torch.Tensor) *torch.Tensor {
	r, g, bl := x.Narrow(1, 0, 1), x.Narrow(1, 1, 1), x.Narrow(1, 2, 1)
	l := r.MulScalar(0.2989).Add(g.MulScalar(0.587)).Add(bl.MulScalar(0.114))
	return l.Floor()
}

// jitter applies ColorJitter: for each of the four positions and each
// enabled op, the samples whose order has that op there take its result.
// With the parameters on the host, each op runs only on those samples
// (gathered by index, then merged back); otherwise on the whole batch,
// selected with torch.Where, which needs nothing from the device.
func (b *batch) jitter(x *torch.Tensor, j data.ColorJitter) *torch.Tensor {
	strength := [4]float64{j.Brightness, j.Contrast, j.Saturation, j.Hue}
	on := b.flag(pJitter)
	for pos := 0; pos < 4; pos++ {
		at := b.col(pOrder + pos)
		for op := 0; op < 4; op++ {
			if strength[op] <= 0 || (b.c == 1 && op >= 2) {
				continue // disabled for every sample, or a no-op on gray
			}
			if b.host != nil {
				x = b.adjustSome(op, pos, x)
				continue
			}
			mask := on.LogicalAnd(b.flag(pOn + op)).LogicalAnd(at.EqScalar(float64(op)))
			x = torch.Where(mask, b.adjust(op, x, b), x)
		}
	}
	return x
}

// adjustSome applies op to the samples that have it at position pos,
// read from the host parameters: x's rows are gathered, adjusted and put
// back with one IndexSelect of the rows of x and the adjusted ones.
func (b *batch) adjustSome(op, pos int, x *torch.Tensor) *torch.Tensor {
	var rows []int64
	for i := int64(0); i < b.n; i++ {
		p := b.host[i*K : (i+1)*K]
		if p[pJitter] != 0 && p[pOn+op] != 0 && int(p[pOrder+pos]) == op {
			rows = append(rows, i)
		}
	}
	if len(rows) == 0 {
		return x
	}
	idx := torch.FromSlice(rows).To(b.dev)
	sub := &batch{n: int64(len(rows)), c: b.c, h: b.h, w: b.w, dev: b.dev, params: b.params.IndexSelect(0, idx)}
	y := b.adjust(op, x.IndexSelect(0, idx), sub)
	// Row i of the result: x's row i, or y's row k (row b.n + k of the
	// concatenation) where rows[k] == i.
	perm := make([]int64, b.n)
	for i := range perm {
		perm[i] = int64(i)
	}
	for k, i := range rows {
		perm[i] = b.n + int64(k)
	}
	return torch.Cat([]*torch.Tensor{x, y}, 0).IndexSelect(0, torch.FromSlice(perm).To(b.dev))
}

// adjust applies jitter op (0 brightness, 1 contrast, 2 saturation, 3 hue)
// to every sample with its own factor.
// The factors are s's (b itself, or the batch of a subset of its rows).
func (b *batch) adjust(op int, x *torch.Tensor, s *batch) *torch.Tensor {
	f, g := s.col(pFactor+op), s.col(pOneMinus+op)
	switch op {
	case 0: // blend with black
		return truncU8(x.Mul(f))
	case 1: // blend with the mean of the grayscale image
		gray := x
		if b.c == 3 {
			gray = grayU8(x)
		}
		// The mean of integers summed exactly in float64, rounded once.
		mean := gray.ToDType(torch.Float64).MeanDims([]int64{1, 2, 3}, true).ToDType(torch.Float32)
		return truncU8(x.Mul(f).Add(mean.Mul(g)))
	case 2: // blend with the truncated grayscale pixel
		return truncU8(x.Mul(f).Add(grayU8(x).Mul(g)))
	default:
		return s.hue(x, f)
	}
}

// normalize is ConvertImageDtype (v/255) then Normalize: (x - mean)/std.
func (b *batch) normalize(x *torch.Tensor, n data.Normalize) *torch.Tensor {
	c := len(n.Mean)
	mean := torch.FromSlice(n.Mean, 1, int64(c), 1, 1).To(b.dev)
	std := torch.FromSlice(n.Std, 1, int64(c), 1, 1).To(b.dev)
	return x.Div(b.constant(255)).Sub(mean).Div(std)
}
