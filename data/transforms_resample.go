package data

import (
	"fmt"
	"math"
)

// Interpolation selects the filter of a resize.
type Interpolation int

const (
	// Bilinear is torchvision's default: 2×2 taps, align_corners=False.
	Bilinear Interpolation = iota
	// Bicubic is Keys' cubic convolution with a = -0.75 (PyTorch's and
	// OpenCV's), 4×4 taps, align_corners=False, clamped to [0, 255]. The
	// SimCLR and BYOL reference code resize their crops bicubically.
	Bicubic
)

// String names the interpolation as torchvision's InterpolationMode does.
func (i Interpolation) String() string {
	switch i {
	case Bilinear:
		return "bilinear"
	case Bicubic:
		return "bicubic"
	}
	return fmt.Sprintf("Interpolation(%d)", int(i))
}

func (i Interpolation) taps() int {
	if i == Bicubic {
		return 4
	}
	return 2
}

// axis holds, for each output index along one axis, the source indices
// (already multiplied by the element stride) and weights of its taps, as
// PyTorch's upsample kernels compute them (float32, align_corners=False,
// no antialiasing).
type axis struct {
	n, taps int
	idx     []int32
	w       []float32
}

// set computes the taps of n outputs: output j is position start+j of a
// resize of inSize source samples to outSize, the source samples being
// off, off+1, ... off+inSize-1; indices are multiplied by mult. With flip
// the outputs come in reverse order (a horizontal flip after the resize).
func (a *axis) set(interp Interpolation, n, start, inSize, outSize, off, mult int, flip bool) {
	t := interp.taps()
	a.n, a.taps = n, t
	a.idx = augGrowInt32(a.idx, n*t)
	a.w = augGrowFloat32(a.w, n*t)
	// PyTorch 1.13: the scale in float32, the source position in double
	// (accscalar_t), the fractional offset rounded to float32.
	scale := float64(float32(inSize) / float32(outSize))
	last := inSize - 1
	for j := 0; j < n; j++ {
		jj := j
		if flip {
			jj = n - 1 - j
		}
		dst := start + jj
		src := scale*(float64(dst)+0.5) - 0.5
		k := j * t
		if interp == Bicubic {
			i0 := int(math.Floor(float64(float32(src)))) // floorf of the float
			cubicCoeffs(a.w[k:k+4:k+4], float32(src-float64(i0)))
			for m := 0; m < 4; m++ {
				a.idx[k+m] = int32((off + min(max(i0-1+m, 0), last)) * mult)
			}
			continue
		}
		var i0 int
		var l float32
		if inSize == outSize {
			i0 = dst // PyTorch copies when the sizes agree
		} else {
			src = max(src, 0)
			i0 = int(src)
			l = float32(src - float64(i0))
		}
		i1 := i0
		if i0 < last {
			i1++
		}
		a.idx[k], a.idx[k+1] = int32((off+i0)*mult), int32((off+i1)*mult)
		a.w[k], a.w[k+1] = 1-l, l
	}
}

// cubicCoeffs writes PyTorch's get_cubic_upsample_coefficients for
// fractional offset t (A = -0.75), evaluated in float32 as it does.
func cubicCoeffs(w []float32, t float32) {
	const A = float32(-0.75)
	cc1 := func(x float32) float32 {
		return float32(float32(float32((A+2)*x)-(A+3))*x)*x + 1
	}
	cc2 := func(x float32) float32 {
		return float32(float32(float32(float32(A*x)-5*A)*x)+8*A)*x - 4*A
	}
	w[0] = cc2(t + 1)
	w[1] = cc1(t)
	x2 := 1 - t
	w[2] = cc1(x2)
	w[3] = cc2(x2 + 1)
}

func augGrowInt32(s []int32, n int) []int32 {
	if cap(s) < n {
		return make([]int32, n)
	}
	return s[:n]
}

func augGrowFloat32(s []float32, n int) []float32 {
	if cap(s) < n {
		return make([]float32, n)
	}
	return s[:n]
}

func augGrowUint8(s []uint8, n int) []uint8 {
	if cap(s) < n {
		return make([]uint8, n)
	}
	return s[:n]
}

// roundU8 rounds v half to even (torch.round) and converts it to uint8,
// for 0 <= v < 2^23; values above 255 saturate.
func roundU8(v float32) uint8 {
	const magic = 1 << 23
	t := v + magic
	t -= magic
	if t >= 255 {
		return 255
	}
	return uint8(int32(t))
}

// resampleBuf is reusable scratch for resample: horizontally filtered
// source rows, cached by row index modulo the tap count.
type resampleBuf struct {
	rows [4][]float32
	ids  [4]int
}

