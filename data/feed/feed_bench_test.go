package feed

import (
	"testing"

	"github.com/selfsup/selfsup/data"
	"github.com/selfsup/selfsup/torch"
)

// BenchmarkToDeviceCPU is the hand-over of one SimCLR batch (64 samples,
// two 3×224×224 views) to CPU tensors.
func BenchmarkToDeviceCPU(b *testing.B) {
	const n = 64
	sh := data.Shape{C: 3, H: 224, W: 224}
	batch := &data.Batch{N: n, Shapes: []data.Shape{sh, sh},
		Views:  [][]float32{make([]float32, n*sh.Len()), make([]float32, n*sh.Len())},
		Labels: make([]int64, n)}
	b.SetBytes(int64(2 * n * sh.Len() * 4))
	for range b.N {
		torch.Scoped(func() { ToDevice(batch, torch.CPU) })
	}
}

// BenchmarkFeederCPU is the same hand-over from buffers the Feeder made.
func BenchmarkFeederCPU(b *testing.B) {
	const n = 64
	sh := data.Shape{C: 3, H: 224, W: 224}
	f := New(torch.CPU)
	defer f.Close()
	batch := &data.Batch{N: n, Shapes: []data.Shape{sh, sh},
		Views:  [][]float32{f.Alloc(n * sh.Len()), f.Alloc(n * sh.Len())},
		Labels: make([]int64, n)}
	b.SetBytes(int64(2 * n * sh.Len() * 4))
	for range b.N {
		torch.Scoped(func() { f.Batch(batch) })
	}
}
