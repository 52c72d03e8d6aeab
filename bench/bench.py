#!/usr/bin/python3
"""Benchmark: compile time, executor wall time per frame and modelled cycles
for ResNet-50-shaped INT8, INT4 and INT2 networks on a target.

  bench/bench.py [--npc build/bin/npc] [--target northpole] [--work DIR] [--size 224] [--bits 8 --bits 4 --bits 2] [--search]
                 [--rounds 3] [--frames 20]       # executor and onnxruntime timed in alternating rounds
                 [--baseline-npc OTHER/bin/npc]   # also time another build (before/after): compile
                                                  # and executor, alternating runs, best of 3

Prints one figure per line. Wall times are of this machine (2 cores).
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from statistics import median

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
ORT_TIME = os.path.join(HERE, "ort_time.js")
EXECUTOR_TIME = os.path.join(HERE, "executor_time.py")


def timed(cmd):
    t0 = time.monotonic()
    r = subprocess.run(cmd, capture_output=True, text=True)
    dt = time.monotonic() - t0
    if r.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{r.stderr}")
    return dt


def executor_ms(npc_bin, artifact, inp, frames):
    """Executor steady-state ms per frame (bench/executor_time.py), with the
    Python module built beside `npc_bin` (BUILD/bin/npc -> BUILD/python)."""
    build = os.path.dirname(os.path.dirname(os.path.abspath(npc_bin)))
    r = subprocess.run([sys.executable, EXECUTOR_TIME, artifact, inp, "--frames", str(frames),
                        "--python-dir", os.path.join(build, "python")],
                       capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"bench/executor_time.py failed on {artifact}:\n{r.stderr}")
    return json.loads(r.stdout)["median_ms"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--npc", default=os.path.join(ROOT, "build", "bin", "npc"))
    ap.add_argument("--target", default="northpole")
    ap.add_argument("--work", default=os.path.join(ROOT, "build", "bench"))
    ap.add_argument("--size", type=int, default=224)
    ap.add_argument("--bits", type=int, action="append", choices=[8, 4, 2],
                    help="networks to time (default: 8, 4 and 2)")
    ap.add_argument("--frames", type=int, default=20,
                    help="frames per timed batch for the executor's steady state (default 20)")
    ap.add_argument("--rounds", type=int, default=3,
                    help="alternating rounds of executor and onnxruntime timings (default 3)")
    ap.add_argument("--search", action="store_true",
                    help="compile with --search (several mappings, the fastest kept)")
    ap.add_argument("--baseline-npc",
                    help="another npc (e.g. a build of an older commit): its compile time is "
                         "printed beside this one's, best of 3 each, and its artifact must be "
                         "byte-identical")
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    ok = True
    widths = args.bits or [8, 4, 2]
    for bits in widths:
        ok &= bench(args, bits) == 0
        print()
    if 8 in widths and len(widths) > 1:
        twins(args, widths)
        print()
    print("NorthPole published (ResNet-50, 400 MHz): 42,460 frames/s, 74 W, 571 frames/J")
    return 0 if ok else 1


def twins(args, widths):
    """Executor time per frame of the narrower twins against INT8's, their
    timings alternating round by round (the machine's speed drifts)."""
    ms = {b: [] for b in widths}
    for _ in range(args.rounds):
        for b in widths:
            tag = os.path.join(args.work, f"resnet50_int{b}")
            ms[b].append(executor_ms(args.npc, tag + ".npx", tag + ".input.npy", args.frames))
    for b in widths:
        if b == 8:
            continue
        ratios = [x / y for x, y in zip(ms[b], ms[8])]
        print(f"executor INT{b} / INT8 per frame, alternating rounds: "
              f"{', '.join(f'{x:.2f}' for x in ratios)}; median {median(ratios):.2f} "
              f"(INT{b} {median(ms[b]):.1f} ms, INT8 {median(ms[8]):.1f} ms)")


def bench(args, bits):
    tag = f"resnet50_int{bits}"
    model = os.path.join(args.work, tag + ".onnx")
    inp = os.path.join(args.work, tag + ".input.npy")
    art = os.path.join(args.work, tag + ".npx")
    rep = os.path.join(args.work, tag + ".report.json")
    stats = os.path.join(args.work, tag + ".stats.json")
    out = os.path.join(args.work, tag + ".out.npy")
    ref = os.path.join(args.work, tag + ".ref.npy")
    if not os.path.exists(model):
        subprocess.run([sys.executable, os.path.join(HERE, "gen_resnet50.py"), model,
                        "--input", inp, "--size", str(args.size), "--bits", str(bits)], check=True)
    compile_s = timed([args.npc, "compile", model, "-o", art, "--target", args.target,
                       "--report", rep] + (["--search"] if args.search else []))
    flags = ["--target", args.target] + (["--search"] if args.search else [])
    if args.baseline_npc:
        base_art = art + ".baseline"
        base_s = min(timed([args.baseline_npc, "compile", model, "-o", base_art] + flags)
                     for _ in range(3))
        this_s = min(timed([args.npc, "compile", model, "-o", art + ".this"] + flags)
                     for _ in range(3))
        same_art = open(base_art, "rb").read() == open(art + ".this", "rb").read()
        print(f"compile time, best of 3: {this_s:.2f} s; baseline {args.baseline_npc}: "
              f"{base_s:.2f} s ({base_s / this_s:.1f}x); artifacts identical: "
              f"{'yes' if same_art else 'NO'}")
    if args.baseline_npc:
        # Executor steady state of both builds, their runs alternating so that
        # the machine's load drifts over both alike: best of 3 each.
        this_ms, base_ms = [], []
        for _ in range(3):
            this_ms.append(executor_ms(args.npc, art + ".this", inp, args.frames))
            base_ms.append(executor_ms(args.baseline_npc, base_art, inp, args.frames))
        print(f"executor time per frame, best of 3 alternating runs: {min(this_ms):.1f} ms; "
              f"baseline: {min(base_ms):.1f} ms ({min(base_ms) / min(this_ms):.2f}x)")
    # Two pipelined frames: the executor measures the cycles between them.
    timed([args.npc, "run", art, "-i", inp, "-o", out, "--stats", stats, "--frames", "2"])
    # Executor time per frame in steady state, timed in one process as onnxruntime is
    # (bench/executor_time.py: the artifact loaded once, a warm-up batch, then batches of
    # FRAMES pipelined frames). The machine's speed drifts by tens of percent within
    # minutes, so the executor and onnxruntime are timed in alternating rounds, and each
    # round's ratio is of two figures taken side by side.
    use_ort = bits == 8 and os.path.exists(ORT_TIME) and shutil.which("node")
    run_rounds, ort_rounds = [], []
    ones = [timed([args.npc, "run", art, "-i", inp, "-o", out + ".1"])]
    for _ in range(args.rounds):
        run_rounds.append(executor_ms(args.npc, art, inp, args.frames))
        if use_ort:
            r = subprocess.run(["node", ORT_TIME, model, inp, "--runs", "20"],
                               capture_output=True, text=True)
            if r.returncode != 0:
                sys.exit(f"onnxruntime-node failed on {model}:\n{r.stderr}")
            ort_rounds.append(json.loads(r.stdout)["median_ms"])
    run_ms, one = median(run_rounds), min(ones)
    ref_s = min(timed([args.npc, "reference", model, "-i", inp, "-o", ref]) for _ in range(3))
    ort = median(ort_rounds) if ort_rounds else None
    ratios = [a / b for a, b in zip(run_rounds, ort_rounds)]
    with open(rep) as f:
        report = json.load(f)["summary"]
    with open(stats) as f:
        st = json.load(f)
    same = open(out, "rb").read() == open(ref, "rb").read()
    print(f"model: ResNet-50-shaped QDQ, INT{bits} weights and activations (stem input and "
          f"logits INT8), {args.size}x{args.size}, target {args.target}")
    print(f"compile time: {compile_s:.1f} s")
    isa = subprocess.run([args.npc, "--version"], capture_output=True, text=True).stdout
    isa = next((l.split(":", 1)[1].split(" (")[0].strip() for l in isa.splitlines()
                if "kernels" in l), "?")
    rounds = ", ".join(f"{x:.1f}" for x in run_rounds)
    print(f"executor time per frame: {run_ms:.1f} ms (steady state: batches of {args.frames} "
          f"pipelined frames in one process, median of 3; median of {args.rounds} rounds: "
          f"{rounds}; kernels: {isa}); `npc run`, load + first frame {one:.2f} s; npc reference "
          f"{ref_s:.2f} s")
    if ort is not None:
        print(f"onnxruntime-node 1.30 per frame, same model: {ort:.1f} ms (one session, default "
              f"optimizations, median of 20 runs, median of the rounds: "
              f"{', '.join(f'{x:.1f}' for x in ort_rounds)})")
        print(f"executor / onnxruntime, round by round: "
              f"{', '.join(f'{x:.2f}x' for x in ratios)}; median {median(ratios):.2f}x")
    print(f"cycles per frame (report): {report['cycles_per_frame']}, latency {report['cycles']} cycles")
    print(f"cycles per frame (executor, 2 pipelined frames): {st['cycles_per_frame']}, "
          f"latency {st['cycles']} cycles")
    print(f"modelled latency: {report['latency_us']:.1f} us, frames/s: {report['frames_per_second']:.0f}")
    if "period_limited_by" in report:
        print(f"host link ({report['host_link_bytes_per_second']:.3g} bytes/s each way): "
              f"{report['host_input_cycles']} cycles in, {report['host_output_cycles']} out per "
              f"frame; latency with it {report['latency_with_host_us']:.1f} us; frames/s at "
              f"batch 1: {report['frames_per_second_batch_1']:.0f}, batch 16: "
              f"{report['frames_per_second_batch_16']:.0f}")
        print(f"period limited by: {report['period_limited_by']}")
    print(f"MAC utilization: {100 * report['mac_utilization']:.2f} %")
    print(f"modelled energy: {report['energy_per_frame_uj']:.1f} uJ/frame, {report['frames_per_joule']:.0f} frames/J, "
          f"{report['watts']:.2f} W at the modelled frame rate (calibrated: docs/target.md)")
    print(f"cores used: {report['cores_used']}, fullest core: {report['max_core_bytes']} bytes")
    print(f"executor output equals reference: {'yes' if same else 'NO'}")
    return 0 if same and report["cycles_per_frame"] == st["cycles_per_frame"] \
        and report["cycles"] == st["cycles"] else 1


if __name__ == "__main__":
    sys.exit(main())
