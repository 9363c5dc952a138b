# Sourced by the other scripts: picks the toolchain path and shared build dirs.
#
# Two paths, chosen per machine:
#  - rustup: the standard wasm32-unknown-unknown target is installed (or
#    installable); plain cargo builds everything.
#  - debian: rustup cannot provide the target (no network for it), so the
#    Debian rustc-web/cargo-web 1.96 build both halves, and the wasm half
#    compiles std from source with -Z build-std and links with wasm-ld-19.
#    These flags are passed only on that path; nothing is committed to
#    .cargo/config.toml, so other machines never need RUSTC_BOOTSTRAP.

TEND_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export TEND_ROOT
# Build output lives outside the checkout so fresh clones (CI) reuse it.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/tend/target}"
export TEND_FRONT_TARGET_DIR="${TEND_FRONT_TARGET_DIR:-$HOME/.cache/tend/front}"
export LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-$TEND_ROOT/target/site}"
export LEPTOS_OUTPUT_NAME=tend
export LEPTOS_SITE_PKG_DIR=pkg
export PATH="$HOME/.cargo/bin:$PATH"

tend_detect_toolchain() {
  if [ -n "${TEND_TOOLCHAIN:-}" ]; then return; fi
  if command -v rustup >/dev/null 2>&1 && rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    TEND_TOOLCHAIN=rustup
  else
    TEND_TOOLCHAIN=debian
  fi
  export TEND_TOOLCHAIN
}

tend_use_toolchain() {
  tend_detect_toolchain
  if [ "$TEND_TOOLCHAIN" = debian ]; then
    # One compiler (Debian's 1.96) for both builds, so nothing compiles twice.
    export PATH="/usr/bin:$PATH"
  fi
}

# cargo for the wasm crate, with the fallback's flags where needed.
tend_wasm_cargo() {
  if [ "$TEND_TOOLCHAIN" = debian ]; then
    RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR="$TEND_FRONT_TARGET_DIR" cargo -Z build-std=std,panic_abort \
      --config 'target.wasm32-unknown-unknown.linker="wasm-ld-19"' "$@"
  else
    CARGO_TARGET_DIR="$TEND_FRONT_TARGET_DIR" cargo "$@"
  fi
}

tend_step() { printf '\n==> %s\n' "$*"; }

# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
tend_ensure_bindgen() {
  local want have
  want=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' "$TEND_ROOT/Cargo.lock")
  have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
  if [ "$have" != "$want" ]; then
    tend_step "cargo install wasm-bindgen-cli $want (about 5 minutes, once)"
    # Not --locked: one of its locked dependencies is no longer in the registry.
    cargo install --quiet wasm-bindgen-cli --version "$want"
  fi
}

# wasm-opt from binaryen >= 116 (Debian 12's 108 breaks wasm-bindgen's
# externref table: the optimised module fails to instantiate). npm's
# `binaryen` package ships a self-contained wasm-opt; it is installed once
# into the build cache, outside the checkout. Prints the path.
TEND_BINARYEN_VERSION=132
tend_ensure_wasm_opt() {
  local tools="$HOME/.cache/tend/tools" have
  local bin="$tools/node_modules/.bin/wasm-opt"
  have=$("$bin" --version 2>/dev/null | grep -o '[0-9]\+' | head -1 || true)
  if [ "${have:-0}" != "$TEND_BINARYEN_VERSION" ]; then
    tend_step "npm install binaryen@$TEND_BINARYEN_VERSION (wasm-opt; once)" >&2
    mkdir -p "$tools"
    npm install --prefix "$tools" --no-audit --no-fund --silent "binaryen@$TEND_BINARYEN_VERSION" >&2
  fi
  echo "$bin"
}

# Compresses every static file under the site root once, at build time:
# `f.br` and `f.gz` beside `f`, which the server sends as they are
# (precompressed, with a content-length) instead of compressing per request.
# Quality 11 for production; the dev bundle (tens of MB) uses a fast level.
tend_precompress() {
  local root="$1" quality="$2" f
  find "$root" -type f \( -name '*.br' -o -name '*.gz' \) -delete
  while IFS= read -r -d '' f; do
    brotli -f -q "$quality" -o "$f.br" "$f"
    gzip -f -k -n -9 "$f"
  done < <(find "$root" -type f \( -name '*.js' -o -name '*.wasm' -o -name '*.css' -o -name '*.txt' \
    -o -name '*.html' -o -name '*.json' -o -name '*.svg' -o -name '*.webmanifest' \) -print0)
}

# Names the script, wasm and stylesheet by their content (tend.<hash>.js ...),
# writes pkg/hash.txt for the server, and stamps the service worker with the
# list and a version made from the hashes: a deploy never mixes old and new.
tend_hash_assets() {
  local pkg="$1" js wasm css version
  rm -f "$pkg"/tend.*.js "$pkg"/tend.*.wasm "$pkg"/tend.*.css
  js=$(sha256sum "$pkg/tend.js" | cut -c1-16)
  wasm=$(sha256sum "$pkg/tend.wasm" | cut -c1-16)
  css=$(sha256sum "$pkg/tend.css" | cut -c1-16)
  mv "$pkg/tend.js" "$pkg/tend.$js.js"
  mv "$pkg/tend.wasm" "$pkg/tend.$wasm.wasm"
  mv "$pkg/tend.css" "$pkg/tend.$css.css"
  printf 'js: %s\nwasm: %s\ncss: %s\n' "$js" "$wasm" "$css" >"$pkg/hash.txt"
  version=$(printf '%s%s%s' "$js" "$wasm" "$css" | sha256sum | cut -c1-16)
  sed -e "s|__TEND_VERSION__|$version|" \
      -e "s|__TEND_ASSETS__|[\"/pkg/tend.$js.js\", \"/pkg/tend.$wasm.wasm\", \"/pkg/tend.$css.css\"]|" \
      "$TEND_ROOT/public/sw.js" >"$(dirname "$pkg")/sw.js"
}
