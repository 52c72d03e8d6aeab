"""Hostile ONNX files (built with the onnx package): `npc compile` answers each with exactly
one `npc: error:` line and exit 2 — names with newlines and escape sequences printed escaped
and cut, shapes that would wrap or exhaust memory refused before anything is sized by them."""
import subprocess

import numpy as np
import onnx
import pytest
from onnx import TensorProto as T, helper as h, numpy_helper as nh

X = h.make_tensor_value_info("x", T.FLOAT, [1, 3, 4, 4])
Y = h.make_tensor_value_info("y", T.FLOAT, None)


def model(nodes, inputs=(X,), inits=(), opset=13):
    g = h.make_graph(nodes, "g", list(inputs), [Y], list(inits))
    m = h.make_model(g, opset_imports=[h.make_opsetid("", opset)])
    m.ir_version = 8
    return m


def int4(name, dims):
    t = T()
    t.name, t.data_type = name, 22
    t.dims.extend(dims)
    t.raw_data = b"\x12\x34"
    return t


QPARAMS = [nh.from_array(np.array(0.1, np.float32), "s"),
           nh.from_array(np.array(128, np.uint8), "z"),
           nh.from_array(np.array(0.05, np.float32), "ws"),
           nh.from_array(np.array(0, np.int8), "wz")]


def qdq_weighted(op, w):
    """x -> Q -> DQ -> op(., DQ(w)) -> Q -> DQ -> y, u8 activations, the weight `w` int8."""
    return model([h.make_node("QuantizeLinear", ["x", "s", "z"], ["q"], name="q"),
                  h.make_node("DequantizeLinear", ["q", "s", "z"], ["d"], name="dq"),
                  h.make_node("DequantizeLinear", ["w", "ws", "wz"], ["wd"], name="dqw"),
                  h.make_node(op, ["d", "wd"], ["c"], name="op"),
                  h.make_node("QuantizeLinear", ["c", "s", "z"], ["q2"], name="q2"),
                  h.make_node("DequantizeLinear", ["q2", "s", "z"], ["y"], name="dq2")],
                 inits=QPARAMS + [nh.from_array(w, "w")])


