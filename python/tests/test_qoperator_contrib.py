"""onnxruntime's QOperator form (domain com.microsoft), as its quantization
tool writes it: QLinearAdd (with a constant operand and with broadcasting),
QLinearSigmoid, QLinearLeakyRelu, QLinearGlobalAveragePool, QGemm,
QLinearConcat, QLinearSoftmax, QLinearAveragePool and QLinearReduceMean.
The executor equals the reference interpreter, and both equal onnxruntime
within one step."""
import numpy as np
from onnx import TensorProto, helper, numpy_helper
import pytest

import npc
from oracle import onnxruntime


def ms(op, inputs, outputs, name, **attrs):
    return helper.make_node(op, inputs, outputs, name=name, domain="com.microsoft", **attrs)


def contrib_model(dtype=TensorProto.UINT8, zp=(120, 3, 128, 90, 0)):
    """x -> Q -> QLinearAdd(x, constant) -> QLinearLeakyRelu -> QLinearAdd(., x)
    -> QLinearSigmoid -> QLinearGlobalAveragePool -> DQ."""
    np_t = np.uint8 if dtype == TensorProto.UINT8 else np.int8
    if dtype == TensorProto.INT8:
        zp = tuple(z - 128 for z in zp)
    rng = np.random.default_rng(1)
    const = rng.integers(np.iinfo(np_t).min, np.iinfo(np_t).max, (1, 4, 1, 1)).astype(np_t)
    scales = [0.05, 0.02, 0.08, 0.06, 1 / 256]
    inits = [numpy_helper.from_array(const, "k")]
    for i, (s, z) in enumerate(zip(scales, zp)):
        inits += [helper.make_tensor(f"s{i}", TensorProto.FLOAT, [], [s]),
                  helper.make_tensor(f"z{i}", dtype, [], [z])]
    inits += [helper.make_tensor("s_out", TensorProto.FLOAT, [], [1 / 256]),
              helper.make_tensor("z_out", dtype, [], [zp[4]])]
    nodes = [
        helper.make_node("QuantizeLinear", ["x", "s0", "z0"], ["xq"], name="quant"),
        ms("QLinearAdd", ["xq", "s0", "z0", "k", "s1", "z1", "s2", "z2"], ["a"], "add_const"),
        ms("QLinearLeakyRelu", ["a", "s2", "z2", "s3", "z3"], ["l"], "leaky", alpha=0.1),
        ms("QLinearAdd", ["l", "s3", "z3", "xq", "s0", "z0", "s2", "z2"], ["a2"], "add_x"),
        ms("QLinearSigmoid", ["a2", "s2", "z2", "s4", "z4"], ["sg"], "sigmoid"),
        ms("QLinearGlobalAveragePool", ["sg", "s4", "z4", "s_out", "z_out"], ["p"], "gap"),
        helper.make_node("DequantizeLinear", ["p", "s_out", "z_out"], ["y"], name="dequant"),
    ]
    return ms_model(nodes, inits, [1, 4, 6, 6], "contrib")


@pytest.mark.parametrize("dtype", [TensorProto.UINT8, TensorProto.INT8], ids=["u8", "s8"])
def test_contrib_ops_match_onnxruntime(dtype, tmp_path):
    m = contrib_model(dtype)
    x = np.random.default_rng(2).uniform(-5, 5, (1, 4, 6, 6)).astype(np.float32)
    art = npc.compile(m.SerializeToString(), target="small")
    assert [l["kind"] for l in art.report["layers"]] == ["add", "table", "add", "table", "avg_pool"]
    y = art.run(x)
    assert y.tobytes() == npc.reference(m.SerializeToString(), x).tobytes()
    steps = np.abs(np.round((y - onnxruntime(m, x, tmp_path)) * 256))
    assert steps.max() <= 1


def ms_model(nodes, inits, shape, name):
    """A graph of input x (float32, `shape`) and output y in opsets 13 and com.microsoft 1."""
    g = helper.make_graph(nodes, name, [helper.make_tensor_value_info("x", TensorProto.FLOAT, shape)],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)], inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13),
                                            helper.make_opsetid("com.microsoft", 1)])
    m.ir_version = 7
    return m


