package data

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// ImageExtensions are the file extensions ImageFolder accepts, compared
// case-insensitively: torchvision's IMG_EXTENSIONS. It is read, never
// modified, by the package.
var ImageExtensions = []string{".jpg", ".jpeg", ".png", ".ppm", ".bmp", ".pgm", ".tif", ".tiff", ".webp"}

// ImageFolder is a dataset of image files laid out root/<class>/<image>, as
// torchvision.datasets.ImageFolder reads it: the classes are the sorted
// names of root's subdirectories (symbolic links to directories included,
// hidden ones too), numbered 0, 1, … in that order; each class's files are
// collected from its directory tree, subdirectories followed (symbolic links
// too), directories visited in sorted path order and files sorted within
// each, keeping those whose name ends in one of ImageExtensions. The sample
// list (paths and class indices, in order) equals torchvision's.
//
// Item reads the file and returns its bytes undecoded. ImageNet's train/ is
// an ImageFolder; so is val/ once its 50,000 images are moved into one
// folder per synset (the usual valprep.sh step), or see NewImageNetVal for a
// flat val/ folder.
type ImageFolder struct {
	// ClassToIdx maps each class name to its index. It must not be
	// modified.
	ClassToIdx map[string]int
	classes    []string
	samples    []fileSample
}

// fileSample is one file and its class.
type fileSample struct {
	path  string
	label int
}

// NewImageFolder scans root. It is an error if root is missing or not a
// directory, has no class subdirectories, or if any class directory holds
// no file with a supported extension (torchvision's "Found no valid file
// for the classes …"); the error names every such class.
func NewImageFolder(root string) (*ImageFolder, error) {
	fi, err := os.Stat(root)
	if err != nil {
		return nil, fmt.Errorf("data: image folder: %w", err)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("data: image folder %s is not a directory", root)
	}
	entries, err := os.ReadDir(root)
	if err != nil {
		return nil, fmt.Errorf("data: image folder: %w", err)
	}
	d := &ImageFolder{ClassToIdx: map[string]int{}}
	for _, e := range entries { // os.ReadDir sorts by name
		if isDirFollow(filepath.Join(root, e.Name()), e) {
			d.ClassToIdx[e.Name()] = len(d.classes)
			d.classes = append(d.classes, e.Name())
		}
	}
	if len(d.classes) == 0 {
		return nil, fmt.Errorf("data: image folder %s has no class subdirectories", root)
	}
	var empty []string
	for idx, class := range d.classes {
		n := len(d.samples)
		dirs := walkDirs(filepath.Join(root, class), nil)
		sort.Slice(dirs, func(i, j int) bool { return dirs[i].path < dirs[j].path })
		for _, dir := range dirs {
			for _, f := range dir.files {
				if hasImageExtension(f) {
					d.samples = append(d.samples, fileSample{path: filepath.Join(dir.path, f), label: idx})
				}
			}
		}
		if len(d.samples) == n {
			empty = append(empty, filepath.Join(root, class))
		}
	}
	if len(empty) > 0 {
		return nil, fmt.Errorf("data: image folder %s: no valid image file in class folder(s) %s (supported extensions: %s)",
			root, strings.Join(empty, ", "), strings.Join(ImageExtensions, ", "))
	}
	return d, nil
}

// walkedDir is one directory of a walk and the names of its non-directory
// entries, sorted.
type walkedDir struct {
	path  string
	files []string
}

// walkDirs lists dir and every directory below it as os.walk(dir,
// followlinks=True) yields them: entries that are directories, or symbolic
// links to directories, are descended into; everything else (files, broken
// links) is a file. A directory that cannot be read is skipped, as os.walk
// skips it. Unlike os.walk, a link back to a directory already on the
// current path is not followed, so a cycle of links ends.
func walkDirs(dir string, ancestors []os.FileInfo) []walkedDir {
	fi, err := os.Stat(dir)
	if err != nil {
		return nil
	}
	for _, a := range ancestors {
		if os.SameFile(a, fi) {
			return nil
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	out := []walkedDir{{path: dir}}
	var sub []string
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		if isDirFollow(p, e) {
			sub = append(sub, p)
		} else {
			out[0].files = append(out[0].files, e.Name())
		}
	}
	ancestors = append(ancestors, fi)
	for _, p := range sub {
		out = append(out, walkDirs(p, ancestors)...)
	}
	return out
}

// isDirFollow reports whether entry e at path p is a directory, following a
// symbolic link (os.DirEntry.is_dir() in Python).
func isDirFollow(p string, e os.DirEntry) bool {
	if e.IsDir() {
		return true
	}
	if e.Type()&os.ModeSymlink == 0 {
		return false
	}
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

// hasImageExtension reports whether name ends in one of ImageExtensions,
// ignoring case.
func hasImageExtension(name string) bool {
	lower := strings.ToLower(name)
	for _, ext := range ImageExtensions {
		if strings.HasSuffix(lower, ext) {
			return true
		}
	}
	return false
}

// Len is the number of image files.
func (d *ImageFolder) Len() int { return len(d.samples) }

// Item reads file i and returns its bytes and class index.
func (d *ImageFolder) Item(i int) (Sample, error) {
	if i < 0 || i >= len(d.samples) {
		return Sample{}, fmt.Errorf("data: image folder: index %d out of range [0, %d)", i, len(d.samples))
	}
	s := d.samples[i]
	b, err := os.ReadFile(s.path)
	if err != nil {
		return Sample{}, fmt.Errorf("data: %w", err)
	}
	return Sample{Path: s.path, Encoded: b, Label: s.label}, nil
}

// Classes returns the class names in index order.
func (d *ImageFolder) Classes() []string { return append([]string(nil), d.classes...) }

// Path returns the path of file i.
func (d *ImageFolder) Path(i int) string { return d.samples[i].path }

// Labels returns a copy of every sample's class index, in index order.
func (d *ImageFolder) Labels() []int {
	out := make([]int, len(d.samples))
	for i, s := range d.samples {
		out[i] = s.label
	}
	return out
}
