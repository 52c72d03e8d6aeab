"""Mul of two activations (SiLU as x * sigmoid(x), squeeze-excite channel
scaling with broadcasting) in the QDQ form and as onnxruntime's QLinearMul:
one qg.mul, the exact integer product requantized once. Equal to the
reference interpreter and within one step of onnxruntime."""
import os
import subprocess

import numpy as np
import onnx
from onnx import TensorProto, helper
import pytest

import npc

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RUN_ORT = os.path.join(ROOT, "test", "oracle", "run_ort.js")


def q(name, x, s, z):
    return [helper.make_node("QuantizeLinear", [x, s, z], [name + "_q"], name=name),
            helper.make_node("DequantizeLinear", [name + "_q", s, z], [name + "_d"], name=name + "_dq")]


def model(nodes, inits, shape, out):
    inits = inits + [helper.make_tensor(n, TensorProto.FLOAT, [], [v]) for n, v in
                     [("sx", 0.05), ("ss", 1 / 256), ("sy", 0.03), ("sg", 0.02)]]
    inits += [helper.make_tensor(n, TensorProto.UINT8, [], [v]) for n, v in
              [("zx", 128), ("zs", 0), ("zy", 10)]]
    g = helper.make_graph(nodes + [helper.make_node("Identity", [out], ["y"], name="out")], "mul",
                          [helper.make_tensor_value_info("x", TensorProto.FLOAT, shape)],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)], inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13),
                                            helper.make_opsetid("com.microsoft", 1)])
    m.ir_version = 7
    return m


def silu():
    """x -> Q/DQ -> Sigmoid -> Q/DQ -> Mul(x, sigmoid) -> Q/DQ (SiLU as torch exports it)."""
    nodes = q("qx", "x", "sx", "zx") + [helper.make_node("Sigmoid", ["qx_d"], ["sig"], name="sigmoid")]
    nodes += q("qs", "sig", "ss", "zs")
    nodes += [helper.make_node("Mul", ["qx_d", "qs_d"], ["m"], name="silu_mul")]
    nodes += q("qy", "m", "sy", "zy")
    return model(nodes, [], [1, 3, 5, 5], "qy_d")


def squeeze_excite():
    """x [1,4,5,5] times a per-channel gate [1,4,1,1] from GlobalAveragePool."""
    nodes = q("qx", "x", "sx", "zx") + [
        helper.make_node("GlobalAveragePool", ["qx_d"], ["p"], name="gap")]
    nodes += q("qp", "p", "sg", "zs")
    nodes += [helper.make_node("Mul", ["qx_d", "qp_d"], ["m"], name="se_mul")]
    nodes += q("qy", "m", "sy", "zy")
    return model(nodes, [], [1, 4, 5, 5], "qy_d")


def qlinear_mul():
    """x * x (the same quantized tensor on both sides) as QLinearMul."""
    nodes = [helper.make_node("QuantizeLinear", ["x", "sx", "zx"], ["xq"], name="q"),
             helper.make_node("QLinearMul", ["xq", "sx", "zx", "xq", "sx", "zx", "sy", "zy"], ["mq"],
                              name="qmul", domain="com.microsoft"),
             helper.make_node("DequantizeLinear", ["mq", "sy", "zy"], ["m"], name="dq")]
    return model(nodes, [], [1, 2, 4, 4], "m")


def check(m, x, tmp_path, kinds=None, scale=0.03, identical=0.95):
    """Compiles `m`, runs `x`: equal to the reference interpreter, the layer
    kinds `kinds` (if given), within one step of node-by-node onnxruntime at
    output scale `scale` and identical on `identical` of the elements.
    Returns the output."""
    art = npc.compile(m.SerializeToString(), target="small")
    if kinds is not None:
        assert [l["kind"] for l in art.report["layers"]] == kinds
    y = art.run(x)
    assert y.tobytes() == npc.reference(m.SerializeToString(), x).tobytes()
    onnx.save(m, str(tmp_path / "m.onnx"))
    np.save(tmp_path / "x.npy", x)
    subprocess.run(["node", RUN_ORT, str(tmp_path / "m.onnx"), str(tmp_path / "y.npy"),
                    str(tmp_path / "x.npy"), "--no-opt"], check=True)
    ort = np.load(tmp_path / "y.npy")
    assert len(np.unique(ort)) > 1  # a real comparison, not a collapsed output
    steps = np.abs(np.round((y - ort) / np.float32(scale)))
    assert steps.max() <= 1 and np.mean(steps == 0) >= identical
    return y


@pytest.mark.parametrize("make", [silu, squeeze_excite, qlinear_mul])
def test_mul_matches_reference_and_onnxruntime(make, tmp_path):
    m = make()
    shape = [d.dim_value for d in m.graph.input[0].type.tensor_type.shape.dim]
    x = np.random.default_rng(4).uniform(-6, 6, shape).astype(np.float32)
    assert "mul" in [l["kind"] for l in npc.compile(m.SerializeToString()).report["layers"]]
    check(m, x, tmp_path)


def test_mul_verifier_needs_one_multiplier():
    text = """
    !q = !quant.uniform<u8:f32, 5.000000e-02:128>
    func.func @main(%a: tensor<1x4x!q>, %b: tensor<1x4x!q>) -> tensor<1x4x!q> {
      %y = qg.mul %a, %b {multiplier = array<i32: 1, 2>, shift = array<i32: 3>} : (tensor<1x4x!q>, tensor<1x4x!q>) -> tensor<1x4x!q>
      return %y : tensor<1x4x!q>
    }"""
    npc_opt = os.path.join(os.environ.get("NPC_BUILD_DIR", os.path.join(ROOT, "build")), "bin", "npc-opt")
    r = subprocess.run([npc_opt, "-"], input=text, capture_output=True, text=True)
    assert r.returncode != 0 and "'qg.mul' op" in r.stderr and "multiplier" in r.stderr