def check(m, x, tmp_path, kinds, scale, identical=0.9, no_opt=False):
    """Compiles and runs `m` on `x`: the layer kinds `kinds` (a list, or a
    predicate of the list), equal to the reference interpreter, within one
    step of `scale` of onnxruntime and identical on `identical` of the
    elements. Returns the output."""
    art = npc.compile(m.SerializeToString(), target="small")
    got = [l["kind"] for l in art.report["layers"]]
    assert kinds(got) if callable(kinds) else got == kinds
    y = art.run(x)
    assert y.tobytes() == npc.reference(m.SerializeToString(), x).tobytes()
    ort = onnxruntime(m, x, tmp_path, no_opt=no_opt)
    assert y.shape == ort.shape and len(np.unique(ort)) > 4
    steps = np.abs(np.round((y - ort) / np.float32(scale)))
    assert steps.max() <= 1 and np.mean(steps == 0) >= identical
    return y


def test_unsupported_contrib_op_names_the_node():
    m = contrib_model()
    m.graph.node[2].op_type = "QAttention"
    with pytest.raises(npc.CompileError, match=r"node 'leaky' \(QAttention\): operator domain "
                                               r"'com.microsoft' is not supported"):
        npc.compile(m.SerializeToString())


@pytest.mark.parametrize("trans_b,per_column,bias", [(1, False, True), (0, True, False),
                                                     (1, True, True)])
def test_qgemm_matches_onnxruntime(trans_b, per_column, bias, tmp_path):
    """QGemm (onnxruntime's quantized Gemm, as its tool writes classifier
    heads): int8 weights per tensor or per column, transB, an int32 bias at
    scale alpha * s_a * s_b, alpha != 1. Integer in onnxruntime too: within
    one step (its requantization rounds in float)."""
    rng = np.random.default_rng(5)
    k, n = 24, 10
    w = rng.integers(-127, 128, (n, k) if trans_b else (k, n)).astype(np.int8)
    sw = rng.uniform(0.01, 0.03, n).astype(np.float32) if per_column else np.float32(0.02)
    alpha = 0.75
    inits = [numpy_helper.from_array(w, "w"), numpy_helper.from_array(np.asarray(sw), "sw"),
             numpy_helper.from_array(np.zeros(n if per_column else (), np.int8), "zw"),
             helper.make_tensor("sa", TensorProto.FLOAT, [], [0.05]),
             helper.make_tensor("za", TensorProto.UINT8, [], [128]),
             helper.make_tensor("sy", TensorProto.FLOAT, [], [0.2]),
             helper.make_tensor("zy", TensorProto.UINT8, [], [100])]
    ins = ["aq", "sa", "za", "w", "sw", "zw", "c" if bias else "", "sy", "zy"]
    if bias:
        inits.append(numpy_helper.from_array(rng.integers(-2000, 2000, n).astype(np.int32), "c"))
    nodes = [helper.make_node("QuantizeLinear", ["x", "sa", "za"], ["aq"], name="q"),
             ms("QGemm", ins, ["yq"], "head", transB=trans_b, alpha=alpha),
             helper.make_node("DequantizeLinear", ["yq", "sy", "zy"], ["y"], name="dq")]
    m = ms_model(nodes, inits, [3, k], "qgemm")
    check(m, rng.uniform(-5, 5, (3, k)).astype(np.float32), tmp_path, ["matmul"], 0.2)


def test_qgemm_with_float_output_is_refused():
    nodes = [helper.make_node("QuantizeLinear", ["x", "sa", "za"], ["aq"], name="q"),
             ms("QGemm", ["aq", "sa", "za", "w", "sw", "zw"], ["y"], "head")]
    inits = [numpy_helper.from_array(np.ones((4, 2), np.int8), "w"),
             helper.make_tensor("sw", TensorProto.FLOAT, [], [0.1]),
             helper.make_tensor("zw", TensorProto.INT8, [], [0]),
             helper.make_tensor("sa", TensorProto.FLOAT, [], [0.05]),
             helper.make_tensor("za", TensorProto.UINT8, [], [128])]
    m = ms_model(nodes, inits, [1, 4], "qgemm")
    with pytest.raises(npc.CompileError, match=r"node 'head' \(QGemm\): a float output \(no y_scale\) "
                                               r"is not supported"):
        npc.compile(m.SerializeToString())


