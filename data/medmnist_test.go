package data

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// npzExpect is numpy's view of the oracle's good npz files: file → split →
// image count, shape, sha256 of the pixels, labels as (N, K).
type npzExpect map[string]map[string]struct {
	N      int     `json:"n"`
	Shape  []int   `json:"shape"`
	SHA256 string  `json:"sha256"`
	Labels [][]int `json:"labels"`
}

func TestMedMNISTMatchesNumpy(t *testing.T) {
	t.Parallel() // waits on a Python process
	dir := t.TempDir()
	var want npzExpect
	datasetsOracleJSON(t, &want, "npz", dir)
	for file, splits := range want {
		for split, np := range splits {
			t.Run(file+"/"+split, func(t *testing.T) {
				d, err := NewMedMNIST(filepath.Join(dir, file), split, MedMNISTOptions{})
				if err != nil {
					t.Fatal(err)
				}
				defer d.Close()
				c := 1
				if len(np.Shape) == 4 {
					c = np.Shape[3]
				}
				if d.Len() != np.N || d.Shape() != (Shape{C: c, H: np.Shape[1], W: np.Shape[2]}) {
					t.Fatalf("Len %d shape %v, numpy %v", d.Len(), d.Shape(), np.Shape)
				}
				k := len(np.Labels[0])
				multi := k > 1
				if multi != (d.NumLabels() == k) || !multi && d.NumLabels() != 0 {
					t.Errorf("NumLabels %d for labels of width %d", d.NumLabels(), k)
				}
				h := sha256.New()
				for i := 0; i < d.Len(); i++ {
					s, err := d.Item(i)
					if err != nil {
						t.Fatal(err)
					}
					h.Write(s.Image.Pix)
					if multi {
						for j, v := range np.Labels[i] {
							if s.Labels[j] != float32(v) {
								t.Fatalf("Item(%d).Labels = %v, numpy %v", i, s.Labels, np.Labels[i])
							}
						}
						if s.Label != -1 {
							t.Errorf("multi-label Item(%d).Label = %d", i, s.Label)
						}
					} else if s.Label != np.Labels[i][0] || s.Labels != nil {
						t.Fatalf("Item(%d) label %d %v, numpy %v", i, s.Label, s.Labels, np.Labels[i])
					}
					if want := fmt.Sprintf("%s[%s_images][%d]", file, split, i); s.Path != want {
						t.Fatalf("Path %q, want %q", s.Path, want)
					}
				}
				if got := hex.EncodeToString(h.Sum(nil)); got != np.SHA256 {
					t.Errorf("pixels sha256 %s, numpy %s", got, np.SHA256)
				}
			})
		}
	}

	t.Run("stored files are read in place", func(t *testing.T) {
		for file, inPlace := range map[string]bool{"path28.npz": true, "gray64.npz": true, "chest28.npz": false, "rgb224.npz": false} {
			d, err := NewMedMNIST(filepath.Join(dir, file), "test", MedMNISTOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if (d.z != nil) != inPlace {
				t.Errorf("%s: read in place %v, want %v", file, d.z != nil, inPlace)
			}
			if err := d.Close(); err != nil {
				t.Error(err)
			}
			if _, err := d.Item(0); inPlace && err == nil {
				t.Errorf("%s: Item after Close succeeded", file)
			}
		}
	})
	t.Run("forced label modes", func(t *testing.T) {
		d, err := NewMedMNIST(filepath.Join(dir, "rgb224.npz"), "val", MedMNISTOptions{Labels: LabelMulti})
		if err != nil {
			t.Fatal(err)
		}
		defer d.Close()
		s, _ := d.Item(0)
		if d.NumLabels() != 1 || len(s.Labels) != 1 || s.Label != -1 || s.Labels[0] != float32(want["rgb224.npz"]["val"].Labels[0][0]) {
			t.Errorf("LabelMulti: NumLabels %d, sample %d %v", d.NumLabels(), s.Label, s.Labels)
		}
		p := filepath.Join(dir, "path28.npz")
		_, err = NewMedMNIST(p, "val", MedMNISTOptions{Labels: LabelMulti})
		dsWantErr(t, err, p, "val_labels", "want 0 or 1")
		p = filepath.Join(dir, "chest28.npz")
		_, err = NewMedMNIST(p, "train", MedMNISTOptions{Labels: LabelSingle})
		dsWantErr(t, err, p, "train_labels", "multi-label")
	})
}

func TestMedMNISTErrors(t *testing.T) {
	t.Parallel() // waits on a Python process
	dir := t.TempDir()
	var want npzExpect
	datasetsOracleJSON(t, &want, "npz", dir)
	notZip := dsWrite(t, dir, "notzip.npz", []byte("hello"))
	whole, err := os.ReadFile(filepath.Join(dir, "path28.npz"))
	if err != nil {
		t.Fatal(err)
	}
	dsWrite(t, dir, "cut.npz", whole[:len(whole)/2])
	cases := []struct {
		file, split string
		want        []string
	}{
		{"missing.npz", "val", []string{`no array "val_images"`, "train_images"}},
		{"dtype.npz", "train", []string{"train_images", `dtype "<f4"`, "uint8"}},
		{"count.npz", "train", []string{"train_images", "12 images", "train_labels", "11 labels"}},
		{"shape.npz", "train", []string{"train_images", "shape [12 28 28 2]"}},
		{"multivalue.npz", "train", []string{"train_labels", "row 2 column 1", "value 2"}},
		{"path28.npz", "validation", []string{`split "validation"`}},
		{"nothere.npz", "train", []string{"no such file"}},
		{filepath.Base(notZip), "train", []string{"not an npz"}},
		{"cut.npz", "train", []string{"not an npz"}},
	}
	for _, c := range cases {
		t.Run(c.file+"/"+c.split, func(t *testing.T) {
			p := filepath.Join(dir, c.file)
			_, err := NewMedMNIST(p, c.split, MedMNISTOptions{})
			dsWantErr(t, err, append([]string{p}, c.want...)...)
		})
	}
	// The other splits of a file with one broken split still read.
	d, err := NewMedMNIST(filepath.Join(dir, "missing.npz"), "test", MedMNISTOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Labels()) != 7 {
		t.Errorf("test split of missing.npz has %d labels, want 7", len(d.Labels()))
	}
	d.Close()
}

// npyBytes builds a .npy file of the given version, header dict and data.
func npyBytes(version byte, dict string, data []byte) []byte {
	b := []byte("\x93NUMPY")
	b = append(b, version, 0)
	h := dict + "\n"
	if version == 1 {
		b = binary.LittleEndian.AppendUint16(b, uint16(len(h)))
	} else {
		b = binary.LittleEndian.AppendUint32(b, uint32(len(h)))
	}
	return append(append(b, h...), data...)
}

// npzBytes zips the named .npy files, stored or deflated.
func npzBytes(t *testing.T, method uint16, files map[string][]byte) []byte {
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for name, b := range files {
		f, err := w.CreateHeader(&zip.FileHeader{Name: name + ".npy", Method: method})
		if err != nil {
			t.Fatal(err)
		}
		f.Write(b)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestNPZHeaders(t *testing.T) {
	img := npyBytes(1, "{'descr': '|u1', 'fortran_order': False, 'shape': (2, 1, 3), }", []byte{1, 2, 3, 4, 5, 6})
	be := []byte{0, 0, 0, 0, 0, 0, 0, 7, 0, 0, 0, 0, 0, 0, 0, 1}
	cases := []struct {
		name   string
		labels []byte
		images []byte
		want   []int
		err    string
	}{
		{"version 2, big-endian int64", npyBytes(2, "{'descr': '>i8', 'fortran_order': False, 'shape': (2,), }", be), img, []int{7, 1}, ""},
		{"version 3, float labels", npyBytes(3, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 1), }",
			[]byte{0, 0, 0x40, 0x40, 0, 0, 0x80, 0x3f}), img, []int{3, 1}, ""},
		{"bool labels", npyBytes(1, "{'descr': '|b1', 'fortran_order': False, 'shape': (2,), }", []byte{1, 0}), img, []int{1, 0}, ""},
		{"negative label", npyBytes(1, "{'descr': '|i1', 'fortran_order': False, 'shape': (2,), }", []byte{1, 0xff}), img, nil, "row 1: label -1"},
		{"fractional label", npyBytes(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }",
			append(make([]byte, 8), 0, 0, 0, 0, 0, 0, 0xe0, 0x3f)), img, nil, "label 0.5"},
		{"truncated labels", npyBytes(1, "{'descr': '|u1', 'fortran_order': False, 'shape': (2,), }", []byte{1}), img, nil, "train_labels]: truncated"},
		{"trailing label bytes", npyBytes(1, "{'descr': '|u1', 'fortran_order': False, 'shape': (2,), }", []byte{1, 2, 3}), img, nil, "trailing bytes"},
		{"fortran order", npyBytes(1, "{'descr': '|u1', 'fortran_order': True, 'shape': (2,), }", []byte{1, 2}), img, nil, "fortran-order"},
		{"structured dtype", npyBytes(1, "{'descr': [('a', '<i4')], 'fortran_order': False, 'shape': (2,), }", nil), img, nil, "unsupported npy dtype"},
		{"complex labels", npyBytes(1, "{'descr': '<c8', 'fortran_order': False, 'shape': (2,), }", make([]byte, 16)), img, nil, `unsupported dtype "<c8"`},
		{"bad magic", []byte("\x93NUMPX\x01\x00\x00\x00"), img, nil, "bad magic"},
		{"version 9", npyBytes(9, "", nil), img, nil, "unsupported npy version 9"},
		{"scalar labels", npyBytes(1, "{'descr': '|u1', 'fortran_order': False, 'shape': (), }", []byte{1}), img, nil, "want (N, K) or (N,)"},
		{"truncated images", npyBytes(1, "{'descr': '|u1', 'fortran_order': False, 'shape': (2,), }", []byte{1, 2}),
			npyBytes(1, "{'descr': '|u1', 'fortran_order': False, 'shape': (2, 1, 3), }", []byte{1, 2, 3}), nil, "train_images]: truncated"},
	}
	for _, c := range cases {
		for _, method := range []uint16{zip.Store, zip.Deflate} {
			t.Run(fmt.Sprint(c.name, method), func(t *testing.T) {
				p := dsWrite(t, t.TempDir(), "x.npz", npzBytes(t, method, map[string][]byte{"train_images": c.images, "train_labels": c.labels}))
				d, err := NewMedMNIST(p, "train", MedMNISTOptions{})
				if c.err != "" {
					dsWantErr(t, err, p, c.err)
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				defer d.Close()
				if !slices.Equal(d.Labels(), c.want) {
					t.Errorf("labels %v, want %v", d.Labels(), c.want)
				}
				if s, err := d.Item(1); err != nil || !bytes.Equal(s.Image.Pix, []byte{4, 5, 6}) || s.Image.W != 3 {
					t.Errorf("Item(1) = %v %v, %v", s.Image, s.Image.Pix, err)
				}
			})
		}
	}
}

// lyingNPZ zips the named .npy files like npzBytes, but records claim[name]
// (when set) as that member's uncompressed size — and, stored, as its
// compressed size too — whatever it really holds.
func lyingNPZ(t *testing.T, method uint16, files map[string][]byte, claim map[string]uint64) []byte {
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for name, b := range files {
		raw := b
		if method == zip.Deflate {
			var z bytes.Buffer
			fw, _ := flate.NewWriter(&z, flate.DefaultCompression)
			fw.Write(b)
			fw.Close()
			raw = z.Bytes()
		}
		h := &zip.FileHeader{Name: name + ".npy", Method: method, CRC32: crc32.ChecksumIEEE(b),
			CompressedSize64: uint64(len(raw)), UncompressedSize64: uint64(len(b))}
		if c, ok := claim[name]; ok {
			h.UncompressedSize64 = c
			if method == zip.Store {
				h.CompressedSize64 = c
			}
		}
		f, err := w.CreateRaw(h)
		if err != nil {
			t.Fatal(err)
		}
		f.Write(raw)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestNPZLyingSizes reads small npz files whose members' npy headers and
// zip sizes claim gigabytes they do not hold: each must fail naming the file
// and array, without allocating what is claimed.
func TestNPZLyingSizes(t *testing.T) {
	const n = 1 << 16
	hugeImages := npyBytes(1, "{'descr': '|u1', 'fortran_order': False, 'shape': (65536, 256, 256), }", make([]byte, 1024))
	labels := npyBytes(1, "{'descr': '|u1', 'fortran_order': False, 'shape': (65536,), }", make([]byte, n))
	hugeLabels := npyBytes(1, "{'descr': '<i8', 'fortran_order': False, 'shape': (1073741824,), }", make([]byte, 1024))
	tinyImages := npyBytes(1, "{'descr': '|u1', 'fortran_order': False, 'shape': (1073741824, 1, 1), }", nil)
	imagesHdr, labelsHdr := uint64(len(hugeImages)-1024), uint64(len(hugeLabels)-1024)
	cases := []struct {
		name  string
		files map[string][]byte
		claim map[string]uint64
		want  []string
	}{
		{"images claim 4 GiB", map[string][]byte{"train_images": hugeImages, "train_labels": labels},
			map[string]uint64{"train_images": imagesHdr + 1<<32}, []string{"[train_images]: truncated data", "of 4294967296 bytes"}},
		{"labels claim 8 GiB", map[string][]byte{"train_images": tinyImages, "train_labels": hugeLabels},
			map[string]uint64{"train_labels": labelsHdr + 1<<33}, []string{"[train_labels]: truncated data", "of 8589934592 bytes"}},
	}
	for _, c := range cases {
		for _, method := range []uint16{zip.Store, zip.Deflate} {
			t.Run(fmt.Sprint(c.name, method), func(t *testing.T) {
				b := lyingNPZ(t, method, c.files, c.claim)
				p := dsWrite(t, t.TempDir(), "x.npz", b)
				var err error
				if a := allocatedBy(func() { _, err = NewMedMNIST(p, "train", MedMNISTOptions{}) }); a > maxHostileAlloc {
					t.Errorf("allocated %d MiB reading a %d-byte file", a>>20, len(b))
				}
				dsWantErr(t, err, append([]string{p}, c.want...)...)
			})
		}
	}
}
