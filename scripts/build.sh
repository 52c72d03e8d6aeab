#!/usr/bin/env bash
# Configures (once) and builds npc into build/ with Ninja (and ccache when present).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  cmake -G Ninja -S . -B "$BUILD_DIR"
fi
ninja -C "$BUILD_DIR"