// resample writes into dst (ay.n × ax.n, src.C channels) the separable
// filter of src with the given taps: for each needed source row the
// horizontal taps (ax, indices in elements), then the vertical ones (ay,
// indices in rows), rounded half to even (bicubic results clamped to
// [0, 255] first). Bilinear RGB reproduces PyTorch 1.13's CPU kernel bit
// for bit (float32, with the fused multiply-adds its x86-64 build
// uses); bicubic sums in plain float32 and agrees with PyTorch to within
// one level on about 1e-4 of the values (its coefficients round
// differently).
func resample(dst, src *Image, ax, ay *axis, interp Interpolation, rb *resampleBuf) {
	c := src.C
	if c == 1 && interp == Bilinear {
		resampleGrayBilinear(dst, src, ax, ay)
		return
	}
	rowLen := ax.n * c
	t := ay.taps
	for k := 0; k < t; k++ {
		rb.rows[k] = augGrowFloat32(rb.rows[k], rowLen)
		rb.ids[k] = -1
	}
	var rows [4][]float32
	for j := 0; j < ay.n; j++ {
		for k := 0; k < t; k++ {
			ry := int(ay.idx[j*t+k])
			slot := ry % t
			if rb.ids[slot] != ry {
				hfilter(rb.rows[slot], src.Pix[ry*src.W*c:(ry+1)*src.W*c], ax, c)
				rb.ids[slot] = ry
			}
			rows[k] = rb.rows[slot]
		}
		out := dst.Pix[j*rowLen : (j+1)*rowLen]
		w := ay.w[j*t : j*t+t]
		if t == 2 {
			vlerp2(out, rows[0], rows[1], w[0], w[1])
		} else {
			vcubic4(out, rows[0], rows[1], rows[2], rows[3], w[0], w[1], w[2], w[3])
		}
	}
}

// cubicRound is one output of the bicubic vertical pass: the weighted sum
// in float32, left to right, clamped below at 0 and rounded (roundU8
// saturates above).
func cubicRound(r0, r1, r2, r3, w0, w1, w2, w3 float32) uint8 {
	v := cubicSum(r0, r1, r2, r3, w0, w1, w2, w3)
	if v < 0 {
		v = 0
	}
	return roundU8(v)
}

// resampleGrayBilinear is resample for 1-channel bilinear resizes.
// PyTorch 1.13 treats a 1-channel NCHW tensor as channels-last and takes
// another kernel: 2-D weights h·w rounded to float32, the four products
// summed in double, rounded to float32.
func resampleGrayBilinear(dst, src *Image, ax, ay *axis) {
	for j := 0; j < ay.n; j++ {
		y0, y1 := int(ay.idx[2*j])*src.W, int(ay.idx[2*j+1])*src.W
		h0, h1 := ay.w[2*j], ay.w[2*j+1]
		r0, r1 := src.Pix[y0:y0+src.W], src.Pix[y1:y1+src.W]
		out := dst.Pix[j*ax.n : (j+1)*ax.n]
		for i := range out {
			x0, x1 := ax.idx[2*i], ax.idx[2*i+1]
			w0, w1 := ax.w[2*i], ax.w[2*i+1]
			v := float64(r0[x0])*float64(h0*w0) + float64(r0[x1])*float64(h0*w1) +
				float64(r1[x0])*float64(h1*w0) + float64(r1[x1])*float64(h1*w1)
			out[i] = roundU8(float32(v))
		}
	}
}

// hfilter applies the horizontal taps ax to one source row s (c channels):
// bilinear RGB in PyTorch's fused form, bicubic in plain float32 left to
// right. (1-channel bilinear resizes take resampleGrayBilinear instead.)
func hfilter(out []float32, s []uint8, ax *axis, c int) {
	n := ax.n
	switch {
	case ax.taps == 2 && c == 3:
		idx, w := ax.idx[:2*n], ax.w[:2*n]
		out = out[:3*n]
		for j := 0; j < n; j++ {
			i0, i1 := int(idx[2*j]), int(idx[2*j+1])
			w0, w1 := w[2*j], w[2*j+1]
			a, b := s[i0:i0+3:i0+3], s[i1:i1+3:i1+3]
			o := out[3*j : 3*j+3 : 3*j+3]
			o[0] = fma32(float32(a[0]), w0, float32(b[0])*w1)
			o[1] = fma32(float32(a[1]), w0, float32(b[1])*w1)
			o[2] = fma32(float32(a[2]), w0, float32(b[2])*w1)
		}
	case ax.taps == 4 && c == 3:
		idx, w := ax.idx[:4*n], ax.w[:4*n]
		out = out[:3*n]
		for j := 0; j < n; j++ {
			ww := w[4*j : 4*j+4 : 4*j+4]
			ii := idx[4*j : 4*j+4 : 4*j+4]
			a, b := s[ii[0]:ii[0]+3:ii[0]+3], s[ii[1]:ii[1]+3:ii[1]+3]
			d, e := s[ii[2]:ii[2]+3:ii[2]+3], s[ii[3]:ii[3]+3:ii[3]+3]
			o := out[3*j : 3*j+3 : 3*j+3]
			for ch := range 3 {
				o[ch] = cubicSum(float32(a[ch]), float32(b[ch]), float32(d[ch]), float32(e[ch]), ww[0], ww[1], ww[2], ww[3])
			}
		}
	default: // bicubic, 1 channel
		t := ax.taps
		for j := 0; j < n; j++ {
			ii, ww := ax.idx[j*t:j*t+t], ax.w[j*t:j*t+t]
			v := float32(s[ii[0]]) * ww[0]
			for k := 1; k < t; k++ {
				v += float32(float32(s[ii[k]]) * ww[k])
			}
			out[j] = v
		}
	}
}

// cubicSum is ((a·w0 + b·w1) + c·w2) + d·w3, every operation rounded to
// float32.
func cubicSum(a, b, c, d, w0, w1, w2, w3 float32) float32 {
	return float32(float32(float32(a*w0)+float32(b*w1))+float32(c*w2)) + float32(d*w3)
}

// fma32 is a·b + c rounded once to float32 (the product of two float32s is
// exact in float64), as PyTorch's kernels compute a*b + c where the
// compiler fuses it into an FMA instruction.
func fma32(a, b, c float32) float32 { return float32(float64(a)*float64(b) + float64(c)) }
