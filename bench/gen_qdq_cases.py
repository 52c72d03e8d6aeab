#!/usr/bin/python3
"""Seeded random small quantized ONNX models in QDQ form, for testing npc's
ONNX import, `onnx-fuse-qdq` and the conversion on graphs no test wrote by
hand:

  /usr/bin/python3 bench/gen_qdq_cases.py --seed S --count N --out DIR [--check]

writes DIR/case_<S>_<i>.onnx for i < N; case i depends only on (S, i).

Each model: one float input x (rank 2, 3 or 4 NCHW, dimensions 1..8),
QuantizeLinear -> DequantizeLinear, a random DAG of 1 to 6 float operators
(convolutions, products, elementwise and reduction operators, pools,
normalizations, functions, moves, and the composites exporters write: SiLU,
x * hardsigmoid(x), GELU by Erf, squeeze-excite, residual Adds, torch's layer
norm below opset 17), QuantizeLinear -> DequantizeLinear pairs after most
nodes, and one to three graph outputs. The variations are those of torch
FX/QAT, onnxruntime's quantize_static and Brevitas/QONNX exports: uint8 or
int8 activations (16- and 4-bit at opset 21; 2-bit at opset 25 where the
onnx package names INT2, which Debian's 1.12 does not), opsets 13, 17, 19
and 21, zero points omitted (opset 21's output_dtype) or not,
per-channel weights and biases as DequantizeLinear of int32, weights
fake-quantized from floats, QONNX `Quant` nodes, `Constant` nodes for
parameters, torch's Cast of codes, unnamed nodes, shuffled node order, and
attributes and optional inputs written where the defaults would do. Most
models are valid ONNX; some are meant to be refused (a float graph output,
per-channel activations, a 1-D convolution).

--check runs onnx.checker (and, where the installed onnx knows the opset,
strict shape inference) on each model and adds the failure counts to the
summary line.
"""
import argparse
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto as T, helper as h, numpy_helper as nh

# ONNX's type codes; Debian's onnx 1.12 names neither the 4-bit nor the 2-bit types.
UINT4, INT4, UINT2, INT2 = 21, 22, 25, 26
HAS_INT2 = hasattr(T, "INT2")  # opset 25's types; without them the package cannot check such files
QTYPES = {T.UINT8: (8, False), T.INT8: (8, True), T.UINT16: (16, False), T.INT16: (16, True),
          UINT4: (4, False), INT4: (4, True), UINT2: (2, False), INT2: (2, True)}
NP = {T.UINT8: np.uint8, T.INT8: np.int8, T.UINT16: np.uint16, T.INT16: np.int16,
      T.INT32: np.int32}
IR = {13: 7, 17: 8, 19: 9, 21: 10, 25: 11}  # the IR version each opset came with
QONNX = "qonnx.custom_op.general"
I64MAX = 2**63 - 1


def qrange(t):
    bits, signed = QTYPES[t]
    return (-(1 << (bits - 1)), (1 << (bits - 1)) - 1) if signed else (0, (1 << bits) - 1)


