package data

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sirupsen/logrus"
)

// brokenFiles writes copies files of each kind of breakage into
// dir/broken (an ImageFolder class of its own) and returns their paths.
func brokenFiles(t *testing.T, dir string, copies int) []string {
	t.Helper()
	good := syntheticJPEG(24, 20, 1, 90)
	junk := make([]byte, 600)
	r := rand.New(rand.NewPCG(3, 4))
	for i := range junk {
		junk[i] = byte(r.Uint32())
	}
	corrupt := append([]byte(nil), good...)
	for i := 200; i < len(corrupt)-2; i++ { // keep SOI, scramble the rest
		corrupt[i] = byte(r.Uint32())
	}
	files := map[string][]byte{
		"truncated.jpg": good[:len(good)/2],
		"zero.jpg":      {},
		"notes.jpg":     []byte("this is not an image\n"),
		"random.jpg":    junk,
		"corrupt.jpg":   corrupt[:len(corrupt)*3/4],
	}
	if err := os.MkdirAll(filepath.Join(dir, "broken"), 0o755); err != nil {
		t.Fatal(err)
	}
	var paths []string
	for name, b := range files {
		for c := range copies {
			p := filepath.Join(dir, "broken", fmt.Sprintf("%d%s", c, name))
			if err := os.WriteFile(p, b, 0o644); err != nil {
				t.Fatal(err)
			}
			paths = append(paths, p)
		}
	}
	// Decode must reject every one of them, or the tests below prove
	// nothing.
	for _, p := range paths {
		b, _ := os.ReadFile(p)
		if _, err := Decode(Sample{Path: p, Encoded: b}, DecodeOptions{Channels: 3}); err == nil {
			t.Fatalf("%s decodes", p)
		}
	}
	return paths
}

// logLines collects the loader's warnings as JSON objects.
func logLines(t *testing.T) (*logrus.Logger, func() []map[string]any) {
	var buf bytes.Buffer
	log := logrus.New()
	log.SetOutput(&buf)
	log.SetFormatter(&logrus.JSONFormatter{})
	return log, func() []map[string]any {
		var out []map[string]any
		for _, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
			if line == "" {
				continue
			}
			var m map[string]any
			if err := json.Unmarshal([]byte(line), &m); err != nil {
				t.Fatalf("log line %q: %v", line, err)
			}
			out = append(out, m)
		}
		return out
	}
}

func TestLoaderSkipsBrokenImages(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, 5, 595, 24, 20)
	broken := brokenFiles(t, dir, 1)
	ds, err := NewImageFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	isBroken := map[int]bool{}
	for i := range ds.Len() {
		isBroken[i] = slices.Contains(broken, ds.Path(i))
	}
	if ds.Len() != 600 {
		t.Fatalf("image folder of %d files, want 600", ds.Len())
	}
	var first [][32]byte
	var firstSkipped int64
	for _, workers := range []int{1, 3} {
		log, lines := logLines(t)
		l, err := NewLoader(ds, SimCLR(16),
			LoaderOptions{BatchSize: 32, Seed: 11, Epochs: 2, Workers: workers, Log: log})
		if err != nil {
			t.Fatal(err)
		}
		var digests [][32]byte
		var sum int64
		for l.Next() {
			b := l.Batch()
			if b.N != 32 && b.Index != l.BatchesPerEpoch()-1 {
				t.Fatalf("short batch %d", b.N)
			}
			for _, i := range b.Indices {
				if isBroken[i] {
					t.Fatalf("broken index %d (%s) delivered", i, ds.Path(i))
				}
			}
			sum += int64(b.Skipped)
			digests = append(digests, batchDigest(b))
		}
		if err := l.Err(); err != nil {
			t.Fatalf("0.8%% broken stopped the loader: %v", err)
		}
		// Every broken file is drawn once per epoch, so at least 10 skips.
		if l.Skipped() < 10 || l.Skipped() != sum {
			t.Fatalf("Skipped %d, batches say %d; want >= 10", l.Skipped(), sum)
		}
		warned := map[string]bool{}
		for _, m := range lines() {
			p, _ := m["path"].(string)
			if m["level"] != "warning" || m["error"] == nil || warned[p] {
				t.Fatalf("unexpected log line %v", m)
			}
			warned[p] = true
		}
		for _, p := range broken {
			if !warned[p] {
				t.Errorf("no warning for %s", p)
			}
		}
		if len(warned) != len(broken) {
			t.Errorf("%d paths warned, want %d", len(warned), len(broken))
		}
		if first == nil {
			first, firstSkipped = digests, l.Skipped()
		} else if firstSkipped != l.Skipped() || len(first) != len(digests) {
			t.Fatalf("workers %d: %d skipped in %d batches, 1 worker: %d in %d",
				workers, l.Skipped(), len(digests), firstSkipped, len(first))
		} else {
			for i := range first {
				if first[i] != digests[i] {
					t.Fatalf("workers %d: batch %d differs", workers, i)
				}
			}
		}
		l.Close()
	}
}

