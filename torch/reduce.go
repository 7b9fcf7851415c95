package torch

/*
#include "shim.h"
*/
import "C"

import "runtime"

func (t *Tensor) reduce(op string, code C.int, dims []int64, keepdim bool, dtype C.int) *Tensor {
	var out C.sst_tensor
	p, n := ints(dims)
	st := C.sst_reduce(code, t.ptr(op), p, n, cbool(keepdim), dtype, &out)
	runtime.KeepAlive(t)
	return result(op, &out, st)
}

// Reductions take the dims to reduce (none: all of them) and whether to keep
// them as size-1 dimensions, as PyTorch's dim= and keepdim=.

// Sum returns the sum of all elements.
func (t *Tensor) Sum() *Tensor { return t.reduce("Sum", C.SST_SUM, nil, false, -1) }

// SumDims sums over dims.
func (t *Tensor) SumDims(dims []int64, keepdim bool) *Tensor {
	return t.reduce("SumDims", C.SST_SUM, dims, keepdim, -1)
}

// Mean returns the mean of all elements.
func (t *Tensor) Mean() *Tensor { return t.reduce("Mean", C.SST_MEAN, nil, false, -1) }

// MeanDims averages over dims.
func (t *Tensor) MeanDims(dims []int64, keepdim bool) *Tensor {
	return t.reduce("MeanDims", C.SST_MEAN, dims, keepdim, -1)
}

// Prod returns the product of all elements.
func (t *Tensor) Prod() *Tensor { return t.reduce("Prod", C.SST_PROD, nil, false, -1) }

// ProdDim returns the product along dim (torch.prod(t, dim)).
func (t *Tensor) ProdDim(dim int64, keepdim bool) *Tensor {
	return t.reduce("ProdDim", C.SST_PROD, []int64{dim}, keepdim, -1)
}

// Max returns the largest element (torch.max(t)).
func (t *Tensor) Max() *Tensor { return t.reduce("Max", C.SST_MAX, nil, false, -1) }

// Min returns the smallest element (torch.min(t)).
func (t *Tensor) Min() *Tensor { return t.reduce("Min", C.SST_MIN, nil, false, -1) }

// Amax returns the maximum over dims (torch.amax).
func (t *Tensor) Amax(dims []int64, keepdim bool) *Tensor {
	return t.reduce("Amax", C.SST_AMAX, dims, keepdim, -1)
}

// Amin returns the minimum over dims (torch.amin).
func (t *Tensor) Amin(dims []int64, keepdim bool) *Tensor {
	return t.reduce("Amin", C.SST_AMIN, dims, keepdim, -1)
}

// LogSumExp returns log Σ exp(t) over dims, computed stably
// (torch.logsumexp).
func (t *Tensor) LogSumExp(dims []int64, keepdim bool) *Tensor {
	return t.reduce("LogSumExp", C.SST_LOGSUMEXP, dims, keepdim, -1)
}

// All reports, as a bool tensor, whether every element is true.
func (t *Tensor) All() *Tensor { return t.reduce("All", C.SST_ALL, nil, false, -1) }

// Any reports, as a bool tensor, whether some element is true.
func (t *Tensor) Any() *Tensor { return t.reduce("Any", C.SST_ANY, nil, false, -1) }

// AllDim reduces with logical and along dim.
func (t *Tensor) AllDim(dim int64, keepdim bool) *Tensor {
	return t.reduce("AllDim", C.SST_ALL, []int64{dim}, keepdim, -1)
}

// AnyDim reduces with logical or along dim.
func (t *Tensor) AnyDim(dim int64, keepdim bool) *Tensor {
	return t.reduce("AnyDim", C.SST_ANY, []int64{dim}, keepdim, -1)
}

func (t *Tensor) maxDim(op string, dim int64, keepdim, isMax bool) (values, indices *Tensor) {
	var v, i C.sst_tensor
	st := C.sst_max_dim(t.ptr(op), C.int64_t(dim), cbool(keepdim), cbool(isMax), &v, &i)
	runtime.KeepAlive(t)
	tok := check(op, st)
	return newTensor(v, tok), newTensor(i, tok)
}

// MaxDim returns the maximum along dim and its indices (torch.max(t, dim)).
func (t *Tensor) MaxDim(dim int64, keepdim bool) (values, indices *Tensor) {
	return t.maxDim("MaxDim", dim, keepdim, true)
}

// MinDim returns the minimum along dim and its indices (torch.min(t, dim)).
func (t *Tensor) MinDim(dim int64, keepdim bool) (values, indices *Tensor) {
	return t.maxDim("MinDim", dim, keepdim, false)
}

func (t *Tensor) argmax(op string, hasDim bool, dim int64, keepdim, isMax bool) *Tensor {
	var out C.sst_tensor
	st := C.sst_argmax(t.ptr(op), cbool(hasDim), C.int64_t(dim), cbool(keepdim), cbool(isMax), &out)
	runtime.KeepAlive(t)
	return result(op, &out, st)
}

// Argmax returns the index of the largest element of the flattened tensor.
func (t *Tensor) Argmax() *Tensor { return t.argmax("Argmax", false, 0, false, true) }

// ArgmaxDim returns the indices of the maxima along dim.
func (t *Tensor) ArgmaxDim(dim int64, keepdim bool) *Tensor {
	return t.argmax("ArgmaxDim", true, dim, keepdim, true)
}

// Argmin returns the index of the smallest element of the flattened tensor.
func (t *Tensor) Argmin() *Tensor { return t.argmax("Argmin", false, 0, false, false) }

// ArgminDim returns the indices of the minima along dim.
func (t *Tensor) ArgminDim(dim int64, keepdim bool) *Tensor {
	return t.argmax("ArgminDim", true, dim, keepdim, false)
}

// Norm returns the p-norm over dims (all elements when dims is empty)
// (torch.norm).
func (t *Tensor) Norm(p float64, dims []int64, keepdim bool) *Tensor {
	var out C.sst_tensor
	d, n := ints(dims)
	st := C.sst_norm(t.ptr("Norm"), C.double(p), d, n, cbool(keepdim), &out)
	runtime.KeepAlive(t)
	return result("Norm", &out, st)
}

// Var returns the variance over dims (all when empty) with the given
// correction: 1 is Bessel's unbiased estimate, PyTorch's default, 0 the
// population variance (torch.var).
func (t *Tensor) Var(dims []int64, correction int64, keepdim bool) *Tensor {
	var out C.sst_tensor
	d, n := ints(dims)
	st := C.sst_var(t.ptr("Var"), d, n, C.int64_t(correction), cbool(keepdim), 0, &out)
	runtime.KeepAlive(t)
	return result("Var", &out, st)
}

// Std is the square root of Var (torch.std).
func (t *Tensor) Std(dims []int64, correction int64, keepdim bool) *Tensor {
	var out C.sst_tensor
	d, n := ints(dims)
	st := C.sst_var(t.ptr("Std"), d, n, C.int64_t(correction), cbool(keepdim), 1, &out)
	runtime.KeepAlive(t)
	return result("Std", &out, st)
}
