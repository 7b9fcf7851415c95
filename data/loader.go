package data

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/sirupsen/logrus"
)

// Pipeline turns one sample into its views: decode once, then augment each
// view. The loader calls Process from several goroutines at once.
type Pipeline interface {
	// Shapes returns the per-sample shape of each view Process writes; it
	// must not change while a Loader uses the pipeline.
	Shapes() []Shape
	// Process writes view v of s into dst[v] (len Shapes()[v].Len(), CHW,
	// float32), drawing all randomness from r. An error marks the sample as
	// broken: the loader replaces it (see Loader).
	Process(s Sample, r *rand.Rand, dst [][]float32) error
}

// LoaderOptions configure a Loader. Only BatchSize is required.
type LoaderOptions struct {
	// BatchSize is the number of samples per batch (> 0).
	BatchSize int
	// Sampler chooses each epoch's indices. Nil means SHUFFLE:
	// ShuffleSampler{N: ds.Len(), Seed: Seed}, a new order every epoch, as
	// self-supervised training wants. This is unlike
	// torch.utils.data.DataLoader, whose default is sequential; pass
	// SequentialSampler{N: ds.Len()} for feature extraction or evaluation,
	// where the batches must follow the dataset's order. Use a
	// DistributedSampler for one rank of a multi-process job. A sampler
	// with a Validate() error method (value or pointer receiver) is
	// validated by NewLoader.
	Sampler Sampler
	// Seed drives every sample's augmentations (see SampleRand) and the
	// choice of replacements for broken samples.
	Seed uint64
	// Epochs is the number of epochs to produce, counted from epoch 0 (a
	// resumed loader produces the remaining ones); 0 means without end.
	Epochs int
	// DropLast drops each epoch's last batch when it is incomplete.
	DropLast bool
	// Workers is the number of goroutines decoding and augmenting; 0 means
	// runtime.GOMAXPROCS(0). The batches do not depend on it.
	Workers int
	// Prefetch is the number of batches being built or waiting while the
	// caller holds one; 0 means 2. Memory is (Prefetch+1) batch buffers.
	Prefetch int
	// Resume, when set, starts at a position saved by Loader.Position.
	Resume *Position
	// MaxBrokenFraction stops the loader with an error once more than this
	// fraction of the samples tried have failed; 0 means 0.01, 1 means never.
	MaxBrokenFraction float64
	// MinBroken is the number of failures below which the fraction is not
	// checked; 0 means 10.
	MinBroken int
	// MaxReplacements bounds the substitutes tried for one broken sample
	// before the loader gives up with an error; 0 means 16.
	MaxReplacements int
	// LabelWidth is K, the number of multi-label targets per sample; 0
	// means read it from the first sample that loads (0 for single-label
	// data).
	LabelWidth int
	// Alloc allocates the batch buffers; nil means make. See Allocator for
	// buffers in libtorch memory.
	Alloc Allocator
	// Log receives one warning per broken path; nil means logrus's standard
	// logger.
	Log logrus.FieldLogger
}

// Position is where a Loader stands: the next batch it will produce. It is
// small and JSON-serialisable, to be saved with a checkpoint; a loader made
// with LoaderOptions.Resume set to it continues with exactly the batches the
// original would have produced next.
//
// Resuming checks that the loader is the one the position came from: the
// same seed and batch size, and the same sampler length and batches per
// epoch (a dataset that grew or shrank, another sampler, or a changed
// DropLast would silently continue a different stream). SamplerLen and
// BatchesPerEpoch of 0 mean "not recorded" (a Position written before they
// existed) and are not checked.
type Position struct {
	Seed            uint64 `json:"seed"`              // LoaderOptions.Seed
	BatchSize       int    `json:"batch_size"`        // LoaderOptions.BatchSize
	SamplerLen      int    `json:"sampler_len"`       // indices per epoch: the sampler's Len
	BatchesPerEpoch int    `json:"batches_per_epoch"` // Loader.BatchesPerEpoch
	Epoch           int    `json:"epoch"`             // epoch of the next batch
	Batch           int    `json:"batch"`             // index of the next batch within Epoch
	Tried           int64  `json:"tried"`             // samples tried so far, broken ones included
	Skipped         int64  `json:"skipped"`           // broken samples replaced so far
}

