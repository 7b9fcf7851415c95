"""Oracle cases: creation, shape and memory ops (Go side: torch/oracle_tensor_test.go).

Cases that need the layout of a result (strides, contiguity, whether it
records gradients) return it as an extra int64/bool output, since the
oracle compares values only. In-place cases work on a clone: the harness
records the inputs after the case ran.
"""

import torch

from oracle import case, randn, rand, randint

F64 = dict(rtol=1e-12, atol=1e-12)


def ints(lo, hi, *shape, dtype=torch.int64):
    return lambda g: torch.randint(lo, hi, shape, generator=g, dtype=dtype)


def bools(*shape, p=0.5):
    return lambda g: torch.rand(*shape, generator=g) < p


def typed(dtype, *shape):
    """Random values of any dtype: normal floats, small integers, coin flips."""
    if dtype == torch.bool:
        return bools(*shape)
    if dtype.is_floating_point:
        return lambda g: (3 * torch.randn(*shape, generator=g)).to(dtype)
    lo = 0 if dtype == torch.uint8 else -100
    return ints(lo, 100, *shape, dtype=dtype)


def strides(t):
    return torch.tensor(t.stride(), dtype=torch.int64)


def flag(b):
    return torch.tensor([bool(b)])


def seeded(seed, *make):
    """Seeds the default generator, then makes each result in order."""
    def fn():
        torch.manual_seed(seed)
        return [m() for m in make]
    return fn


# Creation.
case("zeros", lambda: torch.zeros(2, 3))
case("zeros_scalar", lambda: torch.zeros(()))
case("zeros_int64", lambda: torch.zeros(2, 3, dtype=torch.int64))
case("ones_bool", lambda: torch.ones(4, dtype=torch.bool))
case("ones_f64", lambda: torch.ones(2, 2, dtype=torch.float64))
case("full", lambda: torch.full((2, 3), 2.5))
case("full_int64", lambda: torch.full((3,), 7, dtype=torch.int64))
case("full_uint8", lambda: torch.full((2, 2), 200, dtype=torch.uint8))
case("arange_float", lambda: torch.arange(0, 1, 0.1))
case("arange_float_negative_step", lambda: torch.arange(5, 0, -1.5))
case("arange_f64", lambda: torch.arange(0.5, 3, 0.25, dtype=torch.float64))
case("arange_int64", lambda: torch.arange(-3, 10, 2))
case("arange_int32", lambda: torch.arange(0, 5, 1, dtype=torch.int32))
case("linspace", lambda: torch.linspace(-1, 1, 7))
case("linspace_f64", lambda: torch.linspace(0, 10, 11, dtype=torch.float64))
case("linspace_one", lambda: torch.linspace(3, 5, 1))
case("eye", lambda: torch.eye(3))
case("eye_rect", lambda: torch.eye(2, 4))
case("eye_int64", lambda: torch.eye(3, 3, dtype=torch.int64))
# The CPU samplers take vectorised paths from 16 elements on: test both sides.
case("rand_seeded", seeded(7, lambda: torch.rand(3, 4)))
case("rand_f64_seeded", seeded(8, lambda: torch.rand(20, dtype=torch.float64)))
case("randn_seeded", seeded(7, lambda: torch.randn(3, 4)))
case("randn_seeded_large", seeded(9, lambda: torch.randn(5, 7)))
case("randn_f64_seeded", seeded(10, lambda: torch.randn(20, dtype=torch.float64)))
case("randn_stream", seeded(3, lambda: torch.randn(5), lambda: torch.rand(2, 2),
                            lambda: torch.randn(17)))
case("randint_seeded", seeded(11, lambda: torch.randint(-5, 5, (4, 6))))
case("randint_uint8_seeded", seeded(12, lambda: torch.randint(0, 256, (30,), dtype=torch.uint8)))
case("randperm_seeded", seeded(13, lambda: torch.randperm(10)))
case("randperm_large_seeded", seeded(14, lambda: torch.randperm(100)))

# Scalars out, data in and out.
case("item", lambda x: torch.tensor([x.sum().item()], dtype=torch.float64), randn(3, 4))
case("item_int", lambda x: torch.tensor([x.sum().item()]), ints(-1000, 1000, 5))
case("item_int_exact", lambda x: torch.tensor([x.item()]), torch.tensor([2**62 + 1]))
for _dt in [torch.uint8, torch.int8, torch.int16, torch.int32, torch.int64,
            torch.float32, torch.float64, torch.bool, torch.float16, torch.bfloat16]:
    case("roundtrip_" + str(_dt).replace("torch.", ""), lambda x: x, typed(_dt, 3, 5), grad=False)
case("roundtrip_bytes_bfloat16", lambda x: x, typed(torch.bfloat16, 4, 2), grad=False)
case("roundtrip_special", lambda x: x,
     torch.tensor([0.0, -0.0, float("inf"), float("-inf"), float("nan"), 1e-45]), grad=False)
