package torch

/*
#include "shim.h"
*/
import "C"

import "runtime"

// Conv2dOptions are F.conv2d's stride, padding, dilation and groups; zero
// values mean PyTorch's defaults (1, 0, 1, 1).
type Conv2dOptions struct {
	Stride, Padding, Dilation [2]int64
	Groups                    int64
}

func orDefault(v [2]int64, d int64) [2]int64 {
	if v == [2]int64{} {
		return [2]int64{d, d}
	}
	return v
}

// Conv2d convolves an N×C×H×W input with weight (out×C/groups×kH×kW) and
// an optional bias (F.conv2d).
func (t *Tensor) Conv2d(weight, bias *Tensor, o Conv2dOptions) *Tensor {
	stride, dilation := orDefault(o.Stride, 1), orDefault(o.Dilation, 1)
	groups := o.Groups
	if groups == 0 {
		groups = 1
	}
	var out C.sst_tensor
	st := C.sst_conv2d(t.ptr("Conv2d"), weight.ptr("Conv2d"), bias.optPtr("Conv2d"),
		(*C.int64_t)(&stride[0]), (*C.int64_t)(&o.Padding[0]), (*C.int64_t)(&dilation[0]), C.int64_t(groups), &out)
	runtime.KeepAlive(t)
	runtime.KeepAlive(weight)
	runtime.KeepAlive(bias)
	return result("Conv2d", &out, st)
}

// BatchNorm normalises over the batch, with F.batch_norm's arguments in its
// order: the running statistics, then the affine weight and bias; any of the
// four may be nil. In training it uses the batch statistics and updates the
// running ones in place with momentum; in evaluation it uses the running
// ones.
func (t *Tensor) BatchNorm(runningMean, runningVar, weight, bias *Tensor, training bool, momentum, eps float64) *Tensor {
	var out C.sst_tensor
	st := C.sst_batch_norm(t.ptr("BatchNorm"), weight.optPtr("BatchNorm"), bias.optPtr("BatchNorm"),
		runningMean.optPtr("BatchNorm"), runningVar.optPtr("BatchNorm"), cbool(training), C.double(momentum), C.double(eps), &out)
	runtime.KeepAlive(t)
	runtime.KeepAlive(weight)
	runtime.KeepAlive(bias)
	runtime.KeepAlive(runningMean)
	runtime.KeepAlive(runningVar)
	return result("BatchNorm", &out, st)
}

// Linear returns t @ weightᵀ + bias; bias may be nil (F.linear).
func (t *Tensor) Linear(weight, bias *Tensor) *Tensor {
	var out C.sst_tensor
	st := C.sst_linear(t.ptr("Linear"), weight.ptr("Linear"), bias.optPtr("Linear"), &out)
	runtime.KeepAlive(t)
	runtime.KeepAlive(weight)
	runtime.KeepAlive(bias)
	return result("Linear", &out, st)
}

// Gelu is the Gaussian error linear unit; tanh selects the tanh
// approximation (F.gelu(approximate="tanh")).
func (t *Tensor) Gelu(tanh bool) *Tensor {
	var out C.sst_tensor
	st := C.sst_gelu(t.ptr("Gelu"), cbool(tanh), &out)
	runtime.KeepAlive(t)
	return result("Gelu", &out, st)
}

// Pool2dOptions are the window options of 2-d pooling; a zero Stride means
// the kernel size, a zero Dilation 1.
type Pool2dOptions struct {
	Kernel, Stride, Padding, Dilation [2]int64
	CeilMode                          bool
	// ExcludePad leaves padding out of avg-pool's divisor
	// (count_include_pad=False); PyTorch counts it by default.
	ExcludePad bool
}

// MaxPool2d is F.max_pool2d.
func (t *Tensor) MaxPool2d(o Pool2dOptions) *Tensor {
	stride := o.Stride
	if stride == [2]int64{} {
		stride = o.Kernel
	}
	dilation := orDefault(o.Dilation, 1)
	var out C.sst_tensor
	st := C.sst_max_pool2d(t.ptr("MaxPool2d"), (*C.int64_t)(&o.Kernel[0]), (*C.int64_t)(&stride[0]),
		(*C.int64_t)(&o.Padding[0]), (*C.int64_t)(&dilation[0]), cbool(o.CeilMode), &out)
	runtime.KeepAlive(t)
	return result("MaxPool2d", &out, st)
}

