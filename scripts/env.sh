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
