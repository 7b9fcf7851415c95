package data

import (
	"fmt"
	"math/rand/v2"
)

// The colour ops reproduce torchvision 0.14's tensor formulas on uint8
// images bit for bit where the formula allows: every product and sum in
// float32 in torchvision's order, results clamped to [0, 255] and truncated
// toward zero (a float→uint8 cast), as torchvision does. Per-value work is
// done once per possible byte value in 256-entry tables.

// Grayscale weights of torchvision's rgb_to_grayscale (from TensorFlow).
const (
	grayR = float32(0.2989)
	grayG = float32(0.587)
	grayB = float32(0.114)
)

// grayLUT holds grayR·v, grayG·v and grayB·v for every byte v.
var grayLUT = func() (t [3][256]float32) {
	for v := 0; v < 256; v++ {
		t[0][v] = grayR * float32(v)
		t[1][v] = grayG * float32(v)
		t[2][v] = grayB * float32(v)
	}
	return t
}()

// div255 holds float32(v)/255 for every byte v, as torchvision converts.
var div255 = func() (t [256]float32) {
	for v := range t {
		t[v] = float32(v) / 255
	}
	return t
}()

// gray3 is torchvision's rgb_to_grayscale of one pixel:
// uint8((0.2989·r + 0.587·g) + 0.114·b), truncated.
func gray3(r, g, b uint8) uint8 {
	return uint8(float32(grayLUT[0][r]+grayLUT[1][g]) + grayLUT[2][b])
}

// truncU8 clamps v to [0, 255] and truncates it, like torchvision's
// clamp(0, 255).to(torch.uint8).
func truncU8(v float32) uint8 {
	if v <= 0 {
		return 0
	}
	if v >= 255 {
		return 255
	}
	return uint8(v)
}

// blendLUT fills t with uint8(clamp(f·v + (1-f)·other)) for every byte v:
// torchvision's _blend of an image with a constant.
func blendLUT(t *[256]uint8, f float64, other float32) {
	a, b := float32(f), float32(1-f)
	o := float32(b * other)
	for v := range t {
		t[v] = truncU8(float32(a*float32(v)) + o)
	}
}

// RGBToGrayscale returns torchvision's F.rgb_to_grayscale of img with
// channels (1 or 3) output channels: L = 0.2989·R + 0.587·G + 0.114·B in
// float32, truncated. A 1-channel input is returned as a copy with one
// channel whatever channels says, as torchvision does.
func RGBToGrayscale(img *Image, channels int) *Image {
	augMustChannels("RGBToGrayscale", img)
	if channels != 1 && channels != 3 {
		panic(fmt.Sprintf("data: RGBToGrayscale to %d channels (want 1 or 3)", channels))
	}
	if img.C == 1 {
		return augCopy(img)
	}
	out := NewImage(img.H, img.W, channels)
	n := img.H * img.W
	for i := 0; i < n; i++ {
		p := img.Pix[3*i : 3*i+3 : 3*i+3]
		l := gray3(p[0], p[1], p[2])
		if channels == 1 {
			out.Pix[i] = l
		} else {
			out.Pix[3*i], out.Pix[3*i+1], out.Pix[3*i+2] = l, l, l
		}
	}
	return out
}

// grayscaleInPlace sets all three channels of each pixel of an RGB image to
// its torchvision grayscale value (RandomGrayscale with 3 output channels).
func grayscaleInPlace(img *Image) {
	if img.C != 3 {
		return
	}
	p := img.Pix
	for i := 0; i+3 <= len(p); i += 3 {
		q := p[i : i+3 : i+3]
		l := gray3(q[0], q[1], q[2])
		q[0], q[1], q[2] = l, l, l
	}
}

// AdjustBrightness returns torchvision's F.adjust_brightness: each value
// times factor (>= 0), clamped and truncated.
func AdjustBrightness(img *Image, factor float64) *Image {
	out := augCopy(img)
	brightnessInPlace(out, factor)
	return out
}

func brightnessInPlace(img *Image, f float64) {
	augMustChannels("AdjustBrightness", img)
	var t [256]uint8
	blendLUT(&t, f, 0)
	applyLUT(img.Pix, &t)
}

func applyLUT(p []uint8, t *[256]uint8) {
	for i, v := range p {
		p[i] = t[v]
	}
}

// AdjustContrast returns torchvision's F.adjust_contrast: a blend with the
// mean of the grayscale image (of the image itself when it has one
// channel): f·v + (1-f)·mean.
func AdjustContrast(img *Image, factor float64) *Image {
	out := augCopy(img)
	contrastInPlace(out, factor)
	return out
}

