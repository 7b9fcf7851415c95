package data

import (
	"fmt"
	"io"
	"sort"
)

// arraySet is n same-shaped 8-bit HWC images plus their labels: the storage
// behind the IDX, CIFAR and npz datasets. Image i is read through r at
// off + i·h·w·c, so pixels can sit in memory (a bytes.Reader) or stay in an
// uncompressed file. It is read-only after construction, so Item is safe for
// concurrent use.
type arraySet struct {
	name    string // base name for Sample.Path: "name[i]"
	r       io.ReaderAt
	off     int64
	n       int
	h, w, c int
	labels  []int     // len n; -1 for every sample of a multi-label set
	k       int       // labels per sample of a multi-label set, 0 otherwise
	multi   []float32 // len n·k
	// parts, when set, names the files the images came from: image i is
	// image i-parts[j].start of parts[j].name, the last part starting at or
	// before i.
	parts []arrayPart
}

// arrayPart is one source file of an arraySet.
type arrayPart struct {
	name  string
	start int
}

// path names image i for Sample.Path: "name[i]".
func (a *arraySet) path(i int) string {
	if len(a.parts) == 0 {
		return fmt.Sprintf("%s[%d]", a.name, i)
	}
	j := sort.Search(len(a.parts), func(j int) bool { return a.parts[j].start > i }) - 1
	return fmt.Sprintf("%s[%d]", a.parts[j].name, i-a.parts[j].start)
}

func (a *arraySet) item(i int) (Sample, error) {
	if i < 0 || i >= a.n {
		return Sample{}, fmt.Errorf("data: %s: index %d out of range [0, %d)", a.name, i, a.n)
	}
	m := NewImage(a.h, a.w, a.c)
	size := int64(len(m.Pix))
	if n, err := a.r.ReadAt(m.Pix, a.off+int64(i)*size); n < len(m.Pix) {
		return Sample{}, fmt.Errorf("data: %s[%d]: %w", a.name, i, err)
	}
	s := Sample{Path: a.path(i), Image: m, Label: a.labels[i]}
	if a.k > 0 {
		s.Labels = append([]float32(nil), a.multi[i*a.k:(i+1)*a.k]...)
	}
	return s, nil
}

func (a *arraySet) labelsCopy() []int { return append([]int(nil), a.labels...) }
