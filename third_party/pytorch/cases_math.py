"""Oracle cases: element-wise math, products, reductions, _foreach_ ops
(Go side: torch/oracle_math_test.go).

Tolerances are the harness's 1e-6 (fp32) and 1e-12 for float64 cases, unless
a comment says why. In-place cases work on a clone: the harness records the
inputs after the case ran, and a leaf that requires grad cannot be changed
in place.
"""

import torch

from oracle import case, randn, rand

F64 = dict(rtol=1e-12, atol=1e-12)
INF, NAN = float("inf"), float("nan")


def f64(*shape):
    return randn(*shape, dtype=torch.float64)


def ints(lo, hi, *shape, dtype=torch.int64):
    return lambda g: torch.randint(lo, hi, shape, generator=g, dtype=dtype)


def bools(*shape, p=0.5):
    return lambda g: torch.rand(*shape, generator=g) < p


def steps(*shape):
    """Floats from {-1, 0, 1}, so that comparisons see ties."""
    return lambda g: torch.randint(-1, 2, shape, generator=g).float()


def away0(*shape):
    """Floats with |x| in [0.2, 2): safe to divide by."""
    return lambda g: (0.2 + 1.8 * torch.rand(*shape, generator=g)) * torch.randn(*shape, generator=g).sign()


def pos(*shape):
    return rand(*shape, lo=0.1, hi=3)


SPECIAL = torch.tensor([0.0, -0.0, 1.0, -1.0, INF, -INF, NAN, 1e-30, 1e30])

# Unary element-wise ops, by PyTorch name.
case("unary_neg", torch.neg, randn(3, 4))
case("unary_neg_int64", torch.neg, ints(-9, 9, 5))
case("unary_abs", torch.abs, randn(3, 4))
case("unary_abs_int64", torch.abs, ints(-9, 9, 5))
case("unary_sign", torch.sign, steps(3, 4))
case("unary_sign_int64", torch.sign, ints(-3, 3, 6))
case("unary_exp", torch.exp, randn(3, 4))
case("unary_exp_t", lambda x: x.t().exp(), randn(3, 4))
case("unary_exp_f64", torch.exp, f64(3, 4), **F64)
case("unary_log", torch.log, pos(3, 4))
case("unary_log_f64", torch.log, rand(3, 4, lo=0.1, hi=3, dtype=torch.float64), **F64)
case("unary_sqrt", torch.sqrt, pos(3, 4))
case("unary_rsqrt", torch.rsqrt, pos(3, 4))
case("unary_sin", torch.sin, rand(3, 4, lo=-6, hi=6))
case("unary_cos", torch.cos, rand(3, 4, lo=-6, hi=6))
case("unary_tanh", torch.tanh, rand(3, 4, lo=-4, hi=4))
case("unary_tanh_f64", torch.tanh, f64(3, 4), **F64)
case("unary_sigmoid", torch.sigmoid, rand(3, 4, lo=-8, hi=8))
case("unary_sigmoid_t", lambda x: x.transpose(0, 2).sigmoid(), randn(2, 3, 4))
case("unary_relu", torch.relu, randn(3, 4))
case("unary_relu_int64", torch.relu, ints(-9, 9, 6))
case("unary_reciprocal", torch.reciprocal, away0(3, 4))
case("unary_floor", torch.floor, rand(3, 4, lo=-4, hi=4))
case("unary_ceil", torch.ceil, rand(3, 4, lo=-4, hi=4))
case("unary_round", torch.round, rand(3, 4, lo=-4, hi=4))
case("unary_round_half_even", torch.round, torch.tensor([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 0.49999997]))
case("unary_log1p", torch.log1p, rand(3, 4, lo=-0.9, hi=3))
case("unary_expm1", torch.expm1, rand(3, 4, lo=-1e-3, hi=1e-3))
case("unary_square", torch.square, randn(3, 4))
case("unary_square_int64", torch.square, ints(-9, 9, 6))
case("unary_logical_not", torch.logical_not, bools(3, 4))
case("unary_logical_not_float", torch.logical_not, steps(3, 4))
case("unary_logical_not_int64", torch.logical_not, ints(-2, 2, 6))
# Infinities, NaN and signed zeros pass through as PyTorch has them.
for _name, _fn in [("exp", torch.exp), ("log", torch.log), ("sqrt", torch.sqrt),
                   ("rsqrt", torch.rsqrt), ("sigmoid", torch.sigmoid), ("tanh", torch.tanh),
                   ("reciprocal", torch.reciprocal), ("sign", torch.sign), ("log1p", torch.log1p)]:
    case("unary_special_" + _name, _fn, SPECIAL, grad=False)

