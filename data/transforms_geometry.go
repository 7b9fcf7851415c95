package data

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// HFlip returns img mirrored left to right (torchvision's F.hflip).
func HFlip(img *Image) *Image {
	out := NewImage(img.H, img.W, img.C)
	c := img.C
	for y := 0; y < img.H; y++ {
		s := img.Pix[y*img.W*c : (y+1)*img.W*c]
		d := out.Pix[y*img.W*c : (y+1)*img.W*c]
		for x := 0; x < img.W; x++ {
			copy(d[x*c:x*c+c], s[(img.W-1-x)*c:(img.W-x)*c])
		}
	}
	return out
}

// Crop returns the h×w region of img whose top-left corner is (top, left),
// like torchvision's F.crop: parts of the box outside img are filled with
// zeros.
func Crop(img *Image, top, left, h, w int) *Image {
	out := NewImage(h, w, img.C)
	c := img.C
	x0, x1 := max(left, 0), min(left+w, img.W)
	for y := max(top, 0); y < min(top+h, img.H); y++ {
		if x0 >= x1 {
			break
		}
		copy(out.Pix[((y-top)*w+x0-left)*c:], img.Pix[(y*img.W+x0)*c:(y*img.W+x1)*c])
	}
	return out
}

// CenterCropped returns the central h×w region of img, like torchvision's
// F.center_crop: top = round((H-h)/2), left = round((W-w)/2) (half to
// even), zero padding where the box is larger than img.
func CenterCropped(img *Image, h, w int) *Image {
	if h > img.H || w > img.W {
		// torchvision pads first, then crops the padded image.
		pt, pl := 0, 0
		ph, pw := img.H, img.W
		if h > img.H {
			pt, ph = (h-img.H)/2, h
		}
		if w > img.W {
			pl, pw = (w-img.W)/2, w
		}
		padded := Crop(img, -pt, -pl, ph, pw)
		if ph == h && pw == w {
			return padded
		}
		img = padded
	}
	top := int(math.RoundToEven(float64(img.H-h) / 2))
	left := int(math.RoundToEven(float64(img.W-w) / 2))
	return Crop(img, top, left, h, w)
}

// Resized returns img resized to h×w with interp, like torchvision 0.14's
// F.resize on a uint8 tensor with antialias=False (the tensor default):
// computed in float32, rounded half to even. Downscaling by more than 2×
// therefore aliases, as it does in torchvision's tensor path; PIL images
// in torchvision are always antialiased, so PIL-based pipelines differ.
func Resized(img *Image, h, w int, interp Interpolation) *Image {
	return ResizedCrop(img, 0, 0, img.H, img.W, h, w, interp)
}

// ResizedCrop crops the h×w box at (top, left) from img and resizes it to
// outH×outW, like torchvision's F.resized_crop (crop, then resize; see
// Resized). Only the output pixels are computed: the crop is never copied.
func ResizedCrop(img *Image, top, left, h, w, outH, outW int, interp Interpolation) *Image {
	augMustChannels("ResizedCrop", img)
	if h <= 0 || w <= 0 || outH <= 0 || outW <= 0 {
		panic(fmt.Sprintf("data: ResizedCrop of a %dx%d box to %dx%d", h, w, outH, outW))
	}
	if top < 0 || left < 0 || top+h > img.H || left+w > img.W {
		return ResizedCrop(Crop(img, top, left, h, w), 0, 0, h, w, outH, outW, interp)
	}
	out := NewImage(outH, outW, img.C)
	var g geomBuf
	resizedCropInto(out, img, top, left, h, w, interp, false, &g)
	return out
}

// geomBuf is reusable scratch for the fused geometry ops.
type geomBuf struct {
	ax, ay axis
	rb     resampleBuf
}

// resizedCropInto writes into dst (whose H, W, C are set) the crop box
// (top, left, h, w) of src resized to dst's size, flipped horizontally
// when flip is set. The box must lie inside src.
func resizedCropInto(dst, src *Image, top, left, h, w int, interp Interpolation, flip bool, g *geomBuf) {
	if h == dst.H && w == dst.W {
		// torchvision returns the crop itself when no resize is needed.
		copyBox(dst, src, top, left, flip)
		return
	}
	g.ax.set(interp, dst.W, 0, w, dst.W, left, src.C, flip)
	g.ay.set(interp, dst.H, 0, h, dst.H, top, 1, false)
	resample(dst, src, &g.ax, &g.ay, interp, &g.rb)
}

// copyBox copies the dst-sized box at (top, left) of src into dst.
func copyBox(dst, src *Image, top, left int, flip bool) {
	c := src.C
	for y := 0; y < dst.H; y++ {
		s := src.Pix[((top+y)*src.W+left)*c : ((top+y)*src.W+left+dst.W)*c]
		d := dst.Pix[y*dst.W*c : (y+1)*dst.W*c]
		if !flip {
			copy(d, s)
			continue
		}
		for x := 0; x < dst.W; x++ {
			copy(d[x*c:x*c+c], s[(dst.W-1-x)*c:(dst.W-x)*c])
		}
	}
}

