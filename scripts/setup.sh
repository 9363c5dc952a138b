#!/usr/bin/env bash
# Installs the system packages Tend's build and tests need and are missing.
# Idempotent: a second run installs nothing. Usage: scripts/setup.sh [--with-browser]
set -euo pipefail
source "$(dirname "$0")/env.sh"

with_browser=false
[ "${1:-}" = "--with-browser" ] && with_browser=true

apt_missing=()
need_pkg() { dpkg -s "$1" >/dev/null 2>&1 || apt_missing+=("$1"); }

if ! (command -v rustup >/dev/null && rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown); then
  # Try the standard way first; where rustup cannot download, fall back.
  if command -v rustup >/dev/null && timeout 60 rustup target add wasm32-unknown-unknown >/dev/null 2>&1; then
    echo "Installed the wasm32-unknown-unknown target with rustup."
  else
    echo "rustup has no wasm32 target here: using Debian's rustc-web toolchain with -Z build-std."
    for p in rustc-web cargo-web rust-web-src rust-web-clippy lld-19; do need_pkg "$p"; done
  fi
fi
tend_use_toolchain
need_pkg brotli            # static files are precompressed at build time
command -v npm >/dev/null || need_pkg npm   # wasm-opt (binaryen@132) and the browser tests
if $with_browser; then need_pkg chromium; fi
if [ ${#apt_missing[@]} -gt 0 ]; then
  tend_step "apt-get install ${apt_missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${apt_missing[@]}" >/dev/null
fi

# wasm-bindgen-cli is installed by scripts/build.sh, overlapped with the server build.

if $with_browser; then
  cd "$TEND_ROOT/end2end"
  if [ ! -d node_modules/@playwright/test ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    tend_step "npm ci (end2end)"
    npm ci --no-audit --no-fund
  fi
fi
echo "Setup complete (toolchain: $TEND_TOOLCHAIN)."
