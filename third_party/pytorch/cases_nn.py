"""Oracle cases: torch.nn.functional (Go side: torch/oracle_nn_test.go).

Tolerances are the harness's 1e-6 unless a comment says why. The oracle
runs single-threaded and the binding with libtorch's default thread count:
where both use one thread (a 2-core box) every row here agrees bit for bit;
with 2 to 32 threads on the Go side only the rows loosened below differed.
"Observed" is max |got-want| / (1+|want|) over outputs and gradients at
2, 3, 4, 8, 16 and 32 threads.
"""

import torch
import torch.nn.functional as F

from oracle import case, randn, rand, randint


def probs(*shape, dim=1):
    """Class probabilities: a softmax of random logits."""
    return lambda g: torch.softmax(torch.randn(*shape, generator=g), dim)


def binary(*shape):
    return lambda g: torch.randint(0, 2, shape, generator=g).float()


# conv2d. The weight and bias gradients sum over N·H·W positions, in an order
# that depends on the thread count: observed 7.3e-7 (fp32), 0 (fp64).
CONV_TOL = dict(rtol=1e-5, atol=1e-5)
case("conv2d_stride_pad", lambda x, w, b: F.conv2d(x, w, b, stride=2, padding=1),
     randn(2, 3, 8, 8), randn(4, 3, 3, 3), randn(4), **CONV_TOL)
case("conv2d_dilation_nobias",
     lambda x, w: F.conv2d(x, w, None, stride=(1, 2), padding=(2, 1), dilation=2),
     randn(2, 3, 9, 9), randn(4, 3, 3, 3), **CONV_TOL)
case("conv2d_groups", lambda x, w, b: F.conv2d(x, w, b, padding=1, groups=2),
     randn(2, 4, 7, 7), randn(6, 2, 3, 3), randn(6), **CONV_TOL)
case("conv2d_depthwise", lambda x, w, b: F.conv2d(x, w, b, stride=2, padding=1, groups=4),
     randn(2, 4, 8, 8), randn(4, 1, 3, 3), randn(4), **CONV_TOL)
case("conv2d_f64", lambda x, w, b: F.conv2d(x, w, b, padding=1),
     randn(1, 2, 5, 5, dtype=torch.float64), randn(3, 2, 3, 3, dtype=torch.float64),
     randn(3, dtype=torch.float64), rtol=1e-12, atol=1e-12)


# batch_norm. Training returns the running statistics as extra outputs: they
# are updated in place, so the case clones them first (the harness records
# its inputs after the call) and returns the clones it passed.
def bn_train(momentum, eps):
    def fn(x, w, b, rm, rv):
        rm, rv = rm.clone(), rv.clone()
        return F.batch_norm(x, rm, rv, w, b, training=True, momentum=momentum, eps=eps), rm, rv
    return fn


BN_GRAD = [True, True, True, False, False]
# Mean, variance and the weight/bias gradients sum over N·H·W elements;
# observed 2e-7.
BN_TOL = dict(rtol=1e-5, atol=1e-5)
case("batch_norm_train", bn_train(0.1, 1e-5), randn(4, 3, 5, 5), randn(3), randn(3),
     randn(3), rand(3, lo=0.5, hi=2), grad=BN_GRAD, **BN_TOL)
case("batch_norm_train_momentum", bn_train(0.3, 1e-3), randn(8, 3), randn(3), randn(3),
     randn(3), rand(3, lo=0.5, hi=2), grad=BN_GRAD, **BN_TOL)
case("batch_norm_eval",
     lambda x, w, b, rm, rv: F.batch_norm(x, rm, rv, w, b, training=False, eps=1e-5),
     randn(2, 3, 4, 4), randn(3), randn(3), randn(3), rand(3, lo=0.5, hi=2),
     grad=BN_GRAD, **BN_TOL)
case("batch_norm_no_affine",
     lambda x: F.batch_norm(x, None, None, None, None, training=True, eps=1e-5),
     randn(4, 2, 3, 3), **BN_TOL)
case("batch_norm_eval_no_affine",
     lambda x, rm, rv: F.batch_norm(x, rm, rv, training=False, eps=1e-3),
     randn(3, 4, 2, 2), randn(4), rand(4, lo=0.5, hi=2), grad=[True, False, False])

