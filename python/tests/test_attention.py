"""Transformer blocks: MatMul of two activations (attention's Q K^T and
A V) as qg.batch_matmul, Softmax as qg.softmax and LayerNormalization as
qg.layer_norm, in the QDQ form (and QLinearMatMul of two activations).
Each is equal to the reference interpreter and within one step of
onnxruntime's float computation between the QDQ pairs."""
import numpy as np
import onnx
from onnx import TensorProto, helper
import pytest

import npc
from oracle import onnxruntime


def qdq(name, x, s, z):
    return [helper.make_node("QuantizeLinear", [x, s, z], [name + "_q"], name=name),
            helper.make_node("DequantizeLinear", [name + "_q", s, z], [name + "_d"], name=name + "_dq")]


INT4 = 22  # INT4 (opset 21; Debian's onnx 1.12 does not name it)


def zero_point(name, zp_type, v):
    if zp_type != INT4:
        return helper.make_tensor(name, zp_type, [], [v])
    t = TensorProto()
    t.name, t.data_type, t.raw_data = name, INT4, bytes([v & 0xF])
    return t


def params(scales, zero_points, zp_type=TensorProto.UINT8):
    inits = [helper.make_tensor(n, TensorProto.FLOAT, [], [v]) for n, v in scales.items()]
    inits += [zero_point(n, zp_type, v) for n, v in zero_points.items()]
    return inits


