#!/usr/bin/python3
"""Generates random quantized ONNX models (INT8, INT4/INT2, QONNX) for comparing npc with onnxruntime.

  gen_models.py --out DIR [--seed S] [--count N] [--kind KIND]... [--list-kinds]

Writes DIR/<name>.onnx, DIR/<name>.input.npy and DIR/<name>.json (sidecar with the output's
quantization: {"output_scale", "output_zero_point", "output_dtype", "kind", ...}).
A model depends only on (seed, kind, index), so selecting kinds does not change the others.
KINDS are the INT8 kinds (what run_random.py and run_compiled.py generate by default);
SUBBYTE_KINDS are the INT4/INT2 QDQ and QONNX kinds of run_subbyte.py. For qonnx_cnn the
sidecar's `ort_model` names DIR/<name>.ort.onnx, the same network in standard ONNX for
onnxruntime (which has no QONNX Quant).

Scales are calibrated on the model's own input: while building, a numpy fake-quant simulation
runs the graph, and each QuantizeLinear gets its scale from the range of the tensor it
quantizes. Outputs therefore spread over the quantized range instead of saturating.
"""
import argparse
import json
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

KINDS = {
    'qdq_cnn': 'QDQ CNN: Conv/Relu/Clip/Add/Concat/pools/Gemm/MatMul between DQ and Q',
    'qdq_mlp': 'QDQ MLP: Gemm/MatMul layers with Relu and residual Adds',
    'qop_cnn': 'QOperator: QLinearConv/MaxPool/QLinearMatMul, or ConvInteger/MatMulInteger',
}
QRANGE = {np.uint8: (0, 255), np.int8: (-128, 127)}


def quantize(v, scale, zp, dtype):
    """QuantizeLinear: round half to even, saturate. scale/zp broadcast against v."""
    lo, hi = QRANGE[dtype]
    return np.clip(np.rint(np.float32(v) / np.float32(scale)) + zp, lo, hi).astype(dtype)


def dequantize(q, scale, zp):
    return ((q.astype(np.int32) - zp) * np.float32(scale)).astype(np.float32)


class QT:
    """A quantized tensor in the graph: its name, quantization and simulated dequantized value."""

    def __init__(self, name, scale, zp, dtype, value):
        self.name, self.scale, self.zp, self.dtype, self.value = name, scale, zp, dtype, value


class Graph:
    def __init__(self, rng, act_dtype):
        self.rng, self.act = rng, act_dtype
        self.nodes, self.inits, self.ops = [], [], []
        self.count = 0

    def fresh(self, prefix):
        self.count += 1
        return f'{prefix}_{self.count}'

    def const(self, arr, prefix):
        name = self.fresh(prefix)
        self.inits.append(numpy_helper.from_array(np.asarray(arr), name))
        return name

    def node(self, op, inputs, **attrs):
        out = self.fresh(op.lower())
        self.nodes.append(helper.make_node(op, inputs, [out], name=out, **attrs))
        self.ops.append(op)
        return out

    # --- quantization -------------------------------------------------------------------
    def qparams(self, v, dtype=None, exact=False):
        """Asymmetric per-tensor (scale, zp) covering v's range (and 0). Unless exact, the range is
        sometimes shrunk so that a few values saturate, which the comparison should also cover."""
        dtype = dtype or self.act
        lo, hi = min(0.0, float(v.min())), max(0.0, float(v.max()))
        if not exact and self.rng.random() < 0.3:
            lo, hi = lo * 0.85, hi * 0.85
        scale = np.float32(max(hi - lo, 1e-4) / 255.0)
        qmin, qmax = QRANGE[dtype]
        zp = int(np.clip(round(qmin - lo / float(scale)), qmin, qmax))
        return scale, zp

    def q(self, name, value, scale=None, zp=None, dtype=None, calib=None):
        """QuantizeLinear(name) with the given parameters, or calibrated on calib (else value)."""
        dtype = dtype or self.act
        if scale is None:
            scale, zp = self.qparams(value, dtype) if calib is None else self.qparams(calib, dtype, exact=True)
        out = self.node('QuantizeLinear', [name, self.const(np.float32(scale), 'scale'),
                                           self.const(np.array(zp, dtype), 'zp')])
        return QT(out, np.float32(scale), zp, dtype, dequantize(quantize(value, scale, zp, dtype), scale, zp))

    def dq(self, t):
        """A fresh DequantizeLinear per consumer, as onnxruntime's quantizer emits."""
        return self.node('DequantizeLinear', [t.name, self.const(np.float32(t.scale), 'scale'),
                                              self.const(np.array(t.zp, t.dtype), 'zp')])

    def dq_const(self, q, scale, axis=None):
        """DequantizeLinear of an integer initializer (weights or int32 bias), zp 0."""
        scale = np.asarray(scale, np.float32)
        ins = [self.const(q, 'w'), self.const(scale, 'wscale'),
               self.const(np.zeros(scale.shape, q.dtype), 'wzp')]
        attrs = {} if axis is None else {'axis': axis}
        return self.node('DequantizeLinear', ins, **attrs)

    def weights(self, w, axis, per_channel):
        """Symmetric int8 weights, per channel along `axis` or per tensor."""
        if per_channel:
            red = tuple(i for i in range(w.ndim) if i != axis)
            amax = np.abs(w).max(axis=red)
        else:
            amax = np.abs(w).max()
        scale = (np.maximum(amax, 1e-6) / 127.0).astype(np.float32)
        bshape = [1] * w.ndim
        if per_channel:
            bshape[axis] = -1
        s = scale.reshape(bshape)
        wq = np.clip(np.rint(w / s), -127, 127).astype(np.int8)
        return wq, scale, (wq.astype(np.float32) * s).astype(np.float32)

    def bias(self, b, x_scale, w_scale):
        """int32 bias with scale x_scale * w_scale, zp 0 (what QLinearConv requires)."""
        bscale = (np.float32(x_scale) * np.asarray(w_scale, np.float32)).astype(np.float32)
        bscale = np.broadcast_to(bscale, b.shape).copy()
        bq = np.rint(b / bscale).astype(np.int32)
        return bq, bscale, (bq * bscale).astype(np.float32)

    def activation(self, name, v):
        """Optionally Relu or Clip (min/max as initializers) after a Conv/Gemm/MatMul.
        Returns (name, value, calibration range for the following QuantizeLinear)."""
        r = self.rng.random()
        if np.mean(v > 0) < 0.3:
            return name, v, None     # Relu would zero (nearly) everything: a worthless test
        if r < 0.4:
            return self.node('Relu', [name]), np.maximum(v, 0), None
        if r < 0.6:
            lo = 0.0 if self.rng.random() < 0.6 else float(np.quantile(v, 0.1))
            hi = max(float(np.quantile(v, self.rng.uniform(0.7, 0.95))), lo + 1e-3)
            out = self.node('Clip', [name, self.const(np.float32(lo), 'min'), self.const(np.float32(hi), 'max')])
            # With min < 0, keep the quantized range 5% wider than [min, max]: onnxruntime 1.30's
            # optimizer corrupts the graph ("two nodes with same node name") when the Clip is
            # almost but not exactly redundant with the QuantizeLinear's range.
            calib = None if lo >= 0 else np.array([lo - 0.05 * (hi - lo), hi + 0.05 * (hi - lo)])
            return out, np.clip(v, np.float32(lo), np.float32(hi)), calib
        return name, v, None

    def model(self, inputs, outputs, opset, doc):
        graph = helper.make_graph(self.nodes, doc, inputs, outputs, self.inits)
        m = helper.make_model(graph, opset_imports=[helper.make_opsetid('', opset)], producer_name='npc-gen')
        onnx.checker.check_model(m, full_check=True)
        return m


# --- numpy reference for the float ops (only used to calibrate scales) ----------------------
def conv_out(size, k, s, d, pb, pe):
    return (size + pb + pe - ((k - 1) * d + 1)) // s + 1


