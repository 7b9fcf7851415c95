package data

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// IDX is an image dataset in LeCun's IDX format, the format of MNIST and
// Fashion-MNIST: an idx3 file of n×h×w unsigned bytes and an idx1 file of n
// label bytes, either possibly gzip-compressed. Both files are read into
// memory at construction. Item returns a decoded h×w×1 Image; Sample.Path is
// the images file's base name and the index, "train-images-idx3-ubyte.gz[17]".
type IDX struct {
	a       arraySet
	classes []string
}

// fashionMNISTClasses are torchvision's FashionMNIST.classes.
var fashionMNISTClasses = []string{
	"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
	"Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
}

// mnistClasses are torchvision's MNIST.classes.
var mnistClasses = []string{
	"0 - zero", "1 - one", "2 - two", "3 - three", "4 - four",
	"5 - five", "6 - six", "7 - seven", "8 - eight", "9 - nine",
}

// idxUbyte is the IDX type code of unsigned bytes.
const idxUbyte = 0x08

// maxIDXElements caps the element count an IDX header may declare (16 GiB),
// so a corrupt header fails cleanly instead of exhausting memory.
const maxIDXElements = 1 << 34

// NewIDX reads an images file (magic 0x00000803: n×h×w ubyte) and a labels
// file (magic 0x00000801: n ubyte). Gzip compression is recognised by its
// magic bytes, not by the file name. The magic numbers, the dimensions, the
// counts of both files and their exact lengths are checked; a truncated or
// overlong file is an error naming its path.
func NewIDX(imagesPath, labelsPath string) (*IDX, error) {
	pix, dims, err := readIDX(imagesPath, 3)
	if err != nil {
		return nil, err
	}
	lab, ldims, err := readIDX(labelsPath, 1)
	if err != nil {
		return nil, err
	}
	if dims[0] != ldims[0] {
		return nil, fmt.Errorf("data: %s has %d images but %s has %d labels", imagesPath, dims[0], labelsPath, ldims[0])
	}
	labels := make([]int, len(lab))
	for i, l := range lab {
		labels[i] = int(l)
	}
	return &IDX{a: arraySet{
		name: filepath.Base(imagesPath), r: bytes.NewReader(pix),
		n: dims[0], h: dims[1], w: dims[2], c: 1, labels: labels,
	}}, nil
}

// FashionMNIST opens the Fashion-MNIST training set (60,000 images) or, with
// train false, its test set (10,000) under root. It looks for
// {train,t10k}-{images-idx3,labels-idx1}-ubyte, gzip'd (".gz") or not, in
// root itself (Debian's dataset-fashion-mnist installs them in
// /usr/share/datasets/fashion-mnist) and in root/FashionMNIST/raw
// (torchvision's layout). Classes are torchvision's class names.
func FashionMNIST(root string, train bool) (*IDX, error) {
	return openMNISTLike(root, "FashionMNIST", train, fashionMNISTClasses)
}

// MNIST opens the MNIST training set (60,000 images) or test set (10,000)
// under root, found as FashionMNIST finds its files (root or root/MNIST/raw).
func MNIST(root string, train bool) (*IDX, error) {
	return openMNISTLike(root, "MNIST", train, mnistClasses)
}

func openMNISTLike(root, name string, train bool, classes []string) (*IDX, error) {
	prefix := "t10k"
	if train {
		prefix = "train"
	}
	var tried []string
	for _, dir := range []string{root, filepath.Join(root, name, "raw")} {
		images := findIDXFile(dir, prefix+"-images-idx3-ubyte", &tried)
		labels := findIDXFile(dir, prefix+"-labels-idx1-ubyte", &tried)
		if images == "" || labels == "" {
			continue
		}
		d, err := NewIDX(images, labels)
		if err != nil {
			return nil, err
		}
		d.classes = classes
		return d, nil
	}
	return nil, fmt.Errorf("data: no %s %s files under %s (looked for %s)", name, prefix, root, strings.Join(tried, ", "))
}