func TestLoaderTooManyBroken(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, 2, 30, 16, 16)
	broken := brokenFiles(t, dir, 3) // 15 of 45 broken
	ds, err := NewImageFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	log, _ := logLines(t)
	l, err := NewLoader(ds, SimCLR(8), LoaderOptions{BatchSize: 8, Epochs: 5, Log: log})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	n := 0
	for l.Next() {
		n++
	}
	err = l.Err()
	if err == nil {
		t.Fatalf("a third of the files broken, %d batches and no error", n)
	}
	named := 0
	for _, p := range broken {
		if strings.Contains(err.Error(), p) {
			named++
		}
	}
	if named == 0 || !strings.Contains(err.Error(), "failed") {
		t.Fatalf("error names no broken path: %v", err)
	}
	if n >= l.BatchesPerEpoch()*5 {
		t.Fatalf("loader ran all %d batches before stopping", n)
	}
}

func TestLoaderBrokenEdgeCases(t *testing.T) {
	cases := []struct {
		name    string
		ds      Dataset
		pipe    Pipeline
		opt     LoaderOptions
		wantErr string // "" = runs to the end
	}{
		{"every sample broken", &memDataset{n: 20, h: 4, w: 4, bad: allBad(20)}, testPipe{4, 1},
			LoaderOptions{BatchSize: 4, Epochs: 1}, "mem/"},
		{"panicking pipeline is a broken sample", &memDataset{n: 200, h: 4, w: 4},
			funcPipe(func(s Sample, r *rand.Rand, dst [][]float32) error {
				if s.Path == "mem/00013.png" {
					panic("boom")
				}
				dst[0][0] = float32(s.Label)
				return nil
			}), LoaderOptions{BatchSize: 16, Epochs: 1}, ""},
		{"pipeline error over the fraction", &memDataset{n: 200, h: 4, w: 4},
			funcPipe(func(Sample, *rand.Rand, [][]float32) error { return errors.New("unsupported") }),
			LoaderOptions{BatchSize: 16, Epochs: 1}, "unsupported"},
		{"label width mismatch is fatal", &memDataset{n: 20, h: 4, w: 4, k: 2}, testPipe{4, 1},
			LoaderOptions{BatchSize: 4, Epochs: 1, LabelWidth: 3}, "2 label targets, want 3"},
		{"fraction 1 never stops", &memDataset{n: 40, h: 4, w: 4, bad: someBad(40, 3)}, testPipe{4, 1},
			LoaderOptions{BatchSize: 4, Epochs: 2, MaxBrokenFraction: 1}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.opt.Log = quietLog()
			l, err := NewLoader(c.ds, c.pipe, c.opt)
			if err != nil {
				t.Fatal(err)
			}
			defer l.Close()
			n := 0
			for l.Next() {
				n++
			}
			err = l.Err()
			switch {
			case c.wantErr == "" && err != nil:
				t.Fatalf("after %d batches: %v", n, err)
			case c.wantErr == "" && n != l.BatchesPerEpoch()*c.opt.Epochs:
				t.Fatalf("%d batches, want %d", n, l.BatchesPerEpoch()*c.opt.Epochs)
			case c.wantErr != "" && (err == nil || !strings.Contains(err.Error(), c.wantErr)):
				t.Fatalf("error %v, want one containing %q", err, c.wantErr)
			}
		})
	}
}

func allBad(n int) map[int]bool { return someBad(n, 1) }

// someBad marks every step-th index broken.
func someBad(n, step int) map[int]bool {
	m := map[int]bool{}
	for i := 0; i < n; i += step {
		m[i] = true
	}
	return m
}

