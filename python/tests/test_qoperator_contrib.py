"""onnxruntime's QOperator form (domain com.microsoft), as its quantization
tool writes it: QLinearAdd (with a constant operand and with broadcasting),
QLinearSigmoid, QLinearLeakyRelu and QLinearGlobalAveragePool. The executor
equals the reference interpreter, and both equal onnxruntime within one
step."""
import os
import subprocess

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
import pytest

import npc

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RUN_ORT = os.path.join(ROOT, "test", "oracle", "run_ort.js")


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
    g = helper.make_graph(nodes, "contrib", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 4, 6, 6])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)], inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13),
                                            helper.make_opsetid("com.microsoft", 1)])
    m.ir_version = 7
    return m


@pytest.mark.parametrize("dtype", [TensorProto.UINT8, TensorProto.INT8], ids=["u8", "s8"])
def test_contrib_ops_match_onnxruntime(dtype, tmp_path):
    m = contrib_model(dtype)
    x = np.random.default_rng(2).uniform(-5, 5, (1, 4, 6, 6)).astype(np.float32)
    art = npc.compile(m.SerializeToString(), target="small")
    assert [l["kind"] for l in art.report["layers"]] == ["add", "table", "add", "table", "avg_pool"]
    y = art.run(x)
    assert y.tobytes() == npc.reference(m.SerializeToString(), x).tobytes()
    onnx.save(m, str(tmp_path / "m.onnx"))
    np.save(tmp_path / "x.npy", x)
    subprocess.run(["node", RUN_ORT, str(tmp_path / "m.onnx"), str(tmp_path / "y.npy"),
                    str(tmp_path / "x.npy")], check=True)
    steps = np.abs(np.round((y - np.load(tmp_path / "y.npy")) * 256))
    assert steps.max() <= 1


def test_unsupported_contrib_op_names_the_node():
    m = contrib_model()
    m.graph.node[2].op_type = "QLinearConcat"
    with pytest.raises(npc.CompileError, match=r"node 'leaky' \(QLinearConcat\): operator domain "
                                               r"'com.microsoft' is not supported"):
        npc.compile(m.SerializeToString())