case("data_noncontiguous", lambda x: x.t().contiguous(), randn(3, 4), grad=False)

# dtype conversions.
case("to_float64", lambda x: x.to(torch.float64), randn(3, 4), **F64)
case("to_float16", lambda x: x.to(torch.float16), randn(3, 4))
case("to_bfloat16", lambda x: x.to(torch.bfloat16), randn(3, 4))
case("to_float32_from_f64", lambda x: x.to(torch.float32), randn(3, 4, dtype=torch.float64))
case("to_int64_truncates", lambda x: x.to(torch.int64), rand(3, 4, lo=-5, hi=5))
case("to_int32_from_f64", lambda x: x.to(torch.int32), rand(6, lo=-50, hi=50, dtype=torch.float64))
case("to_bool", lambda x: x.to(torch.bool), lambda g: torch.randint(-1, 2, (3, 4), generator=g).float())
case("to_uint8_wraps", lambda x: x.to(torch.uint8), ints(-300, 300, 10))
case("bool_to_float", lambda x: x.to(torch.float32), bools(3, 4))
case("uint8_to_float", lambda x: x.to(torch.float32), ints(0, 256, 8, dtype=torch.uint8))

# Views and layout.
case("view", lambda x: x.view(3, 4), randn(2, 6))
case("view_infer", lambda x: x.view(-1, 2), randn(3, 4))
case("view_int64", lambda x: x.view(4, 3), ints(-9, 9, 2, 6))
case("reshape", lambda x: x.t().reshape(-1), randn(3, 4))
case("reshape_infer", lambda x: x.reshape(2, -1, 3), randn(4, 3, 2))
case("permute", lambda x: (lambda y: (y, strides(y)))(x.permute(2, 0, 1)), randn(2, 3, 4))
case("permute_negative", lambda x: x.permute(-1, 0, -2), randn(2, 3, 4))
case("transpose", lambda x: (lambda y: (y, strides(y)))(x.transpose(0, 2)), randn(2, 3, 4))
case("transpose_negative", lambda x: x.transpose(-1, -2), randn(2, 3, 4))
case("contiguous", lambda x: (lambda y: (y, strides(y), flag(y.is_contiguous())))(x.t().contiguous()),
     randn(3, 4))
case("contiguous_channels_last",
     lambda x: (lambda y: (y, strides(y)))(x.contiguous(memory_format=torch.channels_last)),
     randn(2, 3, 4, 5))
case("to_channels_last",
     lambda x: (lambda y: (y, strides(y), flag(y.is_contiguous())))(x.to(memory_format=torch.channels_last)),
     randn(2, 3, 4, 5))
case("channels_last_kept_by_add",
     lambda x: (lambda y: (y, strides(y)))(x.contiguous(memory_format=torch.channels_last) + 1),
     randn(2, 3, 2, 2))
case("channels_last_back", lambda x: (lambda y: (y, strides(y)))(
    x.contiguous(memory_format=torch.channels_last).contiguous()), randn(2, 3, 2, 2))
case("narrow", lambda x: x.narrow(1, 1, 2), randn(3, 4))
case("narrow_negative", lambda x: (lambda y: (y, strides(y)))(x.narrow(-1, 2, 3)), randn(2, 3, 5))
case("slice_step", lambda x: (lambda y: (y, strides(y)))(x[:, 1:7:2]), randn(3, 8))
case("slice_clamped", lambda x: x[1:100], randn(4, 3))
case("slice_negative_start", lambda x: x[:, -3:], randn(2, 8))
case("select", lambda x: x.select(0, 1), randn(3, 4))
case("select_negative", lambda x: x.select(-1, -1), randn(2, 3, 4))
case("expand", lambda x: (lambda y: (y, strides(y)))(x.expand(3, 4)), randn(3, 1))
case("expand_new_dims", lambda x: x.expand(2, -1, 4), randn(3, 1))
case("repeat", lambda x: x.repeat(2, 1, 3), randn(2, 3))
case("repeat_int64", lambda x: x.repeat(2, 2), ints(0, 9, 2, 2))
case("flatten", lambda x: x.flatten(1, -1), randn(2, 3, 4))
case("flatten_all", lambda x: x.flatten(), randn(2, 3, 4))
case("flatten_middle", lambda x: x.t().flatten(0, 1), randn(3, 4))
case("unsqueeze", lambda x: x.unsqueeze(0), randn(3, 4))
case("unsqueeze_negative", lambda x: x.unsqueeze(-1), randn(3, 4))
case("squeeze_dim", lambda x: x.squeeze(1), randn(3, 1, 4))
case("squeeze_dim_kept", lambda x: x.squeeze(0), randn(3, 1, 4))
case("squeeze_negative", lambda x: x.squeeze(-1), randn(3, 4, 1))
case("squeeze_all", lambda x: x.squeeze(), randn(1, 3, 1, 4))

