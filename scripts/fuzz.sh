#!/usr/bin/env bash
# Runs every libFuzzer target (built by the fuzz preset) for SECONDS each, one after the
# other, from its corpus in fuzz/corpus; fails on the first finding. New inputs go to a
# scratch directory, not into the repository. Every input has a time limit (-timeout: an
# input that takes longer is a finding, contract D10); the second half of each target's
# time lets inputs grow to 1 MB (-max_len), where the costly shapes live.
# Usage: scripts/fuzz.sh [SECONDS] [target ...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_decode fuzz_string_list fuzz_roundtrip fuzz_url fuzz_shapes fuzz_stream)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for t in "${targets[@]}"; do
  mkdir -p "$scratch/$t"
  echo "== $t: ${seconds}s" >&2
  half=$(( (seconds + 1) / 2 ))
  for max_len in default 1048576; do
    len_flag=()
    [ "$max_len" = default ] || len_flag=(-max_len="$max_len")
    if ! build/fuzz/fuzz/"$t" -max_total_time="$half" -timeout=10 -print_final_stats=1 -dict=fuzz/genauth.dict \
         "${len_flag[@]}" -artifact_prefix="$scratch/" "$scratch/$t" "fuzz/corpus/$t" >"$scratch/$t.log" 2>&1; then
      tail -n 40 "$scratch/$t.log" >&2
      echo "$t: finding (max_len $max_len); the input is in the log above (artifact under $scratch, kept)" >&2
      trap - EXIT
      exit 1
    fi
    echo "   max_len $max_len:" >&2
    grep -E '^stat::number_of_executed_units|^stat::average_exec_per_sec|^stat::peak_rss_mb|DONE' "$scratch/$t.log" >&2 || true
  done
done
