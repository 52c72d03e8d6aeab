"""Residual adds whose two inputs have different scales, as onnxruntime's
and PyTorch's quantizers give them (bench/gen_resnet50.py gives every
activation one scale): each Add is one `add` layer that rescales both inputs
in the same fixed-point step (docs/semantics.md), not an add plus separate
`rescale` layers (issue 14, item 2)."""
import os
import subprocess
import sys

import numpy as np
import onnx
from onnx import numpy_helper

import npc
from oracle import onnxruntime

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def mixed_scale_resnet50(tmp_path, size=32, seed=5):
    """ResNet-50-shaped INT8 QDQ network with every activation scale (each
    QuantizeLinear's, shared with its DequantizeLinear) multiplied by its
    own factor in [0.7, 1.4]."""
    path = tmp_path / "r50.onnx"
    subprocess.run([sys.executable, os.path.join(ROOT, "bench", "gen_resnet50.py"), str(path),
                    "--size", str(size)], check=True)
    m = onnx.load(str(path))
    rng = np.random.default_rng(seed)
    inits = {i.name: i for i in m.graph.initializer}
    scaled = set()
    for n in m.graph.node:
        if n.op_type == "QuantizeLinear" and n.input[1] not in scaled:
            scaled.add(n.input[1])
            s = numpy_helper.to_array(inits[n.input[1]])
            inits[n.input[1]].CopyFrom(numpy_helper.from_array(
                (s * rng.uniform(0.7, 1.4)).astype(s.dtype), n.input[1]))
    return m


def test_mixed_scale_residual_adds_are_one_layer_each(tmp_path):
    m = mixed_scale_resnet50(tmp_path)
    producer = {o: n for n in m.graph.node for o in n.output}
    inits = {i.name: numpy_helper.to_array(i) for i in m.graph.initializer}
    adds = [n for n in m.graph.node if n.op_type == "Add"]
    assert len(adds) == 16
    for a in adds:  # the two inputs' scales differ
        scales = [float(inits[producer[i].input[1]]) for i in a.input]
        assert abs(scales[0] - scales[1]) > 1e-4 * scales[0], a.name

    art = npc.compile(m.SerializeToString(), target="northpole")
    kinds = {layer["name"]: layer["kind"] for layer in art.report["layers"]}
    assert [kinds.get(a.name) for a in adds] == ["add"] * 16
    # The one rescale left is the max pool's (its output scale differs from
    # its input's); none belongs to an add.
    pool = next(n.name for n in m.graph.node if n.op_type == "MaxPool")
    rescales = [name for name, kind in kinds.items() if kind == "rescale"]
    assert len(rescales) == 1 and rescales[0].startswith(pool + "."), rescales

    x = np.random.default_rng(1).uniform(-2, 2, (1, 3, 32, 32)).astype(np.float32)
    y = art.run(x)
    assert y.tobytes() == npc.reference(m.SerializeToString(), x).tobytes()
    # Not against onnxruntime here: on this random 53-layer network a step of
    # rounding early grows, and onnxruntime's own two modes (fused QLinearAdd
    # and node by node) differ by up to 7 output steps. The add's arithmetic
    # is compared in isolation below.


def add_model(sa, za, sb, zb, sc, zc):
    """x -> Q -> DQ, then Relu -> Q(sa, za) -> DQ and Sigmoid -> Q(sb, zb) ->
    DQ, added: Add -> Relu -> Q(sc, zc) -> DQ."""
    from onnx import TensorProto, helper
    inits = [numpy_helper.from_array(np.array(v, dt), n) for n, v, dt in [
        ("s0", 0.05, np.float32), ("z0", 128, np.uint8), ("sa", sa, np.float32),
        ("za", za, np.uint8), ("sb", sb, np.float32), ("zb", zb, np.uint8),
        ("sc", sc, np.float32), ("zc", zc, np.uint8)]]
    nodes = [helper.make_node("QuantizeLinear", ["x", "s0", "z0"], ["q0"], name="q0"),
             helper.make_node("DequantizeLinear", ["q0", "s0", "z0"], ["d0"], name="dq0"),
             helper.make_node("Relu", ["d0"], ["ra"], name="branch_a"),
             helper.make_node("QuantizeLinear", ["ra", "sa", "za"], ["qa"], name="qa"),
             helper.make_node("DequantizeLinear", ["qa", "sa", "za"], ["a"], name="dqa"),
             helper.make_node("Sigmoid", ["d0"], ["sg"], name="branch_b"),
             helper.make_node("QuantizeLinear", ["sg", "sb", "zb"], ["qb"], name="qb"),
             helper.make_node("DequantizeLinear", ["qb", "sb", "zb"], ["b"], name="dqb"),
             helper.make_node("Add", ["a", "b"], ["s"], name="residual"),
             helper.make_node("Relu", ["s"], ["r"], name="relu"),
             helper.make_node("QuantizeLinear", ["r", "sc", "zc"], ["qc"], name="qc"),
             helper.make_node("DequantizeLinear", ["qc", "sc", "zc"], ["y"], name="dqc")]
    g = helper.make_graph(nodes, "add", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 8, 16, 16])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)], inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
    m.ir_version = 7
    return m


def test_mixed_scale_add_equals_onnxruntime(tmp_path):
    # Scales in ratios a quantizer gives (not powers of two), zero points off 0.
    m = add_model(0.0437, 3, 0.0041, 7, 0.0519, 0)
    x = np.random.default_rng(2).uniform(-6, 6, (1, 8, 16, 16)).astype(np.float32)
    art = npc.compile(m.SerializeToString(), target="small")
    kinds = {layer["name"]: layer["kind"] for layer in art.report["layers"]}
    assert kinds["residual"] == "add" and list(kinds.values()).count("add") == 1, kinds
    assert "rescale" not in [k for n, k in kinds.items() if n.startswith("residual")], kinds
    y = art.run(x)
    assert y.tobytes() == npc.reference(m.SerializeToString(), x).tobytes()
    for no_opt in (False, True):  # fused QLinearAdd, and node by node in float
        ort = onnxruntime(m, x, tmp_path, no_opt=no_opt)
        steps = np.abs(y - ort) / np.float32(0.0519)
        assert steps.max() <= 1.0001, (no_opt, steps.max())
