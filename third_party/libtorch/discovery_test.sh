#!/usr/bin/env bash
# Checks libtorch discovery without compiling: each layout resolves to the
# right paths, and a wrong one gets a message that says what to do.
set -u
cd "$(dirname "$0")/../.."
fail=0
var() { make -s -p -n shim "$@" BUILD=/tmp/selfsup-discovery 2>/dev/null | sed -n "s/^$1 := //p" | head -1; }
expect() { # name got want
  if [[ "$2" != *"$3"* ]]; then echo "FAIL $1: got '$2', want it to contain '$3'"; fail=1; else echo "ok   $1"; fi
}
expect "Debian found" "$(var TORCH_FOUND)" "Debian libtorch-dev"
expect "Debian ABI" "$(var TORCH_CXX11_ABI)" "1"
pip_torch=/usr/lib/python3/dist-packages/torch
expect "LIBTORCH pip folder" "$(var TORCH_LIBDIR LIBTORCH=$pip_torch)" "$pip_torch/lib"
expect "LIBTORCH has no problem" "[$(var TORCH_PROBLEM LIBTORCH=$pip_torch)]" "[]"
expect "TORCH_PYTHON probe" "$(var TORCH_LIBDIR TORCH_PYTHON=/usr/bin/python3)" "$pip_torch/lib"
expect "TORCH_PYTHON ABI" "$(var TORCH_CXX11_ABI TORCH_PYTHON=/usr/bin/python3)" "1"
out=$(make shim LIBTORCH=/nonexistent BUILD=/tmp/selfsup-discovery 2>&1)
expect "bad LIBTORCH message" "$out" "LIBTORCH=/nonexistent: no torch/version.h"
expect "bad LIBTORCH help" "$out" "Install Debian's libtorch-dev"
out=$(make shim TORCH_PYTHON=/nonexistent/python3 BUILD=/tmp/selfsup-discovery 2>&1)
expect "bad TORCH_PYTHON message" "$out" "could not import torch"
exit $fail
