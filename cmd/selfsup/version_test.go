package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestVersionPrintsTheBuild(t *testing.T) {
	var out, errb bytes.Buffer
	if code := dispatch([]string{"version"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	for _, want := range []string{"libtorch:", "shim ABI:", "C++ string ABI:", "CUDA available:", "CUDA devices:", "intra-op threads:"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	out.Reset()
	if code := dispatch([]string{"version", "--json"}, &out, &errb); code != 0 {
		t.Fatalf("--json exit %d", code)
	}
	var v struct {
		TorchVersion string `json:"torch_version"`
		NumThreads   int    `json:"num_threads"`
		ShimABI      int    `json:"shim_abi"`
	}
	if err := json.Unmarshal(out.Bytes(), &v); err != nil {
		t.Fatalf("--json printed %q: %v", out.String(), err)
	}
	if v.TorchVersion == "" || v.NumThreads < 1 || v.ShimABI < 1 {
		t.Errorf("implausible build info %+v", v)
	}
}

func TestUnknownCommandFails(t *testing.T) {
	var out, errb bytes.Buffer
	if code := dispatch([]string{"frobnicate"}, &out, &errb); code != 2 {
		t.Fatalf("exit %d, want 2", code)
	}
	if !strings.Contains(errb.String(), `unknown command "frobnicate"`) {
		t.Errorf("stderr %q", errb.String())
	}
}
