package torch

/*
#include "shim.h"
*/
import "C"

import (
	"runtime"
	"unsafe"
)

// Tensor is a handle to a libtorch tensor (an at::Tensor). Several Tensors
// may view the same storage, as in PyTorch; each handle is closed on its own.
// A Tensor is not safe for concurrent use by several goroutines.
type Tensor struct {
	p       C.sst_tensor
	owner   *scope // the scope that frees it, nil when the caller owns it
	cleanup runtime.Cleanup
	guarded bool // a cleanup is attached
}

// newTensor wraps a handle just returned by the shim and registers it with
// the scope whose token the same call reported.
func newTensor(p C.sst_tensor, token C.uintptr_t) *Tensor {
	t := &Tensor{p: p}
	if token != 0 {
		s := scopeOf(token)
		t.owner = s
		s.tensors = append(s.tensors, t)
	} else {
		t.guard()
	}
	return t
}

// guard attaches the backstop cleanup to a tensor that no scope owns.
func (t *Tensor) guard() {
	t.cleanup = runtime.AddCleanup(t, freeHandle, unsafe.Pointer(t.p))
	t.guarded = true
}

func freeHandle(p unsafe.Pointer) { C.sst_tensor_free(C.sst_tensor(p)) }

// ptr returns the handle of a live tensor; a nil or closed tensor is an error
// of the op that wanted it. Once the raw handle is taken, nothing keeps t
// reachable, and an unowned t's cleanup could free the handle while C++
// still uses it: every caller does runtime.KeepAlive(t) after its C call.
func (t *Tensor) ptr(op string) C.sst_tensor {
	if t == nil {
		fail(op, "nil tensor")
	}
	if t.p == nil {
		fail(op, "use of closed tensor")
	}
	return t.p
}

// optPtr is ptr for optional arguments: a nil tensor is a NULL handle.
func (t *Tensor) optPtr(op string) C.sst_tensor {
	if t == nil {
		return nil
	}
	return t.ptr(op)
}

// Close frees the tensor's handle now. It is idempotent and safe on nil.
func (t *Tensor) Close() {
	if t == nil || t.p == nil {
		return
	}
	if t.guarded {
		t.cleanup.Stop()
		t.guarded = false
	}
	C.sst_tensor_free(t.p)
	t.p = nil
}

// Closed reports whether the tensor has been closed (by Close or by the end
// of its scope).
func (t *Tensor) Closed() bool { return t == nil || t.p == nil }

// CloseAll closes every tensor given; nil entries are skipped.
func CloseAll(ts ...*Tensor) {
	for _, t := range ts {
		t.Close()
	}
}

// handles returns the live handles of ts as a C array for list-taking ops.
func handles(op string, ts []*Tensor) []C.sst_tensor {
	hs := make([]C.sst_tensor, len(ts))
	for i, t := range ts {
		hs[i] = t.ptr(op)
	}
	return hs
}

// first returns a pointer to a slice's first element, or nil when empty.
func first[T any](s []T) *T {
	if len(s) == 0 {
		return nil
	}
	return &s[0]
}

// LiveTensors is the number of tensor handles made and not yet closed, in
// the whole process. Leak tests compare it before and after a scope.
func LiveTensors() int64 { return int64(C.sst_live_tensors()) }
