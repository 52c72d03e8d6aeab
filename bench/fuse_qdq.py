#!/usr/bin/python3
"""What onnx-fuse-qdq fuses on ONNX files, and that it changes nothing.

  bench/fuse_qdq.py [--bin build/bin] FILE.onnx ...
  (e.g. build/torchvision_table/*.onnx from bench/torchvision_table.py --all)

Per file: QuantizeLinear nodes before and after the fusion, and whether the
qg module (with locations) is byte-identical with and without it.
"""
import argparse
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(args):
    r = subprocess.run(args, capture_output=True, text=True)
    return r.returncode, r.stdout, r.stderr


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "build", "bin"))
    ap.add_argument("files", nargs="+")
    a = ap.parse_args()
    opt, tr = os.path.join(a.bin, "npc-opt"), os.path.join(a.bin, "npc-translate")
    print("| file | QuantizeLinear before | after | qg with = without fusion |")
    print("|---|---|---|---|")
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        for f in a.files:
            m = os.path.join(tmp, "m.mlir")
            rc, _, err = run([tr, "--import-onnx", f, "-o", m])
            if rc:
                print(f"| {os.path.basename(f)} | import failed | | |")
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
                  f"{'yes' if same else 'NO'} |")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
