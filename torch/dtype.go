package torch

/*
#include "shim.h"
*/
import "C"

import (
	"fmt"
	"reflect"
)

// DType is a tensor's element type. Its values are c10::ScalarType's.
type DType int8

// The element types selfsup uses.
const (
	Uint8    DType = 0
	Int8     DType = 1
	Int16    DType = 2
	Int32    DType = 3
	Int64    DType = 4
	Float16  DType = 5
	Float32  DType = 6
	Float64  DType = 7
	Bool     DType = 11
	BFloat16 DType = 15
)

var dtypeNames = map[DType]string{
	Uint8: "uint8", Int8: "int8", Int16: "int16", Int32: "int32", Int64: "int64",
	Float16: "float16", Float32: "float32", Float64: "float64", Bool: "bool", BFloat16: "bfloat16",
}

// String returns PyTorch's name of the type, e.g. "float32".
func (d DType) String() string {
	if s, ok := dtypeNames[d]; ok {
		return s
	}
	return fmt.Sprintf("DType(%d)", int(d))
}

// ParseDType maps PyTorch's name of a type ("float32", "int64", ...) to it.
func ParseDType(name string) (DType, error) {
	for d, s := range dtypeNames {
		if s == name {
			return d, nil
		}
	}
	return 0, fmt.Errorf("torch: unknown dtype %q", name)
}

// Size is the number of bytes of one element.
func (d DType) Size() int {
	switch d {
	case Uint8, Int8, Bool:
		return 1
	case Int16, Float16, BFloat16:
		return 2
	case Int32:
		return 4
	case Int64, Float64:
		return 8
	case Float32:
		return 4
	}
	panic(&Error{Op: "DType.Size", Msg: "unknown dtype " + d.String()})
}

// IsFloat reports whether d is a floating-point type.
func (d DType) IsFloat() bool {
	return d == Float16 || d == Float32 || d == Float64 || d == BFloat16
}

// Elem is the set of Go types that map directly onto a DType, for copying
// data in and out of tensors.
type Elem interface {
	~uint8 | ~int8 | ~int16 | ~int32 | ~int64 | ~float32 | ~float64 | ~bool
}

// DTypeOf returns the DType whose elements have Go type T (or a type
// defined on it, such as a named int64).
func DTypeOf[T Elem]() DType {
	switch reflect.TypeFor[T]().Kind() {
	case reflect.Uint8:
		return Uint8
	case reflect.Int8:
		return Int8
	case reflect.Int16:
		return Int16
	case reflect.Int32:
		return Int32
	case reflect.Int64:
		return Int64
	case reflect.Float32:
		return Float32
	case reflect.Float64:
		return Float64
	case reflect.Bool:
		return Bool
	}
	panic(&Error{Op: "DTypeOf", Msg: "unsupported element type " + reflect.TypeFor[T]().String()})
}

// Option configures a new tensor: a DType, a Device, RequiresGrad or
// PinMemory, in any order.
type Option interface{ apply(*C.sst_options) }

func (d DType) apply(o *C.sst_options) { o.dtype = C.int(d) }

type flagOption int

const (
	// RequiresGrad makes a new tensor a leaf that records gradients.
	RequiresGrad flagOption = iota
	// PinMemory allocates a new CPU tensor in page-locked memory, for fast
	// non-blocking copies to CUDA.
	PinMemory
)

func (f flagOption) apply(o *C.sst_options) {
	switch f {
	case RequiresGrad:
		o.requires_grad = 1
	case PinMemory:
		o.pin_memory = 1
	}
}

// options resolves opts over the defaults: float32 on the CPU, no grad.
// An unknown DType is an error of op.
func options(op string, opts []Option) C.sst_options {
	o := C.sst_options{dtype: C.int(Float32), device_type: C.int(DeviceCPU), device_index: -1}
	for _, opt := range opts {
		opt.apply(&o)
	}
	DType(o.dtype).mustBeKnown(op)
	return o
}

// mustBeKnown fails op unless d is one of the DTypes above: libtorch takes
// a dtype on trust and aborts the process on one it does not know.
func (d DType) mustBeKnown(op string) {
	if _, ok := dtypeNames[d]; !ok {
		fail(op, "unknown dtype %v", d)
	}
}