// grayMean is torch.mean(rgb_to_grayscale(img).to(float32)), the mean
// computed exactly and rounded to float32 (torch sums in float32 with a
// cascade; the two agree to about 1e-7 relative).
func grayMean(img *Image) float32 {
	var sum uint64
	p := img.Pix
	if img.C == 3 {
		for i := 0; i+3 <= len(p); i += 3 {
			q := p[i : i+3 : i+3]
			sum += uint64(gray3(q[0], q[1], q[2]))
		}
	} else {
		for _, v := range p {
			sum += uint64(v)
		}
	}
	return float32(float64(sum) / float64(img.H*img.W))
}

func contrastInPlace(img *Image, f float64) {
	augMustChannels("AdjustContrast", img)
	var t [256]uint8
	blendLUT(&t, f, grayMean(img))
	applyLUT(img.Pix, &t)
}

// AdjustSaturation returns torchvision's F.adjust_saturation: a blend of
// each pixel with its (truncated) grayscale value, f·v + (1-f)·gray. A
// 1-channel image is returned unchanged (copied), as in torchvision.
func AdjustSaturation(img *Image, factor float64) *Image {
	out := augCopy(img)
	saturationInPlace(out, factor)
	return out
}

func saturationInPlace(img *Image, f float64) {
	augMustChannels("AdjustSaturation", img)
	if img.C != 3 {
		return
	}
	var ta, tb [256]float32
	a, b := float32(f), float32(1-f)
	for v := range ta {
		ta[v] = a * float32(v)
		tb[v] = b * float32(v)
	}
	p := img.Pix
	for i := 0; i+3 <= len(p); i += 3 {
		q := p[i : i+3 : i+3]
		g := tb[gray3(q[0], q[1], q[2])]
		q[0] = truncU8(ta[q[0]] + g)
		q[1] = truncU8(ta[q[1]] + g)
		q[2] = truncU8(ta[q[2]] + g)
	}
}

// AdjustHue returns torchvision's F.adjust_hue: RGB → HSV (as
// torchvision's _rgb2hsv, float32), hue shifted by factor ∈ [-0.5, 0.5]
// modulo 1, HSV → RGB, ×255 and truncated. A 1-channel image is returned
// unchanged (copied).
func AdjustHue(img *Image, factor float64) *Image {
	if factor < -0.5 || factor > 0.5 {
		panic(fmt.Sprintf("data: AdjustHue factor %v not in [-0.5, 0.5]", factor))
	}
	out := augCopy(img)
	hueInPlace(out, factor)
	return out
}

func hueInPlace(img *Image, factor float64) {
	augMustChannels("AdjustHue", img)
	if img.C != 3 {
		return
	}
	hf := float32(factor)
	p := img.Pix
	for i := 0; i+3 <= len(p); i += 3 {
		q := p[i : i+3 : i+3]
		q[0], q[1], q[2] = hueShift(q[0], q[1], q[2], hf)
	}
}

// hueShift is torchvision's adjust_hue of one uint8 pixel, operation for
// operation in float32 (the comparisons are written out: Go's min and max
// builtins order ±0 and NaN, which costs instructions and cannot occur
// here).
func hueShift(r8, g8, b8 uint8, hf float32) (uint8, uint8, uint8) {
	r, g, b := div255[r8], div255[g8], div255[b8]
	maxc, minc := r, r
	if g > maxc {
		maxc = g
	}
	if b > maxc {
		maxc = b
	}
	if g < minc {
		minc = g
	}
	if b < minc {
		minc = b
	}
	if maxc == minc {
		// s = 0: p = q = t = v whatever the hue.
		o := uint8(float32(maxc * 255))
		return o, o, o
	}
	cr := maxc - minc
	s := cr / maxc
	var h float32
	switch {
	case maxc == r:
		h = (maxc-b)/cr - (maxc-g)/cr // bc - gc
	case maxc == g:
		h = float32(2+(maxc-r)/cr) - (maxc-b)/cr // 2 + rc - bc
	default:
		h = float32(4+(maxc-g)/cr) - (maxc-r)/cr // 4 + gc - rc
	}
	h = fmod1(float32(h/6) + 1)
	// (h + hue_factor) % 1.0, torch.remainder: fmod, then +1 when negative.
	h = fmod1(h + hf)
	if h < 0 {
		h += 1
	}
	v := maxc
	h6 := float32(h * 6)
	fi := int32(h6) // h6 >= 0: truncation is floor
	f := h6 - float32(fi)
	p := hueClamp01(float32(v * (1 - s)))
	var x, y, z float32
	switch fi {
	case 0, 6: // v, t, p
		x, y, z = v, hueClamp01(float32(v*(1-float32(s*(1-f))))), p
	case 1: // q, v, p
		x, y, z = hueClamp01(float32(v*(1-float32(s*f)))), v, p
	case 2: // p, v, t
		x, y, z = p, v, hueClamp01(float32(v*(1-float32(s*(1-f)))))
	case 3: // p, q, v
		x, y, z = p, hueClamp01(float32(v*(1-float32(s*f)))), v
	case 4: // t, p, v
		x, y, z = hueClamp01(float32(v*(1-float32(s*(1-f))))), p, v
	default: // v, p, q
		x, y, z = v, p, hueClamp01(float32(v*(1-float32(s*f))))
	}
	return uint8(float32(x * 255)), uint8(float32(y * 255)), uint8(float32(z * 255))
}

