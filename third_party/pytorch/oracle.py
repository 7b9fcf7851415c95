"""PyTorch oracle for selfsup's Go tests.

Each case is a function of tensors. For every case the oracle draws its
inputs with a generator seeded from the case's name, runs it in PyTorch,
and records inputs, outputs and, for floating-point inputs that take part in
autograd, the gradients of sum(output * upstream) with a random upstream
gradient. The Go test (torch/oracle_test.go) runs the same function through
the binding on the same inputs and compares.

Tensors travel as base64 of their little-endian bytes, so values (NaN and
infinities included) arrive bit for bit.

Usage: /usr/bin/python3 oracle_ops.py OUT.json
"""

import base64
import json
import sys
import zlib

import torch

_CASES = {}


def case(name, fn, *inputs, grad=True, rtol=1e-6, atol=1e-6):
    """Registers a case.

    fn takes the inputs and returns a tensor or a tuple/list of tensors.
    inputs are tensors, or callables taking a torch.Generator that make them
    (so that random inputs are reproducible per case). grad=False skips the
    gradient check; a list of booleans chooses per input.
    """
    if name in _CASES:
        raise ValueError("duplicate case " + name)
    _CASES[name] = (fn, inputs, grad, rtol, atol)


def randn(*shape, dtype=torch.float32):
    return lambda g: torch.randn(*shape, generator=g, dtype=dtype)


def rand(*shape, lo=0.0, hi=1.0, dtype=torch.float32):
    return lambda g: lo + (hi - lo) * torch.rand(*shape, generator=g, dtype=dtype)


def randint(lo, hi, *shape):
    return lambda g: torch.randint(lo, hi, shape, generator=g)


def encode(t):
    t = t.detach().contiguous().cpu()
    return {
        "dtype": str(t.dtype).replace("torch.", ""),
        "shape": list(t.shape),
        "data": base64.b64encode(t.numpy().tobytes() if t.dtype != torch.bfloat16
                                 else t.view(torch.int16).numpy().tobytes()).decode(),
    }


def _as_list(out):
    return list(out) if isinstance(out, (tuple, list)) else [out]


def _run_case(name, fn, inputs, grad, rtol, atol):
    g = torch.Generator().manual_seed(zlib.crc32(name.encode()))
    xs = [x(g) if callable(x) else x for x in inputs]
    wants = grad if isinstance(grad, list) else [grad] * len(xs)
    leaves = []
    for x, want in zip(xs, wants):
        x = x.clone()
        if want and x.is_floating_point():
            x.requires_grad_(True)
        leaves.append(x)
    # Encoded before the call, so that a case which changes an input in
    # place (batch norm's running statistics) records what went in.
    encoded_inputs = [encode(x) for x in leaves]
    outs = _as_list(fn(*leaves))
    ups, diff_outs = [], []
    for o in outs:
        if o.requires_grad:
            u = torch.randn(o.shape, generator=g, dtype=o.dtype)
            ups.append(encode(u))
            diff_outs.append((o, u))
        else:
            ups.append(None)
    if diff_outs:
        torch.autograd.backward([o for o, _ in diff_outs], [u for _, u in diff_outs])
    return {
        "inputs": encoded_inputs,
        "outputs": [encode(o) for o in outs],
        "upstream": ups,
        "grads": [encode(x.grad) if x.requires_grad and x.grad is not None else None
                  for x in leaves],
        "requires_grad": [bool(x.requires_grad) for x in leaves],
        "rtol": rtol,
        "atol": atol,
    }


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: %s OUT.json" % sys.argv[0])
    torch.set_num_threads(1)
    result = {name: _run_case(name, *spec) for name, spec in sorted(_CASES.items())}
    with open(sys.argv[1], "w") as f:
        json.dump({"torch_version": torch.__version__, "cases": result}, f)
