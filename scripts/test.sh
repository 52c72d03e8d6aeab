#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds, then runs lit,
# GoogleTest, the ONNX conformance tests and the onnxruntime comparisons.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
BUILD_DIR=${BUILD_DIR:-build}
cd "$BUILD_DIR"
ctest --output-on-failure
