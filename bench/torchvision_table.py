#!/usr/bin/python3
"""The README's tables of torchvision models as users get them: torch's
quantization-aware-training exports as torch writes them, and FX PTQ
exports in onnxruntime's QOperator form as its own graph optimizer writes
them (examples/torchvision_ptq.py). Each is compiled with and without
--search, run on one random frame and compared with npc's reference, with
onnxruntime on the logits (node by node for the QAT exports: its optimized
session fails to load them) and layer by layer (python/tests/layerwise.py).
Prints one Markdown row per model.

    PYTHONPATH=build/python /usr/bin/python3 bench/torchvision_table.py [--size 128] [--work DIR]
        [--forms fx_qat,eager_qat,ort_qoperator]
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "python", "tests"))
sys.path.insert(0, os.path.join(ROOT, "examples"))
import npc  # noqa: E402
import layerwise  # noqa: E402
import torchvision_ptq as example  # noqa: E402

ROWS = [("resnet18", "fx_qat"), ("resnet50", "fx_qat"), ("googlenet", "fx_qat"),
        ("squeezenet1_0", "fx_qat"), ("mobilenet_v2", "fx_qat"),
        ("shufflenet_v2_x1_0", "eager_qat"), ("mobilenet_v3_large", "eager_qat"),
        ("resnet18", "ort_qoperator"), ("resnet50", "ort_qoperator"),
        ("regnet_x_400mf", "ort_qoperator"), ("mobilenet_v2", "ort_qoperator"),
        ("mobilenet_v3_small", "ort_qoperator"), ("efficientnet_b0", "ort_qoperator")]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", type=int, default=128)
    ap.add_argument("--work", default=os.path.join(ROOT, "build", "torchvision_table"))
    ap.add_argument("--forms", default="fx_qat,eager_qat,ort_qoperator",
                    help="which forms' rows to run (comma-separated)")
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    x = np.random.default_rng(1).normal(size=(1, 3, args.size, args.size)).astype(np.float32)
    xp, yp = os.path.join(args.work, "x.npy"), os.path.join(args.work, "ort.npy")
    np.save(xp, x)
    for arch, form in [r for r in ROWS if r[1] in args.forms.split(",")]:
        no_opt = "qat" in form
        path = os.path.join(args.work, f"{arch}_{form}.onnx")
        if not os.path.exists(path):
            example.export(arch, args.size, path, form)
        t = time.monotonic()
        art = npc.compile(path)
        seconds = time.monotonic() - t
        s = art.report["summary"]
        b = npc.compile(path, search=True).report["summary"]
        y = art.run(x)
        same = y.tobytes() == npc.reference(path, x).tobytes()
        subprocess.run(["node", example.RUN_ORT, path, yp, xp] + (["--no-opt"] if no_opt else []),
                       check=True)
        steps = np.abs(np.round((y - np.load(yp)) / np.float32(example.logits_scale(path))))
        with tempfile.TemporaryDirectory() as w:
            rows = layerwise.compare(path, x, w, no_opt=no_opt)
        print(f"| {arch} ({form}) | {seconds:.1f} s | {s['cycles_per_frame']:,} | "
              f"{s['frames_per_second']:,.0f} | {100 * s['mac_utilization']:.1f}% | "
              f"{b['cycles_per_frame']:,} ({100 * b['mac_utilization']:.1f}%) | "
              f"{'yes' if same else 'NO'} | {100 * np.mean(steps == 0):.1f}% identical, "
              f"max {int(steps.max())} | {len(rows)} layers: max {max(r[2] for r in rows)} step, "
              f"min {100 * min(r[3] for r in rows):.1f}% identical |", flush=True)


if __name__ == "__main__":
    main()
