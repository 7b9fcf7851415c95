package data

import (
	"encoding/json"
	"errors"
	"io"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sirupsen/logrus"
)

// quietLog discards the loader's warnings.
func quietLog() *logrus.Logger {
	l := logrus.New()
	l.SetOutput(io.Discard)
	return l
}

func newTestLoader(t testing.TB, ds Dataset, opt LoaderOptions) *Loader {
	t.Helper()
	return newPipeLoader(t, ds, testPipe{size: 8, views: 2}, opt)
}

func newPipeLoader(t testing.TB, ds Dataset, p Pipeline, opt LoaderOptions) *Loader {
	t.Helper()
	if opt.Log == nil {
		opt.Log = quietLog()
	}
	l, err := NewLoader(ds, p, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

func TestLoaderWorkersDeterministic(t *testing.T) {
	for _, c := range []struct {
		name string
		ds   Dataset
		pipe Pipeline
	}{
		{"toy pipeline", &memDataset{n: 103, h: 12, w: 16, classes: 5, bad: map[int]bool{7: true, 50: true}},
			testPipe{size: 8, views: 2}},
		{"SimCLR on JPEGs", smallJPEGs(41), SimCLR(32)},
	} {
		t.Run(c.name, func(t *testing.T) {
			base := LoaderOptions{BatchSize: 10, Seed: 42, Epochs: 3}
			perEpoch := (c.ds.Len() + 9) / 10
			var want [][32]byte
			for _, w := range []struct{ workers, prefetch int }{{1, 1}, {2, 2}, {4, 3}, {4, 1}, {3, 8}} {
				opt := base
				opt.Workers, opt.Prefetch = w.workers, w.prefetch
				got := drain(t, newPipeLoader(t, c.ds, c.pipe, opt), 0)
				if len(got) != 3*perEpoch {
					t.Fatalf("workers %d: %d batches, want %d", w.workers, len(got), 3*perEpoch)
				}
				if want == nil {
					want = got
					continue
				}
				for i := range want {
					if got[i] != want[i] {
						t.Fatalf("workers %d prefetch %d: batch %d differs from 1 worker", w.workers, w.prefetch, i)
					}
				}
			}
			// A different seed must change the stream.
			opt := base
			opt.Seed = 43
			if got := drain(t, newPipeLoader(t, c.ds, c.pipe, opt), 1); got[0] == want[0] {
				t.Fatal("seed 43 gave the same first batch as seed 42")
			}
		})
	}
}

func TestLoaderBatchContents(t *testing.T) {
	ds := &memDataset{n: 23, h: 10, w: 9, classes: 4, k: 3}
	pipe := testPipe{size: 8, views: 2}
	l := newTestLoader(t, ds, LoaderOptions{BatchSize: 5, Seed: 7, Epochs: 2, Workers: 3,
		Sampler: SequentialSampler{N: ds.n}})
	if l.BatchesPerEpoch() != 5 {
		t.Fatalf("BatchesPerEpoch %d, want 5", l.BatchesPerEpoch())
	}
	want := make([][]float32, 2)
	for i := range want {
		want[i] = make([]float32, pipe.Shapes()[0].Len())
	}
	batches := 0
	for l.Next() {
		b := l.Batch()
		wantN := 5
		if b.Index == 4 {
			wantN = 3 // 23 = 4·5 + 3
		}
		if b.N != wantN || b.Epoch != batches/5 || b.Index != batches%5 {
			t.Fatalf("batch %d: epoch %d index %d n %d", batches, b.Epoch, b.Index, b.N)
		}
		if d := b.Dims(1); !slices.Equal(d, []int64{int64(b.N), 3, 8, 8}) || len(b.Views[1]) != b.N*3*8*8 {
			t.Fatalf("view dims %v, len %d", d, len(b.Views[1]))
		}
		if d := b.TargetDims(); !slices.Equal(d, []int64{int64(b.N), 3}) || len(b.Targets) != b.N*3 {
			t.Fatalf("target dims %v, len %d", d, len(b.Targets))
		}
		for j := range b.N {
			idx := b.Index*5 + j
			if b.Indices[j] != idx || b.Labels[j] != -1 {
				t.Fatalf("slot %d: index %d label %d", j, b.Indices[j], b.Labels[j])
			}
			s, _ := ds.Item(idx)
			if !slices.Equal(b.Targets[j*3:j*3+3], s.Labels) {
				t.Fatalf("slot %d targets %v, want %v", j, b.Targets[j*3:j*3+3], s.Labels)
			}
			// Each slot holds exactly what the pipeline makes with the
			// sample's own generator.
			if err := pipe.Process(s, SampleRand(7, b.Epoch, idx), want); err != nil {
				t.Fatal(err)
			}
			for v := range 2 {
				n := len(want[v])
				if !slices.Equal(b.Views[v][j*n:(j+1)*n], want[v]) {
					t.Fatalf("epoch %d slot %d view %d differs from Process with SampleRand", b.Epoch, j, v)
				}
			}
		}
		batches++
	}
	if err := l.Err(); err != nil || batches != 10 {
		t.Fatalf("%d batches, err %v", batches, err)
	}
}

func TestLoaderDropLast(t *testing.T) {
	ds := &memDataset{n: 23, h: 8, w: 8, classes: 2}
	l := newTestLoader(t, ds, LoaderOptions{BatchSize: 5, Epochs: 2, DropLast: true})
	n := 0
	seen := map[int]bool{}
	for l.Next() {
		b := l.Batch()
		if b.N != 5 {
			t.Fatalf("batch of %d with DropLast", b.N)
		}
		for _, i := range b.Indices {
			if b.Epoch == 0 {
				if seen[i] {
					t.Fatalf("index %d twice in epoch 0", i)
				}
				seen[i] = true
			}
		}
		n++
	}
	if n != 8 || len(seen) != 20 {
		t.Fatalf("%d batches, %d distinct indices in epoch 0; want 8, 20", n, len(seen))
	}
}

// smallJPEGs is an in-memory dataset of n small synthetic JPEGs.
func smallJPEGs(n int) *encodedDataset {
	d := &encodedDataset{}
	for i := range n {
		d.blobs = append(d.blobs, syntheticJPEG(64+i%3*8, 48, uint64(i), 90))
	}
	return d
}

func TestLoaderResume(t *testing.T) {
	for _, c := range []struct {
		name string
		ds   Dataset
		pipe Pipeline
	}{
		{"toy pipeline", &memDataset{n: 47, h: 9, w: 11, classes: 3, bad: map[int]bool{3: true}}, testPipe{8, 2}},
		{"SimCLR on JPEGs", smallJPEGs(47), SimCLR(32)},
	} {
		t.Run(c.name, func(t *testing.T) {
			opt := LoaderOptions{BatchSize: 4, Seed: 99, Epochs: 3, Workers: 2}
			// 12 batches per epoch: 2.5 epochs = 30 batches straight; stop
			// the other run after 1.3 epochs (16 batches), save, resume.
			straight := drain(t, newPipeLoader(t, c.ds, c.pipe, opt), 30)
			first := newPipeLoader(t, c.ds, c.pipe, opt)
			head := drain(t, first, 16)
			pos := first.Position()
			if pos.Epoch != 1 || pos.Batch != 4 {
				t.Fatalf("position after 16 batches: %+v", pos)
			}
			first.Close()
			blob, err := json.Marshal(pos)
			if err != nil {
				t.Fatal(err)
			}
			var saved Position
			if err := json.Unmarshal(blob, &saved); err != nil {
				t.Fatal(err)
			}
			opt.Resume = &saved
			opt.Workers = 3 // resuming on another machine shape changes nothing
			resumed := newPipeLoader(t, c.ds, c.pipe, opt)
			if resumed.Skipped() != pos.Skipped {
				t.Fatalf("resumed Skipped %d, want %d", resumed.Skipped(), pos.Skipped)
			}
			tail := drain(t, resumed, 14)
			if !slices.Equal(append(head, tail...), straight) {
				t.Fatal("1.3 epochs + resume differ from 2.5 epochs straight")
			}
		})
	}
}

func TestLoaderResumeRejects(t *testing.T) {
	ds := &memDataset{n: 10, h: 4, w: 4}
	for _, p := range []Position{
		{Seed: 2, BatchSize: 4},
		{Seed: 1, BatchSize: 5},
		{Seed: 1, BatchSize: 4, Batch: 3},
		{Seed: 1, BatchSize: 4, Epoch: -1},
		{Seed: 1, BatchSize: 4, SamplerLen: 11},
		{Seed: 1, BatchSize: 4, BatchesPerEpoch: 4},
	} {
		if _, err := NewLoader(ds, testPipe{4, 1}, LoaderOptions{BatchSize: 4, Seed: 1, Resume: &p}); err == nil {
			t.Errorf("resume from %+v accepted", p)
		}
	}
}

func TestLoaderDistributedCoversDataset(t *testing.T) {
	ds := &memDataset{n: 50, h: 6, w: 6}
	const world = 3
	count := map[int]int{}
	for rank := range world {
		l := newTestLoader(t, ds, LoaderOptions{BatchSize: 8, Seed: 5, Epochs: 1,
			Sampler: DistributedSampler{N: 50, Rank: rank, World: world, Shuffle: true, Seed: 5}})
		for l.Next() {
			for _, i := range l.Batch().Indices {
				count[i]++
			}
		}
	}
	// 50 → 17 per rank = 51: every index once, one padded index twice.
	total, twice := 0, 0
	for _, c := range count {
		total += c
		if c == 2 {
			twice++
		}
	}
	if len(count) != 50 || total != 51 || twice != 1 {
		t.Fatalf("%d distinct, %d total, %d twice; want 50, 51, 1", len(count), total, twice)
	}
}

func TestLoaderNoGoroutineLeak(t *testing.T) {
	ds := &memDataset{n: 200, h: 16, w: 16, bad: map[int]bool{1: true}}
	cases := []struct {
		name string
		run  func(l *Loader)
	}{
		{"close before Next", func(*Loader) {}},
		{"close mid-epoch", func(l *Loader) {
			for range 3 {
				l.Next()
			}
		}},
		{"run to the end", func(l *Loader) {
			for l.Next() {
			}
		}},
		{"close while Next waits", func(l *Loader) {
			go func() { time.Sleep(time.Millisecond); l.Close() }()
			for l.Next() {
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := runtime.NumGoroutine()
			l, err := NewLoader(ds, testPipe{8, 2}, LoaderOptions{BatchSize: 16, Epochs: 2, Workers: 4,
				Prefetch: 3, Log: quietLog()})
			if err != nil {
				t.Fatal(err)
			}
			c.run(l)
			l.Close()
			l.Close() // idempotent
			if l.Next() {
				t.Fatal("Next after Close returned true")
			}
			deadline := time.Now().Add(2 * time.Second)
			for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
				time.Sleep(5 * time.Millisecond)
			}
			if n := runtime.NumGoroutine(); n > before {
				t.Fatalf("%d goroutines after Close, %d before", n, before)
			}
		})
	}
}

// TestLoaderRecyclesBuffers checks that batch buffers come from the pool:
// the heap allocated per batch stays far below one batch's pixels.
func TestLoaderRecyclesBuffers(t *testing.T) {
	ds := &memDataset{n: 64, h: 8, w: 8}
	pipe := testPipe{size: 32, views: 2}
	l, err := NewLoader(ds, pipe, LoaderOptions{BatchSize: 32, Workers: 2, Prefetch: 2, Log: quietLog()})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	for range 10 { // warm up: fill the pool
		l.Next()
	}
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	const batches = 40
	for range batches {
		if !l.Next() {
			t.Fatal(l.Err())
		}
	}
	runtime.ReadMemStats(&m1)
	perBatch := (m1.TotalAlloc - m0.TotalAlloc) / batches
	// memDataset allocates each 8×8×3 image (~200 B per sample); a batch
	// buffer is 2·32·3·32·32·4 B = 786 KiB.
	if limit := uint64(64 << 10); perBatch > limit {
		t.Fatalf("%d bytes allocated per batch, want < %d (buffers not recycled?)", perBatch, limit)
	}
	t.Logf("%d bytes, %d allocations per batch", perBatch, (m1.Mallocs-m0.Mallocs)/batches)
}

func TestLoaderOptionErrors(t *testing.T) {
	ds := &memDataset{n: 10, h: 4, w: 4}
	evenBlur := SimCLR(8)
	evenBlur[1].Blur.Kernel = 4
	cases := []struct {
		name    string
		pipe    Pipeline
		opt     LoaderOptions
		wantErr string
	}{
		{"batch 0", testPipe{4, 1}, LoaderOptions{}, "batch size 0"},
		{"epochs -1", testPipe{4, 1}, LoaderOptions{BatchSize: 2, Epochs: -1}, "negative epoch"},
		{"bad rank", testPipe{4, 1},
			LoaderOptions{BatchSize: 2, Sampler: DistributedSampler{N: 10, Rank: 2, World: 2}}, "rank 2 outside [0, 2)"},
		{"bad rank behind a pointer", testPipe{4, 1},
			LoaderOptions{BatchSize: 2, Sampler: &DistributedSampler{N: 10, Rank: 5, World: 2}}, "rank 5 outside [0, 2)"},
		{"empty pipe", testPipe{4, 0}, LoaderOptions{BatchSize: 2}, "no views"},
		{"no batch", testPipe{4, 1}, LoaderOptions{BatchSize: 11, DropLast: true}, "make no batch"},
		{"negative sampler length", testPipe{4, 1},
			LoaderOptions{BatchSize: 2, Sampler: lenSampler{n: -1}}, "sampler length -1"},
		{"pipeline Validate fails", validatingPipe{testPipe{4, 1}, errors.New("bad crop scale")},
			LoaderOptions{BatchSize: 2}, "pipeline: bad crop scale"},
		{"even blur kernel", evenBlur, LoaderOptions{BatchSize: 2}, "blur kernel 4"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.opt.Log = quietLog()
			l, err := NewLoader(ds, c.pipe, c.opt)
			if err == nil {
				l.Close()
				t.Fatal("accepted")
			}
			if !strings.Contains(err.Error(), c.wantErr) || !strings.HasPrefix(err.Error(), "data loader: ") {
				t.Fatalf("error %q, want one containing %q", err, c.wantErr)
			}
		})
	}
	// A pipeline whose Validate passes is accepted.
	l, err := NewLoader(ds, validatingPipe{testPipe{4, 1}, nil}, LoaderOptions{BatchSize: 2, Log: quietLog()})
	if err != nil {
		t.Fatal(err)
	}
	l.Close()
}

// validatingPipe is a pipeline with a Validate method returning err.
type validatingPipe struct {
	testPipe
	err error
}

func (p validatingPipe) Validate() error { return p.err }

// lenSampler claims n indices per epoch; give, when set, returns what it
// really gives (else 0..n-1).
type lenSampler struct {
	n    int
	give func(epoch int) []int
}

func (s lenSampler) Len() int { return s.n }
func (s lenSampler) Indices(epoch int) []int {
	if s.give != nil {
		return s.give(epoch)
	}
	return SequentialSampler{N: s.n}.Indices(epoch)
}

// TestLoaderSamplerBreaksLen checks that a sampler whose Indices disagree
// with its Len stop the loader with an error at that epoch, not a panic.
func TestLoaderSamplerBreaksLen(t *testing.T) {
	ds := &memDataset{n: 20, h: 4, w: 4}
	seq := func(n int) []int { return SequentialSampler{N: n}.Indices(0) }
	cases := []struct {
		name    string
		sampler Sampler
		batches int // delivered before the error
		wantErr string
	}{
		{"fewer in epoch 1", lenSampler{n: 10, give: func(e int) []int { return seq(10 - 3*e) }},
			3, "gave 7 indices for epoch 1, its Len is 10"},
		{"more in epoch 0", lenSampler{n: 10, give: func(int) []int { return seq(13) }},
			0, "gave 13 indices for epoch 0, its Len is 10"},
		{"nil in epoch 2", lenSampler{n: 10, give: func(e int) []int {
			if e == 2 {
				return nil
			}
			return seq(10)
		}}, 6, "gave 0 indices for epoch 2"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := newPipeLoader(t, ds, testPipe{4, 1}, LoaderOptions{BatchSize: 4, Epochs: 4, Workers: 2, Sampler: c.sampler})
			n := 0
			for l.Next() {
				n++
			}
			err := l.Err()
			if n != c.batches || err == nil || !strings.Contains(err.Error(), c.wantErr) {
				t.Fatalf("%d batches, error %v; want %d batches and one containing %q", n, err, c.batches, c.wantErr)
			}
			if l.Next() || l.Err() != err {
				t.Fatal("Next after the error")
			}
		})
	}
}

