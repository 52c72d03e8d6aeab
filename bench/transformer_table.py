#!/usr/bin/python3
"""The README's table of transformer encoders as torch exports them
(python/tests/transformer_export.py: fake quantization, opset 17): each
compiled for northpole, run on one input and compared with npc's reference,
with onnxruntime on the output (node by node) and layer by layer
(python/tests/layerwise.py). Prints one Markdown row per model.

    PYTHONPATH=build/python /usr/bin/python3 bench/transformer_table.py [--kinds vit4,bert4,bert4_ids]
        [--work DIR]
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
import onnx

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "python", "tests"))
import npc  # noqa: E402
import layerwise  # noqa: E402
import transformer_export  # noqa: E402
from test_transformer_export import output_scale  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--kinds", default="vit4,bert4,bert4_ids",
                    help="models by name (python/tests/transformer_export.py SIZES)")
    ap.add_argument("--work", default=os.path.join(ROOT, "build", "transformer_table"))
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    for kind in args.kinds.split(","):
        path, xp, yp = (os.path.join(args.work, kind + s) for s in (".onnx", ".x.npy", ".ort.npy"))
        x = transformer_export.export(kind, path)
        np.save(xp, x)
        t = time.monotonic()
        art = npc.compile(path)
        seconds = time.monotonic() - t
        s = art.report["summary"]
        y = art.run(x)
        same = y.tobytes() == npc.reference(path, x).tobytes()
        subprocess.run(["node", layerwise.RUN_ORT, path, yp, xp, "--no-opt"], check=True)
        steps = np.abs(np.round((y - np.load(yp)) / output_scale(onnx.load(path))))
        with tempfile.TemporaryDirectory() as w:
            rows = layerwise.compare(path, x, w, no_opt=True)
        size = transformer_export.SIZES[kind]
        print(f"| {kind} ({size['depth']} blocks, width {size['d']}"
              f"{', ' + str(size['tokens']) + ' tokens' if 'tokens' in size else ''}"
              f"{', vocabulary ' + format(size['vocab'], ',') if 'vocab' in size else ''}) | "
              f"{seconds:.1f} s | {s['cycles_per_frame']:,} | {s['frames_per_second']:,.0f} | "
              f"{100 * s['mac_utilization']:.1f}% | {s['period_limited_by'].split(':')[0]} | "
              f"{'yes' if same else 'NO'} | {100 * np.mean(steps == 0):.1f}% identical, max "
              f"{int(steps.max())} | {len(rows)} layers: max {max(r[2] for r in rows)} step, "
              f"min {100 * min(r[3] for r in rows):.1f}% identical |", flush=True)


if __name__ == "__main__":
    main()
