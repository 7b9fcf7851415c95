package torch

/*
#include "shim.h"
*/
import "C"

import "runtime"

func (t *Tensor) unary(op string, code C.int) *Tensor {
	var out C.sst_tensor
	st := C.sst_unary(code, t.ptr(op), 0, &out)
	runtime.KeepAlive(t)
	return result(op, &out, st)
}

func (t *Tensor) unary_(op string, code C.int) *Tensor {
	st := C.sst_unary(code, t.ptr(op), 1, nil)
	runtime.KeepAlive(t)
	check(op, st)
	return t
}

func (t *Tensor) binary(op string, code C.int, o *Tensor, alpha float64) *Tensor {
	var out C.sst_tensor
	st := C.sst_binary(code, t.ptr(op), o.ptr(op), C.double(alpha), 0, &out)
	runtime.KeepAlive(t)
	runtime.KeepAlive(o)
	return result(op, &out, st)
}

func (t *Tensor) binary_(op string, code C.int, o *Tensor, alpha float64) *Tensor {
	st := C.sst_binary(code, t.ptr(op), o.ptr(op), C.double(alpha), 1, nil)
	runtime.KeepAlive(t)
	runtime.KeepAlive(o)
	check(op, st)
	return t
}

func (t *Tensor) scalar(op string, code C.int, s float64) *Tensor {
	var out C.sst_tensor
	st := C.sst_binary_scalar(code, t.ptr(op), C.double(s), 0, &out)
	runtime.KeepAlive(t)
	return result(op, &out, st)
}

func (t *Tensor) scalar_(op string, code C.int, s float64) *Tensor {
	st := C.sst_binary_scalar(code, t.ptr(op), C.double(s), 1, nil)
	runtime.KeepAlive(t)
	check(op, st)
	return t
}

// Element-wise functions. The forms ending in _ work in place and return t.

// Neg returns -t.
func (t *Tensor) Neg() *Tensor { return t.unary("Neg", C.SST_NEG) }

// Abs returns |t|.
func (t *Tensor) Abs() *Tensor { return t.unary("Abs", C.SST_ABS) }

// Sign returns -1, 0 or 1 by the sign of each element.
func (t *Tensor) Sign() *Tensor { return t.unary("Sign", C.SST_SIGN) }

// Exp returns e^t.
func (t *Tensor) Exp() *Tensor { return t.unary("Exp", C.SST_EXP) }

// Log returns the natural logarithm of t.
func (t *Tensor) Log() *Tensor { return t.unary("Log", C.SST_LOG) }

// Sqrt returns √t.
func (t *Tensor) Sqrt() *Tensor { return t.unary("Sqrt", C.SST_SQRT) }

// Rsqrt returns 1/√t.
func (t *Tensor) Rsqrt() *Tensor { return t.unary("Rsqrt", C.SST_RSQRT) }

// Sin returns sin t.
func (t *Tensor) Sin() *Tensor { return t.unary("Sin", C.SST_SIN) }

// Cos returns cos t.
func (t *Tensor) Cos() *Tensor { return t.unary("Cos", C.SST_COS) }

// Tanh returns tanh t.
func (t *Tensor) Tanh() *Tensor { return t.unary("Tanh", C.SST_TANH) }

// Sigmoid returns 1/(1+e^-t).
func (t *Tensor) Sigmoid() *Tensor { return t.unary("Sigmoid", C.SST_SIGMOID) }

// Relu returns max(t, 0).
func (t *Tensor) Relu() *Tensor { return t.unary("Relu", C.SST_RELU) }

// Reciprocal returns 1/t.
func (t *Tensor) Reciprocal() *Tensor { return t.unary("Reciprocal", C.SST_RECIPROCAL) }

// Floor rounds down.
func (t *Tensor) Floor() *Tensor { return t.unary("Floor", C.SST_FLOOR) }

// Ceil rounds up.
func (t *Tensor) Ceil() *Tensor { return t.unary("Ceil", C.SST_CEIL) }

// Round rounds half to even, as torch.round.
func (t *Tensor) Round() *Tensor { return t.unary("Round", C.SST_ROUND) }

// Log1p returns log(1+t).
func (t *Tensor) Log1p() *Tensor { return t.unary("Log1p", C.SST_LOG1P) }

// Expm1 returns e^t - 1.
func (t *Tensor) Expm1() *Tensor { return t.unary("Expm1", C.SST_EXPM1) }

