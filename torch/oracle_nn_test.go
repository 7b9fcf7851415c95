package torch

import (
	"strings"
	"testing"
)

// Go twins of third_party/pytorch/cases_nn.py (torch.nn.functional).

// nnCase adapts a single-result function of the inputs.
func nnCase(f func(in []*Tensor) *Tensor) opCase {
	return func(in []*Tensor) []*Tensor { return one(f(in)) }
}

func nnConv(o Conv2dOptions) opCase {
	return nnCase(func(in []*Tensor) *Tensor {
		var b *Tensor
		if len(in) > 2 {
			b = in[2]
		}
		return in[0].Conv2d(in[1], b, o)
	})
}

// bnTrain is batch_norm in training; it returns the output and the running
// statistics it updated in place (clones of the inputs, as in Python).
func nnBatchNormTrain(momentum, eps float64) opCase {
	return func(in []*Tensor) []*Tensor {
		rm, rv := in[3].Clone(), in[4].Clone()
		y := in[0].BatchNorm(rm, rv, in[1], in[2], true, momentum, eps)
		return []*Tensor{y, rm, rv}
	}
}

func nnMaxPool(o Pool2dOptions) opCase {
	return nnCase(func(in []*Tensor) *Tensor { return in[0].MaxPool2d(o) })
}

func nnAvgPool(o Pool2dOptions) opCase {
	return nnCase(func(in []*Tensor) *Tensor { return in[0].AvgPool2d(o) })
}

func nnAdaptive(h, w int64) opCase {
	return nnCase(func(in []*Tensor) *Tensor { return in[0].AdaptiveAvgPool2d(h, w) })
}

func nnSeededDropout(seed uint64, p float64) opCase {
	return nnCase(func(in []*Tensor) *Tensor {
		ManualSeed(seed)
		return in[0].Dropout(p, true)
	})
}

func nnSoftmax(dim int64, log bool) opCase {
	return nnCase(func(in []*Tensor) *Tensor {
		if log {
			return in[0].LogSoftmax(dim)
		}
		return in[0].Softmax(dim)
	})
}

// ce is cross_entropy of in[0] against in[1], with in[2] as per-class
// weights when present.
func nnCrossEntropy(r Reduction, ignore int64, smoothing float64) opCase {
	return nnCase(func(in []*Tensor) *Tensor {
		o := CrossEntropyOptions{Reduction: r, LabelSmoothing: smoothing}
		if ignore != -100 {
			o.IgnoreIndex = &ignore
		}
		if len(in) > 2 {
			o.Weight = in[2]
		}
		return CrossEntropy(in[0], in[1], o)
	})
}

// bce is binary_cross_entropy_with_logits; the inputs after logits and
// target are those that hasWeight and hasPos say are present.
func nnBCE(hasWeight, hasPos bool, r Reduction) opCase {
	return nnCase(func(in []*Tensor) *Tensor {
		var w, pw *Tensor
		k := 2
		if hasWeight {
			w, k = in[k], k+1
		}
		if hasPos {
			pw = in[k]
		}
		return BCEWithLogits(in[0], in[1], w, pw, r)
	})
}

func nnNormalize(p float64, dim int64, eps float64) opCase {
	return nnCase(func(in []*Tensor) *Tensor { return in[0].Normalize(p, dim, eps) })
}

func nnCosine(dim int64, eps float64) opCase {
	return nnCase(func(in []*Tensor) *Tensor { return CosineSimilarity(in[0], in[1], dim, eps) })
}

func nnTopk(k, dim int64, largest bool) opCase {
	return func(in []*Tensor) []*Tensor { return two(in[0].TopK(k, dim, largest, true)) }
}

func nnInterp(o InterpolateOptions) opCase {
	return nnCase(func(in []*Tensor) *Tensor { return in[0].Interpolate(o) })
}

