#!/usr/bin/env bash
# Builds the front end (wasm + site) and the `tend` binary without cargo-leptos.
# The server build runs in the background while wasm-bindgen-cli is installed
# and the wasm is built, so both cores stay busy through each build's serial
# tail. Usage: scripts/build.sh [--release] [--release-front] [--front-only]
#   (none)           debug server and dev front end: the developer loop
#   --release        the production build: release server, wasm-release
#                    front end through wasm-opt -Oz, precompressed assets
#   --release-front  debug server with the production front end (the tests)
#   --front-only     the front end alone
set -euo pipefail
source "$(dirname "$0")/env.sh"
tend_use_toolchain
cd "$TEND_ROOT"

release=false
release_front=false
front_only=false
for arg in "$@"; do
  case "$arg" in
    --release) release=true; release_front=true ;;
    --release-front) release_front=true ;;
    --front-only) front_only=true ;;
    *) echo "usage: scripts/build.sh [--release] [--release-front] [--front-only]" >&2; exit 2 ;;
  esac
done
if $release; then server_flags=(--release); else server_flags=(); fi
if $release_front; then wasm_profile=wasm-release; else wasm_profile=dev; fi
wasm_dir=$([ "$wasm_profile" = dev ] && echo debug || echo "$wasm_profile")

mkdir -p "$CARGO_TARGET_DIR"
server_log="$CARGO_TARGET_DIR/server-build.log"
if $front_only; then
  true >"$server_log"
  server_pid=
else
  tend_step "server: tend (ssr), in the background; log: $server_log"
  cargo build -p server --bin tend "${server_flags[@]}" >"$server_log" 2>&1 &
  server_pid=$!
  trap 'kill $server_pid 2>/dev/null || true' EXIT
fi

tend_ensure_bindgen

tend_step "front end: app (hydrate) -> wasm32 [$wasm_profile]"
# The dev bundle's own crate is built at opt-level 1: at 0 its generic view
# code made a 51 MB module, over what Chromium's cache takes whole, and
# pages stopped hydrating (ERR_CACHE_WRITE_FAILURE). Only `app` recompiles.
wasm_flags=()
if ! $release_front; then wasm_flags=(--config 'profile.dev.package.app.opt-level=1'); fi
tend_wasm_cargo build -p app --lib --target wasm32-unknown-unknown --no-default-features --features hydrate \
  --profile "$wasm_profile" "${wasm_flags[@]}"

pkg="$LEPTOS_SITE_ROOT/$LEPTOS_SITE_PKG_DIR"
mkdir -p "$pkg"
wasm-bindgen --target web --no-typescript --out-dir "$pkg" --out-name tend \
  "$TEND_FRONT_TARGET_DIR/wasm32-unknown-unknown/$wasm_dir/app.wasm"
mv -f "$pkg/tend_bg.wasm" "$pkg/tend.wasm"
if $release_front; then
  # Strips the name section and producers too: names are only for debugging.
  wasm_opt=$(tend_ensure_wasm_opt)
  tend_step "wasm-opt -Oz (binaryen $TEND_BINARYEN_VERSION)"
  "$wasm_opt" -Oz --strip-debug --strip-producers \
    --enable-reference-types --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-multivalue "$pkg/tend.wasm" -o "$pkg/tend.wasm"
fi
cp style/main.css "$pkg/tend.css"
cp -r public/. "$LEPTOS_SITE_ROOT/"
tend_hash_assets "$pkg"
tend_step "precompress static files (brotli, gzip)"
tend_precompress "$LEPTOS_SITE_ROOT" "$($release_front && echo 11 || echo 5)"

if $front_only; then
  ls -l "$pkg"/tend.*.wasm*
  exit 0
fi
tend_step "waiting for the server build"
if ! wait $server_pid; then
  trap - EXIT
  cat "$server_log"
  echo "The server build failed (output above)." >&2
  exit 1
fi
trap - EXIT
tail -n 1 "$server_log"
echo "Built $CARGO_TARGET_DIR/$($release && echo release || echo debug)/tend and the site in $LEPTOS_SITE_ROOT"
