#!/usr/bin/env bash
# Builds and starts Aankomst (debug build): installs missing dependencies, builds the UI into
# ui/dist (which the Rust build embeds), then `cargo run -p aankomst`.
# Arguments are passed on to the app. Set AANKOMST_RELEASE=1 for an optimised build.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

scripts/install-deps.sh

[ -f ui/package.json ] || { echo "run-app: ui/package.json is missing" >&2; exit 1; }
echo "run-app: building the UI (npm run build)"
(cd ui && npm run build)

profile=()
[ "${AANKOMST_RELEASE:-0}" = "1" ] && profile=(--release)
echo "run-app: cargo run -p aankomst ${profile[*]}"
exec cargo run -p aankomst "${profile[@]}" -- "$@"
