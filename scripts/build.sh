#!/bin/sh
# Configures (once) and builds an optimised tree in the directory $1.
set -eu
dir=${1:-build}
cd "$(dirname "$0")/.."
if [ ! -f "$dir/build.ninja" ]; then
	meson setup "$dir" --buildtype=release -Dwerror=true >/dev/null
fi
ninja -C "$dir"
