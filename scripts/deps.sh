#!/usr/bin/env bash
# Installs the Debian packages the project needs, when they are missing: on Debian 12
# (bookworm), 13 (trixie) or unstable (sid), each from that release's own archive.
# Usage: scripts/deps.sh [extra package ...]
set -euo pipefail
codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
# Boost.JSON: bookworm's default Boost (1.74) predates it.
boost_json=libboost-json-dev
[ "$codename" = bookworm ] && boost_json=libboost-json1.81-dev
packages=(cmake ninja-build g++ clang libclang-rt-dev libsimdjson-dev doctest-dev pkgconf
          libbenchmark-dev nlohmann-json3-dev rapidjson-dev "$boost_json" "$@")
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing: ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
