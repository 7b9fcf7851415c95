package devaug_test

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"math/rand/v2"

	"github.com/selfsup/selfsup/data"
	"github.com/selfsup/selfsup/data/devaug"
	"github.com/selfsup/selfsup/torch"
)

// The loader's goroutines crop and draw parameters (Process, here called
// directly); the training goroutine colours and normalises the batch.
func Example() {
	img := image.NewRGBA(image.Rect(0, 0, 80, 60))
	for y := 0; y < 60; y++ {
		for x := 0; x < 80; x++ {
			img.Set(x, y, color.RGBA{uint8(3 * x), uint8(4 * y), 90, 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		panic(err)
	}
	vs := data.SimCLR(32)
	pipe := devaug.Pipeline{Views: vs}
	dst := make([][]float32, 0, 4)
	for _, s := range pipe.Shapes() {
		dst = append(dst, make([]float32, s.Len()))
	}
	err := pipe.Process(data.Sample{Path: "demo.jpg", Encoded: buf.Bytes()}, rand.New(rand.NewPCG(1, 2)), dst)
	if err != nil {
		panic(err)
	}
	torch.Scoped(func() {
		crops := torch.FromSlice(dst[0], 1, 3, 32, 32) // a batch of one
		params := torch.FromSlice(dst[2], 1, devaug.K)
		out := devaug.Apply(vs[0], crops, params)
		fmt.Println(out.Shape(), out.DType())
	})
	// Output: [1 3 32 32] float32
}
