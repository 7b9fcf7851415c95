package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/selfsup/selfsup/torch"
)

// jpegTree writes an ImageFolder of n small JPEGs in 3 classes, plus one
// truncated file, and returns its root.
func jpegTree(t *testing.T, n int) string {
	t.Helper()
	root := t.TempDir()
	var last []byte
	for i := range n {
		dir := filepath.Join(root, fmt.Sprintf("c%d", i%3))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		m := image.NewRGBA(image.Rect(0, 0, 60, 45))
		for y := range 45 {
			for x := range 60 {
				m.Set(x, y, color.RGBA{uint8(x * 4), uint8(y * 5), uint8(i * 9), 255})
			}
		}
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, m, &jpeg.Options{Quality: 90}); err != nil {
			t.Fatal(err)
		}
		last = buf.Bytes()
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%03d.jpg", i)), last, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(root, "c0", "truncated.jpg"), last[:len(last)/3], 0o644); err != nil {
		t.Fatal(err)
	}
	return root
}

func TestBenchData(t *testing.T) {
	root := jpegTree(t, 60)
	for _, preset := range []string{"simclr", "byol", "supcon"} {
		t.Run(preset, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := dispatch([]string{"bench", "data", "--root", root, "--preset", preset, "--seconds", "0.3",
				"--warmup", "0", "--size", "32", "--batch", "8", "--workers", "2", "--max-broken", "0.05"}, &stdout, &stderr)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr.String())
			}
			lines := strings.Split(strings.TrimRight(stdout.String(), "\n"), "\n")
			if len(lines) != 1 {
				t.Fatalf("stdout has %d lines, want 1: %q", len(lines), stdout.String())
			}
			var res map[string]float64
			if err := json.Unmarshal([]byte(lines[0]), &res); err != nil {
				t.Fatalf("stdout %q: %v", lines[0], err)
			}
			if len(res) != 3 || res["two_view_img_per_s"] <= 0 || res["workers"] != 2 {
				t.Fatalf("result %v", res)
			}
			// 1 broken file of 61: drawn at least once per epoch, many epochs.
			if res["skipped"] < 1 {
				t.Fatalf("truncated file never skipped: %v", res)
			}
			if !strings.Contains(stderr.String(), "img/s") || !strings.Contains(stderr.String(), "truncated.jpg") {
				t.Fatalf("stderr lacks the summary or the broken-file warning:\n%s", stderr.String())
			}
		})
	}
}

func TestBenchDataErrors(t *testing.T) {
	root := jpegTree(t, 6)
	type errCase struct {
		args []string
		code int
		want string
	}
	cases := []errCase{
		{[]string{"--root", root, "--device", "tpu"}, 1, "want cpu, cuda or cuda:N"},
		{[]string{"--root", root, "--format", "lmdb"}, 1, "want one of cifar10, fashion-mnist, imagefolder, mnist"},
		{[]string{"--root", root, "--format", "fashion-mnist"}, 1, root},
		{[]string{"--root", root, "--preset", "moco"}, 1, "byol, simclr, supcon"},
		{[]string{}, 1, "--root is required"},
		{[]string{"--root", filepath.Join(root, "missing")}, 1, "missing"},
		{[]string{"--root", root, "--workers", "0"}, 1, "--workers 0"},
		{[]string{"--root", root, "--bogus"}, 2, "unknown flag"},
		{[]string{"--root", root, "--max-broken", "0"}, 1, "--max-broken 0"},
		{[]string{"--root", root, "--seconds", "0.2", "--warmup", "0", "--size", "16", "--batch", "4"}, 1,
			"samples tried failed"}, // 1 broken of 7 stops it at the default 1%
		{[]string{"--root", root, "extra"}, 2, "unexpected arguments"},
	}
	if !torch.CUDAAvailable() {
		cases = append(cases, errCase{[]string{"--root", root, "--device", "cuda"}, 1, "CUDA is not available"})
	}
	for _, c := range cases {
		var stdout, stderr bytes.Buffer
		code := dispatch(append([]string{"bench", "data"}, c.args...), &stdout, &stderr)
		if code != c.code || !strings.Contains(stderr.String(), c.want) || stdout.Len() != 0 {
			t.Errorf("%v: exit %d, stderr %q, stdout %q; want exit %d and %q", c.args, code, stderr.String(),
				stdout.String(), c.code, c.want)
		}
	}
	var stdout, stderr bytes.Buffer
	if code := dispatch([]string{"bench"}, &stdout, &stderr); code != 0 || !strings.Contains(stdout.String(), "data") {
		t.Errorf("bench usage: exit %d, %q", code, stdout.String())
	}
	if code := dispatch([]string{"bench", "nope"}, &stdout, &stderr); code != 2 {
		t.Errorf("unknown benchmark: exit %d", code)
	}
}
