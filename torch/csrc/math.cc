// math.cc: element-wise math, matrix products, reductions, comparisons and
// _foreach_ ops, dispatched by op code.
#include <torch/csrc/api/include/torch/version.h>

#include <cmath>

#include "internal.h"

using sst::T;

namespace {

// scalar maps a Go float64 onto the Scalar Python would pass: an integral
// value as an integer (Python's 1, the default alpha=1), anything else as a
// double. So Add of two int64 tensors works (ATen refuses a floating-point
// alpha for integer tensors), int64 + 1 stays int64 and int64.add_(1) works,
// as in Python; float tensors compute the same either way. Values past
// 2^53 cannot be told apart from doubles and stay doubles.
at::Scalar scalar(double v) {
  bool negative_zero = v == 0 && std::signbit(v);  // -0.0 must stay a double
  if (std::nearbyint(v) == v && std::fabs(v) < 9.0e15 && !negative_zero) {
    return at::Scalar(static_cast<int64_t>(v));
  }
  return at::Scalar(v);
}

at::Tensor unary(int op, at::Tensor &t, bool inplace) {
#define SST_U(code, fn) \
  case code:            \
    return inplace ? t.fn##_() : t.fn();
  switch (op) {
    SST_U(SST_NEG, neg)
    SST_U(SST_ABS, abs)
    SST_U(SST_SIGN, sign)
    SST_U(SST_EXP, exp)
    SST_U(SST_LOG, log)
    SST_U(SST_SQRT, sqrt)
    SST_U(SST_RSQRT, rsqrt)
    SST_U(SST_SIN, sin)
    SST_U(SST_COS, cos)
    SST_U(SST_TANH, tanh)
    SST_U(SST_SIGMOID, sigmoid)
    SST_U(SST_RELU, relu)
    SST_U(SST_RECIPROCAL, reciprocal)
    SST_U(SST_FLOOR, floor)
    SST_U(SST_CEIL, ceil)
    SST_U(SST_ROUND, round)
    SST_U(SST_LOG1P, log1p)
    SST_U(SST_EXPM1, expm1)
    SST_U(SST_SQUARE, square)
    SST_U(SST_LOGICAL_NOT, logical_not)
    case SST_ZERO:
      return inplace ? t.zero_() : at::zeros_like(t);
  }
#undef SST_U
  throw std::invalid_argument("unknown unary op " + std::to_string(op));
}

// Other is a tensor or a scalar; both kinds share the op table.
template <typename Other>
at::Tensor binary(int op, at::Tensor &a, const Other &b, const at::Scalar &alpha, bool inplace) {
#define SST_B(code, fn) \
  case code:            \
    return inplace ? a.fn##_(b) : a.fn(b);
  switch (op) {
    case SST_ADD:
      return inplace ? a.add_(b, alpha) : a.add(b, alpha);
    case SST_SUB:
      return inplace ? a.sub_(b, alpha) : a.sub(b, alpha);
    SST_B(SST_MUL, mul)
    SST_B(SST_DIV, div)
    SST_B(SST_POW, pow)
    SST_B(SST_REMAINDER, remainder)
    SST_B(SST_EQ, eq)
    SST_B(SST_NE, ne)
    SST_B(SST_LT, lt)
    SST_B(SST_LE, le)
    SST_B(SST_GT, gt)
    SST_B(SST_GE, ge)
    default:
      break;
  }
#undef SST_B
  if constexpr (std::is_same_v<Other, at::Tensor>) {
    if (!inplace) {
      switch (op) {
        case SST_MAXIMUM: return at::maximum(a, b);
        case SST_MINIMUM: return at::minimum(a, b);
        case SST_LOGICAL_AND: return at::logical_and(a, b);
        case SST_LOGICAL_OR: return at::logical_or(a, b);
        case SST_MATMUL: return at::matmul(a, b);
        case SST_MM: return at::mm(a, b);
        case SST_BMM: return at::bmm(a, b);
      }
    }
  }
  throw std::invalid_argument("binary op " + std::to_string(op) +
                              (inplace ? " has no in-place form" : " does not take this operand"));
}

}  // namespace

