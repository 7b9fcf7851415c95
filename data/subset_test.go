package data

import (
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestStratifiedSubset(t *testing.T) {
	// Class c has counts[c] samples, interleaved, plus unlabelled (-1) ones.
	counts := []int{1000, 333, 50, 7, 1, 2}
	var labels []int
	for round := 0; round < counts[0]; round++ {
		for c, n := range counts {
			if round < n {
				labels = append(labels, c)
			}
		}
		if round%3 == 0 {
			labels = append(labels, -1)
		}
	}
	cases := []struct {
		fraction float64
		want     []int // per class
	}{
		{0.01, []int{10, 3, 1, 1, 1, 1}},    // 3.33→3, 0.5→1 (at least 1), 0.07→1
		{0.1, []int{100, 33, 5, 1, 1, 1}},   // 0.7→1, 0.2→1
		{0.5, []int{500, 167, 25, 4, 1, 1}}, // 166.5 and 3.5 round up, 0.5→1
		{1, counts},
		{2, counts},                  // clamped to 1
		{0, []int{1, 1, 1, 1, 1, 1}}, // at least one per class
		{math.NaN(), []int{1, 1, 1, 1, 1, 1}},
	}
	for _, c := range cases {
		t.Run(fmt.Sprint(c.fraction), func(t *testing.T) {
			got := StratifiedSubset(labels, c.fraction, 42)
			per := make([]int, len(counts))
			for _, i := range got {
				if labels[i] < 0 {
					t.Fatalf("picked unlabelled index %d", i)
				}
				per[labels[i]]++
			}
			if !slices.Equal(per, c.want) {
				t.Errorf("per-class counts %v, want %v", per, c.want)
			}
			if !slices.IsSorted(got) || len(slices.Compact(slices.Clone(got))) != len(got) {
				t.Error("result not sorted or has duplicates")
			}
			if again := StratifiedSubset(labels, c.fraction, 42); !slices.Equal(got, again) {
				t.Error("same seed gave a different subset")
			}
		})
	}
	a, b := StratifiedSubset(labels, 0.1, 1), StratifiedSubset(labels, 0.1, 2)
	if slices.Equal(a, b) {
		t.Error("seeds 1 and 2 gave the same subset")
	}
	// Changing the seed changes every large class's pick, not only one.
	for c := 0; c < 3; c++ {
		var ca, cb []int
		for _, i := range a {
			if labels[i] == c {
				ca = append(ca, i)
			}
		}
		for _, i := range b {
			if labels[i] == c {
				cb = append(cb, i)
			}
		}
		if slices.Equal(ca, cb) {
			t.Errorf("class %d: seeds 1 and 2 picked the same samples", c)
		}
	}
	// Over many seeds every member of a class is picked equally often
	// (k/n of the time): the shuffle is unbiased.
	ten := make([]int, 10)
	hits := make([]int, 10)
	const seeds = 20000
	for seed := uint64(0); seed < seeds; seed++ {
		for _, i := range StratifiedSubset(ten, 0.3, seed) {
			hits[i]++
		}
	}
	for i, h := range hits {
		if want := 0.3 * seeds; math.Abs(float64(h)-want) > 0.06*want {
			t.Errorf("index %d picked %d times in %d seeds, want about %.0f", i, h, seeds, want)
		}
	}
	if got := StratifiedSubset(nil, 0.5, 1); len(got) != 0 {
		t.Errorf("empty labels gave %v", got)
	}
}

func TestSubset(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"a/n01_1.JPEG", "a/n01_2.JPEG", "b/n02_1.JPEG", "b/n02_2.JPEG", "b/n02_3.JPEG"} {
		dsWrite(t, dir, f, []byte(f))
	}
	d, err := NewImageFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	s := Subset(d, []int{4, 0})
	if s.Len() != 2 {
		t.Fatalf("Len %d", s.Len())
	}
	if x, err := s.Item(0); err != nil || string(x.Encoded) != "b/n02_3.JPEG" || x.Label != 1 {
		t.Errorf("Item(0) = %q %d, %v", x.Encoded, x.Label, err)
	}
	for _, i := range []int{-1, 2} {
		if _, err := s.Item(i); err == nil {
			t.Errorf("Item(%d) succeeded", i)
		}
	}
	if _, err := Subset(d, []int{5}).Item(0); err == nil {
		t.Error("an index past the dataset succeeded")
	}

	list := dsWrite(t, dir, "1percent.txt", []byte("n02_2.JPEG\n\nn01_1.JPEG \nn02_2.JPEG\n"))
	got, err := SubsetFromFileList(d, list)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, []int{0, 3}) {
		t.Errorf("indices %v, want [0 3]", got)
	}
	var names []string
	for i := 0; i < 12; i++ {
		names = append(names, fmt.Sprintf("n09_%d.JPEG", i))
	}
	bad := dsWrite(t, dir, "bad.txt", []byte("n01_2.JPEG\n"+strings.Join(names, "\n")+"\n"))
	_, err = SubsetFromFileList(d, bad)
	dsWantErr(t, err, bad, "12 name(s) match no image", "n09_0.JPEG", "n09_9.JPEG", "and 2 more")
	_, err = SubsetFromFileList(d, filepath.Join(dir, "none.txt"))
	dsWantErr(t, err, "none.txt", "no such file")
}

// pathDataset is a memDataset with Path whose failing Item returns no
// path, as a dataset that fails before it knows the file might.
type pathDataset struct{ memDataset }

func (d *pathDataset) Path(i int) string { return fmt.Sprintf("disk/img%03d.png", i) }

func (d *pathDataset) Item(i int) (Sample, error) {
	s, err := d.memDataset.Item(i)
	if err != nil {
		return Sample{}, errors.New("synthetic failure")
	}
	return s, nil
}

func TestSubsetPath(t *testing.T) {
	inner := &pathDataset{memDataset{n: 10, h: 8, w: 8, bad: map[int]bool{6: true}}}
	type pather = interface{ Path(int) string }
	if _, ok := Subset(&memDataset{n: 3}, []int{1}).(pather); ok {
		t.Error("subset of a dataset without Path has Path")
	}
	s, ok := Subset(inner, []int{6, 2, 11}).(pather)
	if !ok {
		t.Fatal("subset of a dataset with Path has no Path")
	}
	for _, c := range []struct {
		i    int
		want string
	}{{0, "disk/img006.png"}, {1, "disk/img002.png"}, {2, ""}, {3, ""}, {-1, ""}} {
		if got := s.Path(c.i); got != c.want {
			t.Errorf("Path(%d) = %q, want %q", c.i, got, c.want)
		}
	}

	// The loader names the broken file, not the subset's index.
	log, lines := logLines(t)
	l, err := NewLoader(Subset(inner, []int{0, 6, 2, 3}), testPipe{4, 1},
		LoaderOptions{BatchSize: 2, Epochs: 1, Workers: 1, MaxBrokenFraction: 1, Log: log})
	if err != nil {
		t.Fatal(err)
	}
	for l.Next() {
	}
	l.Close()
	if err := l.Err(); err != nil {
		t.Fatal(err)
	}
	var warned []any
	for _, m := range lines() {
		warned = append(warned, m["path"])
	}
	if len(warned) != 1 || warned[0] != "disk/img006.png" {
		t.Fatalf("warned paths %v, want [disk/img006.png]", warned)
	}
}
