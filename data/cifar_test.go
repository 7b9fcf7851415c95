package data

import (
	"bytes"
	"encoding/base64"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestCIFARMatchesTorchvision(t *testing.T) {
	t.Parallel() // waits on a Python process
	root := t.TempDir()
	var want map[string]struct {
		N       int      `json:"n"`
		Labels  []int    `json:"labels"`
		HWC     string   `json:"hwc"`
		Classes []string `json:"classes"`
		Coarse  []int    `json:"coarse"`
	}
	// The oracle writes both versions of random data; torchvision reads the
	// Python version, we read the binary one.
	datasetsOracleJSON(t, &want, "cifar", root)
	open := map[string]func() (*CIFAR, error){
		"cifar10_train":  func() (*CIFAR, error) { return CIFAR10(root, true) },
		"cifar10_test":   func() (*CIFAR, error) { return CIFAR10(root, false) },
		"cifar100_train": func() (*CIFAR, error) { return CIFAR100(root, true, CIFAR100Fine) },
		"cifar100_test":  func() (*CIFAR, error) { return CIFAR100(filepath.Join(root, "cifar-100-binary"), false, CIFAR100Fine) },
	}
	for name, f := range open {
		t.Run(name, func(t *testing.T) {
			tv := want[name]
			d, err := f()
			if err != nil {
				t.Fatal(err)
			}
			if d.Len() != tv.N || !slices.Equal(d.Labels(), tv.Labels) {
				t.Fatalf("Len %d labels %v, torchvision %d %v", d.Len(), d.Labels(), tv.N, tv.Labels)
			}
			if !slices.Equal(d.Classes(), tv.Classes) {
				t.Errorf("classes %q, torchvision %q", d.Classes(), tv.Classes)
			}
			hwc, _ := base64.StdEncoding.DecodeString(tv.HWC)
			var got []byte
			for i := 0; i < d.Len(); i++ {
				s, err := d.Item(i)
				if err != nil {
					t.Fatal(err)
				}
				if s.Image.H != 32 || s.Image.W != 32 || s.Image.C != 3 || s.Label != tv.Labels[i] {
					t.Fatalf("Item(%d) = %v label %d", i, s.Image, s.Label)
				}
				got = append(got, s.Image.Pix...)
			}
			if !bytes.Equal(got, hwc) {
				t.Error("pixels differ from torchvision's")
			}
			if tv.Coarse != nil {
				c, err := CIFAR100(root, name == "cifar100_train", CIFAR100Coarse)
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(c.Labels(), tv.Coarse) || len(c.Classes()) != 20 {
					t.Errorf("coarse labels %v (%d classes), want %v", c.Labels(), len(c.Classes()), tv.Coarse)
				}
			}
		})
	}
	// Paths name the batch file and the record within it.
	d, _ := CIFAR10(root, true)
	for i, want := range map[int]string{0: "data_batch_1.bin[0]", 2: "data_batch_1.bin[2]", 3: "data_batch_2.bin[0]", 24: "data_batch_5.bin[6]"} {
		if s, _ := d.Item(i); s.Path != want {
			t.Errorf("Item(%d).Path = %q, want %q", i, s.Path, want)
		}
	}
}

func TestCIFARErrors(t *testing.T) {
	dir := t.TempDir()
	rec := make([]byte, 1+cifarPixels)
	good := dsWrite(t, dir, "good.bin", bytes.Repeat(rec, 2))
	badLabel := append(bytes.Repeat(rec, 2), rec...)
	badLabel[2*len(rec)] = 10
	fine := make([]byte, 2+cifarPixels)
	fine[1] = 100
	cases := []struct {
		name   string
		labels CIFARLabels
		data   []byte
		want   []string
	}{
		{"truncated", CIFAR10Labels, bytes.Repeat(rec, 2)[:2*len(rec)-1], []string{"6145 bytes", "3073-byte"}},
		{"empty", CIFAR10Labels, nil, []string{"0 bytes"}},
		{"label out of range", CIFAR10Labels, badLabel, []string{"record 2", "label 10"}},
		{"fine label out of range", CIFAR100Fine, fine, []string{"record 0", "label 100 out of range [0, 100)"}},
		{"cifar-10 file read as cifar-100", CIFAR100Coarse, bytes.Repeat(rec, 2), []string{"3074-byte"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := dsWrite(t, t.TempDir(), "x.bin", c.data)
			_, err := NewCIFAR(c.labels, p)
			dsWantErr(t, err, append([]string{p}, c.want...)...)
		})
	}
	t.Run("missing batch", func(t *testing.T) {
		if err := os.Remove(good); err != nil {
			t.Fatal(err)
		}
		_, err := CIFAR10(dir, true)
		dsWantErr(t, err, filepath.Join(dir, "data_batch_1.bin"), "no such file")
	})
	t.Run("bad layout", func(t *testing.T) {
		_, err := CIFAR100(dir, true, CIFAR10Labels)
		dsWantErr(t, err, "CIFAR100Fine or CIFAR100Coarse")
	})
}
