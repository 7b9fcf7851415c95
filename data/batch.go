package data

import "fmt"

// Shape is the geometry of one view of one sample: channels × height ×
// width, stored CHW (the layout of a torch image tensor).
type Shape struct {
	C, H, W int
}

// Len is C·H·W, the number of float32 values of one view of one sample.
func (s Shape) Len() int { return s.C * s.H * s.W }

// String formats the shape as CxHxW.
func (s Shape) String() string { return fmt.Sprintf("%dx%dx%d", s.C, s.H, s.W) }

// Batch is a collated batch: every view of every sample in one contiguous
// float32 buffer, ready to wrap as a torch tensor of shape Dims(v) without a
// copy (row-major, N outermost). Labels and multi-label targets are
// contiguous too.
//
// A Batch returned by Loader.Batch, and every slice in it, is valid until
// the next call to Loader.Next or Loader.Close: then its buffers go back to
// the loader's pool and are overwritten by a later batch. Copy what must
// outlive that (a tensor created from the buffers on a GPU is such a copy).
type Batch struct {
	// Epoch and Index locate the batch: the Index-th batch of epoch Epoch.
	Epoch, Index int
	// N is the number of samples: the batch size, or fewer in an epoch's
	// last batch.
	N int
	// Shapes holds the per-sample shape of each view.
	Shapes []Shape
	// Views[v] holds view v of all N samples, N×C×H×W, len N·Shapes[v].Len().
	Views [][]float32
	// Labels holds the class index of each sample (-1 when unlabelled or
	// multi-label), len N: a torch int64 tensor of shape [N].
	Labels []int64
	// K is the number of multi-label targets per sample, 0 for single-label
	// data.
	K int
	// Targets holds the multi-label targets, N×K (nil when K is 0).
	Targets []float32
	// Indices holds the dataset index each sample was read from; a broken
	// sample's replacement shows here (see Loader).
	Indices []int
	// Skipped counts the broken samples replaced while building this batch.
	Skipped int
}

// Dims returns view v's tensor shape {N, C, H, W}, as torch wants it.
func (b *Batch) Dims(v int) []int64 {
	s := b.Shapes[v]
	return []int64{int64(b.N), int64(s.C), int64(s.H), int64(s.W)}
}

// TargetDims returns the multi-label targets' tensor shape {N, K}.
func (b *Batch) TargetDims() []int64 { return []int64{int64(b.N), int64(b.K)} }

// batchBuf owns the full-capacity buffers behind a Batch; the loader's pool
// recycles them.
type batchBuf struct {
	views   [][]float32
	labels  []int64
	targets []float32
	indices []int
	batch   Batch
}

// Allocator returns a float32 buffer of length n for batch storage; the
// default is make. The loader allocates (Prefetch+1) sets of buffers up
// front and reuses them, so they must stay valid as long as the Loader.
//
// An allocator can place the buffers in libtorch memory: data/feed's
// Feeder.Alloc backs each one with an ordinary libtorch CPU tensor, so
// handing a batch to torch on the CPU is copy-free (the tensors view the
// loader's buffers). It does not pin them: for CUDA, feed stages each
// buffer through page-locked memory and copies it to the device without
// blocking.
type Allocator func(n int) []float32

// newBatchBuf allocates buffers for batches of up to size samples.
func newBatchBuf(size int, shapes []Shape, k int, alloc Allocator) *batchBuf {
	b := &batchBuf{
		views:   make([][]float32, len(shapes)),
		labels:  make([]int64, size),
		indices: make([]int, size),
	}
	for v, s := range shapes {
		b.views[v] = alloc(size * s.Len())
	}
	if k > 0 {
		b.targets = alloc(size * k)
	}
	b.batch.Views = make([][]float32, len(shapes))
	return b
}

// view fills and returns the Batch describing the first n samples.
func (b *batchBuf) view(epoch, index, n int, shapes []Shape, k, skipped int) *Batch {
	bt := &b.batch
	bt.Epoch, bt.Index, bt.N, bt.Shapes, bt.K, bt.Skipped = epoch, index, n, shapes, k, skipped
	for v, s := range shapes {
		bt.Views[v] = b.views[v][:n*s.Len()]
	}
	bt.Labels = b.labels[:n]
	bt.Indices = b.indices[:n]
	bt.Targets = nil
	if k > 0 {
		bt.Targets = b.targets[:n*k]
	}
	return bt
}
