#!/usr/bin/python3
"""Benchmark: compile time, executor wall time per frame and modelled cycles
for ResNet-50-shaped INT8 and INT4 networks on a target.

  bench/bench.py [--npc build/bin/npc] [--target northpole] [--work DIR] [--size 224] [--bits 8 --bits 4] [--search]
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

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
ORT_TIME = os.path.join(HERE, "ort_time.js")


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
    ap.add_argument("--bits", type=int, action="append", choices=[8, 4])
    ap.add_argument("--frames", type=int, default=10,
                    help="frames timed for the executor's steady state (default 10)")
    ap.add_argument("--search", action="store_true",
                    help="compile with --search (several mappings, the fastest kept)")
    ap.add_argument("--baseline-npc",
                    help="another npc (e.g. a build of an older commit): its compile time is "
                         "printed beside this one's, best of 3 each, and its artifact must be "
                         "byte-identical")
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    ok = True
    for bits in args.bits or [8, 4]:
        ok &= bench(args, bits) == 0
        print()
    print("NorthPole published (ResNet-50, 400 MHz): 42,460 frames/s, 74 W, 571 frames/J")
    return 0 if ok else 1


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
        def steady(npc_bin, artifact, tag):
            one = timed([npc_bin, "run", artifact, "-i", inp, "-o", out + tag + ".1"])
            many = timed([npc_bin, "run", artifact, "-i", inp, "-o", out + tag + ".n",
                          "--frames", str(1 + args.frames)])
            return max(0.0, many - one) / args.frames * 1000
        this_ms, base_ms = [], []
        for _ in range(3):
            this_ms.append(steady(args.npc, art + ".this", ".this"))
            base_ms.append(steady(args.baseline_npc, base_art, ".base"))
        print(f"executor time per frame, best of 3 alternating runs: {min(this_ms):.1f} ms; "
              f"baseline: {min(base_ms):.1f} ms ({min(base_ms) / min(this_ms):.2f}x)")
    # Two pipelined frames: the executor measures the cycles between them.
    timed([args.npc, "run", art, "-i", inp, "-o", out, "--stats", stats, "--frames", "2"])
    # Executor time per frame in steady state: 1 + FRAMES frames minus 1 frame (loading the
    # artifact and packing its weights happen once), best of 3 each.
    one = min(timed([args.npc, "run", art, "-i", inp, "-o", out + ".1"]) for _ in range(3))
    many = min(timed([args.npc, "run", art, "-i", inp, "-o", out + ".n", "--frames",
                      str(1 + args.frames)]) for _ in range(3))
    run_ms = max(0.0, many - one) / args.frames * 1000
    ref_s = min(timed([args.npc, "reference", model, "-i", inp, "-o", ref]) for _ in range(3))
    ort = None
    if bits == 8 and os.path.exists(ORT_TIME) and shutil.which("node"):
        r = subprocess.run(["node", ORT_TIME, model, inp, "--runs", "20"], capture_output=True,
                           text=True)
        ort = json.loads(r.stdout)["median_ms"] if r.returncode == 0 else None
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
    print(f"executor time per frame: {run_ms:.1f} ms (steady state over {args.frames} frames, "
          f"kernels: {isa}); load + first frame {one:.2f} s; npc reference {ref_s:.2f} s")
    if ort is not None:
        print(f"onnxruntime-node 1.30 per frame, same model: {ort:.1f} ms (median of 20, one "
              f"session, default optimizations); executor / onnxruntime: {run_ms / ort:.1f}x")
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
