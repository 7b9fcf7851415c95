package torch

/*
#include "shim.h"
*/
import "C"

import (
	"runtime"
	"unsafe"
)

// result wraps the tensor a shim call wrote to *out, after checking the call.
func result(op string, out *C.sst_tensor, s C.sst_status) *Tensor {
	tok := check(op, s)
	return newTensor(*out, tok)
}

// results wraps a malloc'd array of n tensors returned by a shim call.
func results(op string, outs **C.sst_tensor, n *C.int, s C.sst_status) []*Tensor {
	tok := check(op, s)
	hs := unsafe.Slice(*outs, int(*n))
	ts := make([]*Tensor, len(hs))
	for i, h := range hs {
		ts[i] = newTensor(h, tok)
	}
	C.sst_free(unsafe.Pointer(*outs))
	return ts
}

func ints(s []int64) (*C.int64_t, C.int) { return (*C.int64_t)(first(s)), C.int(len(s)) }

// View returns a view with a new shape sharing t's storage (Tensor.view);
// one size may be -1.
func (t *Tensor) View(shape ...int64) *Tensor {
	var out C.sst_tensor
	p, n := ints(shape)
	st := C.sst_view(t.ptr("View"), p, n, &out)
	runtime.KeepAlive(t)
	return result("View", &out, st)
}

// Reshape returns t with a new shape, a view when possible (Tensor.reshape).
func (t *Tensor) Reshape(shape ...int64) *Tensor {
	var out C.sst_tensor
	p, n := ints(shape)
	st := C.sst_reshape(t.ptr("Reshape"), p, n, &out)
	runtime.KeepAlive(t)
	return result("Reshape", &out, st)
}

// Expand broadcasts size-1 dimensions to the given shape without copying;
// -1 keeps a size (Tensor.expand).
func (t *Tensor) Expand(shape ...int64) *Tensor {
	var out C.sst_tensor
	p, n := ints(shape)
	st := C.sst_expand(t.ptr("Expand"), p, n, &out)
	runtime.KeepAlive(t)
	return result("Expand", &out, st)
}

// Repeat tiles t reps[i] times along each dimension (Tensor.repeat).
func (t *Tensor) Repeat(reps ...int64) *Tensor {
	var out C.sst_tensor
	p, n := ints(reps)
	st := C.sst_repeat(t.ptr("Repeat"), p, n, &out)
	runtime.KeepAlive(t)
	return result("Repeat", &out, st)
}

// Permute reorders the dimensions (Tensor.permute).
func (t *Tensor) Permute(dims ...int64) *Tensor {
	var out C.sst_tensor
	p, n := ints(dims)
	st := C.sst_permute(t.ptr("Permute"), p, n, &out)
	runtime.KeepAlive(t)
	return result("Permute", &out, st)
}

// Transpose swaps dimensions d0 and d1 (Tensor.transpose).
func (t *Tensor) Transpose(d0, d1 int64) *Tensor {
	var out C.sst_tensor
	st := C.sst_transpose(t.ptr("Transpose"), C.int64_t(d0), C.int64_t(d1), &out)
	runtime.KeepAlive(t)
	return result("Transpose", &out, st)
}

// MemoryFormat is a tensor's physical layout.
type MemoryFormat int

// The memory formats of at::MemoryFormat that selfsup uses.
const (
	ContiguousFormat MemoryFormat = 0 // row-major (NCHW)
	ChannelsLast     MemoryFormat = 1 // NHWC strides for 4-d tensors
	PreserveFormat   MemoryFormat = 2 // keep the input's layout
)

// Contiguous returns t laid out in row-major order, t itself (a new handle)
// if it already is (Tensor.contiguous).
func (t *Tensor) Contiguous() *Tensor { return t.ContiguousAs(ContiguousFormat) }

// ContiguousAs returns t laid out in the given memory format, e.g.
// ChannelsLast (Tensor.contiguous(memory_format=...)).
func (t *Tensor) ContiguousAs(f MemoryFormat) *Tensor {
	var out C.sst_tensor
	st := C.sst_contiguous(t.ptr("Contiguous"), C.int(f), &out)
	runtime.KeepAlive(t)
	return result("Contiguous", &out, st)
}