# Indexing.
_perm_rows = torch.tensor([[0, 1, 2, 0], [2, 0, 1, 1]])  # distinct per column: no write races
case("index_select", lambda x, i: x.index_select(0, i), randn(5, 3), randint(0, 5, 4))
case("index_select_int64", lambda x, i: x.index_select(-1, i), ints(-9, 9, 2, 5), randint(0, 5, 3))
case("index_select_t", lambda x, i: x.t().index_select(0, i), randn(4, 6), randint(0, 6, 7))
case("gather", lambda x, i: x.gather(1, i), randn(3, 4), randint(0, 4, 3, 5))
case("gather_negative", lambda x, i: x.gather(-1, i), randn(2, 3, 4), randint(0, 4, 2, 3, 2))
case("gather_int64", lambda x, i: x.gather(0, i), ints(-9, 9, 3, 2), randint(0, 3, 4, 2))
case("scatter", lambda x, i, s: x.scatter(0, i, s), randn(3, 4), _perm_rows, randn(2, 4))
case("scatter_value", lambda x, i: x.scatter(0, i, 1.5), randn(3, 4), _perm_rows)
case("scatter_inplace", lambda x, i, s: x.clone().scatter_(0, i, s), randn(3, 4), _perm_rows, randn(2, 4))
case("scatter_value_inplace", lambda x, i: x.clone().scatter_(0, i, -2.0), randn(3, 4), _perm_rows)
case("scatter_int64", lambda x, i, s: x.scatter(0, i, s), ints(-9, 9, 3, 4), _perm_rows, ints(-9, 9, 2, 4))
case("masked_fill", lambda x, m: x.masked_fill(m, -1.0), randn(3, 4), bools(4))
case("masked_fill_inplace", lambda x, m: x.clone().masked_fill_(m, 2.5), randn(3, 4), bools(3, 4))
case("masked_fill_int64", lambda x, m: x.masked_fill(m, 7), ints(-9, 9, 3, 4), bools(3, 1))
case("where", lambda c, a, b: torch.where(c, a, b), bools(3, 1), randn(3, 4), randn(4))
case("where_int64", lambda c, a, b: torch.where(c, a, b), bools(2, 3), ints(0, 9, 2, 3), ints(-9, 0, 2, 3))
case("where_t", lambda c, a, b: torch.where(c, a.t(), b), bools(4, 3), randn(3, 4), randn(4, 3))

# Joining and splitting.
case("cat", lambda a, b: torch.cat([a, b], 1), randn(2, 3), randn(2, 2))
case("cat_negative", lambda a, b, c: torch.cat([a, b, c], -1), randn(2, 1, 3), randn(2, 1, 1), randn(2, 1, 2))
case("cat_int64", lambda a, b: torch.cat([a, b], 0), ints(0, 9, 1, 3), ints(0, 9, 2, 3))
case("cat_bool", lambda a, b: torch.cat([a, b]), bools(3), bools(2))
case("stack", lambda a, b: torch.stack([a, b]), randn(2, 3), randn(2, 3))
case("stack_negative", lambda a, b, c: torch.stack([a, b, c], -1), randn(2, 3), randn(2, 3), randn(2, 3))
case("stack_uint8", lambda a, b: torch.stack([a, b], 1), ints(0, 255, 3, dtype=torch.uint8),
     ints(0, 255, 3, dtype=torch.uint8))
case("chunk", lambda x: x.chunk(3, 1), randn(2, 7))
case("chunk_negative", lambda x: x.chunk(2, -1), randn(2, 3, 4))
case("split_int", lambda x: torch.split(x, 2, 0), randn(5, 3))
case("split_sizes", lambda x: torch.split(x, [1, 3, 2], 1), randn(2, 6))
case("split_sizes_negative", lambda x: torch.split(x, [3, 1], -1), ints(0, 9, 2, 4))

# Copies, autograd identity and aliasing.
case("clone", lambda x: x.clone(), randn(3, 4))
case("clone_independent", lambda x: (lambda c: (c.mul_(2), x + 0))(x.clone()), randn(3, 4))
case("detach_cuts_grad", lambda x: (x * x.detach(), flag(x.detach().requires_grad)), randn(3, 4))
case("copy_broadcast_convert", lambda x: torch.zeros(3, 4, dtype=torch.float64).copy_(x), randn(4))
case("copy_into_view", lambda a, b: (lambda y: (y[0].copy_(b), y)[1])(a.clone()), randn(3, 4), randn(4))
case("copy_int_from_float", lambda x: torch.zeros(5, dtype=torch.int64).copy_(x), rand(5, lo=-9, hi=9))
case("write_through_view", lambda x: (lambda y: (y.view(-1)[::2].mul_(10), y)[1])(x.clone()), randn(3, 4))
