#!/usr/bin/env bash
# Compile time of a consumer's translation units (contract v2, section 9; bench/README.md,
# "Compile time"): bench/compile_time/*.cpp at -O0 and -O2, header-only and on the precompiled
# part (-DGENAUTH_DTO_PRECOMPILED; src/compiled.cpp compiled once, timed apart), each the least
# CPU time (user + system) of ROUNDS compilations, with peak memory. Run it on a quiet machine.
#   bash bench/compile_time.sh [CXX] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
cxx=${1:-g++}
rounds=${2:-3}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# The least CPU seconds and the peak resident memory (MB) of `rounds` runs of a command.
measure() {
  local best="" mem=0
  for _ in $(seq "$rounds"); do
    /usr/bin/time -f "%U %S %M" -o "$out/time" "$@" >/dev/null 2>"$out/err" || { cat "$out/err" >&2; exit 1; }
    read -r u s m <"$out/time"
    t=$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')
    if [ -z "$best" ] || awk -v t="$t" -v b="$best" 'BEGIN { exit !(t < b) }'; then best=$t; fi
    [ "$m" -gt "$mem" ] && mem=$m
  done
  echo "$best $((mem / 1024))"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo "| TU | flags | header-only: s, MB | x simdjson.h | precompiled: s, MB | x simdjson.h |"
echo "|---|---|---|---|---|---|"
for level in -O0 -O2; do
  flags="-std=c++20 $level -Iinclude -c"
  read -r base base_mb <<<"$(measure "$cxx" $flags bench/compile_time/simdjson_only.cpp -o "$out/o.o")"
  echo "| simdjson_only.cpp | $level | $base, $base_mb | 1.00 | | |"
  for tu in umbrella decode app; do
    read -r h h_mb <<<"$(measure "$cxx" $flags bench/compile_time/$tu.cpp -o "$out/o.o")"
    read -r p p_mb <<<"$(measure "$cxx" $flags -DGENAUTH_DTO_PRECOMPILED bench/compile_time/$tu.cpp -o "$out/o.o")"
    printf "| %s.cpp | %s | %s, %s | %s | %s, %s | %s |\n" "$tu" "$level" "$h" "$h_mb" "$(ratio "$h" "$base")" \
      "$p" "$p_mb" "$(ratio "$p" "$base")"
  done
  read -r c c_mb <<<"$(measure "$cxx" $flags src/compiled.cpp -o "$out/o.o")"
  echo "| src/compiled.cpp (once per build) | $level | $c, $c_mb | $(ratio "$c" "$base") | | |"
done
