#!/usr/bin/python3
"""What onnx-fuse-qdq fuses on ONNX files, and that it changes nothing.

  bench/fuse_qdq.py [--bin build/bin] FILE.onnx ...
  (e.g. build/torchvision_table/*.onnx from bench/torchvision_table.py --all)

Per file: QuantizeLinear nodes before and after the fusion; the float
operators left after it on dequantized values (what the conversion still
fuses itself, its PendingK/FnK state: default-domain compute nodes reading a
DequantizeLinear's or QONNX Quant's output, directly or through moves and
other such nodes);
and whether the qg module (with locations) is byte-identical with and
without the fusion.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(args):
    r = subprocess.run(args, capture_output=True, text=True)
    return r.returncode, r.stdout, r.stderr


# Nodes that move or describe a value rather than compute on it.
MOVES = {"Reshape", "Flatten", "Transpose", "Squeeze", "Unsqueeze", "Identity", "Slice",
         "Gather", "Expand", "Concat", "Split", "Pad", "Resize", "DepthToSpace", "SpaceToDepth",
         "MaxPool"}
NODE = re.compile(r'^\s*(%\S+) = onnx\.node "(\w+)"\(([^)]*)\)(.*)$')


def float_ops_left(fused):
    """Default-domain compute nodes reading dequantized values in `fused`."""
    dequantized, left = set(), 0
    for line in fused.splitlines():
        m = NODE.match(line)
        if not m:
            continue
        out, op, ins, rest = m.groups()
        reads = any(v.strip() in dequantized for v in ins.split(","))
        if op == "Quant":  # QONNX's (any domain): a QuantizeLinear/DequantizeLinear pair
            dequantized.add(out)
            continue
        if 'domain = "' in rest or op == "QuantizeLinear" or op in ("Shape", "Size"):
            continue
        if op == "DequantizeLinear" or (reads and op in MOVES):
            dequantized.add(out)
        elif reads:
            dequantized.add(out)
            left += 1
    return left


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "build", "bin"))
    ap.add_argument("files", nargs="+")
    a = ap.parse_args()
    opt, tr = os.path.join(a.bin, "npc-opt"), os.path.join(a.bin, "npc-translate")
    print("| file | QuantizeLinear before | after | float ops left | qg with = without fusion |")
    print("|---|---|---|---|---|")
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        for f in a.files:
            m = os.path.join(tmp, "m.mlir")
            rc, _, err = run([tr, "--import-onnx", f, "-o", m])
            if rc:
                print(f"| {os.path.basename(f)} | import failed | | | |")
                ok = False
                continue
            q = 'onnx.node "QuantizeLinear"'
            before = open(m).read().count(q)
            _, fused, _ = run([opt, m, "--onnx-fuse-qdq"])
            ru, without, eu = run([opt, m, "--npc-convert-onnx-to-qg", "-mlir-print-debuginfo"])
            rf, with_, ef = run([opt, m, "--onnx-fuse-qdq", "--npc-convert-onnx-to-qg",
                                 "-mlir-print-debuginfo"])
            same = ru == rf and without == with_ and eu == ef
            ok &= same
            print(f"| {os.path.basename(f)} | {before} | {fused.count(q)} | "
                  f"{float_ops_left(fused)} | {'yes' if same else 'NO'} |")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
