#!/usr/bin/python3
"""Runs ONNX's quantized-op conformance tests through `npc reference`.

  run_conformance.py --npc build/bin/npc --work DIR [--data /usr/share/libonnx-testdata/data/node]

For each test data set, converts input_K.pb to .npy, runs
`npc reference model.onnx -i input_0.npy --bind <input K name>=input_K.npy ... -o out.npy`
and requires out.npy to equal output_0.pb exactly (dtype, shape and bytes).
Prints a line per data set and `conformance: N passed, M failed`; exits 1 if any failed.
"""
import argparse
import glob
import os
import subprocess
import sys

import numpy as np
import onnx
from onnx import numpy_helper

TESTS = ['test_qlinearconv', 'test_qlinearmatmul_2D', 'test_qlinearmatmul_3D',
         'test_convinteger_with_padding', 'test_convinteger_without_padding', 'test_basic_convinteger',
         'test_matmulinteger', 'test_quantizelinear', 'test_quantizelinear_axis',
         'test_dequantizelinear', 'test_dequantizelinear_axis']


def load_pb(path):
    t = onnx.TensorProto()
    with open(path, 'rb') as f:
        t.ParseFromString(f.read())
    return numpy_helper.to_array(t)


def run_case(npc, model, input_names, case, work):
    """Returns (ok, detail) for one test_data_set directory."""
    os.makedirs(work, exist_ok=True)
    cmd = [npc, 'reference', model]
    for k, pb in enumerate(sorted(glob.glob(os.path.join(case, 'input_*.pb')),
                                  key=lambda p: int(p.rsplit('_', 1)[1][:-3]))):
        npy = os.path.join(work, f'input_{k}.npy')
        np.save(npy, load_pb(pb))
        cmd += ['-i', npy] if k == 0 else ['--bind', f'{input_names[k]}={npy}']
    out = os.path.join(work, 'out.npy')
    if os.path.exists(out):
        os.remove(out)
    cmd += ['-o', out]
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        return False, 'npc timed out'
    if r.returncode != 0:
        msg = (r.stderr.strip() or r.stdout.strip()).splitlines()
        return False, f'npc exit {r.returncode}: {msg[-1] if msg else "(no output)"}'
    try:
        actual = np.load(out)
    except (OSError, ValueError) as e:
        return False, f'unreadable output: {e}'
    expected = load_pb(os.path.join(case, 'output_0.pb'))
    if actual.dtype != expected.dtype or actual.shape != expected.shape:
        return False, f'expected {expected.dtype}{list(expected.shape)}, got {actual.dtype}{list(actual.shape)}'
    if actual.tobytes() != expected.tobytes():
        diff = np.flatnonzero(actual.reshape(-1) != expected.reshape(-1))
        i = diff[0] if diff.size else 0
        return False, (f'{diff.size}/{expected.size} elements differ, first at flat index {i}: '
                       f'expected {expected.reshape(-1)[i]}, got {actual.reshape(-1)[i]}')
    return True, f'{expected.dtype}{list(expected.shape)} identical'


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--npc', required=True)
    ap.add_argument('--work', required=True)
    ap.add_argument('--data', default='/usr/share/libonnx-testdata/data/node')
    args = ap.parse_args()

    passed = failed = 0
    for test in TESTS:
        model = os.path.join(args.data, test, 'model.onnx')
        if not os.path.exists(model):
            print(f'{test}: MISSING {model}')
            failed += 1
            continue
        g = onnx.load(model).graph
        inits = {i.name for i in g.initializer}
        input_names = [i.name for i in g.input if i.name not in inits]
        for case in sorted(glob.glob(os.path.join(args.data, test, 'test_data_set_*'))):
            label = f'{test}/{os.path.basename(case)}'
            ok, detail = run_case(args.npc, model, input_names, case, os.path.join(args.work, test, os.path.basename(case)))
            print(f'{label}: {"ok" if ok else "FAIL"}: {detail}', flush=True)
            passed, failed = passed + ok, failed + (not ok)
    print(f'conformance: {passed} passed, {failed} failed')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
