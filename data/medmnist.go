package data

import (
	"bytes"
	"fmt"
	"path/filepath"
)

// LabelMode says whether a dataset's labels are one class per sample or a
// 0/1 vector per sample.
type LabelMode int

const (
	// LabelAuto decides from the data: a label array of shape (N, K) with
	// K > 1 (or a CSV with several label columns) is multi-label.
	LabelAuto LabelMode = iota
	// LabelSingle requires one class index per sample.
	LabelSingle
	// LabelMulti treats labels as 0/1 targets even when there is one per
	// sample (a binary task trained with a sigmoid).
	LabelMulti
)

// MedMNISTOptions configures NewMedMNIST.
type MedMNISTOptions struct {
	// Labels forces single- or multi-label reading; LabelAuto (the zero
	// value) decides from the label array's shape.
	Labels LabelMode
}

// MedMNIST is one split of a MedMNIST .npz file (PathMNIST, ChestMNIST, …,
// any size 28–224): arrays <split>_images, uint8 of shape (N, H, W) or
// (N, H, W, 3), and <split>_labels of shape (N, K) or (N,). Single-label
// samples carry Label; multi-label samples (ChestMNIST's K = 14) carry
// Labels (0/1 float32) and Label -1. Sample.Path is
// "chestmnist.npz[train_images][17]".
//
// Images of an npz written by np.savez (stored, uncompressed) are read in
// place, image by image, from the open file; those of np.savez_compressed
// are inflated into memory at construction. Close releases the file.
type MedMNIST struct {
	a     arraySet
	z     *npzFile // open while images are read in place, else nil
	split string
}

// NewMedMNIST opens split "train", "val" or "test" of the MedMNIST npz file
// at path. A missing array, an unsupported dtype or shape, counts that
// differ between images and labels, or a label that is not a class index
// (single-label) or 0/1 (multi-label) is an error naming the file and array.
func NewMedMNIST(path, split string, opts MedMNISTOptions) (*MedMNIST, error) {
	switch split {
	case "train", "val", "test":
	default:
		return nil, fmt.Errorf("data: %s: split %q, want train, val or test", path, split)
	}
	z, err := openNPZ(path)
	if err != nil {
		return nil, err
	}
	d, err := readMedMNIST(z, split, opts)
	if err != nil || d.z == nil {
		z.close()
	}
	if err != nil {
		return nil, err
	}
	return d, nil
}

func readMedMNIST(z *npzFile, split string, opts MedMNISTOptions) (*MedMNIST, error) {
	base := filepath.Base(z.path)
	img, err := z.array(split + "_images")
	if err != nil {
		return nil, err
	}
	lab, err := z.array(split + "_labels")
	if err != nil {
		return nil, err
	}
	where := func(a *npyArray) string { return fmt.Sprintf("%s[%s]", z.path, a.name) }
	if len(img.descr) != 3 || img.descr[1:] != "u1" {
		return nil, fmt.Errorf("data: %s: dtype %q, want uint8 (|u1)", where(img), img.descr)
	}
	s := img.shape
	if !(len(s) == 3 || len(s) == 4 && (s[3] == 1 || s[3] == 3)) || s[1] == 0 || s[2] == 0 {
		return nil, fmt.Errorf("data: %s: shape %v, want (N, H, W) or (N, H, W, 3)", where(img), s)
	}
	c := 1
	if len(s) == 4 {
		c = s[3]
	}
	n := s[0]
	if len(lab.shape) == 0 || len(lab.shape) > 2 || len(lab.shape) == 2 && lab.shape[1] == 0 {
		return nil, fmt.Errorf("data: %s: shape %v, want (N, K) or (N,)", where(lab), lab.shape)
	}
	if lab.shape[0] != n {
		return nil, fmt.Errorf("data: %s: %d images but %s has %d labels", where(img), n, where(lab), lab.shape[0])
	}
	k := 1
	if len(lab.shape) == 2 {
		k = lab.shape[1]
	}
	multi := opts.Labels == LabelMulti || opts.Labels == LabelAuto && k > 1
	if opts.Labels == LabelSingle && k > 1 {
		return nil, fmt.Errorf("data: %s: shape %v is multi-label but single labels were asked for", where(lab), lab.shape)
	}
	vals, err := lab.values()
	if err != nil {
		return nil, err
	}
	d := &MedMNIST{split: split, a: arraySet{
		name: fmt.Sprintf("%s[%s]", base, img.name), n: n, h: s[1], w: s[2], c: c,
		labels: make([]int, n),
	}}
	if multi {
		d.a.k = k
		d.a.multi = make([]float32, len(vals))
		for i, v := range vals {
			if v != 0 && v != 1 {
				return nil, fmt.Errorf("data: %s: row %d column %d: multi-label value %v, want 0 or 1", where(lab), i/k, i%k, v)
			}
			d.a.multi[i] = float32(v)
		}
		for i := range d.a.labels {
			d.a.labels[i] = -1
		}
	} else {
		for i, v := range vals {
			if v < 0 || v != float64(int(v)) {
				return nil, fmt.Errorf("data: %s: row %d: label %v is not a class index", where(lab), i, v)
			}
			d.a.labels[i] = int(v)
		}
	}
	if off, ok := img.stored(); ok {
		d.a.r, d.a.off, d.z = z.f, off, z
		return d, nil
	}
	pix, err := img.readAll()
	if err != nil {
		return nil, err
	}
	d.a.r = bytes.NewReader(pix)
	return d, nil
}

// Len is the number of images in the split.
func (d *MedMNIST) Len() int { return d.a.n }

// Item returns image i (H×W×1 or H×W×3) and its label(s).
func (d *MedMNIST) Item(i int) (Sample, error) { return d.a.item(i) }

// Labels returns a copy of every sample's class index, in index order: all
// -1 for a multi-label split.
func (d *MedMNIST) Labels() []int { return d.a.labelsCopy() }

// NumLabels is K, the length of each sample's Labels, for a multi-label
// split, and 0 for a single-label one.
func (d *MedMNIST) NumLabels() int { return d.a.k }

// Shape is the geometry of every image, CHW.
func (d *MedMNIST) Shape() Shape { return Shape{C: d.a.c, H: d.a.h, W: d.a.w} }

// Close releases the npz file when images are read from it in place; Item
// must not be called during or after it. Calling it again is a no-op.
func (d *MedMNIST) Close() error {
	if d.z == nil {
		return nil
	}
	err := d.z.close()
	d.z = nil
	return err
}
