package data

import (
	"bufio"
	"fmt"
	"math"
	"math/bits"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Subset returns the dataset of ds's samples at indices, in that order:
// sample i of the result is sample indices[i] of ds. An index out of range
// makes that Item fail. When ds has a Path(int) string method (as
// ImageFolder does), so has the result, forwarding it, so the loader names
// a broken sample's file.
func Subset(ds Dataset, indices []int) Dataset {
	s := &subset{ds: ds, idx: append([]int(nil), indices...)}
	if p, ok := ds.(pather); ok {
		return &pathSubset{subset: s, p: p}
	}
	return s
}

// pather is a dataset that can name a sample's file without reading it.
type pather interface{ Path(int) string }

type subset struct {
	ds  Dataset
	idx []int
}

// pathSubset is a subset of a dataset with Path.
type pathSubset struct {
	*subset
	p pather
}

// Path returns the inner dataset's path of sample i, "" when i, or the
// index it maps to, is out of range.
func (s *pathSubset) Path(i int) string {
	if i < 0 || i >= len(s.idx) {
		return ""
	}
	j := s.idx[i]
	if j < 0 || j >= s.ds.Len() {
		return ""
	}
	return s.p.Path(j)
}

func (s *subset) Len() int { return len(s.idx) }

func (s *subset) Item(i int) (Sample, error) {
	if i < 0 || i >= len(s.idx) {
		return Sample{}, fmt.Errorf("data: subset: index %d out of range [0, %d)", i, len(s.idx))
	}
	if j := s.idx[i]; j < 0 || j >= s.ds.Len() {
		return Sample{}, fmt.Errorf("data: subset: index %d maps to %d, out of range [0, %d)", i, j, s.ds.Len())
	}
	return s.ds.Item(s.idx[i])
}

// StratifiedSubset picks a labelled fraction per class, for semi-supervised
// work: of the n indices with label c it keeps round(fraction·n) (halves
// rounded up), at least 1, chosen by a shuffle seeded with seed. Labels < 0
// (unlabelled, multi-label) are never picked; fraction is clamped to [0, 1].
// The result is sorted and depends only on (labels, fraction, seed): classes
// are visited in increasing label order, each shuffled with Fisher–Yates by
// one PCG-DXSM stream seeded (seed, 0x53554253), so it is the same on every
// machine and Go release.
func StratifiedSubset(labels []int, fraction float64, seed uint64) []int {
	if !(fraction > 0) {
		fraction = 0
	}
	fraction = math.Min(fraction, 1)
	byClass := map[int][]int{}
	for i, l := range labels {
		if l >= 0 {
			byClass[l] = append(byClass[l], i)
		}
	}
	classes := make([]int, 0, len(byClass))
	for c := range byClass {
		classes = append(classes, c)
	}
	sort.Ints(classes)
	src := rand.NewPCG(seed, 0x53554253) // "SUBS"
	var out []int
	for _, c := range classes {
		idx := byClass[c]
		k := int(math.Round(fraction * float64(len(idx))))
		k = max(1, min(k, len(idx)))
		for i := len(idx) - 1; i > 0; i-- {
			hi, _ := bits.Mul64(src.Uint64(), uint64(i+1)) // uniform in [0, i]
			j := int(hi)
			idx[i], idx[j] = idx[j], idx[i]
		}
		out = append(out, idx[:k]...)
	}
	sort.Ints(out)
	return out
}

// maxUnmatchedListed caps how many unmatched names one error lists.
const maxUnmatchedListed = 10

// SubsetFromFileList returns the sorted indices of ds's images named in the
// file at listPath, one base file name per line, as in the SimCLR ImageNet
// subsets 1percent.txt and 10percent.txt ("n01440764_10026.JPEG"). Names are
// matched to filepath.Base of each image path; blank lines are skipped and
// repeated names count once. A name that matches no image is an error
// listing the unmatched names.
func SubsetFromFileList(ds *ImageFolder, listPath string) ([]int, error) {
	f, err := os.Open(listPath)
	if err != nil {
		return nil, fmt.Errorf("data: subset list: %w", err)
	}
	defer f.Close()
	byName := map[string][]int{}
	for i, s := range ds.samples {
		b := filepath.Base(s.path)
		byName[b] = append(byName[b], i)
	}
	var out []int
	var unmatched []string
	used := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name := strings.TrimSpace(sc.Text())
		if name == "" || used[name] {
			continue
		}
		used[name] = true
		idx, ok := byName[name]
		if !ok {
			unmatched = append(unmatched, name)
			continue
		}
		out = append(out, idx...)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("data: %s: %w", listPath, err)
	}
	if len(unmatched) > 0 {
		total, more := len(unmatched), ""
		if total > maxUnmatchedListed {
			more = fmt.Sprintf(" and %d more", total-maxUnmatchedListed)
			unmatched = unmatched[:maxUnmatchedListed]
		}
		return nil, fmt.Errorf("data: %s: %d name(s) match no image: %s%s", listPath, total, strings.Join(unmatched, ", "), more)
	}
	sort.Ints(out)
	return out, nil
}
