package data

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"testing"
)

// fashionMNISTDir is where Debian's dataset-fashion-mnist installs the files.
const fashionMNISTDir = "/usr/share/datasets/fashion-mnist"

func TestFashionMNISTMatchesTorchvision(t *testing.T) {
	t.Parallel() // waits on a Python process
	var want map[string]struct {
		N       int               `json:"n"`
		Shape   []int             `json:"shape"`
		Labels  []int             `json:"labels"`
		SHA256  string            `json:"sha256"`
		Sum     int64             `json:"sum"`
		Images  map[string]string `json:"images"`
		Classes []string          `json:"classes"`
	}
	datasetsOracleJSON(t, &want, "fashion-mnist", fashionMNISTDir)
	for _, split := range []struct {
		name, file string
		train      bool
		n          int
	}{{"train", "train-images-idx3-ubyte.gz", true, 60000}, {"test", "t10k-images-idx3-ubyte.gz", false, 10000}} {
		t.Run(split.name, func(t *testing.T) {
			tv := want[split.name]
			d, err := FashionMNIST(fashionMNISTDir, split.train)
			if err != nil {
				t.Fatal(err)
			}
			if d.Len() != split.n || tv.N != split.n {
				t.Fatalf("Len %d, torchvision %d, want %d", d.Len(), tv.N, split.n)
			}
			if sh := d.Shape(); sh != (Shape{C: 1, H: tv.Shape[0], W: tv.Shape[1]}) {
				t.Errorf("shape %v, torchvision %v", sh, tv.Shape)
			}
			if !slices.Equal(d.Labels(), tv.Labels) {
				t.Error("labels differ from torchvision's")
			}
			if !slices.Equal(d.Classes(), tv.Classes) {
				t.Errorf("classes %q, torchvision %q", d.Classes(), tv.Classes)
			}
			h := sha256.New()
			var sum int64
			for i := 0; i < d.Len(); i++ {
				s, err := d.Item(i)
				if err != nil {
					t.Fatal(err)
				}
				if s.Label != tv.Labels[i] || s.Image.C != 1 || s.Encoded != nil {
					t.Fatalf("Item(%d): label %d (torchvision %d), %v", i, s.Label, tv.Labels[i], s.Image)
				}
				h.Write(s.Image.Pix)
				for _, v := range s.Image.Pix {
					sum += int64(v)
				}
			}
			if got := hex.EncodeToString(h.Sum(nil)); got != tv.SHA256 || sum != tv.Sum {
				t.Errorf("pixels sha256 %s sum %d, torchvision %s %d", got, sum, tv.SHA256, tv.Sum)
			}
			for k, b64 := range tv.Images {
				i, _ := strconv.Atoi(k)
				wantPix, _ := base64.StdEncoding.DecodeString(b64)
				s, _ := d.Item(i)
				if !bytes.Equal(s.Image.Pix, wantPix) {
					t.Errorf("image %d differs from torchvision's", i)
				}
				if wantPath := fmt.Sprintf("%s[%d]", split.file, i); s.Path != wantPath {
					t.Errorf("Path %q, want %q", s.Path, wantPath)
				}
			}
		})
	}
}

// idxBytes builds an IDX file: magic (type code, ndim), dims, payload.
func idxBytes(code byte, dims []int, payload []byte) []byte {
	b := []byte{0, 0, code, byte(len(dims))}
	for _, d := range dims {
		b = binary.BigEndian.AppendUint32(b, uint32(d))
	}
	return append(b, payload...)
}

