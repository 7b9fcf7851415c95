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

// Every shim call that takes a tensor's raw handle keeps that tensor alive
// past the call (see Tensor.ptr): a static check over the package's
// sources, so a new wrapper cannot forget it.
func TestShimCallsKeepTheirTensorsAlive(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	call := regexp.MustCompile(`C\.sst_\w+\(`)
	recv := regexp.MustCompile(`([A-Za-z_][\w.]*)\.(?:ptr|optPtr)\(`)
	checked := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		src := string(b)
		for _, loc := range call.FindAllStringIndex(src, -1) {
			// The call's text runs to its matching parenthesis.
			depth, end := 0, loc[1]-1
			for ; end < len(src); end++ {
				if src[end] == '(' {
					depth++
				} else if src[end] == ')' {
					if depth--; depth == 0 {
						break
					}
				}
			}
			rest := src[end:]
			if i := strings.Index(rest, "\n}"); i >= 0 {
				rest = rest[:i] // up to the end of the enclosing function
			}
			for _, m := range recv.FindAllStringSubmatch(src[loc[0]:end], -1) {
				checked++
				if !strings.Contains(rest, "runtime.KeepAlive("+m[1]+")") {
					line := 1 + strings.Count(src[:loc[0]], "\n")
					t.Errorf("%s:%d: %s passes %s's handle but never calls runtime.KeepAlive(%s) after it",
						f, line, src[loc[0]:loc[1]-1], m[1], m[1])
				}
			}
		}
	}
	if checked < 100 {
		t.Fatalf("only %d handle uses found: is the check reading the sources?", checked)
	}
}
