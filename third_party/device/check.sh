#!/usr/bin/env bash
# The checks to run on a GPU machine, in one go. That machine has a pip
# PyTorch with CUDA, g++ and make but no Go, so the Go side travels
# prebuilt: on the development machine run `make device-bundle`, then ship
# the working tree with build/bin and build/device and run, at its root:
#
#   bash third_party/device/check.sh [PYTHON]
#
# It builds the shim against that Python's torch, prints the build, runs
# the torch, data/feed and data/devaug test binaries (the PyTorch oracle
# included, through SELFSUP_PYTHON), then the data loader with batches sent
# to CUDA. Everything it prints is worth keeping in the issue's notes.
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
py=${1:-$(command -v python3)}
status=0
step() { printf '\n== %s\n' "$*"; }

step "torch on this machine"
"$py" -c 'import torch; print(torch.__version__, "cuda", torch.version.cuda, "available", torch.cuda.is_available(), torch.cuda.device_count(), "cxx11abi", torch._C._GLIBCXX_USE_CXX11_ABI)' || exit 1

step "shim against $py's torch"
command -v make >/dev/null || { echo "no make on this machine"; exit 1; }
make -j"$(nproc)" shim TORCH_PYTHON="$py" || exit 1
ldd build/lib/libselfsup_torch.so | grep -E 'torch|c10|not found'

step "selfsup version"
build/bin/selfsup version || status=1

for pkg in torch data/feed data/devaug; do
  bin=build/device/$(echo "$pkg" | tr / _).test
  step "go test $pkg (prebuilt $bin)"
  (cd "$pkg" && SELFSUP_PYTHON="$py" "$root/$bin" -test.count=1 -test.timeout=300s) || status=1
done

step "loader to CUDA"
tree=build/bench/jpegs
[ -d "$tree" ] || "$py" third_party/pytorch/make_jpegs.py --out "$tree" --classes 10 --per-class 40 >/dev/null
build/bin/selfsup bench data --root "$tree" --workers "$(nproc)" --seconds 15 --warmup 5 --device cuda || status=1

step "done (status $status)"
exit $status
