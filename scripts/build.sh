#!/usr/bin/env bash
# Builds the front end (wasm + site) and the `tend` binary without cargo-leptos.
# The server build runs in the background while wasm-bindgen-cli is installed
# and the wasm is built, so both cores stay busy through each build's serial
# tail. Usage: scripts/build.sh [--release] [--front-only]
set -euo pipefail
source "$(dirname "$0")/env.sh"
tend_use_toolchain
cd "$TEND_ROOT"

release=false
front_only=false
for arg in "$@"; do
  case "$arg" in
    --release) release=true ;;
    --front-only) front_only=true ;;
    *) echo "usage: scripts/build.sh [--release] [--front-only]" >&2; exit 2 ;;
  esac
done
if $release; then wasm_profile=wasm-release; server_flags=(--release); else wasm_profile=dev; server_flags=(); fi
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
if ! $release; then wasm_flags=(--config 'profile.dev.package.app.opt-level=1'); fi
tend_wasm_cargo build -p app --lib --target wasm32-unknown-unknown --no-default-features --features hydrate \
  --profile "$wasm_profile" "${wasm_flags[@]}"

pkg="$LEPTOS_SITE_ROOT/$LEPTOS_SITE_PKG_DIR"
mkdir -p "$pkg"
wasm-bindgen --target web --no-typescript --out-dir "$pkg" --out-name tend \
  "$TEND_FRONT_TARGET_DIR/wasm32-unknown-unknown/$wasm_dir/app.wasm"
mv -f "$pkg/tend_bg.wasm" "$pkg/tend.wasm"
if $release; then
  # Older binaryen (Debian 12 ships 108) breaks wasm-bindgen's externref
  # table: the optimised module fails to instantiate in Chromium. Use
  # wasm-opt only when it is new enough; the wasm-release profile alone is
  # already optimised for size.
  binaryen=$(wasm-opt --version 2>/dev/null | grep -o '[0-9]\+' | head -1 || true)
  if [ "${binaryen:-0}" -ge 116 ]; then
    tend_step "wasm-opt -Oz (binaryen $binaryen)"
    wasm-opt -Oz --enable-reference-types --enable-bulk-memory --enable-nontrapping-float-to-int \
      --enable-sign-ext --enable-mutable-globals --enable-multivalue "$pkg/tend.wasm" -o "$pkg/tend.wasm"
  else
    tend_step "wasm-opt skipped: binaryen ${binaryen:-missing} is older than 116"
  fi
fi
cp style/main.css "$pkg/tend.css"
cp -r public/. "$LEPTOS_SITE_ROOT/"
tend_hash_assets "$pkg"

if $front_only; then
  ls -l "$pkg"/tend.*.wasm
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
