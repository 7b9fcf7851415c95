package devaug

import (
	"github.com/selfsup/selfsup/torch"
)

// hue is torchvision's adjust_hue of a uint8 RGB batch (as float32) with
// per-sample factors f (N×1×1×1): x/255 to HSV (_rgb2hsv), the hue shifted
// modulo 1, back to RGB (_hsv2rgb), ×255 and truncated, every step in
// float32 as torchvision computes it.
func (b *batch) hue(x, f *torch.Tensor) *torch.Tensor {
	one := b.constant(1)
	rgb := x.Div(b.constant(255))
	r, g, bl := rgb.Narrow(1, 0, 1), rgb.Narrow(1, 1, 1), rgb.Narrow(1, 2, 1)
	maxc := r.Maximum(g).Maximum(bl)
	minc := r.Minimum(g).Minimum(bl)
	eqc := maxc.Eq(minc)
	cr := maxc.Sub(minc)
	s := cr.Div(torch.Where(eqc, one, maxc))
	crd := torch.Where(eqc, one, cr)
	rc, gc, bc := maxc.Sub(r).Div(crd), maxc.Sub(g).Div(crd), maxc.Sub(bl).Div(crd)
	h := torch.Where(maxc.Eq(r), bc.Sub(gc),
		torch.Where(maxc.Eq(g), rc.AddScalar(2).Sub(bc), gc.AddScalar(4).Sub(rc)))
	h = frac(h.Div(b.constant(6)).AddScalar(1))
	// (h + factor) % 1: torch.remainder, which for h + factor in (-1, 2)
	// is h + factor minus its floor, in one exact or correctly rounded step.
	h = frac(h.Add(f))
	h6 := h.MulScalar(6)
	i := h6.Floor()
	fr := h6.Sub(i)
	i = torch.Where(i.EqScalar(6), i.ZerosLike(), i) // i % 6
	v := maxc
	p := v.Mul(s.Neg().AddScalar(1)).Clamp(0, 1)
	q := v.Mul(s.Mul(fr).Neg().AddScalar(1)).Clamp(0, 1)
	t := v.Mul(s.Mul(fr.Neg().AddScalar(1)).Neg().AddScalar(1)).Clamp(0, 1)
	pick := func(vals [6]*torch.Tensor) *torch.Tensor {
		out := vals[5]
		for k := 4; k >= 0; k-- {
			out = torch.Where(i.EqScalar(float64(k)), vals[k], out)
		}
		return out
	}
	out := torch.Cat([]*torch.Tensor{
		pick([6]*torch.Tensor{v, q, p, p, t, v}),
		pick([6]*torch.Tensor{t, v, v, q, p, p}),
		pick([6]*torch.Tensor{p, p, t, v, v, q}),
	}, 1)
	return out.MulScalar(255).Floor()
}

// frac is x minus its floor: fmod(x, 1) for x >= 0, and torch.remainder's
// x + 1 for x in (-1, 0).
func frac(x *torch.Tensor) *torch.Tensor { return x.Sub(x.Floor()) }

// blur is torchvision's gaussian_blur of every sample with its own σ: a
// k-tap Gaussian per sample built on the device (exp in float64 of the
// float32 argument, normalised in float32), reflect padding, and the 2-d
// convolution done separably (rows, then columns) as one depthwise
// conv2d over all N·C planes per direction; rounded half to even.
func (b *batch) blur(x *torch.Tensor, k int) *torch.Tensor {
	half := int64(k / 2)
	if half == 0 {
		return x
	}
	sigma := torch.Where(b.flag(pBlur), b.col(pSigma), b.constant(1)).Reshape(b.n, 1)
	d := torch.Arange(float64(-half), float64(half+1), 1, torch.Float32, b.dev).Reshape(1, int64(k))
	z := d.Div(sigma)
	pdf := z.Mul(z).MulScalar(-0.5).ToDType(torch.Float64).Exp().ToDType(torch.Float32)
	kern := pdf.Div(pdf.SumDims([]int64{1}, true)) // N×k
	planes := b.n * b.c
	kern = kern.Unsqueeze(1).Expand(b.n, b.c, int64(k)).Reshape(planes, 1, 1, int64(k))
	y := x.Reshape(1, planes, b.h, b.w)
	y = y.Pad([]int64{half, half, 0, 0}, torch.PadReflect, 0).Conv2d(kern, nil, torch.Conv2dOptions{Groups: planes})
	y = y.Pad([]int64{0, 0, half, half}, torch.PadReflect, 0).Conv2d(kern.Reshape(planes, 1, int64(k), 1), nil, torch.Conv2dOptions{Groups: planes})
	return y.Reshape(b.n, b.c, b.h, b.w).Round().Clamp(0, 255)
}
