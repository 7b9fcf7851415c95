package data

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// A minimal reader for NumPy's .npz (a zip of .npy files, as np.savez writes
// them stored and np.savez_compressed deflated) covering what datasets need:
// C-order arrays of integer, bool or float elements. The .npy format is
// NumPy's NEP 1: "\x93NUMPY", major and minor version bytes, the header
// length (u16le in version 1, u32le in 2 and 3), then a Python dict literal
// {'descr': '<u1', 'fortran_order': False, 'shape': (N, H, W), } padded with
// spaces and ended by '\n', then the raw elements.

// npzFile is an open .npz archive.
type npzFile struct {
	path string
	f    *os.File
	size int64 // of the file
	zr   *zip.Reader
}

// npyArray is one array of an npzFile; its data has not been read yet.
type npyArray struct {
	z     *npzFile
	name  string // without ".npy"
	entry *zip.File
	descr string // NumPy type string, e.g. "|u1" or "<i8"
	shape []int
	hdr   int64 // bytes before the data: magic, version, length, header
}

func openNPZ(path string) (*npzFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("data: %w", err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("data: %w", err)
	}
	zr, err := zip.NewReader(f, fi.Size())
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("data: %s: not an npz (zip) file: %w", path, err)
	}
	return &npzFile{path: path, f: f, size: fi.Size(), zr: zr}, nil
}

func (z *npzFile) close() error { return z.f.Close() }

// names lists the arrays in the archive, sorted.
func (z *npzFile) names() []string {
	var out []string
	for _, e := range z.zr.File {
		out = append(out, strings.TrimSuffix(e.Name, ".npy"))
	}
	sort.Strings(out)
	return out
}

var (
	npyDescr   = regexp.MustCompile(`'descr'\s*:\s*'([^']*)'`)
	npyFortran = regexp.MustCompile(`'fortran_order'\s*:\s*(True|False)`)
	npyShape   = regexp.MustCompile(`'shape'\s*:\s*\(([^)]*)\)`)
)

// array finds name.npy in the archive and parses its header.
func (z *npzFile) array(name string) (*npyArray, error) {
	var entry *zip.File
	for _, e := range z.zr.File {
		if e.Name == name+".npy" || e.Name == name {
			entry = e
			break
		}
	}
	if entry == nil {
		return nil, fmt.Errorf("data: %s: no array %q (has %s)", z.path, name, strings.Join(z.names(), ", "))
	}
	rc, err := entry.Open()
	if err != nil {
		return nil, fmt.Errorf("data: %s[%s]: %w", z.path, name, err)
	}
	defer rc.Close()
	a := &npyArray{z: z, name: name, entry: entry}
	if err := a.parseHeader(rc); err != nil {
		return nil, fmt.Errorf("data: %s[%s]: %w", z.path, name, err)
	}
	return a, nil
}

func (a *npyArray) parseHeader(r io.Reader) error {
	var pre [10]byte
	if _, err := io.ReadFull(r, pre[:8]); err != nil {
		return fmt.Errorf("truncated npy header: %w", err)
	}
	if string(pre[:6]) != "\x93NUMPY" {
		return fmt.Errorf("not an npy array (bad magic %q)", pre[:6])
	}
	var n int
	switch pre[6] {
	case 1:
		if _, err := io.ReadFull(r, pre[8:10]); err != nil {
			return fmt.Errorf("truncated npy header: %w", err)
		}
		n, a.hdr = int(binary.LittleEndian.Uint16(pre[8:10])), 10
	case 2, 3:
		var l [4]byte
		if _, err := io.ReadFull(r, l[:]); err != nil {
			return fmt.Errorf("truncated npy header: %w", err)
		}
		n, a.hdr = int(binary.LittleEndian.Uint32(l[:])), 12
		if n > 1<<20 {
			return fmt.Errorf("npy header of %d bytes is implausible", n)
		}
	default:
		return fmt.Errorf("unsupported npy version %d.%d", pre[6], pre[7])
	}
	h := make([]byte, n)
	if _, err := io.ReadFull(r, h); err != nil {
		return fmt.Errorf("truncated npy header: %w", err)
	}
	a.hdr += int64(n)
	m := npyDescr.FindSubmatch(h)
	if m == nil {
		return fmt.Errorf("unsupported npy dtype in header %q", bytes.TrimSpace(h))
	}
	a.descr = string(m[1])
	if m := npyFortran.FindSubmatch(h); m == nil || string(m[1]) == "True" {
		return fmt.Errorf("fortran-order or unreadable npy header %q (want C order)", bytes.TrimSpace(h))
	}
	m = npyShape.FindSubmatch(h)
	if m == nil {
		return fmt.Errorf("no shape in npy header %q", bytes.TrimSpace(h))
	}
	for _, f := range strings.Split(string(m[1]), ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		d, err := strconv.Atoi(strings.TrimSuffix(f, "L"))
		if err != nil || d < 0 {
			return fmt.Errorf("bad npy shape %q", m[1])
		}
		a.shape = append(a.shape, d)
	}
	return nil
}

// elemSize is the byte size of one element, 0 for an unsupported descr.
func (a *npyArray) elemSize() int {
	d := a.descr
	if len(d) != 3 || !strings.ContainsRune("|<>=", rune(d[0])) || !strings.ContainsRune("iubf", rune(d[1])) {
		return 0
	}
	n := int(d[2] - '0')
	switch {
	case d[1] == 'b' && n == 1, (d[1] == 'i' || d[1] == 'u') && (n == 1 || n == 2 || n == 4 || n == 8),
		d[1] == 'f' && (n == 4 || n == 8):
		return n
	}
	return 0
}

