#!/usr/bin/env bash
# Installs the Debian 12 packages the project needs, when they are missing.
# Usage: scripts/deps.sh [extra package ...]
set -euo pipefail
packages=(cmake ninja-build g++ clang libclang-rt-14-dev libsimdjson-dev doctest-dev pkgconf
          libbenchmark-dev nlohmann-json3-dev rapidjson-dev libboost-json1.81-dev "$@")
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
