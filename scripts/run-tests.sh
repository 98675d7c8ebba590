#!/usr/bin/env bash
# Runs every check CI runs, in order, stopping at the first failure:
#   formatting, UI checks and unit tests, UI build, clippy, a throwaway PostgreSQL, the Rust
#   tests (on SQLite and that PostgreSQL; they also regenerate the
#   ts-rs IPC bindings), the bindings drift check, the real-keychain tests, and the end-to-end
#   suite against the real app under Xvfb.
# Each step prints a header and its elapsed time, so CI logs show where the time goes.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# Pin the toolchain locations, so steps that swap HOME for a throwaway one still find cargo.
export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
export RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}"
export PATH="$CARGO_HOME/bin:$PATH"
# One target directory shared by every step (never `cargo clean` it).
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
case "$CARGO_TARGET_DIR" in /*) ;; *) CARGO_TARGET_DIR="$ROOT/$CARGO_TARGET_DIR" ;; esac
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-always}"

# --- what runs: add to these ------------------------------------------------------------------
# The desktop app's package (built for the end-to-end suite).
APP_PACKAGE="aankomst"
# Real-keychain tests, as "package:test-target"; run with --ignored, one thread, inside a
# private D-Bus session with an unlocked gnome-keyring.
KEYCHAIN_TESTS=(
  "aankomst-store:keychain"
)
# The binaries the tests run: the app and the server and key tools beside it.
BINARIES_BUILD="-p $APP_PACKAGE -p aankomst-server -p aankomst-keys"
# Directory of the generated ts-rs bindings that must be committed.
BINDINGS_DIR="ui/src/lib/bindings"
# ----------------------------------------------------------------------------------------------

CURRENT_STEP=""
T_START=$EPOCHREALTIME

elapsed() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }

step() {
  local name="$1"; shift
  CURRENT_STEP="$name"
  printf '\n\033[1m==> %s\033[0m\n' "$name"
  local t0=$EPOCHREALTIME
  "$@"
  printf '\033[1m<== %s: ok in %s s\033[0m\n' "$name" "$(elapsed "$t0")"
  CURRENT_STEP=""
}

# A throwaway PostgreSQL for the server's storage tests (they run on SQLite and on this).
POSTGRES_DIR=""
start_postgres() {
  eval "$("$ROOT/scripts/test-postgres.sh" start)"
  POSTGRES_DIR="$AANKOMST_TEST_POSTGRES_DIR"
  echo "PostgreSQL at $AANKOMST_TEST_POSTGRES_URL"
}
stop_postgres() {
  [ -z "$POSTGRES_DIR" ] || "$ROOT/scripts/test-postgres.sh" stop "$POSTGRES_DIR" 2>/dev/null || true
  POSTGRES_DIR=""
}

on_exit() {
  local rc=$?
  stop_postgres
  if [ "$rc" -ne 0 ]; then
    printf '\n\033[1;31mFAILED%s (exit %s) after %s s\033[0m\n' \
      "${CURRENT_STEP:+ in step: $CURRENT_STEP}" "$rc" "$(elapsed "$T_START")" >&2
  else
    printf '\n\033[1;32mAll checks passed in %s s\033[0m\n' "$(elapsed "$T_START")"
  fi
}
trap on_exit EXIT

ui() { (cd "$ROOT/ui" && "$@"); }

# Every Rust test. cargo-nextest (on the machine with the toolchain) runs the test binaries side
# by side, where cargo test runs them one after another; doctests are cargo test's alone.
rust_tests() {
  if cargo nextest --version >/dev/null 2>&1; then
    cargo nextest run --workspace --no-fail-fast --failure-output final
    cargo test --workspace --doc
  else
    echo "cargo-nextest not found: running cargo test (slower)"
    cargo test --workspace
  fi
}

check_bindings() {
  if ! git -C "$ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    echo "not a git work tree: skipping the bindings drift check"
    return
  fi
  local untracked
  untracked="$(git -C "$ROOT" ls-files --others --exclude-standard -- "$BINDINGS_DIR")"
  if ! git -C "$ROOT" diff --exit-code --stat -- "$BINDINGS_DIR" || [ -n "$untracked" ]; then
    [ -z "$untracked" ] || printf 'untracked:\n%s\n' "$untracked"
    git -C "$ROOT" --no-pager diff -- "$BINDINGS_DIR" | head -n 200
    echo "IPC bindings drifted: commit the regenerated files in $BINDINGS_DIR" >&2
    return 1
  fi
  echo "bindings in $BINDINGS_DIR match the Rust types"
}

# Real Secret Service: a private session bus, gnome-keyring unlocked with a throwaway password,
# and a throwaway HOME so no developer keyring is touched.
keychain_tests() {
  local tmp rc=0 entry pkg target cmds=""
  tmp="$(mktemp -d "${TMPDIR:-/tmp}/aankomst-keychain.XXXXXX")"
  mkdir -p "$tmp/home/.local/share" "$tmp/home/.config" "$tmp/home/.cache" "$tmp/run"
  chmod 700 "$tmp/run"
  for entry in "${KEYCHAIN_TESTS[@]}"; do
    pkg="${entry%%:*}"; target="${entry#*:}"
    cmds+="cargo test -p '$pkg' --test '$target' -- --ignored --test-threads=1 && "
  done
  HOME="$tmp/home" XDG_DATA_HOME="$tmp/home/.local/share" XDG_CONFIG_HOME="$tmp/home/.config" \
    XDG_CACHE_HOME="$tmp/home/.cache" XDG_RUNTIME_DIR="$tmp/run" \
    dbus-run-session -- sh -c '
      echo -n ci | gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null
      # the daemon claims its bus name a moment after it forks: wait for it, then note its PID
      pid=""
      for i in $(seq 50); do
        pid=$(dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus / \
          org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets 2>/dev/null \
          | awk "{print \$2}") && [ -n "$pid" ] && break
        sleep 0.1
      done
      [ -n "$pid" ] || echo "warning: gnome-keyring-daemon did not claim org.freedesktop.secrets" >&2
      '"$cmds"' true; rc=$?
      [ -z "$pid" ] || kill "$pid" 2>/dev/null || true
      exit $rc' || rc=$?
  rm -rf "$tmp"
  return "$rc"
}

e2e() {
  dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" "$ROOT/tests/e2e/run.sh"
}

step "install dependencies" scripts/install-deps.sh
step "cargo fmt --check" cargo fmt --all --check
step "ui: npm run check" ui npm run check
step "ui: npm run lint" ui npm run lint
step "ui: vitest" ui npx vitest run
step "ui: npm run build" ui npm run build
step "cargo clippy" cargo clippy --workspace --all-targets -- -D warnings
# The app, the server and the key tools, built once for the tests that run them (the sync and
# team tests, the end-to-end suite): the same packages as scripts/run-app.sh, so cargo resolves
# the same features everywhere and nothing is built twice.
step "cargo build $BINARIES_BUILD" cargo build $BINARIES_BUILD
export AANKOMST_PREBUILT_BINARIES=1
step "PostgreSQL (throwaway cluster)" start_postgres
step "cargo test" rust_tests
step "FHIR export validation (fhir.resources, R4)" tests/fhir/run.sh
step "IPC bindings drift" check_bindings
step "keychain tests (real Secret Service)" keychain_tests
step "end-to-end (tauri-driver, Xvfb)" e2e