// count is the number of elements, or -1 if it overflows.
func (a *npyArray) count() int64 {
	n := int64(1)
	for _, d := range a.shape {
		if d != 0 && n > math.MaxInt64/int64(d) {
			return -1
		}
		n *= int64(d)
	}
	return n
}

// stored reports whether the array's bytes lie uncompressed in the file, and
// where: then they can be read in place with ReadAt. An entry whose claimed
// size runs past the end of the file is not; readAll then reports it.
func (a *npyArray) stored() (int64, bool) {
	if a.entry.Method != zip.Store {
		return 0, false
	}
	off, err := a.entry.DataOffset()
	size := a.count() * int64(a.elemSize())
	if err != nil || size < 0 || int64(a.entry.UncompressedSize64) != a.hdr+size || off < 0 || a.hdr+size > a.z.size-off {
		return 0, false
	}
	return off + a.hdr, true
}

// readAll reads the array's raw bytes, checking the entry's length and (by
// reading to its end) its CRC.
func (a *npyArray) readAll() ([]byte, error) {
	size := a.count() * int64(a.elemSize())
	if size < 0 || size > int64(a.entry.UncompressedSize64) {
		return nil, fmt.Errorf("data: %s[%s]: truncated: shape %v of %s needs %d bytes, entry holds %d",
			a.z.path, a.name, a.shape, a.descr, size, int64(a.entry.UncompressedSize64)-a.hdr)
	}
	rc, err := a.entry.Open()
	if err != nil {
		return nil, fmt.Errorf("data: %s[%s]: %w", a.z.path, a.name, err)
	}
	defer rc.Close()
	if _, err := io.CopyN(io.Discard, rc, a.hdr); err != nil {
		return nil, fmt.Errorf("data: %s[%s]: %w", a.z.path, a.name, err)
	}
	// The sizes are the archive's claims: allocate no more than the entry's
	// compressed bytes (bounded by the file) could plausibly inflate to, and
	// grow only as data arrives.
	hint := min(int64(a.entry.CompressedSize64), a.z.size)
	if a.entry.Method != zip.Store {
		hint *= inflateHint
	}
	buf, err := readClaimed(rc, size, hint)
	if err != nil {
		return nil, fmt.Errorf("data: %s[%s]: truncated data: %d of %d bytes (shape %v of %s): %w",
			a.z.path, a.name, len(buf), size, a.shape, a.descr, err)
	}
	var one [1]byte
	if n, err := io.ReadFull(rc, one[:]); n > 0 {
		return nil, fmt.Errorf("data: %s[%s]: trailing bytes after shape %v of %s", a.z.path, a.name, a.shape, a.descr)
	} else if err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("data: %s[%s]: %w", a.z.path, a.name, err)
	}
	return buf, nil
}

// values reads a numeric array as float64s (exact for the label values a
// dataset holds).
func (a *npyArray) values() ([]float64, error) {
	es := a.elemSize()
	if es == 0 {
		return nil, fmt.Errorf("data: %s[%s]: unsupported dtype %q (want integer, bool or float)", a.z.path, a.name, a.descr)
	}
	b, err := a.readAll()
	if err != nil {
		return nil, err
	}
	var bo binary.ByteOrder = binary.LittleEndian
	if a.descr[0] == '>' {
		bo = binary.BigEndian
	}
	out := make([]float64, len(b)/es)
	for i := range out {
		e := b[i*es : (i+1)*es]
		switch a.descr[1:] {
		case "b1", "u1":
			out[i] = float64(e[0])
		case "i1":
			out[i] = float64(int8(e[0]))
		case "u2":
			out[i] = float64(bo.Uint16(e))
		case "i2":
			out[i] = float64(int16(bo.Uint16(e)))
		case "u4":
			out[i] = float64(bo.Uint32(e))
		case "i4":
			out[i] = float64(int32(bo.Uint32(e)))
		case "u8":
			out[i] = float64(bo.Uint64(e))
		case "i8":
			out[i] = float64(int64(bo.Uint64(e)))
		case "f4":
			out[i] = float64(math.Float32frombits(bo.Uint32(e)))
		case "f8":
			out[i] = math.Float64frombits(bo.Uint64(e))
		}
	}
	return out, nil
}

// inflateHint is how many times its compressed size a deflated or gzip'd
// payload is first given room for (MNIST's images inflate 4.8×, Fashion-
// MNIST's 1.8×); a larger one grows its buffer as it arrives.
const inflateHint = 8

// readClaimed reads exactly want bytes from r, where want is what a file's
// header claims, so that a small hostile file cannot make it allocate
// gigabytes: the buffer starts at min(want, hint) bytes (hint should be
// bounded by the real input's size) and grows, at most doubling, only as
// data actually arrives. Like io.ReadFull it returns the bytes read and
// io.ErrUnexpectedEOF (or r's error) if there were fewer than want; it does
// not read past want.
func readClaimed(r io.Reader, want, hint int64) ([]byte, error) {
	buf := make([]byte, 0, max(min(want, hint), min(want, 4096), 0))
	for int64(len(buf)) < want {
		if len(buf) == cap(buf) {
			grown := make([]byte, len(buf), min(want, 2*int64(cap(buf))))
			copy(grown, buf)
			buf = grown
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err != nil && int64(len(buf)) < want {
			if errors.Is(err, io.EOF) {
				err = io.ErrUnexpectedEOF
			}
			return buf, err
		}
	}
	return buf, nil
}
