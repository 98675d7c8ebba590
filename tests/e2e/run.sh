#!/usr/bin/env bash
# Runs the end-to-end suite against the real app (debug build) through tauri-driver and
# WebKitWebDriver. Run it inside a private D-Bus session and a virtual X display:
#
#   cargo build -p aankomst
#   dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" tests/e2e/run.sh [node --test args]
#
# It gives the app a throwaway HOME and XDG directories, a real Secret Service (gnome-keyring,
# unlocked with a throwaway password), starts tauri-driver, runs tests/e2e/*.test.mjs one file
# at a time, and on exit stops everything it started, by PID.
#
# Environment (all optional):
#   AANKOMST_APP              the app binary (default: $CARGO_TARGET_DIR/debug/aankomst)
#   AANKOMST_WEBDRIVER_PORT   tauri-driver's port (default 4444; WebKitWebDriver uses port+1)
#   AANKOMST_E2E_KEEP_TMP=1   keep the throwaway HOME for inspection
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

log() { printf 'e2e: %s\n' "$*"; }
die() { printf 'e2e: error: %s\n' "$*" >&2; exit 1; }

[ -n "${DISPLAY:-}" ] || die "no DISPLAY: run inside xvfb-run -a (see the header of $0)"
[ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] || die "no D-Bus session: run inside dbus-run-session (see the header of $0)"

# Resolve tools and paths before HOME changes.
export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
export RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}"
export PATH="$CARGO_HOME/bin:$PATH"
TAURI_DRIVER="$(command -v tauri-driver)" || die "tauri-driver not found: run scripts/install-deps.sh"
command -v WebKitWebDriver >/dev/null || die "WebKitWebDriver not found: apt-get install webkit2gtk-driver"
command -v node >/dev/null || die "node not found"

target_dir="${CARGO_TARGET_DIR:-$ROOT/target}"
case "$target_dir" in /*) ;; *) target_dir="$ROOT/$target_dir" ;; esac
export AANKOMST_APP="${AANKOMST_APP:-$target_dir/debug/aankomst}"
[ -x "$AANKOMST_APP" ] || die "app binary $AANKOMST_APP not found: run cargo build -p aankomst"

export AANKOMST_E2E_ARTIFACTS="$ROOT/tests/e2e/artifacts"
export AANKOMST_SCREENSHOTS="$ROOT/tests/e2e/screenshots"
mkdir -p "$AANKOMST_E2E_ARTIFACTS" "$AANKOMST_SCREENSHOTS"

PORT="${AANKOMST_WEBDRIVER_PORT:-4444}"
export AANKOMST_WEBDRIVER_URL="http://127.0.0.1:$PORT"

# --- throwaway home, created before the keyring daemon starts ---------------------------------
TMP="$(mktemp -d "${TMPDIR:-/tmp}/aankomst-e2e.XXXXXX")"
export HOME="$TMP/home"
export XDG_DATA_HOME="$HOME/.local/share"
export XDG_CONFIG_HOME="$HOME/.config"
export XDG_CACHE_HOME="$HOME/.cache"
export XDG_RUNTIME_DIR="$TMP/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
export AANKOMST_E2E_DATA_DIR="$XDG_DATA_HOME/aankomst"
# Keep GTK from D-Bus-activating the accessibility bus (it would outlive the test).
export NO_AT_BRIDGE=1

KEYRING_PID=""
DRIVER_PID=""
BUS_PID=""

# All descendants of a PID, deepest first.
descendants() {
  local child
  for child in $(ps -o pid= --ppid "$1" 2>/dev/null); do
    descendants "$child"
    echo "$child"
  done
}

stop_pids() {
  local pids=("$@") pid alive
  [ "${#pids[@]}" -gt 0 ] || return 0
  kill -TERM "${pids[@]}" 2>/dev/null || true
  for _ in $(seq 30); do
    alive=()
    for pid in "${pids[@]}"; do
      kill -0 "$pid" 2>/dev/null && alive+=("$pid")
    done
    [ "${#alive[@]}" -gt 0 ] || return 0
    sleep 0.1
  done
  kill -KILL "${alive[@]}" 2>/dev/null || true
}

cleanup() {
  local rc=$? pids=()
  trap - EXIT INT TERM
  # tauri-driver and everything under it (WebKitWebDriver, the app, WebKit's helper processes)
  if [ -n "$DRIVER_PID" ]; then
    mapfile -t pids < <(descendants "$DRIVER_PID")
    stop_pids "$DRIVER_PID" "${pids[@]}"
  fi
  # services our private bus activated on demand (portals, at-spi, ...)
  if [ -n "$BUS_PID" ]; then
    mapfile -t pids < <(descendants "$BUS_PID")
    stop_pids "${pids[@]}"
  fi
  [ -z "$KEYRING_PID" ] || stop_pids "$KEYRING_PID"
  if [ "${AANKOMST_E2E_KEEP_TMP:-0}" = "1" ]; then
    log "kept $TMP"
  else
    rm -rf "$TMP"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

bus_pid_of() {
  dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus / \
    org.freedesktop.DBus.GetConnectionUnixProcessID "string:$1" 2>/dev/null | awk '{print $2}'
}

BUS_PID="$(bus_pid_of org.freedesktop.DBus || true)"

# --- real Secret Service ----------------------------------------------------------------------
log "starting gnome-keyring-daemon (secrets) with a throwaway login keyring"
printf '%s' "e2e-$RANDOM$RANDOM" | gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null
for _ in $(seq 50); do
  KEYRING_PID="$(bus_pid_of org.freedesktop.secrets || true)"
  [ -z "$KEYRING_PID" ] || break
  sleep 0.1
done
[ -n "$KEYRING_PID" ] || die "gnome-keyring-daemon did not claim org.freedesktop.secrets"

# --- tauri-driver -----------------------------------------------------------------------------
log "starting tauri-driver on port $PORT"
"$TAURI_DRIVER" --port "$PORT" --native-port "$((PORT + 1))" \
  >"$AANKOMST_E2E_ARTIFACTS/tauri-driver.log" 2>&1 &
DRIVER_PID=$!
ready=""
for _ in $(seq 100); do
  kill -0 "$DRIVER_PID" 2>/dev/null || { cat "$AANKOMST_E2E_ARTIFACTS/tauri-driver.log" >&2; die "tauri-driver exited"; }
  if curl -fsS -o /dev/null --max-time 1 "$AANKOMST_WEBDRIVER_URL/status" 2>/dev/null; then
    ready=1
    break
  fi
  sleep 0.1
done
[ -n "$ready" ] || { cat "$AANKOMST_E2E_ARTIFACTS/tauri-driver.log" >&2; die "tauri-driver did not answer on $AANKOMST_WEBDRIVER_URL"; }

# --- the suite --------------------------------------------------------------------------------
log "app: $AANKOMST_APP"
log "data dir: $AANKOMST_E2E_DATA_DIR"
shopt -s nullglob
# AANKOMST_E2E_FILES (space-separated paths) runs other files, e.g. the memory measurement.
if [ -n "${AANKOMST_E2E_FILES:-}" ]; then
  read -r -a tests <<<"$AANKOMST_E2E_FILES"
else
  tests=("$ROOT"/tests/e2e/*.test.mjs)
fi
[ "${#tests[@]}" -gt 0 ] || die "no tests/e2e/*.test.mjs files"
set +e
node --test --test-concurrency=1 "$@" "${tests[@]}"
rc=$?
set -e
exit "$rc"