// Loader reads, decodes and augments a Dataset on worker goroutines and
// hands out collated batches in a fixed order, in the style of
// bufio.Scanner:
//
//	l, err := data.NewLoader(ds, pipe, opts)
//	...
//	defer l.Close()
//	for l.Next() {
//		b := l.Batch() // valid until the next Next or Close
//		...
//	}
//	if err := l.Err(); err != nil { ... }
//
// Randomness: sample i of epoch e is augmented with SampleRand(Seed, e, i),
// whatever worker handles it, so the batches are byte-identical for any
// Workers and Prefetch.
//
// Broken samples: when Item or Process fails (or panics) for dataset index
// i in epoch e, the loader fills the slot with a substitute: attempt
// k = 1, 2, ... up to MaxReplacements tries the dataset index
// ⌊mix(a ^ mix(b ^ k)) · N / 2^64⌋, where (a, b) = SampleSeed(Seed, e, i)
// (a uniform index that depends on those values alone, so every worker
// count and a resumed run pick the same one). The substitute is augmented
// with a generator of its own, seeded from (Seed, e, i, k) and never equal
// to any sample's SampleRand in epoch e: the substitute's regular
// appearance in the epoch draws other crops and colours, so the epoch holds
// no byte-identical duplicate views. Each failure is counted (Skipped) and
// each broken path logged once; a path that could not be read is not read
// again (one that failed to decode is, since success may depend on the
// drawn crop's JPEG scale). Once more than MaxBrokenFraction of the samples tried have failed
// (and at least MinBroken), Next returns false and Err names some of the
// failing paths.
//
// A sampler whose Indices returns other than Len indices for an epoch stops
// the loader when that epoch is reached: Next returns false and Err says
// so.
//
// A Loader is not safe for concurrent use, except that Close may be called
// while Next waits.
type Loader struct {
	ds      Dataset
	pipe    Pipeline
	opt     LoaderOptions
	sampler Sampler
	shapes  []Shape
	k       int
	n       int // sampler.Len() when the loader was made
	nb      int // batches per epoch

	jobs    chan sampleJob
	pending chan *batchJob
	free    chan *batchBuf
	quit    chan struct{}
	wg      sync.WaitGroup
	once    sync.Once
	broken  brokenSet

	cur      *batchJob
	pos      Position
	err      error
	failures []string // a few failing paths, for the error

	// dispatchErr is why dispatch stopped early; it is written before
	// pending is closed and read by Next after that.
	dispatchErr error
}

// batchJob is one batch being built: the workers fill its slots.
type batchJob struct {
	epoch, index int
	order        []int // the epoch's indices
	start, n     int   // slots are order[start : start+n]
	buf          *batchBuf
	remaining    atomic.Int32
	done         chan struct{}
	slots        []slotResult
}

// slotResult is what a worker reports for one slot besides the pixels.
type slotResult struct {
	skipped int
	paths   []string // failing paths, at most a few
	err     error    // a failure the loader cannot skip past
}

// sampleJob asks a worker to fill one slot of a batch.
type sampleJob struct {
	b    *batchJob
	slot int
}

