// Package torch is selfsup's binding to libtorch, PyTorch's C++ engine: the
// same kernels, autograd and numerics as PyTorch, driven from Go.
//
// Three rules hold throughout.
//
// Ownership. libtorch's memory (and GPU memory) is invisible to Go's garbage
// collector, so tensors are freed deterministically. A tensor made inside
// Tidy belongs to that scope and is freed when Tidy returns, unless it is
// returned from the function or passed to Keep. A tensor made outside every
// scope (parameters, buffers, optimizer state) is owned by whoever made it,
// who calls Close; a cleanup attached by the runtime frees it if it becomes
// unreachable, but only as a backstop. Close is idempotent and safe on nil,
// and using a closed tensor is an error, never undefined behaviour.
//
// Threads. Grad mode, autocast and the CUDA stream are thread-local in
// libtorch, and goroutines migrate between OS threads. Tidy, NoGrad and the
// other scoped setters lock the calling goroutine to its OS thread for their
// duration and restore the previous state on the way out, even on panic. A
// training loop that sets such state itself should call runtime.LockOSThread.
//
// Errors. No C++ exception crosses into Go: each shim call catches it and
// returns libtorch's message. Tensor math reads like math, so an op called
// with bad arguments (a shape or dtype mismatch, a closed tensor) panics
// with a *Error naming the op; entry points turn that back into an error
// with Try.
//
// The C++ side is a small shim with a plain-C ABI (csrc/shim.h), built by
// `make shim` into build/lib/libselfsup_torch.so against whichever libtorch
// the Makefile finds.
package torch

/*
#cgo CFLAGS: -I${SRCDIR}/csrc
#cgo LDFLAGS: -L${SRCDIR}/../build/lib -lselfsup_torch -Wl,-rpath,${SRCDIR}/../build/lib
#include "shim.h"
*/
import "C"

import (
	"fmt"
	"os"
)

// abiVersion is the shim ABI this package was compiled against; it must
// equal SST_ABI_VERSION of the shim library found at run time.
const abiVersion = C.SST_ABI_VERSION

func init() {
	if err := checkABI(int(C.sst_abi_version()), abiVersion); err != nil {
		// Calling into a shim of another ABI could corrupt memory, so the
		// process stops before any tensor is made.
		fmt.Fprintln(os.Stderr, "selfsup:", err)
		os.Exit(2)
	}
}

// checkABI says which versions met when the shim library found at run time
// is not the one this binary was compiled against.
func checkABI(shim, binary int) error {
	if shim == binary {
		return nil
	}
	return fmt.Errorf("the torch shim library (libselfsup_torch.so) has ABI version %d but this binary was built for version %d: "+
		"rebuild the shim with `make shim` from the same source as the binary, or rebuild the binary", shim, binary)
}