func init() {
	registerCases(map[string]opCase{
		"conv2d_stride_pad":      nnConv(Conv2dOptions{Stride: [2]int64{2, 2}, Padding: [2]int64{1, 1}}),
		"conv2d_dilation_nobias": nnConv(Conv2dOptions{Stride: [2]int64{1, 2}, Padding: [2]int64{2, 1}, Dilation: [2]int64{2, 2}}),
		"conv2d_groups":          nnConv(Conv2dOptions{Padding: [2]int64{1, 1}, Groups: 2}),
		"conv2d_depthwise":       nnConv(Conv2dOptions{Stride: [2]int64{2, 2}, Padding: [2]int64{1, 1}, Groups: 4}),
		"conv2d_f64":             nnConv(Conv2dOptions{Padding: [2]int64{1, 1}}),

		"batch_norm_train":          nnBatchNormTrain(0.1, 1e-5),
		"batch_norm_train_momentum": nnBatchNormTrain(0.3, 1e-3),
		"batch_norm_eval": nnCase(func(in []*Tensor) *Tensor {
			return in[0].BatchNorm(in[3], in[4], in[1], in[2], false, 0.1, 1e-5)
		}),
		"batch_norm_no_affine": nnCase(func(in []*Tensor) *Tensor {
			return in[0].BatchNorm(nil, nil, nil, nil, true, 0.1, 1e-5)
		}),
		"batch_norm_eval_no_affine": nnCase(func(in []*Tensor) *Tensor {
			return in[0].BatchNorm(in[1], in[2], nil, nil, false, 0.1, 1e-3)
		}),

		"linear_bias":   nnCase(func(in []*Tensor) *Tensor { return in[0].Linear(in[1], in[2]) }),
		"linear_nobias": nnCase(func(in []*Tensor) *Tensor { return in[0].Linear(in[1], nil) }),
		"linear_3d":     nnCase(func(in []*Tensor) *Tensor { return in[0].Linear(in[1], in[2]) }),

		"gelu_none":   nnCase(func(in []*Tensor) *Tensor { return in[0].Gelu(false) }),
		"gelu_tanh":   nnCase(func(in []*Tensor) *Tensor { return in[0].Gelu(true) }),
		"gelu_f64":    nnCase(func(in []*Tensor) *Tensor { return in[0].Gelu(false) }),
		"sigmoid":     nnCase(func(in []*Tensor) *Tensor { return in[0].Sigmoid() }),
		"sigmoid_f64": nnCase(func(in []*Tensor) *Tensor { return in[0].Sigmoid() }),

		"max_pool2d_k2":     nnMaxPool(Pool2dOptions{Kernel: [2]int64{2, 2}}),
		"max_pool2d_k3s2p1": nnMaxPool(Pool2dOptions{Kernel: [2]int64{3, 3}, Stride: [2]int64{2, 2}, Padding: [2]int64{1, 1}}),
		"max_pool2d_dilation_ceil": nnMaxPool(Pool2dOptions{Kernel: [2]int64{3, 2}, Stride: [2]int64{2, 1},
			Padding: [2]int64{1, 0}, Dilation: [2]int64{2, 1}, CeilMode: true}),
		"max_pool2d_ceil": nnMaxPool(Pool2dOptions{Kernel: [2]int64{2, 2}, Stride: [2]int64{2, 2}, CeilMode: true}),

		"avg_pool2d_include_pad": nnAvgPool(Pool2dOptions{Kernel: [2]int64{3, 3}, Stride: [2]int64{2, 2}, Padding: [2]int64{1, 1}}),
		"avg_pool2d_exclude_pad": nnAvgPool(Pool2dOptions{Kernel: [2]int64{3, 3}, Stride: [2]int64{2, 2}, Padding: [2]int64{1, 1}, ExcludePad: true}),
		"avg_pool2d_ceil_include": nnAvgPool(Pool2dOptions{Kernel: [2]int64{3, 2}, Stride: [2]int64{2, 2}, Padding: [2]int64{1, 1},
			CeilMode: true}),
		"avg_pool2d_ceil_exclude": nnAvgPool(Pool2dOptions{Kernel: [2]int64{3, 3}, Stride: [2]int64{2, 2}, Padding: [2]int64{0, 1},
			CeilMode: true, ExcludePad: true}),

		"adaptive_avg_pool2d_1x1":    nnAdaptive(1, 1),
		"adaptive_avg_pool2d_nondiv": nnAdaptive(3, 4),
		"adaptive_avg_pool2d_up":     nnAdaptive(5, 7),

		"dropout_train_p05": nnSeededDropout(123, 0.5),
		"dropout_train_p02": nnSeededDropout(7, 0.2),
		"dropout_eval":      nnCase(func(in []*Tensor) *Tensor { return in[0].Dropout(0.5, false) }),

		"softmax_dim1":             nnSoftmax(1, false),
		"softmax_dim0_3d":          nnSoftmax(0, false),
		"softmax_dim_last":         nnSoftmax(-1, false),
		"log_softmax_dim1":         nnSoftmax(1, true),
		"log_softmax_dim0_3d":      nnSoftmax(0, true),
		"log_softmax_dim_last_f64": nnSoftmax(-1, true),

		"cross_entropy":                             nnCrossEntropy(ReductionMean, -100, 0),
		"cross_entropy_sum":                         nnCrossEntropy(ReductionSum, -100, 0),
		"cross_entropy_none":                        nnCrossEntropy(ReductionNone, -100, 0),
		"cross_entropy_weight":                      nnCrossEntropy(ReductionMean, -100, 0),
		"cross_entropy_label_smoothing":             nnCrossEntropy(ReductionMean, -100, 0.1),
		"cross_entropy_ignore_index":                nnCrossEntropy(ReductionMean, 2, 0),
		"cross_entropy_ignore_weight_smoothing_sum": nnCrossEntropy(ReductionSum, -100, 0.2),
		"cross_entropy_spatial":                     nnCrossEntropy(ReductionMean, -100, 0),
		"cross_entropy_probs":                       nnCrossEntropy(ReductionMean, -100, 0),
		"cross_entropy_probs_weight_smoothing_none": nnCrossEntropy(ReductionNone, -100, 0.2),
		"cross_entropy_probs_sum":                   nnCrossEntropy(ReductionSum, -100, 0),

		"bce_logits_mean":            nnBCE(false, false, ReductionMean),
		"bce_logits_weight_sum":      nnBCE(true, false, ReductionSum),
		"bce_logits_pos_weight_none": nnBCE(false, true, ReductionNone),
		"bce_logits_both_mean":       nnBCE(true, true, ReductionMean),

		"normalize_p2_dim1":           nnNormalize(2, 1, 1e-12),
		"normalize_p1_dim0":           nnNormalize(1, 0, 1e-12),
		"normalize_p2_dim_last_3d":    nnNormalize(2, -1, 1e-12),
		"normalize_eps":               nnNormalize(2, 1, 1e-2),
		"cosine_similarity_dim1":      nnCosine(1, 1e-8),
		"cosine_similarity_broadcast": nnCosine(-1, 1e-8),
		"cosine_similarity_dim0_3d":   nnCosine(0, 1e-6),

		"one_hot_infer":        nnCase(func(in []*Tensor) *Tensor { return in[0].OneHot(-1) }),
		"one_hot_classes":      nnCase(func(in []*Tensor) *Tensor { return in[0].OneHot(6) }),
		"topk_largest_last":    nnTopk(3, -1, true),
		"topk_smallest_dim0":   nnTopk(2, 0, false),
		"topk_largest_dim1_3d": nnTopk(4, 1, true),

		"interp_nearest_size":       nnInterp(InterpolateOptions{Size: [2]int64{8, 4}, Mode: Nearest}),
		"interp_nearest_scale":      nnInterp(InterpolateOptions{Scale: [2]float64{2, 1.5}, Mode: Nearest}),
		"interp_bilinear_size_ac":   nnInterp(InterpolateOptions{Size: [2]int64{9, 11}, Mode: Bilinear, AlignCorners: true}),
		"interp_bilinear_scale":     nnInterp(InterpolateOptions{Scale: [2]float64{0.5, 1.7}, Mode: Bilinear}),
		"interp_bicubic_size":       nnInterp(InterpolateOptions{Size: [2]int64{8, 6}, Mode: Bicubic}),
		"interp_bicubic_scale_ac":   nnInterp(InterpolateOptions{Scale: [2]float64{1.5, 2}, Mode: Bicubic, AlignCorners: true}),
		"interp_bilinear_aa_size":   nnInterp(InterpolateOptions{Size: [2]int64{5, 7}, Mode: Bilinear, Antialias: true}),
		"interp_bicubic_aa_scale":   nnInterp(InterpolateOptions{Scale: [2]float64{0.4, 0.5}, Mode: Bicubic, Antialias: true}),
		"interp_bicubic_aa_size_ac": nnInterp(InterpolateOptions{Size: [2]int64{4, 6}, Mode: Bicubic, AlignCorners: true, Antialias: true}),
	})
}

