#!/usr/bin/env bash
# Builds and starts Aankomst (debug build): installs missing dependencies, builds the UI into
# ui/dist (which the Rust build embeds), builds the app (with the server and key tools, as the
# test command does) and starts it.
# Arguments are passed on to the app. Set AANKOMST_RELEASE=1 for an optimised build.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

scripts/install-deps.sh

[ -f ui/package.json ] || { echo "run-app: ui/package.json is missing" >&2; exit 1; }
echo "run-app: building the UI (npm run build)"
(cd ui && npm run build)

# The same packages as the test command builds (scripts/run-tests.sh), so running the app after
# the tests reuses their build instead of resolving other features and building again.
if [ "${AANKOMST_RELEASE:-0}" = "1" ]; then
  echo "run-app: cargo build --release -p aankomst"
  cargo build --release -p aankomst
  bin="${CARGO_TARGET_DIR:-$ROOT/target}/release/aankomst"
else
  echo "run-app: cargo build -p aankomst -p aankomst-server -p aankomst-keys"
  cargo build -p aankomst -p aankomst-server -p aankomst-keys
  bin="${CARGO_TARGET_DIR:-$ROOT/target}/debug/aankomst"
fi
case "$bin" in /*) ;; *) bin="$ROOT/$bin" ;; esac
exec "$bin" "$@"
