package data

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/selfsup/selfsup/internal/pyoracle"
)

// datasetsOracle runs third_party/pytorch/oracle_datasets.py with Debian's
// /usr/bin/python3 (torch, torchvision, numpy, PIL) and returns its stdout.
// A missing interpreter or module fails the test: the oracle is required.
func datasetsOracle(t *testing.T, args ...string) []byte {
	t.Helper()
	python := pyoracle.Python()
	if _, err := os.Stat(python); err != nil {
		t.Fatalf("the PyTorch oracle needs %s (Debian python3-torch, python3-torchvision): %v", python, err)
	}
	script, err := filepath.Abs(filepath.Join("..", "third_party", "pytorch", "oracle_datasets.py"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(python, append([]string{script}, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("oracle %s failed (are python3-torch, python3-torchvision and numpy installed for %s?): %v\n%s",
			strings.Join(args, " "), python, err, stderr.String())
	}
	return stdout.Bytes()
}

// datasetsOracleJSON runs the oracle and decodes its JSON output into v.
func datasetsOracleJSON(t *testing.T, v any, args ...string) {
	t.Helper()
	if err := json.Unmarshal(datasetsOracle(t, args...), v); err != nil {
		t.Fatalf("oracle %s: bad JSON: %v", strings.Join(args, " "), err)
	}
}

// dsWrite writes content to root/rel, creating directories.
func dsWrite(t *testing.T, root, rel string, content []byte) string {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, content, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// dsWantErr checks that err is non-nil and contains every fragment.
func dsWantErr(t *testing.T, err error, fragments ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want one containing %q", fragments)
	}
	for _, f := range fragments {
		if !strings.Contains(err.Error(), f) {
			t.Errorf("error %q does not contain %q", err, f)
		}
	}
}
