"""Elementwise functions between DequantizeLinear and QuantizeLinear (Sigmoid,
Tanh, HardSigmoid, HardSwish, LeakyRelu) compile to one `qg.table` layer: the
executor equals the reference interpreter byte for byte, and both agree with
onnxruntime (node by node, float32) within one quantization step on every
input code, identically on at least 99% of them (docs/semantics.md, "Lookup
tables")."""
import os
import subprocess

import numpy as np
from onnx import TensorProto, helper
import pytest

import npc
from oracle import onnxruntime

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# (op, attributes, output scale, output zero point) for a u8 output.
FUNCTIONS = [
    ("Sigmoid", {}, 1 / 256, 0),
    ("Tanh", {}, 1 / 128, 128),
    ("HardSigmoid", {"alpha": 0.25, "beta": 0.4}, 1 / 256, 0),
    ("HardSwish", {}, 0.05, 20),
    ("LeakyRelu", {"alpha": 0.1}, 0.04, 100),
]
# Input quantization: (storage, scale, zero point).
INPUTS = [(TensorProto.UINT8, 0.05, 128), (TensorProto.INT8, 0.031, -3)]


def every_code_model(body, in_q, out_scale, out_zp, extra_inits=(), name="fn"):
    """x (float, one element per input code) -> Q -> DQ -> `body` (nodes from
    "xf" to "f") -> Q -> DQ -> y, and that x. Shared with
    test_function_chains."""
    storage, sx, zx = in_q
    n = 256
    nodes = [
        helper.make_node("QuantizeLinear", ["x", "sx", "zx"], ["xq"], name="q_in"),
        helper.make_node("DequantizeLinear", ["xq", "sx", "zx"], ["xf"], name="dq_in"),
    ] + list(body) + [
        helper.make_node("QuantizeLinear", ["f", "sy", "zy"], ["yq"], name="q_out"),
        helper.make_node("DequantizeLinear", ["yq", "sy", "zy"], ["y"], name="dq_out"),
    ]
    inits = [
        helper.make_tensor("sx", TensorProto.FLOAT, [], [sx]),
        helper.make_tensor("zx", storage, [], [zx]),
        helper.make_tensor("sy", TensorProto.FLOAT, [], [out_scale]),
        helper.make_tensor("zy", TensorProto.UINT8, [], [out_zp]),
    ] + list(extra_inits)
    graph = helper.make_graph(nodes, name, [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, n])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, n])], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 14)])
    model.ir_version = 7
    # Every input code once: the dequantized value of each code.
    lo = 0 if storage == TensorProto.UINT8 else -128
    x = ((np.arange(lo, lo + n, dtype=np.float32) - np.float32(zx)) * np.float32(sx)).reshape(1, n)
    return model, x


def table_model(op, attrs, in_q, out_scale, out_zp, relu=False):
    """x (float, one element per input code) -> Q -> DQ -> op [-> Relu] -> Q -> DQ -> y."""
    body = [helper.make_node(op, ["xf"], ["r" if relu else "f"], name="fn", **attrs)]
    if relu:
        body.append(helper.make_node("Relu", ["r"], ["f"], name="relu"))
    return every_code_model(body, in_q, out_scale, out_zp, name=op.lower())


def ort(model, x, tmp_path):
    return onnxruntime(model, x, tmp_path, no_opt=True)


@pytest.mark.parametrize("in_q", INPUTS, ids=["u8", "i8"])
@pytest.mark.parametrize("op,attrs,sy,zy", FUNCTIONS, ids=[f[0] for f in FUNCTIONS])
def test_table_matches_reference_and_onnxruntime(op, attrs, sy, zy, in_q, tmp_path):
    model, x = table_model(op, attrs, in_q, sy, zy)
    art = npc.compile(model.SerializeToString(), target="small")
    y = art.run(x)
    assert y.tobytes() == npc.reference(model.SerializeToString(), x).tobytes()
    # One layer, a table: the report names its kind.
    assert [l["kind"] for l in art.report["layers"]] == ["table"]
    steps = np.abs(np.round((y - ort(model, x, tmp_path)) / np.float32(sy)))
    assert steps.max() <= 1, f"{op}: {int(steps.max())} steps from onnxruntime"
    assert np.mean(steps == 0) >= 0.99


def test_fused_relu_clamps_the_table(tmp_path):
    # Tanh then Relu: no negative outputs, and the same as onnxruntime.
    model, x = table_model("Tanh", {}, INPUTS[1], 1 / 128, 128, relu=True)
    y = npc.compile(model.SerializeToString()).run(x)
    assert y.min() == 0.0 and y.max() > 0.9
    steps = np.abs(np.round((y - ort(model, x, tmp_path)) * 128))
    assert steps.max() <= 1


def test_table_op_verifier_rejects_a_short_table():
    text = """
    !qi = !quant.uniform<u8:f32, 5.000000e-02:128>
    func.func @main(%x: tensor<1x4x!qi>) -> tensor<1x4x!qi> {
      %y = qg.table %x {table = array<i32: 1, 2, 3>} : tensor<1x4x!qi> -> tensor<1x4x!qi>
      return %y : tensor<1x4x!qi>
    }"""
    npc_opt = os.path.join(os.environ.get("NPC_BUILD_DIR", os.path.join(ROOT, "build")), "bin", "npc-opt")
    r = subprocess.run([npc_opt, "-"], input=text, capture_output=True, text=True)
    assert r.returncode != 0
    assert "'qg.table' op needs one entry per input code: 256 for 8-bit input, got 3" in r.stderr