// ShorterSide returns the size torchvision's Resize(size) gives an h×w
// image: the shorter side becomes size, the longer one
// int(size·long/short).
func ShorterSide(h, w, size int) (outH, outW int) {
	if w <= h {
		return int(float64(size*h) / float64(w)), size
	}
	return size, int(float64(size*w) / float64(h))
}

// resizeCenterCropInto writes into dst (S×S, set) torchvision's
// Resize(resize) followed by CenterCrop(S) of src (then flipped when flip
// is set), computing only the kept pixels. The resized image must be at
// least S×S.
func resizeCenterCropInto(dst, src *Image, resize int, interp Interpolation, flip bool, g *geomBuf) {
	rh, rw := ShorterSide(src.H, src.W, resize)
	top := int(math.RoundToEven(float64(rh-dst.H) / 2))
	left := int(math.RoundToEven(float64(rw-dst.W) / 2))
	if rh == src.H && rw == src.W {
		copyBox(dst, src, top, left, flip)
		return
	}
	g.ax.set(interp, dst.W, left, src.W, rw, 0, src.C, flip)
	g.ay.set(interp, dst.H, top, src.H, rh, 0, 1, false)
	resample(dst, src, &g.ax, &g.ay, interp, &g.rb)
}

// RandomResizedCrop is torchvision's RandomResizedCrop: a crop of random
// area fraction in Scale and random aspect ratio (w/h, log-uniform) in
// Ratio, resized to Size×Size. The zero Scale and Ratio mean torchvision's
// defaults, (0.08, 1) and (3/4, 4/3).
type RandomResizedCrop struct {
	Size         int
	Scale, Ratio [2]float64
	Interp       Interpolation
}

func (t RandomResizedCrop) ranges() (scale, ratio [2]float64) {
	scale, ratio = t.Scale, t.Ratio
	if scale == [2]float64{} {
		scale = [2]float64{0.08, 1}
	}
	if ratio == [2]float64{} {
		ratio = [2]float64{3.0 / 4, 4.0 / 3}
	}
	return scale, ratio
}

// Params samples a crop box of an h×w image exactly as torchvision 0.14's
// RandomResizedCrop.get_params: up to 10 attempts of area·U(scale) and
// exp(U(log ratio)), w = round(sqrt(area·ratio)), h = round(sqrt(area/ratio))
// (half to even), accepted when the box fits, with a uniform position;
// otherwise the central crop of the whole image clamped to the ratio range.
func (t RandomResizedCrop) Params(h, w int, r *rand.Rand) (top, left, ch, cw int) {
	scale, ratio := t.ranges()
	area := float64(h * w)
	lr0, lr1 := math.Log(ratio[0]), math.Log(ratio[1])
	for range 10 {
		target := area * augUniform(r, scale[0], scale[1])
		ar := math.Exp(augUniform(r, lr0, lr1))
		cw = int(math.RoundToEven(math.Sqrt(target * ar)))
		ch = int(math.RoundToEven(math.Sqrt(target / ar)))
		if 0 < cw && cw <= w && 0 < ch && ch <= h {
			top = r.IntN(h - ch + 1)
			left = r.IntN(w - cw + 1)
			return top, left, ch, cw
		}
	}
	in := float64(w) / float64(h)
	lo, hi := min(ratio[0], ratio[1]), max(ratio[0], ratio[1])
	switch {
	case in < lo:
		cw = w
		ch = int(math.RoundToEven(float64(cw) / lo))
	case in > hi:
		ch = h
		cw = int(math.RoundToEven(float64(ch) * hi))
	default:
		cw, ch = w, h
	}
	return (h - ch) / 2, (w - cw) / 2, ch, cw
}

// Apply crops a random box (see Params) and resizes it to Size×Size.
func (t RandomResizedCrop) Apply(img *Image, r *rand.Rand) *Image {
	top, left, h, w := t.Params(img.H, img.W, r)
	return ResizedCrop(img, top, left, h, w, t.Size, t.Size, t.Interp)
}

// RandomHorizontalFlip mirrors the image with probability P.
type RandomHorizontalFlip struct{ P float64 }

// Apply draws one uniform number and flips when it is below P.
func (t RandomHorizontalFlip) Apply(img *Image, r *rand.Rand) *Image {
	if r.Float64() < t.P {
		return HFlip(img)
	}
	return img
}

// Resize is torchvision's Resize(Size) with an int size: the shorter side
// becomes Size (see ShorterSide and Resized).
type Resize struct {
	Size   int
	Interp Interpolation
}

// Apply resizes img; it draws no randomness.
func (t Resize) Apply(img *Image, _ *rand.Rand) *Image {
	h, w := ShorterSide(img.H, img.W, t.Size)
	if h == img.H && w == img.W {
		return img
	}
	return Resized(img, h, w, t.Interp)
}

// CenterCrop is torchvision's CenterCrop(Size) (see CenterCropped).
type CenterCrop struct{ Size int }

// Apply crops the center of img; it draws no randomness.
func (t CenterCrop) Apply(img *Image, _ *rand.Rand) *Image {
	return CenterCropped(img, t.Size, t.Size)
}
