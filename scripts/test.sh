#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds, then runs lit,
# GoogleTest, the ONNX conformance tests, the onnxruntime comparisons and the
# hostile-input tests; then each fuzzer briefly (scripts/fuzz.sh, clang).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
BUILD_DIR=${BUILD_DIR:-build}
(cd "$BUILD_DIR" && ctest --output-on-failure)
scripts/fuzz.sh