// Square returns t².
func (t *Tensor) Square() *Tensor { return t.unary("Square", C.SST_SQUARE) }

// LogicalNot returns the boolean negation of t.
func (t *Tensor) LogicalNot() *Tensor { return t.unary("LogicalNot", C.SST_LOGICAL_NOT) }

// ZerosLike returns zeros of t's shape, dtype and device (torch.zeros_like).
func (t *Tensor) ZerosLike() *Tensor { return t.unary("ZerosLike", C.SST_ZERO) }

// Neg_ negates t in place.
func (t *Tensor) Neg_() *Tensor { return t.unary_("Neg_", C.SST_NEG) }

// Abs_ is Abs in place.
func (t *Tensor) Abs_() *Tensor { return t.unary_("Abs_", C.SST_ABS) }

// Exp_ is Exp in place.
func (t *Tensor) Exp_() *Tensor { return t.unary_("Exp_", C.SST_EXP) }

// Log_ is Log in place.
func (t *Tensor) Log_() *Tensor { return t.unary_("Log_", C.SST_LOG) }

// Sqrt_ is Sqrt in place.
func (t *Tensor) Sqrt_() *Tensor { return t.unary_("Sqrt_", C.SST_SQRT) }

// Sigmoid_ is Sigmoid in place.
func (t *Tensor) Sigmoid_() *Tensor { return t.unary_("Sigmoid_", C.SST_SIGMOID) }

// Relu_ is Relu in place.
func (t *Tensor) Relu_() *Tensor { return t.unary_("Relu_", C.SST_RELU) }

// Zero_ fills t with zeros.
func (t *Tensor) Zero_() *Tensor { return t.unary_("Zero_", C.SST_ZERO) }

// Binary operations broadcast as in PyTorch.

// Add returns t + o.
func (t *Tensor) Add(o *Tensor) *Tensor { return t.binary("Add", C.SST_ADD, o, 1) }

// AddScaled returns t + alpha·o (torch.add(t, o, alpha=alpha)).
func (t *Tensor) AddScaled(o *Tensor, alpha float64) *Tensor {
	return t.binary("AddScaled", C.SST_ADD, o, alpha)
}

// Sub returns t - o.
func (t *Tensor) Sub(o *Tensor) *Tensor { return t.binary("Sub", C.SST_SUB, o, 1) }

// Mul returns t · o element-wise.
func (t *Tensor) Mul(o *Tensor) *Tensor { return t.binary("Mul", C.SST_MUL, o, 1) }

// Div returns t / o (true division).
func (t *Tensor) Div(o *Tensor) *Tensor { return t.binary("Div", C.SST_DIV, o, 1) }

// Pow returns t^o.
func (t *Tensor) Pow(o *Tensor) *Tensor { return t.binary("Pow", C.SST_POW, o, 1) }

// Remainder returns t mod o with the sign of o (torch.remainder).
func (t *Tensor) Remainder(o *Tensor) *Tensor { return t.binary("Remainder", C.SST_REMAINDER, o, 1) }

// Maximum returns the element-wise maximum (torch.maximum).
func (t *Tensor) Maximum(o *Tensor) *Tensor { return t.binary("Maximum", C.SST_MAXIMUM, o, 1) }

// Minimum returns the element-wise minimum (torch.minimum).
func (t *Tensor) Minimum(o *Tensor) *Tensor { return t.binary("Minimum", C.SST_MINIMUM, o, 1) }

// Eq returns t == o as bool.
func (t *Tensor) Eq(o *Tensor) *Tensor { return t.binary("Eq", C.SST_EQ, o, 1) }

// Ne returns t != o as bool.
func (t *Tensor) Ne(o *Tensor) *Tensor { return t.binary("Ne", C.SST_NE, o, 1) }

// Lt returns t < o as bool.
func (t *Tensor) Lt(o *Tensor) *Tensor { return t.binary("Lt", C.SST_LT, o, 1) }

// Le returns t <= o as bool.
func (t *Tensor) Le(o *Tensor) *Tensor { return t.binary("Le", C.SST_LE, o, 1) }

// Gt returns t > o as bool.
func (t *Tensor) Gt(o *Tensor) *Tensor { return t.binary("Gt", C.SST_GT, o, 1) }

// Ge returns t >= o as bool.
func (t *Tensor) Ge(o *Tensor) *Tensor { return t.binary("Ge", C.SST_GE, o, 1) }