func dsGzip(b []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

func TestIDX(t *testing.T) {
	dir := t.TempDir()
	pix := make([]byte, 3*2*4)
	for i := range pix {
		pix[i] = byte(i * 7)
	}
	images := idxBytes(0x08, []int{3, 2, 4}, pix)
	labels := idxBytes(0x08, []int{3}, []byte{4, 0, 9})
	// Compression is found by magic bytes: a plain file named .gz and a gzip
	// file without the suffix both read.
	cases := map[string][2][]byte{
		"plain":   {images, labels},
		"gzip":    {dsGzip(images), dsGzip(labels)},
		"misname": {images, dsGzip(labels)},
	}
	for name, files := range cases {
		t.Run(name, func(t *testing.T) {
			ip := dsWrite(t, dir, name+"/imgs.gz", files[0])
			lp := dsWrite(t, dir, name+"/labs", files[1])
			d, err := NewIDX(ip, lp)
			if err != nil {
				t.Fatal(err)
			}
			if d.Len() != 3 || !slices.Equal(d.Labels(), []int{4, 0, 9}) || d.Shape() != (Shape{C: 1, H: 2, W: 4}) {
				t.Fatalf("Len %d labels %v shape %v", d.Len(), d.Labels(), d.Shape())
			}
			s, err := d.Item(2)
			if err != nil || !bytes.Equal(s.Image.Pix, pix[16:]) || s.Label != 9 || s.Path != "imgs.gz[2]" {
				t.Errorf("Item(2) = %+v, %v", s, err)
			}
			if _, err := d.Item(3); err == nil {
				t.Error("Item(3) succeeded")
			}
		})
	}
}

func TestIDXErrors(t *testing.T) {
	dir := t.TempDir()
	pix := make([]byte, 3*2*4)
	goodLabels := dsWrite(t, dir, "labels", idxBytes(0x08, []int{3}, []byte{1, 2, 3}))
	goodImages := dsWrite(t, dir, "images", idxBytes(0x08, []int{3, 2, 4}, pix))
	full := dsGzip(idxBytes(0x08, []int{3, 2, 4}, pix))
	cases := []struct {
		name           string
		images, labels []byte // nil: use the good file
		want           string
	}{
		{"truncated images", idxBytes(0x08, []int{3, 2, 4}, pix[:20]), nil, "truncated: 20 of 24"},
		{"truncated gzip images", dsGzip(idxBytes(0x08, []int{3, 2, 4}, pix[:5])), nil, "truncated: 5 of 24"},
		{"cut gzip stream", full[:len(full)-6], nil, "unexpected EOF"},
		{"truncated header", []byte{0, 0, 8, 3, 0}, nil, "truncated idx header"},
		{"trailing bytes", idxBytes(0x08, []int{3, 2, 4}, append(pix, 0)), nil, "trailing bytes"},
		{"labels magic", nil, idxBytes(0x08, []int{3, 1}, []byte{1, 2, 3}), "magic 0x00000802, want 0x00000801"},
		{"images dtype", idxBytes(0x0b, []int{3, 2, 4}, pix), nil, "magic 0x00000b03"},
		{"zero dim", idxBytes(0x08, []int{3, 0, 4}, nil), nil, "dimension 1 is 0"},
		{"count mismatch", nil, idxBytes(0x08, []int{2}, []byte{1, 2}), "3 images but"},
		{"huge header", idxBytes(0x08, []int{1 << 30, 1 << 30, 1}, nil), nil, "implausibly large"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ip, lp := goodImages, goodLabels
			if c.images != nil {
				ip = dsWrite(t, t.TempDir(), "images", c.images)
			}
			if c.labels != nil {
				lp = dsWrite(t, t.TempDir(), "labels", c.labels)
			}
			_, err := NewIDX(ip, lp)
			culprit := ip
			if c.labels != nil {
				culprit = lp
			}
			dsWantErr(t, err, culprit, c.want)
		})
	}
	t.Run("missing file", func(t *testing.T) {
		p := filepath.Join(dir, "nope")
		_, err := NewIDX(p, goodLabels)
		dsWantErr(t, err, p, "no such file")
	})
	t.Run("no fashion-mnist under root", func(t *testing.T) {
		_, err := FashionMNIST(dir, true)
		dsWantErr(t, err, dir, "train-images-idx3-ubyte.gz", filepath.Join(dir, "FashionMNIST", "raw"))
	})
}

// allocatedBy returns how many bytes f allocated on the heap (an upper
// bound: other goroutines' allocations count too).
func allocatedBy(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// maxHostileAlloc bounds what reading a small hostile file may allocate;
// the headers below claim 4 GiB or more.
const maxHostileAlloc = 100 << 20

// TestIDXHostileHeaders reads small files whose headers claim far more data
// than they hold: each must fail with an error naming the file and the
// sizes, without allocating what the header claims.
func TestIDXHostileHeaders(t *testing.T) {
	labels := dsWrite(t, t.TempDir(), "labels", idxBytes(0x08, []int{3}, []byte{1, 2, 3}))
	huge := []int{1 << 16, 256, 256} // 4 GiB
	cases := []struct {
		name   string
		images []byte
		want   []string
	}{
		{"mnist-sized header only", idxBytes(0x08, []int{60000, 28, 28}, nil),
			[]string{"truncated: 0 of 47040000 payload bytes", "file is 16 bytes", "need 47040016"}},
		{"4 GiB claim, 1 KiB payload", idxBytes(0x08, huge, make([]byte, 1024)),
			[]string{"truncated: 1024 of 4294967296", "file is 1040 bytes", "need 4294967312"}},
		{"gzip, 4 GiB claim, 1 KiB payload", dsGzip(idxBytes(0x08, huge, make([]byte, 1024))),
			[]string{"truncated: 1024 of 4294967296", "unexpected EOF"}},
		// 8 MiB of zeros inflate from ~8 KiB: more than the first buffer.
		{"gzip, 8 GiB claim, 8 MiB payload", dsGzip(idxBytes(0x08, []int{1 << 17, 256, 256}, make([]byte, 8<<20))),
			[]string{"truncated: 8388608 of 8589934592", "unexpected EOF"}},
		{"gzip, mnist-sized claim, 100 bytes", dsGzip(idxBytes(0x08, []int{60000, 28, 28}, make([]byte, 100))),
			[]string{"truncated: 100 of 47040000"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := dsWrite(t, t.TempDir(), "images", c.images)
			var err error
			if n := allocatedBy(func() { _, err = NewIDX(p, labels) }); n > maxHostileAlloc {
				t.Errorf("allocated %d MiB reading a %d-byte file", n>>20, len(c.images))
			}
			dsWantErr(t, err, append([]string{p}, c.want...)...)
		})
	}
}

func TestFashionMNISTTorchvisionLayout(t *testing.T) {
	// root/FashionMNIST/raw with uncompressed files, as torchvision keeps them.
	root := t.TempDir()
	raw := filepath.Join(root, "FashionMNIST", "raw")
	dsWrite(t, raw, "t10k-images-idx3-ubyte", idxBytes(0x08, []int{2, 28, 28}, make([]byte, 2*28*28)))
	dsWrite(t, raw, "t10k-labels-idx1-ubyte", idxBytes(0x08, []int{2}, []byte{7, 3}))
	d, err := FashionMNIST(root, false)
	if err != nil {
		t.Fatal(err)
	}
	if d.Len() != 2 || d.Classes()[7] != "Sneaker" {
		t.Errorf("Len %d classes %q", d.Len(), d.Classes())
	}
	if _, err := FashionMNIST(root, true); err == nil {
		t.Error("train split found in a folder holding only t10k files")
	}
}
