package data

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/selfsup/selfsup/internal/pyoracle"
)

// The formats beyond JPEG/PNG that torchvision's ImageFolder accepts (BMP,
// TIFF, WebP) decode to PIL's pixels: PIL writes each file and its
// convert("RGB") raw bytes, Decode must give the same bytes.
func TestDecodeBMPTIFFWebPMatchPIL(t *testing.T) {
	dir := t.TempDir()
	script := `
import sys, numpy as np
from PIL import Image
d = sys.argv[1]
rng = np.random.default_rng(7)
y, x = np.mgrid[0:37, 0:53]
rgb = np.stack([(x * 4) % 256, (y * 6) % 256, (x + y) * 2 % 256], -1).astype(np.uint8)
rgb = np.clip(rgb.astype(int) + rng.integers(-20, 20, rgb.shape), 0, 255).astype(np.uint8)
im = Image.fromarray(rgb)
im.save(d + "/a.bmp")
im.save(d + "/a.tif")
im.save(d + "/b.tif", compression="tiff_lzw")
im.save(d + "/a.webp", lossless=True)
im.convert("L").save(d + "/g.bmp")
im.convert("L").save(d + "/g.tif")
for name in ["a.bmp", "a.tif", "b.tif", "a.webp", "g.bmp", "g.tif"]:
    open(d + "/" + name + ".raw", "wb").write(Image.open(d + "/" + name).convert("RGB").tobytes())
`
	if out, err := exec.Command(pyoracle.Python(), "-c", script, dir).CombinedOutput(); err != nil {
		t.Fatalf("PIL (Debian python3-pil, make deps) failed: %v\n%s", err, out)
	}
	for _, name := range []string{"a.bmp", "a.tif", "b.tif", "a.webp", "g.bmp", "g.tif"} {
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(filepath.Join(dir, name+".raw"))
			if err != nil {
				t.Fatal(err)
			}
			img, err := Decode(Sample{Path: name, Encoded: b}, DecodeOptions{Channels: 3})
			if err != nil {
				t.Fatal(err)
			}
			if img.H != 37 || img.W != 53 || img.C != 3 {
				t.Fatalf("decoded %v, want 37x53x3", img)
			}
			diff := 0
			for i := range want {
				if img.Pix[i] != want[i] {
					diff++
				}
			}
			if diff != 0 {
				t.Errorf("%d of %d values differ from PIL", diff, len(want))
			}
			// A truncated file is an error naming it, not a panic.
			if _, err := Decode(Sample{Path: name, Encoded: b[:len(b)/2]}, DecodeOptions{}); err == nil {
				t.Error("truncated file decoded without error")
			}
		})
	}
}
