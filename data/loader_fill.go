package data

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
)

// maxNamedPaths bounds the failing paths an error or a slot keeps.
const maxNamedPaths = 5

// worker holds one goroutine's reusable state.
type worker struct {
	l   *Loader
	src *rand.PCG
	r   *rand.Rand // over src, reseeded per sample
	dst [][]float32
}

// brokenSet remembers the dataset indices that failed, so a broken path is
// logged once per loader and an unreadable one is not read again.
type brokenSet struct {
	m sync.Map // int -> error
}

// fill loads, augments and collates one slot, replacing a broken sample as
// the Loader documents.
func (w *worker) fill(b *batchJob, slot int) slotResult {
	l := w.l
	var res slotResult
	want := b.order[b.start+slot]
	n := l.ds.Len()
	if want < 0 || want >= n {
		res.err = fmt.Errorf("data loader: sampler gave index %d outside a dataset of %d samples", want, n)
		return res
	}
	idx := want
	s1, s2 := SampleSeed(l.opt.Seed, b.epoch, want)
	for attempt := 0; ; attempt++ {
		if attempt > 0 {
			idx = replacementIndex(l.opt.Seed, b.epoch, want, attempt, n)
			s1, s2 = substituteSeed(l.opt.Seed, b.epoch, want, attempt)
		}
		path, err := w.try(b, slot, idx, s1, s2)
		if err == nil {
			b.buf.indices[slot] = idx
			return res
		}
		if fe, ok := err.(fatalError); ok {
			res.err = fe.error
			return res
		}
		res.skipped++
		if len(res.paths) < maxNamedPaths {
			res.paths = append(res.paths, path)
		}
		if attempt == l.opt.MaxReplacements {
			res.err = fmt.Errorf("data loader: sample %d of epoch %d and its %d replacements failed, e.g. %s: %v",
				want, b.epoch, attempt, path, err)
			return res
		}
	}
}

// substituteTag separates the substitutes' generator seeds from the
// regular samples' ("SUBSTITU").
const substituteTag = 0x5355425354495455

// substituteSeed returns the PCG seed words for the attempt-th (1, 2, ...)
// substitute of the broken sample index in epoch epoch: a function of
// (seed, epoch, index, attempt) alone, so every worker count and a resumed
// run draw the same augmentations. With K = epochKey(seed, epoch) and
// (a, b) = SampleSeed(seed, epoch, index) the words are
//
//	c = mix(b ^ mix(a ^ mix(attempt ^ substituteTag)))
//	(c, mix(c + K) ^ substituteTag)
//
// Every regular sample of the epoch starts from a pair (x, mix(x + K)), so
// no substitute's generator equals a regular sample's of the same epoch:
// a substitute never repeats the random draw of the sample it copies.
func substituteSeed(seed uint64, epoch, index, attempt int) (uint64, uint64) {
	a, b := SampleSeed(seed, epoch, index)
	c := mix(b ^ mix(a^mix(uint64(attempt)^substituteTag)))
	return c, mix(c+epochKey(seed, epoch)) ^ substituteTag
}

// fatalError marks a failure that replacing the sample would hide.
type fatalError struct{ error }

// try loads dataset index idx into slot, augmenting it with the generator
// seeded (s1, s2); it returns the sample's path (for reports) and the error
// that made it fail.
func (w *worker) try(b *batchJob, slot, idx int, s1, s2 uint64) (path string, err error) {
	l := w.l
	// Only a failure to read is the same whatever the draw. Decoding can
	// fail at one JPEG scale and not another, and the scale follows the
	// drawn crops: such a sample is tried again with each draw, so that the
	// outcome never depends on which worker met it first.
	if prev, ok := l.broken.m.Load(idx); ok && prev.(brokenErr).unreadable {
		e := prev.(brokenErr)
		return e.path, e.err
	}
	unreadable := false
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
		}
		if err == nil {
			return
		}
		if _, ok := err.(fatalError); ok {
			return
		}
		if path == "" {
			if p, ok := l.ds.(interface{ Path(int) string }); ok {
				path = p.Path(idx)
			}
		}
		if path == "" {
			path = fmt.Sprintf("index %d", idx)
		}
		if _, loaded := l.broken.m.LoadOrStore(idx, brokenErr{path, err, unreadable}); !loaded {
			l.opt.Log.WithField("path", path).WithField("index", idx).WithError(err).
				Warn("data loader: skipping broken sample")
		}
	}()
	s, err := l.ds.Item(idx)
	path = s.Path
	if err != nil {
		unreadable = true
		return path, err
	}
	if len(s.Labels) != l.k {
		return path, fatalError{fmt.Errorf("data loader: %s (index %d) has %d label targets, want %d",
			path, idx, len(s.Labels), l.k)}
	}
	for v, sh := range l.shapes {
		w.dst[v] = b.buf.views[v][slot*sh.Len() : (slot+1)*sh.Len()]
	}
	w.src.Seed(s1, s2)
	if err := l.pipe.Process(s, w.r, w.dst); err != nil {
		return path, err
	}
	b.buf.labels[slot] = int64(s.Label)
	if l.k > 0 {
		copy(b.buf.targets[slot*l.k:(slot+1)*l.k], s.Labels)
	}
	return path, nil
}

// brokenErr is what brokenSet keeps per index.
type brokenErr struct {
	path       string
	err        error
	unreadable bool // Item failed, not the pipeline: no draw can succeed
}

// account adds a finished batch to the loader's totals and reports an error
// that must stop it: a slot that could not be filled, or too many broken
// samples.
func (l *Loader) account(b *batchJob) error {
	skipped := 0
	for _, s := range b.slots {
		if s.err != nil {
			return s.err
		}
		skipped += s.skipped
		for _, p := range s.paths {
			if len(l.failures) < maxNamedPaths && !slices.Contains(l.failures, p) {
				l.failures = append(l.failures, p)
			}
		}
	}
	l.pos.Tried += int64(b.n + skipped)
	l.pos.Skipped += int64(skipped)
	if skipped > 0 && l.pos.Skipped >= int64(l.opt.MinBroken) &&
		float64(l.pos.Skipped) > l.opt.MaxBrokenFraction*float64(l.pos.Tried) {
		return fmt.Errorf("data loader: %d of %d samples tried failed (more than %g%%), e.g. %s",
			l.pos.Skipped, l.pos.Tried, 100*l.opt.MaxBrokenFraction, strings.Join(l.failures, ", "))
	}
	return nil
}