// LogicalAnd returns t && o.
func (t *Tensor) LogicalAnd(o *Tensor) *Tensor {
	return t.binary("LogicalAnd", C.SST_LOGICAL_AND, o, 1)
}

// LogicalOr returns t || o.
func (t *Tensor) LogicalOr(o *Tensor) *Tensor { return t.binary("LogicalOr", C.SST_LOGICAL_OR, o, 1) }

// Matmul is the matrix product with PyTorch's broadcasting rules
// (torch.matmul).
func (t *Tensor) Matmul(o *Tensor) *Tensor { return t.binary("Matmul", C.SST_MATMUL, o, 1) }

// Mm is the product of two matrices (torch.mm).
func (t *Tensor) Mm(o *Tensor) *Tensor { return t.binary("Mm", C.SST_MM, o, 1) }

// Bmm is the batched product of b×n×m and b×m×p tensors (torch.bmm).
func (t *Tensor) Bmm(o *Tensor) *Tensor { return t.binary("Bmm", C.SST_BMM, o, 1) }

// Add_ adds o to t in place. It is the binding's fastest path: one shim
// call, no allocation.
func (t *Tensor) Add_(o *Tensor) *Tensor {
	st := C.sst_add_(t.ptr("Add_"), o.ptr("Add_"), 1)
	runtime.KeepAlive(t)
	runtime.KeepAlive(o)
	check("Add_", st)
	return t
}

// AddScaled_ adds alpha·o to t in place.
func (t *Tensor) AddScaled_(o *Tensor, alpha float64) *Tensor {
	st := C.sst_add_(t.ptr("AddScaled_"), o.ptr("AddScaled_"), C.double(alpha))
	runtime.KeepAlive(t)
	runtime.KeepAlive(o)
	check("AddScaled_", st)
	return t
}

// Sub_ subtracts o from t in place.
func (t *Tensor) Sub_(o *Tensor) *Tensor { return t.binary_("Sub_", C.SST_SUB, o, 1) }

// Mul_ multiplies t by o in place.
func (t *Tensor) Mul_(o *Tensor) *Tensor { return t.binary_("Mul_", C.SST_MUL, o, 1) }

// Div_ divides t by o in place.
func (t *Tensor) Div_(o *Tensor) *Tensor { return t.binary_("Div_", C.SST_DIV, o, 1) }

// Scalar operands (here, in Clamp and in ForeachMulScalar_, and an alpha)
// act as the Python number a PyTorch user would write: an integral value as
// a Python int, so an int64 tensor plus 1 stays int64 and AddScalar_(1) works
// on it, and any other value as a Python float, so int64 + 0.5 is float32.

// AddScalar returns t + s.
func (t *Tensor) AddScalar(s float64) *Tensor { return t.scalar("AddScalar", C.SST_ADD, s) }

// SubScalar returns t - s.
func (t *Tensor) SubScalar(s float64) *Tensor { return t.scalar("SubScalar", C.SST_SUB, s) }

// MulScalar returns t · s.
func (t *Tensor) MulScalar(s float64) *Tensor { return t.scalar("MulScalar", C.SST_MUL, s) }

// DivScalar returns t / s.
func (t *Tensor) DivScalar(s float64) *Tensor { return t.scalar("DivScalar", C.SST_DIV, s) }

// PowScalar returns t^s.
func (t *Tensor) PowScalar(s float64) *Tensor { return t.scalar("PowScalar", C.SST_POW, s) }

// RemainderScalar returns t mod s with the sign of s.
func (t *Tensor) RemainderScalar(s float64) *Tensor {
	return t.scalar("RemainderScalar", C.SST_REMAINDER, s)
}

// EqScalar returns t == s as bool.
func (t *Tensor) EqScalar(s float64) *Tensor { return t.scalar("EqScalar", C.SST_EQ, s) }

// NeScalar returns t != s as bool.
func (t *Tensor) NeScalar(s float64) *Tensor { return t.scalar("NeScalar", C.SST_NE, s) }

// LtScalar returns t < s as bool.
func (t *Tensor) LtScalar(s float64) *Tensor { return t.scalar("LtScalar", C.SST_LT, s) }

// LeScalar returns t <= s as bool.
func (t *Tensor) LeScalar(s float64) *Tensor { return t.scalar("LeScalar", C.SST_LE, s) }

