package torch

import "math"

// Go twins of third_party/pytorch/cases_tensor.py: creation, data in and
// out, dtype conversions, views and layout, indexing, joining, copies.

// tensor1 adapts a single-result function of the first input.
func tensor1(f func(x *Tensor) *Tensor) opCase {
	return func(in []*Tensor) []*Tensor { return one(f(in[0])) }
}

// tensor2 adapts a single-result function of the first two inputs.
func tensor2(f func(a, b *Tensor) *Tensor) opCase {
	return func(in []*Tensor) []*Tensor { return one(f(in[0], in[1])) }
}

// made adapts a creation function, which takes no inputs.
func made(f func() *Tensor) opCase {
	return func([]*Tensor) []*Tensor { return one(f()) }
}

// seededCase seeds the default generator, then makes each result in order.
func seededCase(seed uint64, makes ...func() *Tensor) opCase {
	return func([]*Tensor) []*Tensor {
		ManualSeed(seed)
		out := make([]*Tensor, len(makes))
		for i, m := range makes {
			out[i] = m()
		}
		return out
	}
}

// withStrides returns t and its strides, as the Python cases' strides(t).
func withStrides(t *Tensor) []*Tensor { return []*Tensor{t, FromSlice(t.Strides())} }

// flagOf is a one-element bool tensor, as the Python cases' flag(b).
func flagOf(b bool) *Tensor { return FromSlice([]bool{b}) }

// roundTrip copies the first input out to a Go slice and back in.
func roundTrip[T Elem]() opCase {
	return tensor1(func(x *Tensor) *Tensor { return FromSlice(Data[T](x), x.Shape()...) })
}

// roundTripVia is roundTrip for a dtype with no Go element type: through
// float32, which holds float16 and bfloat16 values exactly.
func roundTripVia(d DType) opCase {
	return tensor1(func(x *Tensor) *Tensor {
		return FromSlice(Data[float32](x.ToDType(Float32)), x.Shape()...).ToDType(d)
	})
}

func shp(s ...int64) []int64 { return s }

