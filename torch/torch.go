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
#cgo LDFLAGS: -L${SRCDIR}/../build/lib -lselfsup_torch -Wl,-rpath,${SRCDIR}/../build/lib -Wl,-rpath,$ORIGIN/../lib
// The shim keeps no pointer it is given and never calls back into Go, so
// every entry point is declared noescape and nocallback: Go then need not
// move a call's out-parameters to the heap (see TestCgoDirectivesCoverTheShim).
#cgo noescape sst_abi_version
#cgo nocallback sst_abi_version
#cgo noescape sst_adaptive_avg_pool2d
#cgo nocallback sst_adaptive_avg_pool2d
#cgo noescape sst_add_
#cgo nocallback sst_add_
#cgo noescape sst_addmm
#cgo nocallback sst_addmm
#cgo noescape sst_alias
#cgo nocallback sst_alias
#cgo noescape sst_arange
#cgo nocallback sst_arange
#cgo noescape sst_argmax
#cgo nocallback sst_argmax
#cgo noescape sst_avg_pool2d
#cgo nocallback sst_avg_pool2d
#cgo noescape sst_backward
#cgo nocallback sst_backward
#cgo noescape sst_batch_norm
#cgo nocallback sst_batch_norm
#cgo noescape sst_bce_with_logits
#cgo nocallback sst_bce_with_logits
#cgo noescape sst_binary
#cgo nocallback sst_binary
#cgo noescape sst_binary_scalar
#cgo nocallback sst_binary_scalar
#cgo noescape sst_cat
#cgo nocallback sst_cat
#cgo noescape sst_chunk
#cgo nocallback sst_chunk
#cgo noescape sst_clamp
#cgo nocallback sst_clamp
#cgo noescape sst_clone
#cgo nocallback sst_clone
#cgo noescape sst_contiguous
#cgo nocallback sst_contiguous
#cgo noescape sst_conv2d
#cgo nocallback sst_conv2d
#cgo noescape sst_copy_
#cgo nocallback sst_copy_
#cgo noescape sst_copy_to_host
#cgo noescape sst_data_ptr
#cgo nocallback sst_data_ptr
#cgo noescape sst_copy_from_host
#cgo nocallback sst_copy_from_host
#cgo nocallback sst_copy_to_host
#cgo noescape sst_cosine_similarity
#cgo nocallback sst_cosine_similarity
#cgo noescape sst_cross_entropy
#cgo nocallback sst_cross_entropy
#cgo noescape sst_cuda_available
#cgo nocallback sst_cuda_available
#cgo noescape sst_cuda_device_count
#cgo nocallback sst_cuda_device_count
#cgo noescape sst_cxx11_abi
#cgo nocallback sst_cxx11_abi
#cgo noescape sst_detach
#cgo nocallback sst_detach
#cgo noescape sst_dropout
#cgo nocallback sst_dropout
#cgo noescape sst_expand
#cgo nocallback sst_expand
#cgo noescape sst_eye
#cgo nocallback sst_eye
#cgo noescape sst_factory
#cgo nocallback sst_factory
#cgo noescape sst_flatten
#cgo nocallback sst_flatten
#cgo noescape sst_foreach_add_
#cgo nocallback sst_foreach_add_
#cgo noescape sst_foreach_mul_scalar_
#cgo nocallback sst_foreach_mul_scalar_
#cgo noescape sst_foreach_zero_
#cgo nocallback sst_foreach_zero_
#cgo noescape sst_free
#cgo nocallback sst_free
#cgo noescape sst_from_data
#cgo nocallback sst_from_data
#cgo noescape sst_gather
#cgo nocallback sst_gather
#cgo noescape sst_gelu
#cgo nocallback sst_gelu
#cgo noescape sst_get_num_interop_threads
#cgo nocallback sst_get_num_interop_threads
#cgo noescape sst_get_num_threads
#cgo nocallback sst_get_num_threads
#cgo noescape sst_get_rng_state
#cgo nocallback sst_get_rng_state
#cgo noescape sst_grad
#cgo nocallback sst_grad
#cgo noescape sst_index_select
#cgo nocallback sst_index_select
#cgo noescape sst_interpolate
#cgo nocallback sst_interpolate
#cgo noescape sst_is_grad_enabled
#cgo nocallback sst_is_grad_enabled
#cgo noescape sst_is_pinned
#cgo nocallback sst_is_pinned
#cgo noescape sst_item_double
#cgo nocallback sst_item_double
#cgo noescape sst_item_int64
#cgo nocallback sst_item_int64
#cgo noescape sst_linear
#cgo nocallback sst_linear
#cgo noescape sst_linspace
#cgo nocallback sst_linspace
#cgo noescape sst_live_tensors
#cgo nocallback sst_live_tensors
#cgo noescape sst_manual_seed
#cgo nocallback sst_manual_seed
#cgo noescape sst_masked_fill
#cgo nocallback sst_masked_fill
#cgo noescape sst_max_dim
#cgo nocallback sst_max_dim
#cgo noescape sst_max_pool2d
#cgo nocallback sst_max_pool2d
#cgo noescape sst_narrow
#cgo nocallback sst_narrow
#cgo noescape sst_norm
#cgo nocallback sst_norm
#cgo noescape sst_normalize
#cgo nocallback sst_normalize
#cgo noescape sst_one_hot
#cgo nocallback sst_one_hot
#cgo noescape sst_pad
#cgo nocallback sst_pad
#cgo noescape sst_permute
#cgo nocallback sst_permute
#cgo noescape sst_pin_memory
#cgo nocallback sst_pin_memory
#cgo noescape sst_randint
#cgo nocallback sst_randint
#cgo noescape sst_randperm
#cgo nocallback sst_randperm
#cgo noescape sst_reduce
#cgo nocallback sst_reduce
#cgo noescape sst_repeat
#cgo nocallback sst_repeat
#cgo noescape sst_reshape
#cgo nocallback sst_reshape
#cgo noescape sst_scatter
#cgo nocallback sst_scatter
#cgo noescape sst_scope_swap
#cgo nocallback sst_scope_swap
#cgo noescape sst_select
#cgo nocallback sst_select
#cgo noescape sst_set_grad_enabled
#cgo nocallback sst_set_grad_enabled
#cgo noescape sst_set_grad_none
#cgo nocallback sst_set_grad_none
#cgo noescape sst_set_num_threads
#cgo nocallback sst_set_num_threads
#cgo noescape sst_set_requires_grad
#cgo nocallback sst_set_requires_grad
#cgo noescape sst_set_rng_state
#cgo nocallback sst_set_rng_state
#cgo noescape sst_slice
#cgo nocallback sst_slice
#cgo noescape sst_softmax
#cgo nocallback sst_softmax
#cgo noescape sst_split
#cgo nocallback sst_split
#cgo noescape sst_squeeze
#cgo nocallback sst_squeeze
#cgo noescape sst_stack
#cgo nocallback sst_stack
#cgo noescape sst_tensor_free
#cgo nocallback sst_tensor_free
#cgo noescape sst_tensor_free_many
#cgo nocallback sst_tensor_free_many
#cgo noescape sst_tensor_info
#cgo nocallback sst_tensor_info
#cgo noescape sst_to
#cgo nocallback sst_to
#cgo noescape sst_to_string
#cgo nocallback sst_to_string
#cgo noescape sst_topk
#cgo nocallback sst_topk
#cgo noescape sst_torch_version
#cgo nocallback sst_torch_version
#cgo noescape sst_transpose
#cgo nocallback sst_transpose
#cgo noescape sst_unary
#cgo nocallback sst_unary
#cgo noescape sst_unsqueeze
#cgo nocallback sst_unsqueeze
#cgo noescape sst_var
#cgo nocallback sst_var
#cgo noescape sst_view
#cgo nocallback sst_view
#cgo noescape sst_where
#cgo nocallback sst_where
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