// NewLoader starts a loader over ds with pipeline pipe; its workers run
// until the last epoch ends, an error stops it, or Close.
//
// With opt.Sampler nil the loader shuffles every epoch, unlike
// torch.utils.data.DataLoader, whose default is sequential; pass
// SequentialSampler{N: ds.Len()} for feature extraction.
//
// NewLoader rejects a bad configuration before any worker starts: invalid
// options, a sampler or a pipeline whose Validate() error method (if it
// has one, such as DistributedSampler and Views) fails, a resume position
// from another configuration (see Position).
func NewLoader(ds Dataset, pipe Pipeline, opt LoaderOptions) (*Loader, error) {
	if opt.BatchSize <= 0 {
		return nil, fmt.Errorf("data loader: batch size %d <= 0", opt.BatchSize)
	}
	if opt.Epochs < 0 {
		return nil, fmt.Errorf("data loader: negative epoch count %d", opt.Epochs)
	}
	if opt.Workers <= 0 {
		opt.Workers = runtime.GOMAXPROCS(0)
	}
	if opt.Prefetch <= 0 {
		opt.Prefetch = 2
	}
	if opt.MaxBrokenFraction <= 0 {
		opt.MaxBrokenFraction = 0.01
	}
	if opt.MinBroken <= 0 {
		opt.MinBroken = 10
	}
	if opt.MaxReplacements <= 0 {
		opt.MaxReplacements = 16
	}
	if opt.Alloc == nil {
		opt.Alloc = func(n int) []float32 { return make([]float32, n) }
	}
	if opt.Log == nil {
		opt.Log = logrus.StandardLogger()
	}
	l := &Loader{ds: ds, pipe: pipe, opt: opt, sampler: opt.Sampler}
	if l.sampler == nil {
		l.sampler = ShuffleSampler{N: ds.Len(), Seed: opt.Seed}
	}
	if v, ok := l.sampler.(interface{ Validate() error }); ok {
		if err := v.Validate(); err != nil {
			return nil, fmt.Errorf("data loader: sampler: %w", err)
		}
	}
	if v, ok := pipe.(interface{ Validate() error }); ok {
		if err := v.Validate(); err != nil {
			return nil, fmt.Errorf("data loader: pipeline: %w", err)
		}
	}
	l.shapes = append([]Shape(nil), pipe.Shapes()...)
	if len(l.shapes) == 0 {
		return nil, errors.New("data loader: pipeline has no views")
	}
	l.k = opt.LabelWidth
	if l.k == 0 {
		l.k = probeLabelWidth(ds)
	}
	n := l.sampler.Len()
	if n < 0 {
		return nil, fmt.Errorf("data loader: sampler length %d < 0", n)
	}
	l.n = n
	l.nb = (n + opt.BatchSize - 1) / opt.BatchSize
	if opt.DropLast {
		l.nb = n / opt.BatchSize
	}
	if l.nb == 0 {
		return nil, fmt.Errorf("data loader: %d samples per epoch make no batch of %d (drop last %v)",
			n, opt.BatchSize, opt.DropLast)
	}
	l.pos = Position{Seed: opt.Seed, BatchSize: opt.BatchSize, SamplerLen: n, BatchesPerEpoch: l.nb}
	if p := opt.Resume; p != nil {
		switch {
		case p.Seed != opt.Seed:
			return nil, fmt.Errorf("data loader: resume position has seed %d, loader %d", p.Seed, opt.Seed)
		case p.BatchSize != opt.BatchSize:
			return nil, fmt.Errorf("data loader: resume position has batch size %d, loader %d", p.BatchSize, opt.BatchSize)
		case p.SamplerLen != 0 && p.SamplerLen != n:
			return nil, fmt.Errorf("data loader: resume position has %d samples per epoch, loader's sampler %d (dataset or sampler changed?)",
				p.SamplerLen, n)
		case p.BatchesPerEpoch != 0 && p.BatchesPerEpoch != l.nb:
			return nil, fmt.Errorf("data loader: resume position has %d batches per epoch, loader %d (dataset, sampler or drop last changed?)",
				p.BatchesPerEpoch, l.nb)
		case p.Epoch < 0 || p.Batch < 0 || p.Batch >= l.nb:
			return nil, fmt.Errorf("data loader: resume position epoch %d batch %d outside an epoch of %d batches", p.Epoch, p.Batch, l.nb)
		}
		l.pos = *p
		l.pos.SamplerLen, l.pos.BatchesPerEpoch = n, l.nb
	}
	l.jobs = make(chan sampleJob, opt.BatchSize)
	l.pending = make(chan *batchJob, opt.Prefetch)
	l.free = make(chan *batchBuf, opt.Prefetch+1)
	l.quit = make(chan struct{})
	l.wg.Add(1 + opt.Workers)
	go l.dispatch()
	for range opt.Workers {
		go l.work()
	}
	return l, nil
}

// probeLabelWidth returns len(Labels) of the first of ds's first few samples
// that loads, 0 if none does.
func probeLabelWidth(ds Dataset) int {
	for i := range min(ds.Len(), 8) {
		if s, err := ds.Item(i); err == nil {
			return len(s.Labels)
		}
	}
	return 0
}

// BatchesPerEpoch is the number of batches each epoch produces.
func (l *Loader) BatchesPerEpoch() int { return l.nb }

// Shapes returns the per-sample shape of each view.
func (l *Loader) Shapes() []Shape { return l.shapes }

