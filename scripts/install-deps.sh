#!/usr/bin/env bash
# Installs what building and testing Aankomst needs, and only what is missing:
#   1. Debian packages (apt-get update runs only when something is missing),
#   2. the Rust components rustfmt and clippy,
#   3. the UI's npm packages (npm ci, when ui/node_modules is missing or older than the lock file),
#   4. tauri-driver (cargo install, when the pinned version is not installed).
# Idempotent and quick when everything is present. Runs as root, or as a user with sudo.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

# --- package lists: add to these -------------------------------------------------------------
# Build: the Tauri v2 prerequisites on Debian, plus libdbus for keyring's Secret Service backend.
BUILD_PACKAGES=(
  build-essential pkg-config curl wget file
  libwebkit2gtk-4.1-dev libxdo-dev libssl-dev librsvg2-dev libdbus-1-dev
)
# Test: Xvfb, the WebKitGTK WebDriver, a private D-Bus session with a real Secret Service,
# sqlite3 (to show that plain SQLite cannot open the encrypted database), ImageMagick and
# rsvg-convert (icons and screenshots), procps (ps, for cleaning up by PID), PostgreSQL (the
# server's PostgreSQL backend is tested against a real one; scripts/test-postgres.sh), espeak-ng
# (spoken recordings for the client view's audio tests, generated at test time).
TEST_PACKAGES=(
  xvfb xauth webkit2gtk-driver dbus dbus-x11 gnome-keyring libsecret-tools
  sqlite3 imagemagick librsvg2-bin procps postgresql
  espeak-ng
)
# The PDF documents are read back by their tests with poppler-utils (pdftotext, pdftoppm,
# pdfimages, pdffonts).
TEST_PACKAGES+=(poppler-utils)
# The end-to-end test of saving a document types the path into GTK's save dialog, which
# WebDriver cannot reach, with xdotool under the Xvfb display.
TEST_PACKAGES+=(xdotool)
TAURI_DRIVER_VERSION="2.1.0"
NODE_MIN_MAJOR=20
# ----------------------------------------------------------------------------------------------

log() { printf 'install-deps: %s\n' "$*"; }
die() { printf 'install-deps: error: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "need root or sudo to run: $*"
  fi
}

# 1. Debian packages --------------------------------------------------------------------------
install_debian_packages() {
  local wanted=("${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}") missing=() pkg status
  # One dpkg-query call for all packages; unknown packages print nothing on stdout.
  declare -A installed=()
  while IFS=' ' read -r pkg status; do
    [ "$status" = "installed" ] && installed[$pkg]=1
  done < <(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "${wanted[@]}" 2>/dev/null || true)
  for pkg in "${wanted[@]}"; do
    [ -n "${installed[$pkg]:-}" ] || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    log "Debian packages: all ${#wanted[@]} present"
    return
  fi
  log "Debian packages missing: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# 2. Rust toolchain components ----------------------------------------------------------------
check_rust() {
  command -v cargo >/dev/null 2>&1 || die "cargo not found: install Rust with rustup (https://rustup.rs)"
  local comps=()
  cargo fmt --version >/dev/null 2>&1 || comps+=(rustfmt)
  cargo clippy --version >/dev/null 2>&1 || comps+=(clippy)
  if [ "${#comps[@]}" -gt 0 ]; then
    command -v rustup >/dev/null 2>&1 || die "missing Rust components (${comps[*]}) and no rustup to add them"
    log "adding Rust components: ${comps[*]}"
    rustup component add "${comps[@]}"
  fi
}

# 3. UI npm packages --------------------------------------------------------------------------
install_ui_packages() {
  local ui="$ROOT/ui"
  if [ ! -f "$ui/package.json" ]; then
    log "ui/package.json not found yet: skipping npm"
    return
  fi
  command -v node >/dev/null 2>&1 || die "node not found: install Node.js >= $NODE_MIN_MAJOR"
  local major
  major="$(node -p 'process.versions.node.split(".")[0]')"
  [ "$major" -ge "$NODE_MIN_MAJOR" ] || die "Node.js $(node --version) is too old: need >= $NODE_MIN_MAJOR"
  if [ ! -f "$ui/package-lock.json" ]; then
    log "WARNING: ui/package-lock.json is missing; running npm install (commit the lock file)"
    (cd "$ui" && npm install --no-audit --no-fund)
    return
  fi
  # npm writes node_modules/.package-lock.json on every install: compare against it.
  local stamp="$ui/node_modules/.package-lock.json"
  if [ ! -f "$stamp" ] || [ "$ui/package-lock.json" -nt "$stamp" ]; then
    log "npm ci in ui/"
    if ! (cd "$ui" && npm ci --no-audit --no-fund); then
      # npm 11 records only this platform's optional packages (rollup's native builds) in the
      # lock, and npm ci then calls the lock out of sync. npm install still installs exactly
      # the versions the committed lock pins.
      log "npm ci refused the lock file; installing the locked versions with npm install"
      (cd "$ui" && npm install --no-audit --no-fund)
    fi
  else
    log "ui/node_modules is up to date"
  fi
}

# 4. tauri-driver -----------------------------------------------------------------------------
install_tauri_driver() {
  # tauri-driver 2.1.0 has no --version flag, so ask cargo what it installed.
  if command -v tauri-driver >/dev/null 2>&1 \
    && cargo install --list 2>/dev/null | grep -q "^tauri-driver v${TAURI_DRIVER_VERSION}:"; then
    log "tauri-driver ${TAURI_DRIVER_VERSION} present"
    return
  fi
  log "cargo install tauri-driver ${TAURI_DRIVER_VERSION}"
  # Keep cargo install's build out of the workspace's shared target directory.
  env -u CARGO_TARGET_DIR cargo install tauri-driver --version "$TAURI_DRIVER_VERSION" --locked
}

install_debian_packages
check_rust
install_ui_packages
install_tauri_driver
