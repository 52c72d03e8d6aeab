#!/usr/bin/env python3
"""Small hand-made ONNX models for the lit tests: `models.py NAME OUT.onnx`.

Each model is tiny and deterministic so that FileCheck lines can name exact
shapes, scales and zero points. Names starting with `bad_` are malformed or
unsupported on purpose.
"""
import sys

import numpy as np
import onnx
from onnx import TensorProto as TP
from onnx import helper as h
from onnx import numpy_helper as nh


def init(name, arr):
    return nh.from_array(np.asarray(arr), name)


def model(nodes, inputs, outputs, inits, opset=13):
    g = h.make_graph(nodes, "g", inputs, outputs, inits)
    m = h.make_model(g, opset_imports=[h.make_opsetid("", opset)])
    m.ir_version = 8
    return m


def vi(name, elem, shape):
    return h.make_tensor_value_info(name, elem, shape)


def qdq_input(shape, scale=0.05, zp=128, dtype=np.uint8):
    """float input -> QuantizeLinear -> DequantizeLinear ('xq' -> 'xd')."""
    nodes = [h.make_node("QuantizeLinear", ["x", "xs", "xz"], ["xq"], name="quant_in"),
             h.make_node("DequantizeLinear", ["xq", "xs", "xz"], ["xd"], name="dequant_in")]
    inits = [init("xs", np.float32(scale)), init("xz", dtype(zp))]
    return nodes, [vi("x", TP.FLOAT, shape)], inits


def qdq_output(src, scale=0.1, zp=0, dtype=np.uint8, name="y"):
    nodes = [h.make_node("QuantizeLinear", [src, "ys", "yz"], ["yq"], name="quant_out"),
             h.make_node("DequantizeLinear", ["yq", "ys", "yz"], [name], name="dequant_out")]
    inits = [init("ys", np.float32(scale)), init("yz", dtype(zp))]
    return nodes, inits


def conv_weights(oc, icpg, k, per_channel=True, prefix="w"):
    rng = np.random.default_rng(oc * 100 + icpg * 10 + k)
    w = rng.integers(-20, 21, size=(oc, icpg, k, k)).astype(np.int8)
    scales = (np.arange(1, oc + 1, dtype=np.float32) * 0.01) if per_channel else np.float32(0.02)
    zps = np.zeros(oc, np.int8) if per_channel else np.int8(0)
    inits = [init(prefix + "q", w), init(prefix + "s", scales), init(prefix + "z", zps)]
    node = h.make_node("DequantizeLinear", [prefix + "q", prefix + "s", prefix + "z"],
                       [prefix + "d"], name="dequant_" + prefix, axis=0)
    return [node], inits


