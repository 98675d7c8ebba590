#!/usr/bin/env bash
# Independent FHIR R4 validation of the instrument exports: writes sample bundles with the
# aankomst-instruments example, then parses every one with fhir.resources (R4 models) in a
# private virtualenv (tests/fhir/.venv, created on first use from requirements.txt).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
VENV="$HERE/.venv"
OUT="$HERE/out"

# Recreate the venv when requirements.txt changed since it was made.
if [ ! -x "$VENV/bin/python" ] || ! cmp -s "$HERE/requirements.txt" "$VENV/requirements.txt"; then
  rm -rf "$VENV"
  python3 -m venv "$VENV" || { echo "tests/fhir: 'python3 -m venv' failed" >&2; exit 1; }
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$HERE/requirements.txt"
  cp "$HERE/requirements.txt" "$VENV/requirements.txt"
fi

rm -rf "$OUT"
(cd "$ROOT" && cargo run --quiet -p aankomst-instruments --example export_samples -- "$OUT")
"$VENV/bin/python" "$HERE/validate.py" "$OUT"