def int_tensor(name, vals, t, shape):
    """An integer initializer of type code t; sub-byte types packed in raw_data,
    lowest bits first, as onnx 1.12's helpers cannot write them."""
    vals = np.asarray(vals, np.int64).reshape(shape)
    if t in NP:
        return nh.from_array(vals.astype(NP[t]), name)
    bits = QTYPES[t][0]
    flat = vals.ravel() & ((1 << bits) - 1)
    raw = bytearray((len(flat) * bits + 7) // 8)
    for k, v in enumerate(flat):
        raw[k * bits // 8] |= int(v) << (k * bits % 8)
    tp = onnx.TensorProto()
    tp.name, tp.data_type = name, t
    tp.dims.extend(shape)
    tp.raw_data = bytes(raw)
    return tp


def bcast(a, b):
    a, b = list(a), list(b)
    n = max(len(a), len(b))
    a, b = [1] * (n - len(a)) + a, [1] * (n - len(b)) + b
    if any(x != y and 1 not in (x, y) for x, y in zip(a, b)):
        return None
    return [max(x, y) for x, y in zip(a, b)]


class V:
    """A value: its name, shape, kind ('dq': read through a DequantizeLinear or
    Quant, possibly moved; 'f': a float result no QuantizeLinear has quantized),
    the parameters it was dequantized with, and the codes' name when a
    graph output could be those."""

    def __init__(self, name, shape, kind, qp=None, codes=None):
        self.name, self.shape, self.kind, self.qp, self.codes = name, list(shape), kind, qp, codes


class QP:
    def __init__(self, t, scale, zp, axis=None, omit=False):
        self.t, self.scale, self.zp, self.axis, self.omit = t, scale, zp, axis, omit


class Case:
    def __init__(self, rng):
        self.r = r = rng
        self.opset = int(r.choice([13, 17, 19, 21], p=[0.5, 0.2, 0.1, 0.2]))
        # Opset 25's 2-bit types only where this onnx names them; the draw is
        # made either way so that the other cases do not change.
        if r.random() < 0.25 and self.opset == 21 and HAS_INT2:
            self.opset = 25
        self.nodes, self.inits, self.shapes, self.outputs = [], [], {}, []
        self.count = {}
        self.pool, self.frontier = [], []
        self.fn_mul = None  # the last SiLU's, hard swish's or GELU's output
        self.acts = set()  # Relu and Clip outputs after a product or Add
        # Case-wide styles, as one exporter writes a whole file.
        self.qonnx = r.random() < 0.04  # Brevitas: Quant everywhere
        self.anon = r.random() < 0.06  # nodes without names
        self.const_nodes = r.random() < 0.12  # torch: parameters as Constant nodes
        self.torch_cast = r.random() < 0.08  # torch: Q -> Cast(to its own type) -> DQ
        self.qat_weights = r.random() < 0.1  # QAT: weights QuantizeLinear'd from floats
        self.shared_params = r.random() < 0.7  # Q and DQ read the same scale initializer
        self.naming = r.choice(["plain", "torch", "ort"])
        if self.opset >= 21:
            low = [UINT2, INT2] if self.opset >= 25 else [UINT4, INT4]
            self.atype = int(r.choice([T.UINT8, T.INT8, T.UINT16, T.INT16] + low,
                                      p=[0.45, 0.22, 0.03, 0.03, 0.135, 0.135]))
            self.wtype = int(r.choice([T.INT8, INT4, T.UINT8], p=[0.65, 0.3, 0.05]))
        else:
            self.atype = int(r.choice([T.UINT8, T.INT8], p=[0.75, 0.25]))
            self.wtype = int(r.choice([T.INT8, T.UINT8], p=[0.93, 0.07]))
        self.domains = {"": self.opset}

    # --- naming, constants, nodes ---------------------------------------
    def tag(self, base):
        self.count[base] = self.count.get(base, 0) + 1
        return f"{base}{self.count[base]}"

    def tname(self, tag, op):
        if self.naming == "torch":
            return f"/{tag}/{op}_output_0"
        if self.naming == "ort":
            return f"{tag}_output_0"
        return tag

    def node(self, op, ins, outs, name, domain="", **attrs):
        if self.anon or self.r.random() < 0.03:
            name = ""  # then npc names it by its first output
        self.nodes.append(h.make_node(op, ins, outs, name=name, domain=domain or None, **attrs))

    def const(self, tp):
        if self.const_nodes and self.r.random() < 0.7:
            self.nodes.append(h.make_node("Constant", [], [tp.name], name=tp.name + "_c", value=tp))
        else:
            self.inits.append(tp)
        return tp.name

    def fconst(self, name, arr):
        return self.const(nh.from_array(np.asarray(arr, np.float32), name))

    def iconst(self, name, vals, t, shape):
        return self.const(int_tensor(name, vals, t, list(shape)))

    def i64(self, name, vals):
        return self.const(nh.from_array(np.asarray(vals, np.int64), name))

    def pick(self, table):
        keys = list(table)
        p = np.array([table[k] for k in keys], float)
        return keys[int(self.r.choice(len(keys), p=p / p.sum()))]

    def val(self, name, shape, kind="f", **kw):
        self.shapes[name] = list(shape)
        v = V(name, shape, kind, **kw)
        return v

    def read(self, *vs):
        for v in vs:
            if v in self.frontier:
                self.frontier.remove(v)

    def add(self, v):
        self.pool.append(v)
        self.frontier.append(v)
        return v

    # --- quantization ---------------------------------------------------
    def qtype(self):
        if self.r.random() < 0.9:
            return self.atype
        if self.opset >= 21:
            return int(self.r.choice([T.UINT8, T.INT8, T.INT16, UINT4, INT4]))
        return int(self.r.choice([T.UINT8, T.INT8]))

    def qparams(self, shape, t=None, per_channel=None):
        r = self.r
        t = self.qtype() if t is None else t
        lo, hi = qrange(t)
        if per_channel is None:
            per_channel = len(shape) >= 2 and r.random() < 0.01
        n = shape[1] if per_channel else None
        scale = np.float32(2.0) ** np.asarray(r.uniform(-9, -2, n), np.float32)
        unsigned = lo == 0
        u = r.random()
        if unsigned:
            z = (hi + 1) // 2 if u < 0.4 else 0 if u < 0.7 else None
        else:
            z = 0 if u < 0.6 else None
        zp = (np.full(n, z) if n else z) if z is not None else r.integers(lo // 2, hi // 2 + 1, n)
        # Without a zero point Q makes uint8 (output_dtype from opset 21).
        omit = r.random() < 0.12 and (self.opset >= 21 or t == T.UINT8)
        if omit:
            zp = np.zeros(n, np.int64) if n else 0
        return QP(t, scale, zp, 1 if per_channel else None, omit)

    def params(self, tag, qp):
        """Names of scale and zero point ('' for none) of qp."""
        s = self.fconst(f"{tag}.scale", qp.scale)
        if qp.omit:
            return s, None
        return s, self.iconst(f"{tag}.zero_point", qp.zp, qp.t, np.shape(qp.zp))

    def pair(self, v, tag, qp=None, dq=True):
        """QuantizeLinear [-> DequantizeLinear] of v; QONNX's Quant sometimes."""
        r = self.r
        qp = qp or self.qparams(v.shape)
        if dq and (self.qonnx and r.random() < 0.85 or r.random() < 0.03) and qp.t != T.INT16 \
                and qp.t != T.UINT16:
            return self.quant(v, tag, qp)
        s, z = self.params(tag, qp)
        ins = [v.name, s] + ([z] if z else [""] if r.random() < 0.05 else [])
        attrs = {}
        if qp.axis is not None:
            attrs["axis"] = qp.axis
        elif r.random() < 0.04:
            attrs["axis"] = 1 if len(v.shape) > 1 else 0  # ignored per tensor; exporters write it
        qattrs = dict(attrs)
        if self.opset >= 21 and qp.omit and (qp.t != T.UINT8 or r.random() < 0.3):
            qattrs["output_dtype"] = qp.t
        if self.opset >= 19 and r.random() < 0.05:
            qattrs["saturate"] = 1  # float8's attribute; any exporter may write its default
        if self.opset >= 21 and r.random() < 0.04:
            qattrs["block_size"] = 0
        q = f"{tag}_quantized" if self.naming != "plain" else f"{tag}_q"
        self.node("QuantizeLinear", ins, [q], f"q_{tag}", **qattrs)
        self.shapes[q] = list(v.shape)
        if not dq:
            return V(q, v.shape, "codes", qp, q)
        codes = q
        if qp.t in (T.UINT8, T.INT8) and (self.torch_cast or r.random() < 0.02):
            codes = f"{tag}_cast"
            self.node("Cast", [q], [codes], f"cast_{tag}", to=qp.t)
        if not self.shared_params:
            s, z = self.params(f"{tag}_dq", qp)
            ins = [codes, s] + ([z] if z else [])
        else:
            ins = [codes] + ins[1:]
        d = f"{tag}_dequantized" if self.naming != "plain" else f"{tag}_dq"
        self.node("DequantizeLinear", ins, [d], f"dq_{tag}", **attrs)
        return self.val(d, v.shape, "dq", qp=qp, codes=q)

    def quant(self, v, tag, qp):
        """QONNX's Quant: x, scale, zeropt, bitwidth, all float."""
        r = self.r
        self.domains[QONNX] = 1
        bits, signed = QTYPES[qp.t]
        if r.random() < 0.2:
            bits = int(r.choice([2, 3, 4, 5, 6]))
        narrow = int(signed and r.random() < 0.4)
        shape = []
        if qp.axis is not None:
            c = v.shape[1]
            shape = [c] + [1] * (len(v.shape) - 2)  # broadcasts along axis 1
        elif r.random() < 0.2:
            shape = [1] * (1 if r.random() < 0.5 else len(v.shape))
        n = int(np.prod(shape)) if shape else 1
        scale = np.asarray(np.broadcast_to(qp.scale, (n,)) if n > 1 else np.ravel(qp.scale)[0],
                           np.float32).reshape(shape)
        zp = 0.0 if signed or r.random() < 0.5 else float(1 << (bits - 1))
        s = self.fconst(f"{tag}.scale", scale)
        z = self.fconst(f"{tag}.zeropt", np.full(shape, zp, np.float32))
        b = self.fconst(f"{tag}.bitwidth", np.float32(bits))
        out = f"{tag}_quant"
        self.node("Quant", [v.name, s, z, b], [out], f"quant_{tag}", domain=QONNX,
                  signed=int(signed), narrow=narrow, rounding_mode="ROUND")
        t = {(8, False): T.UINT8, (8, True): T.INT8}.get((bits, bool(signed)), qp.t)
        return self.val(out, v.shape, "dq", qp=QP(t, qp.scale, zp, qp.axis))

    def weight(self, tag, shape, axis):
        """A constant weight read through DequantizeLinear (or fake-quantized,
        or QONNX's Quant of floats); returns (name, scale or None)."""
        r = self.r
        t = self.wtype
        lo, hi = qrange(t)
        per_channel = r.random() < 0.45
        n = shape[axis]
        scale = np.float32(2.0) ** np.asarray(r.uniform(-9, -5, n if per_channel else None),
                                              np.float32)
        zp = 0 if lo < 0 else (hi + 1) // 2
        codes = r.integers(lo + 1, hi + 1, shape)
        pshape = [n] if per_channel else []
        zps = np.full(pshape, zp) if per_channel else zp
        out = f"{tag}.weight_dq"
        attrs = {"axis": axis} if per_channel else {}
        self.shapes[out] = list(shape)
        if self.qonnx:
            self.domains[QONNX] = 1
            bshape = [1] * len(shape)
            if per_channel:
                bshape[axis] = n
            sc = np.reshape(scale, bshape) if per_channel else scale
            wf = (codes - zp) * sc
            ins = [self.fconst(f"{tag}.weight", wf), self.fconst(f"{tag}.weight_scale", sc),
                   self.fconst(f"{tag}.weight_zeropt", np.zeros(np.shape(sc), np.float32)),
                   self.fconst(f"{tag}.weight_bitwidth", np.float32(QTYPES[t][0]))]
            self.node("Quant", ins,
                      [out], f"quant_{tag}_weight", domain=QONNX, signed=int(lo < 0),
                      narrow=int(lo < 0), rounding_mode="ROUND")
            return out, scale
        s = self.fconst(f"{tag}.weight_scale", scale)
        z = self.iconst(f"{tag}.weight_zero_point", zps, t, pshape)
        if self.qat_weights and r.random() < 0.8:
            bshape = [1] * len(shape)
            bshape[axis] = n if per_channel else 1
            wf = self.fconst(f"{tag}.weight", (codes - zp) * np.reshape(scale, bshape))
            q = f"{tag}.weight_q"
            self.node("QuantizeLinear", [wf, s, z], [q], f"q_{tag}_weight", **attrs)
        else:
            q = f"{tag}.weight_quantized"
            self.inits.append(int_tensor(q, codes, t, list(shape)))
        ins = [q, s] + ([z] if lo < 0 and r.random() < 0.85 or lo >= 0 else [])
        self.node("DequantizeLinear", ins, [out], f"dq_{tag}_weight", **attrs)
        return out, scale

    def bias(self, tag, x, wscale, n):
        """A product's bias: int32 codes at x's scale times the weight's (as
        onnxruntime writes it), a float initializer (torch), or none."""
        r = self.r
        u = r.random()
        if (u < 0.45 and x.kind == "dq" and x.qp is not None and np.ndim(x.qp.scale) == 0
                and wscale is not None and not self.qonnx):
            bs = (np.float32(x.qp.scale) * wscale).astype(np.float32)
            s = self.fconst(f"{tag}.bias_scale", bs)
            ins = [f"{tag}.bias_quantized", s]
            self.inits.append(int_tensor(ins[0], r.integers(-500, 501, n), T.INT32, [n]))
            if r.random() < 0.6:
                ins.append(self.iconst(f"{tag}.bias_zero_point", np.zeros(np.shape(bs), np.int64),
                                       T.INT32, np.shape(bs)))
            out = f"{tag}.bias_dq"
            self.node("DequantizeLinear", ins, [out], f"dq_{tag}_bias",
                      **({"axis": 0} if np.ndim(bs) else {}))
            return out
        if u < 0.85:
            return self.fconst(f"{tag}.bias", r.normal(0, 0.1, n))
        return None

    def act(self, v, tag, p):
        """Relu or Clip after a product or Add, before its QuantizeLinear."""
        r = self.r
        if r.random() >= p:
            return v
        if r.random() < 0.65:
            out = self.tname(tag + "_relu", "Relu")
            self.node("Relu", [v.name], [out], tag + "_relu")
        else:
            out = self.tname(tag + "_clip", "Clip")
            self.node("Clip", [v.name] + self.clip_bounds(tag, 0.0, 6.0), [out], tag + "_clip")
        self.acts.add(out)
        return self.val(out, v.shape)

    def clip_bounds(self, tag, lo, hi):
        u = self.r.random()
        if u < 0.2:  # only max: ReLU6 written with an empty min is rare, min only is Relu
            return ["", self.fconst(f"{tag}.max", hi)]
        if u < 0.3:
            return [self.fconst(f"{tag}.min", lo)]
        return [self.fconst(f"{tag}.min", lo), self.fconst(f"{tag}.max", hi)]

    # --- operators: each returns its output V, or None where v does not fit ---
    def conv(self, v, tag=None, same=False):
        r = self.r
        if len(v.shape) == 3 and not same and r.random() < 0.04:
            return self.conv1d(v)
        if len(v.shape) != 4:
            return None
        tag = tag or self.tag("conv")
        N, C, H, W = v.shape
        kind = "full"
        if not same and C > 1 and r.random() < 0.2:
            kind = "dw"
        elif not same and C % 2 == 0 and C >= 4 and r.random() < 0.12:
            kind = "group"
        k = int(r.choice([1, 3, 3, 1, 2])) if not same else int(r.choice([1, 3]))
        s = 2 if not same and r.random() < 0.25 else 1
        p = k // 2 if r.random() < 0.8 or same else 0
        if k == 2:
            p = 0
        if H + 2 * p < k or W + 2 * p < k:
            k, p = 1, 0
        g, M = 1, int(r.integers(1, 9))
        if same:
            M = C
        elif kind == "dw":
            g, M = C, C * int(r.choice([1, 1, 2]))
        elif kind == "group":
            g, M = 2, 2 * int(r.integers(1, 5))
        attrs = {}
        auto = r.random() < 0.05 and s == 1 and k % 2 == 1
        if auto:
            attrs["auto_pad"] = "SAME_UPPER"
            Ho, Wo = H, W
        else:
            Ho, Wo = (H + 2 * p - k) // s + 1, (W + 2 * p - k) // s + 1
            if p or r.random() < 0.3:
                attrs["pads"] = [p] * 4
        if r.random() < 0.9:
            attrs["kernel_shape"] = [k, k]
        if s != 1 or r.random() < 0.2:
            attrs["strides"] = [s, s]
        if g != 1 or r.random() < 0.1:
            attrs["group"] = g
        if r.random() < 0.08:
            attrs["dilations"] = [1, 1]
        w, ws = self.weight(tag, [M, C // g, k, k], 0)
        b = self.bias(tag, v, ws, M)
        out = self.tname(tag, "Conv")
        self.node("Conv", [v.name, w] + ([b] if b else []), [out], tag, **attrs)
        y = self.val(out, [N, M, Ho, Wo])
        if not same and r.random() < 0.1:
            y = self.bn(y, tag + "_bn")
        return self.act(y, tag, 0.35)

    def conv1d(self, v):
        tag = self.tag("conv")
        N, C, L = v.shape
        k = 1 if L < 3 else 3
        M = int(self.r.integers(1, 9))
        w, ws = self.weight(tag, [M, C, k], 0)
        out = self.tname(tag, "Conv")
        self.node("Conv", [v.name, w], [out], tag, kernel_shape=[k], pads=[k // 2] * 2)
        return self.val(out, [N, M, L])

    def bn(self, v, tag=None):
        r = self.r
        if len(v.shape) != 4 and not (len(v.shape) == 3 and r.random() < 0.1):
            return None
        tag = tag or self.tag("bn")
        C = v.shape[1]
        ins = [v.name, self.fconst(f"{tag}.weight", r.uniform(0.5, 1.5, C)),
               self.fconst(f"{tag}.bias", r.normal(0, 0.1, C)),
               self.fconst(f"{tag}.running_mean", r.normal(0, 0.1, C)),
               self.fconst(f"{tag}.running_var", r.uniform(0.5, 2, C))]
        attrs = {}
        if r.random() < 0.5:
            attrs["epsilon"] = float(r.choice([1e-5, 1e-3]))
        if r.random() < 0.15:
            attrs["momentum"] = 0.9
        if self.opset >= 14 and r.random() < 0.05:
            attrs["training_mode"] = 0
        out = self.tname(tag, "BatchNormalization")
        self.node("BatchNormalization", ins, [out], tag, **attrs)
        return self.val(out, v.shape)

    def gemm(self, v):
        r = self.r
        if len(v.shape) != 2:
            return None
        tag = self.tag("gemm")
        attrs = {}
        ta = r.random() < 0.05
        rows, K = (v.shape[1], v.shape[0]) if ta else v.shape
        if ta:
            attrs["transA"] = 1
        elif r.random() < 0.05:
            attrs["transA"] = 0
        N = int(r.integers(1, 9))
        tb = r.random() < 0.6
        if tb or r.random() < 0.1:
            attrs["transB"] = int(tb)
        w, ws = self.weight(tag, [N, K] if tb else [K, N], 0 if tb else 1)
        if r.random() < 0.1:
            attrs["alpha"] = float(r.choice([0.5, 2.0]))
        if r.random() < 0.1:
            attrs["beta"] = float(r.choice([0.5, 1.0, 2.0]))
        b = self.bias(tag, v, ws if "alpha" not in attrs else None, N)
        out = self.tname(tag, "Gemm")
        self.node("Gemm", [v.name, w] + ([b] if b else []), [out], tag, **attrs)
        return self.act(self.val(out, [rows, N]), tag, 0.3)

    def matmul(self, v):
        r = self.r
        if len(v.shape) < 2:
            return None
        tag = self.tag("matmul")
        out = self.tname(tag, "MatMul")
        if r.random() < 0.65:
            K, N = v.shape[-1], int(r.integers(1, 9))
            w, _ = self.weight(tag, [K, N], 1)
            self.node("MatMul", [v.name, w], [out], tag)
            y = self.val(out, v.shape[:-1] + [N])
            if len(v.shape) >= 3 and r.random() < 0.4:  # torch's nn.Linear on 3-D input
                o2 = self.tname(tag + "_bias", "Add")
                self.node("Add", [out, self.fconst(f"{tag}.bias", r.normal(0, 0.1, N))], [o2],
                          tag + "_bias")
                y = self.val(o2, y.shape)
        else:  # two activations: v @ w^T, w a value of v's shape
            w = self.other(v, lambda s: s == v.shape) or v
            self.read(w)
            perm = list(range(len(v.shape)))
            perm[-2:] = perm[-1], perm[-2]
            wt = self.tname(tag + "_t", "Transpose")
            self.node("Transpose", [w.name], [wt], tag + "_t", perm=perm)
            self.node("MatMul", [v.name, wt], [out], tag)
            y = self.val(out, v.shape[:-1] + [v.shape[-2]])
        return self.act(y, tag, 0.15)

    def other(self, v, fits):
        """Another value of the pool that fits, preferring unread ones."""
        cand = [p for p in self.frontier if p is not v and fits(p.shape)]
        cand = cand or [p for p in self.pool if p is not v and fits(p.shape)]
        if not cand or self.r.random() < 0.2:
            return None
        return cand[int(self.r.integers(len(cand)))]

    def branch(self, v):
        """A second path from v, quantized: the other side of a diamond."""
        r = self.r
        if len(v.shape) == 4 and r.random() < 0.5:
            y = self.conv(v, same=True)
        else:
            y = self.unary(v, simple=True)
        return self.pair(y, self.tag("q"))

    def binary(self, v):
        r = self.r
        op = self.pick({"Add": 35, "Mul": 30, "Sub": 20, "Div": 15})
        tag = self.tag(op.lower())
        if r.random() < (0.08 if op == "Div" else 0.45):
            w = self.other(v, lambda s: len(s) == len(v.shape) and bcast(s, v.shape) == v.shape)
            if w is None:
                w = self.branch(v)
            self.read(w)
            a, b = (v, w) if r.random() < 0.6 else (w, v)
            ins, shape = [a.name, b.name], bcast(a.shape, b.shape)
        else:
            c = v.shape[1] if len(v.shape) >= 2 else v.shape[0]
            kind = self.pick({"scalar": 70, "one": 8, "channel": 12, "full": 10} if op == "Div"
                             else {"scalar": 40, "one": 8, "channel": 27, "full": 25})
            if kind == "scalar":
                cs = []
            elif kind == "one":
                cs = [1]
            elif kind == "channel":
                cs = ([c, 1, 1] if r.random() < 0.6 else [1, c, 1, 1]) if len(v.shape) == 4 \
                    else [v.shape[-1]]
            else:
                cs = list(v.shape)
            if op == "Div":
                vals = r.uniform(0.5, 2, cs)
            elif op == "Mul":
                vals = r.uniform(0.25, 2, cs) * (1 if r.random() < 0.95 else -1)
            else:
                vals = r.normal(0, 0.5, cs)
            # torch keeps scalars float; quantizers make tensors DequantizeLinear of codes
            if r.random() < (0.9 if op == "Div" else 0.75 if len(cs) == 0 or cs == [1] else 0.15):
                cn = self.fconst(f"{tag}.const", vals)
            else:  # DequantizeLinear of int8 codes
                sc = np.float32(max(np.abs(vals).max(), 1e-3) / 127)
                cq = f"{tag}.const_quantized"
                self.inits.append(int_tensor(cq, np.clip(np.round(vals / sc), -127, 127),
                                             T.INT8, cs))
                cn = f"{tag}.const_dq"
                ins = [cq, self.fconst(f"{tag}.const_scale", sc),
                       self.iconst(f"{tag}.const_zero_point", 0, T.INT8, [])]
                self.node("DequantizeLinear", ins, [cn], f"dq_{tag}_const")
            ins = [v.name, cn] if r.random() < 0.85 else [cn, v.name]
            shape = bcast(v.shape, cs)
        out = self.tname(tag, op)
        self.node(op, ins, [out], tag)
        return self.act(self.val(out, shape), tag, 0.25 if op == "Add" else 0.05)

    def reduce(self, v):
        r = self.r
        op = self.pick({"ReduceMean": 50, "ReduceSum": 25, "ReduceMax": 25})
        tag = self.tag(op[6:].lower())
        n = len(v.shape)
        if n == 4 and r.random() < 0.5:
            axes = [2, 3]
        elif r.random() < 0.6:
            axes = [n - 1]
        else:
            axes = sorted(int(a) for a in r.choice(n, int(r.integers(1, n + 1)), replace=False))
        keep = int(r.random() < 0.6)
        if not keep and len(axes) == n:
            keep = 1
        attrs = {}
        if not keep or r.random() < 0.3:
            attrs["keepdims"] = keep
        written = [a - n if r.random() < 0.3 else a for a in axes]
        ins = [v.name]
        if self.opset >= 18 or op == "ReduceSum":
            ins.append(self.i64(f"{tag}.axes", written))
        else:
            attrs["axes"] = written
        out = self.tname(tag, op)
        self.node(op, ins, [out], tag, **attrs)
        shape = [1 if d in axes else s for d, s in enumerate(v.shape) if keep or d not in axes]
        return self.val(out, shape)

    def softmax(self, v):
        tag = self.tag("softmax")
        n = len(v.shape)
        axis = -1 if self.r.random() < 0.92 else int(self.r.integers(-n, n))
        attrs = {"axis": axis} if axis != -1 or self.r.random() < 0.5 else {}
        out = self.tname(tag, "Softmax")
        self.node("Softmax", [v.name], [out], tag, **attrs)
        return self.val(out, v.shape)

    def layernorm(self, v):
        r = self.r
        if self.opset < 17:
            return self.layernorm_chain(v)
        tag = self.tag("layernorm")
        n = len(v.shape)
        axis = -1 if r.random() < 0.95 else int(r.integers(-n, 0))
        ns = v.shape[axis:]
        ins = [v.name, self.fconst(f"{tag}.weight", r.uniform(0.5, 1.5, ns))]
        if r.random() < 0.75:
            ins.append(self.fconst(f"{tag}.bias", r.normal(0, 0.1, ns)))
        attrs = {}
        if axis != -1 or r.random() < 0.5:
            attrs["axis"] = axis
        if r.random() < 0.5:
            attrs["epsilon"] = float(r.choice([1e-5, 1e-6, 1e-12]))
        out = self.tname(tag, "LayerNormalization")
        self.node("LayerNormalization", ins, [out], tag, **attrs)
        return self.val(out, v.shape)

    def layernorm_chain(self, v):
        """torch's layer norm below opset 17, written as arithmetic."""
        r = self.r
        tag = self.tag("layernorm")
        D = v.shape[-1]
        t = lambda s: self.tname(f"{tag}_{s}", s)
        n = lambda op, ins, s, **a: self.node(op, ins, [t(s)], f"{tag}_{s}", **a) or t(s)
        m = n("ReduceMean", [v.name], "mean", axes=[-1])
        d = n("Sub", [v.name, m], "sub")
        p = n("Pow", [d, self.fconst(f"{tag}.two", 2.0)], "pow")
        m2 = n("ReduceMean", [p], "var", axes=[-1])
        e = n("Add", [m2, self.fconst(f"{tag}.eps", 1e-5)], "add")
        s = n("Sqrt", [e], "sqrt")
        y = n("Div", [d, s], "div")
        if r.random() < 0.8:
            y = n("Mul", [y, self.fconst(f"{tag}.weight", r.uniform(0.5, 1.5, D))], "mul")
            if r.random() < 0.8:
                y = n("Add", [y, self.fconst(f"{tag}.bias", r.normal(0, 0.1, D))], "add_b")
        return self.val(y, v.shape)

    def pool2d(self, v, op=None):
        r = self.r
        if len(v.shape) != 4:
            return None
        op = op or self.pick({"AveragePool": 1, "MaxPool": 1})
        tag = self.tag("avgpool" if op == "AveragePool" else "maxpool")
        N, C, H, W = v.shape
        k = int(r.choice([2, 3]))
        s = int(r.choice([1, 2]))
        p = int(k == 3 and r.random() < 0.5)
        if H + 2 * p < k or W + 2 * p < k:
            k, s, p = 1, 1, 0
        attrs = {"kernel_shape": [k, k]}
        if s != 1 or r.random() < 0.5:
            attrs["strides"] = [s, s]
        if p or r.random() < 0.2:
            attrs["pads"] = [p] * 4
        ceil = r.random() < 0.05
        if ceil or r.random() < 0.05:
            attrs["ceil_mode"] = int(ceil)
        if op == "AveragePool" and r.random() < 0.15:
            attrs["count_include_pad"] = 1
        if op == "MaxPool" and r.random() < 0.05:
            attrs["storage_order"] = 0
        f = (lambda a: -(-a // s)) if ceil else (lambda a: a // s)
        Ho, Wo = f(H + 2 * p - k) + 1, f(W + 2 * p - k) + 1
        if ceil:  # the last window must start inside the input or the begin padding
            Ho -= (Ho - 1) * s >= H + p
            Wo -= (Wo - 1) * s >= W + p
        out = self.tname(tag, op)
        self.node(op, [v.name], [out], tag, **attrs)
        return self.val(out, [N, C, Ho, Wo])

    def gap(self, v):
        if len(v.shape) != 4:
            return None
        tag = self.tag("gap")
        out = self.tname(tag, "GlobalAveragePool")
        self.node("GlobalAveragePool", [v.name], [out], tag)
        return self.val(out, v.shape[:2] + [1, 1])

    def concat(self, v):
        r = self.r
        n = len(v.shape)
        axis = 1 if n == 4 and r.random() < 0.6 else int(r.integers(0, n))
        tag = self.tag("concat")
        fits = lambda s: len(s) == n and all(a == b or d == axis for d, (a, b) in
                                             enumerate(zip(s, v.shape)))
        ins = [v]
        for _ in range(int(r.choice([1, 1, 2]))):
            w = self.other(v, fits) if r.random() < 0.7 else None
            if w is None:
                w = self.branch(v) if r.random() < 0.6 else v
            self.read(w)
            ins.append(w)
        r.shuffle(ins)
        shape = list(v.shape)
        shape[axis] = sum(w.shape[axis] for w in ins)
        out = self.tname(tag, "Concat")
        self.node("Concat", [w.name for w in ins], [out], tag,
                  axis=axis - n if r.random() < 0.3 else axis)
        return self.val(out, shape)

    FUNCS = {"Relu": 4, "Clip": 3, "Sigmoid": 3, "Tanh": 2, "HardSigmoid": 2, "HardSwish": 2,
             "LeakyRelu": 2, "Erf": 1, "Exp": 1, "Softplus": 1, "Softsign": 1, "Mish": 1,
             "Elu": 1, "Neg": 1, "Abs": 1, "Sqrt": 1, "Reciprocal": 1, "PRelu": 3, "Pow": 2}

    def unary(self, v, simple=False):
        r = self.r
        funcs = dict(self.FUNCS)
        if self.opset < 14:
            del funcs["HardSwish"]
        if self.opset < 18:
            del funcs["Mish"]
        if simple:
            for f in ("PRelu", "Pow", "Clip"):
                del funcs[f]
        op = self.pick(funcs)
        tag = self.tag(op.lower())
        ins, attrs = [v.name], {}
        if op == "Clip":
            lo, hi = (0.0, 6.0) if r.random() < 0.6 else sorted(r.normal(0, 1, 2).tolist())
            ins += self.clip_bounds(tag, lo, hi)
        elif op == "HardSigmoid" and r.random() < 0.6:
            attrs = {"alpha": 1 / 6, "beta": 0.5}  # torch's hardsigmoid
        elif op == "LeakyRelu" and r.random() < 0.7:
            attrs = {"alpha": float(r.choice([0.01, 0.1, 0.2]))}
        elif op == "Elu" and r.random() < 0.3:
            attrs = {"alpha": 1.0}
        elif op == "PRelu":
            n = len(v.shape)
            u = r.random()
            cs = [1] if u < 0.4 else ([v.shape[1], 1, 1] if n == 4 else [v.shape[-1]]) \
                if u < 0.85 else []
            ins.append(self.fconst(f"{tag}.slope", r.uniform(0.05, 0.3, cs)))
        elif op == "Pow":
            ins.append(self.fconst(f"{tag}.exponent", float(r.choice([2.0, 0.5]))))
        out = self.tname(tag, op)
        self.node(op, ins, [out], tag, **attrs)
        return self.val(out, v.shape)

    def composite(self, v):
        r = self.r
        kind = self.pick({"silu": 3, "hswish": 2, "gelu": 2, "se": 2 if len(v.shape) == 4 else 0,
                          "residual": 3})
        if kind in ("silu", "hswish"):
            tag = self.tag(kind)
            op = "Sigmoid" if kind == "silu" else "HardSigmoid"
            g = self.tname(tag + "_gate", op)
            self.node(op, [v.name], [g], tag + "_gate",
                      **({"alpha": 1 / 6, "beta": 0.5} if op == "HardSigmoid" else {}))
            out = self.tname(tag, "Mul")
            self.node("Mul", [v.name, g] if r.random() < 0.7 else [g, v.name], [out], tag)
            self.fn_mul = out
            return self.val(out, v.shape)
        if kind == "gelu":  # torch: x * 0.5 * (1 + erf(x / sqrt 2))
            tag = self.tag("gelu")
            names = [self.tname(f"{tag}_{s}", s) for s in ("Div", "Erf", "Add", "Mul", "Mul_1")]
            self.node("Div", [v.name, self.fconst(f"{tag}.sqrt2", np.sqrt(2))], [names[0]],
                      tag + "_div")
            self.node("Erf", [names[0]], [names[1]], tag + "_erf")
            self.node("Add", [names[1], self.fconst(f"{tag}.one", 1.0)], [names[2]], tag + "_add")
            self.node("Mul", [v.name, names[2]], [names[3]], tag + "_mul")
            self.node("Mul", [names[3], self.fconst(f"{tag}.half", 0.5)], [names[4]], tag)
            self.fn_mul = names[4]
            return self.val(names[4], v.shape)
        if kind == "se":  # squeeze-excite: x * gate(conv(relu(conv(mean(x)))))
            g = self.gap(v)
            if r.random() < 0.7:
                g = self.pair(g, self.tag("q"))
            C = v.shape[1]
            hid = V(g.name, g.shape, g.kind, g.qp)
            t1 = self.tag("se_fc")
            w1, _ = self.weight(t1, [max(1, C // 2), C, 1, 1], 0)
            o1 = self.tname(t1, "Conv")
            b1 = self.fconst(f"{t1}.bias", r.normal(0, .1, max(1, C // 2)))
            self.node("Conv", [hid.name, w1, b1], [o1], t1, kernel_shape=[1, 1])
            h1 = self.act(self.val(o1, [v.shape[0], max(1, C // 2), 1, 1]), t1, 1.0)
            if r.random() < 0.9:
                h1 = self.pair(h1, self.tag("q"))
            t2 = self.tag("se_fc")
            w2, _ = self.weight(t2, [C, max(1, C // 2), 1, 1], 0)
            o2 = self.tname(t2, "Conv")
            self.node("Conv", [h1.name, w2], [o2], t2, kernel_shape=[1, 1])
            g2 = self.val(o2, [v.shape[0], C, 1, 1])
            if r.random() < 0.85:
                g2 = self.pair(g2, self.tag("q"))
            gop = "HardSigmoid" if r.random() < 0.5 else "Sigmoid"
            tg = self.tag("se_gate")
            og = self.tname(tg, gop)
            self.node(gop, [g2.name], [og], tg)
            gate = self.val(og, [v.shape[0], C, 1, 1])
            if r.random() < 0.8:
                gate = self.pair(gate, self.tag("q"))
            tag = self.tag("se_mul")
            out = self.tname(tag, "Mul")
            self.node("Mul", [v.name, gate.name], [out], tag)
            return self.val(out, v.shape)
        # residual: v + branch(v), then maybe Relu
        b = self.branch(v)
        if r.random() < 0.4:
            b = self.branch(b)
        tag = self.tag("add")
        out = self.tname(tag, "Add")
        self.node("Add", [v.name, b.name] if r.random() < 0.5 else [b.name, v.name], [out], tag)
        return self.act(self.val(out, v.shape), tag, 0.6)

    # --- moves: the output is what v was, moved ---------------------------
    def moved(self, v, out, shape):
        return self.val(out, shape, v.kind, qp=v.qp if v.qp and v.qp.axis is None else None)

    def reshape(self, v):
        r = self.r
        s, n = v.shape, len(v.shape)
        tag = self.tag("reshape")
        out = self.tname(tag, "Reshape")
        if n >= 3 and r.random() < 0.2:  # torch FX's flatten: Concat(Slice(Shape(x)), [-1])
            sh, sl, cc = (self.tname(f"{tag}_{o}", o) for o in ("Shape", "Slice", "Concat"))
            self.node("Shape", [v.name], [sh], tag + "_shape")
            self.node("Slice", [sh, self.i64(f"{tag}.starts", [0]), self.i64(f"{tag}.ends", [1]),
                                self.i64(f"{tag}.axes", [0])], [sl], tag + "_slice")
            self.node("Concat", [sl, self.i64(f"{tag}.minus_one", [-1])], [cc], tag + "_concat",
                      axis=0)
            self.node("Reshape", [v.name, cc], [out], tag)
            return self.moved(v, out, [s[0], int(np.prod(s[1:]))])
        total = int(np.prod(s))
        u = r.random()
        if n >= 3 and u < 0.4:
            shape = [s[0], total // s[0]]
        elif n >= 3 and u < 0.7:
            d = int(r.integers(0, n - 1))
            shape = s[:d] + [s[d] * s[d + 1]] + s[d + 2:]
        else:  # split a dimension in two
            d = [i for i, x in enumerate(s) if x > 1 and x % 2 == 0]
            if not d or n >= 4:
                shape = [total] + [1] if n < 4 else [s[0], total // s[0]]
            else:
                d = d[int(r.integers(len(d)))]
                shape = s[:d] + [2, s[d] // 2] + s[d + 1:]
        written = list(shape)
        if r.random() < 0.3:
            written[int(r.integers(len(written)))] = -1
        if r.random() < 0.2 and written[0] == s[0]:
            written[0] = 0  # copy the input's dimension
        attrs = {"allowzero": 0} if self.opset >= 14 and r.random() < 0.05 else {}
        self.node("Reshape", [v.name, self.i64(f"{tag}.shape", written)], [out], tag, **attrs)
        return self.moved(v, out, shape)

    def flatten(self, v):
        n = len(v.shape)
        axis = 1 if self.r.random() < 0.7 else int(self.r.integers(0, n))
        tag = self.tag("flatten")
        out = self.tname(tag, "Flatten")
        self.node("Flatten", [v.name], [out], tag, **({"axis": axis} if axis != 1 or
                                                       self.r.random() < 0.5 else {}))
        a = int(np.prod(v.shape[:axis]))
        return self.moved(v, out, [a, int(np.prod(v.shape)) // a])

    def transpose(self, v):
        r = self.r
        n = len(v.shape)
        if n < 2:
            return None
        tag = self.tag("transpose")
        out = self.tname(tag, "Transpose")
        perms = {4: [[0, 2, 3, 1], [0, 3, 1, 2], [0, 1, 3, 2], [0, 2, 1, 3]],
                 3: [[0, 2, 1], [1, 0, 2], [2, 0, 1]], 2: [[1, 0]]}[n] if n <= 4 else None
        if r.random() < 0.05:
            perm, attrs = list(range(n))[::-1], {}
        else:
            perm = perms[int(r.integers(len(perms)))] if r.random() < 0.8 else \
                [int(x) for x in r.permutation(n)]
            attrs = {"perm": perm}
        self.node("Transpose", [v.name], [out], tag, **attrs)
        return self.moved(v, out, [v.shape[p] for p in perm])

    def squeeze(self, v):
        ones = [d for d, x in enumerate(v.shape) if x == 1]
        if not ones or len(v.shape) - len(ones) < 1:
            return None
        tag = self.tag("squeeze")
        out = self.tname(tag, "Squeeze")
        ins = [v.name]
        if self.r.random() < 0.85:
            k = int(self.r.integers(1, len(ones) + 1))
            ones = ones[-k:]
            ins.append(self.i64(f"{tag}.axes", ones))
        self.node("Squeeze", ins, [out], tag)
        return self.moved(v, out, [x for d, x in enumerate(v.shape) if d not in ones])

    def unsqueeze(self, v):
        n = len(v.shape)
        if n >= 4:
            return None
        tag = self.tag("unsqueeze")
        out = self.tname(tag, "Unsqueeze")
        a = int(self.r.integers(0, n + 1))
        self.node("Unsqueeze", [v.name, self.i64(f"{tag}.axes", [a - n - 1 if self.r.random() < .2
                                                                else a])], [out], tag)
        return self.moved(v, out, v.shape[:a] + [1] + v.shape[a:])

    def identity(self, v):
        tag = self.tag("identity")
        out = self.tname(tag, "Identity")
        self.node("Identity", [v.name], [out], tag)
        return self.moved(v, out, v.shape)

    def resize(self, v):
        r = self.r
        if len(v.shape) != 4 or v.shape[2] > 8:
            return None
        tag = self.tag("resize")
        fh, fw = (2, 2) if r.random() < 0.8 else (2, 1)
        shape = [v.shape[0], v.shape[1], v.shape[2] * fh, v.shape[3] * fw]
        roi = "" if r.random() < 0.6 else self.fconst(f"{tag}.roi", np.zeros(0))
        if r.random() < 0.75:
            ins = [v.name, roi, self.fconst(f"{tag}.scales", [1, 1, fh, fw])]
        else:
            ins = [v.name, roi, "", self.i64(f"{tag}.sizes", shape)]
        attrs = {}
        if r.random() < 0.8:
            attrs["mode"] = "nearest"
        ctm = self.pick({"asymmetric": 4, None: 3, "align_corners": 1, "pytorch_half_pixel": 1})
        if ctm:
            attrs["coordinate_transformation_mode"] = ctm
        nm = self.pick({"floor": 4, None: 4, "round_prefer_ceil": 1, "ceil": 1})
        if nm:
            attrs["nearest_mode"] = nm
        out = self.tname(tag, "Resize")
        self.node("Resize", ins, [out], tag, **attrs)
        return self.moved(v, out, shape)

    def slice(self, v):
        r = self.r
        n = len(v.shape)
        axes = [d for d in range(n) if v.shape[d] > 1]
        if not axes:
            return None
        axes = sorted(int(a) for a in r.choice(axes, min(len(axes), int(r.choice([1, 1, 2]))),
                                              replace=False))
        starts, ends, steps, shape = [], [], [], list(v.shape)
        for a in axes:
            d = v.shape[a]
            step = int(r.choice([1] * 10 + [2, 2, -1]))
            if step > 0:
                st = int(r.integers(0, d - 1))
                en = int(r.integers(st + 1, d + 1))
                if en == d and r.random() < 0.4:
                    en = I64MAX
                elif en < d and r.random() < 0.2:
                    en -= d
                if r.random() < 0.2:
                    st -= d
            else:
                st, en = -1 if r.random() < 0.5 else d - 1, -I64MAX
            starts.append(st)
            ends.append(en)
            steps.append(step)
            shape[a] = len(range(d)[slice(st, en, step)])
        tag = self.tag("slice")
        out = self.tname(tag, "Slice")
        ins = [v.name, self.i64(f"{tag}.starts", starts), self.i64(f"{tag}.ends", ends),
               self.i64(f"{tag}.axes", [a - n if r.random() < 0.2 else a for a in axes])]
        if any(s != 1 for s in steps) or r.random() < 0.5:
            ins.append(self.i64(f"{tag}.steps", steps))
        self.node("Slice", ins, [out], tag)
        return self.moved(v, out, shape)

    def split(self, v):
        r = self.r
        n = len(v.shape)
        axes = [d for d in range(n) if v.shape[d] >= 2]
        if not axes:
            return None
        a = axes[int(r.integers(len(axes)))]
        d = v.shape[a]
        k = 3 if d >= 3 and r.random() < 0.3 else 2
        tag = self.tag("split")
        ins, attrs = [v.name], {"axis": a} if a or r.random() < 0.5 else {}
        if d % k == 0 and r.random() < 0.4:
            sizes = [d // k] * k
            if self.opset >= 18:
                attrs["num_outputs"] = k
        else:
            cut = sorted(int(c) for c in r.choice(np.arange(1, d), k - 1, replace=False))
            sizes = [b - a_ for a_, b in zip([0] + cut, cut + [d])]
            ins.append(self.i64(f"{tag}.split", sizes))
        outs = [self.tname(tag, "Split") + f"_{j}" for j in range(k)]
        self.node("Split", ins, outs, tag, **attrs)
        vs = []
        for o, s in zip(outs, sizes):
            shape = list(v.shape)
            shape[a] = s
            vs.append(self.moved(v, o, shape))
        for w in vs[1:]:
            self.add(w)
        return vs[0]

    def depth_to_space(self, v):
        if len(v.shape) != 4 or v.shape[1] % 4:
            return None
        tag = self.tag("d2s")
        out = self.tname(tag, "DepthToSpace")
        mode = self.pick({None: 2, "DCR": 1, "CRD": 2})
        self.node("DepthToSpace", [v.name], [out], tag, blocksize=2,
                  **({"mode": mode} if mode else {}))
        N, C, H, W = v.shape
        return self.moved(v, out, [N, C // 4, H * 2, W * 2])

    def space_to_depth(self, v):
        if len(v.shape) != 4 or v.shape[2] % 2 or v.shape[3] % 2:
            return None
        tag = self.tag("s2d")
        out = self.tname(tag, "SpaceToDepth")
        self.node("SpaceToDepth", [v.name], [out], tag, blocksize=2)
        N, C, H, W = v.shape
        return self.moved(v, out, [N, C * 4, H // 2, W // 2])

    def pad(self, v):
        r = self.r
        n = len(v.shape)
        if n < 2:
            return None
        tag = self.tag("pad")
        pads = [0] * (2 * n)
        for d in range(max(0, n - 2), n):
            pads[d], pads[n + d] = (int(x) for x in r.integers(0, 3, 2))
        mode = self.pick({None: 10, "constant": 8, "reflect": 1, "edge": 1})
        if mode == "reflect" and any(pads[d] >= v.shape[d] or pads[n + d] >= v.shape[d]
                                     for d in range(n)):
            mode = "edge"
        ins = [v.name]
        axes = self.opset >= 18 and r.random() < 0.2
        ins.append(self.i64(f"{tag}.pads", pads[n - 2:n] + pads[2 * n - 2:] if axes else pads))
        cv = r.random()
        if mode in (None, "constant") and cv < 0.3:
            ins.append(self.fconst(f"{tag}.value", 0.0 if cv < 0.25 else 1.0))
        elif axes:
            ins.append("")
        if axes:
            ins.append(self.i64(f"{tag}.axes", [n - 2, n - 1]))
        out = self.tname(tag, "Pad")
        self.node("Pad", ins, [out], tag, **({"mode": mode} if mode else {}))
        return self.moved(v, out, [x + pads[d] + pads[n + d] for d, x in enumerate(v.shape)])

    def expand(self, v):
        r = self.r
        tag = self.tag("expand")
        shape = list(v.shape)
        ones = [d for d, x in enumerate(shape) if x == 1]
        if ones and r.random() < 0.1:
            shape[ones[int(r.integers(len(ones)))]] = int(r.integers(2, 5))
        written = list(shape)
        if r.random() < 0.2:
            written = [1] * len(shape)  # broadcasting to ones changes nothing
            shape = list(v.shape)
        out = self.tname(tag, "Expand")
        self.node("Expand", [v.name, self.i64(f"{tag}.shape", written)], [out], tag)
        return self.moved(v, out, shape)

    def gather(self, v):
        r = self.r
        n = len(v.shape)
        axis = int(r.integers(0, n))
        d = v.shape[axis]
        tag = self.tag("gather")
        if r.random() < 0.3 and n >= 2:
            idx = np.array(int(r.integers(-d, d)))
            shape = v.shape[:axis] + v.shape[axis + 1:]
        else:
            step = int(r.choice([1, 2])) if d > 2 else 1
            st = int(r.integers(0, d))
            idx = np.arange(st, d, step)[: int(r.integers(1, d + 1))]
            shape = v.shape[:axis] + [len(idx)] + v.shape[axis + 1:]
        dt = np.int64 if r.random() < 0.85 else np.int32
        ind = self.const(nh.from_array(idx.astype(dt), f"{tag}.indices"))
        out = self.tname(tag, "Gather")
        self.node("Gather", [v.name, ind], [out], tag,
                  **({"axis": axis} if axis or r.random() < 0.5 else {}))
        return self.moved(v, out, shape)

    COMPUTE = {"conv": 14, "gemm": 6, "matmul": 6, "binary": 10, "reduce": 4, "softmax": 3,
               "layernorm": 2, "pool2d": 5, "gap": 3, "concat": 4, "bn": 3, "unary": 14,
               "composite": 8}
    MOVES = {"reshape": 3, "flatten": 2, "transpose": 2, "squeeze": 1, "unsqueeze": 1,
             "identity": 1, "resize": 2, "slice": 2, "split": 1, "depth_to_space": 1,
             "space_to_depth": 2, "pad": 1, "expand": 1, "gather": 1}

    def step(self, v):
        table = dict(self.COMPUTE)
        table.update(self.MOVES)
        for _ in range(20):
            op = self.pick(table)
            y = getattr(self, op)(v)
            if y is not None:
                return y, op in self.MOVES
        return self.unary(v), False

    # What the conversion chains without a QuantizeLinear between: functions
    # (tables), max pools and Relu on codes, averages read by products.
    CHAINS = set(FUNCS) | {"MaxPool", "GlobalAveragePool", "AveragePool", "ReduceMean"}

    def chains(self, y):
        made = [n.op_type for n in self.nodes if y.name in n.output]
        return bool(made) and (made[0] in self.CHAINS and y.name not in self.acts
                               or self.fn_mul == y.name)

    def out_info(self, name, t, shape):
        if self.r.random() < 0.05:  # a dynamic batch, as exporters' dynamic_axes write it
            shape = ["batch"] + list(shape[1:])
        return h.make_tensor_value_info(name, t, shape)

    def finish(self, v):
        """v as a graph output: usually through Q -> DQ; sometimes the codes,
        rarely the float itself (which npc refuses)."""
        r = self.r
        if v.kind == "f":
            u = r.random()
            if u < 0.04:
                self.outputs.append(self.out_info(v.name, T.FLOAT, v.shape))
                return
            if u < 0.16:
                q = self.pair(v, self.tag("q_out"), dq=False)
                self.outputs.append(self.out_info(q.name, q.qp.t, q.shape))
                return
            v = self.pair(v, self.tag("q_out"))
        self.outputs.append(self.out_info(v.name, T.FLOAT, v.shape))

    def build(self):
        r = self.r
        rank = int(r.choice([2, 3, 4], p=[0.25, 0.25, 0.5]))
        shape = {2: lambda: [int(r.integers(1, 5)), int(r.integers(1, 9))],
                 3: lambda: [int(r.integers(1, 3))] + [int(x) for x in r.integers(1, 9, 2)],
                 4: lambda: [int(r.integers(1, 3)), int(r.integers(1, 9))]
                 + [int(x) for x in r.integers(3, 9, 2)]}[rank]()
        x = self.val("x" if r.random() < 0.7 else "input", shape)
        cur = self.add(self.pair(x, self.tag("q_in") if not self.qonnx else "input_quant",
                                 self.qparams(shape, per_channel=False)))
        self.read(cur)
        self.frontier = [cur]
        nops = int(r.integers(1, 7))
        for k in range(nops):
            v = cur if r.random() < 0.75 or len(self.pool) < 2 else \
                self.pool[int(r.integers(len(self.pool)))]
            self.read(v)
            y, move = self.step(v)
            last = k == nops - 1
            u = r.random()
            keep = 0.55 if self.chains(y) else 0.96  # mostly quantized, as exporters do
            if y.kind == "f" and not last and u < keep or y.kind == "dq" and move and u < 0.3:
                qp = v.qp if move and v.qp and v.qp.axis is None and r.random() < 0.7 else None
                yq = self.pair(y, self.tag("q"), qp)
                if y.kind == "f" and r.random() < 0.1:  # read by two QuantizeLinears
                    self.add(self.pair(y, self.tag("q")))
                elif y.kind == "f" and r.random() < 0.12:  # by a QuantizeLinear and a float op
                    self.pool.append(y)
                y = yq
            cur = self.add(y)
        outs = [cur] + [f for f in self.frontier if f is not cur]
        # Leftover branches: a residual Add into the last value, else extra outputs.
        for f in outs[1:]:
            if f.shape == cur.shape and r.random() < 0.5:
                tag = self.tag("add")
                out = self.tname(tag, "Add")
                self.node("Add", [cur.name, f.name], [out], tag)
                cur = self.val(out, cur.shape)
                outs.remove(f)
        outs[0] = cur
        outs = outs[:3]
        if len(outs) == 1 and r.random() < 0.1 and len(self.pool) > 2:
            mid = self.pool[int(r.integers(len(self.pool) - 1))]
            if mid.kind == "dq" and mid.name != x.name and mid is not cur:
                outs.append(mid)
        seen = set()
        for o in outs:
            if o.name not in seen:
                seen.add(o.name)
                self.finish(o)
        nodes = self.nodes
        if r.random() < 0.12:
            nodes = self.shuffled(nodes)
        g = h.make_graph(nodes, "qdq_case", [h.make_tensor_value_info(x.name, T.FLOAT, shape)],
                         self.outputs, self.inits)
        m = h.make_model(g, opset_imports=[h.make_opsetid(d, v) for d, v in self.domains.items()],
                         producer_name="gen_qdq_cases")
        m.ir_version = IR[self.opset]
        return m

    def shuffled(self, nodes):
        """Another topological order: npc must not depend on the file's."""
        made = {o: i for i, n in enumerate(nodes) for o in n.output}
        deps = [{made[x] for x in n.input if x in made} for n in nodes]
        done, order = set(), []
        while len(order) < len(nodes):
            ready = [i for i in range(len(nodes)) if i not in done and deps[i] <= done]
            i = ready[int(self.r.integers(len(ready)))]
            done.add(i)
            order.append(nodes[i])
        return order


def make_case(seed, i):
    """Case i of seed: (model, shapes the generator computed)."""
    c = Case(np.random.default_rng([seed, i]))
    return c.build(), c.shapes


def check(model, shapes):
    """Whether onnx.checker passes and strict shape inference agrees with the
    generator's shapes; None where the installed onnx does not know the opset
    (Debian's 1.12 stops at 17) or the types."""
    if model.opset_import[0].version > onnx.defs.onnx_opset_version() or any(
            t.data_type in (UINT4, INT4, UINT2, INT2) for t in model.graph.initializer):
        return None
    try:
        onnx.checker.check_model(model)
        inferred = onnx.shape_inference.infer_shapes(model, strict_mode=True)
    except Exception:
        return False
    for vi in list(inferred.graph.value_info) + list(inferred.graph.output):
        dims = [d.dim_value for d in vi.type.tensor_type.shape.dim]
        if (vi.name in shapes and vi.type.tensor_type.HasField("shape") and all(dims)
                and dims != shapes[vi.name]):
            return False
    return True


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--count", type=int, default=100)
    ap.add_argument("--out", required=True)
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    opsets, qonnx, nodes, checked, bad = {}, 0, 0, 0, 0
    for i in range(a.count):
        m, shapes = make_case(a.seed, i)
        op = m.opset_import[0].version
        opsets[op] = opsets.get(op, 0) + 1
        qonnx += any(n.op_type == "Quant" for n in m.graph.node)
        nodes += len(m.graph.node)
        if a.check:
            ok = check(m, shapes)
            checked += ok is not None
            bad += ok is False
        onnx.save(m, os.path.join(a.out, f"case_{a.seed}_{i}.onnx"))
    ops = " ".join(f"{k}:{v}" for k, v in sorted(opsets.items()))
    extra = f"; checked {checked}, {bad} failed" if a.check else ""
    print(f"wrote {a.count} models to {a.out} (seed {a.seed}; opsets {ops}; {qonnx} with QONNX "
          f"Quant; {nodes / max(a.count, 1):.1f} nodes each){extra}")


if __name__ == "__main__":
    sys.exit(main())
