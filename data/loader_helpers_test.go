package data

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	_ "image/png"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// memDataset serves synthetic images from memory: sample i is an h×w RGB
// image whose pixels depend on i, label i%classes, and (when k > 0) k
// multi-label targets. Indices in bad fail.
type memDataset struct {
	n, h, w, classes, k int
	bad                 map[int]bool
}

func (d *memDataset) Len() int { return d.n }

func (d *memDataset) Item(i int) (Sample, error) {
	path := fmt.Sprintf("mem/%05d.png", i)
	if d.bad[i] {
		return Sample{Path: path}, fmt.Errorf("%s: synthetic failure", path)
	}
	m := NewImage(d.h, d.w, 3)
	for j := range m.Pix {
		m.Pix[j] = uint8(i*31 + j*7 + j/(3*d.w))
	}
	s := Sample{Path: path, Image: m, Label: i % max(d.classes, 1)}
	if d.k > 0 {
		s.Label = -1
		s.Labels = make([]float32, d.k)
		for c := range s.Labels {
			s.Labels[c] = float32((i >> c) & 1)
		}
	}
	return s, nil
}

// testPipe is a small stand-in for the augmentation presets: it decodes an
// encoded sample with the standard library, then per view takes a random
// square crop, flips it with probability 1/2 and writes it nearest-neighbour
// scaled to size×size, CHW, scaled to [0, 1].
type testPipe struct {
	size, views int
}

func (p testPipe) Shapes() []Shape {
	s := make([]Shape, p.views)
	for i := range s {
		s[i] = Shape{C: 3, H: p.size, W: p.size}
	}
	return s
}

func (p testPipe) Process(s Sample, r *rand.Rand, dst [][]float32) error {
	m := s.Image
	if m == nil {
		var err error
		if m, err = decodeStd(s.Encoded); err != nil {
			return fmt.Errorf("%s: %w", s.Path, err)
		}
	}
	for v := range dst {
		side := min(m.H, m.W)
		side = side/2 + r.IntN(side-side/2+1)
		y0, x0 := r.IntN(m.H-side+1), r.IntN(m.W-side+1)
		flip := r.IntN(2) == 1
		plane := p.size * p.size
		for y := range p.size {
			sy := y0 + y*side/p.size
			for x := range p.size {
				sx := x0 + x*side/p.size
				if flip {
					sx = x0 + side - 1 - x*side/p.size
				}
				for c := range 3 {
					dst[v][c*plane+y*p.size+x] = float32(m.At(sy, sx, c%m.C)) / 255
				}
			}
		}
	}
	return nil
}

// decodeStd decodes a JPEG or PNG into an RGB Image with the standard library.
func decodeStd(b []byte) (*Image, error) {
	src, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	r := src.Bounds()
	m := NewImage(r.Dy(), r.Dx(), 3)
	for y := range m.H {
		for x := range m.W {
			c := color.RGBAModel.Convert(src.At(r.Min.X+x, r.Min.Y+y)).(color.RGBA)
			o := (y*m.W + x) * 3
			m.Pix[o], m.Pix[o+1], m.Pix[o+2] = c.R, c.G, c.B
		}
	}
	return m, nil
}

// syntheticJPEG encodes a w×h RGB image of smooth gradients plus Gaussian
// noise (σ 20), like a downscaled photograph, at the given quality.
func syntheticJPEG(w, h int, seed uint64, quality int) []byte {
	r := rand.New(rand.NewPCG(seed, 1))
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	fx, fy := 1+r.Float64()*3, 1+r.Float64()*3
	for y := range h {
		for x := range w {
			for c := range 3 {
				v := 128 + 90*math.Sin(fx*float64(x)/float64(w)*math.Pi+float64(c))*
					math.Cos(fy*float64(y)/float64(h)*math.Pi) + r.NormFloat64()*20
				m.Pix[y*m.Stride+x*4+c] = uint8(max(0, min(255, v)))
			}
			m.Pix[y*m.Stride+x*4+3] = 255
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, m, &jpeg.Options{Quality: quality}); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// writeTree writes n synthetic w×h JPEGs into classes folders under dir,
// an ImageFolder tree.
func writeTree(t testing.TB, dir string, classes, n, w, h int) {
	t.Helper()
	for c := range classes {
		if err := os.MkdirAll(filepath.Join(dir, fmt.Sprintf("class%02d", c)), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for i := range n {
		c := i % classes
		p := filepath.Join(dir, fmt.Sprintf("class%02d", c), fmt.Sprintf("img%04d.jpg", i))
		if err := os.WriteFile(p, syntheticJPEG(w, h, uint64(i), 90), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// batchDigest hashes everything a batch carries.
func batchDigest(b *Batch) [32]byte {
	h := sha256.New()
	fmt.Fprintf(h, "%d/%d/%d/%d/%d|", b.Epoch, b.Index, b.N, b.K, b.Skipped)
	for _, v := range b.Views {
		binary.Write(h, binary.LittleEndian, v)
	}
	binary.Write(h, binary.LittleEndian, b.Labels)
	binary.Write(h, binary.LittleEndian, b.Targets)
	for _, i := range b.Indices {
		binary.Write(h, binary.LittleEndian, int64(i))
	}
	var out [32]byte
	copy(out[:], h.Sum(nil))
	return out
}

// drain runs a loader to its end (or limit batches, if > 0) and returns the
// digest of every batch.
func drain(t testing.TB, l *Loader, limit int) [][32]byte {
	t.Helper()
	var out [][32]byte
	for (limit <= 0 || len(out) < limit) && l.Next() {
		out = append(out, batchDigest(l.Batch()))
	}
	if err := l.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
