#!/usr/bin/python3
"""Benchmark: compile time, executor wall time per frame and modelled cycles
for a ResNet-50-shaped INT8 network on a target.

  bench/bench.py [--npc build/bin/npc] [--target northpole] [--work DIR] [--size 224]

Prints one figure per line. Wall times are of this machine (2 cores).
"""
import argparse
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def timed(cmd):
    t0 = time.monotonic()
    r = subprocess.run(cmd, capture_output=True, text=True)
    dt = time.monotonic() - t0
    if r.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{r.stderr}")
    return dt


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--npc", default=os.path.join(ROOT, "build", "bin", "npc"))
    ap.add_argument("--target", default="northpole")
    ap.add_argument("--work", default=os.path.join(ROOT, "build", "bench"))
    ap.add_argument("--size", type=int, default=224)
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    model = os.path.join(args.work, "resnet50_int8.onnx")
    inp = os.path.join(args.work, "resnet50_int8.input.npy")
    art = os.path.join(args.work, "resnet50_int8.npx")
    rep = os.path.join(args.work, "report.json")
    stats = os.path.join(args.work, "stats.json")
    out = os.path.join(args.work, "out.npy")
    ref = os.path.join(args.work, "ref.npy")
    if not os.path.exists(model):
        subprocess.run([sys.executable, os.path.join(HERE, "gen_resnet50.py"), model,
                        "--input", inp, "--size", str(args.size)], check=True)
    compile_s = timed([args.npc, "compile", model, "-o", art, "--target", args.target,
                       "--report", rep])
    run_s = timed([args.npc, "run", art, "-i", inp, "-o", out, "--stats", stats])
    ref_s = timed([args.npc, "reference", model, "-i", inp, "-o", ref])
    with open(rep) as f:
        report = json.load(f)["summary"]
    with open(stats) as f:
        st = json.load(f)
    same = open(out, "rb").read() == open(ref, "rb").read()
    print(f"model: ResNet-50-shaped INT8 QDQ, {args.size}x{args.size}, target {args.target}")
    print(f"compile time: {compile_s:.1f} s")
    print(f"executor wall time per frame: {run_s:.1f} s (reference interpreter: {ref_s:.1f} s)")
    print(f"cycles per frame (report): {report['cycles_per_frame']}")
    print(f"cycles per frame (executor): {st['cycles_per_frame']}")
    print(f"modelled latency: {report['latency_us']:.1f} us, frames/s: {report['frames_per_second']:.0f}")
    print(f"MAC utilization: {100 * report['mac_utilization']:.2f} %")
    print(f"modelled energy: {report['energy_per_frame_uj']:.1f} uJ/frame, {report['frames_per_joule']:.0f} frames/J, "
          f"{report['watts']:.2f} W at the modelled frame rate (calibrated: docs/target.md)")
    print(f"cores used: {report['cores_used']}, fullest core: {report['max_core_bytes']} bytes")
    print(f"executor output equals reference: {'yes' if same else 'NO'}")
    print("NorthPole published (ResNet-50, 400 MHz): 42,460 frames/s, 74 W, 571 frames/J")
    return 0 if same and report["cycles_per_frame"] == st["cycles_per_frame"] else 1


if __name__ == "__main__":
    sys.exit(main())