func init() {
	registerCases(map[string]opCase{
		"conv2d_large":                  nnConv(Conv2dOptions{Padding: [2]int64{1, 1}}),
		"batch_norm_train_large":        nnBatchNormTrain(0.1, 1e-5),
		"adaptive_avg_pool2d_1x1_large": nnAdaptive(1, 1),
		"avg_pool2d_large":              nnAvgPool(Pool2dOptions{Kernel: [2]int64{5, 5}, Stride: [2]int64{3, 3}, Padding: [2]int64{2, 2}}),
		"interp_bicubic_aa_large":       nnInterp(InterpolateOptions{Size: [2]int64{37, 53}, Mode: Bicubic, Antialias: true}),
		"interp_bilinear_large":         nnInterp(InterpolateOptions{Size: [2]int64{100, 90}, Mode: Bilinear}),
		"softmax_large":                 nnSoftmax(1, true),
	})
}

func nnPad(pad []int64, mode PadMode, value float64) opCase {
	return nnCase(func(in []*Tensor) *Tensor { return in[0].Pad(pad, mode, value) })
}

func init() {
	registerCases(map[string]opCase{
		"pad_constant_2d":      nnPad([]int64{1, 2}, PadConstant, 1.5),
		"pad_constant_crop_4d": nnPad([]int64{1, -1, 0, 2}, PadConstant, 0),
		"pad_reflect_4d":       nnPad([]int64{3, 2, 1, 3}, PadReflect, 0),
		"pad_reflect_3d_last":  nnPad([]int64{2, 1}, PadReflect, 0),
		"pad_reflect_f64":      nnPad([]int64{1, 1, 2, 2}, PadReflect, 0),
		"pad_replicate_4d":     nnPad([]int64{2, 0, 1, 3}, PadReplicate, 0),
		"pad_circular_4d":      nnPad([]int64{1, 2, 2, 1}, PadCircular, 0),
	})
}

