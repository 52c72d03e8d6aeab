#!/usr/bin/python3
"""Compiles models for the chip, runs them on the executor and checks them against the reference.

  run_compiled.py --npc build/bin/npc --work DIR [--seed S] [--count N] [--target T]...
                  [--data /usr/share/libonnx-testdata/data/node]

For every random model (test/gen/gen_models.py, --count per kind) and every target (default:
northpole and small):
  npc compile MODEL.onnx -o M.npx --target T --report R.json
  npc run M.npx -i IN.npy -o RUN.npy --stats S.json
  npc reference MODEL.onnx -i IN.npy -o REF.npy
and requires
  (a) RUN.npy == REF.npy exactly (dtype, shape and bytes);
  (b) run as 3 pipelined frames: the report's summary cycles (latency) == the stats' cycles, its
      cycles_per_frame == the cycles the executor counts between frame completions,
      and the same layers (by name, in order) on both sides with equal start_cycle, end_cycle, cycles and macs;
  (c) RUN.npy within --max-steps quantization steps of onnxruntime-node (default graph
      optimizations, as run_random.py runs it; test/e2e/compare_npy.py's compare).
onnxruntime runs once per model, the reference once per model; both are shared by the targets.
Then the ONNX conformance node tests of run_conformance.py go through compile + run on every
target (inputs 1.. frozen with --bind), and the output must equal output_0.pb byte for byte.
Prints a line per case and `compiled-vs-reference: N passed, M failed`; exits 1 if any failed.
"""
import glob
import json
import os
import shlex
import sys

import numpy as np
import onnx

from common import RUN_ORT, run, suite_parser
from compare_npy import compare
import gen_models  # noqa: E402 (common puts test/gen on the path)
from run_conformance import TESTS, load_pb

LAYER_FIELDS = ('start_cycle', 'end_cycle', 'cycles', 'macs')


def fresh(*paths):
    """Removes stale results so that a failing step is never masked by an old file."""
    for p in paths:
        if os.path.exists(p):
            os.remove(p)


def load_npy(path):
    try:
        return np.load(path), None
    except (OSError, ValueError) as e:
        return None, f'unreadable {os.path.basename(path)}: {e}'


def same_bytes(expected, actual, what):
    """Returns None if the arrays are identical (dtype, shape, bytes), else a one-line reason."""
    if expected.dtype != actual.dtype or expected.shape != actual.shape:
        return (f'{what}: expected {expected.dtype}{list(expected.shape)}, '
                f'got {actual.dtype}{list(actual.shape)}')
    if expected.tobytes() != actual.tobytes():
        e, a = np.ascontiguousarray(expected).reshape(-1), np.ascontiguousarray(actual).reshape(-1)
        # Compare the bytes of each element, so that -0.0 vs 0.0 or NaN payloads also count.
        eb = e.view(np.uint8).reshape(e.size, -1)
        ab = a.view(np.uint8).reshape(a.size, -1)
        diff = np.flatnonzero(np.any(eb != ab, axis=1))
        i = int(diff[0]) if diff.size else 0
        return (f'{what}: {diff.size}/{e.size} elements differ, first at flat index {i}: '
                f'expected {e[i]!r}, got {a[i]!r}')
    return None


def layers_by_key(layers):
    """{(name, k): layer}: the k-th layer (from 1) with that name. One ONNX node can give several
    layers with its name (a Concat whose inputs need a rescale gives a `rescale` and a `concat`
    layer); report and stats both list layers in manifest order, so the keys pair them up."""
    seen, out = {}, {}
    for layer in layers:
        k = seen[layer['name']] = seen.get(layer['name'], 0) + 1
        out[(layer['name'], k)] = layer
    return out


def layer_label(key):
    return key[0] if key[1] == 1 else f'{key[0]}#{key[1]}'