// Next waits for the next batch and reports whether there is one. It
// returns false after the last epoch, after an error (see Err) and after
// Close. The previous batch's buffers are recycled.
func (l *Loader) Next() bool {
	if l.err != nil || l.stopped() {
		return false
	}
	l.recycle()
	var b *batchJob
	var ok bool
	select {
	case b, ok = <-l.pending:
	case <-l.quit:
	}
	if !ok {
		l.err = l.dispatchErr
		l.Close()
		return false
	}
	select {
	case <-b.done:
	case <-l.quit:
		return false
	}
	l.cur = b
	if err := l.account(b); err != nil {
		l.err = err
		l.Close()
		return false
	}
	l.pos.Batch = b.index + 1
	l.pos.Epoch = b.epoch
	if l.pos.Batch >= l.nb {
		l.pos.Epoch, l.pos.Batch = b.epoch+1, 0
	}
	return true
}

// stopped reports whether Close has been called.
func (l *Loader) stopped() bool {
	select {
	case <-l.quit:
		return true
	default:
		return false
	}
}

// recycle returns the current batch's buffers to the pool.
func (l *Loader) recycle() {
	if l.cur == nil {
		return
	}
	select {
	case l.free <- l.cur.buf:
	default: // pool full: cannot happen, but never block
	}
	l.cur = nil
}

// Batch returns the batch Next just produced; see Batch for how long it
// stays valid.
func (l *Loader) Batch() *Batch {
	if l.cur == nil {
		return nil
	}
	b := l.cur
	skipped := 0
	for _, s := range b.slots {
		skipped += s.skipped
	}
	return b.buf.view(b.epoch, b.index, b.n, l.shapes, l.k, skipped)
}

// Err returns the error that stopped the loader (too many broken samples, a
// slot that could not be filled, a sampler that broke its Len), nil at a
// normal end or after Close.
func (l *Loader) Err() error { return l.err }

// Position returns where the loader stands: the batch the next Next will
// produce.
func (l *Loader) Position() Position { return l.pos }

// Skipped returns the number of broken samples replaced in the batches
// produced so far (a resumed loader counts from its position).
func (l *Loader) Skipped() int64 { return l.pos.Skipped }

// Close stops the workers and waits for them to exit; the current batch's
// buffers are no longer valid. Close is idempotent and always returns nil.
func (l *Loader) Close() error {
	l.once.Do(func() {
		close(l.quit)
		l.wg.Wait()
	})
	return nil
}

// dispatch walks the epochs in order, hands each batch's slots to the
// workers and queues the batch for Next.
func (l *Loader) dispatch() {
	defer l.wg.Done()
	defer close(l.pending)
	allocated := 0
	first := l.pos.Batch
	for epoch := l.pos.Epoch; l.opt.Epochs == 0 || epoch < l.opt.Epochs; epoch++ {
		order := l.sampler.Indices(epoch)
		if len(order) != l.n {
			// Batches would index past order (or skip part of it); stop
			// the loader instead, after the batches already queued.
			l.dispatchErr = fmt.Errorf("data loader: sampler %T gave %d indices for epoch %d, its Len is %d",
				l.sampler, len(order), epoch, l.n)
			return
		}
		for bi := first; bi < l.nb; bi++ {
			var buf *batchBuf
			select {
			case buf = <-l.free:
			default:
				if allocated < l.opt.Prefetch+1 {
					buf = newBatchBuf(l.opt.BatchSize, l.shapes, l.k, l.opt.Alloc)
					allocated++
					break
				}
				select {
				case buf = <-l.free:
				case <-l.quit:
					return
				}
			}
			start := bi * l.opt.BatchSize
			b := &batchJob{epoch: epoch, index: bi, order: order, start: start,
				n: min(l.opt.BatchSize, len(order)-start), buf: buf, done: make(chan struct{})}
			b.slots = make([]slotResult, b.n)
			b.remaining.Store(int32(b.n))
			select {
			case l.pending <- b:
			case <-l.quit:
				return
			}
			for slot := range b.n {
				select {
				case l.jobs <- sampleJob{b, slot}:
				case <-l.quit:
					return
				}
			}
		}
		first = 0
	}
}

// work fills slots until Close.
func (l *Loader) work() {
	defer l.wg.Done()
	src := rand.NewPCG(0, 0)
	w := &worker{l: l, src: src, r: rand.New(src), dst: make([][]float32, len(l.shapes))}
	for {
		select {
		case j := <-l.jobs:
			j.b.slots[j.slot] = w.fill(j.b, j.slot)
			if j.b.remaining.Add(-1) == 0 {
				close(j.b.done)
			}
		case <-l.quit:
			return
		}
	}
}