// TestNNMisuseIsAnError: bad options are a *Error naming the op, with
// libtorch's message or, where PyTorch's Python layer checks them, the
// binding's, and never silently ignored.
func TestNNMisuseIsAnError(t *testing.T) {
	Scoped(func() {
		x := Randn([]int64{1, 2, 6, 6})
		logits, labels := Randn([]int64{3, 4}), FromSlice([]int64{0, 5, 1})
		tests := []struct {
			name, op, msg string
			fn            func()
		}{
			{"nearest with align corners", "Interpolate", "align_corners", func() {
				x.Interpolate(InterpolateOptions{Size: [2]int64{3, 3}, Mode: Nearest, AlignCorners: true})
			}},
			{"nearest with antialias", "Interpolate", "antialias", func() {
				x.Interpolate(InterpolateOptions{Size: [2]int64{3, 3}, Mode: Nearest, Antialias: true})
			}},
			{"size and scale", "Interpolate", "exactly one", func() {
				x.Interpolate(InterpolateOptions{Size: [2]int64{3, 3}, Scale: [2]float64{2, 2}, Mode: Bilinear})
			}},
			{"neither size nor scale", "Interpolate", "exactly one", func() { x.Interpolate(InterpolateOptions{Mode: Bilinear}) }},
			{"unknown mode", "Interpolate", "unknown mode", func() { x.Interpolate(InterpolateOptions{Size: [2]int64{3, 3}, Mode: 7}) }},
			{"avg pool with dilation", "AvgPool2d", "dilation", func() {
				x.AvgPool2d(Pool2dOptions{Kernel: [2]int64{2, 2}, Dilation: [2]int64{2, 2}})
			}},
			{"dropout p > 1", "Dropout", "between 0 and 1", func() { x.Dropout(1.5, true) }},
			{"conv channels", "Conv2d", "channels", func() { x.Conv2d(Randn([]int64{4, 3, 3, 3}), nil, Conv2dOptions{}) }},
			{"conv groups", "Conv2d", "groups", func() { x.Conv2d(Randn([]int64{4, 1, 3, 3}), nil, Conv2dOptions{Groups: 3}) }},
			{"batch norm stats size", "BatchNorm", "running_mean", func() {
				x.BatchNorm(Zeros([]int64{3}), Ones([]int64{3}), nil, nil, true, 0.1, 1e-5)
			}},
			{"class out of range", "CrossEntropy", "out of bounds", func() { CrossEntropy(logits, labels, CrossEntropyOptions{}) }},
			{"bce target broadcast", "BCEWithLogits", "must be the same as input size", func() {
				BCEWithLogits(logits, Zeros([]int64{1, 4}), nil, nil, ReductionMean)
			}},
			{"topk k too large", "TopK", "out of range", func() { logits.TopK(5, 1, true, true) }},
			{"reflect pad too wide", "Pad", "less than the corresponding input dimension", func() { x.Pad([]int64{6, 6, 0, 0}, PadReflect, 0) }},
			{"pad mode", "Pad", "unknown mode", func() { x.Pad([]int64{1, 1}, 9, 0) }},
			{"pad value without constant", "Pad", "constant mode", func() { x.Pad([]int64{1, 1}, PadReplicate, 2) }},
			{"one hot negative", "OneHot", "non-negative", func() { FromSlice([]int64{1, -1}).OneHot(3) }},
		}
		for _, tc := range tests {
			err := Try(tc.fn)
			e, ok := err.(*Error)
			if !ok || e.Op != tc.op || !strings.Contains(e.Msg, tc.msg) {
				t.Errorf("%s: got %v, want a *torch.Error of %s mentioning %q", tc.name, err, tc.op, tc.msg)
			}
		}
	})
}