# Binary ops with broadcasting; scalars are Python floats, as the Go API's.
case("add_broadcast", lambda a, b: a + b, randn(3, 4), randn(4))
case("add_broadcast_both", lambda a, b: a + b, randn(3, 1), randn(1, 4))
case("add_t", lambda a, b: a.t() + b, randn(4, 3), randn(3, 4))
case("add_f64", lambda a, b: a + b, f64(2, 3), f64(3), **F64)
case("add_int64", lambda a, b: a + b, ints(-9, 9, 3, 4), ints(-9, 9, 4))
case("add_bool_promotes", lambda a, b: a + b, randn(3, 4), bools(4))
case("add_alpha", lambda a, b: torch.add(a, b, alpha=2.5), randn(3, 4), randn(3, 1))
case("add_scalar", lambda a: a + 1.5, randn(3, 4))
# Go's float64 scalars act as Python ints when integral, floats otherwise.
case("add_scalar_int64", lambda a: a + 2, ints(-9, 9, 5))
case("add_scalar_int64_fraction", lambda a: a + 2.5, ints(-9, 9, 5))
case("add_scalar_bool", lambda a: a + 1, bools(5))
case("add_alpha_int64", lambda a, b: torch.add(a, b, alpha=-2), ints(-9, 9, 3, 4), ints(-9, 9, 4))
case("sub_int64", lambda a, b: a - b, ints(-9, 9, 3, 4), ints(-9, 9, 3, 1))
case("sub", lambda a, b: a - b, randn(2, 3, 4), randn(3, 1))
case("sub_scalar", lambda a: a - 0.25, randn(3, 4))
case("mul", lambda a, b: a * b, randn(2, 3, 4), randn(4))
case("mul_scalar", lambda a: a * -3.0, randn(3, 4))
case("mul_scalar_int64", lambda a: a * 3, ints(-9, 9, 5))
case("mul_uint8_wraps", lambda a, b: a * b, ints(0, 256, 8, dtype=torch.uint8), ints(0, 256, 8, dtype=torch.uint8))
case("div", lambda a, b: a / b, randn(3, 4), away0(4))
case("div_int64_is_true_division", lambda a, b: a / b, ints(-9, 9, 6), ints(1, 5, 6))
case("div_scalar", lambda a: a / 4.0, randn(3, 4))
case("pow", torch.pow, pos(3, 4), randn(3, 4))
case("pow_broadcast", torch.pow, pos(3, 1), randn(4))
case("pow_int64", torch.pow, ints(-5, 5, 6), ints(0, 4, 6))
case("pow_scalar", lambda a: a.pow(3.0), randn(3, 4))
case("pow_scalar_int64", lambda a: a ** 2, ints(-9, 9, 5))
case("pow_scalar_sqrt", lambda a: a.pow(0.5), pos(3, 4))
case("remainder", torch.remainder, rand(3, 4, lo=-5, hi=5), away0(4))
case("remainder_int64", torch.remainder, ints(-9, 9, 8), torch.tensor([3, -3, 2, -2, 5, 1, -1, 4]))
case("remainder_scalar_int64", lambda a: torch.remainder(a, 4), ints(-9, 9, 8))
case("remainder_scalar", lambda a: torch.remainder(a, 1.5), rand(3, 4, lo=-5, hi=5))
case("maximum", torch.maximum, randn(3, 4), randn(4))
case("maximum_int64", torch.maximum, ints(-9, 9, 2, 3), ints(-9, 9, 2, 1))
case("minimum", torch.minimum, randn(3, 1), randn(3, 4))
for _op in ["eq", "ne", "lt", "le", "gt", "ge"]:
    case("cmp_" + _op, getattr(torch, _op), steps(3, 4), steps(4))
    case("cmp_%s_scalar" % _op, lambda a, _op=_op: getattr(torch, _op)(a, 0.0), steps(3, 4))
