#!/usr/bin/env bash
# The SimCLR two-view loader side by side: `selfsup bench data` against
# torchvision + PIL through a DataLoader, same ImageNet-like JPEG tree, same
# number of workers (one per core), alternating rounds. Prints each round's
# JSON lines and the medians with their ratio.
#
# Usage: loader_vs_torchvision.sh [ROUNDS] [SECONDS]   (defaults 3, 15)
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-3}
seconds=${2:-15}
workers=$(nproc)
tree=${JPEG_TREE:-build/bench/jpegs}
[ -d "$tree" ] || /usr/bin/python3 third_party/pytorch/make_jpegs.py --out "$tree" --classes 10 --per-class 40 >/dev/null
out=$(mktemp)
for i in $(seq "$rounds"); do
  build/bin/selfsup bench data --root "$tree" --workers "$workers" --seconds "$seconds" --warmup 5 --batch 64 2>/dev/null |
    sed 's/^/go /' | tee -a "$out"
  /usr/bin/python3 third_party/pytorch/bench_data.py --root "$tree" --workers "$workers" --seconds "$seconds" --warmup 5 --batch 64 2>/dev/null |
    sed 's/^/torchvision /' | tee -a "$out"
done
/usr/bin/python3 - "$out" "$workers" <<'PY'
import json, statistics, sys
runs = {"go": [], "torchvision": []}
for line in open(sys.argv[1]):
    who, js = line.split(" ", 1)
    runs[who].append(json.loads(js)["two_view_img_per_s"])
cores = int(sys.argv[2])
g, t = statistics.median(runs["go"]), statistics.median(runs["torchvision"])
print(f"median two-view img/s: selfsup {g:.1f} ({g/cores:.1f}/core), torchvision {t:.1f} ({t/cores:.1f}/core), ratio {g/t:.2f}x on {cores} cores")
PY
rm -f "$out"
