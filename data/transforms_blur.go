package data

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// gaussianKernel returns torchvision's 1-D Gaussian kernel
// (_get_gaussian_kernel1d) of odd size k: exp(-0.5·(x/σ)²) at x = -(k-1)/2
// … (k-1)/2, normalised to sum 1, in float32. Only the centre tap and the
// taps on one side are returned (the kernel is symmetric): w[0] is the
// centre, w[d] the weight at distance ±d. Trailing taps whose combined mass
// (both sides) is below 1e-6 are dropped: they change no output by more than
// 255e-6, far below torch's own float32 rounding of the 2-D convolution, and
// at σ = 0.5 they are most of a 23-tap kernel.
func gaussianKernel(k int, sigma float64) []float32 {
	if k <= 0 || k%2 == 0 {
		panic(fmt.Sprintf("data: Gaussian kernel size %d is not odd and positive", k))
	}
	if !(sigma > 0) {
		panic(fmt.Sprintf("data: Gaussian sigma %v is not positive", sigma))
	}
	half := k / 2
	s := float32(sigma)
	pdf := make([]float32, half+1)
	var sum float32
	for d := -half; d <= half; d++ {
		x := float32(float32(d) / s)
		v := float32(math.Exp(float64(-0.5 * float32(x*x))))
		if d >= 0 {
			pdf[d] = v
		}
		sum += v
	}
	for d := range pdf {
		pdf[d] /= sum
	}
	r := half
	var tail float64
	for r > 0 && tail+2*float64(pdf[r]) < 1e-6 {
		tail += 2 * float64(pdf[r])
		r--
	}
	return pdf[:r+1]
}

// reflectIndex maps i into [0, n) by mirroring about the edges without
// repeating them (PyTorch's "reflect" padding), periodically when i is
// further out than one image width.
func reflectIndex(i, n int) int {
	if n == 1 {
		return 0
	}
	p := 2 * (n - 1)
	i %= p
	if i < 0 {
		i += p
	}
	if i >= n {
		i = p - i
	}
	return i
}

// Blur returns torchvision's F.gaussian_blur of img with a square kernel of
// odd size kernel and standard deviation sigma in both directions: reflect
// padding, the normalised Gaussian in float32, rounded half to even. It is
// computed separably (rows, then columns), which is the same convolution:
// results agree with torchvision's 2-D conv2d to float32 rounding, so a
// value may differ by one where torch's sum lands next to .5. A kernel
// larger than the image, which torchvision rejects, is padded by repeated
// reflection.
func Blur(img *Image, kernel int, sigma float64) *Image {
	out := augCopy(img)
	var b blurBuf
	blurInPlace(out, gaussianKernel(kernel, sigma), &b)
	return out
}

// blurBuf is reusable scratch for blurInPlace.
type blurBuf struct {
	row []float32 // one padded source row
	tmp []float32 // the horizontally blurred image
	acc []float32 // one output row
}

// blurInPlace blurs img with the half kernel w (see gaussianKernel).
func blurInPlace(img *Image, w []float32, b *blurBuf) {
	r := len(w) - 1
	if r == 0 {
		return // a 1-tap kernel is the identity
	}
	H, W, c := img.H, img.W, img.C
	rowLen := W * c
	b.row = augGrowFloat32(b.row, (W+2*r)*c)
	b.tmp = augGrowFloat32(b.tmp, H*rowLen)
	b.acc = augGrowFloat32(b.acc, rowLen)
	// Horizontal pass into tmp: rows padded by reflection.
	for y := 0; y < H; y++ {
		src := img.Pix[y*rowLen : (y+1)*rowLen]
		p := b.row
		mid := p[r*c : r*c+rowLen]
		for i, v := range src {
			mid[i] = float32(v)
		}
		for x := 1; x <= r; x++ {
			l, rr := reflectIndex(-x, W), reflectIndex(W-1+x, W)
			for ch := 0; ch < c; ch++ {
				p[(r-x)*c+ch] = float32(src[l*c+ch])
				p[(r+W-1+x)*c+ch] = float32(src[rr*c+ch])
			}
		}
		convolve(b.tmp[y*rowLen:(y+1)*rowLen], w, func(d int) ([]float32, []float32) {
			return p[(r-d)*c : (r-d)*c+rowLen], p[(r+d)*c : (r+d)*c+rowLen]
		})
	}
	// Vertical pass from tmp back into img.
	for y := 0; y < H; y++ {
		acc := b.acc
		convolve(acc, w, func(d int) ([]float32, []float32) {
			y0, y1 := y-d, y+d
			if y0 < 0 || y1 >= H {
				y0, y1 = reflectIndex(y0, H), reflectIndex(y1, H)
			}
			return b.tmp[y0*rowLen : (y0+1)*rowLen], b.tmp[y1*rowLen : (y1+1)*rowLen]
		})
		out := img.Pix[y*rowLen : (y+1)*rowLen]
		out = out[:len(acc)]
		for i, v := range acc {
			out[i] = roundU8(v)
		}
	}
}

// convolve sets acc[i] = w[0]·at(0)[i] + Σ_d w[d]·(lo_d[i] + hi_d[i]),
// where at(d) returns the rows (or row segments) at offsets -d and +d.
func convolve(acc []float32, w []float32, at func(d int) (lo, hi []float32)) {
	c0, _ := at(0)
	scaleInto(acc, c0, w[0])
	for d := 1; d < len(w); d++ {
		lo, hi := at(d)
		axpyPair(acc, lo, hi, w[d])
	}
}

// GaussianBlur is torchvision's GaussianBlur(Kernel, (SigmaMin, SigmaMax)):
// σ drawn from U[SigmaMin, SigmaMax], then Blur with an odd Kernel×Kernel
// kernel.
type GaussianBlur struct {
	Kernel             int
	SigmaMin, SigmaMax float64
}

// Apply draws σ and blurs.
func (t GaussianBlur) Apply(img *Image, r *rand.Rand) *Image {
	return Blur(img, t.Kernel, augUniform(r, t.SigmaMin, t.SigmaMax))
}

// BlurKernel returns the SimCLR blur kernel size for size×size images:
// 10% of the side, made odd as the reference code does (2·⌊size/20⌋ + 1):
// 23 at 224, 3 at 32 and 28.
func BlurKernel(size int) int { return 2*(size/10/2) + 1 }
