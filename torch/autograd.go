package torch

/*
#include "shim.h"
*/
import "C"

import "runtime"

// SetRequiresGrad makes autograd record (or stop recording) operations on a
// leaf tensor (Tensor.requires_grad_). It returns t.
func (t *Tensor) SetRequiresGrad(b bool) *Tensor {
	st := C.sst_set_requires_grad(t.ptr("SetRequiresGrad"), cbool(b))
	runtime.KeepAlive(t)
	check("SetRequiresGrad", st)
	return t
}

// Backward computes the gradient of the scalar t with respect to the graph's
// leaves and accumulates it into their Grad (Tensor.backward()).
func (t *Tensor) Backward() {
	st := C.sst_backward(t.ptr("Backward"), nil, 0)
	runtime.KeepAlive(t)
	check("Backward", st)
}

// BackwardWith is Tensor.backward(gradient, retain_graph): gradient is
// ∂loss/∂t for a non-scalar t (nil for a scalar), and retainGraph keeps the
// graph for another backward pass.
func (t *Tensor) BackwardWith(gradient *Tensor, retainGraph bool) {
	st := C.sst_backward(t.ptr("BackwardWith"), gradient.optPtr("BackwardWith"), cbool(retainGraph))
	runtime.KeepAlive(t)
	runtime.KeepAlive(gradient)
	check("BackwardWith", st)
}

// Grad returns a handle to the accumulated gradient, or nil when there is
// none. The handle shares the gradient's storage.
func (t *Tensor) Grad() *Tensor {
	var out C.sst_tensor
	st := C.sst_grad(t.ptr("Grad"), &out)
	runtime.KeepAlive(t)
	tok := check("Grad", st)
	if out == nil {
		return nil
	}
	return newTensor(out, tok)
}

// SetGradNone drops the accumulated gradient, as
// optimizer.zero_grad(set_to_none=True) does per parameter.
func (t *Tensor) SetGradNone() {
	st := C.sst_set_grad_none(t.ptr("SetGradNone"))
	runtime.KeepAlive(t)
	check("SetGradNone", st)
}

// GradEnabled reports whether autograd records operations on the calling
// OS thread. Call it from a goroutine locked to its thread to get a
// meaningful answer.
func GradEnabled() bool { return C.sst_is_grad_enabled() != 0 }

// NoGrad runs fn with autograd off (torch.no_grad) on the calling
// goroutine's OS thread, which it locks for the duration, and then restores
// the previous mode, even if fn panics. Other goroutines are not affected.
func NoGrad(fn func()) { withGrad(false, fn) }

// EnableGrad runs fn with autograd on (torch.enable_grad), as NoGrad.
func EnableGrad(fn func()) { withGrad(true, fn) }

func withGrad(enabled bool, fn func()) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	prev := C.sst_set_grad_enabled(cbool(enabled))
	defer C.sst_set_grad_enabled(prev)
	fn()
}
