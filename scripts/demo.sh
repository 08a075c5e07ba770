#!/usr/bin/env bash
# The main job: build the CLI and decode the vendor's two sample responses with it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target genauth-dto
for f in tests/data/seed_000_get_user.json tests/data/seed_001_get_profile.json; do
  echo "== $f" >&2
  build/release/tools/genauth-dto decode "$f"
done