# linear (observed 0).
case("linear_bias", F.linear, randn(4, 5), randn(3, 5), randn(3))
case("linear_nobias", F.linear, randn(4, 7), randn(3, 7))
case("linear_3d", F.linear, randn(2, 4, 5), randn(3, 5), randn(3))

# Activations.
case("gelu_none", lambda x: F.gelu(x), randn(3, 7))
case("gelu_tanh", lambda x: F.gelu(x, approximate="tanh"), randn(3, 7))
case("gelu_f64", lambda x: F.gelu(x), randn(4, 5, dtype=torch.float64), rtol=1e-12, atol=1e-12)
case("sigmoid", torch.sigmoid, lambda g: 4 * torch.randn(4, 5, generator=g))
case("sigmoid_f64", torch.sigmoid, randn(3, 4, dtype=torch.float64), rtol=1e-12, atol=1e-12)

# max_pool2d: selects, so exact up to the harness's tolerance.
case("max_pool2d_k2", lambda x: F.max_pool2d(x, 2), randn(2, 3, 8, 8))
case("max_pool2d_k3s2p1", lambda x: F.max_pool2d(x, 3, stride=2, padding=1), randn(2, 3, 9, 9))
case("max_pool2d_dilation_ceil",
     lambda x: F.max_pool2d(x, (3, 2), stride=(2, 1), padding=(1, 0), dilation=(2, 1),
                            ceil_mode=True),
     randn(1, 2, 10, 9))
case("max_pool2d_ceil", lambda x: F.max_pool2d(x, 2, stride=2, ceil_mode=True), randn(1, 2, 7, 5))

# avg_pool2d (observed 0).
case("avg_pool2d_include_pad",
     lambda x: F.avg_pool2d(x, 3, stride=2, padding=1, count_include_pad=True),
     randn(2, 3, 8, 8))
case("avg_pool2d_exclude_pad",
     lambda x: F.avg_pool2d(x, 3, stride=2, padding=1, count_include_pad=False),
     randn(2, 3, 8, 8))
case("avg_pool2d_ceil_include",
     lambda x: F.avg_pool2d(x, (3, 2), stride=2, padding=1, ceil_mode=True),
     randn(1, 2, 8, 7))
case("avg_pool2d_ceil_exclude",
     lambda x: F.avg_pool2d(x, 3, stride=2, padding=(0, 1), ceil_mode=True,
                            count_include_pad=False),
     randn(1, 2, 8, 7))

# adaptive_avg_pool2d (observed 0).
case("adaptive_avg_pool2d_1x1", lambda x: F.adaptive_avg_pool2d(x, 1), randn(2, 3, 7, 7))
case("adaptive_avg_pool2d_nondiv", lambda x: F.adaptive_avg_pool2d(x, (3, 4)),
     randn(2, 3, 10, 7))
case("adaptive_avg_pool2d_up", lambda x: F.adaptive_avg_pool2d(x, (5, 7)), randn(1, 2, 3, 5))


# dropout: in training the mask comes from the default generator, seeded
# here and by the Go twin with the same seed.
def seeded_dropout(seed, p):
    def fn(x):
        torch.manual_seed(seed)
        return F.dropout(x, p, training=True)
    return fn


case("dropout_train_p05", seeded_dropout(123, 0.5), randn(8, 16))
case("dropout_train_p02", seeded_dropout(7, 0.2), randn(3, 5, 7))
case("dropout_eval", lambda x: F.dropout(x, 0.5, training=False), randn(4, 6))

# softmax and log_softmax.
case("softmax_dim1", lambda x: F.softmax(x, 1), randn(3, 5))
case("softmax_dim0_3d", lambda x: F.softmax(x, 0), randn(4, 3, 2))
case("softmax_dim_last", lambda x: F.softmax(x, -1), randn(2, 3, 6))
case("log_softmax_dim1", lambda x: F.log_softmax(x, 1), randn(3, 5))
case("log_softmax_dim0_3d", lambda x: F.log_softmax(x, 0), randn(4, 3, 2))
case("log_softmax_dim_last_f64", lambda x: F.log_softmax(x, -1),
     randn(2, 3, 6, dtype=torch.float64), rtol=1e-12, atol=1e-12)

# cross_entropy. Per-class weights take no gradient in PyTorch.
case("cross_entropy", lambda x, y: F.cross_entropy(x, y), randn(4, 5), randint(0, 5, 4))
case("cross_entropy_sum", lambda x, y: F.cross_entropy(x, y, reduction="sum"),
     randn(6, 4), randint(0, 4, 6))
