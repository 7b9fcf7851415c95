package data

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// UncertainPolicy says what a multi-label CSV manifest does with a -1
// ("uncertain", as CheXpert marks it) or blank ("not mentioned") cell. The
// names follow the CheXpert paper's U-Zeros, U-Ones and U-Ignore.
type UncertainPolicy int

const (
	// UncertainReject (the default) makes a -1 or blank cell a bad-label
	// error: every cell must be 0 or 1.
	UncertainReject UncertainPolicy = iota
	// UncertainZeros maps -1 to 0 (U-Zeros) and blank to 0.
	UncertainZeros
	// UncertainOnes maps -1 to 1 (U-Ones) and blank to 0.
	UncertainOnes
	// UncertainIgnore keeps -1 in Sample.Labels (U-Ignore: the loss must
	// mask targets below 0) and maps blank to 0.
	UncertainIgnore
)

// CSVOptions configures NewCSVManifest. The zero value reads a header row,
// image paths from the first column relative to the CSV's directory, and
// labels from every other column.
type CSVOptions struct {
	// Root is the directory relative paths are joined to; "" means the
	// CSV file's directory. Absolute paths are used as they are.
	Root string
	// PathColumn is the header name of the path column; "" means the
	// first column.
	PathColumn string
	// LabelColumns are the header names of the label columns, in the order
	// of Sample.Labels; nil means every column but the path column. Other
	// columns (CheXpert's Sex, Age, …) are ignored.
	LabelColumns []string
	// Labels: LabelAuto reads one label column as single-label and several
	// as multi-label; LabelMulti reads even one column as a 0/1 target;
	// LabelSingle requires one label column.
	Labels LabelMode
	// Classes, for single-label data, are the class names in index order
	// (e.g. the training manifest's Classes(), so a validation manifest
	// that lacks a class still numbers them alike); a label must be one of
	// them. Nil means: integers are class indices as they are if every
	// label is a non-negative integer, otherwise the distinct names sorted
	// are the classes.
	Classes []string
	// Uncertain is the policy for -1 and blank multi-label cells.
	Uncertain UncertainPolicy
}

// CSVManifest is a dataset of image files listed in a CSV file with a
// header row: path,label (one class per image, an integer or a class name)
// or path,label1,…,labelK (a 0/1 column per label; the header names are the
// label names). Every listed file is checked to exist at construction.
// Item reads the file and returns its bytes undecoded with Label (single-
// label) or Labels and Label -1 (multi-label).
type CSVManifest struct {
	samples []csvSample
	classes []string // single-label class names, or multi-label label names
	k       int      // labels per sample when multi-label, else 0
}

type csvSample struct {
	path   string
	label  int
	labels []float32
}

// maxMissingListed caps how many missing files one error lists.
const maxMissingListed = 5