def windows(xp, kh, kw, sh, sw, dh, dw, ho, wo):
    """Yields (i, j, xp[..., window tap (i, j) at every output position])."""
    for i in range(kh):
        for j in range(kw):
            yield i, j, xp[:, :, i * dh:i * dh + sh * (ho - 1) + 1:sh, j * dw:j * dw + sw * (wo - 1) + 1:sw]


def np_conv(x, w, b, strides, dils, pads, group):
    n, c, h, wd = x.shape
    m, cg, kh, kw = w.shape
    ho, wo = conv_out(h, kh, strides[0], dils[0], pads[0], pads[2]), conv_out(wd, kw, strides[1], dils[1], pads[1], pads[3])
    xp = np.pad(x.astype(np.float64), ((0, 0), (0, 0), (pads[0], pads[2]), (pads[1], pads[3])))
    out = np.zeros((n, m, ho, wo))
    mg = m // group
    for i, j, win in windows(xp, kh, kw, *strides, *dils, ho, wo):
        for g in range(group):
            out[:, g * mg:(g + 1) * mg] += np.einsum('nchw,mc->nmhw', win[:, g * cg:(g + 1) * cg], w[g * mg:(g + 1) * mg, :, i, j])
    if b is not None:
        out += b.reshape(1, -1, 1, 1)
    return out.astype(np.float32)


def np_pool(x, kind, k, strides, pads, count_include_pad=0):
    h, w = x.shape[2:]
    ho, wo = conv_out(h, k[0], strides[0], 1, pads[0], pads[2]), conv_out(w, k[1], strides[1], 1, pads[1], pads[3])
    padw = ((0, 0), (0, 0), (pads[0], pads[2]), (pads[1], pads[3]))
    if kind == 'max':
        xp = np.pad(x, padw, constant_values=-np.inf)
        return np.max([win for _, _, win in windows(xp, *k, *strides, 1, 1, ho, wo)], axis=0).astype(np.float32)
    total = sum(win for _, _, win in windows(np.pad(x.astype(np.float64), padw), *k, *strides, 1, 1, ho, wo))
    if count_include_pad:
        return (total / (k[0] * k[1])).astype(np.float32)
    cnt = sum(win for _, _, win in windows(np.pad(np.ones_like(x, np.float64), padw), *k, *strides, 1, 1, ho, wo))
    return (total / cnt).astype(np.float32)


