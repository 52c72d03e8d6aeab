#!/usr/bin/python3
"""Times the executor on one artifact in one process, as bench/ort_time.js
times onnxruntime: the artifact loaded once, a warm-up batch (it packs the
weights), then RUNS timed batches of FRAMES pipelined frames each through
`Artifact.run`; prints the best and median wall time per frame as JSON.

  bench/executor_time.py ARTIFACT INPUT.npy [--frames 20] [--runs 3] [--python-dir build/python]

Timing whole `npc run --frames N` processes and subtracting a one-frame run
put the noise of two process starts and artifact loads (about 0.5 s each)
into every figure: a few milliseconds per frame either way.
"""
import argparse
import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("artifact")
    ap.add_argument("input")
    ap.add_argument("--frames", type=int, default=20)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--python-dir", default=os.path.join(os.path.dirname(HERE), "build", "python"))
    args = ap.parse_args()
    sys.path.insert(0, args.python_dir)
    import numpy as np
    import npc

    artifact = npc.load(args.artifact)
    x = np.load(args.input)
    batch = np.concatenate([x] * args.frames, axis=0)
    artifact.run(batch)  # warm-up
    times = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        artifact.run(batch)
        times.append((time.perf_counter() - t0) / args.frames * 1000)
    times.sort()
    print(json.dumps({"best_ms": times[0], "median_ms": times[len(times) // 2],
                      "runs": args.runs, "frames": args.frames}))


if __name__ == "__main__":
    main()