case("cmp_eq_int64", torch.eq, ints(0, 3, 3, 4), ints(0, 3, 3, 1))
case("cmp_lt_int64_scalar", lambda a: a < 1.5, ints(0, 3, 6))
case("logical_and", torch.logical_and, bools(3, 4), bools(4))
case("logical_and_mixed", torch.logical_and, steps(3, 4), ints(0, 2, 3, 4, dtype=torch.uint8))
case("logical_or", torch.logical_or, bools(3, 1), bools(3, 4))

# In-place forms, on a clone of the first input.
case("inplace_add", lambda a, b: a.clone().add_(b), randn(3, 4), randn(4))
case("inplace_add_scaled", lambda a, b: a.clone().add_(b, alpha=-0.5), randn(3, 4), randn(3, 4))
case("inplace_add_int64", lambda a, b: a.clone().add_(b), ints(-9, 9, 3, 4), ints(-9, 9, 4))
case("inplace_add_view", lambda a, b: a.clone().t().add_(b), randn(4, 3), randn(3, 4))
case("inplace_add_scalar_int64", lambda a: a.clone().add_(1), ints(-9, 9, 5))
case("inplace_mul_scalar_uint8", lambda a: a.clone().mul_(3), ints(0, 255, 5, dtype=torch.uint8))
case("inplace_sub", lambda a, b: a.clone().sub_(b), randn(3, 4), randn(3, 1))
case("inplace_mul", lambda a, b: a.clone().mul_(b), randn(3, 4), randn(4))
case("inplace_div", lambda a, b: a.clone().div_(b), randn(3, 4), away0(3, 4))
case("inplace_add_scalar", lambda a: a.clone().add_(0.75), randn(3, 4))
case("inplace_mul_scalar", lambda a: a.clone().mul_(-2.0), randn(3, 4))
case("inplace_mul_scalar_row", lambda a: (lambda y: (y[1].mul_(3.0), y)[1])(a.clone()), randn(3, 4))
case("inplace_div_scalar", lambda a: a.clone().div_(8.0), randn(3, 4))
case("inplace_neg", lambda a: a.clone().neg_(), randn(3, 4))
case("inplace_abs", lambda a: a.clone().abs_(), randn(3, 4))
case("inplace_exp", lambda a: a.clone().exp_(), randn(3, 4))
case("inplace_log", lambda a: a.clone().log_(), pos(3, 4))
case("inplace_sqrt", lambda a: a.clone().sqrt_(), pos(3, 4))
case("inplace_sigmoid", lambda a: a.clone().sigmoid_(), randn(3, 4))
case("inplace_relu", lambda a: a.clone().relu_(), randn(3, 4))
case("inplace_zero", lambda a: a.clone().zero_(), randn(3, 4))
case("inplace_clamp", lambda a: a.clone().clamp_(-0.5, 0.5), randn(3, 4))

# Matrix products. Each output sums at most 5 products, so the error of a
# different summation order (the binding runs multi-threaded) stays far
# below 1e-6.
case("matmul_1d_1d", torch.matmul, randn(4), randn(4))
case("matmul_1d_2d", torch.matmul, randn(3), randn(3, 4))
case("matmul_2d_1d", torch.matmul, randn(3, 4), randn(4))
case("matmul_3d_2d", torch.matmul, randn(2, 3, 4), randn(4, 5))
case("matmul_batch_broadcast", torch.matmul, randn(2, 1, 3, 4), randn(5, 4, 2))
case("matmul_3d_1d", torch.matmul, randn(2, 3, 4), randn(4))
case("matmul_t", lambda a, b: a.t().matmul(b), randn(4, 3), randn(4, 2))
case("matmul_f64", torch.matmul, f64(2, 3, 4), f64(4, 5), **F64)
case("mm", torch.mm, randn(3, 4), randn(4, 5))
case("mm_t", lambda a, b: torch.mm(a, b.t()), randn(3, 4), randn(5, 4))
case("bmm", torch.bmm, randn(2, 3, 4), randn(2, 4, 5))
case("addmm", lambda c, a, b: torch.addmm(c, a, b, beta=0.5, alpha=2.0), randn(5), randn(3, 4), randn(4, 5))
case("addmm_2d", lambda c, a, b: torch.addmm(c, a, b), randn(3, 5), randn(3, 4), randn(4, 5))
case("addmm_beta0", lambda c, a, b: torch.addmm(c, a, b, beta=0.0, alpha=-1.0), randn(3, 1), randn(3, 2), randn(2, 5))