// Narrow returns the view of length elements from start along dim
// (Tensor.narrow).
func (t *Tensor) Narrow(dim, start, length int64) *Tensor {
	var out C.sst_tensor
	st := C.sst_narrow(t.ptr("Narrow"), C.int64_t(dim), C.int64_t(start), C.int64_t(length), &out)
	runtime.KeepAlive(t)
	return result("Narrow", &out, st)
}

// Slice returns the view t[start:end:step] along dim (Python slicing; end is
// clamped to the size).
func (t *Tensor) Slice(dim, start, end, step int64) *Tensor {
	var out C.sst_tensor
	st := C.sst_slice(t.ptr("Slice"), C.int64_t(dim), C.int64_t(start), C.int64_t(end), C.int64_t(step), &out)
	runtime.KeepAlive(t)
	return result("Slice", &out, st)
}

// Select returns the view at index along dim, which it removes (t[i] for dim 0).
func (t *Tensor) Select(dim, index int64) *Tensor {
	var out C.sst_tensor
	st := C.sst_select(t.ptr("Select"), C.int64_t(dim), C.int64_t(index), &out)
	runtime.KeepAlive(t)
	return result("Select", &out, st)
}

// IndexSelect gathers the entries at index (int64, 1-d) along dim
// (Tensor.index_select).
func (t *Tensor) IndexSelect(dim int64, index *Tensor) *Tensor {
	var out C.sst_tensor
	st := C.sst_index_select(t.ptr("IndexSelect"), C.int64_t(dim), index.ptr("IndexSelect"), &out)
	runtime.KeepAlive(t)
	runtime.KeepAlive(index)
	return result("IndexSelect", &out, st)
}

// Gather picks values along dim at index (Tensor.gather).
func (t *Tensor) Gather(dim int64, index *Tensor) *Tensor {
	var out C.sst_tensor
	st := C.sst_gather(t.ptr("Gather"), C.int64_t(dim), index.ptr("Gather"), &out)
	runtime.KeepAlive(t)
	runtime.KeepAlive(index)
	return result("Gather", &out, st)
}

// Scatter returns a copy of t with src's values written at index along dim
// (Tensor.scatter).
func (t *Tensor) Scatter(dim int64, index, src *Tensor) *Tensor {
	var out C.sst_tensor
	st := C.sst_scatter(t.ptr("Scatter"), C.int64_t(dim), index.ptr("Scatter"), src.ptr("Scatter"), 0, 0, &out)
	runtime.KeepAlive(t)
	runtime.KeepAlive(index)
	runtime.KeepAlive(src)
	return result("Scatter", &out, st)
}

// ScatterValue returns a copy of t with v written at index along dim.
func (t *Tensor) ScatterValue(dim int64, index *Tensor, v float64) *Tensor {
	var out C.sst_tensor
	st := C.sst_scatter(t.ptr("ScatterValue"), C.int64_t(dim), index.ptr("ScatterValue"), nil, C.double(v), 0, &out)
	runtime.KeepAlive(t)
	runtime.KeepAlive(index)
	return result("ScatterValue", &out, st)
}

// Scatter_ writes src's values into t at index along dim, in place; it
// returns t.
func (t *Tensor) Scatter_(dim int64, index, src *Tensor) *Tensor {
	st := C.sst_scatter(t.ptr("Scatter_"), C.int64_t(dim), index.ptr("Scatter_"), src.ptr("Scatter_"), 0, 1, nil)
	runtime.KeepAlive(t)
	runtime.KeepAlive(index)
	runtime.KeepAlive(src)
	check("Scatter_", st)
	return t
}

// ScatterValue_ writes v into t at index along dim, in place
// (Tensor.scatter_(dim, index, value)); it returns t.
func (t *Tensor) ScatterValue_(dim int64, index *Tensor, v float64) *Tensor {
	st := C.sst_scatter(t.ptr("ScatterValue_"), C.int64_t(dim), index.ptr("ScatterValue_"), nil, C.double(v), 1, nil)
	runtime.KeepAlive(t)
	runtime.KeepAlive(index)
	check("ScatterValue_", st)
	return t
}

