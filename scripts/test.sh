#!/usr/bin/env bash
# The whole test suite: g++ and clang++ builds, then again under ASan+UBSan.
# Usage: scripts/test.sh [preset ...]   (default: debug clang asan)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
presets=("$@")
[ ${#presets[@]} -gt 0 ] || presets=(debug clang asan)
jobs=$(nproc)
for preset in "${presets[@]}"; do
  echo "== $preset" >&2
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$jobs"
  ctest --preset "$preset" -j "$jobs"
done