// AvgPool2d is F.avg_pool2d, which has no dilation: a Dilation other than
// zero or 1×1 is an error.
func (t *Tensor) AvgPool2d(o Pool2dOptions) *Tensor {
	if d := orDefault(o.Dilation, 1); d != [2]int64{1, 1} {
		fail("AvgPool2d", "avg_pool2d has no dilation, got %v", d)
	}
	stride := o.Stride
	if stride == [2]int64{} {
		stride = o.Kernel
	}
	var out C.sst_tensor
	st := C.sst_avg_pool2d(t.ptr("AvgPool2d"), (*C.int64_t)(&o.Kernel[0]), (*C.int64_t)(&stride[0]),
		(*C.int64_t)(&o.Padding[0]), cbool(o.CeilMode), cbool(!o.ExcludePad), &out)
	runtime.KeepAlive(t)
	return result("AvgPool2d", &out, st)
}

// AdaptiveAvgPool2d averages into an h×w output (F.adaptive_avg_pool2d).
func (t *Tensor) AdaptiveAvgPool2d(h, w int64) *Tensor {
	size := [2]int64{h, w}
	var out C.sst_tensor
	st := C.sst_adaptive_avg_pool2d(t.ptr("AdaptiveAvgPool2d"), (*C.int64_t)(&size[0]), &out)
	runtime.KeepAlive(t)
	return result("AdaptiveAvgPool2d", &out, st)
}

// Dropout zeroes elements with probability p and scales the rest by
// 1/(1-p) when training; otherwise it returns t unchanged (F.dropout).
func (t *Tensor) Dropout(p float64, training bool) *Tensor {
	var out C.sst_tensor
	st := C.sst_dropout(t.ptr("Dropout"), C.double(p), cbool(training), 0, &out)
	runtime.KeepAlive(t)
	return result("Dropout", &out, st)
}

// Softmax is F.softmax along dim.
func (t *Tensor) Softmax(dim int64) *Tensor {
	var out C.sst_tensor
	st := C.sst_softmax(t.ptr("Softmax"), C.int64_t(dim), 0, &out)
	runtime.KeepAlive(t)
	return result("Softmax", &out, st)
}

// LogSoftmax is F.log_softmax along dim.
func (t *Tensor) LogSoftmax(dim int64) *Tensor {
	var out C.sst_tensor
	st := C.sst_softmax(t.ptr("LogSoftmax"), C.int64_t(dim), 1, &out)
	runtime.KeepAlive(t)
	return result("LogSoftmax", &out, st)
}

// Reduction says how a loss combines its per-element values. The zero value
// is the mean, PyTorch's default.
type Reduction int

// Loss reductions.
const (
	ReductionMean Reduction = iota
	ReductionSum
	ReductionNone
)

// aten maps a Reduction onto at::Reduction (None 0, Mean 1, Sum 2).
func (r Reduction) aten(op string) C.int {
	switch r {
	case ReductionMean:
		return 1
	case ReductionSum:
		return 2
	case ReductionNone:
		return 0
	}
	fail(op, "unknown reduction %d", int(r))
	return 0
}

// CrossEntropyOptions are F.cross_entropy's options; the zero value is
// PyTorch's default (mean, no class weights, no ignored index, no
// smoothing).
type CrossEntropyOptions struct {
	Weight    *Tensor // per-class weights, or nil
	Reduction Reduction
	// IgnoreIndex, when set, names a target class whose samples add nothing
	// to the loss nor to the mean's divisor (ignore_index; PyTorch's default
	// -100 matches no class).
	IgnoreIndex    *int64
	LabelSmoothing float64
}

// CrossEntropy is F.cross_entropy of logits (N×C, or N×C×d… for
// per-position classes) against class indices (int64, N or N×d…) or class
// probabilities (the shape of logits).
func CrossEntropy(logits, target *Tensor, o CrossEntropyOptions) *Tensor {
	ignore := int64(-100)
	if o.IgnoreIndex != nil {
		ignore = *o.IgnoreIndex
	}
	var out C.sst_tensor
	st := C.sst_cross_entropy(logits.ptr("CrossEntropy"), target.ptr("CrossEntropy"), o.Weight.optPtr("CrossEntropy"),
		o.Reduction.aten("CrossEntropy"), C.int64_t(ignore), C.double(o.LabelSmoothing), &out)
	runtime.KeepAlive(logits)
	runtime.KeepAlive(target)
	runtime.KeepAlive(o.Weight)
	return result("CrossEntropy", &out, st)
}

// BCEWithLogits is F.binary_cross_entropy_with_logits; target has the shape
// of logits, weight and posWeight may be nil (or broadcast against it).
func BCEWithLogits(logits, target, weight, posWeight *Tensor, r Reduction) *Tensor {
	var out C.sst_tensor
	st := C.sst_bce_with_logits(logits.ptr("BCEWithLogits"), target.ptr("BCEWithLogits"),
		weight.optPtr("BCEWithLogits"), posWeight.optPtr("BCEWithLogits"), r.aten("BCEWithLogits"), &out)
	runtime.KeepAlive(logits)
	runtime.KeepAlive(target)
	runtime.KeepAlive(weight)
	runtime.KeepAlive(posWeight)
	return result("BCEWithLogits", &out, st)
}