@pytest.mark.parametrize("dtype", [TensorProto.UINT8, TensorProto.INT8], ids=["u8", "s8"])
def test_qlinear_concat_and_softmax_match_onnxruntime(dtype, tmp_path):
    """QLinearConcat of x and a QLinearSigmoid of it (three scales: each
    input is rescaled into Y's), then QLinearSoftmax over the last axis."""
    off = 0 if dtype == TensorProto.UINT8 else -128
    inits = []
    for name, s, z in [("sx", 0.05, 128), ("sg", 1 / 256, 0), ("sc", 0.03, 100), ("sp", 1 / 256, 0)]:
        inits += [helper.make_tensor(name, TensorProto.FLOAT, [], [s]),
                  helper.make_tensor("z" + name[1:], dtype, [], [z + off])]
    nodes = [helper.make_node("QuantizeLinear", ["x", "sx", "zx"], ["xq"], name="quant"),
             ms("QLinearSigmoid", ["xq", "sx", "zx", "sg", "zg"], ["g"], "sigmoid"),
             ms("QLinearConcat", ["sc", "zc", "xq", "sx", "zx", "g", "sg", "zg"], ["c"], "concat",
                axis=-1),
             ms("QLinearSoftmax", ["c", "sc", "zc", "sp", "zp"], ["p"], "softmax", axis=-1,
                opset=13),
             helper.make_node("DequantizeLinear", ["p", "sp", "zp"], ["y"], name="dequant")]
    m = ms_model(nodes, inits, [1, 3, 6], "concat_softmax")
    x = np.random.default_rng(6).uniform(-4, 4, (1, 3, 6)).astype(np.float32)
    y = check(m, x, tmp_path, lambda k: "concat" in k and k[-1] == "softmax", 1 / 256)
    assert y.shape == (1, 3, 12)


@pytest.mark.parametrize("op,attrs,kind", [
    ("QLinearAveragePool", dict(kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1],
                                count_include_pad=0), "avg_pool"),
    ("QLinearReduceMean", dict(axes=[1], keepdims=1), "reduce_sum"),
    ("QLinearReduceMean", dict(axes=[2, 3], keepdims=0), "avg_pool"),
])
def test_qlinear_pool_and_reduce_mean_match_onnxruntime(op, attrs, kind, tmp_path):
    inits = [helper.make_tensor("sx", TensorProto.FLOAT, [], [0.05]),
             helper.make_tensor("zx", TensorProto.UINT8, [], [128]),
             helper.make_tensor("sy", TensorProto.FLOAT, [], [0.03]),
             helper.make_tensor("zy", TensorProto.UINT8, [], [110])]
    nodes = [helper.make_node("QuantizeLinear", ["x", "sx", "zx"], ["xq"], name="quant"),
             ms(op, ["xq", "sx", "zx", "sy", "zy"], ["p"], "pool", **attrs),
             helper.make_node("DequantizeLinear", ["p", "sy", "zy"], ["y"], name="dequant")]
    m = ms_model(nodes, inits, [1, 5, 7, 6], "pool")
    x = np.random.default_rng(8).uniform(-4, 4, (1, 5, 7, 6)).astype(np.float32)
    art = npc.compile(m.SerializeToString(), target="small")
    assert [l["kind"] for l in art.report["layers"]] == [kind]
    y = art.run(x)
    assert y.tobytes() == npc.reference(m.SerializeToString(), x).tobytes()
    if op == "QLinearReduceMean":
        # onnxruntime 1.30 has no CPU kernel for it: its QDQ twin is the oracle.
        twin = [helper.make_node("DequantizeLinear", ["xq", "sx", "zx"], ["xd"], name="dq"),
                helper.make_node("ReduceMean", ["xd"], ["r"], name="mean", **attrs),
                helper.make_node("QuantizeLinear", ["r", "sy", "zy"], ["p"], name="q")]
        m.graph.node.remove(m.graph.node[1])
        for k, n in enumerate(twin):
            m.graph.node.insert(1 + k, n)
    ort = onnxruntime(m, x, tmp_path, no_opt=True)
    assert y.shape == ort.shape and len(np.unique(ort)) > 4
    steps = np.abs(np.round((y - ort) / np.float32(0.03)))
    assert steps.max() <= 1 and np.mean(steps == 0) >= 0.9
