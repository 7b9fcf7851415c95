package torch

/*
#include "shim.h"
*/
import "C"

import (
	"runtime"
	"unsafe"
)

func factory(op string, kind C.int, shape []int64, fill float64, opts []Option) *Tensor {
	var out C.sst_tensor
	tok := check(op, C.sst_factory(kind, (*C.int64_t)(first(shape)), C.int(len(shape)), C.double(fill), options(op, opts), &out))
	return newTensor(out, tok)
}

// Empty returns an uninitialised tensor of the given shape (torch.empty).
// Options choose dtype, device, RequiresGrad and PinMemory; the default is
// float32 on the CPU.
func Empty(shape []int64, opts ...Option) *Tensor {
	return factory("Empty", C.SST_EMPTY, shape, 0, opts)
}

// Zeros returns a tensor of zeros (torch.zeros).
func Zeros(shape []int64, opts ...Option) *Tensor {
	return factory("Zeros", C.SST_ZEROS, shape, 0, opts)
}

// Ones returns a tensor of ones (torch.ones).
func Ones(shape []int64, opts ...Option) *Tensor {
	return factory("Ones", C.SST_ONES, shape, 0, opts)
}

// Full returns a tensor filled with v (torch.full).
func Full(shape []int64, v float64, opts ...Option) *Tensor {
	return factory("Full", C.SST_FULL, shape, v, opts)
}

// Rand returns samples of U[0, 1) from the default generator (torch.rand).
func Rand(shape []int64, opts ...Option) *Tensor {
	return factory("Rand", C.SST_RAND, shape, 0, opts)
}

// Randn returns samples of N(0, 1) from the default generator (torch.randn).
func Randn(shape []int64, opts ...Option) *Tensor {
	return factory("Randn", C.SST_RANDN, shape, 0, opts)
}

// Arange returns start, start+step, ... below end (torch.arange). With an
// integer dtype the bounds are truncated to integers.
func Arange(start, end, step float64, opts ...Option) *Tensor {
	var out C.sst_tensor
	tok := check("Arange", C.sst_arange(C.double(start), C.double(end), C.double(step), options("Arange", opts), &out))
	return newTensor(out, tok)
}

// Linspace returns steps evenly spaced values from start to end inclusive
// (torch.linspace).
func Linspace(start, end float64, steps int64, opts ...Option) *Tensor {
	var out C.sst_tensor
	tok := check("Linspace", C.sst_linspace(C.double(start), C.double(end), C.int64_t(steps), options("Linspace", opts), &out))
	return newTensor(out, tok)
}

// Eye returns an n×m matrix with ones on the diagonal (torch.eye).
func Eye(n, m int64, opts ...Option) *Tensor {
	var out C.sst_tensor
	tok := check("Eye", C.sst_eye(C.int64_t(n), C.int64_t(m), options("Eye", opts), &out))
	return newTensor(out, tok)
}

// Randint returns integers drawn uniformly from [low, high) (torch.randint);
// the default dtype is int64.
func Randint(low, high int64, shape []int64, opts ...Option) *Tensor {
	var out C.sst_tensor
	opts = append([]Option{Int64}, opts...)
	tok := check("Randint", C.sst_randint(C.int64_t(low), C.int64_t(high), (*C.int64_t)(first(shape)), C.int(len(shape)), options("Randint", opts), &out))
	return newTensor(out, tok)
}

// Randperm returns a random permutation of 0..n-1 (torch.randperm); the
// default dtype is int64.
func Randperm(n int64, opts ...Option) *Tensor {
	var out C.sst_tensor
	opts = append([]Option{Int64}, opts...)
	tok := check("Randperm", C.sst_randperm(C.int64_t(n), options("Randperm", opts), &out))
	return newTensor(out, tok)
}

// FromSlice copies data into a new CPU tensor of the given shape (all of
// data as a vector when shape is empty); the dtype follows T.
func FromSlice[T Elem](data []T, shape ...int64) *Tensor {
	if len(shape) == 0 {
		shape = []int64{int64(len(data))}
	}
	var z T
	return fromBytes("FromSlice", unsafe.Slice((*byte)(unsafe.Pointer(first(data))), len(data)*int(unsafe.Sizeof(z))), DTypeOf[T](), shape...)
}