# --- QDQ building blocks ----------------------------------------------------------------------
def conv_params(rng, c, h, w, shape_preserving=False, m=None):
    """Random Conv attributes valid for a [*, c, h, w] input, with m output channels if given.
    Returns (m, group, k, strides, dilations, pads, auto_pad)."""
    fixed_m = m
    while True:
        r = rng.random()
        if fixed_m is not None:
            m = fixed_m
            divs = [gg for gg in range(1, c + 1) if c % gg == 0 and m % gg == 0]
            group = c if c == m and c > 1 and r < 0.3 else int(rng.choice(divs))
        elif c > 1 and r < 0.25:                   # depthwise, channel multiplier 1 or 2
            group = c
            m = c * int(rng.integers(1, 3))
        elif r < 0.4:                              # grouped: group divides c and m
            divs = [gg for gg in range(2, c + 1) if c % gg == 0]
            group = int(rng.choice(divs)) if divs else 1
            m = group * int(rng.integers(1, 4))
        else:
            group, m = 1, int(rng.integers(2, 13))
        if shape_preserving:
            k = [int(rng.choice([1, 3])), int(rng.choice([1, 3]))]
            s = [1, 1]
            d = [int(rng.integers(1, 3)), int(rng.integers(1, 3))]
            pads = [(k[0] - 1) * d[0] // 2, (k[1] - 1) * d[1] // 2] * 2
            return m, group, k, s, d, pads, None
        k = [int(rng.integers(1, 4)), int(rng.integers(1, 4))]
        small = min(h, w) < 6                      # don't let the feature map vanish
        s = [1, 1] if small else [int(rng.integers(1, 3)), int(rng.integers(1, 3))]
        d = [1, 1] if small else [int(rng.integers(1, 3)), int(rng.integers(1, 3))]
        eff = [(k[i] - 1) * d[i] + 1 for i in range(2)]
        if d == [1, 1] and rng.random() < 0.25:
            # onnxruntime rejects SAME_* with dilation ("Dilation not supported for AutoPadType").
            # SAME_UPPER: output = ceil(in / stride), the odd padding element goes at the end.
            outs = [-(-h // s[0]), -(-w // s[1])]
            tot = [max(0, (outs[i] - 1) * s[i] + eff[i] - (h, w)[i]) for i in range(2)]
            pads = [tot[0] // 2, tot[1] // 2, tot[0] - tot[0] // 2, tot[1] - tot[1] // 2]
            auto_pad = 'SAME_UPPER'
        else:
            pads = [int(rng.integers(0, e)) if e > 1 else 0 for e in eff * 2]   # asymmetric
            auto_pad = None
        if conv_out(h, k[0], s[0], d[0], pads[0], pads[2]) < 1 or conv_out(w, k[1], s[1], d[1], pads[1], pads[3]) < 1:
            continue
        return m, group, k, s, d, pads, auto_pad


def qdq_conv(g, x, shape_preserving=False, m=None):
    """DQ(x) -> Conv(DQ(w), DQ(bias)) -> [Relu|Clip] -> Q."""
    rng = g.rng
    _, c, h, w = x.value.shape
    m, group, k, s, d, pads, auto_pad = conv_params(rng, c, h, w, shape_preserving, m)
    wf = rng.normal(0, 1.0 / np.sqrt(c // group * k[0] * k[1]), (m, c // group, *k)).astype(np.float32)
    wq, wscale, wv = g.weights(wf, 0, True)
    bq, bscale, bv = g.bias(rng.normal(0, 0.2, m) * x.value.std(), x.scale, wscale)
    attrs = dict(kernel_shape=k, strides=s, dilations=d, group=group)
    attrs.update(auto_pad=auto_pad) if auto_pad else attrs.update(pads=pads)
    out = g.node('Conv', [g.dq(x), g.dq_const(wq, wscale, 0), g.dq_const(bq, bscale, 0)], **attrs)
    v = np_conv(x.value, wv, bv, s, d, pads, group)
    out, v, calib = g.activation(out, v)
    return g.q(out, v, calib=calib)


def qdq_pool(g, x):
    rng = g.rng
    h, w = x.value.shape[2:]
    while True:
        k = [int(rng.integers(1, 4)), int(rng.integers(1, 4))]
        s = [int(rng.integers(1, 3)), int(rng.integers(1, 3))]
        pads = [int(rng.integers(0, kk)) for kk in k * 2]    # ONNX: pad < kernel
        if conv_out(h, k[0], s[0], 1, pads[0], pads[2]) >= 1 and conv_out(w, k[1], s[1], 1, pads[1], pads[3]) >= 1 and k != [1, 1]:
            break
    if rng.random() < 0.5:
        # MaxPool commutes with quantization: the quantizer keeps the input's scale and zp.
        out = g.node('MaxPool', [g.dq(x)], kernel_shape=k, strides=s, pads=pads)
        return g.q(out, np_pool(x.value, 'max', k, s, pads), x.scale, x.zp)
    cip = int(rng.integers(0, 2))
    out = g.node('AveragePool', [g.dq(x)], kernel_shape=k, strides=s, pads=pads, count_include_pad=cip)
    return g.q(out, np_pool(x.value, 'avg', k, s, pads, cip))


def qdq_add(g, a, b):
    out = g.node('Add', [g.dq(a), g.dq(b)])
    return g.q(out, a.value + b.value)


def qdq_residual(g, x):
    """x + conv(x), or conv(x) + conv(x): Add of two same-shape branches with different scales."""
    c = x.value.shape[1]
    a = qdq_conv(g, x, shape_preserving=True, m=c)
    b = x if g.rng.random() < 0.5 else qdq_conv(g, a, shape_preserving=True, m=c)
    return qdq_add(g, a, b)


def qdq_concat(g, x):
    """Channel Concat of branches with different scales (conv, conv or 3x3 same MaxPool)."""
    a = qdq_conv(g, x, shape_preserving=True)
    if g.rng.random() < 0.5:
        b = qdq_conv(g, x, shape_preserving=True)
    else:
        out = g.node('MaxPool', [g.dq(x)], kernel_shape=[3, 3], strides=[1, 1], pads=[1, 1, 1, 1])
        b = g.q(out, np_pool(x.value, 'max', [3, 3], [1, 1], [1, 1, 1, 1]), x.scale, x.zp)
    branches = [a, b] if g.rng.random() < 0.5 else [b, a]
    out = g.node('Concat', [g.dq(t) for t in branches], axis=1)
    return g.q(out, np.concatenate([t.value for t in branches], axis=1))


def qdq_flatten(g, x):
    """To [N, K]: Flatten or Reshape, keeping the input's scale and zp (as the quantizer does)."""
    n = x.value.shape[0]
    v = x.value.reshape(n, -1)
    if g.rng.random() < 0.5:
        out = g.node('Flatten', [g.dq(x)], axis=1)
    else:
        out = g.node('Reshape', [g.dq(x), g.const(np.array([n, -1], np.int64), 'shape')])
    return g.q(out, v, x.scale, x.zp)


def qdq_dense(g, x, n_out, act=True):
    """Gemm(transB=1, per-channel or per-tensor weights, int32 bias) or MatMul (no bias)."""
    rng = g.rng
    k = x.value.shape[-1]
    wf = rng.normal(0, 1.0 / np.sqrt(k), (n_out, k)).astype(np.float32)
    per_channel = bool(rng.random() < 0.6)
    if rng.random() < 0.6:
        wq, wscale, wv = g.weights(wf, 0, per_channel)
        bq, bscale, bv = g.bias(rng.normal(0, 0.2, n_out) * x.value.std(), x.scale, wscale)
        out = g.node('Gemm', [g.dq(x), g.dq_const(wq, wscale, 0 if per_channel else None),
                              g.dq_const(bq, bscale, 0)], transB=1)
        v = x.value @ wv.T + bv
    else:
        wq, wscale, wv = g.weights(wf.T.copy(), 1, per_channel)     # [K, N], per output column
        out = g.node('MatMul', [g.dq(x), g.dq_const(wq, wscale, 1 if per_channel else None)])
        v = x.value @ wv
    calib = None
    if act:
        out, v, calib = g.activation(out, v.astype(np.float32))
    return g.q(out, v.astype(np.float32), calib=calib)


def float_input(g, shape, name='input'):
    """Random float input, QuantizeLinear'd per tensor. Returns (value_info, input array, QT)."""
    rng = g.rng
    x = (rng.normal(0, 1, shape) * rng.uniform(0.5, 4) + rng.uniform(-0.5, 0.5)).astype(np.float32)
    return helper.make_tensor_value_info(name, TensorProto.FLOAT, shape), x, g.q(name, x)


def float_output(g, t):
    """Graph output: DequantizeLinear of the last quantized tensor."""
    g.dq(t)
    g.nodes[-1].output[0] = 'output'
    return helper.make_tensor_value_info('output', TensorProto.FLOAT, t.value.shape), \
        dict(output_scale=float(t.scale), output_zero_point=int(t.zp), output_dtype='float32',
             quant_dtype=np.dtype(t.dtype).name)


def gen_qdq_cnn(rng):
    g = Graph(rng, np.uint8 if rng.random() < 0.6 else np.int8)
    shape = [1, int(rng.integers(1, 5)), int(rng.choice([5, 7, 9, 11, 13, 15])), int(rng.choice([5, 7, 9, 11, 13]))]
    vi, x_in, x = cnn_body(g, rng, shape, first8=False)
    head = rng.random()
    if head < 0.35:
        out = g.node('GlobalAveragePool', [g.dq(x)])
        x = qdq_flatten(g, g.q(out, x.value.mean(axis=(2, 3), keepdims=True)))
        x = qdq_dense(g, x, int(rng.integers(4, 21)), act=False)
    elif head < 0.7:
        x = qdq_flatten(g, x)
        x = qdq_dense(g, x, int(rng.integers(4, 25)), act=bool(rng.random() < 0.5))
        if rng.random() < 0.5:
            x = qdq_dense(g, x, int(rng.integers(4, 17)), act=False)
    # else: the 4-D feature map is the output
    ovi, meta = float_output(g, x)
    return g.model([vi], [ovi], 13, 'qdq_cnn'), x_in, meta, g.ops


def gen_qdq_mlp(rng):
    g = Graph(rng, np.uint8 if rng.random() < 0.6 else np.int8)
    k = int(rng.integers(4, 41))
    vi, x_in, x = float_input(g, [int(rng.choice([1, 1, 3, 5])), k])
    layers = int(rng.integers(2, 5))
    for i in range(layers):
        n_out = k if rng.random() < 0.5 else int(rng.integers(4, 33))
        y = qdq_dense(g, x, n_out, act=bool(i < layers - 1 or rng.random() < 0.3))
        x = qdq_add(g, y, x) if y.value.shape == x.value.shape and rng.random() < 0.6 else y
        k = n_out
    ovi, meta = float_output(g, x)
    return g.model([vi], [ovi], 13, 'qdq_mlp'), x_in, meta, g.ops


# --- QOperator form -------------------------------------------------------------------------
def qop_weights(rng, shape, wdtype, axis=None):
    """Random integer weights, quantized per channel along `axis` (else per tensor).
    Returns (wq, scale[n], zp[n]); int8 zero points are mostly 0, uint8 ones around 128."""
    n = shape[axis] if axis is not None else 1
    if wdtype == np.int8:
        zp = np.zeros(n, np.int8) if rng.random() < 0.7 else rng.integers(-10, 11, n).astype(np.int8)
    else:
        zp = rng.integers(100, 156, n).astype(np.uint8)
    bshape = [1] * len(shape)
    if axis is not None:
        bshape[axis] = -1
    lo, hi = QRANGE[wdtype]
    wq = np.clip(np.rint(rng.normal(0, 40, shape)) + zp.reshape(bshape), lo, hi).astype(wdtype)
    fan_in = np.prod(shape) / shape[0] if len(shape) > 2 else shape[0]
    scale = (rng.uniform(0.5, 1.5, n) / 40 / np.sqrt(fan_in)).astype(np.float32)
    return wq, scale, zp


def w_value(wq, scale, zp, axis):
    bshape = [1] * wq.ndim
    if axis is not None:
        bshape[axis] = -1
    return (wq.astype(np.float32) - zp.reshape(bshape).astype(np.float32)) * scale.reshape(bshape)


def scalar_or_vec(a):
    """Per-tensor parameters as scalars, per-channel ones as 1-D."""
    return a if a.size > 1 else a.reshape(())


def weight_dtype(g):
    # onnxruntime has no int8-activation x uint8-weight QLinearConv/QLinearMatMul kernel.
    return np.int8 if g.act == np.int8 or g.rng.random() < 0.5 else np.uint8


def qlinear_out(g, op, ins, v, **attrs):
    """Appends y_scale/y_zero_point calibrated on v; returns the QLinear op's QT."""
    yscale, yzp = g.qparams(v)
    ins = ins[:6] + [g.const(np.float32(yscale), 'scale'), g.const(np.array(yzp, g.act), 'zp')] + ins[6:]
    out = g.node(op, ins, **attrs)
    return QT(out, yscale, yzp, g.act, dequantize(quantize(v, yscale, yzp, g.act), yscale, yzp))


def x_params(g, x):
    return [x.name, g.const(np.float32(x.scale), 'scale'), g.const(np.array(x.zp, x.dtype), 'zp')]


def qlinear_conv(g, x):
    rng = g.rng
    _, c, h, w = x.value.shape
    m, group, k, s, d, pads, auto_pad = conv_params(rng, c, h, w)
    axis = 0 if rng.random() < 0.7 else None
    wq, wscale, wzp = qop_weights(rng, [m, c // group, *k], weight_dtype(g), axis)
    bq, _, bv = g.bias(rng.normal(0, 0.2, m) * x.value.std(), x.scale, wscale)
    wv = w_value(wq, np.broadcast_to(wscale, m), np.broadcast_to(wzp, m), 0)
    attrs = dict(kernel_shape=k, strides=s, dilations=d, group=group)
    attrs.update(auto_pad=auto_pad) if auto_pad else attrs.update(pads=pads)
    ins = x_params(g, x) + [g.const(wq, 'w'), g.const(scalar_or_vec(wscale), 'wscale'),
                            g.const(scalar_or_vec(wzp), 'wzp'), g.const(bq, 'bias')]
    return qlinear_out(g, 'QLinearConv', ins, np_conv(x.value, wv, bv, s, d, pads, group), **attrs)


def qlinear_matmul(g, x, n_out):
    """QLinearMatMul with b quantized per tensor or per column."""
    axis = 1 if g.rng.random() < 0.5 else None
    wq, wscale, wzp = qop_weights(g.rng, [x.value.shape[-1], n_out], weight_dtype(g), axis)
    v = x.value @ w_value(wq, wscale, wzp, axis)
    ins = x_params(g, x) + [g.const(wq, 'w'), g.const(scalar_or_vec(wscale), 'wscale'),
                            g.const(scalar_or_vec(wzp), 'wzp')]
    return qlinear_out(g, 'QLinearMatMul', ins, v)


def int_output(g, v):
    g.nodes[-1].output[0] = 'output'
    return helper.make_tensor_value_info('output', TensorProto.INT32, v.shape), \
        dict(output_scale=1.0, output_zero_point=0, output_dtype='int32', quant_dtype='int32')


def gen_qop_cnn(rng):
    g = Graph(rng, np.uint8 if rng.random() < 0.7 else np.int8)
    variant = str(rng.choice(['qlinear', 'qlinear', 'convinteger', 'matmulinteger']))
    opset = int(rng.choice([10, 11, 13]))
    if variant == 'qlinear':
        shape = [1, int(rng.integers(1, 5)), int(rng.choice([6, 7, 9, 12])), int(rng.choice([5, 8, 11]))]
        vi, x_in, x = float_input(g, shape)
        for _ in range(int(rng.integers(1, 3))):
            x = qlinear_conv(g, x)
        if opset >= 12 and min(x.value.shape[2:]) >= 2:
            # MaxPool on 8-bit tensors needs opset 12; quantization commutes with max.
            k, s = [2, 2], [int(rng.integers(1, 3))] * 2
            pads = [0, 0, int(rng.integers(0, 2)), int(rng.integers(0, 2))]
            out = g.node('MaxPool', [x.name], kernel_shape=k, strides=s, pads=pads)
            x = QT(out, x.scale, x.zp, x.dtype, np_pool(x.value, 'max', k, s, pads))
        n = x.value.shape[0]
        if rng.random() < 0.5:
            out = g.node('Flatten', [x.name], axis=1)
        else:
            out = g.node('Reshape', [x.name, g.const(np.array([n, -1], np.int64), 'shape')])
        x = qlinear_matmul(g, QT(out, x.scale, x.zp, x.dtype, x.value.reshape(n, -1)), int(rng.integers(4, 25)))
        ovi, meta = float_output(g, x)
    elif variant == 'convinteger':
        # The int32 accumulator is the output. onnxruntime only takes a per-tensor w_zero_point.
        shape = [1, int(rng.integers(1, 5)), int(rng.choice([5, 7, 10])), int(rng.choice([6, 9]))]
        vi, x_in, x = float_input(g, shape)
        m, group, k, s, d, pads, auto_pad = conv_params(rng, *shape[1:])
        wq, _, wzp = qop_weights(rng, [m, shape[1] // group, *k], np.int8 if rng.random() < 0.5 else np.uint8)
        attrs = dict(kernel_shape=k, strides=s, dilations=d, group=group)
        attrs.update(auto_pad=auto_pad) if auto_pad else attrs.update(pads=pads)
        ins = [x.name, g.const(wq, 'w'), g.const(np.array(x.zp, x.dtype), 'zp'), g.const(wzp.reshape(()), 'wzp')]
        g.node('ConvInteger', ins, **attrs)
        xq = np.rint(x.value / x.scale)      # == q(x) - zp
        ovi, meta = int_output(g, np_conv(xq, wq.astype(np.float64) - float(wzp[0]), None, s, d, pads, group))
    else:
        shape = [int(rng.choice([1, 3])), int(rng.integers(4, 33))] if rng.random() < 0.7 else \
            [2, int(rng.integers(1, 4)), int(rng.integers(4, 33))]
        vi, x_in, x = float_input(g, shape)
        axis = 1 if rng.random() < 0.5 else None        # b's zero point per column or per tensor
        wq, _, wzp = qop_weights(rng, [shape[-1], int(rng.integers(2, 17))], np.int8 if rng.random() < 0.5 else np.uint8, axis)
        ins = [x.name, g.const(wq, 'w'), g.const(np.array(x.zp, x.dtype), 'zp'), g.const(scalar_or_vec(wzp), 'wzp')]
        g.node('MatMulInteger', ins)
        ovi, meta = int_output(g, np.rint(x.value / x.scale) @ (wq.astype(np.float64) - wzp.astype(np.float64)))
    return g.model([vi], [ovi], opset, 'qop_cnn'), x_in, meta, g.ops


GENERATORS = {'qdq_cnn': gen_qdq_cnn, 'qdq_mlp': gen_qdq_mlp, 'qop_cnn': gen_qop_cnn}


# === Sub-byte kinds: INT4/UINT4 (opset 21), INT2/UINT2 (opset 25), QONNX Quant ==============
# onnx 1.12 knows neither the types nor these opsets: integer initializers of 4 and 2 bits are
# written as raw TensorProtos (packed densely, element i at bit (i * bits) % 8 of byte
# i * bits // 8, low bits first) and the models are not run through onnx.checker (onnxruntime,
# which loads every model, checks them instead).

SUBBYTE_KINDS = {
    'qdq4_cnn': 'opset 21 QDQ CNN: int4/uint4 activations, int4 per-channel weights, first/last layer sometimes int8',
    'qdq4_mlp': 'opset 21 QDQ MLP: Gemm/MatMul at int4/uint4, first/last layer sometimes int8',
    'qdq2_mlp': 'opset 25 QDQ MLP: int2/uint2 weights, int4 or int8 activations, some layers fully 2-bit',
    'qdq2_cnn': 'opset 25 QDQ CNN: int2/uint2 weights, int4 or int8 activations, some layers fully 2-bit',
    'qonnx_cnn': 'QONNX Quant (2-8 bits, narrow) on weights and activations; also writes <name>.ort.onnx',
}
ALL_KINDS = {**KINDS, **SUBBYTE_KINDS}

# name: (qmin, qmax, ONNX data_type, bits)
QTYPE = {
    'uint8': (0, 255, TensorProto.UINT8, 8), 'int8': (-128, 127, TensorProto.INT8, 8),
    'uint4': (0, 15, 21, 4), 'int4': (-8, 7, 22, 4),
    'uint2': (0, 3, 25, 2), 'int2': (-2, 1, 26, 2),
}
# IR version written with each opset (onnxruntime 1.30 accepts these).
IR_VERSION = {13: 8, 21: 10, 25: 11}


def storage_type(bits, signed):
    """The ONNX type a b-bit value is stored in: the next of 2, 4 or 8 bits."""
    width = 2 if bits <= 2 else 4 if bits <= 4 else 8
    return ('int' if signed else 'uint') + str(width)


def pack_bits(values, bits):
    """Dense little-endian packing of `bits`-bit two's-complement values (ONNX INT4/INT2 raw_data)."""
    v = (np.asarray(values, np.int64).reshape(-1) & ((1 << bits) - 1)).astype(np.uint8)
    per = 8 // bits
    v = np.concatenate([v, np.zeros((-v.size) % per, np.uint8)]).reshape(-1, per)
    return (v.astype(np.uint32) << (np.arange(per, dtype=np.uint32) * bits)).sum(axis=1).astype(np.uint8).tobytes()


def int_tensor(arr, qtype, name):
    """An integer initializer of `qtype` (a QTYPE name)."""
    lo, hi, code, bits = QTYPE[qtype]
    a = np.asarray(arr)
    assert a.size == 0 or (int(a.min()) >= lo and int(a.max()) <= hi), (qtype, a.min(), a.max())
    if bits == 8:
        return numpy_helper.from_array(a.astype(np.int8 if lo < 0 else np.uint8), name)
    t = TensorProto()
    t.name, t.data_type = name, code
    t.dims.extend(a.shape)
    t.raw_data = pack_bits(a, bits)
    return t


def sb_quantize(v, scale, zp, qtype, qmin=None, qmax=None):
    """QuantizeLinear / Quant as integers (int64): float32 division, round half to even, saturate."""
    lo, hi = QTYPE[qtype][:2]
    lo, hi = (lo if qmin is None else qmin), (hi if qmax is None else qmax)
    return np.clip(np.rint(np.float32(v) / np.float32(scale)) + zp, lo, hi).astype(np.int64)


def sb_dequantize(q, scale, zp):
    return (np.float32(q - zp) * np.float32(scale)).astype(np.float32)


class Retry(Exception):
    """The drawn model is not a useful test (e.g. its output collapsed); draw again."""


def spread(q, qmin, qmax):
    """(distinct values, saturated fraction) of a quantized tensor."""
    q = np.asarray(q)
    return len(np.unique(q)), float(np.mean((q == qmin) | (q == qmax)))


def check_spread(q, qmin, qmax):
    """Outputs must use several levels and not mostly saturate; returns the sidecar fields."""
    levels, sat = spread(q, qmin, qmax)
    want = min(4 if qmax - qmin <= 3 else 6, q.size)
    if levels < want or sat > 0.5:
        raise Retry(f'output spread {levels} levels, {sat:.0%} saturated')
    return dict(output_levels=levels, output_saturated=round(sat, 3))


class SBGraph(Graph):
    """A QDQ graph whose quantized types are QTYPE names, chosen per layer by a policy, so the
    INT8 builders (qdq_conv, qdq_dense, ...) build mixed-precision networks unchanged:
      act_policy(g, value) -> type of the next QuantizeLinear that calibrates its own scale;
      w_policy(g) -> type of the next weights. force_act_bits / force_w (one-shot) override them.
    A QuantizeLinear that keeps its input's parameters (MaxPool, Flatten) keeps its type too."""

    def __init__(self, rng, opset, act_policy, w_policy):
        super().__init__(rng, None)
        self.opset, self.act_policy, self.w_policy = opset, act_policy, w_policy
        self.force_act_bits = self.force_w = None
        self.last_dq = None          # the QT most recently DequantizeLinear'd
        self.pending_w = None        # (wq array, type, zp) from weights(), for dq_const
        self.mac_layers = []         # (input type, weight type) of every Conv/Gemm/MatMul

    def qconst(self, arr, qtype, prefix):
        name = self.fresh(prefix)
        self.inits.append(int_tensor(arr, qtype, name))
        return name

    def pick_act(self, v):
        if self.force_act_bits:
            bits, self.force_act_bits = self.force_act_bits, None
            signed = not (float(np.min(v)) >= 0 and self.rng.random() < 0.7)
            return storage_type(bits, signed)
        return self.act_policy(self, v)

    def qparams(self, v, dtype=None, exact=False):
        """Asymmetric (or, for signed types, sometimes symmetric) per-tensor parameters.
        The range is widened by a random 0-4%: v lies on the grid of the inputs' scales, and a
        scale of exactly max(v) / levels would make many results exact rounding ties (ratios
        like 15 / max_acc), where npc and onnxruntime legitimately round either way. Real
        calibration sees float activations, which do not sit on that grid."""
        qmin, qmax = QTYPE[dtype][:2]
        widen = self.rng.uniform(1.0, 1.04)
        lo, hi = min(0.0, float(np.min(v))) * widen, max(0.0, float(np.max(v))) * widen
        if not exact and self.rng.random() < 0.3:
            lo, hi = lo * 0.85, hi * 0.85
        if qmin < 0 and lo < 0 and self.rng.random() < 0.3:
            amax = max(-lo, hi, 1e-4)
            return np.float32(amax / qmax), 0
        scale = np.float32(max(hi - lo, 1e-4) / (qmax - qmin))
        zp = int(np.clip(round(qmin - lo / float(scale)), qmin, qmax))
        return scale, zp

    def q(self, name, value, scale=None, zp=None, dtype=None, calib=None):
        if dtype is None:
            dtype = self.last_dq.dtype if scale is not None else self.pick_act(value if calib is None else calib)
        if scale is None:
            scale, zp = self.qparams(value, dtype) if calib is None else self.qparams(calib, dtype, exact=True)
        ins, attrs = [name, self.const(np.float32(scale), 'scale')], {}
        if zp == 0 and self.opset >= 21 and self.rng.random() < 0.4:
            attrs['output_dtype'] = QTYPE[dtype][2]     # opset 21: the type without a zero point
        else:
            ins.append(self.qconst(np.array(zp), dtype, 'zp'))
        out = self.node('QuantizeLinear', ins, **attrs)
        qv = sb_quantize(value, scale, zp, dtype)
        return QT(out, np.float32(scale), zp, dtype, sb_dequantize(qv, scale, zp))

    def dq(self, t):
        self.last_dq = t
        ins = [t.name, self.const(np.float32(t.scale), 'scale')]
        if not (t.zp == 0 and self.rng.random() < 0.3):   # the zero point is optional
            ins.append(self.qconst(np.array(t.zp), t.dtype, 'zp'))
        return self.node('DequantizeLinear', ins)

    def weights(self, w, axis, per_channel):
        """Weights of the policy's type: signed with zp 0, unsigned with a mid zero point
        (uint2 sometimes 1: levels -1..2). Scales put the extreme weight at the top level."""
        if self.force_w:
            wt, self.force_w = self.force_w, None
        else:
            wt = self.w_policy(self)
        qmin, qmax, _, bits = QTYPE[wt]
        top = {8: 127.0, 4: 7.0, 2: 1.5}[bits]
        zp = 0 if qmin < 0 else {8: 128, 4: 8, 2: 2 if self.rng.random() < 0.7 else 1}[bits]
        if per_channel:
            red = tuple(i for i in range(w.ndim) if i != axis)
            amax = np.abs(w).max(axis=red)
        else:
            amax = np.abs(w).max()
        scale = (np.maximum(amax, 1e-6) / top).astype(np.float32)
        bshape = [1] * w.ndim
        if per_channel:
            bshape[axis] = -1
        s = scale.reshape(bshape)
        wq = np.clip(np.rint(w / s) + zp, qmin, qmax).astype(np.int64)
        self.pending_w = (wq, wt, zp)
        return wq, scale, ((wq - zp).astype(np.float32) * s).astype(np.float32)

    def dq_const(self, q, scale, axis=None):
        if self.pending_w is None or q is not self.pending_w[0]:
            return super().dq_const(q, scale, axis)       # the int32 bias
        wq, wt, zp = self.pending_w
        self.pending_w = None
        self.mac_layers.append((self.last_dq.dtype, wt))
        scale = np.asarray(scale, np.float32)
        ins = [self.qconst(wq, wt, 'w'), self.const(scale, 'wscale'),
               self.qconst(np.full(scale.shape, zp), wt, 'wzp')]
        attrs = {} if axis is None else {'axis': axis}
        return self.node('DequantizeLinear', ins, **attrs)

    def model(self, inputs, outputs, opset, doc):
        graph = helper.make_graph(self.nodes, doc, inputs, outputs, self.inits)
        m = helper.make_model(graph, opset_imports=[helper.make_opsetid('', opset)], producer_name='npc-gen')
        m.ir_version = IR_VERSION[opset]
        return m


def sb_output(g, t):
    """Graph output: DequantizeLinear of the last quantized tensor; checks its spread."""
    g.dq(t)
    g.nodes[-1].output[0] = 'output'
    qmin, qmax = QTYPE[t.dtype][:2]
    meta = dict(output_scale=float(t.scale), output_zero_point=int(t.zp), output_dtype='float32',
                quant_dtype=t.dtype, **check_spread(sb_quantize(t.value, t.scale, t.zp, t.dtype), qmin, qmax))
    return helper.make_tensor_value_info('output', TensorProto.FLOAT, t.value.shape), meta


def layer_meta(g):
    """Sidecar summary of the MAC layers' precisions."""
    bits = [(QTYPE[a][3], QTYPE[w][3]) for a, w in g.mac_layers]
    return dict(mac_layers=[f'{a}x{w}' for a, w in g.mac_layers],
                fully_2bit_layers=sum(1 for a, w in bits if a == w == 2))


def act_policy_4(base):
    """qdq4: mostly 4-bit (uint4 for non-negative tensors, else the model's base type), 10% 8-bit."""
    def pick(g, v):
        r = g.rng.random()
        nonneg = float(np.min(v)) >= 0
        if r < 0.1:
            return 'uint8' if nonneg or g.rng.random() < 0.5 else 'int8'
        if nonneg and r < 0.7:
            return 'uint4'
        return base if r < 0.85 else ('uint4' if base == 'int4' else 'int4')
    return pick


def act_policy_2(base_bits):
    """qdq2: the base width (4 or 8), a third of the tensors at 2 bits."""
    def pick(g, v):
        bits = 2 if g.rng.random() < 0.35 else base_bits
        return storage_type(bits, not (float(np.min(v)) >= 0 and g.rng.random() < 0.7))
    return pick


def w_policy_2(g):
    return 'int2' if g.rng.random() < 0.6 else 'uint2'


def cnn_body(g, rng, shape, first8):
    """Float input and 2-4 blocks (conv, residual, concat, pool); `first8`
    keeps the first block's activations and weights at 8 bits."""
    if first8:
        g.force_act_bits, g.force_w = 8, 'int8'
    vi, x_in, x = float_input(g, shape)
    for _ in range(int(rng.integers(2, 5))):
        r = rng.random()
        if r < 0.4:
            x = qdq_conv(g, x)
        elif r < 0.6:
            x = qdq_residual(g, x)
        elif r < 0.75:
            x = qdq_concat(g, x)
        elif min(x.value.shape[2:]) >= 2:
            x = qdq_pool(g, x)
    g.force_w = None
    return vi, x_in, x


def sb_cnn_head(g, rng, x, last8):
    """GAP + dense, flatten + dense(s), or a final 1x1-or-3x3 conv; the last MAC layer is
    forced to int8 weights and an 8-bit output when last8."""
    head = rng.random()
    if head < 0.35:
        out = g.node('GlobalAveragePool', [g.dq(x)])
        x = qdq_flatten(g, g.q(out, x.value.mean(axis=(2, 3), keepdims=True)))
        if last8:
            g.force_act_bits, g.force_w = 8, 'int8'
        return qdq_dense(g, x, int(rng.integers(4, 21)), act=False)
    if head < 0.7:
        x = qdq_flatten(g, x)
        two = rng.random() < 0.5
        if last8 and not two:
            g.force_act_bits, g.force_w = 8, 'int8'
        x = qdq_dense(g, x, int(rng.integers(4, 25)), act=bool(rng.random() < 0.5))
        if two:
            if last8:
                g.force_act_bits, g.force_w = 8, 'int8'
            x = qdq_dense(g, x, int(rng.integers(4, 17)), act=False)
        return x
    if last8:
        g.force_act_bits, g.force_w = 8, 'int8'
    return qdq_conv(g, x, shape_preserving=True)


def gen_qdq4_cnn(rng):
    g = SBGraph(rng, 21, act_policy_4('uint4' if rng.random() < 0.5 else 'int4'), lambda g: 'int4')
    first8, last8 = bool(rng.random() < 0.5), bool(rng.random() < 0.5)
    shape = [1, int(rng.integers(1, 5)), int(rng.choice([5, 7, 9, 11, 13, 15])), int(rng.choice([5, 7, 9, 11, 13]))]
    vi, x_in, x = cnn_body(g, rng, shape, first8)
    x = sb_cnn_head(g, rng, x, last8)
    ovi, meta = sb_output(g, x)
    meta.update(layer_meta(g), first_int8=first8, last_int8=last8)
    return g.model([vi], [ovi], 21, 'qdq4_cnn'), x_in, meta, g.ops


def sb_mlp(g, rng, first8, last8):
    k = int(rng.integers(4, 41))
    if first8:
        g.force_act_bits, g.force_w = 8, 'int8'
    vi, x_in, x = float_input(g, [int(rng.choice([1, 1, 3, 5])), k])
    layers = int(rng.integers(2, 5))
    for i in range(layers):
        n_out = k if rng.random() < 0.5 else int(rng.integers(4, 33))
        if last8 and i == layers - 1:
            g.force_act_bits, g.force_w = 8, 'int8'
        y = qdq_dense(g, x, n_out, act=bool(i < layers - 1 or rng.random() < 0.3))
        x = qdq_add(g, y, x) if y.value.shape == x.value.shape and rng.random() < 0.6 else y
        k = n_out
    return vi, x_in, x


def gen_qdq4_mlp(rng):
    g = SBGraph(rng, 21, act_policy_4('uint4' if rng.random() < 0.5 else 'int4'), lambda g: 'int4')
    first8, last8 = bool(rng.random() < 0.5), bool(rng.random() < 0.5)
    vi, x_in, x = sb_mlp(g, rng, first8, last8)
    ovi, meta = sb_output(g, x)
    meta.update(layer_meta(g), first_int8=first8, last_int8=last8)
    return g.model([vi], [ovi], 21, 'qdq4_mlp'), x_in, meta, g.ops


def need_fully_2bit(g):
    meta = layer_meta(g)
    if not meta['fully_2bit_layers']:
        raise Retry('no layer with 2-bit activations and 2-bit weights')
    return meta


def gen_qdq2_mlp(rng):
    g = SBGraph(rng, 25, act_policy_2(4 if rng.random() < 0.5 else 8), w_policy_2)
    vi, x_in, x = sb_mlp(g, rng, False, False)
    ovi, meta = sb_output(g, x)
    meta.update(need_fully_2bit(g))
    return g.model([vi], [ovi], 25, 'qdq2_mlp'), x_in, meta, g.ops


def gen_qdq2_cnn(rng):
    g = SBGraph(rng, 25, act_policy_2(4 if rng.random() < 0.5 else 8), w_policy_2)
    shape = [1, int(rng.integers(1, 5)), int(rng.choice([5, 7, 9, 11, 13, 15])), int(rng.choice([5, 7, 9, 11, 13]))]
    vi, x_in, x = cnn_body(g, rng, shape, False)
    x = sb_cnn_head(g, rng, x, False)
    ovi, meta = sb_output(g, x)
    meta.update(need_fully_2bit(g))
    return g.model([vi], [ovi], 25, 'qdq2_cnn'), x_in, meta, g.ops


# --- QONNX ------------------------------------------------------------------------------------
QONNX_DOMAIN = 'qonnx.custom_op.general'


class QonnxGraph:
    """Builds a QONNX network and, in step, the same network in standard ONNX for onnxruntime:
    each Quant becomes QuantizeLinear + DequantizeLinear at its storage type (int2/int4/int8 or
    unsigned), followed by a Clip to the Quant's range when that is narrower than the storage
    type's (odd bit widths, narrow=1): the Clip acts on exact multiples of the scale, so the
    pair equals the Quant exactly. A Quant of a weight initializer is either converted the same
    way (2/4/8 bits, not narrow) or folded into fake-quantized float weights. Other nodes and
    float initializers are shared by both graphs."""

    def __init__(self, rng):
        self.rng = rng
        self.count = 0
        self.nodes, self.inits, self.ops = [], [], []       # QONNX model
        self.onodes, self.oinits = [], []                   # onnxruntime model
        self.ort_2bit = False
        self.quants = []        # sidecar: (what, bits, signed, narrow) per Quant

    def fresh(self, prefix):
        self.count += 1
        return f'{prefix}_{self.count}'

    def const(self, arr, prefix, ort=True):
        name = self.fresh(prefix)
        t = numpy_helper.from_array(np.asarray(arr), name)
        self.inits.append(t)
        if ort:
            self.oinits.append(t)
        return name

    def node(self, op, inputs, **attrs):
        out = self.fresh(op.lower())
        n = helper.make_node(op, inputs, [out], name=out, **attrs)
        self.nodes.append(n)
        self.onodes.append(n)
        self.ops.append(op)
        return out

    def quant(self, x, scale, zeropt, bits, signed, narrow, what, ort=True):
        """Quant(x) in the QONNX graph and, if ort, its Q/DQ(/Clip) form in the ORT graph;
        returns its output name (the same in both graphs)."""
        out = self.fresh('quant')
        scale = np.asarray(scale, np.float32)
        attrs = {}
        if signed != 1 or self.rng.random() < 0.5:
            attrs['signed'] = int(signed)
        if narrow or self.rng.random() < 0.5:
            attrs['narrow'] = int(narrow)
        if self.rng.random() < 0.5:
            attrs['rounding_mode'] = 'ROUND'
        ins = [x, self.const(scale, 'qscale', ort=False), self.const(np.float32(zeropt), 'zeropt', ort=False),
               self.const(np.float32(bits), 'bitwidth', ort=False)]
        self.nodes.append(helper.make_node('Quant', ins, [out], name=out, domain=QONNX_DOMAIN, **attrs))
        self.ops.append('Quant')
        self.quants.append(f'{what}:{"s" if signed else "u"}{bits}{"n" if narrow else ""}')
        if not ort:
            return out
        st = storage_type(bits, signed)
        self.ort_2bit |= QTYPE[st][3] == 2
        qmin, qmax = quant_range(bits, signed, narrow)
        axis = next((d for d, n in enumerate(scale.shape) if n > 1), None)
        oscale = scale.reshape(-1) if axis is not None else scale.reshape(())
        sname, zname = self.fresh('scale'), self.fresh('zp')
        self.oinits += [numpy_helper.from_array(oscale, sname),
                        int_tensor(np.full(oscale.shape, int(zeropt)), st, zname)]
        qa = {} if axis is None else {'axis': axis}
        qn, dn = self.fresh('quantizelinear'), self.fresh('dequantizelinear')
        exact = (qmin, qmax) == QTYPE[st][:2]
        self.onodes.append(helper.make_node('QuantizeLinear', [x, sname, zname], [qn], name=qn, **qa))
        self.onodes.append(helper.make_node('DequantizeLinear', [qn, sname, zname], [out if exact else dn],
                                            name=dn, **qa))
        if not exact:
            assert axis is None, 'narrowed per-channel Quants (weights) are folded instead'
            lo = np.float32(np.float32(qmin - int(zeropt)) * scale.reshape(()))
            hi = np.float32(np.float32(qmax - int(zeropt)) * scale.reshape(()))
            cn = self.fresh('clip')
            self.oinits += [numpy_helper.from_array(lo, cn + '_lo'), numpy_helper.from_array(hi, cn + '_hi')]
            self.onodes.append(helper.make_node('Clip', [dn, cn + '_lo', cn + '_hi'], [out], name=cn))
        return out

    def act(self, x, v, bits, signed, narrow, asym=False, shrink=False):
        """Quant of an activation calibrated on its simulated value v; returns (name, value, params)."""
        qmin, qmax = quant_range(bits, signed, narrow)
        widen = self.rng.uniform(1.0, 1.04)      # off the input grid (SBGraph.qparams)
        lo, hi = min(0.0, float(v.min())) * widen, max(0.0, float(v.max())) * widen
        if shrink:
            lo, hi = lo * 0.85, hi * 0.85
        if asym:
            scale = np.float32(max(hi - lo, 1e-4) / (qmax - qmin))
            zp = int(np.clip(round(qmin - lo / float(scale)), qmin, qmax))
        else:
            scale = np.float32(max(-lo, hi, 1e-4) / qmax)
            zp = 0
        out = self.quant(x, scale, zp, bits, signed, narrow, 'act')
        q = sb_quantize(v, scale, zp, storage_type(bits, signed), qmin, qmax)
        return out, sb_dequantize(q, scale, zp), (scale, zp, qmin, qmax, q)

    def weight(self, w, axis, bits, narrow):
        """Per-channel signed Quant of a float weight along `axis` (scale shaped [C,1,1,1] or
        [N,1] / [1,N]); returns (name, fake-quantized weights, scale vector)."""
        qmin, qmax = quant_range(bits, True, narrow)
        red = tuple(i for i in range(w.ndim) if i != axis)
        bshape = [1] * w.ndim
        bshape[axis] = -1
        scale = (np.maximum(np.abs(w).max(axis=red), 1e-6) / max(qmax, 1.5)).astype(np.float32).reshape(bshape)
        wq = sb_quantize(w, scale, 0, storage_type(bits, True), qmin, qmax)
        wv = sb_dequantize(wq, scale, 0)
        name = self.fresh('w')
        self.inits.append(numpy_helper.from_array(w, name))
        if (qmin, qmax) == QTYPE[storage_type(bits, True)][:2] and self.rng.random() < 0.6:
            self.oinits.append(numpy_helper.from_array(w, name))
            out = self.quant(name, scale, 0, bits, True, narrow, 'w')
        else:
            # Folded in the ORT graph: the fake-quantized float weights under the Quant's name.
            out = self.quant(name, scale, 0, bits, True, narrow, 'w', ort=False)
            self.oinits.append(numpy_helper.from_array(wv, out))
        return out, wv, scale.reshape(-1)

    def models(self, inputs, outputs, doc):
        graph = helper.make_graph(self.nodes, doc, inputs, outputs, self.inits)
        m = helper.make_model(graph, producer_name='npc-gen', opset_imports=[
            helper.make_opsetid('', 13), helper.make_opsetid(QONNX_DOMAIN, 1)])
        m.ir_version = IR_VERSION[13]
        opset = 25 if self.ort_2bit else 21
        ograph = helper.make_graph(self.onodes, doc + '_ort', inputs, outputs, self.oinits)
        om = helper.make_model(ograph, producer_name='npc-gen', opset_imports=[helper.make_opsetid('', opset)])
        om.ir_version = IR_VERSION[opset]
        return m, om


def quant_range(bits, signed, narrow):
    """QONNX Quant's integer range."""
    if signed:
        return -(1 << (bits - 1)) + int(narrow), (1 << (bits - 1)) - 1
    return 0, (1 << bits) - 1 - int(narrow)


def qonnx_act_bits(rng):
    return int(rng.choice([2, 3, 4, 4, 5, 6, 7, 8, 8]))


def qonnx_conv(g, x, xv, xs, c_out=None, shape_preserving=False):
    """Conv(x, Quant(W)) + on-grid float bias -> [Relu] -> Quant. Returns (name, value, scale)."""
    rng = g.rng
    _, c, h, w = xv.shape
    m, group, k, s, d, pads, auto_pad = conv_params(rng, c, h, w, shape_preserving, c_out)
    wf = rng.normal(0, 1.0 / np.sqrt(c // group * k[0] * k[1]), (m, c // group, *k)).astype(np.float32)
    wbits = int(rng.choice([2, 3, 4, 4, 5, 6, 8]))
    wname, wv, wscale = g.weight(wf, 0, wbits, bool(rng.random() < 0.4))
    ins = [x, wname]
    bv = None
    if rng.random() < 0.7:
        # A float bias on the grid s_x * s_w[c] (what npc rounds it to; onnxruntime adds it in float).
        step = (np.float32(xs) * wscale).astype(np.float32)
        bv = (np.rint(rng.normal(0, 0.2, m) * xv.std() / step) * step).astype(np.float32)
        ins.append(g.const(bv, 'bias'))
    attrs = dict(kernel_shape=k, strides=s, dilations=d, group=group)
    attrs.update(auto_pad=auto_pad) if auto_pad else attrs.update(pads=pads)
    out = g.node('Conv', ins, **attrs)
    v = np_conv(xv, wv, bv, s, d, pads, group)
    relu = bool(rng.random() < 0.6 and np.mean(v > 0) > 0.3)
    if relu:
        out, v = g.node('Relu', [out]), np.maximum(v, 0)
    return quant_act(g, out, v, relu)


def quant_act(g, x, v, nonneg):
    """An activation Quant: unsigned after ReLU, else signed symmetric or unsigned with a zero point."""
    rng = g.rng
    bits = qonnx_act_bits(rng)
    narrow = bool(rng.random() < 0.25)
    if nonneg:
        signed, asym = False, False
    else:
        signed = bool(rng.random() < 0.5)
        asym = not signed
    out, qv, (scale, zp, qmin, qmax, q) = g.act(x, v, bits, signed, narrow, asym, bool(rng.random() < 0.2))
    return out, qv, scale, (zp, qmin, qmax, q)


def gen_qonnx_cnn(rng):
    g = QonnxGraph(rng)
    shape = [1, int(rng.integers(1, 5)), int(rng.choice([5, 7, 9, 11, 13])), int(rng.choice([5, 7, 9, 11]))]
    x_in = (rng.normal(0, 1, shape) * rng.uniform(0.5, 4) + rng.uniform(-0.5, 0.5)).astype(np.float32)
    vi = helper.make_tensor_value_info('input', TensorProto.FLOAT, shape)
    ibits, isigned = int(rng.choice([8, 8, 6, 4])), bool(rng.random() < 0.5)
    x, xv, (xs, zp, qmin, qmax, q) = g.act('input', x_in, ibits, isigned, bool(rng.random() < 0.2), asym=not isigned)
    last = (zp, qmin, qmax, q)
    for _ in range(int(rng.integers(2, 5))):
        r = rng.random()
        if r < 0.5:
            x, xv, xs, last = qonnx_conv(g, x, xv, xs)
        elif r < 0.75:
            # Residual: Quant(conv(x)) + x -> Quant
            c = xv.shape[1]
            a, av, _, _ = qonnx_conv(g, x, xv, xs, c_out=c, shape_preserving=True)
            out = g.node('Add', [a, x])
            x, xv, xs, last = quant_act(g, out, av + xv, False)
        elif min(xv.shape[2:]) >= 2:
            st = [2, 2] if min(xv.shape[2:]) >= 4 else [1, 1]
            out = g.node('MaxPool', [x], kernel_shape=[2, 2], strides=st)
            x, xv, xs, last = quant_act(g, out, np_pool(xv, 'max', [2, 2], st, [0, 0, 0, 0]), bool(xv.min() >= 0))
    if rng.random() < 0.6:
        out = g.node('GlobalAveragePool', [x])
        x, xv, xs, last = quant_act(g, out, xv.mean(axis=(2, 3), keepdims=True), bool(xv.min() >= 0))
        x = g.node('Flatten', [x], axis=1)
        xv = xv.reshape(xv.shape[0], -1)
        n_out, k = int(rng.integers(4, 17)), xv.shape[1]
        wf = rng.normal(0, 1.0 / np.sqrt(k), (n_out, k)).astype(np.float32)
        wname, wv, wscale = g.weight(wf, 0, int(rng.choice([2, 3, 4, 6, 8])), bool(rng.random() < 0.4))
        step = (np.float32(xs) * wscale).astype(np.float32)
        bv = (np.rint(rng.normal(0, 0.2, n_out) * xv.std() / step) * step).astype(np.float32)
        out = g.node('Gemm', [x, wname, g.const(bv, 'bias')], transB=1)
        x, xv, xs, last = quant_act(g, out, (xv.astype(np.float64) @ wv.T.astype(np.float64) + bv).astype(np.float32), False)
    if not {'Conv', 'Gemm'} & set(g.ops):
        raise Retry('no Conv or Gemm')
    zp, qmin, qmax, q = last
    # The last Quant's output (its DequantizeLinear or Clip in the ORT graph) is the graph output.
    assert g.nodes[-1].op_type == 'Quant' and g.onodes[-1].output[0] == g.nodes[-1].output[0]
    g.nodes[-1].output[0] = g.onodes[-1].output[0] = 'output'
    ovi = helper.make_tensor_value_info('output', TensorProto.FLOAT, list(xv.shape))
    m, om = g.models([vi], [ovi], 'qonnx_cnn')
    meta = dict(output_scale=float(xs), output_zero_point=int(zp), output_dtype='float32',
                quant_dtype=f'[{qmin},{qmax}]', quants=g.quants, ort_opset=om.opset_import[0].version,
                oracle=True, _ort_model=om, **check_spread(q, qmin, qmax))
    return m, x_in, meta, g.ops


SB_GENERATORS = {'qdq4_cnn': gen_qdq4_cnn, 'qdq4_mlp': gen_qdq4_mlp, 'qdq2_mlp': gen_qdq2_mlp,
                 'qdq2_cnn': gen_qdq2_cnn, 'qonnx_cnn': gen_qonnx_cnn}


def generate_one(kind, rng):
    """Draws until the model is a useful test (Retry); deterministic for a given rng."""
    if kind in GENERATORS:
        return GENERATORS[kind](rng)
    for _ in range(50):
        try:
            return SB_GENERATORS[kind](rng)
        except Retry:
            continue
    raise RuntimeError(f'{kind}: no useful model in 50 draws')


def generate(out_dir, seed, count, kinds):
    """Writes the models; returns their names."""
    os.makedirs(out_dir, exist_ok=True)
    names = []
    for kind in kinds:
        for i in range(count):
            # Seed from (seed, kind, index) so each model is reproducible on its own.
            rng = np.random.default_rng([seed, list(ALL_KINDS).index(kind), i])
            model, x, meta, ops = generate_one(kind, rng)
            name = f'{kind}_s{seed}_{i}'
            onnx.save(model, os.path.join(out_dir, name + '.onnx'))
            np.save(os.path.join(out_dir, name + '.input.npy'), x)
            if '_ort_model' in meta:        # qonnx_cnn: the standard-ONNX twin for onnxruntime
                onnx.save(meta.pop('_ort_model'), os.path.join(out_dir, name + '.ort.onnx'))
                meta['ort_model'] = name + '.ort.onnx'
            meta = dict(meta, kind=kind, seed=seed, index=i, opset=model.opset_import[0].version,
                        input_shape=list(x.shape), ops=sorted(set(ops)))
            with open(os.path.join(out_dir, name + '.json'), 'w') as f:
                json.dump(meta, f, indent=1)
            print(f'{name}: {len(model.graph.node)} nodes, opset {meta["opset"]}, input {x.shape}, '
                  f'output {meta["output_dtype"]} scale {meta["output_scale"]:.6g} zp {meta["output_zero_point"]}')
            names.append(name)
    return names


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--out', help='output directory')
    ap.add_argument('--seed', type=int, default=0)
    ap.add_argument('--count', type=int, default=3, help='models per kind')
    ap.add_argument('--kind', action='append', choices=list(ALL_KINDS), help='repeatable; default all')
    ap.add_argument('--list-kinds', action='store_true')
    args = ap.parse_args()
    if args.list_kinds:
        for k, doc in ALL_KINDS.items():
            print(f'{k}\t{doc}')
        return 0
    if not args.out:
        ap.error('--out is required')
    generate(args.out, args.seed, args.count, args.kind or list(ALL_KINDS))
    return 0


if __name__ == '__main__':
    sys.exit(main())