// fmod1 is fmod(x, 1) for |x| < 2^23: x - trunc(x), which is exact.
func fmod1(x float32) float32 { return x - float32(int32(x)) }

// hueClamp01 clamps x to [0, 1].
func hueClamp01(x float32) float32 {
	if x < 0 {
		return 0
	}
	if x > 1 {
		return 1
	}
	return x
}

// ColorJitter is torchvision's ColorJitter with scalar strengths: the
// brightness, contrast and saturation factors are drawn from
// U[max(0, 1-x), 1+x], the hue factor from U[-Hue, Hue] (Hue <= 0.5), and
// the four adjustments run in a random order (a random permutation drawn
// first, then the factors in the order brightness, contrast, saturation,
// hue). A zero strength disables that adjustment and draws nothing for it.
type ColorJitter struct {
	Brightness, Contrast, Saturation, Hue float64
}

// jitterParams is one draw of ColorJitter's parameters.
type jitterParams struct {
	order   [4]int
	factors [4]float64 // brightness, contrast, saturation, hue
	on      [4]bool
}

func (t ColorJitter) params(r *rand.Rand) jitterParams {
	var p jitterParams
	perm := r.Perm(4)
	copy(p.order[:], perm)
	for i, x := range [3]float64{t.Brightness, t.Contrast, t.Saturation} {
		if x > 0 {
			p.on[i] = true
			p.factors[i] = augUniform(r, max(0, 1-x), 1+x)
		}
	}
	if t.Hue > 0 {
		p.on[3] = true
		p.factors[3] = augUniform(r, -t.Hue, t.Hue)
	}
	return p
}

// jitterInPlace runs the drawn adjustments in their drawn order.
func jitterInPlace(img *Image, p jitterParams) {
	for _, op := range p.order {
		if !p.on[op] {
			continue
		}
		f := p.factors[op]
		switch op {
		case 0:
			brightnessInPlace(img, f)
		case 1:
			contrastInPlace(img, f)
		case 2:
			saturationInPlace(img, f)
		case 3:
			hueInPlace(img, f)
		}
	}
}

// Apply draws the order and factors and applies the adjustments.
func (t ColorJitter) Apply(img *Image, r *rand.Rand) *Image {
	augMustChannels("ColorJitter", img)
	if t.Hue > 0.5 {
		panic(fmt.Sprintf("data: ColorJitter hue %v > 0.5", t.Hue))
	}
	p := t.params(r)
	out := augCopy(img)
	jitterInPlace(out, p)
	return out
}

// RandomGrayscale converts an RGB image to grayscale with probability P,
// keeping 3 (equal) channels, like torchvision's RandomGrayscale; a
// 1-channel image is left as it is.
type RandomGrayscale struct{ P float64 }

// Apply draws one uniform number and converts when it is below P.
func (t RandomGrayscale) Apply(img *Image, r *rand.Rand) *Image {
	if r.Float64() < t.P {
		return RGBToGrayscale(img, img.C)
	}
	return img
}

// Solarize returns torchvision's F.solarize: every value v >= threshold
// becomes 255 - v. BYOL's solarization (x < 0.5 ? x : 1 - x on [0, 1])
// is threshold 128.
func Solarize(img *Image, threshold float64) *Image {
	out := augCopy(img)
	solarizeInPlace(out, threshold)
	return out
}

func solarizeInPlace(img *Image, threshold float64) {
	if threshold > 255 {
		panic(fmt.Sprintf("data: Solarize threshold %v > 255", threshold))
	}
	var t [256]uint8
	th := float32(threshold)
	for v := range t {
		t[v] = uint8(v)
		if float32(v) >= th {
			t[v] = uint8(255 - v)
		}
	}
	applyLUT(img.Pix, &t)
}

// RandomSolarize solarizes with probability P at Threshold, like
// torchvision's RandomSolarize.
type RandomSolarize struct {
	Threshold float64
	P         float64
}

// Apply draws one uniform number and solarizes when it is below P.
func (t RandomSolarize) Apply(img *Image, r *rand.Rand) *Image {
	if r.Float64() < t.P {
		return Solarize(img, t.Threshold)
	}
	return img
}
