package data

import "fmt"

// ImageNet channel statistics (RGB), the normalisation of torchvision's
// pretrained models and of the SimCLR/BYOL/SupCon presets.
var (
	ImageNetMean = []float32{0.485, 0.456, 0.406}
	ImageNetStd  = []float32{0.229, 0.224, 0.225}
)

// Normalize converts a uint8 HWC image to a float32 CHW tensor, as
// torchvision's ConvertImageDtype(torch.float) (v/255) followed by
// Normalize(Mean, Std) ((x - mean)/std per channel) compute it in float32.
// Mean and Std have one entry per channel.
type Normalize struct {
	Mean, Std []float32
}

// Len is the number of float32 values Into writes for img.
func (n Normalize) Len(img *Image) int { return img.C * img.H * img.W }

// Into writes the normalised img into dst[:C·H·W], channel planes in
// order (CHW), the layout of one sample of a torch NCHW batch: the loader
// passes a slice of its batch buffer. It panics if dst is too short or the
// channel counts disagree.
func (n Normalize) Into(dst []float32, img *Image) {
	c, hw := img.C, img.H*img.W
	if len(n.Mean) != c || len(n.Std) != c {
		panic(fmt.Sprintf("data: Normalize with %d means and %d stds of a %v", len(n.Mean), len(n.Std), img))
	}
	if len(dst) < c*hw {
		panic(fmt.Sprintf("data: Normalize into %d floats, %v needs %d", len(dst), img, c*hw))
	}
	var lut [3][256]float32
	for ch := 0; ch < c && ch < 3; ch++ {
		m, s := n.Mean[ch], n.Std[ch]
		for v := 0; v < 256; v++ {
			lut[ch][v] = (div255[v] - m) / s
		}
	}
	p := img.Pix[:c*hw]
	switch c {
	case 3:
		d0, d1, d2 := dst[:hw], dst[hw:2*hw], dst[2*hw:3*hw]
		l0, l1, l2 := &lut[0], &lut[1], &lut[2]
		for i := range d0 {
			q := p[3*i : 3*i+3 : 3*i+3]
			d0[i], d1[i], d2[i] = l0[q[0]], l1[q[1]], l2[q[2]]
		}
	case 1:
		l0 := &lut[0]
		for i, v := range p {
			dst[i] = l0[v]
		}
	default:
		panic(fmt.Sprintf("data: Normalize of a %v (want 1 or 3 channels)", img))
	}
}

// Tensor returns the normalised img as a new float32 CHW slice.
func (n Normalize) Tensor(img *Image) []float32 {
	out := make([]float32, n.Len(img))
	n.Into(out, img)
	return out
}
