#!/usr/bin/env bash
# First run on a fresh machine: install, build, then import the bundled
# example network and run it on the reference interpreter.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
BUILD_DIR=${BUILD_DIR:-build}
out=$BUILD_DIR/quickstart
mkdir -p "$out"
model=examples/tiny_cnn.onnx
echo "== npc import $model (first lines)"
"$BUILD_DIR/bin/npc" import "$model" --legalize -o "$out/tiny_cnn.mlir"
head -c 1500 "$out/tiny_cnn.mlir"; echo " ..."
echo "== npc reference $model"
"$BUILD_DIR/bin/npc" reference "$model" -i examples/tiny_cnn.input.npy -o "$out/tiny_cnn.out.npy"
/usr/bin/python3 - "$out/tiny_cnn.out.npy" <<'PY'
import sys, numpy as np
y = np.load(sys.argv[1])
print("output", y.dtype, y.shape, "first values:", y.ravel()[:8])
PY
