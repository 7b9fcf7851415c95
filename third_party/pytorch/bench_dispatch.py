"""Per-call dispatch cost of a small in-place add through Python, the
PyTorch side of torch/bench_test.go's BenchmarkDispatchAddInPlace.

Prints one JSON line: {"us_per_op": median over repeats, "calls": n}.
Usage: /usr/bin/python3 bench_dispatch.py [CALLS] [REPEATS]
"""

import json
import statistics
import sys
import time

import torch


def main():
    calls = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    torch.set_num_threads(1)
    a, b = torch.ones(1), torch.ones(1)
    for _ in range(1000):  # warm-up
        a.add_(b)
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(calls):
            a.add_(b)
        times.append((time.perf_counter() - t0) / calls * 1e6)
    print(json.dumps({"us_per_op": statistics.median(times), "calls": calls}))


if __name__ == "__main__":
    main()