def check_timing(report_path, stats_path):
    """Returns a list of reasons the report and the stats disagree (empty if they agree)."""
    try:
        with open(report_path) as f:
            report = json.load(f)
        with open(stats_path) as f:
            stats = json.load(f)
    except (OSError, ValueError) as e:
        return [f'unreadable report/stats: {e}']
    errs = []
    try:
        # The executor runs 3 pipelined frames: it measures the latency of the
        # first and the cycles between completions.
        rs = report['summary']
        if stats['frames'] != 3 or rs['cycles_per_frame'] != stats['cycles_per_frame'] \
                or rs['cycles'] != stats['cycles'] \
                or stats['total_cycles'] != stats['cycles'] + 2 * stats['cycles_per_frame']:
            errs.append(f'report cycles {rs["cycles"]} / cycles_per_frame {rs["cycles_per_frame"]}, '
                        f'stats cycles {stats["cycles"]} / cycles_per_frame {stats["cycles_per_frame"]} '
                        f'/ total {stats["total_cycles"]} over {stats["frames"]} frames')
        rl, sl = layers_by_key(report['layers']), layers_by_key(stats['layers'])
        if set(rl) != set(sl):
            errs.append(f'layers only in report: {[layer_label(k) for k in rl if k not in sl]}, '
                        f'only in stats: {[layer_label(k) for k in sl if k not in rl]}')
        for key in [k for k in rl if k in sl]:
            for field in LAYER_FIELDS:
                if rl[key][field] != sl[key][field]:
                    errs.append(f'layer {layer_label(key)}: report {field} {rl[key][field]}, stats {sl[key][field]}')
    except (KeyError, TypeError) as e:
        errs.append(f'report/stats lack a field: {e!r}')
    return errs


def compile_and_run(npc, model, target, work, run_inputs, binds, timeout):
    """npc compile + npc run. Returns (output array or None, reason or None, report path,
    stats path, the two commands as a shell line to reproduce the case)."""
    npx, out = os.path.join(work, 'model.npx'), os.path.join(work, 'run.npy')
    report, stats = os.path.join(work, 'report.json'), os.path.join(work, 'stats.json')
    fresh(npx, out, report, stats)
    compile_cmd = [npc, 'compile', model, '-o', npx, '--target', target, '--report', report] + binds
    run_cmd = [npc, 'run', npx, '-o', out, '--stats', stats, '--frames', '3'] + run_inputs
    repro = f'{shlex.join(compile_cmd)} && {shlex.join(run_cmd)}'
    err = run(compile_cmd, timeout)
    if err:
        return None, f'npc compile failed: {err}', report, stats, repro
    err = run(run_cmd, timeout)
    if err:
        return None, f'npc run failed: {err}', report, stats, repro
    actual, err = load_npy(out)
    return actual, err, report, stats, repro


def check_random(name, models, outs, targets, args):
    """Yields (ok, line) for one generated model on every target."""
    model, inp = os.path.join(models, name + '.onnx'), os.path.join(models, name + '.input.npy')
    with open(os.path.join(models, name + '.json')) as f:
        meta = json.load(f)
    work = os.path.join(outs, name)
    os.makedirs(work, exist_ok=True)
    ort_out, ref_out = os.path.join(work, 'ort.npy'), os.path.join(work, 'ref.npy')
    fresh(ort_out, ref_out)
    ort = ref = None
    ort_err = run(['node', RUN_ORT, model, ort_out, inp], args.timeout)
    if not ort_err:
        ort, ort_err = load_npy(ort_out)
    ref_err = run([args.npc, 'reference', model, '-i', inp, '-o', ref_out], args.timeout)
    if not ref_err:
        ref, ref_err = load_npy(ref_out)
    for target in targets:
        label = f'{name} [{target}]'
        twork = os.path.join(work, target)
        os.makedirs(twork, exist_ok=True)
        actual, err, report, stats, repro = compile_and_run(args.npc, model, target, twork, ['-i', inp], [],
                                                            args.timeout)
        if err:
            yield False, f'{label}: FAIL: {err}\n  reproduce: {repro}'
            continue
        errs = []
        if ref_err:
            errs.append(f'npc reference failed: {ref_err}')
        else:
            e = same_bytes(ref, actual, 'run vs reference')
            if e:
                errs.append(e)
        errs += check_timing(report, stats)
        if ort_err:
            errs.append(f'onnxruntime failed: {ort_err}')
            ort_line = 'ort n/a'
        else:
            ok, line, _ = compare(ort, actual, meta['output_scale'], args.max_steps, 0.0, 'vs ort')
            ort_line = line
            if not ok:
                errs.append(line)
        with open(stats) as f:
            cpf = json.load(f).get('cycles_per_frame')
        if errs:
            ref_cmd = shlex.join([args.npc, 'reference', model, '-i', inp, '-o', ref_out])
            ort_note = '' if ort_err or ort_line in errs else f' ({ort_line})'
            yield False, f'{label}: FAIL: ' + '; '.join(errs) + ort_note + f'\n  reproduce: {repro} && {ref_cmd}'
        else:
            yield True, f'{label}: ok: identical to reference, {cpf} cycles/frame, {ort_line}'