def model(nodes, inits, shape, out, opset=17):
    g = helper.make_graph(nodes, "attention",
                          [helper.make_tensor_value_info("x", TensorProto.FLOAT, shape)],
                          [helper.make_tensor_value_info(out, TensorProto.FLOAT, None)], inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", opset)])
    m.ir_version = 8 if opset < 21 else 10
    return m


def attention(zp_type=TensorProto.UINT8, zx=128, zs=0, opset=17):
    """x [1, 2, 8, 16] as Q; K^T its transpose; softmax(Q K^T / 4) V with V = x."""
    nodes = qdq("qx", "x", "sx", "zx")
    nodes += [helper.make_node("Transpose", ["qx_d"], ["kt"], name="k_transpose", perm=[0, 1, 3, 2]),
              helper.make_node("MatMul", ["qx_d", "kt"], ["scores"], name="qk_matmul")]
    nodes += qdq("qsc", "scores", "ssc", "zx")
    nodes += [helper.make_node("Softmax", ["qsc_d"], ["probs"], name="softmax", axis=-1)]
    nodes += qdq("qp", "probs", "sp", "zs")
    nodes += [helper.make_node("MatMul", ["qp_d", "qx_d"], ["ctx"], name="av_matmul")]
    nodes += qdq("qy", "ctx", "sy", "zx")
    inits = params({"sx": 0.05, "ssc": 0.6, "sp": 1 / 256 if zp_type == TensorProto.UINT8 else 1 / 16,
                    "sy": 0.03}, {"zx": zx, "zs": zs}, zp_type)
    return model(nodes, inits, [1, 2, 8, 16], "qy_d", opset)


def layer_norm(zp_type=TensorProto.UINT8, zx=128, opset=17):
    """x [1, 6, 32] -> LayerNormalization(gamma, beta) over the last axis."""
    rng = np.random.default_rng(11)
    nodes = qdq("qx", "x", "sx", "zx")
    nodes += [helper.make_node("LayerNormalization", ["qx_d", "gamma", "beta"], ["ln"], name="ln",
                               axis=-1, epsilon=1e-5)]
    nodes += qdq("qy", "ln", "sy", "zx")
    inits = params({"sx": 0.04, "sy": 0.025 if zp_type == TensorProto.UINT8 else 0.4},
                   {"zx": zx}, zp_type)
    inits += [helper.make_tensor("gamma", TensorProto.FLOAT, [32], rng.uniform(0.5, 1.5, 32)),
              helper.make_tensor("beta", TensorProto.FLOAT, [32], rng.uniform(-0.5, 0.5, 32))]
    return model(nodes, inits, [1, 6, 32], "qy_d", opset)


def check(m, x, tmp_path, scale, kinds, identical=0.97):
    """Compiled and run: equal to the reference interpreter, with the layer
    kinds `kinds`; within one step (of `scale`) of onnxruntime, node by
    node, and identical on `identical` of the elements."""
    art = npc.compile(m.SerializeToString(), target="small")
    assert [l["kind"] for l in art.report["layers"]] == kinds
    y = art.run(x)
    assert y.tobytes() == npc.reference(m.SerializeToString(), x).tobytes()
    ort = onnxruntime(m, x, tmp_path, no_opt=True)
    assert len(np.unique(ort)) > 4  # a real comparison, not a collapsed output
    steps = np.abs(np.round((y - ort) / np.float32(scale)))
    assert steps.max() <= 1, steps.max()
    assert np.mean(steps == 0) >= identical, np.mean(steps == 0)
    return y


def test_self_attention_int8(tmp_path):
    x = np.random.default_rng(3).uniform(-6, 6, (1, 2, 8, 16)).astype(np.float32)
    check(attention(), x, tmp_path, 0.03, ["transpose", "batch_matmul", "softmax", "batch_matmul"])


def test_self_attention_int8_signed(tmp_path):
    x = np.random.default_rng(5).uniform(-6, 6, (1, 2, 8, 16)).astype(np.float32)
    check(attention(TensorProto.INT8, 0, -128), x, tmp_path, 0.03,
          ["transpose", "batch_matmul", "softmax", "batch_matmul"])


def test_self_attention_int4(tmp_path):
    """INT4 activations (opset 21): 16-entry exp tables."""
    x = np.random.default_rng(7).uniform(-0.4, 0.4, (1, 2, 8, 16)).astype(np.float32)
    check(attention(INT4, 0, -8, opset=21), x, tmp_path, 0.03,
          ["transpose", "batch_matmul", "softmax", "batch_matmul"], identical=0.9)


@pytest.mark.parametrize("zp_type,zx,opset", [(TensorProto.UINT8, 128, 17), (TensorProto.INT8, 3, 17),
                                              (INT4, 0, 21)])
def test_layer_norm(zp_type, zx, opset, tmp_path):
    x = np.random.default_rng(9).normal(0, 1.5, (1, 6, 32)).astype(np.float32)
    m = layer_norm(zp_type, zx, opset)
    scale = 0.025 if zp_type == TensorProto.UINT8 else 0.4
    check(m, x, tmp_path, scale, ["layer_norm"])


def test_qlinear_matmul_of_two_activations(tmp_path):
    """onnxruntime's QOperator form: QLinearMatMul(x, x^T)."""
    nodes = [helper.make_node("QuantizeLinear", ["x", "sx", "zx"], ["xq"], name="q"),
             helper.make_node("Transpose", ["xq"], ["xt"], name="t", perm=[0, 2, 1]),
             helper.make_node("QLinearMatMul", ["xq", "sx", "zx", "xt", "sx", "zx", "sy", "zy"],
                              ["yq"], name="qmatmul"),
             helper.make_node("DequantizeLinear", ["yq", "sy", "zy"], ["y"], name="dq")]
    m = model(nodes, params({"sx": 0.05, "sy": 0.4}, {"zx": 128, "zy": 100}), [1, 6, 20], "y", 13)
    x = np.random.default_rng(12).uniform(-5, 5, (1, 6, 20)).astype(np.float32)
    art = npc.compile(m.SerializeToString(), target="small")
    assert [l["kind"] for l in art.report["layers"]] == ["transpose", "batch_matmul"]
    y = art.run(x)
    assert y.tobytes() == npc.reference(m.SerializeToString(), x).tobytes()
    # QLinearMatMul is integer in onnxruntime too: the same bytes.
    assert y.tobytes() == onnxruntime(m, x, tmp_path).tobytes()


def test_softmax_over_another_axis_is_refused():
    nodes = qdq("qx", "x", "sx", "zx") + [helper.make_node("Softmax", ["qx_d"], ["p"], name="sm", axis=1)]
    nodes += qdq("qy", "p", "sy", "zs")
    m = model(nodes, params({"sx": 0.05, "sy": 1 / 256}, {"zx": 128, "zs": 0}), [1, 4, 8], "qy_d")
    with pytest.raises(npc.CompileError,
                       match=r"node 'sm' \(Softmax\): only Softmax over the last axis is supported "
                             r"\(axis 1 of rank 3\)"):
        npc.compile(m.SerializeToString())


def test_matmul_of_mismatched_activations_is_refused():
    nodes = qdq("qx", "x", "sx", "zx") + [
        helper.make_node("MatMul", ["qx_d", "qx_d"], ["p"], name="mm")]
    nodes += qdq("qy", "p", "sy", "zx")
    m = model(nodes, params({"sx": 0.05, "sy": 0.1}, {"zx": 128}), [1, 4, 8], "qy_d")
    with pytest.raises(npc.CompileError,
                       match=r"node 'mm' \(MatMul\): reduction sizes differ: A has K=8, B has K=4"):
        npc.compile(m.SerializeToString())


def alone(op, shape, sx, sy, zx=128, zy=0, **attrs):
    """x -> Q/DQ -> op -> Q/DQ: one layer in isolation."""
    rng = np.random.default_rng(1)
    inputs, inits = ["qx_d"], params({"sx": sx, "sy": sy}, {"zx": zx, "zy": zy})
    if op == "LayerNormalization":
        inputs += ["gamma", "beta"]
        inits += [helper.make_tensor("gamma", TensorProto.FLOAT, [shape[-1]], rng.uniform(-2, 2, shape[-1])),
                  helper.make_tensor("beta", TensorProto.FLOAT, [shape[-1]], rng.uniform(-1, 1, shape[-1]))]
    nodes = qdq("qx", "x", "sx", "zx") + [helper.make_node(op, inputs, ["r"], name="op", **attrs)]
    nodes += qdq("qy", "r", "sy", "zy")
    return model(nodes, inits, shape, "qy_d")


@pytest.mark.parametrize("sx", [0.02, 0.1, 0.6])
def test_softmax_alone_over_long_rows(sx, tmp_path):
    """ViT's 197 tokens: within one step of float softmax, identical on 99%."""
    x = np.random.default_rng(2).normal(0, 40 * sx, (1, 3, 5, 197)).astype(np.float32)
    m = alone("Softmax", [1, 3, 5, 197], sx, 1 / 256)
    check(m, x, tmp_path, 1 / 256, ["softmax"], identical=0.99)


@pytest.mark.parametrize("sx,sy,width", [(0.03, 0.02, 192), (0.01, 0.03, 768), (0.2, 0.05, 64)])
def test_layer_norm_alone(sx, sy, width, tmp_path):
    """Widths of small and base encoders, gamma of both signs."""
    x = np.random.default_rng(3).normal(0.3, 40 * sx, (1, 10, width)).astype(np.float32)
    m = alone("LayerNormalization", [1, 10, width], sx, sy, zy=128, axis=-1, epsilon=1e-5)
    check(m, x, tmp_path, sy, ["layer_norm"], identical=0.99)


def test_arithmetic_that_is_no_layer_norm_is_refused():
    """The LayerNorm pattern of opsets below 17 with a cube instead of a
    square is no layer norm: the Sub reading the float mean is refused by name."""
    nodes = qdq("qx", "x", "sx", "zx") + [
        helper.make_node("ReduceMean", ["qx_d"], ["mean"], name="mean", axes=[-1]),
        helper.make_node("Sub", ["qx_d", "mean"], ["d"], name="sub"),
        helper.make_node("Pow", ["d", "three"], ["p"], name="pow"),
        helper.make_node("ReduceMean", ["p"], ["var"], name="var", axes=[-1]),
        helper.make_node("Add", ["var", "eps"], ["ve"], name="add_eps"),
        helper.make_node("Sqrt", ["ve"], ["sd"], name="sqrt"),
        helper.make_node("Div", ["d", "sd"], ["n"], name="div")]
    nodes += qdq("qy", "n", "sy", "zx")
    inits = params({"sx": 0.05, "sy": 0.05, "three": 3.0, "eps": 1e-5}, {"zx": 128})
    m = model(nodes, inits, [1, 4, 8], "qy_d", 14)
    with pytest.raises(npc.CompileError,
                       match=r"node 'sub' \(Sub\): input 'mean' is the float output of 'mean'; "
                             r"quantize it \(QuantizeLinear\) first"):
        npc.compile(m.SerializeToString())