case("clamp", lambda a: a.clamp(-0.5, 0.8), randn(3, 4))
case("clamp_min", lambda a: a.clamp_min(0.1), randn(3, 4))
case("clamp_max", lambda a: a.clamp_max(-0.1), randn(3, 4))
case("clamp_int64", lambda a: a.clamp(-3, 4), ints(-9, 9, 8))
case("clamp_int64_fraction", lambda a: a.clamp(-3.5, 4.5), ints(-9, 9, 8))
case("clamp_int64_inplace", lambda a: a.clone().clamp_(-3, 4), ints(-9, 9, 8))
case("clamp_f64", lambda a: a.clamp(-0.5, 0.8), f64(3, 4), **F64)

# Reductions.
case("sum_all", torch.sum, randn(3, 4))
case("sum_dims", lambda x: x.sum([0, 2], keepdim=True), randn(2, 3, 4))
case("sum_dim", lambda x: x.sum([1]), randn(2, 3, 4))
case("sum_negative_dims", lambda x: x.sum([-1, -3]), randn(2, 3, 4))
case("sum_t", lambda x: x.t().sum([1]), randn(3, 4))
case("sum_bool", torch.sum, bools(3, 4))
case("sum_int64_dim", lambda x: x.sum([0]), ints(-9, 9, 3, 4))
case("sum_f64", lambda x: x.sum([1], keepdim=True), f64(3, 4), **F64)
case("mean_all", torch.mean, randn(3, 4))
case("mean_dims", lambda x: x.mean([0, 1], keepdim=True), randn(2, 3, 4))
case("mean_negative_dim", lambda x: x.mean([-1]), randn(2, 3, 4))
case("mean_f64", torch.mean, f64(5, 3), **F64)
case("prod_all", torch.prod, rand(3, 4, lo=0.5, hi=1.5))
case("prod_dim", lambda x: x.prod(1), rand(3, 4, lo=0.5, hi=1.5))
case("prod_dim_keep_negative", lambda x: x.prod(-2, keepdim=True), rand(2, 3, 4, lo=0.5, hi=1.5))
case("prod_int64", torch.prod, ints(1, 4, 6))
case("max_all", torch.max, randn(3, 4))
case("min_all", torch.min, randn(3, 4))
case("max_all_int64", torch.max, ints(-99, 99, 10))
case("max_dim", lambda x: torch.max(x, 1), randn(3, 5))
case("max_dim_keep_negative", lambda x: torch.max(x, -1, keepdim=True), randn(2, 3, 4))
case("max_dim_int64", lambda x: torch.max(x, 0), ints(-99, 99, 4, 3))
case("min_dim", lambda x: torch.min(x, 0), randn(3, 5))
case("min_dim_keep", lambda x: torch.min(x, 1, keepdim=True), randn(2, 3, 4))
case("amax", lambda x: x.amax([0, 2]), randn(2, 3, 4))
case("amax_keep", lambda x: x.amax([1], keepdim=True), randn(2, 3, 4))
case("amin", lambda x: x.amin([-1]), randn(2, 3, 4))
case("amin_int64", lambda x: x.amin([0], keepdim=True), ints(-9, 9, 4, 3))
case("argmax", torch.argmax, randn(3, 4))
case("argmax_dim", lambda x: x.argmax(1), randn(3, 4))
case("argmax_dim_keep_negative", lambda x: x.argmax(-1, keepdim=True), randn(2, 3, 4))
case("argmin", torch.argmin, randn(3, 4))
case("argmin_dim", lambda x: x.argmin(0), randn(3, 4))
case("argmin_int64", lambda x: x.argmin(1), ints(-99, 99, 3, 5))
case("logsumexp", lambda x: x.logsumexp([1]), randn(3, 4))
case("logsumexp_keep_large", lambda x: x.logsumexp([0, 2], keepdim=True), rand(2, 3, 4, lo=50, hi=90))
case("logsumexp_negative", lambda x: x.logsumexp([-1]), randn(2, 3, 4))
case("norm_2_all", lambda x: x.norm(2), randn(3, 4))
case("norm_1_all", lambda x: x.norm(1), randn(3, 4))
case("norm_inf_all", lambda x: x.norm(INF), randn(3, 4))
case("norm_2_dim", lambda x: x.norm(2, [1]), randn(3, 4))
case("norm_1_dims_keep", lambda x: x.norm(1, [0, 2], keepdim=True), randn(2, 3, 4))
case("norm_inf_dim_negative", lambda x: x.norm(INF, [-1]), randn(2, 3, 4))
case("norm_2_f64", lambda x: x.norm(2, [0]), f64(3, 4), **F64)
case("var_all", lambda x: torch.var(x, None, correction=1), randn(3, 4))
case("var_all_population", lambda x: torch.var(x, None, correction=0), randn(3, 4))
case("var_dims_population_keep", lambda x: torch.var(x, [0, 2], correction=0, keepdim=True), randn(2, 3, 4))
case("var_dim_negative", lambda x: torch.var(x, [-1], correction=1), randn(2, 3, 4))
case("var_f64", lambda x: torch.var(x, [1], correction=1), f64(3, 5), **F64)
case("std_all", lambda x: torch.std(x, None, correction=1), randn(3, 4))
case("std_dims_population", lambda x: torch.std(x, [0, 1], correction=0), randn(2, 3, 4))
case("std_dim_keep", lambda x: torch.std(x, [1], correction=1, keepdim=True), randn(3, 4))
case("all", torch.all, bools(3, 4, p=0.9))
case("all_true", torch.all, torch.ones(3, dtype=torch.bool))
case("any", torch.any, bools(3, 4, p=0.1))
case("any_none", torch.any, torch.zeros(3, dtype=torch.bool))
case("all_dim", lambda x: x.all(1), bools(3, 4, p=0.7))
case("all_dim_keep_negative", lambda x: x.all(-2, keepdim=True), bools(3, 4, p=0.7))
case("any_dim", lambda x: x.any(0), bools(3, 4, p=0.2))
case("all_float", torch.all, steps(3, 4))
case("any_uint8_dim", lambda x: x.any(1), ints(0, 2, 3, 4, dtype=torch.uint8))