def scaled(op, k, const_first=False):
    """x -> Q/DQ -> op(x, k) (k a float32 scalar Constant) -> Q/DQ."""
    inputs = ["k", "qx_d"] if const_first else ["qx_d", "k"]
    nodes = q("qx", "x", "sx", "zx") + [helper.make_node(op, inputs, ["m"], name="scale1")]
    nodes += q("qy", "m", "sy", "zy")
    k_init = helper.make_tensor("k", TensorProto.FLOAT, [], [k])
    return model(nodes, [k_init], [1, 2, 3, 3], "qy_d")


@pytest.mark.parametrize("op,k,first", [("Div", 6.0, False), ("Mul", 0.37, False),
                                        ("Mul", 1.8, True)])
def test_scaling_by_a_constant_is_a_rescale(op, k, first, tmp_path):
    x = np.random.default_rng(6).uniform(-6, 6, (1, 2, 3, 3)).astype(np.float32)
    check(scaled(op, k, first), x, tmp_path, kinds=["rescale"], identical=0)


def test_division_by_a_negative_constant_is_refused():
    with pytest.raises(npc.CompileError, match=r"node 'scale1' \(Div\): a constant factor must be "
                                               r"positive and finite, got -0.5"):
        npc.compile(scaled("Div", -2.0).SerializeToString())


def test_sub_of_two_activations(tmp_path):
    """x - sigmoid(x) in QDQ form: qg.add with `subtract`."""
    nodes = q("qx", "x", "sx", "zx") + [helper.make_node("Sigmoid", ["qx_d"], ["sig"], name="sigmoid")]
    nodes += q("qs", "sig", "ss", "zs")
    nodes += [helper.make_node("Sub", ["qx_d", "qs_d"], ["m"], name="sub1")]
    nodes += q("qy", "m", "sy", "zy")
    m = model(nodes, [], [1, 3, 4, 4], "qy_d")
    x = np.random.default_rng(8).uniform(-6, 6, (1, 3, 4, 4)).astype(np.float32)
    check(m, x, tmp_path, kinds=["table", "add"])


@pytest.mark.parametrize("keepdims", [1, 0])
def test_reduce_mean_over_spatial_axes(keepdims, tmp_path):
    """Squeeze-excite's mean as torch exports it: ReduceMean over [2, 3] (a
    global average pool), then Mul by the activation when the axes are kept."""
    nodes = q("qx", "x", "sx", "zx") + [
        helper.make_node("ReduceMean", ["qx_d"], ["p"], name="mean", axes=[-1, 2], keepdims=keepdims)]
    nodes += q("qp", "p", "sg", "zs")
    out = "qp_d"
    if keepdims:
        nodes += [helper.make_node("Mul", ["qx_d", "qp_d"], ["m"], name="se_mul")]
        nodes += q("qy", "m", "sy", "zy")
        out = "qy_d"
    m = model(nodes, [], [1, 4, 5, 5], out)
    x = np.random.default_rng(9).uniform(0, 6, (1, 4, 5, 5)).astype(np.float32)
    y = check(m, x, tmp_path, scale=0.03 if keepdims else 0.02, identical=0)
    assert y.shape == ((1, 4, 5, 5) if keepdims else (1, 4))


def test_two_unquantized_functions_as_16_bit_tables(tmp_path):
    """tanh(x) * sigmoid(p) with no QuantizeLinear after either function,
    the Sigmoid written first: two 16-bit tables (the Tanh's signed), made
    in the Mul's operand order, and one qg.mul."""
    nodes = q("qx", "x", "sx", "zx") + [
        helper.make_node("GlobalAveragePool", ["qx_d"], ["p"], name="gap")]
    nodes += q("qp", "p", "sg", "zs")
    nodes += [helper.make_node("Sigmoid", ["qp_d"], ["g"], name="gate"),
              helper.make_node("Tanh", ["qx_d"], ["t"], name="tanh"),
              helper.make_node("Mul", ["t", "g"], ["m"], name="mul")]
    nodes += q("qy", "m", "sy", "zy")
    m = model(nodes, [], [1, 8, 4, 4], "qy_d")
    x = np.random.default_rng(12).uniform(-6, 6, (1, 8, 4, 4)).astype(np.float32)
    check(m, x, tmp_path, kinds=["avg_pool", "table", "table", "mul"])


@pytest.mark.parametrize("gate", ["HardSigmoid", "Sigmoid"])
def test_unquantized_gate_as_16_bit_table(gate, tmp_path):
    """x * gate(g) with no QuantizeLinear after the gate (torchvision's
    squeeze-excite as FX exports it): the gate is a 16-bit table."""
    nodes = q("qx", "x", "sx", "zx") + [
        helper.make_node("GlobalAveragePool", ["qx_d"], ["p"], name="gap")]
    nodes += q("qp", "p", "sg", "zs")
    nodes += [helper.make_node(gate, ["qp_d"], ["g"], name="gate"),
              helper.make_node("Mul", ["qx_d", "g"], ["m"], name="se_mul")]
    nodes += q("qy", "m", "sy", "zy")
    m = model(nodes, [], [1, 8, 4, 4], "qy_d")
    x = np.random.default_rng(11).uniform(0, 6, (1, 8, 4, 4)).astype(np.float32)
    check(m, x, tmp_path, kinds=["avg_pool", "table", "mul"])
