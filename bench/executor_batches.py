#!/usr/bin/python3
"""Per-frame executor time of several artifacts loaded in one process, runs
alternating, at several batch sizes: what bench/executor_ab.py measures with
a process per artifact, without the processes' different memory layouts.

  bench/executor_batches.py ART.npx [ART.npx ...] --input X.npy \\
      [--batches 1,2,5,10,20,40] [--rounds 5] [--python-dir build/python]

Prints, per batch size, each artifact's median ms per run and its ratio to
the first artifact's.
"""
import argparse
import os
import statistics
import sys
import time


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("artifacts", nargs="+")
    ap.add_argument("--input", required=True)
    ap.add_argument("--batches", default="1,2,5,10,20,40")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--python-dir",
                    default=os.path.join(os.path.dirname(__file__), "..", "build", "python"))
    args = ap.parse_args()
    sys.path.insert(0, args.python_dir)
    import numpy as np
    import npc
    arts = [npc.load(a) for a in args.artifacts]
    x = np.load(args.input)
    names = [os.path.basename(a) for a in args.artifacts]
    for n in (int(b) for b in args.batches.split(",")):
        batch = np.concatenate([x] * n, axis=0)
        for a in arts:  # warm-up at this batch size
            a.run(batch)
        times = [[] for _ in arts]
        for _ in range(args.rounds):
            for i, a in enumerate(arts):
                t0 = time.perf_counter()
                a.run(batch)
                times[i].append((time.perf_counter() - t0) * 1e3)
        med = [statistics.median(t) for t in times]
        cells = [f"{name} {m:.1f} ms ({m / n:.2f}/frame)" + (f", {m / med[0]:.3f}" if i else "")
                 for i, (name, m) in enumerate(zip(names, med))]
        print(f"batch {n}: " + "; ".join(cells), flush=True)


if __name__ == "__main__":
    main()