# _foreach_ ops. In 1.13 they do not record autograd: grad=False.
def _foreach_add(a, b, c, x, y, z):
    out = [a.clone(), b.clone(), c.clone()]
    torch._foreach_add_(out, [x, y, z], alpha=0.5)
    return out


def _foreach_add_ints(a, b):
    out = [a.clone()]
    torch._foreach_add_(out, [b], alpha=3)
    return out


def _foreach_mul(a, b):
    out = [a.clone(), b.clone()]
    torch._foreach_mul_(out, 1.5)
    return out


def _foreach_zero(a, b):
    out = [a.clone(), b.clone()]
    torch._foreach_zero_(out)
    return out


case("foreach_add", _foreach_add, randn(3, 4), randn(5), randn(2, 2, 2), randn(3, 4), randn(5), randn(2, 2, 2),
     grad=False)
case("foreach_add_int64", _foreach_add_ints, ints(-9, 9, 4), ints(-9, 9, 4), grad=False)
case("foreach_mul_scalar", _foreach_mul, randn(3, 4), randn(7), grad=False)
case("foreach_zero", _foreach_zero, randn(3, 4), randn(7), grad=False)

# Reductions over every dim that keep them as size-1 dims.
case("sum_all_keepdim", lambda x: x.sum(dim=(0, 1, 2), keepdim=True), randn(2, 3, 4))
case("mean_all_keepdim", lambda x: x.mean(dim=(0, 1), keepdim=True), randn(3, 4))
case("norm_all_keepdim", lambda x: x.norm(2, dim=(0, 1), keepdim=True), randn(3, 4))
# A negative-zero scalar stays a float: x * -0.0 has the signs of -x.
case("mul_scalar_negative_zero", lambda x: x * -0.0, randn(2, 3), grad=False)