// MaskedFill returns a copy of t with v where mask (bool, broadcastable) is
// true (Tensor.masked_fill).
func (t *Tensor) MaskedFill(mask *Tensor, v float64) *Tensor {
	var out C.sst_tensor
	st := C.sst_masked_fill(t.ptr("MaskedFill"), mask.ptr("MaskedFill"), C.double(v), 0, &out)
	runtime.KeepAlive(t)
	runtime.KeepAlive(mask)
	return result("MaskedFill", &out, st)
}

// MaskedFill_ is MaskedFill in place; it returns t.
func (t *Tensor) MaskedFill_(mask *Tensor, v float64) *Tensor {
	st := C.sst_masked_fill(t.ptr("MaskedFill_"), mask.ptr("MaskedFill_"), C.double(v), 1, nil)
	runtime.KeepAlive(t)
	runtime.KeepAlive(mask)
	check("MaskedFill_", st)
	return t
}

// Where picks a where cond is true and b elsewhere, broadcasting
// (torch.where).
func Where(cond, a, b *Tensor) *Tensor {
	var out C.sst_tensor
	st := C.sst_where(cond.ptr("Where"), a.ptr("Where"), b.ptr("Where"), &out)
	runtime.KeepAlive(cond)
	runtime.KeepAlive(a)
	runtime.KeepAlive(b)
	return result("Where", &out, st)
}

// Cat concatenates tensors along an existing dim (torch.cat).
func Cat(ts []*Tensor, dim int64) *Tensor {
	var out C.sst_tensor
	hs := handles("Cat", ts)
	st := C.sst_cat(first(hs), C.int(len(hs)), C.int64_t(dim), &out)
	runtime.KeepAlive(ts)
	return result("Cat", &out, st)
}

// Stack joins same-shaped tensors along a new dim (torch.stack).
func Stack(ts []*Tensor, dim int64) *Tensor {
	var out C.sst_tensor
	hs := handles("Stack", ts)
	st := C.sst_stack(first(hs), C.int(len(hs)), C.int64_t(dim), &out)
	runtime.KeepAlive(ts)
	return result("Stack", &out, st)
}

// Chunk splits t into at most chunks views along dim (Tensor.chunk).
func (t *Tensor) Chunk(chunks, dim int64) []*Tensor {
	var outs *C.sst_tensor
	var n C.int
	st := C.sst_chunk(t.ptr("Chunk"), C.int64_t(chunks), C.int64_t(dim), &outs, &n)
	runtime.KeepAlive(t)
	return results("Chunk", &outs, &n, st)
}

// Split splits t along dim into views of the given sizes; a single size
// gives equal pieces with a smaller last one (torch.split).
func (t *Tensor) Split(sizes []int64, dim int64) []*Tensor {
	var outs *C.sst_tensor
	var n C.int
	p, ns := ints(sizes)
	st := C.sst_split(t.ptr("Split"), p, ns, C.int64_t(dim), &outs, &n)
	runtime.KeepAlive(t)
	return results("Split", &outs, &n, st)
}

// Flatten merges dimensions start..end into one (Tensor.flatten; end -1 is
// the last).
func (t *Tensor) Flatten(start, end int64) *Tensor {
	var out C.sst_tensor
	st := C.sst_flatten(t.ptr("Flatten"), C.int64_t(start), C.int64_t(end), &out)
	runtime.KeepAlive(t)
	return result("Flatten", &out, st)
}

// Unsqueeze inserts a size-1 dimension at dim (Tensor.unsqueeze).
func (t *Tensor) Unsqueeze(dim int64) *Tensor {
	var out C.sst_tensor
	st := C.sst_unsqueeze(t.ptr("Unsqueeze"), C.int64_t(dim), &out)
	runtime.KeepAlive(t)
	return result("Unsqueeze", &out, st)
}

// Squeeze removes dimension dim if it has size 1 (Tensor.squeeze(dim)).
func (t *Tensor) Squeeze(dim int64) *Tensor {
	var out C.sst_tensor
	st := C.sst_squeeze(t.ptr("Squeeze"), C.int64_t(dim), 0, &out)
	runtime.KeepAlive(t)
	return result("Squeeze", &out, st)
}

// SqueezeAll removes every size-1 dimension (Tensor.squeeze()).
func (t *Tensor) SqueezeAll() *Tensor {
	var out C.sst_tensor
	st := C.sst_squeeze(t.ptr("SqueezeAll"), 0, 1, &out)
	runtime.KeepAlive(t)
	return result("SqueezeAll", &out, st)
}

