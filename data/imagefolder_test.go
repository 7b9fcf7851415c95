package data

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// imageFolderTree builds root/<class>/... with odd names: uppercase and
// digit classes, nested folders whose sorted-path order differs from a
// depth-first walk (sub, sub-x, sub/deep), uppercase extensions, unsupported
// files, a hidden image, a file at the root, and symbolic links to a class
// folder and to a subfolder. Each file holds its own relative path.
func imageFolderTree(t *testing.T, root string) {
	t.Helper()
	files := []string{
		"cat/a.jpg", "cat/B.JPG", "cat/c.png", "cat/notes.txt", "cat/.hidden.jpeg",
		"cat/sub/d.jpeg", "cat/sub/deep/e.webp", "cat/sub-x/f.bmp", "cat/sub-x/g.Jpg.bak",
		"Dog/x.tiff", "Dog/y.TIF", "Dog/z.gif", "Dog/w.PPM",
		"1digit/img.pgm", "1digit/Img.ppm", "1digit/9/0.png",
		"readme.jpg",
		"outside/o1.png", "outside/o2.webp",
	}
	for _, f := range files {
		dsWrite(t, root, f, []byte(f))
	}
	// "outside" is itself a class; zlink is a second class through a link.
	if err := os.Symlink(filepath.Join(root, "outside"), filepath.Join(root, "zlink")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(root, "cat", "sub", "deep"), filepath.Join(root, "Dog", "lnk")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(root, "nowhere.jpg"), filepath.Join(root, "Dog", "broken.jpg")); err != nil {
		t.Fatal(err)
	}
}

type torchFolder struct {
	Error      string         `json:"error"`
	Classes    []string       `json:"classes"`
	ClassToIdx map[string]int `json:"class_to_idx"`
	Samples    [][2]any       `json:"samples"`
}

func TestImageFolderMatchesTorchvision(t *testing.T) {
	t.Parallel() // waits on a Python process
	root := t.TempDir()
	imageFolderTree(t, root)
	var want []torchFolder
	datasetsOracleJSON(t, &want, "imagefolder", root)
	tv := want[0]
	if tv.Error != "" {
		t.Fatalf("torchvision failed: %s", tv.Error)
	}

	d, err := NewImageFolder(root)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(d.Classes(), tv.Classes) {
		t.Errorf("classes %q, torchvision %q", d.Classes(), tv.Classes)
	}
	if !maps.Equal(d.ClassToIdx, tv.ClassToIdx) {
		t.Errorf("class_to_idx %v, torchvision %v", d.ClassToIdx, tv.ClassToIdx)
	}
	if d.Len() != len(tv.Samples) {
		t.Fatalf("%d samples, torchvision %d", d.Len(), len(tv.Samples))
	}
	labels := d.Labels()
	for i, s := range tv.Samples {
		path, label := s[0].(string), int(s[1].(float64))
		if d.Path(i) != path || labels[i] != label {
			t.Errorf("sample %d = (%s, %d), torchvision (%s, %d)", i, d.Path(i), labels[i], path, label)
		}
	}
	// Item reads the bytes of the listed file; the broken link fails.
	for i := 0; i < d.Len(); i++ {
		s, err := d.Item(i)
		if filepath.Base(d.Path(i)) == "broken.jpg" {
			dsWantErr(t, err, "broken.jpg")
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		want, _ := os.ReadFile(d.Path(i))
		if s.Path != d.Path(i) || !bytes.Equal(s.Encoded, want) || s.Label != labels[i] || s.Image != nil {
			t.Errorf("Item(%d) = %+v", i, s)
		}
	}
	if _, err := d.Item(d.Len()); err == nil {
		t.Error("Item(Len()) succeeded")
	}
}

func TestImageFolderErrors(t *testing.T) {
	t.Parallel() // waits on a Python process
	base := t.TempDir()
	noClasses := filepath.Join(base, "noclasses")
	dsWrite(t, noClasses, "a.jpg", nil)
	emptyClass := filepath.Join(base, "empty")
	dsWrite(t, emptyClass, "good/a.png", nil)
	dsWrite(t, emptyClass, "bad1/notes.txt", nil)
	dsWrite(t, emptyClass, "bad2/deeper/x.gif", nil)
	file := dsWrite(t, base, "file.jpg", nil)
	missing := filepath.Join(base, "missing")

	cases := []struct {
		name, root string
		want       []string
	}{
		{"missing root", missing, []string{missing, "no such file"}},
		{"root is a file", file, []string{file, "not a directory"}},
		{"no class folders", noClasses, []string{noClasses, "no class subdirectories"}},
		{"class folders without images", emptyClass, []string{
			filepath.Join(emptyClass, "bad1") + ", " + filepath.Join(emptyClass, "bad2"), "no valid image file", ".jpg"}},
	}
	roots := make([]string, len(cases))
	for i, c := range cases {
		roots[i] = c.root
	}
	var tv []torchFolder
	datasetsOracleJSON(t, &tv, append([]string{"imagefolder"}, roots...)...)
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := NewImageFolder(c.root)
			dsWantErr(t, err, c.want...)
			if tv[i].Error == "" {
				t.Errorf("torchvision accepted %s", c.root)
			}
		})
	}
	if !strings.Contains(tv[3].Error, "bad1, bad2") {
		t.Errorf("torchvision's error %q does not name both classes", tv[3].Error)
	}
}

