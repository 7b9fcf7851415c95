package torch

/*
#include "shim.h"
*/
import "C"

import (
	"runtime"
	"unsafe"
)

func (t *Tensor) info(op string) C.sst_info {
	var info C.sst_info
	st := C.sst_tensor_info(t.ptr(op), &info)
	runtime.KeepAlive(t)
	check(op, st)
	return info
}

// Shape returns the size of each dimension.
func (t *Tensor) Shape() []int64 {
	info := t.info("Shape")
	out := make([]int64, info.ndim)
	for i := range out {
		out[i] = int64(info.sizes[i])
	}
	return out
}

// Strides returns the stride of each dimension, in elements.
func (t *Tensor) Strides() []int64 {
	info := t.info("Strides")
	out := make([]int64, info.ndim)
	for i := range out {
		out[i] = int64(info.strides[i])
	}
	return out
}

// Dim is the number of dimensions.
func (t *Tensor) Dim() int { return int(t.info("Dim").ndim) }

// Size returns the size of dimension d; negative d counts from the end.
func (t *Tensor) Size(d int) int64 {
	info := t.info("Size")
	if d < 0 {
		d += int(info.ndim)
	}
	if d < 0 || d >= int(info.ndim) {
		fail("Size", "dimension %d out of range for a %d-d tensor", d, info.ndim)
	}
	return int64(info.sizes[d])
}

// Numel is the number of elements.
func (t *Tensor) Numel() int64 { return int64(t.info("Numel").numel) }

// DType is the element type.
func (t *Tensor) DType() DType { return DType(t.info("DType").dtype) }

// Device is where the tensor lives.
func (t *Tensor) Device() Device {
	info := t.info("Device")
	return Device{Type: DeviceType(info.device_type), Index: int(info.device_index)}
}

// RequiresGrad reports whether autograd records operations on the tensor.
func (t *Tensor) RequiresGrad() bool { return t.info("RequiresGrad").requires_grad != 0 }

// IsLeaf reports whether the tensor is a leaf of the autograd graph.
func (t *Tensor) IsLeaf() bool { return t.info("IsLeaf").is_leaf != 0 }

// IsContiguous reports whether the tensor is contiguous in row-major order.
func (t *Tensor) IsContiguous() bool { return t.info("IsContiguous").is_contiguous != 0 }

// String is libtorch's printed form of the tensor; a closed tensor prints
// as "Tensor(closed)".
func (t *Tensor) String() string {
	if t.Closed() {
		return "Tensor(closed)"
	}
	var s *C.char
	st := C.sst_to_string(t.p, &s)
	runtime.KeepAlive(t)
	check("String", st)
	defer C.sst_free(unsafe.Pointer(s))
	return C.GoString(s)
}
