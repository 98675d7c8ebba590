#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: Debian's server binaries, a data directory in a
# temporary folder, listening on 127.0.0.1 only, trust authentication for the local test user.
#
#   eval "$(scripts/test-postgres.sh start)"   # exports AANKOMST_TEST_POSTGRES_URL and _DIR
#   scripts/test-postgres.sh stop "$AANKOMST_TEST_POSTGRES_DIR"
#
# PostgreSQL refuses to run as root; as root the cluster runs as the `postgres` system user that
# Debian's package creates.
set -euo pipefail

PORT="${AANKOMST_TEST_POSTGRES_PORT:-55432}"

bindir() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  [ -x "$dir/initdb" ] || { echo "test-postgres: PostgreSQL server not installed (apt-get install postgresql)" >&2; exit 1; }
  echo "$dir"
}

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    BIN="$(bindir)"
    DIR="$(mktemp -d "${TMPDIR:-/tmp}/aankomst-pg.XXXXXX")"
    [ "$(id -u)" -ne 0 ] || chown postgres: "$DIR"
    as_owner "$BIN/initdb" -D "$DIR/data" -U aankomst --auth=trust --encoding=UTF8 >"$DIR/initdb.log" 2>&1 \
      || { cat "$DIR/initdb.log" >&2; exit 1; }
    as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off" start >&2
    as_owner "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U aankomst aankomst_test >&2
    echo "export AANKOMST_TEST_POSTGRES_URL='postgres://aankomst@127.0.0.1:$PORT/aankomst_test'"
    echo "export AANKOMST_TEST_POSTGRES_DIR='$DIR'"
    ;;
  stop)
    DIR="${2:?data folder}"
    as_owner "$(bindir)/pg_ctl" -D "$DIR/data" -m fast -w stop >&2 || true
    rm -rf "$DIR"
    ;;
  *)
    echo "usage: $0 start | stop <dir>" >&2
    exit 2
    ;;
esac
