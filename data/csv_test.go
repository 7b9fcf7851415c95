package data

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// csvImages creates the image files the manifests below list.
func csvImages(t *testing.T, root string) {
	for _, f := range []string{"a.png", "b.png", "c.png", "sub/d.jpg"} {
		dsWrite(t, root, "imgs/"+f, []byte("bytes of "+f))
	}
}

func TestCSVManifest(t *testing.T) {
	cases := []struct {
		name    string
		csv     string
		opts    CSVOptions
		labels  []int
		targets [][]float32
		classes []string
	}{
		{"integer labels", "path,label\nimgs/a.png,2\nimgs/b.png,0\nimgs/sub/d.jpg,7\n",
			CSVOptions{}, []int{2, 0, 7}, nil, nil},
		{"class names sorted", "path,label\nimgs/a.png,dog\nimgs/b.png,Cat\nimgs/c.png,dog\nimgs/sub/d.jpg,3\n",
			CSVOptions{}, []int{2, 1, 2, 0}, nil, []string{"3", "Cat", "dog"}},
		{"given classes", "file,diagnosis\nimgs/a.png,benign\nimgs/b.png,benign\n",
			CSVOptions{Classes: []string{"malignant", "benign"}}, []int{1, 1}, nil, []string{"malignant", "benign"}},
		{"spaces, BOM, quotes, blank line", "\ufeff path , label \n\" imgs/a.png \", 1 \n\nimgs/b.png,0\n",
			CSVOptions{}, []int{1, 0}, nil, nil},
		{"multi-label", "path,Edema,Effusion,Mass\nimgs/a.png,1,0,0\nimgs/b.png,0.0,1.0,1\n",
			CSVOptions{}, []int{-1, -1}, [][]float32{{1, 0, 0}, {0, 1, 1}}, []string{"Edema", "Effusion", "Mass"}},
		{"one column forced multi", "path,positive\nimgs/a.png,1\nimgs/b.png,0\n",
			CSVOptions{Labels: LabelMulti}, []int{-1, -1}, [][]float32{{1}, {0}}, []string{"positive"}},
		{"chexpert columns, U-Zeros", "Path,Sex,Age,Edema,Mass\nimgs/a.png,F,50,-1.0,\nimgs/b.png,M,61,1.0,0.0\n",
			CSVOptions{PathColumn: "Path", LabelColumns: []string{"Mass", "Edema"}, Uncertain: UncertainZeros},
			[]int{-1, -1}, [][]float32{{0, 0}, {0, 1}}, []string{"Mass", "Edema"}},
		{"U-Ones", "path,A,B\nimgs/a.png,-1,\nimgs/b.png,1,0\n",
			CSVOptions{Uncertain: UncertainOnes}, []int{-1, -1}, [][]float32{{1, 0}, {1, 0}}, []string{"A", "B"}},
		{"U-Ignore keeps -1", "path,A,B\nimgs/a.png,-1,\nimgs/b.png,1,0\n",
			CSVOptions{Uncertain: UncertainIgnore}, []int{-1, -1}, [][]float32{{-1, 0}, {1, 0}}, []string{"A", "B"}},
		{"label column first", "label,path\n1,imgs/a.png\n", CSVOptions{PathColumn: "path"}, []int{1}, nil, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			csvImages(t, dir)
			p := dsWrite(t, dir, "m.csv", []byte(c.csv))
			d, err := NewCSVManifest(p, c.opts)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(d.Labels(), c.labels) || !slices.Equal(d.Classes(), c.classes) {
				t.Errorf("labels %v classes %q, want %v %q", d.Labels(), d.Classes(), c.labels, c.classes)
			}
			if want := len(c.targets) > 0; want != (d.NumLabels() > 0) {
				t.Errorf("NumLabels %d", d.NumLabels())
			}
			for i := 0; i < d.Len(); i++ {
				s, err := d.Item(i)
				if err != nil {
					t.Fatal(err)
				}
				if !strings.HasPrefix(string(s.Encoded), "bytes of ") || !strings.HasSuffix(s.Path, strings.TrimPrefix(string(s.Encoded), "bytes of ")) {
					t.Errorf("Item(%d): path %s holds %q", i, s.Path, s.Encoded)
				}
				if s.Label != c.labels[i] {
					t.Errorf("Item(%d).Label = %d, want %d", i, s.Label, c.labels[i])
				}
				if c.targets != nil && !slices.Equal(s.Labels, c.targets[i]) || c.targets == nil && s.Labels != nil {
					t.Errorf("Item(%d).Labels = %v, want %v", i, s.Labels, c.targets)
				}
			}
		})
	}
}

