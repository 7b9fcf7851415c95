package data

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// CIFARLabels selects the binary CIFAR record layout and, for CIFAR-100,
// which of its two labels a sample carries.
type CIFARLabels int

const (
	// CIFAR10Labels is CIFAR-10's layout: 1 label byte (0..9), then
	// 3072 pixel bytes.
	CIFAR10Labels CIFARLabels = iota
	// CIFAR100Fine is CIFAR-100's layout (a coarse label byte, a fine label
	// byte, 3072 pixel bytes), labelled with the fine label (0..99), as
	// torchvision's CIFAR100 is.
	CIFAR100Fine
	// CIFAR100Coarse is CIFAR-100's layout labelled with the coarse
	// superclass label (0..19).
	CIFAR100Coarse
)

// cifarSide is the height and width of a CIFAR image.
const cifarSide = 32

// cifarPixels is the pixel bytes of one record: 3 planes of 32×32.
const cifarPixels = 3 * cifarSide * cifarSide

// CIFAR is CIFAR-10 or CIFAR-100 in the binary version's format. Each record
// is its label byte(s) followed by 3072 bytes: the red, green and blue 32×32
// planes, rows top to bottom (CHW). Records are read into memory and
// rearranged to HWC RGB at construction, so Item returns a 32×32×3 Image
// equal to torchvision's CIFAR10/CIFAR100 sample (which reads the Python
// version of the same data). Sample.Path is "data_batch_3.bin[17]".
type CIFAR struct {
	a       arraySet
	classes []string
}

// CIFAR10 opens CIFAR-10's training set (data_batch_1.bin … data_batch_5.bin,
// 50,000 images) or, with train false, its test set (test_batch.bin, 10,000),
// in root or in root/cifar-10-batches-bin (the folder the archive unpacks
// to). Class names come from batches.meta.txt when it is there.
func CIFAR10(root string, train bool) (*CIFAR, error) {
	dir := cifarDir(root, "cifar-10-batches-bin", "test_batch.bin")
	names := []string{"test_batch.bin"}
	if train {
		names = []string{"data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin"}
	}
	return openCIFAR(dir, names, "batches.meta.txt", CIFAR10Labels)
}

// CIFAR100 opens CIFAR-100's training set (train.bin, 50,000 images) or test
// set (test.bin, 10,000) in root or root/cifar-100-binary, labelled with the
// fine (CIFAR100Fine) or coarse (CIFAR100Coarse) label. Class names come from
// fine_label_names.txt or coarse_label_names.txt when it is there.
func CIFAR100(root string, train bool, labels CIFARLabels) (*CIFAR, error) {
	if labels != CIFAR100Fine && labels != CIFAR100Coarse {
		return nil, fmt.Errorf("data: CIFAR100 wants CIFAR100Fine or CIFAR100Coarse labels, got %d", labels)
	}
	dir := cifarDir(root, "cifar-100-binary", "test.bin")
	name := "test.bin"
	if train {
		name = "train.bin"
	}
	meta := "fine_label_names.txt"
	if labels == CIFAR100Coarse {
		meta = "coarse_label_names.txt"
	}
	return openCIFAR(dir, []string{name}, meta, labels)
}

// cifarDir returns root/sub when it holds probe and root otherwise.
func cifarDir(root, sub, probe string) string {
	if _, err := os.Stat(filepath.Join(root, sub, probe)); err == nil {
		return filepath.Join(root, sub)
	}
	return root
}

func openCIFAR(dir string, names []string, meta string, labels CIFARLabels) (*CIFAR, error) {
	paths := make([]string, len(names))
	for i, n := range names {
		paths[i] = filepath.Join(dir, n)
	}
	d, err := NewCIFAR(labels, paths...)
	if err != nil {
		return nil, err
	}
	if b, err := os.ReadFile(filepath.Join(dir, meta)); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if line = strings.TrimSpace(line); line != "" {
				d.classes = append(d.classes, line)
			}
		}
	}
	return d, nil
}

// NewCIFAR reads binary CIFAR files of the given layout, in order, into one
// dataset. A file whose size is not a whole number of records, or a label
// out of range, is an error naming the file and the record.
func NewCIFAR(labels CIFARLabels, paths ...string) (*CIFAR, error) {
	head, nclass := 1, 10
	switch labels {
	case CIFAR10Labels:
	case CIFAR100Fine:
		head, nclass = 2, 100
	case CIFAR100Coarse:
		head, nclass = 2, 20
	default:
		return nil, fmt.Errorf("data: unknown CIFAR label layout %d", labels)
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("data: NewCIFAR needs at least one file")
	}
	rec := head + cifarPixels
	var pix []byte
	var labs []int
	var parts []arrayPart
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("data: %w", err)
		}
		if len(b) == 0 || len(b)%rec != 0 {
			return nil, fmt.Errorf("data: %s: %d bytes is not a whole number of %d-byte CIFAR records (truncated or wrong layout?)", p, len(b), rec)
		}
		parts = append(parts, arrayPart{name: filepath.Base(p), start: len(labs)})
		for r := 0; r < len(b)/rec; r++ {
			row := b[r*rec : (r+1)*rec]
			l := int(row[0])
			if labels == CIFAR100Fine {
				l = int(row[1])
			}
			if l >= nclass {
				return nil, fmt.Errorf("data: %s: record %d: label %d out of range [0, %d)", p, r, l, nclass)
			}
			labs = append(labs, l)
			pix = appendHWC(pix, row[head:])
		}
	}
	return &CIFAR{a: arraySet{
		name: filepath.Base(paths[0]), r: bytes.NewReader(pix),
		n: len(labs), h: cifarSide, w: cifarSide, c: 3, labels: labs, parts: parts,
	}}, nil
}

// appendHWC appends the 32×32 RGB image whose planes are chw, interleaved.
func appendHWC(dst, chw []byte) []byte {
	const plane = cifarSide * cifarSide
	for p := 0; p < plane; p++ {
		dst = append(dst, chw[p], chw[plane+p], chw[2*plane+p])
	}
	return dst
}

// Len is the number of images.
func (d *CIFAR) Len() int { return d.a.n }

// Item returns image i (32×32×3 RGB) and its label.
func (d *CIFAR) Item(i int) (Sample, error) { return d.a.item(i) }

// Labels returns a copy of every sample's label, in index order.
func (d *CIFAR) Labels() []int { return d.a.labelsCopy() }

// Shape is the geometry of every image, 3×32×32.
func (d *CIFAR) Shape() Shape { return Shape{C: 3, H: cifarSide, W: cifarSide} }

// Classes returns the class names read from the archive's label-name file,
// nil when it was not found (or for NewCIFAR).
func (d *CIFAR) Classes() []string { return append([]string(nil), d.classes...) }
