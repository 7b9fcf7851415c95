package data

import "fmt"

// Image is an 8-bit image stored height × width × channels, channels
// interleaved (HWC), rows top to bottom: the layout of a decoded JPEG or PNG
// and of PIL's raw bytes. C is 1 (grayscale) or 3 (RGB).
type Image struct {
	H, W, C int
	Pix     []uint8 // len H*W*C; pixel (y, x) channel c is Pix[(y*W+x)*C+c]
}

// NewImage returns a zeroed h×w image with c channels.
func NewImage(h, w, c int) *Image {
	return &Image{H: h, W: w, C: c, Pix: make([]uint8, h*w*c)}
}

// At returns channel c of pixel (y, x).
func (m *Image) At(y, x, c int) uint8 { return m.Pix[(y*m.W+x)*m.C+c] }

// String describes the image's geometry, for logs and errors.
func (m *Image) String() string { return fmt.Sprintf("%dx%dx%d image", m.H, m.W, m.C) }