// NewCSVManifest reads the manifest at csvPath. Errors name the CSV path and
// line: a row whose column count differs from the header's, a bad label
// (not an integer or known class, not 0/1 for multi-label, or -1/blank under
// UncertainReject), or a listed file that does not exist.
func NewCSVManifest(csvPath string, opts CSVOptions) (*CSVManifest, error) {
	records, err := readCSV(csvPath)
	if err != nil {
		return nil, fmt.Errorf("data: csv manifest: %w", err)
	}
	if len(records) == 0 {
		return nil, fmt.Errorf("data: %s: empty file, want a header row", csvPath)
	}
	header := records[0].fields
	for i := range header {
		header[i] = strings.TrimSpace(header[i])
	}
	pathCol, labelCols, err := csvColumns(header, opts)
	if err != nil {
		return nil, fmt.Errorf("data: %s:1: %w", csvPath, err)
	}
	multi := opts.Labels == LabelMulti || opts.Labels == LabelAuto && len(labelCols) > 1
	if opts.Labels == LabelSingle && len(labelCols) != 1 {
		return nil, fmt.Errorf("data: %s:1: single-label manifest wants one label column, header has %d", csvPath, len(labelCols))
	}
	root := opts.Root
	if root == "" {
		root = filepath.Dir(csvPath)
	}

	var rows [][]string
	var lines []int
	for _, rec := range records[1:] {
		if len(rec.fields) != len(header) {
			return nil, fmt.Errorf("data: %s:%d: %d columns, header has %d", csvPath, rec.line, len(rec.fields), len(header))
		}
		rows, lines = append(rows, rec.fields), append(lines, rec.line)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("data: %s: no rows after the header", csvPath)
	}

	d := &CSVManifest{samples: make([]csvSample, len(rows))}
	var missing []string
	for i, rec := range rows {
		p := strings.TrimSpace(rec[pathCol])
		if p == "" {
			return nil, fmt.Errorf("data: %s:%d: empty path", csvPath, lines[i])
		}
		if !filepath.IsAbs(p) {
			p = filepath.Join(root, p)
		}
		if _, err := os.Stat(p); err != nil {
			missing = append(missing, fmt.Sprintf("%s:%d: %v", csvPath, lines[i], err))
		}
		d.samples[i].path = p
	}
	if len(missing) > 0 {
		more := ""
		if len(missing) > maxMissingListed {
			more = fmt.Sprintf(" (and %d more missing files)", len(missing)-maxMissingListed)
			missing = missing[:maxMissingListed]
		}
		return nil, fmt.Errorf("data: %s%s", strings.Join(missing, "; "), more)
	}
	if multi {
		err = d.multiLabels(csvPath, header, rows, lines, labelCols, opts.Uncertain)
	} else {
		err = d.singleLabels(csvPath, rows, lines, labelCols[0], opts.Classes)
	}
	if err != nil {
		return nil, err
	}
	return d, nil
}

// csvColumns resolves the path column and the label columns by header name.
func csvColumns(header []string, opts CSVOptions) (int, []int, error) {
	find := func(name string) (int, error) {
		for i, h := range header {
			if h == name {
				return i, nil
			}
		}
		return 0, fmt.Errorf("no column %q in header %q", name, header)
	}
	pathCol := 0
	if opts.PathColumn != "" {
		var err error
		if pathCol, err = find(opts.PathColumn); err != nil {
			return 0, nil, err
		}
	}
	var labelCols []int
	if opts.LabelColumns == nil {
		for i := range header {
			if i != pathCol {
				labelCols = append(labelCols, i)
			}
		}
	}
	for _, name := range opts.LabelColumns {
		i, err := find(name)
		if err != nil {
			return 0, nil, err
		}
		labelCols = append(labelCols, i)
	}
	if len(labelCols) == 0 {
		return 0, nil, fmt.Errorf("no label column in header %q", header)
	}
	return pathCol, labelCols, nil
}

func (d *CSVManifest) singleLabels(csvPath string, rows [][]string, lines []int, col int, classes []string) error {
	vals := make([]string, len(rows))
	ints, firstWord := 0, -1
	for i, rec := range rows {
		vals[i] = strings.TrimSpace(rec[col])
		if vals[i] == "" {
			return fmt.Errorf("data: %s:%d: empty label", csvPath, lines[i])
		}
		if _, err := strconv.Atoi(vals[i]); err == nil {
			ints++
		} else if firstWord < 0 {
			firstWord = i
		}
	}
	allInts := classes == nil && ints == len(vals)
	// Mostly class indices with a stray word is a typo, not a set of class
	// names: naming the classes by sorting them as strings would renumber
	// every index silently ("10" < "2").
	if classes == nil && ints > 0 && firstWord >= 0 && ints >= len(vals)-ints {
		return fmt.Errorf("data: %s:%d: bad label %q: the other labels are class indices", csvPath, lines[firstWord], vals[firstWord])
	}
	if allInts {
		for i, v := range vals {
			n, _ := strconv.Atoi(v)
			if n < 0 {
				return fmt.Errorf("data: %s:%d: bad label %q: a class index must be >= 0", csvPath, lines[i], v)
			}
			d.samples[i].label = n
		}
		return nil
	}
	if classes == nil {
		seen := map[string]bool{}
		for _, v := range vals {
			if !seen[v] {
				seen[v] = true
				classes = append(classes, v)
			}
		}
		sort.Strings(classes)
	}
	d.classes = append([]string(nil), classes...)
	idx := make(map[string]int, len(classes))
	for i, c := range classes {
		idx[c] = i
	}
	for i, v := range vals {
		n, ok := idx[v]
		if !ok {
			return fmt.Errorf("data: %s:%d: bad label %q: not one of the %d classes", csvPath, lines[i], v, len(classes))
		}
		d.samples[i].label = n
	}
	return nil
}

