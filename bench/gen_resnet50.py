#!/usr/bin/python3
"""Writes a ResNet-50-shaped INT8 QDQ ONNX model with random weights.

  gen_resnet50.py OUT.onnx [--input OUT.input.npy] [--seed S] [--size 224] [--bits 8|4|2]
                  [--depth 18|34|50|101|152] [--residual-scales]

Bottleneck stages 3-4-6-3 (widths 64/128/256/512, expansion 4), 7x7/2 stem,
3x3/2 max pool, global average pool, 1000-way Gemm: the layer shapes of
ResNet-50 v1.5, ~25.5 M weights, ~4.1 GMAC at 224x224. Weights are int8 per
output channel; activations uint8 per tensor. Scales are set from the
expected magnitudes so that activations keep a spread of values.
--depth 18 and 34 use basic blocks (two 3x3 convolutions, no expansion),
101 and 152 more bottlenecks. --residual-scales quantizes each block's
last convolution at its own scale (1.37x the shortcut's), as onnxruntime's
and PyTorch's quantizers do, so every residual Add has inputs of two scales.
"""
import argparse

import numpy as np
import onnx
from onnx import TensorProto as TP
from onnx import helper as h
from onnx import numpy_helper as nh


def packed(name, values, bits, signed, shape):
    """An INT4/UINT4 or INT2/UINT2 initializer: raw data, 8 / bits values per byte,
    lowest bits first (onnx 1.12's helpers predate these types)."""
    v = np.asarray(values, dtype=np.int64).reshape(-1) & ((1 << bits) - 1)
    out = np.zeros((len(v) * bits + 7) // 8, dtype=np.uint8)
    np.bitwise_or.at(out, (np.arange(len(v)) * bits) // 8,
                     (v << ((np.arange(len(v)) * bits) % 8)).astype(np.uint8))
    t = onnx.TensorProto()
    t.name, t.data_type = name, {(4, True): 22, (4, False): 21, (2, True): 26,
                                 (2, False): 25}[(bits, signed)]
    t.dims.extend(shape)
    t.raw_data = out.tobytes()
    return t


class Builder:
    def __init__(self, seed, bits=8):
        self.rng = np.random.default_rng(seed)
        self.nodes, self.inits, self.n = [], [], 0
        self.bits = bits  # weights and hidden activations

    def name(self, base):
        self.n += 1
        return f"{base}_{self.n}"

    def init(self, base, arr):
        nm = self.name(base)
        self.inits.append(nh.from_array(np.asarray(arr), nm))
        return nm

    def qdq(self, x, scale, zp=0, dtype=np.uint8, bits=8):
        """QuantizeLinear -> DequantizeLinear of a float tensor name."""
        s = self.init("s", np.float32(scale))
        if bits == 8:
            z = self.init("zp", dtype(zp))
        else:
            z = self.name("zp")
            self.inits.append(packed(z, [zp], bits, dtype == np.int8, []))
        q, d = self.name("q"), self.name("dq")
        self.nodes.append(h.make_node("QuantizeLinear", [x, s, z], [q], name=q))
        self.nodes.append(h.make_node("DequantizeLinear", [q, s, z], [d], name=d))
        return d

    def conv(self, x, cin, cout, k, stride, x_scale, out_scale, relu=True):
        fan_in = cin * k * k
        wmax = 2 ** (self.bits - 1) - 1
        w = self.rng.integers(-wmax, wmax + 1, size=(cout, cin, k, k), dtype=np.int8)
        # Per-channel weight scales near He init: std(w_real) ~ sqrt(2 / fan_in).
        ws = (np.sqrt(2.0 / fan_in) / (wmax / 1.73) * self.rng.uniform(0.8, 1.2, cout)).astype(np.float32)
        wsn = self.init("ws", ws)
        if self.bits == 8:
            wq, wz = self.init("w", w), self.init("wz", np.zeros(cout, np.int8))
        else:
            wq, wz = self.name("w"), self.name("wz")
            self.inits += [packed(wq, w, self.bits, True, list(w.shape)),
                           packed(wz, np.zeros(cout), self.bits, True, [cout])]
        wd = self.name("wdq")
        self.nodes.append(h.make_node("DequantizeLinear", [wq, wsn, wz], [wd], name=wd, axis=0))
        b = self.rng.integers(-1000, 1000, size=cout, dtype=np.int32)
        bq, bs, bz = self.init("b", b), self.init("bs", (ws * np.float32(x_scale)).astype(np.float32)), \
            self.init("bz", np.zeros(cout, np.int32))
        bd = self.name("bdq")
        self.nodes.append(h.make_node("DequantizeLinear", [bq, bs, bz], [bd], name=bd, axis=0))
        y = self.name("conv")
        self.nodes.append(h.make_node("Conv", [x, wd, bd], [y], name=y, kernel_shape=[k, k],
                                      strides=[stride, stride], pads=[k // 2] * 4))
        if relu:
            r = self.name("relu")
            self.nodes.append(h.make_node("Relu", [y], [r], name=r))
            y = r
        return self.qdq(y, out_scale, bits=self.bits)


BLOCKS = {18: [2, 2, 2, 2], 34: [3, 4, 6, 3], 50: [3, 4, 6, 3], 101: [3, 4, 23, 3],
          152: [3, 8, 36, 3]}
BASIC = (18, 34)  # two 3x3 convolutions per block, no expansion


def build(seed, size, bits=8, depth=50, residual_scales=False):
    b = Builder(seed, bits)
    x = b.qdq("input", 1.0 / 64, 128)
    act = 0.05 * 255 / (2 ** bits - 1)  # activation scale used throughout
    y = b.conv(x, 3, 64, 7, 2, 1.0 / 64, act)
    p = b.name("maxpool")
    b.nodes.append(h.make_node("MaxPool", [y], [p], name=p, kernel_shape=[3, 3], strides=[2, 2],
                               pads=[1, 1, 1, 1]))
    y = b.qdq(p, act, bits=bits)
    cin = 64
    branch = act * 1.37 if residual_scales else act  # the block's last convolution's scale
    for stage, (blocks, width) in enumerate(zip(BLOCKS[depth], [64, 128, 256, 512])):
        for i in range(blocks):
            stride = 2 if (i == 0 and stage > 0) else 1
            if depth in BASIC:
                cout = width
                t = b.conv(y, cin, width, 3, stride, act, act)
                t = b.conv(t, width, cout, 3, 1, act, branch, relu=False)
            else:
                cout = width * 4
                t = b.conv(y, cin, width, 1, 1, act, act)
                t = b.conv(t, width, width, 3, stride, act, act)
                t = b.conv(t, width, cout, 1, 1, act, branch, relu=False)
            short = y if (cin == cout and stride == 1) else \
                b.conv(y, cin, cout, 1, stride, act, act, relu=False)
            s = b.name("add")
            b.nodes.append(h.make_node("Add", [t, short], [s], name=s))
            r = b.name("relu")
            b.nodes.append(h.make_node("Relu", [s], [r], name=r))
            y = b.qdq(r, act, bits=bits)
            cin = cout
    g = b.name("gap")
    b.nodes.append(h.make_node("GlobalAveragePool", [y], [g], name=g))
    g = b.qdq(g, act, bits=bits)
    f = b.name("flatten")
    b.nodes.append(h.make_node("Flatten", [g], [f], name=f))
    w = b.rng.integers(-127, 128, size=(1000, cin), dtype=np.int8)
    ws = np.float32(np.sqrt(1.0 / cin) / 73.0)
    wq, wsn, wz = b.init("fcw", w), b.init("fcws", ws), b.init("fcwz", np.int8(0))
    wd = b.name("fcwdq")
    b.nodes.append(h.make_node("DequantizeLinear", [wq, wsn, wz], [wd], name=wd))
    fc = b.name("fc")
    b.nodes.append(h.make_node("Gemm", [f, wd], [fc], name=fc, transB=1))
    out = b.qdq(fc, 0.02, 128)
    b.nodes.append(h.make_node("Identity", [out], ["logits"], name="output"))
    graph = h.make_graph(b.nodes, "resnet50_int8", [h.make_tensor_value_info("input", TP.FLOAT, [1, 3, size, size])],
                         [h.make_tensor_value_info("logits", TP.FLOAT, [1, 1000])], b.inits)
    # INT4 types came with opset 21 (IR 10), INT2 with opset 25 (IR 11).
    opset, ir = {8: (13, 8), 4: (21, 10), 2: (25, 11)}[bits]
    m = h.make_model(graph, opset_imports=[h.make_opsetid("", opset)])
    m.ir_version = ir
    return m


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("--input", help="also write a random input .npy")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--size", type=int, default=224)
    ap.add_argument("--bits", type=int, choices=[8, 4, 2], default=8,
                    help="weights and hidden activations (stem input and logits stay 8-bit)")
    ap.add_argument("--depth", type=int, choices=sorted(BLOCKS), default=50,
                    help="ResNet-18 or -34 (basic blocks), -50, -101 or -152 (bottlenecks)")
    ap.add_argument("--residual-scales", action="store_true",
                    help="each block's last convolution at its own scale (two-scale Adds)")
    args = ap.parse_args()
    onnx.save(build(args.seed, args.size, args.bits, args.depth, args.residual_scales), args.out)
    if args.input:
        rng = np.random.default_rng(args.seed + 1)
        np.save(args.input, rng.uniform(-2, 2, size=(1, 3, args.size, args.size)).astype(np.float32))


if __name__ == "__main__":
    main()
