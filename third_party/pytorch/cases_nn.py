"""Oracle cases: torch.nn.functional (Go side: torch/oracle_nn_test.go)."""

import torch
import torch.nn.functional as F

from oracle import case, randn, randint

case("conv2d_stride_pad", lambda x, w, b: F.conv2d(x, w, b, stride=2, padding=1),
     randn(2, 3, 8, 8), randn(4, 3, 3, 3), randn(4), rtol=1e-5, atol=1e-5)
case("cross_entropy", lambda x, y: F.cross_entropy(x, y), randn(4, 5), randint(0, 5, 4))
