#!/usr/bin/python3
"""What npc-tile-layers' fill-span does to the period: each model compiled
for northpole with `npc compile --fill-span=off`, `=on` and the default
`auto` (both where they differ, the faster kept), the forced artifact's
executor run on one random frame and compared with the reference. Reads the
exports bench/torchvision_table.py and bench/models_table.py left in
build/ (run those first). Prints one Markdown row per model.

    PYTHONPATH=build/python /usr/bin/python3 bench/fill_span.py
"""
import glob
import os
import subprocess
import sys
import tempfile

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NPC = os.path.join(ROOT, "build", "bin", "npc")


def summary(model, extra, work):
    art = os.path.join(work, "m.npx")
    subprocess.run([NPC, "compile", model, "-o", art, "--quiet"] + extra, check=True)
    first = subprocess.run([NPC, "report", art], check=True, capture_output=True,
                           text=True).stdout.splitlines()[0]
    cycles = int(first.split(": ")[1].split(" cycles/frame")[0])
    util = first.split("MAC utilization ")[1].split(" %")[0]
    return art, cycles, util


def main():
    import npc
    models = sorted(glob.glob(os.path.join(ROOT, "build", "torchvision_table", "*_fx_qat.onnx")) +
                    glob.glob(os.path.join(ROOT, "build", "torchvision_table", "*_eager_qat.onnx")) +
                    glob.glob(os.path.join(ROOT, "build", "torchvision_table", "*_fx_ptq.onnx")) +
                    glob.glob(os.path.join(ROOT, "build", "models_table", "*.onnx")))
    if not models:
        sys.exit("no exports in build/: run bench/torchvision_table.py and bench/models_table.py")
    for model in models:
        with tempfile.TemporaryDirectory() as w:
            _, base, base_util = summary(model, ["--fill-span=off"], w)
            _, auto, auto_util = summary(model, [], w)
            art, fill, fill_util = summary(model, ["--fill-span=on"], w)
            a = npc.load(art)
            (name, dtype, shape), = a.inputs[:1]
            rng = np.random.default_rng(0)
            x = (rng.integers(0, 1000, shape).astype(dtype) if dtype.startswith("int")
                 else rng.normal(size=shape).astype(np.float32))
            y = a.run(x)
            ref = npc.reference(model, x)
            ys = list(y.values()) if isinstance(y, dict) else [y]
            refs = ref if isinstance(ref, list) else [ref]
            same = all(p.tobytes() == q.tobytes() for p, q in zip(ys, refs))
        print(f"| {os.path.basename(model)[:-5]} | {base:,} ({base_util}%) | {fill:,} ({fill_util}%) "
              f"| {base / fill:.2f}x | {auto:,} | {'yes' if same else 'NO'} |", flush=True)


if __name__ == "__main__":
    main()