// TestLoaderResumeChangedDataset checks that a position saved on one
// dataset does not resume on a dataset of another size, nor with DropLast
// changed, and that a position without the epoch geometry still resumes.
func TestLoaderResumeChangedDataset(t *testing.T) {
	opt := LoaderOptions{BatchSize: 4, Seed: 3, Epochs: 2, Workers: 2}
	l := newTestLoader(t, &memDataset{n: 47, h: 6, w: 6}, opt)
	drain(t, l, 5)
	pos := l.Position()
	if pos.SamplerLen != 47 || pos.BatchesPerEpoch != 12 {
		t.Fatalf("position %+v, want sampler_len 47, batches_per_epoch 12", pos)
	}
	l.Close()
	for _, c := range []struct {
		name    string
		n       int
		drop    bool
		wantErr string // "" = accepted
	}{
		{"same dataset", 47, false, ""},
		{"one more sample, same batch count", 48, false, "47 samples per epoch, loader's sampler 48"},
		{"many more samples", 100, false, "47 samples per epoch, loader's sampler 100"},
		{"drop last", 47, true, "12 batches per epoch, loader 11"},
	} {
		t.Run(c.name, func(t *testing.T) {
			o := opt
			o.Resume, o.DropLast, o.Log = &pos, c.drop, quietLog()
			l, err := NewLoader(&memDataset{n: c.n, h: 6, w: 6}, testPipe{8, 2}, o)
			switch {
			case c.wantErr == "" && err != nil:
				t.Fatal(err)
			case c.wantErr != "" && (err == nil || !strings.Contains(err.Error(), c.wantErr)):
				t.Fatalf("error %v, want one containing %q", err, c.wantErr)
			}
			if l != nil {
				l.Close()
			}
		})
	}
	// A position saved before SamplerLen and BatchesPerEpoch existed
	// resumes and, from then on, records them.
	legacy := pos
	legacy.SamplerLen, legacy.BatchesPerEpoch = 0, 0
	o := opt
	o.Resume = &legacy
	r := newTestLoader(t, &memDataset{n: 47, h: 6, w: 6}, o)
	if p := r.Position(); p.SamplerLen != 47 || p.BatchesPerEpoch != 12 || p.Batch != pos.Batch {
		t.Fatalf("resumed position %+v", p)
	}
}

// funcPipe adapts a function to Pipeline, for tests that need odd pipelines.
type funcPipe func(s Sample, r *rand.Rand, dst [][]float32) error

func (funcPipe) Shapes() []Shape { return []Shape{{C: 1, H: 1, W: 1}} }
func (f funcPipe) Process(s Sample, r *rand.Rand, dst [][]float32) error {
	return f(s, r, dst)
}
