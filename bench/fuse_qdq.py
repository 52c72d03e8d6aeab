#!/usr/bin/python3
"""What onnx-fuse-qdq fuses on ONNX files, and what the conversion then says.

  bench/fuse_qdq.py [--bin build/bin] [-j 2] [--summary [--errors]] FILE.onnx|FILE.mlir ...
  (e.g. build/torchvision_table/*.onnx from bench/torchvision_table.py --all;
  an onnx-level .mlir, such as a lit test's input, is taken as it is, split
  at `// -----`)

Per file, on npc compile's route (onnx-fold-constants, onnx-fuse-qdq,
npc-convert-onnx-to-qg): QuantizeLinear nodes before and after the fusion;
the float operators left after it on dequantized values (default-domain
compute nodes reading a DequantizeLinear's or QONNX Quant's output, directly
or through moves and other such nodes, and read by something other than a
Shape or Size, or a graph output: one nothing reads, or only a Shape, the
conversion makes nothing of), which the conversion refuses; whether the
file converts, and else whether its first error names the node and its op
type (`node 'NAME' (OpType): ...`, or a graph input or output by name).
Exits 1 when a file does not import, the conversion crashes (an exit code
other than 0 and 1), or an error names no node.
"""
import argparse
import collections
import concurrent.futures
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(args):
    r = subprocess.run(args, capture_output=True, text=True)
    return r.returncode, r.stdout, r.stderr


# Nodes that move or describe a value rather than compute on it.
MOVES = {"Reshape", "Flatten", "Transpose", "Squeeze", "Unsqueeze", "Identity", "Slice",
         "Gather", "Expand", "Concat", "Split", "Pad", "Resize", "DepthToSpace", "SpaceToDepth",
         "MaxPool"}
NODE = re.compile(r'^\s*(%\S+) = onnx\.node "(\w+)"\(([^)]*)\)(.*)$')


def float_ops_left(fused):
    """Default-domain compute nodes reading dequantized values in `fused`,
    but not those only Shape or Size nodes read (directly or through other
    such nodes): the conversion folds those from the shape, fusing nothing."""
    dequantized, candidates, readers, outs = set(), [], collections.defaultdict(list), []
    returned = set()
    for line in fused.splitlines():
        if line.strip().startswith("return "):  # return %a, %b : types
            values = line.strip()[len("return"):].split(":")[0]
            returned.update(v.strip() for v in values.split(","))
            continue
        m = NODE.match(line)
        if not m:
            continue
        out, op, ins, rest = m.groups()
        outs.append(out)
        for v in ins.split(","):
            readers[v.strip()].append((out, op))
        reads = any(v.strip() in dequantized for v in ins.split(","))
        if op == "Quant":  # QONNX's (any domain): a QuantizeLinear/DequantizeLinear pair
            dequantized.add(out)
            continue
        if 'domain = "' in rest or op == "QuantizeLinear" or op in ("Shape", "Size"):
            continue
        if op == "DequantizeLinear" or (reads and op in MOVES):
            dequantized.add(out)
        elif reads:
            dequantized.add(out)
            candidates.append(out)
    counted = set(candidates)
    live = {}
    for out in reversed(outs):  # readers come after their inputs
        if out in counted:
            live[out] = out in returned or any(
                op not in ("Shape", "Size") and (r not in counted or live[r])
                for r, op in readers[out])
    return sum(live.values())


def check(opt, tr, f, tmp):
    """One file: (QuantizeLinear before, after, float ops left, exit code,
    first error), or None when it does not import. A .mlir file is taken as
    the onnx level."""
    m = f
    if not f.endswith(".mlir"):
        m = os.path.join(tmp, "m.mlir")
        if run([tr, "--import-onnx", f, "-o", m])[0]:
            return None
    q = 'onnx.node "QuantizeLinear"'
    text = open(m).read()
    before = text.count(q)
    cmd = [opt, m] + (["--split-input-file"] if "// -----" in text else [])
    # The route npc compile takes: onnx-fold-constants, onnx-fuse-qdq.
    route = ["--onnx-fold-constants", "--onnx-fuse-qdq"]
    _, fused, _ = run(cmd + route)
    rc, _, err = run(cmd + route + ["--npc-convert-onnx-to-qg"])
    first = [l for l in err.splitlines() if "error:" in l][:1]
    return (before, fused.count(q), float_ops_left(fused), rc, first[0] if first else "")


