#!/usr/bin/python3
"""Split reductions (docs/mapping.md) on models as torch exports them: a
small CNN whose flattened features feed a Linear head, FX post-training
quantization (fbgemm), torch.onnx.export (opset 13), for several feature
sizes (channels of the last convolution x 16 x 16) and head widths. Each
is compiled with --split-reductions=off and =auto on `northpole` and run;
prints cycles per frame both ways, the parts auto chose, the partial-sum
NoC bytes per frame, and whether both runs equal npc's reference.

    PYTHONPATH=build/python /usr/bin/python3 bench/split_reductions.py [--work DIR]
"""
import argparse
import os
import sys
import tempfile

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "python", "tests"))
import npc  # noqa: E402
from oracle import fx_ptq_export  # noqa: E402


def head_model(channels, outputs):
    import torch
    nn = torch.nn

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.c1 = nn.Conv2d(3, 32, 3, padding=1)
            self.c2 = nn.Conv2d(32, channels, 3, padding=1)
            self.relu = nn.ReLU()
            self.fc = nn.Linear(channels * 16 * 16, outputs)

        def forward(self, x):
            return self.fc(torch.flatten(self.relu(self.c2(self.relu(self.c1(x)))), 1))

    return Net()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--work", default=None)
    args = ap.parse_args()
    work = args.work or tempfile.mkdtemp(prefix="npc-split-")
    os.makedirs(work, exist_ok=True)
    print("| features (K) | head (N) | off: cycles/frame | auto: cycles/frame | parts | partial-sum NoC bytes/frame | both = reference |")
    print("|---|---|---|---|---|---|---|")
    for channels in (32, 64, 128):
        for outputs in (10, 32, 100, 1000):
            path = os.path.join(work, f"head_{channels}_{outputs}.onnx")
            x = fx_ptq_export(lambda: head_model(channels, outputs), path)
            off = npc.compile(path, split_reductions="off")
            auto = npc.compile(path)
            ref = npc.reference(path, x).tobytes()
            same = off.run(x).tobytes() == ref and auto.run(x).tobytes() == ref
            parts = [l["name"] for l in auto.report["layers"] if ".part" in l["name"]]
            s_off, s_auto = off.report["summary"], auto.report["summary"]
            print(f"| {channels * 256:,} | {outputs} | {s_off['cycles_per_frame']:,} | "
                  f"{s_auto['cycles_per_frame']:,} | {len(parts) or '-'} | "
                  f"{s_auto.get('partial_sum_noc_bytes_per_frame', 0):,} | "
                  f"{'yes' if same else 'NO'} |", flush=True)


if __name__ == "__main__":
    main()
