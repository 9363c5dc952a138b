#!/usr/bin/env bash
# README command 2: every test Tend has, in order of cost. .ci/run calls this.
#   1. formatting and clippy (server and browser features), warnings are errors
#   2. guard: surrealdb must not be in the wasm build's dependency tree
#   3. cargo test: unit tests, repositories and server functions on mem://,
#      HTTP through the axum router
#   4. build the front end and server, then Playwright journeys in Chromium
set -euo pipefail
source "$(dirname "$0")/env.sh"
"$TEND_ROOT/scripts/setup.sh" --with-browser
tend_use_toolchain
cd "$TEND_ROOT"

tend_step "cargo fmt --check"
cargo fmt --all -- --check

tend_step "clippy (ssr)"
cargo clippy --workspace --all-targets -- -D warnings
tend_step "clippy (hydrate)"
cargo clippy -p app --lib --no-default-features --features hydrate -- -D warnings

tend_step "guard: no surrealdb in the wasm build"
# Positive control first, so the guard cannot pass by failing to look.
ssr_tree=$(cargo tree -p app --no-default-features --features ssr -e normal --prefix none)
grep -q '^surrealdb v' <<<"$ssr_tree" || { echo "FAIL: guard broken, surrealdb not seen even in the ssr tree"; exit 1; }
hydrate_tree=$(cargo tree -p app --target wasm32-unknown-unknown --no-default-features --features hydrate -e normal --prefix none)
if grep -q '^surrealdb' <<<"$hydrate_tree"; then
  echo "FAIL: surrealdb reaches the wasm build:"
  cargo tree -p app --target wasm32-unknown-unknown --no-default-features --features hydrate -e normal -i surrealdb
  exit 1
fi
echo "ok: surrealdb is in the ssr tree and absent from the hydrate (wasm) tree"

tend_step "cargo test"
cargo test --workspace

tend_step "build front end and server"
"$TEND_ROOT/scripts/build.sh"

tend_step "Playwright (Chromium)"
cd "$TEND_ROOT/end2end"
TEND_BIN="$CARGO_TARGET_DIR/debug/tend" npx playwright test