def check_conformance(test, targets, args):
    """Yields (ok, line) for every data set of one conformance test on every target."""
    model = os.path.join(args.data, test, 'model.onnx')
    if not os.path.exists(model):
        yield False, f'{test}: FAIL: MISSING {model}'
        return
    g = onnx.load(model).graph
    inits = {i.name for i in g.initializer}
    input_names = [i.name for i in g.input if i.name not in inits]
    for case in sorted(glob.glob(os.path.join(args.data, test, 'test_data_set_*'))):
        work = os.path.join(args.work, 'conformance', test, os.path.basename(case))
        os.makedirs(work, exist_ok=True)
        run_inputs, binds = [], []
        for k, pb in enumerate(sorted(glob.glob(os.path.join(case, 'input_*.pb')),
                                      key=lambda p: int(p.rsplit('_', 1)[1][:-3]))):
            npy = os.path.join(work, f'input_{k}.npy')
            np.save(npy, load_pb(pb))
            if k == 0:
                run_inputs += ['-i', npy]
            else:
                binds += ['--bind', f'{input_names[k]}={npy}']
        expected = load_pb(os.path.join(case, 'output_0.pb'))
        for target in targets:
            label = f'{test}/{os.path.basename(case)} [{target}]'
            twork = os.path.join(work, target)
            os.makedirs(twork, exist_ok=True)
            actual, err, report, stats, repro = compile_and_run(args.npc, model, target, twork, run_inputs, binds,
                                                         args.timeout)
            if not err:
                err = same_bytes(expected, actual, 'run vs output_0.pb')
            if not err:
                errs = check_timing(report, stats)
                err = '; '.join(errs) if errs else None
            if err:
                yield False, f'{label}: FAIL: {err}\n  reproduce: {repro}'
            else:
                yield True, f'{label}: ok: {expected.dtype}{list(expected.shape)} identical'


def main():
    ap = suite_parser(__doc__, gen_models.KINDS, 3, targets=True)
    ap.add_argument('--data', default='/usr/share/libonnx-testdata/data/node')
    ap.add_argument('--no-conformance', action='store_true', help='skip the ONNX conformance node tests')
    args = ap.parse_args()
    targets = args.target or ['northpole', 'small']

    models = os.path.join(args.work, 'models')
    outs = os.path.join(args.work, 'out')
    os.makedirs(outs, exist_ok=True)
    names = gen_models.generate(models, args.seed, args.count, args.kind or list(gen_models.KINDS))

    passed = failed = 0
    cases = [check_random(name, models, outs, targets, args) for name in names]
    if not args.no_conformance:
        cases += [check_conformance(test, targets, args) for test in TESTS]
    for case in cases:
        for ok, line in case:
            print(line, flush=True)
            passed, failed = passed + ok, failed + (not ok)
    print(f'compiled-vs-reference: {passed} passed, {failed} failed')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
