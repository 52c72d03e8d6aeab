#!/usr/bin/env bash
# The libFuzzer harnesses of fuzz/ (ONNX importer, artifact loader + executor,
# .npy reader, target parser), built with clang, ASan and UBSan in build-fuzz/,
# each run on its seed corpus (fuzz/corpus/<name>) for the given seconds:
#   scripts/fuzz.sh        # 20 s each: the short run scripts/test.sh does
#   scripts/fuzz.sh 600    # 10 minutes each: the long run of docs/robustness.md
# New inputs the fuzzers find go to build-fuzz/fuzz/found-<name>; a crash
# leaves its input as build-fuzz/crash-* and fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-20}
BUILD_DIR=${FUZZ_BUILD_DIR:-build-fuzz}
CC=clang-22 CXX=clang++-22 cmake -G Ninja -S . -B "$BUILD_DIR" -DNPC_FUZZ=ON \
  -DNPC_FUZZ_SECONDS="$SECONDS_EACH" >/dev/null
ninja -C "$BUILD_DIR" npc-fuzzers
cd "$BUILD_DIR"
ctest --output-on-failure --timeout $((SECONDS_EACH + 300))