case("cross_entropy_none", lambda x, y: F.cross_entropy(x, y, reduction="none"),
     randn(6, 4), randint(0, 4, 6))
case("cross_entropy_weight", lambda x, y, w: F.cross_entropy(x, y, weight=w),
     randn(6, 4), randint(0, 4, 6), rand(4, lo=0.2, hi=2), grad=[True, False, False])
case("cross_entropy_label_smoothing",
     lambda x, y: F.cross_entropy(x, y, label_smoothing=0.1), randn(6, 5), randint(0, 5, 6))
case("cross_entropy_ignore_index",
     lambda x, y: F.cross_entropy(x, y, ignore_index=2), randn(6, 4),
     torch.tensor([0, 2, 1, 2, 3, 2]))
case("cross_entropy_ignore_weight_smoothing_sum",
     lambda x, y, w: F.cross_entropy(x, y, weight=w, ignore_index=-100, label_smoothing=0.2,
                                     reduction="sum"),
     randn(5, 3), torch.tensor([1, -100, 0, 2, -100]), rand(3, lo=0.2, hi=2),
     grad=[True, False, False])
case("cross_entropy_spatial", lambda x, y: F.cross_entropy(x, y), randn(2, 3, 4, 4),
     randint(0, 3, 2, 4, 4))
case("cross_entropy_probs", lambda x, p: F.cross_entropy(x, p), randn(4, 5), probs(4, 5))
case("cross_entropy_probs_weight_smoothing_none",
     lambda x, p, w: F.cross_entropy(x, p, weight=w, label_smoothing=0.2, reduction="none"),
     randn(4, 5), probs(4, 5), rand(5, lo=0.2, hi=2), grad=[True, True, False])
case("cross_entropy_probs_sum", lambda x, p: F.cross_entropy(x, p, reduction="sum"),
     randn(3, 6), probs(3, 6))

# binary_cross_entropy_with_logits: weight and pos_weight take no gradient.
case("bce_logits_mean", lambda x, t: F.binary_cross_entropy_with_logits(x, t),
     randn(4, 5), rand(4, 5))
case("bce_logits_weight_sum",
     lambda x, t, w: F.binary_cross_entropy_with_logits(x, t, weight=w, reduction="sum"),
     randn(4, 5), binary(4, 5), rand(5, lo=0.2, hi=2), grad=[True, True, False])
case("bce_logits_pos_weight_none",
     lambda x, t, pw: F.binary_cross_entropy_with_logits(x, t, pos_weight=pw, reduction="none"),
     lambda g: 3 * torch.randn(4, 5, generator=g), rand(4, 5), rand(5, lo=0.2, hi=3),
     grad=[True, True, False])
case("bce_logits_both_mean",
     lambda x, t, w, pw: F.binary_cross_entropy_with_logits(x, t, weight=w, pos_weight=pw),
     randn(3, 4), binary(3, 4), rand(3, 4, lo=0.2, hi=2), rand(4, lo=0.2, hi=3),
     grad=[True, True, False, False])

# normalize and cosine_similarity.
case("normalize_p2_dim1", lambda x: F.normalize(x, 2.0, 1, 1e-12), randn(4, 5))
case("normalize_p1_dim0", lambda x: F.normalize(x, 1.0, 0, 1e-12), randn(4, 5))
case("normalize_p2_dim_last_3d", lambda x: F.normalize(x, 2.0, -1, 1e-12), randn(2, 3, 4))
# Row 1 has a norm below eps, so the clamp is active there.
case("normalize_eps", lambda x: F.normalize(x, 2.0, 1, 1e-2),
     lambda g: torch.randn(3, 4, generator=g) * torch.tensor([[1.0], [1e-4], [1.0]]))
case("cosine_similarity_dim1", lambda a, b: F.cosine_similarity(a, b, 1, 1e-8),
     randn(4, 6), randn(4, 6))
case("cosine_similarity_broadcast", lambda a, b: F.cosine_similarity(a, b, -1, 1e-8),
     randn(5, 3), randn(1, 3))
case("cosine_similarity_dim0_3d", lambda a, b: F.cosine_similarity(a, b, 0, 1e-6),
     randn(4, 2, 3), randn(4, 2, 3))

