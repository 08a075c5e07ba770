#!/usr/bin/env bash
# Runs every libFuzzer target (built by the fuzz preset) for SECONDS each, one after the
# other, from its corpus in fuzz/corpus; fails on the first finding. New inputs go to a
# scratch directory, not into the repository.
# Usage: scripts/fuzz.sh [SECONDS] [target ...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_decode fuzz_string_list fuzz_roundtrip fuzz_url)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for t in "${targets[@]}"; do
  mkdir -p "$scratch/$t"
  echo "== $t: ${seconds}s" >&2
  if ! build/fuzz/fuzz/"$t" -max_total_time="$seconds" -print_final_stats=1 -dict=fuzz/genauth.dict \
       -artifact_prefix="$scratch/" "$scratch/$t" "fuzz/corpus/$t" >"$scratch/$t.log" 2>&1; then
    tail -n 40 "$scratch/$t.log" >&2
    echo "$t: finding; the input is in the log above (artifact under $scratch, kept)" >&2
    trap - EXIT
    exit 1
  fi
  grep -E '^stat::number_of_executed_units|^stat::average_exec_per_sec|DONE' "$scratch/$t.log" >&2 || true
done