func TestImageNetVal(t *testing.T) {
	dir := t.TempDir()
	val := filepath.Join(dir, "val")
	for _, f := range []string{"ILSVRC2012_val_00000003.JPEG", "ILSVRC2012_val_00000001.JPEG", "ILSVRC2012_val_00000002.JPEG"} {
		dsWrite(t, val, f, []byte(f))
	}
	good := dsWrite(t, dir, "LOC_val_solution.csv", []byte("ImageId,PredictionString\n"+
		"ILSVRC2012_val_00000003,n01440764 1 2 3 4 n01440764 5 6 7 8 \n"+
		"ILSVRC2012_val_00000001,n01443537 10 20 30 40 \n"+
		"ILSVRC2012_val_00000002,n01440764 0 0 9 9 \n"))
	d, err := NewImageNetVal(val, good, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := d.Classes(), []string{"n01440764", "n01443537"}; !slices.Equal(got, want) {
		t.Errorf("classes %q, want %q", got, want)
	}
	if got, want := d.Labels(), []int{1, 0, 0}; !slices.Equal(got, want) {
		t.Errorf("labels %v, want %v", got, want)
	}
	if s, err := d.Item(0); err != nil || string(s.Encoded) != "ILSVRC2012_val_00000001.JPEG" {
		t.Errorf("Item(0) = %q, %v", s.Encoded, err)
	}
	// Training classes fix the indices.
	d, err = NewImageNetVal(val, good, []string{"n00000000", "n01440764", "n01443537"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := d.Labels(), []int{2, 1, 1}; !slices.Equal(got, want) {
		t.Errorf("labels with training classes %v, want %v", got, want)
	}

	bad := []struct {
		name, csv string
		classes   []string
		want      []string
	}{
		{"missing image", "ImageId,PredictionString\nILSVRC2012_val_00000009,n01440764 1 2 3 4\n", nil, []string{":2:", "ILSVRC2012_val_00000009"}},
		{"unknown synset", "ImageId,PredictionString\nILSVRC2012_val_00000001,n09999999 1 2 3 4\n", []string{"n01440764"}, []string{":2:", "n09999999"}},
		{"bad header", "id,label\n", nil, []string{":1:", "header"}},
		{"duplicate", "ImageId,PredictionString\nILSVRC2012_val_00000001,n1 0\nILSVRC2012_val_00000001,n1 0\n", nil, []string{":3:", "line 2"}},
	}
	for _, c := range bad {
		t.Run(c.name, func(t *testing.T) {
			p := dsWrite(t, t.TempDir(), "sol.csv", []byte(c.csv))
			_, err := NewImageNetVal(val, p, c.classes)
			dsWantErr(t, err, append([]string{p}, c.want...)...)
		})
	}
}