# one_hot and topk.
case("one_hot_infer", lambda y: F.one_hot(y), randint(0, 5, 6))
case("one_hot_classes", lambda y: F.one_hot(y, 6), randint(0, 4, 2, 3))
case("topk_largest_last", lambda x: torch.topk(x, 3, -1), randn(3, 8))
case("topk_smallest_dim0", lambda x: torch.topk(x, 2, 0, largest=False), randn(6, 4))
case("topk_largest_dim1_3d", lambda x: torch.topk(x, 4, 1, largest=True), randn(2, 7, 3))


# interpolate (observed 0).
def interp(**kw):
    return lambda x: F.interpolate(x, **kw)


case("interp_nearest_size", interp(size=(8, 4), mode="nearest"), randn(1, 2, 5, 7))
case("interp_nearest_scale", interp(scale_factor=(2.0, 1.5), mode="nearest"), randn(1, 2, 3, 4))
case("interp_bilinear_size_ac", interp(size=(9, 11), mode="bilinear", align_corners=True),
     randn(1, 2, 4, 5))
case("interp_bilinear_scale", interp(scale_factor=(0.5, 1.7), mode="bilinear",
                                     align_corners=False),
     randn(2, 1, 6, 5))
case("interp_bicubic_size", interp(size=(8, 6), mode="bicubic", align_corners=False),
     randn(1, 2, 5, 4))
case("interp_bicubic_scale_ac", interp(scale_factor=(1.5, 2.0), mode="bicubic",
                                       align_corners=True),
     randn(1, 2, 4, 4))
case("interp_bilinear_aa_size", interp(size=(5, 7), mode="bilinear", antialias=True),
     randn(1, 2, 12, 16))
case("interp_bicubic_aa_scale", interp(scale_factor=(0.4, 0.5), mode="bicubic",
                                       antialias=True),
     randn(1, 2, 10, 12))
case("interp_bicubic_aa_size_ac", interp(size=(4, 6), mode="bicubic", align_corners=True,
                                         antialias=True),
     randn(1, 1, 9, 13))

# Larger rows, above libtorch's parallel grain (32768 elements). Observed 0
# except conv2d_large, whose weight gradient sums 1024 products per element in
# thread-dependent order: observed 2.7e-5 (1.8e-4 absolute).
case("conv2d_large", lambda x, w, b: F.conv2d(x, w, b, padding=1),
     randn(4, 16, 16, 16), randn(32, 16, 3, 3), randn(32), rtol=2e-4, atol=2e-4)
case("batch_norm_train_large", bn_train(0.1, 1e-5), randn(16, 32, 16, 16), randn(32),
     randn(32), randn(32), rand(32, lo=0.5, hi=2), grad=BN_GRAD)
case("adaptive_avg_pool2d_1x1_large", lambda x: F.adaptive_avg_pool2d(x, 1),
     randn(8, 64, 14, 14))
case("avg_pool2d_large", lambda x: F.avg_pool2d(x, 5, stride=3, padding=2),
     randn(4, 32, 32, 32))
case("interp_bicubic_aa_large", interp(size=(37, 53), mode="bicubic", antialias=True),
     randn(2, 3, 96, 128))
case("interp_bilinear_large", interp(size=(100, 90), mode="bilinear"), randn(2, 3, 64, 64))
case("softmax_large", lambda x: F.log_softmax(x, 1), randn(64, 1000))

# pad (observed 0: pure copies).
def pad(p, mode="constant", value=0.0):
    if mode == "constant":
        return lambda x: F.pad(x, p, mode, value)
    return lambda x: F.pad(x, p, mode)


case("pad_constant_2d", pad((1, 2), value=1.5), randn(3, 4))
case("pad_constant_crop_4d", pad((1, -1, 0, 2)), randn(2, 2, 4, 5))
case("pad_reflect_4d", pad((3, 2, 1, 3), "reflect"), randn(2, 3, 5, 6))
case("pad_reflect_3d_last", pad((2, 1), "reflect"), randn(2, 3, 6))
case("pad_reflect_f64", pad((1, 1, 2, 2), "reflect"), randn(1, 2, 4, 4, dtype=torch.float64),
     rtol=1e-12, atol=1e-12)
case("pad_replicate_4d", pad((2, 0, 1, 3), "replicate"), randn(1, 2, 3, 4))
case("pad_circular_4d", pad((1, 2, 2, 1), "circular"), randn(1, 2, 4, 5))
