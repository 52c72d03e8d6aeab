#!/usr/bin/python3
"""Compares two .npy arrays in quantization steps.

  compare_npy.py expected.npy actual.npy [--scale S] [--max-steps 1] [--min-identical 0.99] [--label NAME]

Prints `NAME: identical N/M (P%), max diff K steps`. A step is --scale for float arrays (the
output's quantization scale: a dequantized output moves in multiples of it) and 1 for integer
arrays. Exits 1 if shapes or dtypes differ, any element is more than --max-steps steps off, or
fewer than --min-identical of the elements are bit-identical.
"""
import argparse
import sys

import numpy as np


def compare(expected, actual, scale=None, max_steps=1.0, min_identical=0.99, label='compare'):
    """Returns (ok, line, stats) with stats = dict(identical, total, max_steps)."""
    if expected.dtype != actual.dtype or expected.shape != actual.shape:
        line = (f'{label}: MISMATCH expected {expected.dtype}{list(expected.shape)}, '
                f'got {actual.dtype}{list(actual.shape)}')
        return False, line, dict(identical=0, total=expected.size, max_steps=float('inf'))
    if expected.dtype.kind == 'f':
        same = (expected == actual) | (np.isnan(expected) & np.isnan(actual))
        diff = np.abs(expected.astype(np.float64) - actual.astype(np.float64)) / (scale or 1.0)
        diff[same] = 0                       # also covers inf == inf and NaN == NaN
        diff[np.isnan(diff)] = np.inf        # NaN against a number
    else:
        diff = np.abs(expected.astype(np.int64) - actual.astype(np.int64)).astype(np.float64)
        same = diff == 0
    identical, total = int(same.sum()), int(same.size)
    worst = float(diff.max()) if diff.size else 0.0
    # Dequantized values of the same grid differ by whole steps up to float rounding.
    worst_r = round(worst, 3)
    frac = identical / total if total else 1.0
    ok = worst <= max_steps + 1e-3 and frac >= min_identical
    line = f'{label}: identical {identical}/{total} ({100 * frac:.2f}%), max diff {worst_r:g} steps'
    if not ok:
        line += '  FAIL'
    return ok, line, dict(identical=identical, total=total, max_steps=worst)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('expected')
    ap.add_argument('actual')
    ap.add_argument('--scale', type=float, default=None, help='step size of float arrays (default 1)')
    ap.add_argument('--max-steps', type=float, default=1.0)
    ap.add_argument('--min-identical', type=float, default=0.99)
    ap.add_argument('--label', default=None)
    args = ap.parse_args()
    ok, line, _ = compare(np.load(args.expected), np.load(args.actual), args.scale, args.max_steps,
                          args.min_identical, args.label or args.actual)
    print(line)
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())


def run_suite(names, check, min_identical, label):
    """Runs check(name) -> (ok, line, stats) over models, prints each line, the
    aggregate identical fraction over all elements (which must reach
    min_identical) and `LABEL: N passed, M failed`. Returns the exit code."""
    passed = failed = identical = total = 0
    worst = 0.0
    for name in names:
        ok, line, st = check(name)
        print(line, flush=True)
        passed, failed = passed + ok, failed + (not ok)
        if st:
            identical, total, worst = identical + st['identical'], total + st['total'], max(worst, st['max_steps'])
    if total:
        print(f'aggregate: identical {identical}/{total} ({100 * identical / total:.2f}%), '
              f'max diff {round(worst, 3):g} steps')
        if identical < min_identical * total:
            print(f'aggregate identical fraction is below {min_identical:.0%}')
            failed += 1
    print(f'{label}: {passed} passed, {failed} failed')
    return 1 if failed else 0
