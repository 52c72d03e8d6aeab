#!/usr/bin/python3
"""Runs random quantized models through `npc reference` and onnxruntime and compares them.

  run_random.py --npc build/bin/npc --work DIR [--seed S] [--count N] [--kind K]... [--ort-no-opt]

onnxruntime runs as users run it, with its default graph optimizations (fused QDQ kernels).
--ort-no-opt runs the graph node by node in float instead. Both differ from npc only near
rounding ties (docs/semantics.md): on seeds 1-6 x 30 models, opt was 99.83-100% identical and
no-opt 99.83-100%, both within one step; a tie that flips early can grow in later layers.
Each model must be within --max-steps of onnxruntime on every element; the fraction of
identical elements over all models must reach --min-identical (a per-model fraction would
make a 3-element output fail on one legitimate tie).
Prints a line per model and `random-vs-ort: N passed, M failed`; exits 1 if any failed.
"""
import json
import os
import sys

import numpy as np

from common import RUN_ORT, run, suite_parser
from compare_npy import compare, run_suite
import gen_models  # noqa: E402 (common puts test/gen on the path)


def check(name, models, outs, args):
    """Runs one model through onnxruntime and npc; returns (ok, line, stats or None)."""
    model, inp = os.path.join(models, name + '.onnx'), os.path.join(models, name + '.input.npy')
    with open(os.path.join(models, name + '.json')) as f:
        meta = json.load(f)
    npc_out, ort_out = os.path.join(outs, name + '.npc.npy'), os.path.join(outs, name + '.ort.npy')
    for path in (npc_out, ort_out):          # never compare a stale result
        if os.path.exists(path):
            os.remove(path)
    err = run(['node', RUN_ORT, model, ort_out, inp] + (['--no-opt'] if args.ort_no_opt else []), args.timeout)
    if err:
        return False, f'{name}: onnxruntime failed: {err}', None
    err = run([args.npc, 'reference', model, '-i', inp, '-o', npc_out], args.timeout)
    if err:
        return False, f'{name}: npc failed: {err}', None
    try:
        expected, actual = np.load(ort_out), np.load(npc_out)
    except (OSError, ValueError) as e:
        return False, f'{name}: unreadable output: {e}', None
    return compare(expected, actual, meta['output_scale'], args.max_steps, 0.0, name)


def main():
    ap = suite_parser(__doc__, gen_models.KINDS, 5, min_identical=True)
    ap.add_argument('--ort-no-opt', action='store_true', help='run onnxruntime node by node (no fusion)')
    args = ap.parse_args()

    models = os.path.join(args.work, 'models')
    outs = os.path.join(args.work, 'out')
    os.makedirs(outs, exist_ok=True)
    names = gen_models.generate(models, args.seed, args.count, args.kind or list(gen_models.KINDS))

    return run_suite(names, lambda name: check(name, models, outs, args), args.min_identical, 'random-vs-ort')


if __name__ == '__main__':
    sys.exit(main())
