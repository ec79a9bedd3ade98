#!/usr/bin/env bash
# Builds every .blend test scene from the bpy scripts in this folder into
# the directory given (default: .), with Debian's Blender or any on PATH
# (BLENDER=/path/to/blender to pick another).
#   scenes/blend/build.sh OUTDIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-.}"
blender="${BLENDER:-blender}"
if ! command -v "$blender" >/dev/null 2>&1; then
  echo "build.sh: $blender not found: apt-get install blender, or set BLENDER=/path/to/blender" >&2
  exit 1
fi
mkdir -p "$out"
out="$(cd "$out" && pwd)"
for script in "$here"/make_*.py; do
  name="$(basename "$script" .py)"
  name="${name#make_}"
  # --python-exit-code: a failing script fails the build instead of
  # leaving Blender's default scene behind.
  if ! "$blender" -b --factory-startup --python-exit-code 1 --python "$script" -- "$out/$name.blend" >"$out/$name.log" 2>&1; then
    echo "build.sh: $name failed; see $out/$name.log" >&2
    exit 1
  fi
  rm -f "$out/$name.log"
  echo "$out/$name.blend"
done
