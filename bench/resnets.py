#!/usr/bin/python3
"""The ResNet family on a target: ResNet-18/34/50/101/152 at 224x224,
ResNet-50 at 320 and 448, and ResNet-50 whose residual Adds have inputs of
two scales (bench/gen_resnet50.py --residual-scales), INT8 and INT4.

  bench/resnets.py [--npc build/bin/npc] [--target northpole] [--work DIR]
                   [--verify] [--markdown] [--only NAME ...]

Per network: compile time, modelled cycles per frame, frames/s (steady
state and batch 1), MAC-array utilization and what limits the period, or
the compiler's error when it does not fit. --verify also runs `npc verify`
(the executor against the reference interpreter, byte for byte).
"""
import argparse
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# name: gen_resnet50.py arguments
NETWORKS = {
    "resnet18": ["--depth", "18"],
    "resnet34": ["--depth", "34"],
    "resnet50": ["--depth", "50"],
    "resnet101": ["--depth", "101"],
    "resnet152": ["--depth", "152"],
    "resnet50@320": ["--size", "320"],
    "resnet50@448": ["--size", "448"],
    "resnet50, two-scale Adds": ["--residual-scales"],
    "resnet50 INT4": ["--bits", "4"],
    "resnet50 INT4, two-scale Adds": ["--bits", "4", "--residual-scales"],
}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--npc", default=os.path.join(ROOT, "build", "bin", "npc"))
    ap.add_argument("--target", default="northpole")
    ap.add_argument("--work", default=os.path.join(ROOT, "build", "resnets"))
    ap.add_argument("--verify", action="store_true", help="also npc verify each network")
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--only", nargs="*", help="these networks only (names as printed)")
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    header = ["network", "compile", "cycles/frame", "frames/s", "batch 1 frames/s",
              "MAC util.", "period limited by"] + (["executor = reference"] if args.verify else [])
    if args.markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
    else:
        print("  ".join(header))
    failed = False
    for name, gen in NETWORKS.items():
        if args.only and name not in args.only:
            continue
        tag = name.replace(" ", "_").replace(",", "").replace("@", "_")
        model = os.path.join(args.work, tag + ".onnx")
        inp = os.path.join(args.work, tag + ".input.npy")
        if not os.path.exists(model):
            subprocess.run([sys.executable, os.path.join(HERE, "gen_resnet50.py"), model,
                            "--input", inp] + gen, check=True)
        rep = os.path.join(args.work, tag + ".report.json")
        t0 = time.monotonic()
        r = subprocess.run([args.npc, "compile", model, "-o", os.path.join(args.work, tag + ".npx"),
                            "--target", args.target, "--report", rep],
                           capture_output=True, text=True)
        dt = time.monotonic() - t0
        if r.returncode != 0:
            failed = True
            err = r.stderr.strip().splitlines()
            cells = [name, f"{dt:.1f} s", "-", "-", "-", "-",
                     "does not compile: " + (err[-1] if err else "?")]
        else:
            with open(rep) as f:
                s = json.load(f)["summary"]
            cells = [name, f"{dt:.1f} s", f"{s['cycles_per_frame']:,}",
                     f"{s['frames_per_second']:,.0f}", f"{s['frames_per_second_batch_1']:,.0f}",
                     f"{100 * s['mac_utilization']:.1f}%", s["period_limited_by"]]
            if args.verify:
                v = subprocess.run([args.npc, "verify", model, "-i", inp, "--target", args.target],
                                   capture_output=True, text=True)
                cells.append("yes" if v.returncode == 0 else "NO: " + v.stderr.strip()[-200:])
                failed |= v.returncode != 0
        print(("| " + " | ".join(cells) + " |") if args.markdown else "  ".join(cells), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
