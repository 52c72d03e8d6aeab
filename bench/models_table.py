#!/usr/bin/python3
"""The README's table of the transformer encoders and the detector as torch
exports them (python/tests/transformer_export.py: fake quantization, opset
17; python/tests/test_detector.py's YOLO-style detector, eager QAT, at
256x256): each compiled for northpole, run on one input and compared with
npc's reference, with onnxruntime on every output (node by node) and layer
by layer (python/tests/layerwise.py). Prints one Markdown row per model.

    PYTHONPATH=build/python /usr/bin/python3 bench/models_table.py [--kinds vit4,bert4,bert4_ids,yolo]
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
import test_detector  # noqa: E402


def export(kind, path):
    """The model `kind` written to `path`: its input, its outputs' names and
    a name for the table."""
    if kind == "yolo":
        torch = test_detector.torch
        torch.manual_seed(0)
        model = test_detector.eager_qat(test_detector.TinyYolo(), 256)
        x = torch.randn(1, 3, 256, 256)
        torch.onnx.export(model, x, path, opset_version=13, input_names=["images"],
                          output_names=["p3", "p4"])
        return x.numpy(), ["p3", "p4"], "YOLO-style detector, eager QAT, 256x256, two heads"
    x = transformer_export.export(kind, path)
    size = transformer_export.SIZES[kind]
    name = (f"{kind} ({size['depth']} blocks, width {size['d']}"
            f"{', ' + str(size['tokens']) + ' tokens' if 'tokens' in size else ''}"
            f"{', vocabulary ' + format(size['vocab'], ',') if 'vocab' in size else ''})")
    return x, ["y"], name


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--kinds", default="vit4,bert4,bert4_ids,yolo",
                    help="models by name (python/tests/transformer_export.py SIZES, or yolo)")
    ap.add_argument("--work", default=os.path.join(ROOT, "build", "models_table"))
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    for kind in args.kinds.split(","):
        path, xp = (os.path.join(args.work, kind + s) for s in (".onnx", ".x.npy"))
        x, outputs, name = export(kind, path)
        np.save(xp, x)
        t = time.monotonic()
        art = npc.compile(path)
        seconds = time.monotonic() - t
        s = art.report["summary"]
        y = art.run(x)
        y = y if isinstance(y, dict) else {outputs[0]: y}
        ref = npc.reference(path, x)
        ref = ref if isinstance(ref, list) else [ref]
        same = [y[o].tobytes() for o in outputs] == [r.tobytes() for r in ref]
        m = onnx.load(path)
        odir = os.path.join(args.work, "ort")
        subprocess.run(["node", layerwise.RUN_ORT, path, odir, xp, "--no-opt", "--all"],
                       check=True)
        steps = np.concatenate([np.abs(np.round(
            (y[o] - np.load(os.path.join(odir, f"{i}.npy"))) / test_detector.output_scale(m, o)))
            .ravel() for i, o in enumerate(outputs)])
        with tempfile.TemporaryDirectory() as w:
            rows = layerwise.compare(path, x, w, no_opt=True)
        print(f"| {name} | {layerwise.cost_columns(s, seconds)} | "
              f"{s['period_limited_by'].split(':')[0]} | "
              f"{layerwise.table_columns(same, steps, rows)} |", flush=True)


if __name__ == "__main__":
    main()