// GtScalar returns t > s as bool.
func (t *Tensor) GtScalar(s float64) *Tensor { return t.scalar("GtScalar", C.SST_GT, s) }

// GeScalar returns t >= s as bool.
func (t *Tensor) GeScalar(s float64) *Tensor { return t.scalar("GeScalar", C.SST_GE, s) }

// AddScalar_ adds s to t in place.
func (t *Tensor) AddScalar_(s float64) *Tensor { return t.scalar_("AddScalar_", C.SST_ADD, s) }

// MulScalar_ multiplies t by s in place.
func (t *Tensor) MulScalar_(s float64) *Tensor { return t.scalar_("MulScalar_", C.SST_MUL, s) }

// DivScalar_ divides t by s in place.
func (t *Tensor) DivScalar_(s float64) *Tensor { return t.scalar_("DivScalar_", C.SST_DIV, s) }

// Addmm returns beta·t + alpha·(m1 @ m2) (torch.addmm).
func (t *Tensor) Addmm(m1, m2 *Tensor, beta, alpha float64) *Tensor {
	var out C.sst_tensor
	st := C.sst_addmm(t.ptr("Addmm"), m1.ptr("Addmm"), m2.ptr("Addmm"), C.double(beta), C.double(alpha), &out)
	runtime.KeepAlive(t)
	runtime.KeepAlive(m1)
	runtime.KeepAlive(m2)
	return result("Addmm", &out, st)
}

// Clamp limits t to [lo, hi] (torch.clamp).
func (t *Tensor) Clamp(lo, hi float64) *Tensor {
	var out C.sst_tensor
	st := C.sst_clamp(t.ptr("Clamp"), 1, C.double(lo), 1, C.double(hi), 0, &out)
	runtime.KeepAlive(t)
	return result("Clamp", &out, st)
}

// ClampMin returns max(t, lo) (torch.clamp_min).
func (t *Tensor) ClampMin(lo float64) *Tensor {
	var out C.sst_tensor
	st := C.sst_clamp(t.ptr("ClampMin"), 1, C.double(lo), 0, 0, 0, &out)
	runtime.KeepAlive(t)
	return result("ClampMin", &out, st)
}

// ClampMax returns min(t, hi) (torch.clamp_max).
func (t *Tensor) ClampMax(hi float64) *Tensor {
	var out C.sst_tensor
	st := C.sst_clamp(t.ptr("ClampMax"), 0, 0, 1, C.double(hi), 0, &out)
	runtime.KeepAlive(t)
	return result("ClampMax", &out, st)
}

// Clamp_ is Clamp in place.
func (t *Tensor) Clamp_(lo, hi float64) *Tensor {
	st := C.sst_clamp(t.ptr("Clamp_"), 1, C.double(lo), 1, C.double(hi), 1, nil)
	runtime.KeepAlive(t)
	check("Clamp_", st)
	return t
}

// ForeachAdd_ adds alpha·other[i] to each self[i] in one fused call
// (torch._foreach_add_).
func ForeachAdd_(self, other []*Tensor, alpha float64) {
	if len(self) != len(other) {
		fail("ForeachAdd_", "%d tensors and %d others", len(self), len(other))
	}
	if len(self) == 0 {
		return
	}
	hs, os := handles("ForeachAdd_", self), handles("ForeachAdd_", other)
	st := C.sst_foreach_add_(&hs[0], &os[0], C.int(len(hs)), C.double(alpha))
	runtime.KeepAlive(self)
	runtime.KeepAlive(other)
	check("ForeachAdd_", st)
}

// ForeachMulScalar_ multiplies each tensor by s in one fused call
// (torch._foreach_mul_).
func ForeachMulScalar_(self []*Tensor, s float64) {
	if len(self) == 0 {
		return
	}
	hs := handles("ForeachMulScalar_", self)
	st := C.sst_foreach_mul_scalar_(&hs[0], C.int(len(hs)), C.double(s))
	runtime.KeepAlive(self)
	check("ForeachMulScalar_", st)
}

// ForeachZero_ zeroes each tensor in one fused call (torch._foreach_zero_).
func ForeachZero_(self []*Tensor) {
	if len(self) == 0 {
		return
	}
	hs := handles("ForeachZero_", self)
	st := C.sst_foreach_zero_(&hs[0], C.int(len(hs)))
	runtime.KeepAlive(self)
	check("ForeachZero_", st)
}
