#!/usr/bin/python3
"""What the conversion's own QDQ fusion still does on the route `npc compile`
takes (`--onnx-fuse-qdq --npc-convert-onnx-to-qg`), file by file.

  git apply bench/conversion_fusion_trace.patch && ninja -C build npc-opt
  bench/trace_conversion_fusion.py --bin build/bin FILE.onnx|FILE.mlir ...
  git checkout lib/Conversion/OnnxToQGraph/OnnxToQGraph.cpp   (and rebuild)

The patch (never built into npc) makes npc-opt print a line for each op
the conversion's own fusion makes (`emitFused`, `functionTable`, and
`materializeTransparent`'s 16-bit codes) and for the first error raised
inside them. Printed: the files that convert and use that code, the refused
files where it made an op before the first error, and the refused files
whose first error it words, by bench/fuse_qdq.py's families.
"""
import argparse
import collections
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fuse_qdq import ROOT, family, per_file, run  # noqa: E402


def trace(opt, tr, f, tmp):
    mlir = f
    if f.endswith(".onnx"):
        mlir = os.path.join(tmp, "m.mlir")
        if run([tr, "--import-onnx", f, "-o", mlir])[0]:
            return None
    rc, _, err = run([opt, mlir, "--onnx-fuse-qdq", "--npc-convert-onnx-to-qg"])
    lines = err.splitlines()
    made = [l for l in lines if l.startswith("TRACE-OK")]
    inside = [l for l in lines if l.startswith("TRACE-FAIL")]
    error = next((l for l in lines if "error:" in l), "")
    return rc, made, inside[0].split(" | ", 1)[1] if inside and rc else None, error


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "build", "bin"))
    ap.add_argument("-j", type=int, default=2)
    ap.add_argument("files", nargs="+")
    a = ap.parse_args()
    opt, tr = os.path.join(a.bin, "npc-opt"), os.path.join(a.bin, "npc-translate")
    results = per_file(lambda f, tmp: trace(opt, tr, f, tmp), a.files, a.j)
    counts, worded = collections.Counter(), collections.Counter()
    for f, r in results:
        if r is None:
            counts["do not import"] += 1
            continue
        rc, made, inside, _ = r
        counts["refused" if rc else "convert"] += 1
        if made:
            counts["refused, an op made before the error" if rc else "convert, using it"] += 1
            print(("refused: " if rc else "converts: ") + os.path.basename(f), " ".join(
                m.split(" ", 1)[1] for m in made))
        if inside:
            counts["refused, first error worded there"] += 1
            worded[family(inside)] += 1
    for k in ("do not import", "convert", "convert, using it", "refused",
              "refused, an op made before the error", "refused, first error worded there"):
        print(f"{k}: {counts[k]}")
    for name, n in worded.most_common():
        print(f"  {name}: {n}")


if __name__ == "__main__":
    main()
