package torch

import "math"

// Go twins of third_party/pytorch/cases_math.py: element-wise math, matrix
// products, clamps, reductions and _foreach_ ops.

// scalarOf adapts a tensor-scalar method with the scalar fixed.
func scalarOf(f func(*Tensor, float64) *Tensor, s float64) opCase {
	return tensor1(func(x *Tensor) *Tensor { return f(x, s) })
}

// onClone runs an in-place method on a clone of the first input (with the
// second input as its operand, if it takes one) and returns the clone.
func onClone(f func(x *Tensor) *Tensor) opCase {
	return tensor1(func(x *Tensor) *Tensor {
		c := x.Clone()
		if f(c) != c {
			fail("onClone", "an in-place op returned another tensor")
		}
		return c
	})
}

func onClone2(f func(x, o *Tensor) *Tensor) opCase {
	return tensor2(func(x, o *Tensor) *Tensor {
		c := x.Clone()
		if f(c, o) != c {
			fail("onClone2", "an in-place op returned another tensor")
		}
		return c
	})
}

// foreachOnClones runs a _foreach_ op on clones of the first n inputs and
// returns the clones.
func foreachOnClones(n int, f func(self, rest []*Tensor)) opCase {
	return func(in []*Tensor) []*Tensor {
		self := make([]*Tensor, n)
		for i := range self {
			self[i] = in[i].Clone()
		}
		f(self, in[n:])
		return self
	}
}

