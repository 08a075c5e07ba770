#!/usr/bin/env bash
# The whole test suite: g++ and clang++ debug builds, the suite again under ASan+UBSan, the
# release build users make (-O2, warnings as errors) with g++ and clang++, then each fuzz
# target for FUZZ_SECONDS (default 60) with libFuzzer.
# Usage: scripts/test.sh [preset ...]   (default: debug clang asan release release-clang fuzz)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
presets=("$@")
[ ${#presets[@]} -gt 0 ] || presets=(debug clang asan release release-clang fuzz)
jobs=$(nproc)
for preset in "${presets[@]}"; do
  echo "== $preset" >&2
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$jobs"
  if [ "$preset" = fuzz ]; then
    bash scripts/fuzz.sh "${FUZZ_SECONDS:-60}"
  else
    ctest --preset "$preset" -j "$jobs"
  fi
done