// FromBytes copies raw little-endian element bytes into a new CPU tensor.
func FromBytes(b []byte, dtype DType, shape ...int64) *Tensor {
	return fromBytes("FromBytes", b, dtype, shape...)
}

func fromBytes(op string, b []byte, dtype DType, shape ...int64) *Tensor {
	dtype.mustBeKnown(op)
	var out C.sst_tensor
	tok := check(op, C.sst_from_data(unsafe.Pointer(first(b)), C.int64_t(len(b)), (*C.int64_t)(first(shape)), C.int(len(shape)), C.int(dtype), &out))
	return newTensor(out, tok)
}

// Data copies the tensor's elements, in row-major order, into a new Go
// slice; it moves the data to the CPU first if needed. T must match the
// tensor's dtype.
func Data[T Elem](t *Tensor) []T {
	info := t.info("Data")
	if d := DType(info.dtype); d != DTypeOf[T]() {
		fail("Data", "tensor has dtype %v, not %v", d, DTypeOf[T]())
	}
	out := make([]T, info.numel)
	var z T
	st := C.sst_copy_to_host(t.ptr("Data"), unsafe.Pointer(first(out)), C.int64_t(len(out)*int(unsafe.Sizeof(z))))
	runtime.KeepAlive(t)
	check("Data", st)
	return out
}

// HostSlice returns a Go slice that aliases the memory of a contiguous CPU
// tensor t, without a copy: writes through it change t. It is valid only
// while t (or another handle to its storage) is alive, and the caller must
// not keep it past that; T must match t's dtype. It exists so that buffers
// filled by Go code (the data loader's batches) can live in libtorch's
// memory from the start.
func HostSlice[T Elem](t *Tensor) []T {
	info := t.info("HostSlice")
	if d := DType(info.dtype); d != DTypeOf[T]() {
		fail("HostSlice", "tensor has dtype %v, not %v", d, DTypeOf[T]())
	}
	var p unsafe.Pointer
	st := C.sst_data_ptr(t.p, &p)
	runtime.KeepAlive(t)
	check("HostSlice", st)
	return unsafe.Slice((*T)(p), int(info.numel))
}

// CopyFrom overwrites the elements of a contiguous CPU tensor t with data,
// which must have exactly t's element count and dtype: a way to refill a
// long-lived (e.g. pinned) host buffer without allocating.
func CopyFrom[T Elem](t *Tensor, data []T) {
	info := t.info("CopyFrom")
	if d := DType(info.dtype); d != DTypeOf[T]() {
		fail("CopyFrom", "tensor has dtype %v, data is %v", d, DTypeOf[T]())
	}
	var z T
	st := C.sst_copy_from_host(t.p, unsafe.Pointer(first(data)), C.int64_t(len(data)*int(unsafe.Sizeof(z))))
	runtime.KeepAlive(t)
	check("CopyFrom", st)
}

// Bytes copies the tensor's elements as raw bytes, in row-major order.
func (t *Tensor) Bytes() []byte {
	info := t.info("Bytes")
	out := make([]byte, int(info.numel)*DType(info.dtype).Size())
	st := C.sst_copy_to_host(t.p, unsafe.Pointer(first(out)), C.int64_t(len(out)))
	runtime.KeepAlive(t)
	check("Bytes", st)
	return out
}

// Item returns the value of a one-element tensor as a float64.
func (t *Tensor) Item() float64 {
	var v C.double
	st := C.sst_item_double(t.ptr("Item"), &v)
	runtime.KeepAlive(t)
	check("Item", st)
	return float64(v)
}

// ItemInt returns the value of a one-element tensor as an int64, exactly.
func (t *Tensor) ItemInt() int64 {
	var v C.int64_t
	st := C.sst_item_int64(t.ptr("ItemInt"), &v)
	runtime.KeepAlive(t)
	check("ItemInt", st)
	return int64(v)
}
