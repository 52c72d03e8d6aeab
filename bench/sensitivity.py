#!/usr/bin/python3
"""Sensitivity of the modelled ResNet-50 figures to the target's assumptions:
each parameter halved and doubled from the northpole defaults, one at a time.

  bench/sensitivity.py [--npc build/bin/npc] [--bits 8] [--work DIR] [--markdown]

Compiles bench/gen_resnet50.py's network once per variant (the default
mapping, no --search) and prints, per variant, the modelled frames/s in
the steady state and at batch 1, the cycles per frame and what limits the
period (the report's period_limited_by). docs/target.md's table is this
script's --markdown output.
"""
import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# (label, JSON path of the key, northpole default). Assumed values first.
PARAMS = [
    ("activation NoC link width, bytes/cycle", ("noc", "activation", "link_bytes_per_cycle"), 256),
    ("NoC hop latency, cycles", ("noc", "activation", "hop_latency_cycles"), 1),
    ("host link, bytes/s each way", ("host_link_bytes_per_second",), 8e9),
    ("core memory, bytes", ("core_memory_bytes",), 786432),
    ("MACs per cycle per core (INT8)", ("macs_per_cycle_int8",), 2048),
    ("MAC array depth (INT8; lanes = MACs / depth)", ("mac_array_depth",), 64),
    ("SRAM ports per core", ("sram_ports",), 8),
    ("frame buffer, bytes", ("frame_buffer_bytes",), 33554432),
]


def target_with(path, value):
    t = {"name": "sensitivity"}
    node = t
    for key in path[:-1]:
        node = node.setdefault(key, {})
    node[path[-1]] = value
    return t


def compile_once(args, model, target, tag):
    tfile = os.path.join(args.work, tag + ".target.json")
    with open(tfile, "w") as f:
        json.dump(target, f)
    rep = os.path.join(args.work, tag + ".report.json")
    r = subprocess.run([args.npc, "compile", model, "-o", os.path.join(args.work, tag + ".npx"),
                        "--target", tfile, "--report", rep], capture_output=True, text=True)
    if r.returncode != 0:
        return None, r.stderr.strip().splitlines()[-1] if r.stderr.strip() else "failed"
    with open(rep) as f:
        return json.load(f)["summary"], None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--npc", default=os.path.join(ROOT, "build", "bin", "npc"))
    ap.add_argument("--bits", type=int, default=8, choices=[8, 4])
    ap.add_argument("--work", default=os.path.join(ROOT, "build", "sensitivity"))
    ap.add_argument("--markdown", action="store_true", help="print docs/target.md's table")
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    model = os.path.join(args.work, f"resnet50_int{args.bits}.onnx")
    if not os.path.exists(model):
        subprocess.run([sys.executable, os.path.join(HERE, "gen_resnet50.py"), model,
                        "--input", model + ".input.npy", "--bits", str(args.bits)], check=True)
    rows = []
    base, err = compile_once(args, model, {"name": "sensitivity"}, "base")
    if base is None:
        sys.exit(f"the default target failed: {err}")
    rows.append(("northpole defaults", "", base, None))
    for label, path, default in PARAMS:
        for factor in (0.5, 2):
            value = default * factor
            if isinstance(default, int):
                value = int(value)
            summary, err = compile_once(args, model, target_with(path, value),
                                        "_".join(path) + f"_x{factor}")
            rows.append((label, f"{value:g}", summary, err))
    # The rule before the array had a geometry: every MAC counts.
    summary, err = compile_once(args, model, target_with(("mac_array_depth",), 0), "mac_array_0")
    rows.append(("MAC array depth: none (every MAC used)", "0", summary, err))
    if args.markdown:
        print("| parameter | value | frames/s | vs defaults | batch 1 frames/s | cycles/frame | "
              "period limited by |")
        print("|---|---|---|---|---|---|---|")
    base_fps = base["frames_per_second"]
    for label, value, s, err in rows:
        if s is None:
            cells = [label, value, "-", "-", "-", "-", "does not compile: " + err]
        else:
            cells = [label, value, f"{s['frames_per_second']:,.0f}",
                     f"{100 * (s['frames_per_second'] / base_fps - 1):+.1f}%",
                     f"{s['frames_per_second_batch_1']:,.0f}", f"{s['cycles_per_frame']:,}",
                     s["period_limited_by"]]
        if args.markdown:
            print("| " + " | ".join(cells) + " |")
        else:
            print("  ".join(cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
