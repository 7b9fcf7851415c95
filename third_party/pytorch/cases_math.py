"""Oracle cases: element-wise math, products, reductions (Go side: torch/oracle_math_test.go)."""

import torch

from oracle import case, randn, rand

case("add_broadcast", lambda a, b: a + b, randn(3, 4), randn(4))
case("exp", torch.exp, randn(3, 4))
case("log", torch.log, rand(3, 4, lo=0.1, hi=3))
case("matmul", torch.matmul, randn(2, 3, 4), randn(4, 5))
case("sum_dims", lambda x: x.sum([0, 2], keepdim=True), randn(2, 3, 4))
case("max_dim", lambda x: torch.max(x, 1), randn(3, 5))