def qdq_conv(act=None, **conv_attrs):
    c_in, c_out = conv_attrs.pop("c_in", 2), conv_attrs.pop("c_out", 3)
    group = conv_attrs.get("group", 1)
    k = conv_attrs.pop("k", 3)
    hw = conv_attrs.pop("hw", (5, 6))
    nodes, inputs, inits = qdq_input([1, c_in, *hw])
    wn, wi = conv_weights(c_out, c_in // group, k)
    nodes += wn
    inits += wi
    inits += [init("bq", np.arange(c_out, dtype=np.int32) * 7 - 5),
              init("bs", np.float32(0.05) * np.arange(1, c_out + 1, dtype=np.float32) * 0.01),
              init("bz", np.zeros(c_out, np.int32))]
    nodes.append(h.make_node("DequantizeLinear", ["bq", "bs", "bz"], ["bd"], name="dequant_b", axis=0))
    nodes.append(h.make_node("Conv", ["xd", "wd", "bd"], ["c"], name="conv1", **conv_attrs))
    src = "c"
    if act == "relu":
        nodes.append(h.make_node("Relu", ["c"], ["r"], name="relu1"))
        src = "r"
    elif act == "clip":
        inits += [init("lo", np.float32(0.0)), init("hi", np.float32(6.0))]
        nodes.append(h.make_node("Clip", ["c", "lo", "hi"], ["r"], name="clip1"))
        src = "r"
    on, oi = qdq_output(src)
    return model(nodes + on, inputs, [vi("y", TP.FLOAT, None)], inits + oi)


def qdq_unary(op, shape, extra_inits=(), out_scale=0.05, out_zp=128, **attrs):
    nodes, inputs, inits = qdq_input(shape)
    nodes.append(h.make_node(op, ["xd"] + [n for n, _ in extra_inits], ["p"], name=op.lower() + "1", **attrs))
    inits += [init(n, a) for n, a in extra_inits]
    on, oi = qdq_output("p", scale=out_scale, zp=out_zp)
    return model(nodes + on, inputs, [vi("y", TP.FLOAT, None)], inits + oi)


def gemm(trans_b=1, alpha=1.0, beta=1.0):
    nodes, inputs, inits = qdq_input([2, 4])
    w = np.arange(-6, 6, dtype=np.int8).reshape(3, 4) if trans_b else np.arange(-6, 6, dtype=np.int8).reshape(4, 3)
    inits += [init("wq", w), init("ws", np.float32(0.02)), init("wz", np.int8(0)),
              init("cq", np.array([10, -20, 30], np.int32)), init("cs", np.float32(0.001)),
              init("cz", np.int32(0))]
    nodes += [h.make_node("DequantizeLinear", ["wq", "ws", "wz"], ["wd"], name="dequant_w"),
              h.make_node("DequantizeLinear", ["cq", "cs", "cz"], ["cd"], name="dequant_c"),
              h.make_node("Gemm", ["xd", "wd", "cd"], ["g"], name="gemm1", transB=trans_b,
                          alpha=alpha, beta=beta)]
    on, oi = qdq_output("g")
    return model(nodes + on, inputs, [vi("y", TP.FLOAT, None)], inits + oi)


def big_gemm(k=128, n=64):
    """x[1,k] @ W[n,k]^T with 8 KiB of int8 weights: more than a tiny target's core holds."""
    nodes, inputs, inits = qdq_input([1, k])
    w = np.random.default_rng(7).integers(-20, 21, size=(n, k)).astype(np.int8)
    inits += [init("wq", w), init("ws", np.float32(0.01)), init("wz", np.int8(0))]
    nodes += [h.make_node("DequantizeLinear", ["wq", "ws", "wz"], ["wd"], name="dequant_w"),
              h.make_node("Gemm", ["xd", "wd"], ["g"], name="big_gemm", transB=1)]
    on, oi = qdq_output("g", scale=0.5, zp=128)
    return model(nodes + on, inputs, [vi("y", TP.FLOAT, None)], inits + oi)


def qlinearconv():
    w = np.array([[[[1, -2], [3, -4]]], [[[5, 6], [-7, 8]]]], np.int8)
    n = h.make_node("QLinearConv", ["x", "xs", "xz", "w", "ws", "wz", "ys", "yz", "b"], ["y"],
                    name="qconv", pads=[1, 0, 0, 1], strides=[1, 2])
    inits = [init("xs", np.float32(0.1)), init("xz", np.uint8(10)), init("w", w),
             init("ws", np.array([0.5, 0.25], np.float32)), init("wz", np.zeros(2, np.int8)),
             init("ys", np.float32(0.2)), init("yz", np.uint8(100)),
             init("b", np.array([3, -4], np.int32))]
    return model([n], [vi("x", TP.UINT8, [1, 1, 4, 5])], [vi("y", TP.UINT8, None)], inits, opset=10)


def qlinearmatmul():
    n = h.make_node("QLinearMatMul", ["a", "as", "az", "b", "bs", "bz", "ys", "yz"], ["y"], name="qmm")
    inits = [init("as", np.float32(0.1)), init("az", np.uint8(10)),
             init("b", np.arange(6, dtype=np.uint8).reshape(3, 2)), init("bs", np.float32(0.5)),
             init("bz", np.uint8(2)), init("ys", np.float32(0.3)), init("yz", np.uint8(7))]
    return model([n], [vi("a", TP.UINT8, [2, 3])], [vi("y", TP.UINT8, None)], inits, opset=10)


def convinteger():
    n = h.make_node("ConvInteger", ["x", "w", "xz"], ["y"], name="cint", pads=[1, 1, 1, 1])
    inits = [init("w", np.ones((1, 1, 2, 2), np.uint8)), init("xz", np.uint8(1))]
    return model([n], [vi("x", TP.UINT8, [1, 1, 3, 3])], [vi("y", TP.INT32, None)], inits, opset=10)


def matmulinteger():
    n = h.make_node("MatMulInteger", ["a", "b", "az", "bz"], ["y"], name="mmint")
    inits = [init("b", np.arange(6, dtype=np.int8).reshape(3, 2)), init("az", np.uint8(12)),
             init("bz", np.int8(1))]
    return model([n], [vi("a", TP.UINT8, [4, 3])], [vi("y", TP.INT32, None)], inits, opset=10)


def residual_add():
    nodes, inputs, inits = qdq_input([1, 2, 3, 3])
    inits += [init("s2", np.float32(0.07)), init("z2", np.uint8(120))]
    nodes += [h.make_node("QuantizeLinear", ["xd", "s2", "z2"], ["bq"], name="requant"),
              h.make_node("DequantizeLinear", ["bq", "s2", "z2"], ["bd"], name="dequant_b2"),
              h.make_node("Add", ["xd", "bd"], ["s"], name="add1"),
              h.make_node("Relu", ["s"], ["r"], name="relu1")]
    on, oi = qdq_output("r", scale=0.1, zp=0)
    return model(nodes + on, inputs, [vi("y", TP.FLOAT, None)], inits + oi)


def concat():
    nodes, inputs, inits = qdq_input([1, 2, 3, 3])
    inits += [init("s2", np.float32(0.07)), init("z2", np.uint8(120))]
    nodes += [h.make_node("QuantizeLinear", ["xd", "s2", "z2"], ["bq"], name="requant"),
              h.make_node("DequantizeLinear", ["bq", "s2", "z2"], ["bd"], name="dequant_b2"),
              h.make_node("Concat", ["xd", "bd"], ["c"], name="concat1", axis=1)]
    on, oi = qdq_output("c", scale=0.05, zp=128)
    return model(nodes + on, inputs, [vi("y", TP.FLOAT, None)], inits + oi)


def flatten_gemm():
    nodes, inputs, inits = qdq_input([1, 2, 2, 2])
    w = (np.arange(24, dtype=np.int8) - 12).reshape(3, 8)
    inits += [init("wq", w), init("ws", np.float32(0.02)), init("wz", np.int8(0))]
    nodes += [h.make_node("Flatten", ["xd"], ["f"], name="flatten1"),
              h.make_node("DequantizeLinear", ["wq", "ws", "wz"], ["wd"], name="dequant_w"),
              h.make_node("Gemm", ["f", "wd"], ["g"], name="gemm1", transB=1)]
    on, oi = qdq_output("g")
    return model(nodes + on, inputs, [vi("y", TP.FLOAT, None)], inits + oi)


def add_const():
    """y = x + [1, 2, 3, 4] at scale 1: hand-checkable through `npc reference`."""
    nodes, inputs, inits = qdq_input([1, 4], scale=1.0, zp=0, dtype=np.int8)
    inits += [init("cq", np.array([[1, 2, 3, 4]], np.int8)), init("cs", np.float32(1.0)),
              init("cz", np.int8(0))]
    nodes += [h.make_node("DequantizeLinear", ["cq", "cs", "cz"], ["cd"], name="dequant_c"),
              h.make_node("Add", ["xd", "cd"], ["s"], name="add_const")]
    on, oi = qdq_output("s", scale=1.0, zp=0, dtype=np.int8)
    return model(nodes + on, inputs, [vi("y", TP.FLOAT, None)], inits + oi)


# --- bad models -------------------------------------------------------------

def bad_unsupported_op():
    nodes, inputs, inits = qdq_input([1, 4])
    nodes.append(h.make_node("Hardmax", ["xd"], ["s"], name="hardmax1"))
    on, oi = qdq_output("s")
    return model(nodes + on, inputs, [vi("y", TP.FLOAT, None)], inits + oi)


def bad_dynamic_dim():
    nodes, inputs, inits = qdq_input(["N", 4])
    nodes.append(h.make_node("Relu", ["xd"], ["r"], name="relu1"))
    on, oi = qdq_output("r")
    return model(nodes + on, inputs, [vi("y", TP.FLOAT, None)], inits + oi)


def bad_float_output():
    nodes, inputs, inits = qdq_input([1, 2, 5, 6])
    wn, wi = conv_weights(3, 2, 3)
    nodes += wn + [h.make_node("Conv", ["xd", "wd"], ["c"], name="conv1")]
    return model(nodes, inputs, [vi("c", TP.FLOAT, None)], inits + wi)


def bad_ceil_mode():
    return qdq_unary("AveragePool", [1, 1, 5, 5], kernel_shape=[2, 2], strides=[2, 2], ceil_mode=1)


def bad_weight_not_const():
    """Gemm's B an activation (MatMul of two activations is qg.batch_matmul)."""
    nodes, inputs, inits = qdq_input([2, 4])
    inputs.append(vi("w", TP.FLOAT, [4, 3]))
    inits += [init("ws2", np.float32(0.1)), init("wz2", np.uint8(0))]
    nodes += [h.make_node("QuantizeLinear", ["w", "ws2", "wz2"], ["wq"], name="quant_w"),
              h.make_node("DequantizeLinear", ["wq", "ws2", "wz2"], ["wd"], name="dequant_w"),
              h.make_node("Gemm", ["xd", "wd"], ["m"], name="gemm1")]
    on, oi = qdq_output("m")
    return model(nodes + on, inputs, [vi("y", TP.FLOAT, None)], inits + oi)


def bad_scale_input():
    n = h.make_node("QuantizeLinear", ["x", "s", "z"], ["y"], name="quant_dyn")
    return model([n], [vi("x", TP.FLOAT, [4]), vi("s", TP.FLOAT, [])], [vi("y", TP.UINT8, None)],
                 [init("z", np.uint8(0))])


def bad_input_count():
    """An Unsqueeze of the opset-11 form (axes an attribute) in an opset-13 model."""
    nodes, inputs, inits = qdq_input([1, 4])
    nodes.append(h.make_node("Unsqueeze", ["xd"], ["u"], name="unsqueeze1", axes=[0]))
    on, oi = qdq_output("u")
    return model(nodes + on, inputs, [vi("y", TP.FLOAT, None)], inits + oi)


def bad_duplicate_output():
    """Two nodes that both write 'm' (a Relu, then a Sigmoid): not SSA."""
    nodes, inputs, inits = qdq_input([1, 4])
    nodes += [h.make_node("Relu", ["xd"], ["m"], name="relu1"),
              h.make_node("Sigmoid", ["xd"], ["m"], name="sigmoid1")]
    on, oi = qdq_output("m")
    return model(nodes + on, inputs, [vi("y", TP.FLOAT, None)], inits + oi)


def bad_opset():
    m = bad_unsupported_op()
    m.opset_import[0].version = 9
    return m


def bad_zero_scale():
    m = qdq_unary("Relu", [1, 4])
    for t in m.graph.initializer:
        if t.name == "xs":
            t.CopyFrom(init("xs", np.float32(0.0)))
    return m


def bad_raw_size():
    m = qlinearmatmul()
    for t in m.graph.initializer:
        if t.name == "b":
            t.raw_data = t.raw_data[:-1]
    return m


def bad_accumulator_overflow():
    # 127 * 255 * 70000 products cannot be summed in int32.
    k = 70000
    n = h.make_node("QLinearMatMul", ["a", "as", "az", "b", "bs", "bz", "ys", "yz"], ["y"], name="huge_mm")
    inits = [init("as", np.float32(0.1)), init("az", np.uint8(0)),
             init("b", np.full((k, 1), 127, np.int8)), init("bs", np.float32(0.5)),
             init("bz", np.int8(0)), init("ys", np.float32(0.3)), init("yz", np.uint8(0))]
    return model([n], [vi("a", TP.UINT8, [1, k])], [vi("y", TP.UINT8, None)], inits, opset=10)


# --- sub-byte (INT4/UINT4 opset 21, INT2/UINT2 opset 25) and QONNX ---------
# onnx 1.12 cannot write these types: packed raw_data by hand, element i at bit
# (i * bits) % 8 of byte i * bits // 8, low bits first.
SUBBYTE = {"uint4": (21, 4), "int4": (22, 4), "uint2": (25, 2), "int2": (26, 2)}


def clip_max_only():
    """Clip with its min input omitted (an empty name): only the max bounds."""
    nodes, inputs, inits = qdq_input([1, 4])
    nodes.append(h.make_node("Clip", ["xd", "", "cmax"], ["p"], name="clip1"))
    inits.append(init("cmax", np.float32(2.0)))
    on, oi = qdq_output("p", scale=0.05, zp=128)
    return model(nodes + on, inputs, [vi("y", TP.FLOAT, None)], inits + oi)


def constant_forms():
    """Constant nodes in ONNX's shorthand forms (opset 12 on): value_ints
    (a Reshape's shape [2, 2]) and value_float (a Mul's factor 0.5)."""
    nodes, inputs, inits = qdq_input([1, 4])
    nodes += [h.make_node("Constant", [], ["shape"], name="shape", value_ints=[2, 2]),
              h.make_node("Reshape", ["xd", "shape"], ["r"], name="reshape1"),
              h.make_node("Constant", [], ["k"], name="half", value_float=0.5),
              h.make_node("Mul", ["r", "k"], ["m"], name="mul1")]
    on, oi = qdq_output("m", scale=0.025, zp=128)
    return model(nodes + on, inputs, [vi("y", TP.FLOAT, None)], inits + oi)


def bad_constant_sparse():
    """A Constant node holding a sparse tensor."""
    nodes, inputs, inits = qdq_input([1, 4])
    sparse = h.make_sparse_tensor(init("v", np.float32([0.5])), init("i", np.int64([0])), [1])
    nodes += [h.make_node("Constant", [], ["k"], name="half", sparse_value=sparse),
              h.make_node("Mul", ["xd", "k"], ["m"], name="mul1")]
    on, oi = qdq_output("m")
    return model(nodes + on, inputs, [vi("y", TP.FLOAT, None)], inits + oi)


def bad_moved_attribute():
    """ReduceMean's axes as an attribute at opset 18, where they are input 1
    (onnxruntime rejects the model)."""
    nodes, inputs, inits = qdq_input([2, 4])
    nodes.append(h.make_node("ReduceMean", ["xd"], ["m"], name="mean", axes=[-1]))
    on, oi = qdq_output("m")
    return model(nodes + on, inputs, [vi("y", TP.FLOAT, None)], inits + oi, opset=18)


def bad_int32_data_range():
    """An int8 weight stored in int32_data with a value int8 cannot hold."""
    nodes, inputs, inits = qdq_input([1, 2])
    w = h.make_tensor("w", TP.INT8, [2, 2], [1, 300, -3, 4])
    nodes += [h.make_node("DequantizeLinear", ["w", "xs"], ["wd"], name="dequant_w"),
              h.make_node("MatMul", ["xd", "wd"], ["p"], name="mm")]
    on, oi = qdq_output("p")
    return model(nodes + on, inputs, [vi("y", TP.FLOAT, None)], inits + [w] + oi)


def packed(name, values, qtype, shape=None):
    code, bits = SUBBYTE[qtype]
    v = np.asarray(values, np.int64)
    t = TP()
    t.name, t.data_type = name, code
    t.dims.extend(v.shape if shape is None else shape)
    raw = bytearray((v.size * bits + 7) // 8)
    for i, x in enumerate(v.reshape(-1)):
        raw[i * bits // 8] |= (int(x) & ((1 << bits) - 1)) << (i * bits % 8)
    t.raw_data = bytes(raw)
    return t


def sub_model(nodes, inputs, outputs, inits, opset):
    m = model(nodes, inputs, outputs, inits, opset)
    m.ir_version = 10
    return m


def int4_conv():
    """uint4 input (zp 8) -> Conv with int4 per-channel weights -> int4 output (zp -1)."""
    w = np.array([[[[1, -8], [7, -3]]], [[[0, 2], [-1, 5]]]])
    nodes = [h.make_node("QuantizeLinear", ["x", "xs", "xz"], ["xq"], name="quant_in"),
             h.make_node("DequantizeLinear", ["xq", "xs", "xz"], ["xd"], name="dequant_in"),
             h.make_node("DequantizeLinear", ["wq", "ws", "wz"], ["wd"], name="dequant_w", axis=0),
             h.make_node("Conv", ["xd", "wd"], ["c"], name="conv4"),
             h.make_node("QuantizeLinear", ["c", "ys", "yz"], ["yq"], name="quant_out"),
             h.make_node("DequantizeLinear", ["yq", "ys", "yz"], ["y"], name="dequant_out")]
    inits = [init("xs", np.float32(0.5)), packed("xz", 8, "uint4"), packed("wq", w, "int4"),
             init("ws", np.array([0.25, 0.125], np.float32)), packed("wz", [0, 0], "int4"),
             init("ys", np.float32(0.75)), packed("yz", -1, "int4")]
    return sub_model(nodes, [vi("x", TP.FLOAT, [1, 1, 3, 3])], [vi("y", TP.FLOAT, None)], inits, 21)


def int4_matmul():
    """Hand-checkable: uint4 x (scale 1, zp 8) @ int4 W (scale 0.5) -> int4 y (scale 2)."""
    w = np.array([[1, -2, 7], [3, 1, -8], [-1, 2, 7]])
    nodes = [h.make_node("QuantizeLinear", ["x", "xs", "xz"], ["xq"], name="quant_in"),
             h.make_node("DequantizeLinear", ["xq", "xs", "xz"], ["xd"], name="dequant_in"),
             h.make_node("DequantizeLinear", ["wq", "ws"], ["wd"], name="dequant_w"),
             h.make_node("MatMul", ["xd", "wd"], ["m"], name="matmul4"),
             h.make_node("QuantizeLinear", ["m", "ys"], ["yq"], name="quant_out", output_dtype=22),
             h.make_node("DequantizeLinear", ["yq", "ys"], ["y"], name="dequant_out")]
    inits = [init("xs", np.float32(1.0)), packed("xz", 8, "uint4"), packed("wq", w, "int4"),
             init("ws", np.float32(0.5)), init("ys", np.float32(2.0))]
    return sub_model(nodes, [vi("x", TP.FLOAT, [1, 3])], [vi("y", TP.FLOAT, None)], inits, 21)


def int2_gemm():
    """uint2 input (zp 1) -> Gemm(transB) with int2 weights -> uint2 output; opset 25."""
    w = np.array([[1, -2, 0, -1], [-2, 1, 1, 0], [0, 0, -1, 1]])
    nodes = [h.make_node("QuantizeLinear", ["x", "xs", "xz"], ["xq"], name="quant_in"),
             h.make_node("DequantizeLinear", ["xq", "xs", "xz"], ["xd"], name="dequant_in"),
             h.make_node("DequantizeLinear", ["wq", "ws", "wz"], ["wd"], name="dequant_w"),
             h.make_node("Gemm", ["xd", "wd"], ["g"], name="gemm2", transB=1),
             h.make_node("QuantizeLinear", ["g", "ys", "yz"], ["yq"], name="quant_out"),
             h.make_node("DequantizeLinear", ["yq", "ys", "yz"], ["y"], name="dequant_out")]
    inits = [init("xs", np.float32(0.5)), packed("xz", 1, "uint2"), packed("wq", w, "int2"),
             init("ws", np.float32(0.25)), packed("wz", 0, "int2"),
             init("ys", np.float32(0.125)), packed("yz", 0, "uint2")]
    return sub_model(nodes, [vi("x", TP.FLOAT, [2, 4])], [vi("y", TP.FLOAT, None)], inits, 25)


def q_output_dtype():
    """QuantizeLinear with output_dtype=int4 and no zero point (opset 21)."""
    nodes = [h.make_node("QuantizeLinear", ["x", "s"], ["q"], name="quant_int4", output_dtype=22),
             h.make_node("DequantizeLinear", ["q", "s"], ["y"], name="dequant_int4")]
    return sub_model(nodes, [vi("x", TP.FLOAT, [1, 5])], [vi("y", TP.FLOAT, None)],
                     [init("s", np.float32(0.25))], 21)


def view_flatten():
    """torch's x.view(x.size(0), -1) of a QDQ activation [2, 3, 4]: Shape -> Gather(0) ->
    Unsqueeze -> Concat with [-1] -> Reshape, then QDQ out (scale 0.05, zp 128)."""
    nodes, inputs, inits = qdq_input([2, 3, 4])
    nodes += [h.make_node("Shape", ["xd"], ["sh"], name="shape"),
              h.make_node("Gather", ["sh", "i0"], ["n"], name="size0", axis=0),
              h.make_node("Unsqueeze", ["n", "ax0"], ["n1"], name="unsq"),
              h.make_node("Concat", ["n1", "m1"], ["to"], name="cat", axis=0),
              h.make_node("Reshape", ["xd", "to"], ["r"], name="view")]
    inits += [init("i0", np.int64(0)), init("ax0", np.array([0], np.int64)),
              init("m1", np.array([-1], np.int64))]
    out, oinits = qdq_output("r", scale=0.05, zp=128)
    return model(nodes + out, inputs, [vi("y", TP.FLOAT, None)], inits + oinits)


def avgpool_dilated19():
    """AveragePool 2x2 with dilations 2 (an attribute from opset 19) on [1, 1, 5, 5]: [1, 1, 3, 3]."""
    m = qdq_unary("AveragePool", [1, 1, 5, 5], kernel_shape=[2, 2], dilations=[2, 2])
    m.opset_import[0].version = 19
    m.ir_version = 9
    return m


def maxpool_ceil_pad():
    """MaxPool 2x2 stride 2, ceil_mode 1, pads (0, 0, 1, 1) on [1, 2, 4, 4]: [1, 2, 2, 2] (a last
    window would start in the padding; ONNX 1.12's shape inference counts it: 3x3)."""
    return qdq_unary("MaxPool", [1, 2, 4, 4], kernel_shape=[2, 2], strides=[2, 2],
                     pads=[0, 0, 1, 1], ceil_mode=1)


def bad_stride0():
    """MaxPool with strides 0 (ONNX 1.12's shape inference divides by it)."""
    return qdq_unary("MaxPool", [1, 1, 4, 4], kernel_shape=[2, 2], strides=[0, 0])


def qonnx_model(nodes, inputs, outputs, inits):
    g = h.make_graph(nodes, "g", inputs, outputs, inits)
    m = h.make_model(g, opset_imports=[h.make_opsetid("", 13), h.make_opsetid("qonnx.custom_op.general", 1)])
    m.ir_version = 8
    return m


def quant(name, x, out, scale, zeropt, bits, **attrs):
    """A QONNX Quant node and its scale/zeropt/bitwidth initializers (prefix `name`)."""
    node = h.make_node("Quant", [x, name + "_s", name + "_z", name + "_b"], [out], name=name,
                       domain="qonnx.custom_op.general", **attrs)
    return node, [init(name + "_s", np.asarray(scale, np.float32)), init(name + "_z", np.float32(zeropt)),
                  init(name + "_b", np.float32(bits))]


def qonnx_conv(w_attrs=None, act_bits=5, act_zeropt=0.0, rounding=None, w_bits=3):
    """Quant(x, unsigned act_bits) -> Conv(x, Quant(W, per-channel [2,1,1,1], w_bits narrow))
    -> Quant(signed 6 bits, narrow). Weights quantize to [[1,-3],[2,0]] and [[2,-1],[0,3]]."""
    w = np.array([[[[0.1, -0.3], [0.25, 0.05]]], [[[1.0, -0.7], [0.2, 2.0]]]], np.float32)
    qa, ia = quant("quant_x", "x", "xq", 0.1, act_zeropt, act_bits, signed=0)
    wattrs = dict(signed=1, narrow=1) if w_attrs is None else w_attrs
    if rounding:
        wattrs["rounding_mode"] = rounding
    qw, iw = quant("quant_w", "w", "wq", np.array([0.1, 0.5], np.float32).reshape(2, 1, 1, 1), 0.0, w_bits, **wattrs)
    qy, iy = quant("quant_y", "c", "y", 0.2, 0.0, 6, narrow=1)
    nodes = [qa, qw, h.make_node("Conv", ["xq", "wq"], ["c"], name="conv_q"), qy]
    return qonnx_model(nodes, [vi("x", TP.FLOAT, [1, 1, 3, 3])], [vi("y", TP.FLOAT, None)],
                       [init("w", w)] + ia + iw + iy)


def concat_mixed(sub_byte=False):
    """Concat of two QDQ inputs of different storage types, both at scale s and zp 0 except
    where noted: x -> Q(a) and x -> Q(b) -> DQ -> Concat -> Q(out) -> DQ.
    8-bit: a uint8, b int8, out int8 zp -100. Sub-byte: a int4, b uint4 zp 8, out uint4 zp 8."""
    if sub_byte:
        ta, tb, to = ("za", packed("za", 0, "int4")), ("zb", packed("zb", 8, "uint4")), ("zo", packed("zo", 8, "uint4"))
        scale, opset = 1.0, 21
    else:
        ta, tb, to = ("za", init("za", np.uint8(0))), ("zb", init("zb", np.int8(0))), ("zo", init("zo", np.int8(-100)))
        scale, opset = 0.1, 13
    nodes = [h.make_node("QuantizeLinear", ["x", "s", ta[0]], ["qa"], name="quant_a"),
             h.make_node("QuantizeLinear", ["x", "s", tb[0]], ["qb"], name="quant_b"),
             h.make_node("DequantizeLinear", ["qa", "s", ta[0]], ["da"], name="dequant_a"),
             h.make_node("DequantizeLinear", ["qb", "s", tb[0]], ["db"], name="dequant_b"),
             h.make_node("Concat", ["da", "db"], ["c"], name="concat_mixed", axis=1),
             h.make_node("QuantizeLinear", ["c", "s", to[0]], ["qc"], name="quant_out"),
             h.make_node("DequantizeLinear", ["qc", "s", to[0]], ["y"], name="dequant_out")]
    inits = [init("s", np.float32(scale)), ta[1], tb[1], to[1]]
    n = 2 if sub_byte else 3
    m = model(nodes, [vi("x", TP.FLOAT, [1, n])], [vi("y", TP.FLOAT, None)], inits, opset)
    m.ir_version = 10 if sub_byte else 8
    return m


def bad_int4_no_raw():
    m = int4_conv()
    for t in m.graph.initializer:
        if t.name == "wq":
            t.ClearField("raw_data")
            t.int32_data.extend([0x81, 0xd7, 0x20, 0x5f])   # the packed bytes, two per int32
    return m


def bad_int4_raw_size():
    m = int4_conv()
    for t in m.graph.initializer:
        if t.name == "wq":
            t.raw_data = t.raw_data[:-1]   # 8 int4 values need 4 bytes
    return m


MODELS = {
    "qlinearconv": qlinearconv,
    "qlinearmatmul": qlinearmatmul,
    "convinteger": convinteger,
    "matmulinteger": matmulinteger,
    "qdq_conv_relu": lambda: qdq_conv("relu", pads=[1, 1, 1, 1]),
    "qdq_conv_clip": lambda: qdq_conv("clip", pads=[0, 1, 2, 0], strides=[2, 1]),
    "qdq_conv_depthwise": lambda: qdq_conv(None, c_in=4, c_out=4, group=4, dilations=[2, 2],
                                           auto_pad="SAME_UPPER", hw=(7, 7)),
    "qdq_gemm": lambda: gemm(trans_b=1, alpha=0.5, beta=2.0),
    "qdq_gemm_notrans": lambda: gemm(trans_b=0),
    "qdq_add_relu": residual_add,
    "qdq_concat": concat,
    "qdq_avgpool": lambda: qdq_unary("AveragePool", [1, 1, 5, 5], kernel_shape=[3, 3],
                                     strides=[2, 2], pads=[1, 1, 1, 1]),
    "qdq_avgpool_include_pad": lambda: qdq_unary("AveragePool", [1, 1, 5, 5], kernel_shape=[3, 3],
                                                 pads=[1, 1, 1, 1], count_include_pad=1),
    "qdq_global_avgpool": lambda: qdq_unary("GlobalAveragePool", [1, 3, 4, 5]),
    "qdq_maxpool": lambda: qdq_unary("MaxPool", [1, 2, 5, 5], kernel_shape=[2, 2], strides=[2, 2],
                                     out_scale=0.05, out_zp=128),
    "qdq_flatten_gemm": flatten_gemm,
    "qdq_add_const": add_const,
    "qdq_big_gemm": big_gemm,
    "bad_unsupported_op": bad_unsupported_op,
    "bad_dynamic_dim": bad_dynamic_dim,
    "bad_float_output": bad_float_output,
    "bad_ceil_mode": bad_ceil_mode,
    "bad_weight_not_const": bad_weight_not_const,
    "bad_scale_input": bad_scale_input,
    "bad_opset": bad_opset,
    "bad_input_count": bad_input_count,
    "bad_zero_scale": bad_zero_scale,
    "bad_raw_size": bad_raw_size,
    "bad_accumulator_overflow": bad_accumulator_overflow,
    "int4_conv": int4_conv,
    "int4_matmul": int4_matmul,
    "int2_gemm": int2_gemm,
    "q_output_dtype": q_output_dtype,
    "qonnx_conv": qonnx_conv,
    "bad_qonnx_rounding": lambda: qonnx_conv(rounding="FLOOR"),
    "bad_qonnx_bitwidth": lambda: qonnx_conv(act_bits=9),
    "bad_qonnx_zeropt": lambda: qonnx_conv(act_zeropt=0.5),
    "bad_int4_no_raw": bad_int4_no_raw,
    "bad_int4_raw_size": bad_int4_raw_size,
    "concat_mixed": concat_mixed,
    "clip_max_only": clip_max_only,
    "bad_int32_data_range": bad_int32_data_range,
    "concat_mixed4": lambda: concat_mixed(sub_byte=True),
    "constant_forms": constant_forms,
    "bad_constant_sparse": bad_constant_sparse,
    "bad_moved_attribute": bad_moved_attribute,
    "view_flatten": view_flatten,
    "avgpool_dilated19": avgpool_dilated19,
    "maxpool_ceil_pad": maxpool_ceil_pad,
    "bad_stride0": bad_stride0,
    "bad_duplicate_output": bad_duplicate_output,
}

if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in MODELS:
        sys.exit("usage: models.py {%s} OUT.onnx" % ",".join(MODELS))
    onnx.save(MODELS[sys.argv[1]](), sys.argv[2])
