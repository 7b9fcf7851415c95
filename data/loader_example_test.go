package data_test

import (
	"encoding/json"
	"fmt"

	"github.com/selfsup/selfsup/data"
)

// squares is a toy dataset of ten decoded 40×40 RGB images.
type squares struct{}

func (squares) Len() int { return 10 }

func (squares) Item(i int) (data.Sample, error) {
	m := data.NewImage(40, 40, 3)
	for j := range m.Pix {
		m.Pix[j] = uint8(i*25 + j%40)
	}
	return data.Sample{Path: fmt.Sprintf("square%d", i), Image: m, Label: i % 2}, nil
}

func ExampleLoader() {
	l, err := data.NewLoader(squares{}, data.SimCLR(32), data.LoaderOptions{
		BatchSize: 4, Epochs: 1, Seed: 1, Workers: 2,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer l.Close()
	for l.Next() {
		b := l.Batch() // valid until the next Next
		fmt.Println(b.Epoch, b.Index, b.Dims(0), b.Dims(1), b.Indices, b.Labels)
	}
	if err := l.Err(); err != nil {
		fmt.Println(err)
	}
	pos, _ := json.Marshal(l.Position()) // save with a checkpoint; resume with LoaderOptions.Resume
	fmt.Println(string(pos))
	// Output:
	// 0 0 [4 3 32 32] [4 3 32 32] [1 8 6 3] [1 0 0 1]
	// 0 1 [4 3 32 32] [4 3 32 32] [4 7 0 2] [0 1 0 0]
	// 0 2 [2 3 32 32] [2 3 32 32] [9 5] [1 1]
	// {"seed":1,"batch_size":4,"sampler_len":10,"batches_per_epoch":3,"epoch":1,"batch":0,"tried":10,"skipped":0}
}