EVIL = "evil\nnpc: error: forged\x1b[31m" + "A" * 5000
CASES = {
    "forged line in a node name": (
        model([h.make_node("Hardmax", ["x"], ["y"], name=EVIL)]),
        "npc: error: node 'evil\\nnpc: error: forged\\x1b[31m" + "A" * 172 +
        "...(5028 bytes)' (Hardmax): operator Hardmax is not supported"),
    "int4 tensor with a negative dimension": (
        model([h.make_node("DequantizeLinear", ["w4", "s4"], ["wf"], name="dq"),
               h.make_node("Add", ["x", "wf"], ["y"], name="add")],
              inits=[int4("w4", [-1]), nh.from_array(np.array(0.5, np.float32), "s4")], opset=21),
        "npc: error: tensor 'w4' has a dimension of -1"),
    "int4 tensor of 2^62 elements": (
        model([h.make_node("DequantizeLinear", ["w4", "s4"], ["wf"], name="dq"),
               h.make_node("Add", ["x", "wf"], ["y"], name="add")],
              inits=[int4("w4", [2**62, 1]), nh.from_array(np.array(0.5, np.float32), "s4")],
              opset=21),
        "npc: error: tensor 'w4' of shape [4611686018427387904, 1] has more than 2^31 elements "
        "(npc's limit; --limit tensor-elements=N raises it)"),
    "graph input dimension 2^31": (
        model([h.make_node("Relu", ["x"], ["y"], name="relu")],
              inputs=[h.make_tensor_value_info("x", T.FLOAT, [1, 3, 2**31, 4])]),
        "npc: error: graph input 'x' of shape [1, 3, 2147483648, 4] exceeds npc's limits (each "
        "dimension 1 to 2^24, at most 2^31 elements; --limit input-dimension=N and "
        "tensor-elements=N raise them)"),
    "graph input dimension 0": (
        model([h.make_node("Relu", ["x"], ["y"], name="relu")],
              inputs=[h.make_tensor_value_info("x", T.FLOAT, [1, 3, 0, 4])]),
        "npc: error: graph input 'x' has a dimension of 0; every dimension must be at least 1"),
    "zero-size convolution kernel": (
        model([h.make_node("QuantizeLinear", ["x", "s", "z"], ["q"], name="q"),
               h.make_node("DequantizeLinear", ["q", "s", "z"], ["d"], name="dq"),
               h.make_node("DequantizeLinear", ["w", "ws", "wz"], ["wd"], name="dqw"),
               h.make_node("Conv", ["d", "wd"], ["c"], name="conv0"),
               h.make_node("QuantizeLinear", ["c", "s", "z"], ["q2"], name="q2"),
               h.make_node("DequantizeLinear", ["q2", "s", "z"], ["y"], name="dq2")],
              inputs=[h.make_tensor_value_info("x", T.FLOAT, [1, 1, 4, 4])],
              inits=[nh.from_array(np.array(0.1, np.float32), "s"),
                     nh.from_array(np.array(128, np.uint8), "z"),
                     nh.from_array(np.ones((1, 1, 0, 3), np.int8), "w"),
                     nh.from_array(np.array(0.05, np.float32), "ws"),
                     nh.from_array(np.array(0, np.int8), "wz")]),
        "npc: error: node 'conv0' (Conv): 'qg.conv2d' op kernel, strides and dilations must be "
        ">= 1"),
    "QDQ Conv weight given as a scalar": (
        qdq_weighted("Conv", np.array(1, np.int8)),
        "npc: error: node 'op' (Conv): only 2-D convolution (NCHW input, OIHW weight) is "
        "supported; input has rank 4, weight rank 0"),
    "QDQ MatMul weight given as a scalar": (
        qdq_weighted("MatMul", np.array(1, np.int8)),
        "npc: error: node 'op' (MatMul): MatMul operands must have rank >= 2 (1-D operands are "
        "not supported)"),
    "QLinearConv weight given as a scalar": (
        model([h.make_node("QuantizeLinear", ["x", "s", "z"], ["q"], name="q"),
               h.make_node("QLinearConv", ["q", "s", "z", "w", "ws", "wz", "s", "z"], ["c"],
                           name="qconv"),
               h.make_node("DequantizeLinear", ["c", "s", "z"], ["y"], name="dq")],
              inits=QPARAMS + [nh.from_array(np.array(1, np.int8), "w")]),
        "npc: error: node 'qconv' (QLinearConv): only 2-D convolution (NCHW input, OIHW weight) "
        "is supported; input has rank 4, weight rank 0"),
    "float op reading the empty name": (
        model([h.make_node("Relu", [""], ["y"], name="relu")]),
        "npc: error: node 'relu' (Relu): missing input 0"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_model_one_line(case, tmp_path, npc_bin):
    m, line = CASES[case]
    path = tmp_path / "m.onnx"
    path.write_bytes(m.SerializeToString())
    r = subprocess.run([npc_bin, "compile", str(path), "-o", str(tmp_path / "m.npx")],
                       capture_output=True)
    assert r.returncode == 2, r.stderr
    err = r.stderr.decode("utf-8", "replace")
    assert err.count("\n") == 1 and err.endswith("\n"), err
    assert err.startswith(line), err
    assert "\x1b" not in err and "PLEASE submit" not in err


# Import limits, lowered with --limit so that small models meet them; each
# message names the limit and how to raise it.
LIMIT_CASES = {
    "nodes": (["nodes=5"],
              "npc: error: the graph has 6 nodes, more than npc's limit of 5 "
              "(--limit nodes=N raises it)\n"),
    # Four scalars, then the 2x3x1x1 weight: ten elements.
    "weight-elements": (["weight-elements=9"],
                        "npc: error: tensor 'w' takes the model's constants "
                        "past 9 elements in all (npc's limit; --limit weight-elements=N raises "
                        "it)\n"),
    "tensor-elements": (["tensor-elements=8"],
                        "npc: error: graph input 'x' of shape [1, 3, 4, 4] exceeds npc's limits "
                        "(each dimension 1 to 2^24, at most 8 elements; --limit "
                        "input-dimension=N and tensor-elements=N raise them)\n"),
    "input-dimension": (["input-dimension=3"],
                        "npc: error: graph input 'x' of shape [1, 3, 4, 4] exceeds npc's limits "
                        "(each dimension 1 to 3, at most 2^31 elements; --limit "
                        "input-dimension=N and tensor-elements=N raise them)\n"),
    "unknown name": (["frames=3"],
                     "npc: error: unknown limit 'frames' (nodes, tensor-elements, "
                     "weight-elements, input-dimension)\n"),
    "not a number": (["nodes=many"],
                     "npc: error: --limit expects NAME=N (a whole number), got 'nodes=many'\n"),
    "zero": (["nodes=0"], "npc: error: limit nodes must be 1 to 2^34, got 0\n"),
}

CONV = qdq_weighted("Conv", np.ones((2, 3, 1, 1), np.int8))


@pytest.mark.parametrize("case", sorted(LIMIT_CASES))
def test_limit_exceeded(case, tmp_path, npc_bin):
    limits, line = LIMIT_CASES[case]
    path = tmp_path / "m.onnx"
    path.write_bytes(CONV.SerializeToString())
    args = [a for lim in limits for a in ("--limit", lim)]
    r = subprocess.run([npc_bin, "compile", str(path), "-o", str(tmp_path / "m.npx")] + args,
                       capture_output=True)
    assert r.returncode == 2, r.stderr
    assert r.stderr.decode() == line


def test_limits_raised_and_from_python(tmp_path, npc_bin):
    """The defaults and a raised limit compile the model; Python's `limits`
    is the same setting, with the same message."""
    import npc
    path = tmp_path / "m.onnx"
    path.write_bytes(CONV.SerializeToString())
    for extra in ([], ["--limit", "nodes=6", "--limit", "weight-elements=10"]):
        r = subprocess.run([npc_bin, "compile", str(path), "-o", str(tmp_path / "m.npx")] + extra,
                           capture_output=True)
        assert r.returncode == 0, r.stderr
    npc.compile(CONV, limits={"nodes": 6})
    with pytest.raises(npc.CompileError, match=r"^the graph has 6 nodes, more than npc's limit "
                       r"of 5 \(--limit nodes=N raises it\)$"):
        npc.compile(CONV, limits={"nodes": 5})
    with pytest.raises(TypeError):  # a limit is a whole number
        npc.compile(CONV, limits={"nodes": 1.5})
    with pytest.raises(ValueError,
                       match=r"^limit nodes must be 1 to 2\^34, got 1180591620717411303424$"):
        npc.compile(CONV, limits={"nodes": 2**70})
    with pytest.raises(ValueError, match="unknown limit 'node'"):
        npc.reference(CONV, np.zeros((1, 3, 4, 4), np.float32), limits={"node": 5})
