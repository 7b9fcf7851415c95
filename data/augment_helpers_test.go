package data

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"image"
	"image/color"
	stdjpeg "image/jpeg"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/selfsup/selfsup/internal/pyoracle"
)

// augOracle writes request as DIR/request.json, runs
// third_party/pytorch/oracle_augment.py CMD DIR with Debian's
// /usr/bin/python3 and decodes DIR/results.json into result. A missing
// interpreter or module fails the test: the oracle is required.
func augOracle(t testing.TB, cmd, dir string, request, result any) {
	t.Helper()
	python := pyoracle.Python()
	if _, err := os.Stat(python); err != nil {
		t.Fatalf("the PyTorch oracle needs %s (Debian python3-torch, python3-torchvision, python3-scipy): %v", python, err)
	}
	script, err := filepath.Abs(filepath.Join("..", "third_party", "pytorch", "oracle_augment.py"))
	if err != nil {
		t.Fatal(err)
	}
	req, err := json.Marshal(request)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "request.json"), req, 0o644); err != nil {
		t.Fatal(err)
	}
	c := exec.Command(python, script, cmd, dir)
	var stderr bytes.Buffer
	c.Stderr = &stderr
	if err := c.Run(); err != nil {
		t.Fatalf("oracle_augment.py %s failed (torch, torchvision, PIL, numpy and scipy must be importable by %s): %v\n%s",
			cmd, python, err, stderr.String())
	}
	b, err := os.ReadFile(filepath.Join(dir, "results.json"))
	if err != nil {
		t.Fatalf("oracle_augment.py %s wrote no results: %v", cmd, err)
	}
	if err := json.Unmarshal(b, result); err != nil {
		t.Fatalf("oracle_augment.py %s: bad results.json: %v", cmd, err)
	}
}

// augScene draws a deterministic "natural-ish" h×w RGB image: smooth
// colour gradients, a few saturated discs and hard edges, and sensor-like
// noise. Encoded as JPEG and decoded again it also carries JPEG artifacts.
func augScene(h, w int, seed uint64) *image.RGBA {
	r := rand.New(rand.NewPCG(seed, 7))
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	type disc struct {
		cx, cy, rad float64
		col         [3]float64
	}
	var discs []disc
	for range 6 {
		discs = append(discs, disc{r.Float64() * float64(w), r.Float64() * float64(h),
			(0.05 + 0.2*r.Float64()) * float64(min(h, w)),
			[3]float64{255 * r.Float64(), 255 * r.Float64(), 255 * r.Float64()}})
	}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			fx, fy := float64(x)/float64(w), float64(y)/float64(h)
			v := [3]float64{
				40 + 180*fx + 20*math.Sin(9*fy),
				60 + 120*fy + 30*math.Cos(7*fx+3*fy),
				200 - 150*fx*fy,
			}
			if (x/17+y/23)%5 == 0 {
				v = [3]float64{230, 230, 225} // hard-edged light patches
			}
			for _, d := range discs {
				if math.Hypot(float64(x)-d.cx, float64(y)-d.cy) < d.rad {
					v = d.col
				}
			}
			var px [3]uint8
			for c := range v {
				px[c] = uint8(min(max(v[c]+12*r.NormFloat64(), 0), 255))
			}
			m.SetRGBA(x, y, color.RGBA{px[0], px[1], px[2], 255})
		}
	}
	return m
}

// augJPEG encodes augScene(h, w, seed) as a JPEG with Go's encoder.
func augJPEG(t testing.TB, h, w int, seed uint64, quality int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := stdjpeg.Encode(&buf, augScene(h, w, seed), &stdjpeg.Options{Quality: quality}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// augNatural returns augJPEG decoded by Decode: natural-ish pixels that
// both Go and the oracle then start from.
func augNatural(t testing.TB, h, w int, seed uint64) *Image {
	t.Helper()
	img, err := Decode(Sample{Path: "scene.jpg", Encoded: augJPEG(t, h, w, seed, 90)}, DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// augEdgeColours returns an RGB image whose pixels cover the HSV edge
// cases: every combination of a few levels per channel (greys, pure and
// tied primaries, near-black, near-white), then random colours.
func augEdgeColours(seed uint64) *Image {
	levels := []uint8{0, 1, 2, 63, 127, 128, 129, 200, 254, 255}
	r := rand.New(rand.NewPCG(seed, 3))
	img := NewImage(40, 40, 3)
	i := 0
	for _, a := range levels {
		for _, b := range levels {
			for _, c := range levels {
				img.Pix[3*i], img.Pix[3*i+1], img.Pix[3*i+2] = a, b, c
				i++
			}
		}
	}
	for ; i < 40*40; i++ {
		img.Pix[3*i], img.Pix[3*i+1], img.Pix[3*i+2] = uint8(r.IntN(256)), uint8(r.IntN(256)), uint8(r.IntN(256))
	}
	return img
}

// augNoise returns an h×w×c image of uniform random bytes.
func augNoise(h, w, c int, seed uint64) *Image {
	r := rand.New(rand.NewPCG(seed, 5))
	img := NewImage(h, w, c)
	for i := range img.Pix {
		img.Pix[i] = uint8(r.IntN(256))
	}
	return img
}

// augGray returns the first channel of an RGB image as a 1-channel image.
func augGray(img *Image) *Image {
	out := NewImage(img.H, img.W, 1)
	for i := range out.Pix {
		out.Pix[i] = img.Pix[3*i+1]
	}
	return out
}

// augDiff compares two uint8 buffers: the largest absolute difference and
// how many values differ at all.
func augDiff(a, b []uint8) (maxDiff, n int) {
	for i := range a {
		d := int(a[i]) - int(b[i])
		if d < 0 {
			d = -d
		}
		if d > 0 {
			n++
		}
		maxDiff = max(maxDiff, d)
	}
	return maxDiff, n
}

// augReadFloat32 reads little-endian float32 values.
func augReadFloat32(t *testing.T, path string) []float32 {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]float32, len(b)/4)
	for i := range out {
		out[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
	}
	return out
}