func init() {
	unary := map[string]func(*Tensor) *Tensor{
		"neg": (*Tensor).Neg, "abs": (*Tensor).Abs, "sign": (*Tensor).Sign, "exp": (*Tensor).Exp,
		"log": (*Tensor).Log, "sqrt": (*Tensor).Sqrt, "rsqrt": (*Tensor).Rsqrt, "sin": (*Tensor).Sin,
		"cos": (*Tensor).Cos, "tanh": (*Tensor).Tanh, "sigmoid": (*Tensor).Sigmoid, "relu": (*Tensor).Relu,
		"reciprocal": (*Tensor).Reciprocal, "floor": (*Tensor).Floor, "ceil": (*Tensor).Ceil,
		"round": (*Tensor).Round, "log1p": (*Tensor).Log1p, "expm1": (*Tensor).Expm1,
		"square": (*Tensor).Square, "logical_not": (*Tensor).LogicalNot,
	}
	// The Python rows of unary ops: the op's name, then variants of the input.
	unaryRows := map[string][]string{
		"neg": {"", "_int64"}, "abs": {"", "_int64"}, "sign": {"", "_int64", "_special"},
		"exp": {"", "_f64", "_special"}, "log": {"", "_f64", "_special"}, "sqrt": {"", "_special"},
		"rsqrt": {"", "_special"}, "sin": {""}, "cos": {""}, "tanh": {"", "_f64", "_special"},
		"sigmoid": {"", "_special"}, "relu": {"", "_int64"}, "reciprocal": {"", "_special"},
		"floor": {""}, "ceil": {""}, "round": {"", "_half_even"}, "log1p": {"", "_special"},
		"expm1": {""}, "square": {"", "_int64"}, "logical_not": {"", "_float", "_int64"},
	}
	cases := map[string]opCase{}
	for op, variants := range unaryRows {
		for _, v := range variants {
			name := "unary_" + op + v
			if v == "_special" {
				name = "unary_special_" + op
			}
			cases[name] = tensor1(unary[op])
		}
	}
	cases["unary_exp_t"] = tensor1(func(x *Tensor) *Tensor { return x.Transpose(0, 1).Exp() })
	cases["unary_sigmoid_t"] = tensor1(func(x *Tensor) *Tensor { return x.Transpose(0, 2).Sigmoid() })

	cmp := map[string]func(a, b *Tensor) *Tensor{
		"eq": (*Tensor).Eq, "ne": (*Tensor).Ne, "lt": (*Tensor).Lt, "le": (*Tensor).Le, "gt": (*Tensor).Gt, "ge": (*Tensor).Ge,
	}
	cmpScalar := map[string]func(*Tensor, float64) *Tensor{
		"eq": (*Tensor).EqScalar, "ne": (*Tensor).NeScalar, "lt": (*Tensor).LtScalar,
		"le": (*Tensor).LeScalar, "gt": (*Tensor).GtScalar, "ge": (*Tensor).GeScalar,
	}
	for op, f := range cmp {
		cases["cmp_"+op] = tensor2(f)
		cases["cmp_"+op+"_scalar"] = scalarOf(cmpScalar[op], 0)
	}
	registerCases(cases)

	registerCases(map[string]opCase{
		// Binary ops with broadcasting.
		"add_broadcast":              tensor2((*Tensor).Add),
		"add_broadcast_both":         tensor2((*Tensor).Add),
		"add_t":                      tensor2(func(a, b *Tensor) *Tensor { return a.Transpose(0, 1).Add(b) }),
		"add_f64":                    tensor2((*Tensor).Add),
		"add_int64":                  tensor2((*Tensor).Add),
		"add_bool_promotes":          tensor2((*Tensor).Add),
		"add_alpha":                  tensor2(func(a, b *Tensor) *Tensor { return a.AddScaled(b, 2.5) }),
		"add_scalar":                 scalarOf((*Tensor).AddScalar, 1.5),
		"add_scalar_int64":           scalarOf((*Tensor).AddScalar, 2),
		"add_scalar_int64_fraction":  scalarOf((*Tensor).AddScalar, 2.5),
		"add_scalar_bool":            scalarOf((*Tensor).AddScalar, 1),
		"add_alpha_int64":            tensor2(func(a, b *Tensor) *Tensor { return a.AddScaled(b, -2) }),
		"sub_int64":                  tensor2((*Tensor).Sub),
		"sub":                        tensor2((*Tensor).Sub),
		"sub_scalar":                 scalarOf((*Tensor).SubScalar, 0.25),
		"mul":                        tensor2((*Tensor).Mul),
		"mul_scalar":                 scalarOf((*Tensor).MulScalar, -3),
		"mul_scalar_int64":           scalarOf((*Tensor).MulScalar, 3),
		"mul_uint8_wraps":            tensor2((*Tensor).Mul),
		"div":                        tensor2((*Tensor).Div),
		"div_int64_is_true_division": tensor2((*Tensor).Div),
		"div_scalar":                 scalarOf((*Tensor).DivScalar, 4),
		"pow":                        tensor2((*Tensor).Pow),
		"pow_broadcast":              tensor2((*Tensor).Pow),
		"pow_int64":                  tensor2((*Tensor).Pow),
		"pow_scalar":                 scalarOf((*Tensor).PowScalar, 3),
		"pow_scalar_int64":           scalarOf((*Tensor).PowScalar, 2),
		"pow_scalar_sqrt":            scalarOf((*Tensor).PowScalar, 0.5),
		"remainder":                  tensor2((*Tensor).Remainder),
		"remainder_int64":            tensor2((*Tensor).Remainder),
		"remainder_scalar_int64":     scalarOf((*Tensor).RemainderScalar, 4),
		"remainder_scalar":           scalarOf((*Tensor).RemainderScalar, 1.5),
		"maximum":                    tensor2((*Tensor).Maximum),
		"maximum_int64":              tensor2((*Tensor).Maximum),
		"minimum":                    tensor2((*Tensor).Minimum),
		"cmp_eq_int64":               tensor2((*Tensor).Eq),
		"cmp_lt_int64_scalar":        scalarOf((*Tensor).LtScalar, 1.5),
		"logical_and":                tensor2((*Tensor).LogicalAnd),
		"logical_and_mixed":          tensor2((*Tensor).LogicalAnd),
		"logical_or":                 tensor2((*Tensor).LogicalOr),

		// In-place forms.
		"inplace_add":        onClone2((*Tensor).Add_),
		"inplace_add_scaled": onClone2(func(x, o *Tensor) *Tensor { return x.AddScaled_(o, -0.5) }),
		"inplace_add_int64":  onClone2((*Tensor).Add_),
		"inplace_add_view": tensor2(func(a, b *Tensor) *Tensor {
			v := a.Clone().Transpose(0, 1)
			return v.Add_(b)
		}),
		"inplace_add_scalar_int64": onClone(func(x *Tensor) *Tensor { return x.AddScalar_(1) }),
		"inplace_mul_scalar_uint8": onClone(func(x *Tensor) *Tensor { return x.MulScalar_(3) }),
		"inplace_sub":              onClone2((*Tensor).Sub_),
		"inplace_mul":              onClone2((*Tensor).Mul_),
		"inplace_div":              onClone2((*Tensor).Div_),
		"inplace_add_scalar":       onClone(func(x *Tensor) *Tensor { return x.AddScalar_(0.75) }),
		"inplace_mul_scalar":       onClone(func(x *Tensor) *Tensor { return x.MulScalar_(-2) }),
		"inplace_mul_scalar_row": onClone(func(x *Tensor) *Tensor {
			x.Select(0, 1).MulScalar_(3)
			return x
		}),
		"inplace_div_scalar": onClone(func(x *Tensor) *Tensor { return x.DivScalar_(8) }),
		"inplace_neg":        onClone((*Tensor).Neg_),
		"inplace_abs":        onClone((*Tensor).Abs_),
		"inplace_exp":        onClone((*Tensor).Exp_),
		"inplace_log":        onClone((*Tensor).Log_),
		"inplace_sqrt":       onClone((*Tensor).Sqrt_),
		"inplace_sigmoid":    onClone((*Tensor).Sigmoid_),
		"inplace_relu":       onClone((*Tensor).Relu_),
		"inplace_zero":       onClone((*Tensor).Zero_),
		"inplace_clamp":      onClone(func(x *Tensor) *Tensor { return x.Clamp_(-0.5, 0.5) }),

		// Matrix products.
		"matmul_1d_1d":           tensor2((*Tensor).Matmul),
		"matmul_1d_2d":           tensor2((*Tensor).Matmul),
		"matmul_2d_1d":           tensor2((*Tensor).Matmul),
		"matmul_3d_2d":           tensor2((*Tensor).Matmul),
		"matmul_batch_broadcast": tensor2((*Tensor).Matmul),
		"matmul_3d_1d":           tensor2((*Tensor).Matmul),
		"matmul_t":               tensor2(func(a, b *Tensor) *Tensor { return a.Transpose(0, 1).Matmul(b) }),
		"matmul_f64":             tensor2((*Tensor).Matmul),
		"mm":                     tensor2((*Tensor).Mm),
		"mm_t":                   tensor2(func(a, b *Tensor) *Tensor { return a.Mm(b.Transpose(0, 1)) }),
		"bmm":                    tensor2((*Tensor).Bmm),
		"addmm":                  func(in []*Tensor) []*Tensor { return one(in[0].Addmm(in[1], in[2], 0.5, 2)) },
		"addmm_2d":               func(in []*Tensor) []*Tensor { return one(in[0].Addmm(in[1], in[2], 1, 1)) },
		"addmm_beta0":            func(in []*Tensor) []*Tensor { return one(in[0].Addmm(in[1], in[2], 0, -1)) },

		"clamp":                tensor1(func(x *Tensor) *Tensor { return x.Clamp(-0.5, 0.8) }),
		"clamp_min":            scalarOf((*Tensor).ClampMin, 0.1),
		"clamp_max":            scalarOf((*Tensor).ClampMax, -0.1),
		"clamp_int64":          tensor1(func(x *Tensor) *Tensor { return x.Clamp(-3, 4) }),
		"clamp_int64_fraction": tensor1(func(x *Tensor) *Tensor { return x.Clamp(-3.5, 4.5) }),
		"clamp_int64_inplace":  onClone(func(x *Tensor) *Tensor { return x.Clamp_(-3, 4) }),
		"clamp_f64":            tensor1(func(x *Tensor) *Tensor { return x.Clamp(-0.5, 0.8) }),

		// Reductions.
		"sum_all":                  tensor1((*Tensor).Sum),
		"sum_dims":                 tensor1(func(x *Tensor) *Tensor { return x.SumDims(shp(0, 2), true) }),
		"sum_dim":                  tensor1(func(x *Tensor) *Tensor { return x.SumDims(shp(1), false) }),
		"sum_negative_dims":        tensor1(func(x *Tensor) *Tensor { return x.SumDims(shp(-1, -3), false) }),
		"sum_t":                    tensor1(func(x *Tensor) *Tensor { return x.Transpose(0, 1).SumDims(shp(1), false) }),
		"sum_bool":                 tensor1((*Tensor).Sum),
		"sum_int64_dim":            tensor1(func(x *Tensor) *Tensor { return x.SumDims(shp(0), false) }),
		"sum_f64":                  tensor1(func(x *Tensor) *Tensor { return x.SumDims(shp(1), true) }),
		"mean_all":                 tensor1((*Tensor).Mean),
		"mean_dims":                tensor1(func(x *Tensor) *Tensor { return x.MeanDims(shp(0, 1), true) }),
		"mean_negative_dim":        tensor1(func(x *Tensor) *Tensor { return x.MeanDims(shp(-1), false) }),
		"mean_f64":                 tensor1((*Tensor).Mean),
		"prod_all":                 tensor1((*Tensor).Prod),
		"prod_dim":                 tensor1(func(x *Tensor) *Tensor { return x.ProdDim(1, false) }),
		"prod_dim_keep_negative":   tensor1(func(x *Tensor) *Tensor { return x.ProdDim(-2, true) }),
		"prod_int64":               tensor1((*Tensor).Prod),
		"max_all":                  tensor1((*Tensor).Max),
		"min_all":                  tensor1((*Tensor).Min),
		"max_all_int64":            tensor1((*Tensor).Max),
		"max_dim":                  func(in []*Tensor) []*Tensor { return two(in[0].MaxDim(1, false)) },
		"max_dim_keep_negative":    func(in []*Tensor) []*Tensor { return two(in[0].MaxDim(-1, true)) },
		"max_dim_int64":            func(in []*Tensor) []*Tensor { return two(in[0].MaxDim(0, false)) },
		"min_dim":                  func(in []*Tensor) []*Tensor { return two(in[0].MinDim(0, false)) },
		"min_dim_keep":             func(in []*Tensor) []*Tensor { return two(in[0].MinDim(1, true)) },
		"amax":                     tensor1(func(x *Tensor) *Tensor { return x.Amax(shp(0, 2), false) }),
		"amax_keep":                tensor1(func(x *Tensor) *Tensor { return x.Amax(shp(1), true) }),
		"amin":                     tensor1(func(x *Tensor) *Tensor { return x.Amin(shp(-1), false) }),
		"amin_int64":               tensor1(func(x *Tensor) *Tensor { return x.Amin(shp(0), true) }),
		"argmax":                   tensor1((*Tensor).Argmax),
		"argmax_dim":               tensor1(func(x *Tensor) *Tensor { return x.ArgmaxDim(1, false) }),
		"argmax_dim_keep_negative": tensor1(func(x *Tensor) *Tensor { return x.ArgmaxDim(-1, true) }),
		"argmin":                   tensor1((*Tensor).Argmin),
		"argmin_dim":               tensor1(func(x *Tensor) *Tensor { return x.ArgminDim(0, false) }),
		"argmin_int64":             tensor1(func(x *Tensor) *Tensor { return x.ArgminDim(1, false) }),
		"logsumexp":                tensor1(func(x *Tensor) *Tensor { return x.LogSumExp(shp(1), false) }),
		"logsumexp_keep_large":     tensor1(func(x *Tensor) *Tensor { return x.LogSumExp(shp(0, 2), true) }),
		"logsumexp_negative":       tensor1(func(x *Tensor) *Tensor { return x.LogSumExp(shp(-1), false) }),
		"norm_2_all":               tensor1(func(x *Tensor) *Tensor { return x.Norm(2, nil, false) }),
		"norm_1_all":               tensor1(func(x *Tensor) *Tensor { return x.Norm(1, nil, false) }),
		"norm_inf_all":             tensor1(func(x *Tensor) *Tensor { return x.Norm(math.Inf(1), nil, false) }),
		"norm_2_dim":               tensor1(func(x *Tensor) *Tensor { return x.Norm(2, shp(1), false) }),
		"norm_1_dims_keep":         tensor1(func(x *Tensor) *Tensor { return x.Norm(1, shp(0, 2), true) }),
		"norm_inf_dim_negative":    tensor1(func(x *Tensor) *Tensor { return x.Norm(math.Inf(1), shp(-1), false) }),
		"norm_2_f64":               tensor1(func(x *Tensor) *Tensor { return x.Norm(2, shp(0), false) }),
		"var_all":                  tensor1(func(x *Tensor) *Tensor { return x.Var(nil, 1, false) }),
		"var_all_population":       tensor1(func(x *Tensor) *Tensor { return x.Var(nil, 0, false) }),
		"var_dims_population_keep": tensor1(func(x *Tensor) *Tensor { return x.Var(shp(0, 2), 0, true) }),
		"var_dim_negative":         tensor1(func(x *Tensor) *Tensor { return x.Var(shp(-1), 1, false) }),
		"var_f64":                  tensor1(func(x *Tensor) *Tensor { return x.Var(shp(1), 1, false) }),
		"std_all":                  tensor1(func(x *Tensor) *Tensor { return x.Std(nil, 1, false) }),
		"std_dims_population":      tensor1(func(x *Tensor) *Tensor { return x.Std(shp(0, 1), 0, false) }),
		"std_dim_keep":             tensor1(func(x *Tensor) *Tensor { return x.Std(shp(1), 1, true) }),
		"all":                      tensor1((*Tensor).All),
		"all_true":                 tensor1((*Tensor).All),
		"any":                      tensor1((*Tensor).Any),
		"any_none":                 tensor1((*Tensor).Any),
		"all_dim":                  tensor1(func(x *Tensor) *Tensor { return x.AllDim(1, false) }),
		"all_dim_keep_negative":    tensor1(func(x *Tensor) *Tensor { return x.AllDim(-2, true) }),
		"any_dim":                  tensor1(func(x *Tensor) *Tensor { return x.AnyDim(0, false) }),
		"all_float":                tensor1((*Tensor).All),
		"any_uint8_dim":            tensor1(func(x *Tensor) *Tensor { return x.AnyDim(1, false) }),

		// _foreach_ ops.
		"foreach_add":        foreachOnClones(3, func(self, o []*Tensor) { ForeachAdd_(self, o, 0.5) }),
		"foreach_add_int64":  foreachOnClones(1, func(self, o []*Tensor) { ForeachAdd_(self, o, 3) }),
		"foreach_mul_scalar": foreachOnClones(2, func(self, _ []*Tensor) { ForeachMulScalar_(self, 1.5) }),
		"foreach_zero":       foreachOnClones(2, func(self, _ []*Tensor) { ForeachZero_(self) }),
	})
}

func init() {
	registerCases(map[string]opCase{
		"sum_all_keepdim":          func(in []*Tensor) []*Tensor { return one(in[0].SumDims(nil, true)) },
		"mean_all_keepdim":         func(in []*Tensor) []*Tensor { return one(in[0].MeanDims(nil, true)) },
		"norm_all_keepdim":         func(in []*Tensor) []*Tensor { return one(in[0].Norm(2, nil, true)) },
		"mul_scalar_negative_zero": func(in []*Tensor) []*Tensor { return one(in[0].MulScalar(math.Copysign(0, -1))) },
	})
}