// findIDXFile returns dir/base.gz or dir/base if either is a regular file.
func findIDXFile(dir, base string, tried *[]string) string {
	for _, name := range []string{base + ".gz", base} {
		p := filepath.Join(dir, name)
		*tried = append(*tried, p)
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
			return p
		}
	}
	return ""
}

// readIDX reads an IDX file of unsigned bytes with ndim dimensions and
// returns its payload and dimensions.
func readIDX(path string, ndim int) ([]byte, []int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("data: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, nil, fmt.Errorf("data: %w", err)
	}
	br := bufio.NewReaderSize(f, 1<<16)
	var r io.Reader = br
	gzipped := false
	if head, _ := br.Peek(2); len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b {
		gzipped = true
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, nil, fmt.Errorf("data: %s: %w", path, err)
		}
		defer zr.Close()
		r = zr
	}
	hdr := make([]byte, 4+4*ndim)
	if _, err := io.ReadFull(r, hdr); err != nil {
		return nil, nil, fmt.Errorf("data: %s: truncated idx header: %w", path, err)
	}
	want := uint32(idxUbyte)<<8 | uint32(ndim)
	if magic := binary.BigEndian.Uint32(hdr); magic != want {
		return nil, nil, fmt.Errorf("data: %s: idx magic %#08x, want %#08x (unsigned bytes, %d dimensions)", path, magic, want, ndim)
	}
	dims := make([]int, ndim)
	total := int64(1)
	for i := range dims {
		dims[i] = int(binary.BigEndian.Uint32(hdr[4+4*i:]))
		if i > 0 && dims[i] == 0 {
			return nil, nil, fmt.Errorf("data: %s: idx dimension %d is 0", path, i)
		}
		total *= int64(dims[i])
		if total > maxIDXElements {
			return nil, nil, fmt.Errorf("data: %s: idx dimensions %v are implausibly large", path, dims[:i+1])
		}
	}
	// The header's dimensions are a claim: check it against the file's size
	// before allocating, or (for gzip, whose inflated size is known only by
	// inflating) let the buffer grow only as data arrives.
	hint := total
	if !gzipped {
		switch need := int64(len(hdr)) + total; {
		case fi.Size() < need:
			return nil, nil, fmt.Errorf("data: %s: truncated: %d of %d payload bytes (dims %v): file is %d bytes, header and payload need %d",
				path, max(fi.Size()-int64(len(hdr)), 0), total, dims, fi.Size(), need)
		case fi.Size() > need:
			return nil, nil, fmt.Errorf("data: %s: trailing bytes: file is %d bytes, header and payload (dims %v) need %d",
				path, fi.Size(), dims, need)
		}
	} else {
		hint = fi.Size() * inflateHint
	}
	buf, err := readClaimed(r, total, hint)
	if err != nil {
		return nil, nil, fmt.Errorf("data: %s: truncated: %d of %d payload bytes (dims %v): %w", path, len(buf), total, dims, err)
	}
	// Reading past the end verifies the gzip checksum and catches extra bytes.
	var one [1]byte
	if n, err := io.ReadFull(r, one[:]); n > 0 {
		return nil, nil, fmt.Errorf("data: %s: trailing bytes after %d payload bytes (dims %v)", path, total, dims)
	} else if err != nil && !errors.Is(err, io.EOF) {
		return nil, nil, fmt.Errorf("data: %s: %w", path, err)
	}
	return buf, dims, nil
}

// Len is the number of images.
func (d *IDX) Len() int { return d.a.n }

// Item returns image i (h×w×1) and its label.
func (d *IDX) Item(i int) (Sample, error) { return d.a.item(i) }

// Labels returns a copy of every sample's label, in index order.
func (d *IDX) Labels() []int { return d.a.labelsCopy() }

// Shape is the geometry of every image, CHW (1×28×28 for MNIST).
func (d *IDX) Shape() Shape { return Shape{C: 1, H: d.a.h, W: d.a.w} }

// Classes returns the class names of FashionMNIST and MNIST, nil for a
// dataset opened with NewIDX.
func (d *IDX) Classes() []string { return append([]string(nil), d.classes...) }
