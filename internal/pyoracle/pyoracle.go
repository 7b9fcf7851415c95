// Package pyoracle names the Python interpreter the tests use as their
// PyTorch oracle.
package pyoracle

import "os"

// Default is Debian's interpreter, the one with python3-torch and
// python3-torchvision; the python3 first on PATH may lack them.
const Default = "/usr/bin/python3"

// Python returns the oracle interpreter: $SELFSUP_PYTHON when set (a GPU
// machine's PyTorch, say), Default otherwise.
func Python() string {
	if p := os.Getenv("SELFSUP_PYTHON"); p != "" {
		return p
	}
	return Default
}
