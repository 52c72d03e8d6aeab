#!/usr/bin/python3
"""Paired timing of the executor: two or more (build, artifact) pairs, each in
a process of its own that loads once and keeps running, timed in alternation
round by round, so that the machine's drift falls on all of them alike.

  bench/executor_ab.py SPEC SPEC [SPEC ...] [--rounds 16] [--frames 20]

SPEC is [NAME=VALUE,...@]PYTHON_DIR:ARTIFACT:INPUT.npy (PYTHON_DIR: a build's
`python` folder, e.g. build/python; the settings before `@` go into that
worker's environment, e.g. NPC_HUGE_PAGES=0@build/python:... for the executor
without its huge-page blocks). Prints each one's median wall and CPU time per frame and,
against the first, the median of the rounds' ratios. The twins of the INT8
ResNet-50 (docs/executor.md):

  bench/executor_ab.py build/python:build/bench/resnet50_int8.npx:build/bench/resnet50_int8.input.npy \\
      build/python:build/bench/resnet50_int2.npx:build/bench/resnet50_int2.input.npy
"""
import argparse
import os
import statistics
import subprocess
import sys

WORKER = r'''
import resource, sys, time
sys.path.insert(0, sys.argv[1])
import numpy as np, npc
a = npc.load(sys.argv[2])
x = np.load(sys.argv[3])
batch = np.concatenate([x] * int(sys.argv[4]), axis=0)
a.run(batch)  # warm-up: packs the weights
print("ready", flush=True)
def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime
for _ in sys.stdin:
    c0, t0 = cpu(), time.perf_counter()
    a.run(batch)
    print(time.perf_counter() - t0, cpu() - c0, flush=True)
'''


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("specs", nargs="+", metavar="SPEC")
    ap.add_argument("--rounds", type=int, default=16)
    ap.add_argument("--frames", type=int, default=20)
    args = ap.parse_args()
    specs, envs = [], []
    for spec in args.specs:
        settings, _, rest = spec.rpartition("@")
        env = dict(os.environ)
        for kv in filter(None, settings.split(",")):
            name, eq, value = kv.partition("=")
            if not eq:
                sys.exit(f"{spec}: a setting before '@' is NAME=VALUE")
            env[name] = value
        specs.append(rest.split(":"))
        envs.append(env)
    if len(specs) < 2 or any(len(s) != 3 for s in specs):
        sys.exit("give two or more [NAME=VALUE,...@]PYTHON_DIR:ARTIFACT:INPUT.npy")
    procs = [subprocess.Popen([sys.executable, "-c", WORKER, *s, str(args.frames)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=e)
             for s, e in zip(specs, envs)]
    for p, s in zip(procs, args.specs):
        if p.stdout.readline().strip() != "ready":
            sys.exit(f"{s}: the worker failed")
    wall = [[] for _ in procs]
    cpu = [[] for _ in procs]
    for _ in range(args.rounds):
        for i, p in enumerate(procs):
            p.stdin.write("go\n")
            p.stdin.flush()
            w, c = map(float, p.stdout.readline().split())
            wall[i].append(w / args.frames * 1000)
            cpu[i].append(c / args.frames * 1000)
    for p in procs:
        p.stdin.close()
        p.wait()
    for i, s in enumerate(args.specs):
        line = (f"{s}: wall {statistics.median(wall[i]):.1f} ms/frame, "
                f"CPU {statistics.median(cpu[i]):.1f} ms/frame")
        if i:
            ratio = statistics.median(a / b for a, b in zip(wall[i], wall[0]))
            line += f"; against the first, median of the rounds' ratios {ratio:.3f}"
        print(line)


if __name__ == "__main__":
    main()