extern "C" {

sst_status sst_unary(int op, sst_tensor t, int inplace, sst_tensor *out) {
  SST_TRY
  auto r = unary(op, T(t), inplace != 0);
  if (!inplace) *out = sst::box(std::move(r));
  return sst::ok();
  SST_CATCH
}

sst_status sst_binary(int op, sst_tensor a, sst_tensor b, double alpha, int inplace,
                      sst_tensor *out) {
  SST_TRY
  auto r = binary(op, T(a), T(b), scalar(alpha), inplace != 0);
  if (!inplace) *out = sst::box(std::move(r));
  return sst::ok();
  SST_CATCH
}

sst_status sst_binary_scalar(int op, sst_tensor a, double b, int inplace, sst_tensor *out) {
  SST_TRY
  auto r = binary(op, T(a), scalar(b), scalar(1), inplace != 0);
  if (!inplace) *out = sst::box(std::move(r));
  return sst::ok();
  SST_CATCH
}

sst_status sst_add_(sst_tensor a, sst_tensor b, double alpha) {
  SST_TRY
  T(a).add_(T(b), scalar(alpha));
  return sst::ok();
  SST_CATCH
}

sst_status sst_addmm(sst_tensor input, sst_tensor m1, sst_tensor m2, double beta,
                     double alpha, sst_tensor *out) {
  SST_TRY SST_RETURN(at::addmm(T(input), T(m1), T(m2), beta, alpha)); SST_CATCH
}

sst_status sst_clamp(sst_tensor t, int has_min, double min, int has_max, double max,
                     int inplace, sst_tensor *out) {
  SST_TRY
  c10::optional<at::Scalar> lo, hi;
  if (has_min) lo = scalar(min);
  if (has_max) hi = scalar(max);
  if (inplace) {
    T(t).clamp_(lo, hi);
    return sst::ok();
  }
  SST_RETURN(T(t).clamp(lo, hi));
  SST_CATCH
}

sst_status sst_reduce(int op, sst_tensor h, const int64_t *d, int ndims, int keepdim,
                      int dtype, sst_tensor *out) {
  SST_TRY
  auto &t = T(h);
  bool keep = keepdim != 0;
  // No dims means all of them; with keepdim the result keeps every one as
  // size 1, as PyTorch's t.sum(dim=tuple(range(t.dim())), keepdim=True).
  std::vector<int64_t> every;
  if (ndims == 0 && keep) {
    for (int64_t i = 0; i < t.dim(); i++) every.push_back(i);
    d = every.data();
    ndims = static_cast<int>(every.size());
  }
  auto dims = sst::dims(d, ndims);
  bool all = ndims == 0;
  c10::optional<at::ScalarType> type;
  if (dtype >= 0) type = static_cast<at::ScalarType>(dtype);
  switch (op) {
    case SST_SUM: SST_RETURN(all ? t.sum(type) : t.sum(dims, keep, type));
    case SST_MEAN: SST_RETURN(all ? t.mean(type) : t.mean(dims, keep, type));
    case SST_AMAX: SST_RETURN(t.amax(dims, keep));
    case SST_AMIN: SST_RETURN(t.amin(dims, keep));
    case SST_LOGSUMEXP:
      if (all) throw std::invalid_argument("logsumexp needs at least one dim");
      SST_RETURN(t.logsumexp(dims, keep));
    case SST_PROD:
      if (all) SST_RETURN(t.prod(type));
      if (ndims != 1) throw std::invalid_argument("prod takes one dim");
      SST_RETURN(t.prod(d[0], keep, type));
    case SST_MAX:  // torch.max(t): full reduction with max's own backward
      SST_RETURN(t.max());
    case SST_MIN:
      SST_RETURN(t.min());
    case SST_ALL:
      if (all) SST_RETURN(t.all());
      if (ndims != 1) throw std::invalid_argument("all takes one dim");
      SST_RETURN(t.all(d[0], keep));
    case SST_ANY:
      if (all) SST_RETURN(t.any());
      if (ndims != 1) throw std::invalid_argument("any takes one dim");
      SST_RETURN(t.any(d[0], keep));
  }
  throw std::invalid_argument("unknown reduction " + std::to_string(op));
  SST_CATCH
}

sst_status sst_max_dim(sst_tensor t, int64_t dim, int keepdim, int is_max,
                       sst_tensor *values, sst_tensor *indices) {
  SST_TRY
  auto r = is_max ? T(t).max(dim, keepdim != 0) : T(t).min(dim, keepdim != 0);
  *values = sst::box(std::get<0>(r));
  *indices = sst::box(std::get<1>(r));
  return sst::ok();
  SST_CATCH
}

sst_status sst_argmax(sst_tensor t, int has_dim, int64_t dim, int keepdim, int is_max,
                      sst_tensor *out) {
  SST_TRY
  c10::optional<int64_t> d;
  if (has_dim) d = dim;
  SST_RETURN(is_max ? T(t).argmax(d, keepdim != 0) : T(t).argmin(d, keepdim != 0));
  SST_CATCH
}

sst_status sst_norm(sst_tensor t, double p, const int64_t *d, int ndims, int keepdim,
                    sst_tensor *out) {
  SST_TRY
  if (ndims == 0 && !keepdim) SST_RETURN(T(t).norm(p));
  std::vector<int64_t> every(d, d + ndims);
  if (ndims == 0) {
    for (int64_t i = 0; i < T(t).dim(); i++) every.push_back(i);
  }
  SST_RETURN(T(t).norm(p, every, keepdim != 0));
  SST_CATCH
}

sst_status sst_var(sst_tensor t, const int64_t *d, int ndims, int64_t correction,
                   int keepdim, int is_std, sst_tensor *out) {
  SST_TRY
  at::OptionalIntArrayRef dims;
  if (ndims > 0) dims = sst::dims(d, ndims);
// var/std take correction as Scalar? from 2.1 on, as int? before.
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 1)
  c10::optional<at::Scalar> corr = at::Scalar(correction);
#else
  c10::optional<int64_t> corr = correction;
#endif
  SST_RETURN(is_std ? at::std(T(t), dims, corr, keepdim != 0)
                    : at::var(T(t), dims, corr, keepdim != 0));
  SST_CATCH
}

sst_status sst_foreach_add_(sst_tensor *self, const sst_tensor *other, int n, double alpha) {
  SST_TRY
  at::_foreach_add_(sst::list(self, n), sst::list(other, n), scalar(alpha));
  return sst::ok();
  SST_CATCH
}

sst_status sst_foreach_mul_scalar_(sst_tensor *self, int n, double s) {
  SST_TRY
  at::_foreach_mul_(sst::list(self, n), scalar(s));
  return sst::ok();
  SST_CATCH
}

sst_status sst_foreach_zero_(sst_tensor *self, int n) {
  SST_TRY
  at::_foreach_zero_(sst::list(self, n));
  return sst::ok();
  SST_CATCH
}

}  // extern "C"