// TestLoaderSubstituteDrawsAfresh checks that a broken sample's substitute
// is augmented with its own generator (substituteSeed), not the one of the
// substitute's regular appearance in the same epoch, so an epoch holds no
// byte-identical duplicate views; and that it is the same for any worker
// count.
func TestLoaderSubstituteDrawsAfresh(t *testing.T) {
	const n, batch, seed = 60, 8, 21
	bad := someBad(n, 7) // 0, 7, ..., 56
	ds := &memDataset{n: n, h: 64, w: 64, classes: 3, bad: bad}
	pipe := testPipe{size: 8, views: 2}
	var first [][32]byte
	for _, workers := range []int{1, 3} {
		l := newPipeLoader(t, ds, pipe, LoaderOptions{BatchSize: batch, Seed: seed, Epochs: 2,
			Workers: workers, Sampler: SequentialSampler{N: n}, MaxBrokenFraction: 1})
		type slot struct{ v0, v1 []float32 }
		var digests [][32]byte
		epochs := map[int]map[int]slot{} // epoch → position → views
		subst := map[int]map[int]int{}   // epoch → position → substitute index
		for l.Next() {
			b := l.Batch()
			digests = append(digests, batchDigest(b))
			if epochs[b.Epoch] == nil {
				epochs[b.Epoch], subst[b.Epoch] = map[int]slot{}, map[int]int{}
			}
			sz := pipe.Shapes()[0].Len()
			for j := range b.N {
				pos := b.Index*batch + j
				epochs[b.Epoch][pos] = slot{
					slices.Clone(b.Views[0][j*sz : (j+1)*sz]), slices.Clone(b.Views[1][j*sz : (j+1)*sz])}
				if b.Indices[j] != pos {
					subst[b.Epoch][pos] = b.Indices[j]
				}
			}
		}
		if err := l.Err(); err != nil {
			t.Fatal(err)
		}
		for e, m := range subst {
			if len(m) != len(bad) {
				t.Fatalf("epoch %d: %d substitutes, want %d", e, len(m), len(bad))
			}
			for pos, idx := range m {
				if !bad[pos] || bad[idx] {
					t.Fatalf("epoch %d: slot %d (broken %v) holds %d (broken %v)", e, pos, bad[pos], idx, bad[idx])
				}
				// The substitute's views are Process with the generator of
				// the first attempt that found a good sample.
				attempt := 1
				for replacementIndex(seed, e, pos, attempt, n) != idx {
					attempt++
				}
				want := [][]float32{make([]float32, len(epochs[e][pos].v0)), make([]float32, len(epochs[e][pos].v1))}
				s, _ := ds.Item(idx)
				if err := pipe.Process(s, rand.New(rand.NewPCG(substituteSeed(seed, e, pos, attempt))), want); err != nil {
					t.Fatal(err)
				}
				got := epochs[e][pos]
				if !slices.Equal(got.v0, want[0]) || !slices.Equal(got.v1, want[1]) {
					t.Fatalf("epoch %d slot %d: substitute %d not augmented with substituteSeed(attempt %d)", e, pos, idx, attempt)
				}
				// Its regular appearance (slot idx, sequential sampler)
				// drew other views.
				reg := epochs[e][idx]
				if slices.Equal(got.v0, reg.v0) || slices.Equal(got.v1, reg.v1) {
					t.Fatalf("epoch %d: substitute for slot %d repeats the views of sample %d", e, pos, idx)
				}
			}
		}
		if first == nil {
			first = digests
		} else if !slices.Equal(first, digests) {
			t.Fatalf("workers %d: batches differ from 1 worker", workers)
		}
	}
}

// TestSubstituteSeed checks the substitutes' generator seeds: deterministic,
// distinct per attempt, index and epoch, and never a regular sample's seed
// of the same epoch (whose second word is mix(first + epochKey)).
func TestSubstituteSeed(t *testing.T) {
	seen := map[[2]uint64]bool{}
	for _, seed := range []uint64{0, 1, 1 << 63} {
		for epoch := range 3 {
			k := epochKey(seed, epoch)
			for index := range 50 {
				for attempt := 1; attempt <= 16; attempt++ {
					a, b := substituteSeed(seed, epoch, index, attempt)
					if a2, b2 := substituteSeed(seed, epoch, index, attempt); a2 != a || b2 != b {
						t.Fatal("substituteSeed is not a function of its inputs")
					}
					if b == mix(a+k) {
						t.Fatalf("seed %d epoch %d index %d attempt %d: a regular sample's seed", seed, epoch, index, attempt)
					}
					if ra, rb := SampleSeed(seed, epoch, index); ra == a || rb == b {
						t.Fatalf("seed %d epoch %d index %d attempt %d shares a word with the sample's own seed", seed, epoch, index, attempt)
					}
					if seen[[2]uint64{a, b}] {
						t.Fatalf("seed %d epoch %d index %d attempt %d: seed repeated", seed, epoch, index, attempt)
					}
					seen[[2]uint64{a, b}] = true
				}
			}
		}
	}
}
