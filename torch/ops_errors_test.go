package torch

import (
	"math"
	"testing"
)

// Every creation, shape, math and reduction op called with bad arguments
// fails with a *Error that names the op and carries libtorch's message (or,
// where the binding checks first, its own), and the process goes on.
func TestCreationShapeMathErrors(t *testing.T) {
	Scoped(func() {
		x := Randn(shp(3, 4))
		xt := x.Transpose(0, 1)
		i64 := Arange(0, 12, 1, Int64).View(3, 4)
		mask := Ones(shp(3, 4), Bool)
		f64 := Randn(shp(4, 5), Float64)
		idx := FromSlice([]int64{0, 2})
		leaf := Randn(shp(3), RequiresGrad)
		closed := Ones(shp(2))
		closed.Close()

		tests := []struct {
			name, op, msg string
			fn            func()
		}{
			// Creation and data.
			{"negative size", "Zeros", "negative dimension -1", func() { Zeros(shp(-1, 2)) }},
			{"unknown dtype", "Zeros", "unknown dtype DType(99)", func() { Zeros(shp(2), DType(99)) }},
			{"negative dtype", "Full", "unknown dtype DType(-3)", func() { Full(shp(2), 1, DType(-3)) }},
			{"unknown dtype of Empty", "Empty", "unknown dtype DType(16)", func() { Empty(shp(2), DType(16)) }},
			{"arange step 0", "Arange", "step must be nonzero", func() { Arange(0, 5, 0) }},
			{"arange wrong direction", "Arange", "inconsistent with step sign", func() { Arange(0, 5, -1) }},
			{"arange unknown dtype", "Arange", "unknown dtype", func() { Arange(0, 5, 1, DType(42)) }},
			{"linspace negative steps", "Linspace", "number of steps must be non-negative", func() { Linspace(0, 1, -1) }},
			{"eye negative", "Eye", "n must be greater or equal to 0, got -1", func() { Eye(-1, 2) }},
			{"randint empty range", "Randint", "expects 'from' to be less than 'to'", func() { Randint(5, 5, shp(2)) }},
			{"randperm negative", "Randperm", "Trying to create tensor with negative dimension -1", func() { Randperm(-1) }},
			{"bytes for another shape", "FromBytes", "needs 12 bytes, got 8", func() { FromBytes(make([]byte, 8), Float32, 3) }},
			{"bytes of unknown dtype", "FromBytes", "unknown dtype DType(99)", func() { FromBytes(make([]byte, 8), DType(99), 2) }},
			{"slice for another shape", "FromSlice", "needs 24 bytes, got 16", func() { FromSlice([]float32{1, 2, 3, 4}, 2, 3) }},
			{"item of many", "Item", "a Tensor with 12 elements cannot be converted to Scalar", func() { x.Item() }},
			{"int item of many", "ItemInt", "a Tensor with 12 elements cannot be converted to Scalar", func() { i64.ItemInt() }},
			{"data of another type", "Data", "tensor has dtype float32, not int64", func() { Data[int64](x) }},
			{"to unknown dtype", "To", "unknown dtype DType(99)", func() { x.ToDType(DType(99)) }},

			// Shape and memory.
			{"view of another size", "View", "shape '[5]' is invalid for input of size 12", func() { x.View(5) }},
			{"view across strides", "View", "view size is not compatible with input tensor's size and stride", func() { xt.View(12) }},
			{"view infers twice", "View", "only one dimension can be inferred", func() { x.View(-1, -1) }},
			{"reshape of another size", "Reshape", "is invalid for input of size 12", func() { x.Reshape(5, 2) }},
			{"expand a non-1 dim", "Expand", "The expanded size of the tensor (5) must match the existing size (4) at non-singleton dimension 1", func() { x.Expand(3, 5) }},
			{"repeat too few", "Repeat", "can not be smaller than number of dimensions of tensor", func() { x.Repeat(2) }},
			{"permute too few", "Permute", "does not match the length of the desired ordering of dimensions", func() { x.Permute(0) }},
			{"permute repeated", "Permute", "duplicate dims are not allowed", func() { x.Permute(0, 0) }},
			{"transpose out of range", "Transpose", "Dimension out of range (expected to be in range of [-2, 1], but got 2)", func() { x.Transpose(0, 2) }},
			{"unknown memory format", "Contiguous", "unknown memory format 9", func() { x.ContiguousAs(MemoryFormat(9)) }},
			{"channels last of 2-d", "Contiguous", "required rank 4 tensor to use channels_last format", func() { x.ContiguousAs(ChannelsLast) }},
			{"narrow past the end", "Narrow", "exceeds dimension size", func() { x.Narrow(1, 2, 3) }},
			{"slice step 0", "Slice", "slice step must be positive", func() { x.Slice(0, 0, 3, 0) }},
			{"select out of range", "Select", "index 5 out of range for tensor of size [3, 4] at dimension 0", func() { x.Select(0, 5) }},
			{"select dim out of range", "Select", "Dimension out of range", func() { x.Select(-3, 0) }},
			{"index_select float index", "IndexSelect", "Expected dtype int32 or int64 for index", func() { x.IndexSelect(0, Zeros(shp(2))) }},
			{"index_select out of bounds", "IndexSelect", "out of", func() { x.IndexSelect(0, FromSlice([]int64{7})) }},
			{"gather rank", "Gather", "Index tensor must have the same number of dimensions as input tensor", func() { x.Gather(1, idx) }},
			{"gather out of bounds", "Gather", "out of bounds for dimension 1 with size 4", func() { x.Gather(1, FromSlice([]int64{9}, 1, 1)) }},
			{"scatter of another dtype", "Scatter", "Expected self.dtype to be equal to src.dtype", func() { x.Scatter(0, idx.View(1, 2), f64) }},
			{"scatter_ value out of bounds", "ScatterValue_", "out of bounds for dimension 0 with size 3", func() { x.Clone().ScatterValue_(0, FromSlice([]int64{3}, 1, 1), 1) }},
			{"masked_fill shapes", "MaskedFill", "must match the size", func() { x.MaskedFill(Ones(shp(5), Bool), 0) }},
			{"masked_fill_ broadcast self", "MaskedFill_", "doesn't match the broadcast shape", func() { Zeros(shp(4)).MaskedFill_(mask, 0) }},
			{"where float condition", "Where", "where expected condition to be a boolean tensor, but got a tensor with dtype Float", func() { Where(x, x, x) }},
			{"cat sizes", "Cat", "Sizes of tensors must match except in dimension 1", func() { Cat([]*Tensor{x, Zeros(shp(2, 4))}, 1) }},
			{"cat of nothing", "Cat", "expected a non-empty list of Tensors", func() { Cat(nil, 0) }},
			{"cat with a nil", "Cat", "nil tensor", func() { Cat([]*Tensor{x, nil}, 0) }},
			{"stack sizes", "Stack", "stack expects each tensor to be equal size", func() { Stack([]*Tensor{x, xt}, 0) }},
			{"stack dim out of range", "Stack", "Dimension out of range", func() { Stack([]*Tensor{x, x}, 3) }},
			{"chunk 0", "Chunk", "chunk expects `chunks` to be greater than 0", func() { x.Chunk(0, 0) }},
			{"split sizes sum", "Split", "split_with_sizes expects split_sizes to sum exactly to 4", func() { x.Split(shp(1, 2), 1) }},
			{"split dim out of range", "Split", "Dimension out of range", func() { x.Split(shp(2), 2) }},
			{"flatten backwards", "Flatten", "start_dim cannot come after end_dim", func() { x.Flatten(1, 0) }},
			{"unsqueeze out of range", "Unsqueeze", "Dimension out of range (expected to be in range of [-3, 2], but got 3)", func() { x.Unsqueeze(3) }},
			{"squeeze out of range", "Squeeze", "Dimension out of range", func() { x.Squeeze(2) }},
			{"copy_ shapes", "Copy_", "must match the size", func() { x.Clone().Copy_(Zeros(shp(5)), false) }},
			{"copy_ into a leaf", "Copy_", "a leaf Variable that requires grad is being used in an in-place operation", func() { leaf.Copy_(Zeros(shp(3)), false) }},

			// Element-wise math.
			{"add shapes", "Add", "The size of tensor a (4) must match the size of tensor b (5) at non-singleton dimension 1", func() { x.Add(Zeros(shp(5))) }},
			{"sub of a bool", "Sub", "Subtraction, the `-` operator, with a bool tensor is not supported", func() { x.Sub(mask) }},
			{"neg of a bool", "Neg", "Negation, the `-` operator, on a bool tensor is not supported", func() { mask.Neg() }},
			{"fractional alpha on ints", "AddScaled", "For integral input tensors, argument alpha must not be a floating point number", func() { i64.AddScaled(i64, 0.5) }},
			{"add_ broadcasts self", "Add_", "doesn't match the broadcast shape [3, 4]", func() { Zeros(shp(4)).Add_(x) }},
			{"mul_ broadcasts self", "Mul_", "doesn't match the broadcast shape [3, 4]", func() { Zeros(shp(4)).Mul_(x) }},
			{"add_ float into int", "Add_", "result type Float can't be cast to the desired output type Long", func() { i64.Clone().Add_(x) }},
			{"fractional scalar into int", "AddScalar_", "result type Float can't be cast to the desired output type Long", func() { i64.Clone().AddScalar_(0.5) }},
			{"in place on a leaf", "Exp_", "a leaf Variable that requires grad is being used in an in-place operation", func() { leaf.Exp_() }},
			{"zero_ of a leaf", "Zero_", "a leaf Variable that requires grad is being used in an in-place operation", func() { leaf.Zero_() }},
			{"ints to a negative power", "PowScalar", "Integers to negative integer powers are not allowed", func() { i64.PowScalar(-1) }},
			{"int remainder by zero", "Remainder", "ZeroDivisionError", func() { i64.Remainder(Zeros(shp(4), Int64)) }},
			{"logical_or shapes", "LogicalOr", "must match the size", func() { mask.LogicalOr(Ones(shp(5), Bool)) }},
			{"mm dtypes", "Mm", "expected scalar type Float but found Double", func() { x.Mm(f64) }},
			{"mm shapes", "Mm", "mat1 and mat2 shapes cannot be multiplied (3x4 and 3x4)", func() { x.Mm(x) }},
			{"mm of a vector", "Mm", "self must be a matrix", func() { idx.ToDType(Float32).Mm(x) }},
			{"bmm of matrices", "Bmm", "batch1 must be a 3D tensor", func() { x.Bmm(x) }},
			{"matmul vectors", "Matmul", "inconsistent tensor size", func() { Zeros(shp(3)).Matmul(Zeros(shp(4))) }},
			{"matmul of a scalar", "Matmul", "both arguments to matmul need to be at least 1D", func() { Zeros(shp()).Matmul(x) }},
			{"addmm shapes", "Addmm", "mat1 and mat2 shapes cannot be multiplied (3x4 and 3x4)", func() { x.Addmm(x, x, 1, 1) }},
			{"nil operand", "Add", "nil tensor", func() { x.Add(nil) }},
			{"closed operand", "Mul", "use of closed tensor", func() { x.Mul(closed) }},
			{"closed receiver", "Exp", "use of closed tensor", func() { closed.Exp() }},

			// Reductions.
			{"sum dim out of range", "SumDims", "Dimension out of range (expected to be in range of [-2, 1], but got 5)", func() { x.SumDims(shp(5), false) }},
			{"sum dim repeated", "SumDims", "appears multiple times in the list of dims", func() { x.SumDims(shp(0, -2), false) }},
			{"mean of ints", "Mean", "mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: Long", func() { i64.Mean() }},
			{"prod dim out of range", "ProdDim", "Dimension out of range", func() { x.ProdDim(2, false) }},
			{"max of nothing", "Max", "Expected reduction dim to be specified for input.numel() == 0", func() { Zeros(shp(0)).Max() }},
			{"max_dim out of range", "MaxDim", "Dimension out of range (expected to be in range of [-2, 1], but got -3)", func() { x.MaxDim(-3, false) }},
			{"min_dim out of range", "MinDim", "Dimension out of range", func() { x.MinDim(2, true) }},
			{"amax dim out of range", "Amax", "Dimension out of range", func() { x.Amax(shp(2), false) }},
			{"argmax dim out of range", "ArgmaxDim", "Dimension out of range", func() { x.ArgmaxDim(2, false) }},
			{"argmin of nothing", "Argmin", "Expected reduction dim to be specified for input.numel() == 0", func() { Zeros(shp(0)).Argmin() }},
			{"logsumexp over all", "LogSumExp", "logsumexp needs at least one dim", func() { x.LogSumExp(nil, false) }},
			{"norm of ints", "Norm", "norm(): input dtype should be either floating point or complex. Got Long instead", func() { i64.Norm(2, nil, false) }},
			{"norm dim out of range", "Norm", "Dimension out of range", func() { x.Norm(1, shp(4), false) }},
			{"var of ints", "Var", "std and var only support floating point and complex dtypes", func() { i64.Var(nil, 1, false) }},
			{"std dim out of range", "Std", "Dimension out of range", func() { x.Std(shp(-5), 1, false) }},
			{"all_dim out of range", "AllDim", "Dimension out of range", func() { mask.AllDim(2, false) }},

			// _foreach_ ops.
			{"foreach lengths", "ForeachAdd_", "2 tensors and 1 others", func() { ForeachAdd_([]*Tensor{x, x}, []*Tensor{x}, 1) }},
			{"foreach shapes", "ForeachAdd_", "must match the size", func() { ForeachAdd_([]*Tensor{x.Clone()}, []*Tensor{Zeros(shp(5))}, 1) }},
			{"foreach closed", "ForeachMulScalar_", "use of closed tensor", func() { ForeachMulScalar_([]*Tensor{x, closed}, 2) }},
			{"foreach nil", "ForeachZero_", "nil tensor", func() { ForeachZero_([]*Tensor{x.Clone(), nil}) }},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) { wantOpError(t, tt.fn, tt.op, tt.msg) })
		}
	})
}

// The process survives every error above: a tensor made after them works.
func TestOpsWorkAfterErrors(t *testing.T) {
	for range 3 {
		if err := Try(func() { Zeros(shp(2, 3)).Mm(Zeros(shp(2, 3))) }); err == nil {
			t.Fatal("mm of 2x3 by 2x3 succeeded")
		}
	}
	if got := Ones(shp(2, 3)).Sum().Item(); got != 6 {
		t.Errorf("sum of ones(2, 3) is %v after errors, want 6", got)
	}
	if got := Full(shp(2), math.Pi, Float64).Sum().Item(); got != 2*math.Pi {
		t.Errorf("sum of full(2, pi) is %v, want %v", got, 2*math.Pi)
	}
}
