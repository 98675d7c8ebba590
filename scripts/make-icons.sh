#!/usr/bin/env bash
# Regenerates the app icons in icons/ from icons/icon.svg (RGBA PNGs and a multi-size ICO).
# Needs rsvg-convert (librsvg2-bin) and ImageMagick; scripts/install-deps.sh installs both.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../icons"

png() { rsvg-convert --width "$1" --height "$1" icon.svg --output "$2"; }
png 32 32x32.png
png 128 128x128.png
png 256 128x128@2x.png
png 512 icon.png

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
layers=()
for n in 16 24 32 48 64 256; do
  png "$n" "$tmp/$n.png"
  layers+=("$tmp/$n.png")
done
convert "${layers[@]}" icon.ico

for f in 32x32.png 128x128.png 128x128@2x.png icon.png; do
  [ "$(identify -format '%[channels]' "$f")" = "srgba" ] || { echo "$f is not RGBA" >&2; exit 1; }
done
identify icon.ico 32x32.png 128x128.png 128x128@2x.png icon.png
