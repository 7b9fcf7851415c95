"""Oracle cases: creation, shape and memory ops (Go side: torch/oracle_tensor_test.go)."""

import torch

from oracle import case, randn, randint

case("view", lambda x: x.view(3, 4), randn(2, 6))
case("reshape", lambda x: x.t().reshape(-1), randn(3, 4))
case("cat", lambda a, b: torch.cat([a, b], 1), randn(2, 3), randn(2, 2))
case("index_select", lambda x, i: x.index_select(0, i), randn(5, 3), randint(0, 5, 4))
