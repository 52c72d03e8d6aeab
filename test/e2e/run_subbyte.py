#!/usr/bin/python3
"""Sub-byte models (INT4/INT2 QDQ, QONNX) against onnxruntime, and compiled against the reference.

  run_subbyte.py --npc build/bin/npc --work DIR [--seed S] [--count N] [--kind K]... [--target T]...

For every model of test/gen/gen_models.py's SUBBYTE_KINDS (--count per kind):
  (1) onnxruntime-node (test/oracle/run_ort.js --no-opt: its QDQ fusions reject int4/int2) runs
      the model, or for qonnx_cnn its standard-ONNX twin (sidecar `ort_model`; onnxruntime has
      no QONNX Quant); `npc reference` runs the model itself; compare_npy.compare in output
      quantization steps: every element within --max-steps, and over all models together at
      least --min-identical identical (as run_random.py does). A model whose sidecar says
      `"oracle": false` skips (1).
  (2) for every target (default northpole and small): `npc compile --report` + `npc run --stats`
      must equal the reference byte for byte, and the report's timing must equal the stats'
      (run_compiled.check_timing: cycles_per_frame, and every layer's start/end/cycles/macs);
  (3) QDQ kinds: the report's operand_bits of the Conv/Gemm/MatMul layers, in order, must be
      max(activation bits, weight bits) of the generator's layers (sidecar `mac_layers`).

onnxruntime 1.30 workaround: its allocation planner reuses the buffer of a dead packed int4/int2
tensor for a later 8-bit (or int4) tensor of the same element count, which writes past the buffer
(silently wrong outputs, or a heap-corruption abort with the memory arena off; fixed upstream by
microsoft/onnxruntime#32611). The oracle therefore runs a copy of the model (<name>.ortrun.onnx
in DIR/out) in which every int4/int2 QuantizeLinear output is also read by one extra
DequantizeLinear at the very end of the graph (its scale is computed from the graph output), so
no sub-byte buffer is freed before the last node. This does not change the first output, which
is the one compared.

Prints a line per model, an aggregate line, and `subbyte: N passed, M failed`; exits 1 if any failed.
"""
import json
import os
import shlex
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

from common import HERE, RUN_ORT, run, suite_parser
from compare_npy import compare, run_suite
import gen_models  # noqa: E402 (common puts test/gen on the path)
from run_compiled import check_timing, compile_and_run, fresh, load_npy, same_bytes

SUBBYTE_TYPES = {21, 22, 25, 26}     # UINT4, INT4, UINT2, INT2
MAC_KINDS = ('conv2d', 'matmul')


def pin_subbyte_tensors(model):
    """Keeps every int4/int2 QuantizeLinear output alive until the end of the graph (see the
    module docstring). Returns the number of tensors pinned."""
    g = model.graph
    inits = {t.name: t for t in g.initializer}
    pinned = []
    for n in g.node:
        if n.op_type != 'QuantizeLinear':
            continue
        if len(n.input) > 2 and n.input[2]:
            et = inits[n.input[2]].data_type if n.input[2] in inits else None
        else:
            et = next((a.i for a in n.attribute if a.name == 'output_dtype'), TensorProto.UINT8)
        if et in SUBBYTE_TYPES:
            pinned.append(n.output[0])
    if not pinned:
        return 0
    out = g.output[0].name
    g.initializer.extend([numpy_helper.from_array(np.float32(0), 'pin_zero'),
                          numpy_helper.from_array(np.float32(1), 'pin_one')])
    # pin_scale = 0 * sum(output) + 1: available only once the output is.
    g.node.extend([helper.make_node('ReduceSum', [out], ['pin_sum'], name='pin_sum', keepdims=0),
                   helper.make_node('Mul', ['pin_sum', 'pin_zero'], ['pin_mul'], name='pin_mul'),
                   helper.make_node('Add', ['pin_mul', 'pin_one'], ['pin_scale'], name='pin_scale')])
    for i, t in enumerate(pinned):
        g.node.append(helper.make_node('DequantizeLinear', [t, 'pin_scale'], [f'pin_{i}'], name=f'pin_dq_{i}'))
        g.output.append(helper.make_tensor_value_info(f'pin_{i}', TensorProto.FLOAT, None))
    return len(pinned)


