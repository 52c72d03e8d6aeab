#!/usr/bin/python3
"""Hand-written QDQ clusters that onnx-fuse-qdq states for the conversion, against onnxruntime.

  run_fusion_cases.py --npc build/bin/npc --work DIR

Each is a cluster the route refused once (after step (4), docs/import.md "History")
and converts now: a MaxPool that is also a graph output read by a SiLU or a
PRelu, a lone Relu of int8 codes read by a Conv and returned, a Sigmoid read by
a MatMul and returned, a lone Relu of int8 codes whose DequantizeLinear omits
its zero point, a MaxPool of such uint8 codes read by a Sigmoid and a Conv.
Every one must convert (a refusal fails here), give onnxruntime's outputs
within one step of their quantization grid (run_generated_qdq.py's check: a
random input over the first QuantizeLinear's range, `npc reference` and
onnxruntime node by node) and, compiled for the chip, the reference's bytes
on the executor (`npc verify`). Prints a line per case and exits 1 on any
failure.
"""
import argparse
import os
import sys
import types

import numpy as np
import onnx
from onnx import TensorProto as T
from onnx import helper as h
from onnx import numpy_helper as nh

import run_generated_qdq


def f32(v):
    return np.array(v, np.float32)


def u8(v):
    return np.array(v, np.uint8)


def s8(v):
    return np.array(v, np.int8)


def model(nodes, consts, outputs, xshape=(1, 2, 6, 6)):
    inits = [nh.from_array(np.asarray(v), k) for k, v in consts.items()]
    g = h.make_graph(nodes, 'g', [h.make_tensor_value_info('x', T.FLOAT, list(xshape))],
                     [h.make_tensor_value_info(o, T.FLOAT, None) for o in outputs], inits)
    return h.make_model(g, opset_imports=[h.make_opsetid('', 13)])


def qdq(x, s, z, out):
    """x -> QuantizeLinear -> DequantizeLinear -> out (z None: omitted)."""
    zs = [z] if z else []
    return [h.make_node('QuantizeLinear', [x, s] + zs, [out + '_q']),
            h.make_node('DequantizeLinear', [out + '_q', s] + zs, [out])]


def cases():
    w = s8(np.random.RandomState(1).randint(-5, 6, (3, 2, 1, 1)))
    w2 = s8(np.random.RandomState(2).randint(-8, 9, (6, 4)))
    conv = [h.make_node('DequantizeLinear', ['w', 'sw', 'zw'], ['wd'])]
    wconsts = dict(w=w, sw=f32(0.1), zw=s8(0))
    pool = h.make_node('MaxPool', ['xd'], ['p'], kernel_shape=[2, 2])
    yield 'maxpool returned, SiLU of it', model(
        qdq('x', 's', 'z', 'xd') + [pool, h.make_node('Sigmoid', ['p'], ['g']),
                                     h.make_node('Mul', ['p', 'g'], ['m'])] + qdq('m', 'sy', 'zy', 'y'),
        dict(s=f32(0.05), z=u8(128), sy=f32(0.03), zy=u8(20)), ['y', 'p'])
    yield 'maxpool returned, PRelu of it', model(
        qdq('x', 's', 'z', 'xd') + [pool, h.make_node('PRelu', ['p', 'sl'], ['m'])]
        + qdq('m', 'sy', 'zy', 'y'),
        dict(s=f32(0.05), z=u8(128), sy=f32(0.04), zy=u8(100), sl=f32(0.25)), ['y', 'p'])
    yield 'lone Relu returned, read by a Conv', model(
        qdq('x', 's', 'z', 'xd') + [h.make_node('Relu', ['xd'], ['r'])] + conv
        + [h.make_node('Conv', ['r', 'wd'], ['c'])] + qdq('c', 'sy', 'zy', 'y'),
        dict(s=f32(0.05), z=s8(-3), sy=f32(0.05), zy=s8(0), **wconsts), ['y', 'r'])
    yield 'Sigmoid returned, read by a MatMul', model(
        qdq('x', 's', 'z', 'xd') + [h.make_node('Sigmoid', ['xd'], ['g']),
                                     h.make_node('DequantizeLinear', ['w', 'sw', 'zw'], ['wd']),
                                     h.make_node('MatMul', ['g', 'wd'], ['c'])] + qdq('c', 'sy', 'zy', 'y'),
        dict(s=f32(0.05), z=s8(0), w=w2, sw=f32(0.05), zw=s8(0), sy=f32(0.02), zy=s8(0)),
        ['y', 'g'], xshape=(2, 6))
    yield 'lone Relu of int8 codes without a zero point', model(
        [h.make_node('QuantizeLinear', ['x', 's', 'z'], ['xq']),
         h.make_node('DequantizeLinear', ['xq', 's'], ['xd']),
         h.make_node('Relu', ['xd'], ['r'])] + conv + [h.make_node('Conv', ['r', 'wd'], ['c'])]
        + qdq('c', 'sy', 'zy', 'y'),
        dict(s=f32(0.05), z=s8(0), sy=f32(0.05), zy=s8(0), **wconsts), ['y'])
    yield 'maxpool of uint8 codes without a zero point, Sigmoid, Conv', model(
        qdq('x', 's', None, 'xd') + [pool, h.make_node('Sigmoid', ['p'], ['g'])] + conv
        + [h.make_node('Conv', ['g', 'wd'], ['c'])] + qdq('c', 'sy', 'zy', 'y'),
        dict(s=f32(0.05), sy=f32(0.02), zy=u8(10), **wconsts), ['y'])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--npc', required=True)
    ap.add_argument('--work', required=True)
    ap.add_argument('--timeout', type=int, default=120)
    a = ap.parse_args()
    args = types.SimpleNamespace(npc=a.npc, work=a.work, seed=97, max_steps=1.0,
                                 max_grown_steps=32.0, timeout=a.timeout, no_compile=False)
    os.makedirs(os.path.join(a.work, 'models'), exist_ok=True)
    failed = 0
    all_cases = list(cases())
    for i, (what, m) in enumerate(all_cases):
        name = f'case_97_{i}'  # check() seeds the input by the number after '_'
        onnx.save(m, os.path.join(a.work, 'models', name + '.onnx'))
        ok, line, stats = run_generated_qdq.check(name, args)
        ok = ok and stats is not None  # a skip (a refusal) fails here
        failed += not ok
        print(f"{'ok' if ok else 'FAIL'}: {what}: {line}")
    print(f'fusion-cases-vs-ort: {len(all_cases) - failed} passed, {failed} failed')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
