#!/usr/bin/env bash
# Runs the test suite on another Debian release (trixie = Debian 13, sid = unstable, or
# bookworm), in a minimal chroot made by debootstrap from Debian's mirror: a fresh machine
# with that release's own compilers, simdjson and cmake, nothing else. As root.
# Usage: scripts/other-debian.sh SUITE [preset ...]      (default: other-debian other-debian-asan)
#        scripts/other-debian.sh --quick-start SUITE      (README's Quick start as written there:
#                                                         scripts/demo.sh, then scripts/test.sh)
#        scripts/other-debian.sh --prepare SUITE          (make the chroot and install the
#                                                         packages only; needs GENAUTH_DTO_CHROOT)
#        scripts/other-debian.sh --bench SUITE OUT.json   (bench/run.sh's tables, preset bench,
#                                                         with that release's simdjson; glaze
#                                                         too where the release has glaze 9)
# GENAUTH_DTO_CHROOT=DIR keeps the chroot in DIR (and reuses it on the next run); without
# it, a fresh one is made under /var/tmp and removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
prepare=0
quick_start=0
bench_out=""
case "${1:-}" in
  --bench)
    [ $# -ge 3 ] || { echo "usage: $0 --bench SUITE OUT.json" >&2; exit 2; }
    bench_out=$(realpath "$3")
    set -- "$2" ;;
  --prepare)
    prepare=1
    shift
    [ -n "${GENAUTH_DTO_CHROOT:-}" ] || { echo "$0: --prepare needs GENAUTH_DTO_CHROOT" >&2; exit 2; } ;;
  --quick-start) quick_start=1; shift ;;
esac
[ $# -ge 1 ] || { echo "usage: $0 [--prepare|--quick-start|--bench] trixie|sid|bookworm [preset ...]" >&2; exit 2; }
suite=$1
shift
presets=("$@")
[ ${#presets[@]} -gt 0 ] || presets=(other-debian other-debian-asan)
[ "$(id -u)" -eq 0 ] || { echo "$0: debootstrap and chroot need root" >&2; exit 2; }
command -v debootstrap >/dev/null || {
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends debootstrap
}

root=${GENAUTH_DTO_CHROOT:-}
keep=1
if [ -z "$root" ]; then
  root=$(mktemp -d "/var/tmp/genauth-dto-$suite.XXXXXX")
  keep=0
fi
cleanup() {
  mountpoint -q "$root/dev/pts" && umount "$root/dev/pts"
  mountpoint -q "$root/proc" && umount "$root/proc"
  [ $keep = 1 ] || rm -rf --one-file-system "$root"
}
trap cleanup EXIT

if [ ! -x "$root/usr/bin/apt-get" ]; then
  echo "== debootstrap $suite into $root" >&2
  debootstrap --variant=minbase "$suite" "$root" >"$root.debootstrap.log" 2>&1 ||
    { tail -n 20 "$root.debootstrap.log" >&2; exit 1; }
  rm -f "$root.debootstrap.log"
fi
# The mirror's unstable may be a snapshot older than its Release file's Valid-Until.
if [ "$suite" = sid ]; then
  echo 'Acquire::Check-Valid-Until "false";' >"$root/etc/apt/apt.conf.d/99genauth-dto"
fi
mountpoint -q "$root/proc" || mount -t proc proc "$root/proc"
# Pseudo-terminals, for the test of check's progress on a terminal (cli_progress).
mkdir -p "$root/dev/pts"
mountpoint -q "$root/dev/pts" || mount --bind /dev/pts "$root/dev/pts" || true

run() {
  chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 bash -c "$@"
}
mkdir -p "$root/src/scripts"
cp scripts/deps.sh "$root/src/scripts/"
run 'bash /src/scripts/deps.sh >/dev/null'
[ $prepare = 0 ] || exit 0

# The tracked files as they are in this work tree.
rm -rf --one-file-system "$root/src"
mkdir -p "$root/src"
git ls-files -z | tar --null -T - -cf - | tar -xf - -C "$root/src"
echo "== $suite: $(run '. /etc/os-release; echo "$PRETTY_NAME"'), $(run 'g++ --version | head -n 1'), $(run 'clang++ --version | head -n 1'), simdjson $(run 'dpkg-query -W -f="\${Version}" libsimdjson-dev')" >&2
if [ -n "$bench_out" ]; then
  # glaze 9 (bench/README.md, "Per SIMD level and Debian release") where the release packages it.
  run 'apt-cache show libglaze-dev 2>/dev/null | grep -q "^Version: 9" && bash /src/scripts/deps.sh libglaze-dev >/dev/null; true'
  run 'cd /src && bash bench/run.sh bench /src/bench.json'
  cp "$root/src/bench.json" "$bench_out"
elif [ $quick_start = 1 ]; then
  run 'cd /src && bash scripts/demo.sh && bash scripts/test.sh'
else
  run 'cd /src && bash scripts/test.sh "$@"' leg "${presets[@]}"
fi
