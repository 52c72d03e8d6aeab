#!/usr/bin/python3
"""What npc compile's import route gives per ONNX file, to compare two builds.

  bench/route_outputs.py BINDIR OUT.json FILE.onnx ...   (then bench/route_outputs_cmp.py A.json B.json)

npc-opt does not read .onnx itself, so each file is imported with
`npc-translate --import-onnx F` (stdout, in memory) and fed to `npc-opt -` on
stdin (locations read "<stdin>", so outputs do not depend on temp paths).

Per file (keyed by basename):
  rc      npc-opt exit code of the fused route (int), "timeout", or, if the
          import failed, the importer's rc (then stage == "import")
  stage   "opt" or "import"
  sha1    sha1 of the fused route's stdout
  stderr  first 500 chars of its stderr
  identical  (unless env FUSED_ONLY is set) whether the route without
          --onnx-fold-constants --onnx-fuse-qdq gives the same stdout, stderr, rc
"""
import concurrent.futures
import hashlib
import json
import os
import subprocess
import sys
import time

TIMEOUT = 60
FUSED = ["--onnx-fold-constants", "--onnx-fuse-qdq", "--npc-convert-onnx-to-qg",
         "-mlir-print-debuginfo"]
PLAIN = ["--npc-convert-onnx-to-qg", "-mlir-print-debuginfo"]


def run(args, stdin=None):
    try:
        r = subprocess.run(args, input=stdin, capture_output=True, timeout=TIMEOUT)
        return r.returncode, r.stdout, r.stderr
    except subprocess.TimeoutExpired as e:
        return "timeout", e.stdout or b"", e.stderr or b""


def one(bindir, f, fused_only):
    opt = os.path.join(bindir, "npc-opt")
    tr = os.path.join(bindir, "npc-translate")
    rc, mlir, err = run([tr, "--import-onnx", f])
    if rc != 0:
        rec = {"rc": rc, "stage": "import", "sha1": hashlib.sha1(mlir).hexdigest(),
               "stderr": err.decode(errors="replace")[:500]}
        if not fused_only:
            rec["identical"] = True  # both routes fail identically at import
        return os.path.basename(f), rec
    a = run([opt, "-"] + FUSED, stdin=mlir)
    rec = {"rc": a[0], "stage": "opt", "sha1": hashlib.sha1(a[1]).hexdigest(),
           "stderr": a[2].decode(errors="replace")[:500]}
    if not fused_only:
        b = run([opt, "-"] + PLAIN, stdin=mlir)
        rec["identical"] = (a == b)
    return os.path.basename(f), rec


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    bindir, out, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    fused_only = "FUSED_ONLY" in os.environ
    t0 = time.time()
    res = {}
    with concurrent.futures.ThreadPoolExecutor(2) as ex:
        futs = [ex.submit(one, bindir, f, fused_only) for f in files]
        for i, fu in enumerate(concurrent.futures.as_completed(futs), 1):
            k, v = fu.result()
            res[k] = v
            if i % 100 == 0:
                print(f"{i}/{len(files)} {time.time() - t0:.0f}s", flush=True)
    with open(out, "w") as fh:
        json.dump(dict(sorted(res.items())), fh, indent=1)
    print(f"done {len(res)} files in {time.time() - t0:.0f}s -> {out}", flush=True)


if __name__ == "__main__":
    main()
