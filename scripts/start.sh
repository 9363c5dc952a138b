#!/usr/bin/env bash
# README command 1: install what is missing, build, and start Tend with a
# seeded demo org in ./data (embedded SurrealKV). Extra arguments go to `tend serve`.
set -euo pipefail
source "$(dirname "$0")/env.sh"
"$TEND_ROOT/scripts/setup.sh"
"$TEND_ROOT/scripts/build.sh"
cd "$TEND_ROOT"
exec "$CARGO_TARGET_DIR/debug/tend" serve "$@"
