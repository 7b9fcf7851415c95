package data_test

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"math/rand/v2"

	"github.com/selfsup/selfsup/data"
)

// ExampleSimCLR augments one JPEG into SimCLR's two 224×224 views, the way
// the loader does for each sample of a batch.
func ExampleSimCLR() {
	// A 500×375 JPEG standing in for an ImageNet file.
	m := image.NewRGBA(image.Rect(0, 0, 500, 375))
	for y := 0; y < 375; y++ {
		for x := 0; x < 500; x++ {
			m.Set(x, y, color.RGBA{uint8(x / 2), uint8(y / 2), 128, 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, m, nil); err != nil {
		panic(err)
	}
	sample := data.Sample{Path: "n01440764/img.jpg", Encoded: buf.Bytes(), Label: 0}

	views := data.SimCLR(224)
	dst := make([][]float32, len(views))
	for i, sh := range views.Shapes() {
		dst[i] = make([]float32, sh.Len()) // a slice of the batch buffer in the loader
	}
	r := rand.New(rand.NewPCG(42, 7)) // the loader seeds it from (seed, epoch, index)
	if err := views.Process(sample, r, dst); err != nil {
		panic(err)
	}
	fmt.Println(views.Shapes())
	// Output: [3x224x224 3x224x224]
}

// ExampleAdjustHue applies a functional op with an explicit parameter.
func ExampleAdjustHue() {
	img := &data.Image{H: 1, W: 2, C: 3, Pix: []uint8{255, 0, 0, 0, 128, 255}}
	out := data.AdjustHue(img, 1.0/3) // red → green
	fmt.Println(out.Pix)
	// Output: [0 255 0 255 0 127]
}