func TestCSVManifestRoot(t *testing.T) {
	dir := t.TempDir()
	csvImages(t, dir)
	abs := filepath.Join(dir, "imgs", "c.png")
	p := dsWrite(t, t.TempDir(), "elsewhere.csv", []byte("path,label\na.png,0\n"+abs+",1\n"))
	d, err := NewCSVManifest(p, CSVOptions{Root: filepath.Join(dir, "imgs")})
	if err != nil {
		t.Fatal(err)
	}
	if s, _ := d.Item(0); s.Path != filepath.Join(dir, "imgs", "a.png") {
		t.Errorf("relative path resolved to %s", s.Path)
	}
	if s, _ := d.Item(1); s.Path != abs {
		t.Errorf("absolute path resolved to %s", s.Path)
	}
}

func TestCSVManifestErrors(t *testing.T) {
	cases := []struct {
		name string
		csv  string
		opts CSVOptions
		want []string
	}{
		{"missing file", "path,label\nimgs/a.png,0\nimgs/nope.png,1\nimgs/b.png,0\n", CSVOptions{}, []string{"m.csv:3:", "nope.png", "no such file"}},
		{"many missing files", "path,label\n" + strings.Repeat("x.png,0\n", 8), CSVOptions{}, []string{"m.csv:2:", "m.csv:6:", "and 3 more missing files"}},
		{"negative label", "path,label\nimgs/a.png,1\nimgs/b.png,-1\n", CSVOptions{}, []string{"m.csv:3:", `bad label "-1"`}},
		{"empty label", "path,label\nimgs/a.png,\n", CSVOptions{}, []string{"m.csv:2:", "empty label"}},
		{"stray word among indices", "path,label\nimgs/a.png,2\nimgs/b.png,10\nimgs/a.png,l\n", CSVOptions{}, []string{"m.csv:4:", `bad label "l"`, "class indices"}},
		{"unknown class", "path,label\nimgs/a.png,cat\nimgs/b.png,cow\n", CSVOptions{Classes: []string{"cat", "dog"}}, []string{"m.csv:3:", `bad label "cow"`}},
		{"multi-label value", "path,A,B\nimgs/a.png,1,0\nimgs/b.png,0,2\n", CSVOptions{}, []string{"m.csv:3:", `column "B"`, `bad label "2"`}},
		{"multi-label word", "path,A,B\nimgs/a.png,yes,0\n", CSVOptions{}, []string{"m.csv:2:", `column "A"`, `bad label "yes"`}},
		{"uncertain without policy", "path,A,B\nimgs/a.png,1,-1\n", CSVOptions{}, []string{"m.csv:2:", `column "B"`, "uncertain"}},
		{"blank without policy", "path,A,B\nimgs/a.png,,1\n", CSVOptions{}, []string{"m.csv:2:", `column "A"`, "blank"}},
		{"too few columns", "path,A,B\nimgs/a.png,1,0\nimgs/b.png,1\n", CSVOptions{}, []string{"m.csv:3:", "2 columns, header has 3"}},
		{"too many columns", "path,label\nimgs/a.png,1,0\n", CSVOptions{}, []string{"m.csv:2:", "3 columns, header has 2"}},
		{"empty path", "path,label\n,1\n", CSVOptions{}, []string{"m.csv:2:", "empty path"}},
		{"no rows", "path,label\n", CSVOptions{}, []string{"m.csv", "no rows"}},
		{"empty file", "", CSVOptions{}, []string{"m.csv", "header"}},
		{"no label column", "path\nimgs/a.png\n", CSVOptions{}, []string{"m.csv:1:", "no label column"}},
		{"unknown column", "path,label\nimgs/a.png,1\n", CSVOptions{LabelColumns: []string{"Edema"}}, []string{"m.csv:1:", `no column "Edema"`}},
		{"single with two columns", "path,A,B\nimgs/a.png,1,0\n", CSVOptions{Labels: LabelSingle}, []string{"m.csv:1:", "one label column"}},
		{"bad quoting", "path,label\n\"imgs/a.png,1\n", CSVOptions{}, []string{"m.csv", "quote"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			csvImages(t, dir)
			p := dsWrite(t, dir, "m.csv", []byte(c.csv))
			_, err := NewCSVManifest(p, c.opts)
			dsWantErr(t, err, append([]string{p}, c.want...)...)
		})
	}
	t.Run("missing csv", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "none.csv")
		_, err := NewCSVManifest(p, CSVOptions{})
		dsWantErr(t, err, p, "no such file")
	})
}
