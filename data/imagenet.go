package data

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// NewImageNetVal reads ImageNet's validation set kept flat, every image in
// valDir itself (ILSVRC2012_val_00000001.JPEG, …), labelled by a
// LOC_val_solution.csv-style file: a header row ImageId,PredictionString,
// then one row per image whose PredictionString begins with the image's
// synset ("ILSVRC2012_val_00008726,n02119789 255 142 454 329 …"). An ImageId
// matches the file in valDir with that name less its extension.
//
// classes are the class names in index order: pass the training
// ImageFolder's Classes() so that validation indices agree with training;
// nil numbers the CSV's synsets in sorted order (the same, when every class
// occurs). Samples are in file-name order. A row naming a missing image or
// a synset outside classes is an error naming the CSV line.
//
// For a val/ already reorganised into one folder per synset, use
// NewImageFolder. The devkit's ILSVRC2012_validation_ground_truth.txt is not
// read: its indices need the devkit's meta.mat to map to synsets; convert it
// to a CSV manifest or to folders instead.
func NewImageNetVal(valDir, solutionCSV string, classes []string) (*ImageFolder, error) {
	entries, err := os.ReadDir(valDir)
	if err != nil {
		return nil, fmt.Errorf("data: imagenet val: %w", err)
	}
	byID := map[string]string{}
	for _, e := range entries {
		if !e.IsDir() && hasImageExtension(e.Name()) {
			byID[strings.TrimSuffix(e.Name(), filepath.Ext(e.Name()))] = e.Name()
		}
	}
	records, err := readCSV(solutionCSV)
	if err != nil {
		return nil, fmt.Errorf("data: imagenet val: %w", err)
	}
	if len(records) == 0 || len(records[0].fields) < 2 || records[0].fields[0] != "ImageId" {
		line, rec := 1, []string(nil)
		if len(records) > 0 {
			line, rec = records[0].line, records[0].fields
		}
		return nil, fmt.Errorf("data: %s:%d: header %q, want ImageId,PredictionString", solutionCSV, line, rec)
	}
	type row struct {
		file, synset string
		line         int
	}
	var rows []row
	seenID := map[string]int{}
	for _, r := range records[1:] {
		rec, line := r.fields, r.line
		pred := strings.Fields(strings.Join(rec[1:], " "))
		if len(rec) < 2 || len(pred) == 0 {
			return nil, fmt.Errorf("data: %s:%d: no synset in %q", solutionCSV, line, rec)
		}
		id := strings.TrimSpace(rec[0])
		file, ok := byID[id]
		if !ok {
			return nil, fmt.Errorf("data: %s:%d: no image %s.* in %s", solutionCSV, line, id, valDir)
		}
		if prev, dup := seenID[id]; dup {
			return nil, fmt.Errorf("data: %s:%d: image %s already listed on line %d", solutionCSV, line, id, prev)
		}
		seenID[id] = line
		rows = append(rows, row{file: file, synset: pred[0], line: line})
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("data: %s: no rows", solutionCSV)
	}
	if classes == nil {
		seen := map[string]bool{}
		for _, r := range rows {
			if !seen[r.synset] {
				seen[r.synset] = true
				classes = append(classes, r.synset)
			}
		}
		sort.Strings(classes)
	}
	d := &ImageFolder{ClassToIdx: map[string]int{}, classes: append([]string(nil), classes...)}
	for i, c := range d.classes {
		d.ClassToIdx[c] = i
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].file < rows[j].file })
	for _, r := range rows {
		idx, ok := d.ClassToIdx[r.synset]
		if !ok {
			return nil, fmt.Errorf("data: %s:%d: synset %q is not one of the %d classes", solutionCSV, r.line, r.synset, len(d.classes))
		}
		d.samples = append(d.samples, fileSample{path: filepath.Join(valDir, r.file), label: idx})
	}
	return d, nil
}
