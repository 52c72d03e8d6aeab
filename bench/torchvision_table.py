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
    ... --all [--models resnet18,googlenet]   every model of issue #11 in every form
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

# --all: every model of issue #11's list in every form (eager mode where
# torchvision has a quantizable version); a form torch cannot export gets a
# row saying so.
ALL_MODELS = ["resnet18", "resnet50", "mobilenet_v2", "mobilenet_v3_small", "mobilenet_v3_large",
              "efficientnet_b0", "shufflenet_v2_x1_0", "squeezenet1_0", "googlenet",
              "regnet_x_400mf"]
EAGER = {"resnet18", "resnet50", "mobilenet_v2", "mobilenet_v3_large", "shufflenet_v2_x1_0",
         "googlenet"}
ALL_FORMS = ["fx_ptq", "fx_qat", "fx_qat_converted", "eager_qat", "ort_qoperator"]
# The converted QAT form as for deployment on qnnpack (BatchNorm folded).
BACKEND = {"fx_qat_converted": "qnnpack"}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", type=int, default=128)
    ap.add_argument("--work", default=os.path.join(ROOT, "build", "torchvision_table"))
    ap.add_argument("--forms", default="fx_qat,eager_qat,ort_qoperator",
                    help="which forms' rows to run (comma-separated)")
    ap.add_argument("--all", action="store_true",
                    help="every model in every form (about 20 minutes)")
    ap.add_argument("--models", help="with --all: only these models (comma-separated)")
    args = ap.parse_args()
    models = args.models.split(",") if args.models else ALL_MODELS
    rows = ([(a, f) for a in models for f in ALL_FORMS if f != "eager_qat" or a in EAGER]
            if args.all else ROWS)
    os.makedirs(args.work, exist_ok=True)
    x = np.random.default_rng(1).normal(size=(1, 3, args.size, args.size)).astype(np.float32)
    xp, yp = os.path.join(args.work, "x.npy"), os.path.join(args.work, "ort.npy")
    np.save(xp, x)
    for arch, form in [r for r in rows if args.all or r[1] in args.forms.split(",")]:
        no_opt = "qat" in form
        path = os.path.join(args.work, f"{arch}_{form}.onnx")
        if not os.path.exists(path):
            try:
                example.export(arch, args.size, path, form, BACKEND.get(form, "fbgemm"))
            except Exception as e:  # noqa: BLE001 (torch's own failures, reported as rows)
                if os.path.exists(path):
                    os.remove(path)
                print(f"| {arch} ({form}) | torch cannot export it: "
                      f"{type(e).__name__}: {str(e).strip().splitlines()[0][:100]} |", flush=True)
                continue
        t = time.monotonic()
        try:
            art = npc.compile(path)
        except npc.CompileError as e:
            print(f"| {arch} ({form}) | npc: {e} |", flush=True)
            continue
        seconds = time.monotonic() - t
        s = art.report["summary"]
        b = npc.compile(path, search=True).report["summary"]
        y = art.run(x)
        same = y.tobytes() == npc.reference(path, x).tobytes()
        subprocess.run(["node", example.RUN_ORT, path, yp, xp] + (["--no-opt"] if no_opt else []),
                       check=True)
        steps = np.abs(np.round((y - np.load(yp)) / np.float32(example.logits_scale(path))))
        with tempfile.TemporaryDirectory() as w:
            layers = layerwise.compare(path, x, w, no_opt=no_opt)
        print(f"| {arch} ({form}) | {layerwise.cost_columns(s, seconds)} | "
              f"{b['cycles_per_frame']:,} ({100 * b['mac_utilization']:.1f}%) | "
              f"{layerwise.table_columns(same, steps, layers)} |", flush=True)


if __name__ == "__main__":
    main()
