#!/usr/bin/env bash
# README command 1: install what is missing, build the production build
# (optimised server, wasm-opt'd front end, precompressed assets), and start
# Tend with a seeded demo org in ./data (embedded SurrealKV).
#   --dev   the developer loop instead: debug server and dev front end,
#           quicker to rebuild, much slower to serve
# Other arguments go to `tend serve`.
set -euo pipefail
source "$(dirname "$0")/env.sh"

profile=release
args=()
for arg in "$@"; do
  if [ "$arg" = --dev ]; then profile=debug; else args+=("$arg"); fi
done

"$TEND_ROOT/scripts/setup.sh"
if [ "$profile" = release ]; then
  "$TEND_ROOT/scripts/build.sh" --release
else
  "$TEND_ROOT/scripts/build.sh"
fi
cd "$TEND_ROOT"
exec "$CARGO_TARGET_DIR/$profile/tend" serve ${args[@]+"${args[@]}"}
