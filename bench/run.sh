#!/usr/bin/env bash
# Builds one benchmark preset and runs the tables of bench/README.md from it: decode, encode
# and stage1 rows of the three documents, 5 repetitions interleaved, pinned to one core.
# Usage: bench/run.sh PRESET OUT.json [KERNEL]
#   KERNEL: simdjson's run-time kernel forced (SIMDJSON_FORCE_IMPLEMENTATION): icelake,
#   haswell, westmere or fallback; without it simdjson picks the best this CPU runs.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { echo "usage: $0 PRESET OUT.json [KERNEL]" >&2; exit 2; }
preset=$1 out=$2 kernel=${3:-}
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" --target genauth_bench >/dev/null
bin=build/$preset/bench/genauth_bench
# Google Benchmark 1.8 wants a unit on --benchmark_min_time, which 1.7 (Debian 12) rejects.
min_time=0.2s
"$bin" --benchmark_list_tests --benchmark_min_time=$min_time >/dev/null 2>&1 || min_time=0.2
cpu=$(( $(nproc) > 1 ? 1 : 0 ))
env ${kernel:+SIMDJSON_FORCE_IMPLEMENTATION=$kernel} taskset -c $cpu "$bin" \
  --benchmark_filter='^((decode|encode)/[a-z_]+|stage1)/(sample|array_form|large)$' \
  --benchmark_repetitions=5 --benchmark_min_time=$min_time --benchmark_enable_random_interleaving=true \
  --benchmark_report_aggregates_only=true --benchmark_out="$out" --benchmark_out_format=json >/dev/null