def oracle(name, models, work, meta, args):
    """onnxruntime vs npc reference. Returns (ok, line, stats or None, reference array or None)."""
    model, inp = os.path.join(models, name + '.onnx'), os.path.join(models, name + '.input.npy')
    ref_out = os.path.join(work, 'ref.npy')
    fresh(ref_out)
    ref_cmd = [args.npc, 'reference', model, '-i', inp, '-o', ref_out]
    err = run(ref_cmd, args.timeout)
    ref = None
    if not err:
        ref, err = load_npy(ref_out)
    if err:
        return False, f'npc reference failed: {err}\n  reproduce: {shlex.join(ref_cmd)}', None, None
    if not meta.get('oracle', True):
        return True, 'no oracle (sidecar oracle: false)', None, ref
    src = os.path.join(models, meta.get('ort_model') or name + '.onnx')
    pinned_model = os.path.join(work, name + '.ortrun.onnx')
    m = onnx.load(src)
    pin_subbyte_tensors(m)
    onnx.save(m, pinned_model)
    ort_out = os.path.join(work, 'ort.npy')
    fresh(ort_out)
    ort_cmd = ['node', RUN_ORT, pinned_model, ort_out, inp, '--no-opt']
    err = run(ort_cmd, args.timeout)
    ort = None
    if not err:
        ort, err = load_npy(ort_out)
    if err:
        return False, f'onnxruntime failed: {err}\n  reproduce: {shlex.join(ort_cmd)}', None, ref
    ok, line, st = compare(ort, ref, meta['output_scale'], args.max_steps, 0.0, 'vs ort')
    if not ok:
        line += (f'\n  reproduce: {shlex.join(ort_cmd)} && {shlex.join(ref_cmd)} && '
                 f'{sys.executable} {os.path.join(HERE, "compare_npy.py")} {ort_out} {ref_out} '
                 f'--scale {meta["output_scale"]!r} --min-identical 0')
    return ok, line, st, ref


def check_operand_bits(report_path, meta):
    """The MAC layers' operand_bits in the report against the generator's layer precisions."""
    if 'mac_layers' not in meta:
        return []
    bits = {t: gen_models.QTYPE[t][3] for t in gen_models.QTYPE}
    want = [max(bits[a], bits[w]) for a, w in (s.split('x') for s in meta['mac_layers'])]
    with open(report_path) as f:
        got = [layer['operand_bits'] for layer in json.load(f)['layers'] if layer['kind'] in MAC_KINDS]
    return [] if got == want else [f'report operand_bits of the MAC layers {got}, expected {want} '
                                   f'(activations x weights: {meta["mac_layers"]})']


def check_model(name, models, outs, targets, args):
    """Returns (ok, line, oracle stats or None)."""
    inp = os.path.join(models, name + '.input.npy')
    model = os.path.join(models, name + '.onnx')
    with open(os.path.join(models, name + '.json')) as f:
        meta = json.load(f)
    work = os.path.join(outs, name)
    os.makedirs(work, exist_ok=True)
    ok, oline, st, ref = oracle(name, models, work, meta, args)
    parts, fails = [oline], [] if ok else [oline]
    for target in targets:
        twork = os.path.join(work, target)
        os.makedirs(twork, exist_ok=True)
        actual, err, report, stats, repro = compile_and_run(args.npc, model, target, twork, ['-i', inp], [],
                                                            args.timeout)
        errs = [err] if err else []
        if not err:
            if ref is not None:
                e = same_bytes(ref, actual, 'run vs reference')
                if e:
                    errs.append(e)
            errs += check_timing(report, stats)
            errs += check_operand_bits(report, meta)
        if errs:
            fails.append(f'[{target}] ' + '; '.join(errs) + f'\n  reproduce: {repro}')
        else:
            with open(stats) as f:
                parts.append(f'{target} identical to reference, {json.load(f)["cycles_per_frame"]} cycles/frame')
    if fails:
        return False, f'{name}: FAIL: ' + '\n  '.join(fails), st
    return True, f'{name}: ok: ' + '; '.join(parts), st


def main():
    ap = suite_parser(__doc__, gen_models.SUBBYTE_KINDS, 3, targets=True, min_identical=True)
    args = ap.parse_args()
    targets = args.target or ['northpole', 'small']

    models = os.path.join(args.work, 'models')
    outs = os.path.join(args.work, 'out')
    os.makedirs(outs, exist_ok=True)
    names = gen_models.generate(models, args.seed, args.count, args.kind or list(gen_models.SUBBYTE_KINDS))

    return run_suite(names, lambda name: check_model(name, models, outs, targets, args), args.min_identical, 'subbyte')


if __name__ == '__main__':
    sys.exit(main())
