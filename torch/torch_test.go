package torch

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestCheckABI(t *testing.T) {
	if err := checkABI(abiVersion, abiVersion); err != nil {
		t.Fatalf("same versions refused: %v", err)
	}
	err := checkABI(abiVersion+1, abiVersion)
	if err == nil {
		t.Fatal("a shim of another ABI version was accepted")
	}
	for _, want := range []string{"ABI version 2", "built for version 1", "make shim"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q lacks %q", err, want)
		}
	}
}

func TestInfo(t *testing.T) {
	info := Info()
	if !strings.HasPrefix(info.TorchVersion, "1.") && !strings.HasPrefix(info.TorchVersion, "2.") {
		t.Errorf("torch version %q", info.TorchVersion)
	}
	if info.ShimABI != abiVersion {
		t.Errorf("shim ABI %d, want %d", info.ShimABI, abiVersion)
	}
	if info.CUDAAvailable != (info.CUDADeviceCount > 0) {
		t.Errorf("CUDA available %v with %d devices", info.CUDAAvailable, info.CUDADeviceCount)
	}
	prev := NumThreads()
	SetNumThreads(2)
	if NumThreads() != 2 {
		t.Errorf("SetNumThreads(2) then NumThreads() = %d", NumThreads())
	}
	SetNumThreads(prev)
}

func TestParseDeviceAndDType(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Device
		ok   bool
	}{
		{"cpu", CPU, true}, {"cuda", Device{DeviceCUDA, -1}, true}, {"cuda:3", CUDA(3), true},
		{"cuda:-1", Device{}, false}, {"tpu", Device{}, false}, {"cuda:x", Device{}, false},
	} {
		got, err := ParseDevice(tt.in)
		if (err == nil) != tt.ok || err == nil && got != tt.want {
			t.Errorf("ParseDevice(%q) = %v, %v", tt.in, got, err)
		}
		if tt.ok && got.String() != tt.in {
			t.Errorf("%v.String() = %q, want %q", got, got.String(), tt.in)
		}
	}
	for d, name := range dtypeNames {
		got, err := ParseDType(name)
		if err != nil || got != d {
			t.Errorf("ParseDType(%q) = %v, %v", name, got, err)
		}
	}
	if _, err := ParseDType("float8"); err == nil {
		t.Error("ParseDType accepted float8")
	}
}

// Every shim entry point carries the noescape and nocallback directives in
// torch.go, so a new one is not silently slower.
func TestCgoDirectivesCoverTheShim(t *testing.T) {
	src, err := os.ReadFile("torch.go")
	if err != nil {
		t.Fatal(err)
	}
	headers, err := filepath.Glob("csrc/shim*.h")
	if err != nil || len(headers) == 0 {
		t.Fatalf("no shim headers: %v", err)
	}
	decl := regexp.MustCompile(`\b(sst_[a-z0-9_]+)\(`)
	for _, h := range headers {
		b, err := os.ReadFile(h)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range decl.FindAllStringSubmatch(string(b), -1) {
			for _, d := range []string{"noescape", "nocallback"} {
				if !strings.Contains(string(src), "#cgo "+d+" "+m[1]+"\n") {
					t.Errorf("torch.go lacks #cgo %s %s (declared in %s)", d, m[1], h)
				}
			}
		}
	}
}
