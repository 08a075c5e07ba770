#!/usr/bin/env bash
# The check throughput run (contract C4, P5): builds the CLI as users do (the release preset:
# -O2, no -march; PRESET to choose another), writes an NDJSON stream of SIZE bytes (default 1 GB:
# bench/make_stream.py, the three envelopes, one record in 100 broken), checks that
# `check --ndjson --jobs 2` reports every broken record at its line with the right code and the
# right summary, then times --jobs 1, --jobs 2 and, as the machine's own two-core ceiling, two
# --jobs 1 processes at once on the two halves; ROUNDS rounds (default 5) interleaved, medians
# of wall seconds and peak resident memory (/usr/bin/time).
# Usage: bench/stream_run.sh [SIZE] [ROUNDS]     (needs python3 and /usr/bin/time: package time)
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-1e9} rounds=${2:-5} preset=${PRESET:-release}
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" --target genauth-dto >/dev/null
cli=build/$preset/tools/genauth-dto
work=$(mktemp -d /var/tmp/genauth-stream.XXXXXX)
trap 'rm -rf "$work"' EXIT
stream=$work/stream.ndjson
want=$(python3 bench/make_stream.py "$stream" "$size")
echo "stream: $want"

# Every broken record at its line, with its code; the summary's counts.
rc=0
"$cli" check --ndjson --jobs 2 "$stream" >"$work/report" || rc=$?
[ "$rc" -eq 1 ] || { echo "check exited $rc, expected 1" >&2; exit 1; }
sed -n 's/^[^:]*:\([0-9]*\): error: \([a-z_]*\) .*/\1 \2/p' "$work/report" | cmp -s - "$stream.expected" ||
  { echo "the report's lines differ from $stream.expected" >&2; exit 1; }
python3 - "$work/report" "$want" <<'PY'
import json, re, sys
summary = open(sys.argv[1]).read().splitlines()[-1]
want = json.loads(sys.argv[2])
m = re.match(r'checked (\d+) documents: (\d+) valid, (\d+) invalid \((.*)\); (\d+) bytes', summary)
codes = dict((k, int(v)) for k, v in (c.split(' ') for c in m.group(4).split(', ')))
ok = (int(m.group(1)) == want['documents'] and int(m.group(5)) == want['bytes'] and codes == want['invalid_by_code']
      and int(m.group(3)) == sum(codes.values()) and int(m.group(2)) + int(m.group(3)) == want['documents'])
print(('summary right: ' if ok else 'SUMMARY WRONG: ') + summary)
sys.exit(0 if ok else 1)
PY

lines=$(wc -l <"$stream")
head -n $((lines / 2)) "$stream" >"$work/half1"
tail -n +$((lines / 2 + 1)) "$stream" >"$work/half2"
timed() {  # label command...: appends "wall peak_kb" to $work/label
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/t" "$@" >/dev/null 2>&1 || true
  tail -n 1 "$work/t" >>"$work/$label"  # (after a line on the exit status)
}
for _ in $(seq "$rounds"); do
  timed jobs1 "$cli" check --quiet --ndjson --jobs 1 "$stream"
  timed jobs2 "$cli" check --quiet --ndjson --jobs 2 "$stream"
  # Two processes at once, each on a half, until both are done.
  timed halves sh -c '"$0" check --quiet --ndjson "$1" & "$0" check --quiet --ndjson "$2"; wait' "$cli" "$work/half1" "$work/half2"
done
python3 - "$work" "$(stat -c %s "$stream")" <<'PY'
import statistics, sys
work, size = sys.argv[1], int(sys.argv[2])
med = {}
for label in ('jobs1', 'jobs2', 'halves'):
    rows = [tuple(map(float, l.split())) for l in open(work + '/' + label)]
    med[label] = (statistics.median(r[0] for r in rows), statistics.median(r[1] for r in rows))
for label, text in (('jobs1', '--jobs 1'), ('jobs2', '--jobs 2'), ('halves', 'two processes, a half each')):
    wall, peak = med[label]
    print('%-28s %7.3f s  %7.1f MB/s  peak %.1f MB' % (text, wall, size / 1e6 / wall, peak / 1024))
print('--jobs 2 / --jobs 1: %.2fx; two processes / --jobs 1: %.2fx' % (med['jobs1'][0] / med['jobs2'][0], med['jobs1'][0] / med['halves'][0]))
PY