# An error that says where: a node by name and op type, or a graph input or
# output by name.
NAMED = re.compile(r"error: (node '[^']*' \(\w+\)|graph (input|output) ')")


# Refusal families by their first error's wording (the first that matches):
# the ones the conversion's own QDQ fusion words, then the rest.
FAMILIES = [
    ("a reader of a float operator's output, or a graph output that is one",
     r"is the float output of"),
    ("a constant of a higher rank than the activation", r"higher rank than"),
    ("a Div by other than a positive float scalar", r"only division by a positive"),
    ("a QuantizeLinear per channel after a float operator",
     r"QuantizeLinear after (it|a function) must be per tensor|requantization must be per tensor"),
    ("an operand not from a DequantizeLinear", r"must come from a DequantizeLinear"),
    ("a table that cannot be made", r"lookup table needs|not finite|16-bit table"),
    ("a chain's or activation's input", r"must be a dequantized activation"),
]


def family(message):
    for name, pattern in FAMILIES:
        if re.search(pattern, message):
            return name
    return "other (the operators' own checks)"


def per_file(check, files, jobs):
    """(file, check(file, tmp)) for each of `files`, `jobs` at once, each
    with a temporary directory `tmp` of its own."""
    def one(f):
        with tempfile.TemporaryDirectory() as tmp:
            return f, check(f, tmp)

    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        return list(pool.map(one, files))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "build", "bin"))
    ap.add_argument("-j", type=int, default=2, help="files checked at once")
    ap.add_argument("--summary", action="store_true",
                    help="print counts and the files that differ, not a row per file")
    ap.add_argument("--errors", action="store_true",
                    help="with --summary, the refused files by their first error's family")
    ap.add_argument("files", nargs="+")
    a = ap.parse_args()
    opt, tr = os.path.join(a.bin, "npc-opt"), os.path.join(a.bin, "npc-translate")
    results = per_file(lambda f, tmp: check(opt, tr, f, tmp), a.files, a.j)
    if not a.summary:
        print("| file | QuantizeLinear before | after | float ops left | converts |")
        print("|---|---|---|---|---|")
    counts, families = collections.Counter(), collections.Counter()
    for f, r in results:
        if r is None:
            counts["do not import"] += 1
            if not a.summary:
                print(f"| {os.path.basename(f)} | import failed | | | |")
            continue
        before, after, left, rc, error = r
        if rc == 0:
            counts["convert, fused whole" if left == 0 else "convert, float ops left"] += 1
        elif rc != 1:
            counts["crashed"] += 1
            print("crashed:", f, rc)
        else:
            counts["refused"] += 1
            families[family(error)] += 1
            if not NAMED.search(error):
                counts["refused, the error names no node"] += 1
                print("names no node:", f, error)
        if not a.summary:
            print(f"| {os.path.basename(f)} | {before} | {after} | {left} | "
                  f"{'yes' if rc == 0 else 'no'} |")
    if a.summary:
        for k in ("do not import", "crashed", "refused", "refused, the error names no node",
                  "convert, fused whole", "convert, float ops left"):
            print(f"{k}: {counts[k]}")
        if a.errors:
            for name, n in families.most_common():
                print(f"  refused, {name}: {n}")
    bad = ("do not import", "crashed", "refused, the error names no node")
    return 1 if any(counts[k] for k in bad) else 0


if __name__ == "__main__":
    sys.exit(main())