// ToOptions says where Tensor.ToWith moves a tensor. A nil field keeps what
// the tensor has (PreserveFormat for the layout); NonBlocking lets a copy
// between pinned host memory and CUDA overlap with the caller; Copy forces a
// new tensor even if nothing changes.
type ToOptions struct {
	Device       *Device
	DType        *DType
	MemoryFormat *MemoryFormat
	NonBlocking  bool
	Copy         bool
}

// To returns t on device d (Tensor.to(device)); t itself, as a new handle,
// if it is there already.
func (t *Tensor) To(d Device) *Tensor { return t.ToWith(ToOptions{Device: &d}) }

// ToDType returns t converted to dtype (Tensor.to(dtype)).
func (t *Tensor) ToDType(dtype DType) *Tensor { return t.ToWith(ToOptions{DType: &dtype}) }

// ToMemoryFormat returns t in memory format f, e.g. ChannelsLast
// (Tensor.to(memory_format=f)).
func (t *Tensor) ToMemoryFormat(f MemoryFormat) *Tensor {
	return t.ToWith(ToOptions{MemoryFormat: &f})
}

// ToWith is Tensor.to with all of its options.
func (t *Tensor) ToWith(o ToOptions) *Tensor {
	devType, devIndex, dtype := C.int(-1), C.int(-1), C.int(-1)
	if o.Device != nil {
		devType, devIndex = C.int(o.Device.Type), C.int(o.Device.Index)
	}
	if o.DType != nil {
		o.DType.mustBeKnown("To")
		dtype = C.int(*o.DType)
	}
	format := PreserveFormat
	if o.MemoryFormat != nil {
		format = *o.MemoryFormat
	}
	var out C.sst_tensor
	st := C.sst_to(t.ptr("To"), devType, devIndex, dtype, cbool(o.NonBlocking), cbool(o.Copy), C.int(format), &out)
	runtime.KeepAlive(t)
	return result("To", &out, st)
}

// PinMemory returns a copy of a CPU tensor in page-locked memory
// (Tensor.pin_memory); it needs CUDA.
func (t *Tensor) PinMemory() *Tensor {
	var out C.sst_tensor
	st := C.sst_pin_memory(t.ptr("PinMemory"), &out)
	runtime.KeepAlive(t)
	return result("PinMemory", &out, st)
}

// IsPinned reports whether t is in page-locked host memory.
func (t *Tensor) IsPinned() bool {
	var p C.int
	st := C.sst_is_pinned(t.ptr("IsPinned"), &p)
	runtime.KeepAlive(t)
	check("IsPinned", st)
	return p != 0
}

// Clone returns a copy of t that autograd tracks (Tensor.clone).
func (t *Tensor) Clone() *Tensor {
	var out C.sst_tensor
	st := C.sst_clone(t.ptr("Clone"), &out)
	runtime.KeepAlive(t)
	return result("Clone", &out, st)
}

// Detach returns a view of t outside the autograd graph (Tensor.detach).
func (t *Tensor) Detach() *Tensor {
	var out C.sst_tensor
	st := C.sst_detach(t.ptr("Detach"), &out)
	runtime.KeepAlive(t)
	return result("Detach", &out, st)
}

// Copy_ copies src into t in place, broadcasting and converting
// (Tensor.copy_); nonBlocking overlaps a pinned-host/CUDA copy. It returns t.
func (t *Tensor) Copy_(src *Tensor, nonBlocking bool) *Tensor {
	st := C.sst_copy_(t.ptr("Copy_"), src.ptr("Copy_"), cbool(nonBlocking))
	runtime.KeepAlive(t)
	runtime.KeepAlive(src)
	check("Copy_", st)
	return t
}

// Alias returns a new handle to the same tensor: same storage, same autograd
// identity, closed independently of t.
func (t *Tensor) Alias() *Tensor {
	var out C.sst_tensor
	st := C.sst_alias(t.ptr("Alias"), &out)
	runtime.KeepAlive(t)
	return result("Alias", &out, st)
}

func cbool(b bool) C.int {
	if b {
		return 1
	}
	return 0
}