func init() {
	registerCases(map[string]opCase{
		// Creation.
		"zeros":                      made(func() *Tensor { return Zeros(shp(2, 3)) }),
		"zeros_scalar":               made(func() *Tensor { return Zeros(shp()) }),
		"zeros_int64":                made(func() *Tensor { return Zeros(shp(2, 3), Int64) }),
		"ones_bool":                  made(func() *Tensor { return Ones(shp(4), Bool) }),
		"ones_f64":                   made(func() *Tensor { return Ones(shp(2, 2), Float64) }),
		"full":                       made(func() *Tensor { return Full(shp(2, 3), 2.5) }),
		"full_int64":                 made(func() *Tensor { return Full(shp(3), 7, Int64) }),
		"full_uint8":                 made(func() *Tensor { return Full(shp(2, 2), 200, Uint8) }),
		"arange_float":               made(func() *Tensor { return Arange(0, 1, 0.1) }),
		"arange_float_negative_step": made(func() *Tensor { return Arange(5, 0, -1.5) }),
		"arange_f64":                 made(func() *Tensor { return Arange(0.5, 3, 0.25, Float64) }),
		"arange_int64":               made(func() *Tensor { return Arange(-3, 10, 2, Int64) }),
		"arange_int32":               made(func() *Tensor { return Arange(0, 5, 1, Int32) }),
		"linspace":                   made(func() *Tensor { return Linspace(-1, 1, 7) }),
		"linspace_f64":               made(func() *Tensor { return Linspace(0, 10, 11, Float64) }),
		"linspace_one":               made(func() *Tensor { return Linspace(3, 5, 1) }),
		"eye":                        made(func() *Tensor { return Eye(3, 3) }),
		"eye_rect":                   made(func() *Tensor { return Eye(2, 4) }),
		"eye_int64":                  made(func() *Tensor { return Eye(3, 3, Int64) }),
		"rand_seeded":                seededCase(7, func() *Tensor { return Rand(shp(3, 4)) }),
		"rand_f64_seeded":            seededCase(8, func() *Tensor { return Rand(shp(20), Float64) }),
		"randn_seeded":               seededCase(7, func() *Tensor { return Randn(shp(3, 4)) }),
		"randn_seeded_large":         seededCase(9, func() *Tensor { return Randn(shp(5, 7)) }),
		"randn_f64_seeded":           seededCase(10, func() *Tensor { return Randn(shp(20), Float64) }),
		"randn_stream": seededCase(3,
			func() *Tensor { return Randn(shp(5)) },
			func() *Tensor { return Rand(shp(2, 2)) },
			func() *Tensor { return Randn(shp(17)) }),
		"randint_seeded":        seededCase(11, func() *Tensor { return Randint(-5, 5, shp(4, 6)) }),
		"randint_uint8_seeded":  seededCase(12, func() *Tensor { return Randint(0, 256, shp(30), Uint8) }),
		"randperm_seeded":       seededCase(13, func() *Tensor { return Randperm(10) }),
		"randperm_large_seeded": seededCase(14, func() *Tensor { return Randperm(100) }),

		// Scalars out, data in and out.
		"item":               tensor1(func(x *Tensor) *Tensor { return FromSlice([]float64{x.Sum().Item()}) }),
		"item_int":           tensor1(func(x *Tensor) *Tensor { return FromSlice([]int64{x.Sum().ItemInt()}) }),
		"item_int_exact":     tensor1(func(x *Tensor) *Tensor { return FromSlice([]int64{x.ItemInt()}) }),
		"roundtrip_uint8":    roundTrip[uint8](),
		"roundtrip_int8":     roundTrip[int8](),
		"roundtrip_int16":    roundTrip[int16](),
		"roundtrip_int32":    roundTrip[int32](),
		"roundtrip_int64":    roundTrip[int64](),
		"roundtrip_float32":  roundTrip[float32](),
		"roundtrip_float64":  roundTrip[float64](),
		"roundtrip_bool":     roundTrip[bool](),
		"roundtrip_float16":  roundTripVia(Float16),
		"roundtrip_bfloat16": roundTripVia(BFloat16),
		"roundtrip_bytes_bfloat16": tensor1(func(x *Tensor) *Tensor {
			return FromBytes(x.Bytes(), x.DType(), x.Shape()...)
		}),
		"roundtrip_special":  roundTrip[float32](),
		"data_noncontiguous": tensor1(func(x *Tensor) *Tensor { return FromSlice(Data[float32](x.Transpose(0, 1)), 4, 3) }),

		// dtype conversions.
		"to_float64":          tensor1(func(x *Tensor) *Tensor { return x.ToDType(Float64) }),
		"to_float16":          tensor1(func(x *Tensor) *Tensor { return x.ToDType(Float16) }),
		"to_bfloat16":         tensor1(func(x *Tensor) *Tensor { return x.ToDType(BFloat16) }),
		"to_float32_from_f64": tensor1(func(x *Tensor) *Tensor { return x.ToDType(Float32) }),
		"to_int64_truncates":  tensor1(func(x *Tensor) *Tensor { return x.ToDType(Int64) }),
		"to_int32_from_f64":   tensor1(func(x *Tensor) *Tensor { return x.ToDType(Int32) }),
		"to_bool":             tensor1(func(x *Tensor) *Tensor { return x.ToDType(Bool) }),
		"to_uint8_wraps":      tensor1(func(x *Tensor) *Tensor { return x.ToDType(Uint8) }),
		"bool_to_float":       tensor1(func(x *Tensor) *Tensor { return x.ToDType(Float32) }),
		"uint8_to_float":      tensor1(func(x *Tensor) *Tensor { return x.ToDType(Float32) }),

		// Views and layout.
		"view":               tensor1(func(x *Tensor) *Tensor { return x.View(3, 4) }),
		"view_infer":         tensor1(func(x *Tensor) *Tensor { return x.View(-1, 2) }),
		"view_int64":         tensor1(func(x *Tensor) *Tensor { return x.View(4, 3) }),
		"reshape":            tensor1(func(x *Tensor) *Tensor { return x.Transpose(0, 1).Reshape(-1) }),
		"reshape_infer":      tensor1(func(x *Tensor) *Tensor { return x.Reshape(2, -1, 3) }),
		"permute":            func(in []*Tensor) []*Tensor { return withStrides(in[0].Permute(2, 0, 1)) },
		"permute_negative":   tensor1(func(x *Tensor) *Tensor { return x.Permute(-1, 0, -2) }),
		"transpose":          func(in []*Tensor) []*Tensor { return withStrides(in[0].Transpose(0, 2)) },
		"transpose_negative": tensor1(func(x *Tensor) *Tensor { return x.Transpose(-1, -2) }),
		"contiguous": func(in []*Tensor) []*Tensor {
			y := in[0].Transpose(0, 1).Contiguous()
			return append(withStrides(y), flagOf(y.IsContiguous()))
		},
		"contiguous_channels_last": func(in []*Tensor) []*Tensor {
			return withStrides(in[0].ContiguousAs(ChannelsLast))
		},
		"to_channels_last": func(in []*Tensor) []*Tensor {
			y := in[0].ToMemoryFormat(ChannelsLast)
			return append(withStrides(y), flagOf(y.IsContiguous()))
		},
		"channels_last_kept_by_add": func(in []*Tensor) []*Tensor {
			return withStrides(in[0].ContiguousAs(ChannelsLast).AddScalar(1))
		},
		"channels_last_back": func(in []*Tensor) []*Tensor {
			return withStrides(in[0].ContiguousAs(ChannelsLast).Contiguous())
		},
		"narrow":               tensor1(func(x *Tensor) *Tensor { return x.Narrow(1, 1, 2) }),
		"narrow_negative":      func(in []*Tensor) []*Tensor { return withStrides(in[0].Narrow(-1, 2, 3)) },
		"slice_step":           func(in []*Tensor) []*Tensor { return withStrides(in[0].Slice(1, 1, 7, 2)) },
		"slice_clamped":        tensor1(func(x *Tensor) *Tensor { return x.Slice(0, 1, 100, 1) }),
		"slice_negative_start": tensor1(func(x *Tensor) *Tensor { return x.Slice(1, -3, math.MaxInt64, 1) }),
		"select":               tensor1(func(x *Tensor) *Tensor { return x.Select(0, 1) }),
		"select_negative":      tensor1(func(x *Tensor) *Tensor { return x.Select(-1, -1) }),
		"expand":               func(in []*Tensor) []*Tensor { return withStrides(in[0].Expand(3, 4)) },
		"expand_new_dims":      tensor1(func(x *Tensor) *Tensor { return x.Expand(2, -1, 4) }),
		"repeat":               tensor1(func(x *Tensor) *Tensor { return x.Repeat(2, 1, 3) }),
		"repeat_int64":         tensor1(func(x *Tensor) *Tensor { return x.Repeat(2, 2) }),
		"flatten":              tensor1(func(x *Tensor) *Tensor { return x.Flatten(1, -1) }),
		"flatten_all":          tensor1(func(x *Tensor) *Tensor { return x.Flatten(0, -1) }),
		"flatten_middle":       tensor1(func(x *Tensor) *Tensor { return x.Transpose(0, 1).Flatten(0, 1) }),
		"unsqueeze":            tensor1(func(x *Tensor) *Tensor { return x.Unsqueeze(0) }),
		"unsqueeze_negative":   tensor1(func(x *Tensor) *Tensor { return x.Unsqueeze(-1) }),
		"squeeze_dim":          tensor1(func(x *Tensor) *Tensor { return x.Squeeze(1) }),
		"squeeze_dim_kept":     tensor1(func(x *Tensor) *Tensor { return x.Squeeze(0) }),
		"squeeze_negative":     tensor1(func(x *Tensor) *Tensor { return x.Squeeze(-1) }),
		"squeeze_all":          tensor1(func(x *Tensor) *Tensor { return x.SqueezeAll() }),

		// Indexing.
		"index_select":       tensor2(func(x, i *Tensor) *Tensor { return x.IndexSelect(0, i) }),
		"index_select_int64": tensor2(func(x, i *Tensor) *Tensor { return x.IndexSelect(-1, i) }),
		"index_select_t":     tensor2(func(x, i *Tensor) *Tensor { return x.Transpose(0, 1).IndexSelect(0, i) }),
		"gather":             tensor2(func(x, i *Tensor) *Tensor { return x.Gather(1, i) }),
		"gather_negative":    tensor2(func(x, i *Tensor) *Tensor { return x.Gather(-1, i) }),
		"gather_int64":       tensor2(func(x, i *Tensor) *Tensor { return x.Gather(0, i) }),
		"scatter":            func(in []*Tensor) []*Tensor { return one(in[0].Scatter(0, in[1], in[2])) },
		"scatter_value":      tensor2(func(x, i *Tensor) *Tensor { return x.ScatterValue(0, i, 1.5) }),
		"scatter_inplace":    func(in []*Tensor) []*Tensor { return one(in[0].Clone().Scatter_(0, in[1], in[2])) },
		"scatter_value_inplace": tensor2(func(x, i *Tensor) *Tensor {
			return x.Clone().ScatterValue_(0, i, -2)
		}),
		"scatter_int64":       func(in []*Tensor) []*Tensor { return one(in[0].Scatter(0, in[1], in[2])) },
		"masked_fill":         tensor2(func(x, m *Tensor) *Tensor { return x.MaskedFill(m, -1) }),
		"masked_fill_inplace": tensor2(func(x, m *Tensor) *Tensor { return x.Clone().MaskedFill_(m, 2.5) }),
		"masked_fill_int64":   tensor2(func(x, m *Tensor) *Tensor { return x.MaskedFill(m, 7) }),
		"where":               func(in []*Tensor) []*Tensor { return one(Where(in[0], in[1], in[2])) },
		"where_int64":         func(in []*Tensor) []*Tensor { return one(Where(in[0], in[1], in[2])) },
		"where_t":             func(in []*Tensor) []*Tensor { return one(Where(in[0], in[1].Transpose(0, 1), in[2])) },

		// Joining and splitting.
		"cat":                  func(in []*Tensor) []*Tensor { return one(Cat(in, 1)) },
		"cat_negative":         func(in []*Tensor) []*Tensor { return one(Cat(in, -1)) },
		"cat_int64":            func(in []*Tensor) []*Tensor { return one(Cat(in, 0)) },
		"cat_bool":             func(in []*Tensor) []*Tensor { return one(Cat(in, 0)) },
		"stack":                func(in []*Tensor) []*Tensor { return one(Stack(in, 0)) },
		"stack_negative":       func(in []*Tensor) []*Tensor { return one(Stack(in, -1)) },
		"stack_uint8":          func(in []*Tensor) []*Tensor { return one(Stack(in, 1)) },
		"chunk":                func(in []*Tensor) []*Tensor { return in[0].Chunk(3, 1) },
		"chunk_negative":       func(in []*Tensor) []*Tensor { return in[0].Chunk(2, -1) },
		"split_int":            func(in []*Tensor) []*Tensor { return in[0].Split(shp(2), 0) },
		"split_sizes":          func(in []*Tensor) []*Tensor { return in[0].Split(shp(1, 3, 2), 1) },
		"split_sizes_negative": func(in []*Tensor) []*Tensor { return in[0].Split(shp(3, 1), -1) },

		// Copies, autograd identity and aliasing.
		"clone": tensor1((*Tensor).Clone),
		"clone_independent": func(in []*Tensor) []*Tensor {
			c := in[0].Clone()
			c.MulScalar_(2)
			return two(c, in[0].AddScalar(0))
		},
		"detach_cuts_grad": func(in []*Tensor) []*Tensor {
			x := in[0]
			return two(x.Mul(x.Detach()), flagOf(x.Detach().RequiresGrad()))
		},
		"copy_broadcast_convert": tensor1(func(x *Tensor) *Tensor { return Zeros(shp(3, 4), Float64).Copy_(x, false) }),
		"copy_into_view": tensor2(func(a, b *Tensor) *Tensor {
			y := a.Clone()
			y.Select(0, 0).Copy_(b, false)
			return y
		}),
		"copy_int_from_float": tensor1(func(x *Tensor) *Tensor { return Zeros(shp(5), Int64).Copy_(x, false) }),
		"write_through_view": tensor1(func(x *Tensor) *Tensor {
			y := x.Clone()
			y.View(-1).Slice(0, 0, math.MaxInt64, 2).MulScalar_(10)
			return y
		}),
	})
}