func (d *CSVManifest) multiLabels(csvPath string, header []string, rows [][]string, lines []int, cols []int, policy UncertainPolicy) error {
	d.k = len(cols)
	for _, c := range cols {
		d.classes = append(d.classes, header[c])
	}
	for i, rec := range rows {
		t := make([]float32, len(cols))
		for j, c := range cols {
			v, err := parseTarget(strings.TrimSpace(rec[c]), policy)
			if err != nil {
				return fmt.Errorf("data: %s:%d: column %q: %w", csvPath, lines[i], header[c], err)
			}
			t[j] = v
		}
		d.samples[i].label, d.samples[i].labels = -1, t
	}
	return nil
}

// parseTarget reads one multi-label cell: 0 or 1 (any float spelling, 1.0),
// or -1 / blank handled by policy.
func parseTarget(s string, policy UncertainPolicy) (float32, error) {
	v := -2.0
	if s == "" {
		if policy != UncertainReject {
			return 0, nil
		}
	} else if f, err := strconv.ParseFloat(s, 64); err == nil {
		v = f
	}
	switch {
	case v == 0 || v == 1:
		return float32(v), nil
	case v == -1 && policy == UncertainZeros:
		return 0, nil
	case v == -1 && policy == UncertainOnes:
		return 1, nil
	case v == -1 && policy == UncertainIgnore:
		return -1, nil
	case v == -1 || s == "":
		return 0, fmt.Errorf("bad label %q: uncertain or blank, and no UncertainPolicy chosen", s)
	}
	return 0, fmt.Errorf("bad label %q: want 0 or 1", s)
}

// Len is the number of listed images.
func (d *CSVManifest) Len() int { return len(d.samples) }

// Item reads file i and returns its bytes and label(s).
func (d *CSVManifest) Item(i int) (Sample, error) {
	if i < 0 || i >= len(d.samples) {
		return Sample{}, fmt.Errorf("data: csv manifest: index %d out of range [0, %d)", i, len(d.samples))
	}
	s := d.samples[i]
	b, err := os.ReadFile(s.path)
	if err != nil {
		return Sample{}, fmt.Errorf("data: %w", err)
	}
	out := Sample{Path: s.path, Encoded: b, Label: s.label}
	if s.labels != nil {
		out.Labels = append([]float32(nil), s.labels...)
	}
	return out, nil
}

// Classes returns the class names in index order for single-label data
// (nil when the labels were integers and no Classes option was given), or
// the label names (the label columns' headers) for multi-label data.
func (d *CSVManifest) Classes() []string { return append([]string(nil), d.classes...) }

// NumLabels is K, the length of each sample's Labels, for multi-label data,
// and 0 for single-label data.
func (d *CSVManifest) NumLabels() int { return d.k }

// Labels returns a copy of every sample's class index, in index order: all
// -1 for multi-label data.
func (d *CSVManifest) Labels() []int {
	out := make([]int, len(d.samples))
	for i, s := range d.samples {
		out[i] = s.label
	}
	return out
}

// csvRecord is one non-blank row of a CSV file and its line number.
type csvRecord struct {
	fields []string
	line   int
}

// readCSV reads every non-blank row of a CSV file (rows may differ in
// length), with a leading UTF-8 byte-order mark removed. A malformed file
// is an error naming its path and line.
func readCSV(path string) ([]csvRecord, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	var out []csvRecord
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		line, _ := r.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // a blank line
		}
		if len(out) == 0 {
			rec[0] = strings.TrimPrefix(rec[0], "\ufeff")
		}
		out = append(out, csvRecord{fields: rec, line: line})
	}
	return out, nil
}
