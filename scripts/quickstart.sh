#!/usr/bin/env bash
# First run on a fresh machine: install, build, then compile the bundled
# example network for the 16x16 NorthPole target, run it on the executor and
# print the report.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
BUILD_DIR=${BUILD_DIR:-build}
npc=$BUILD_DIR/bin/npc
out=$BUILD_DIR/quickstart
mkdir -p "$out"
model=examples/tiny_cnn.onnx
input=examples/tiny_cnn.input.npy
echo "== npc compile $model -o $out/tiny_cnn.npx --report $out/report.json"
"$npc" compile "$model" -o "$out/tiny_cnn.npx" --report "$out/report.json"
echo "== npc run $out/tiny_cnn.npx"
"$npc" run "$out/tiny_cnn.npx" -i "$input" -o "$out/tiny_cnn.out.npy" --stats "$out/stats.json"
echo "== npc verify (executor vs reference interpreter, byte for byte)"
"$npc" verify "$model" -i "$input"
/usr/bin/python3 - "$out" <<'PY'
import json, sys
import numpy as np
out = sys.argv[1]
y = np.load(f"{out}/tiny_cnn.out.npy")
print("output", y.dtype, y.shape, "first values:", y.ravel()[:6])
r = json.load(open(f"{out}/report.json"))
s = r["summary"]
print(f"report: {s['cycles_per_frame']} cycles/frame, {s['latency_us']:.2f} us, "
      f"{s['frames_per_second']:.0f} frames/s at the target clock, "
      f"{s['cores_used']} cores used, fullest core {s['max_core_bytes']} bytes")
print(f"{'layer':<22}{'kind':<10}{'tiles':>6}{'cores':>6}{'MACs':>10}{'cycles':>8}")
for l in r["layers"]:
    print(f"{l['name']:<22}{l['kind']:<10}{l['tiles']:>6}{l['cores_used']:>6}{l['macs']:>10}{l['cycles']:>8}")
PY