// Normalize divides t by its p-norm along dim, at least eps
// (F.normalize(t, p, dim, eps)); PyTorch's defaults are p 2, dim 1, eps 1e-12.
func (t *Tensor) Normalize(p float64, dim int64, eps float64) *Tensor {
	var out C.sst_tensor
	st := C.sst_normalize(t.ptr("Normalize"), C.double(p), C.int64_t(dim), C.double(eps), &out)
	runtime.KeepAlive(t)
	return result("Normalize", &out, st)
}

// CosineSimilarity is F.cosine_similarity along dim (PyTorch's defaults:
// dim 1, eps 1e-8).
func CosineSimilarity(a, b *Tensor, dim int64, eps float64) *Tensor {
	var out C.sst_tensor
	st := C.sst_cosine_similarity(a.ptr("CosineSimilarity"), b.ptr("CosineSimilarity"), C.int64_t(dim), C.double(eps), &out)
	runtime.KeepAlive(a)
	runtime.KeepAlive(b)
	return result("CosineSimilarity", &out, st)
}

// OneHot encodes int64 class indices as int64 one-hot rows; numClasses -1
// infers it (F.one_hot).
func (t *Tensor) OneHot(numClasses int64) *Tensor {
	var out C.sst_tensor
	st := C.sst_one_hot(t.ptr("OneHot"), C.int64_t(numClasses), &out)
	runtime.KeepAlive(t)
	return result("OneHot", &out, st)
}

// TopK returns the k largest (or smallest) values along dim and their
// indices (torch.topk).
func (t *Tensor) TopK(k, dim int64, largest, sorted bool) (values, indices *Tensor) {
	var v, i C.sst_tensor
	st := C.sst_topk(t.ptr("TopK"), C.int64_t(k), C.int64_t(dim), cbool(largest), cbool(sorted), &v, &i)
	runtime.KeepAlive(t)
	tok := check("TopK", st)
	return newTensor(v, tok), newTensor(i, tok)
}

// InterpolateMode is F.interpolate's mode.
type InterpolateMode int

// The interpolation modes of 2-d resizing.
const (
	Nearest  InterpolateMode = 0
	Bilinear InterpolateMode = 1
	Bicubic  InterpolateMode = 2
)

// InterpolateOptions are F.interpolate's options for N×C×H×W input: exactly
// one of Size and Scale is set, and AlignCorners only with Bilinear or
// Bicubic.
type InterpolateOptions struct {
	Size         [2]int64
	Scale        [2]float64
	Mode         InterpolateMode
	AlignCorners bool
	Antialias    bool // bilinear and bicubic only
}

// Interpolate resizes the spatial dimensions (F.interpolate).
func (t *Tensor) Interpolate(o InterpolateOptions) *Tensor {
	var size *C.int64_t
	var scale *C.double
	if o.Size != [2]int64{} {
		size = (*C.int64_t)(&o.Size[0])
	}
	if o.Scale != [2]float64{} {
		scale = (*C.double)(&o.Scale[0])
	}
	if (size == nil) == (scale == nil) {
		fail("Interpolate", "set exactly one of Size and Scale, got size %v and scale %v", o.Size, o.Scale)
	}
	var out C.sst_tensor
	st := C.sst_interpolate(t.ptr("Interpolate"), size, scale, C.int(o.Mode), cbool(o.AlignCorners), cbool(o.Antialias), &out)
	runtime.KeepAlive(t)
	return result("Interpolate", &out, st)
}

// PadMode is F.pad's mode.
type PadMode int

// The padding modes of Pad.
const (
	PadConstant  PadMode = 0
	PadReflect   PadMode = 1
	PadReplicate PadMode = 2
	PadCircular  PadMode = 3
)

// Pad pads the last len(pad)/2 dimensions (F.pad): pad lists the low and
// high amounts of the last dimension, then of the one before, and so on.
// Constant mode fills with value (negative amounts crop); the other modes
// take a zero value and pad the trailing 1 to 3 dimensions of a 2-d to
// 5-d input as PyTorch allows them.
func (t *Tensor) Pad(pad []int64, mode PadMode, value float64) *Tensor {
	var out C.sst_tensor
	p, n := ints(pad)
	st := C.sst_pad(t.ptr("Pad"), p, n, C.int(mode), C.double(value), &out)
	runtime.KeepAlive(t)
	runtime.KeepAlive(pad)
	return result("Pad", &out, st)
}
