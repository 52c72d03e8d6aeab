"""Slice and Split on activations (a ShuffleNet's channel split, a
detector's focus layer): strided windows of the quantized codes, so npc's
output equals onnxruntime's byte for byte; constants still fold as shape
arithmetic (test_shape_folding.py)."""
import numpy as np
from onnx import TensorProto, helper, numpy_helper
import pytest

import npc
from oracle import onnxruntime
SHAPE = [1, 6, 5, 7]


def model(op_nodes, outputs, inits, opset=13):
    """x -> Q (u8, 0.1, 128) -> DQ -> op_nodes -> each output Q -> DQ."""
    nodes = [helper.make_node("QuantizeLinear", ["x", "s", "z"], ["q"], name="q"),
             helper.make_node("DequantizeLinear", ["q", "s", "z"], ["d"], name="dq")] + op_nodes
    outs = []
    for o in outputs:
        nodes += [helper.make_node("QuantizeLinear", [o, "s", "z"], [o + "_q"], name=o + "_q"),
                  helper.make_node("DequantizeLinear", [o + "_q", "s", "z"], [o + "_y"], name=o + "_dq")]
        outs.append(helper.make_tensor_value_info(o + "_y", TensorProto.FLOAT, None))
    inits = inits + [helper.make_tensor("s", TensorProto.FLOAT, [], [0.1]),
                     helper.make_tensor("z", TensorProto.UINT8, [], [128])]
    g = helper.make_graph(nodes, "m", [helper.make_tensor_value_info("x", TensorProto.FLOAT, SHAPE)],
                          outs, inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", opset)])
    m.ir_version = 7
    return m


def ints(name, v):
    return numpy_helper.from_array(np.array(v, np.int64), name)


def codes(x):
    """The quantized input's dequantized values, as QuantizeLinear gives them."""
    return (np.clip(np.round(x / np.float32(0.1)) + 128, 0, 255) - 128) * np.float32(0.1)


X = np.random.default_rng(5).uniform(-12, 12, SHAPE).astype(np.float32)

SLICES = {
    # starts, ends, axes, steps
    "channels 1:4": ([1], [4], [1], None),
    "every other row and column": ([0, 1], [5, 7], [2, 3], [2, 2]),
    "negative start, end past the end": ([-3], [100], [3], None),
    "all axes, step 3": ([0, 0, 0, 0], [1, 6, 5, 7], None, [1, 3, 2, 3]),
}


@pytest.mark.parametrize("name", SLICES)
def test_slice_equals_onnxruntime(name, tmp_path):
    starts, ends, axes, steps = SLICES[name]
    ins = ["d", "starts", "ends"]
    inits = [ints("starts", starts), ints("ends", ends)]
    if axes is not None or steps is not None:
        ins.append("axes" if axes is not None else "")
        if axes is not None:
            inits.append(ints("axes", axes))
    if steps is not None:
        ins.append("steps")
        inits.append(ints("steps", steps))
    m = model([helper.make_node("Slice", ins, ["r"], name="sl")], ["r"], inits)
    art = npc.compile(m.SerializeToString(), target="small")
    assert [l["kind"] for l in art.report["layers"]] == ["slice"]
    y = art.run(X)
    assert y.tobytes() == npc.reference(m.SerializeToString(), X).tobytes()
    assert y.tobytes() == onnxruntime(m, X, tmp_path).tobytes()


@pytest.mark.parametrize("opset", [11, 13])
def test_split_is_one_slice_per_output(opset):
    inits = [ints("split", [2, 3, 1])] if opset >= 13 else []
    ins = ["d", "split"] if opset >= 13 else ["d"]
    attrs = {"axis": 1} if opset >= 13 else {"axis": 1, "split": [2, 3, 1]}
    m = model([helper.make_node("Split", ins, ["a", "b", "c"], name="sp", **attrs)],
              ["a", "b", "c"], inits, opset)
    art = npc.compile(m.SerializeToString(), target="small")
    assert [l["kind"] for l in art.report["layers"]] == ["slice"] * 3
    y = art.run(X)
    want = codes(X)
    for name, (lo, hi) in zip(["a_y", "b_y", "c_y"], [(0, 2), (2, 5), (5, 6)]):
        np.testing.assert_array_equal(y[name], want[:, lo:hi])


@pytest.mark.parametrize("node, inits, message", [
    (helper.make_node("Slice", ["d", "st", "en", "ax", "sp"], ["r"], name="sl"),
     [ints("st", [4]), ints("en", [0]), ints("ax", [1]), ints("sp", [-1])],
     "node 'sl' (Slice): steps must be positive (a reversing Slice is not supported)"),
    (helper.make_node("Split", ["d", "split"], ["r", "r2"], name="sp", axis=1),
     [ints("split", [2, 3])],
     "node 'sp' (Split): split sizes do not add up to the axis (6) over the node's 2 outputs"),
])
def test_errors_name_the_node(node, inits, message):
    m = model([node], ["r"], inits)
    with pytest.raises(npc.CompileError, match=message.replace("(", r"\(").replace(")", r"\)")):
        npc.compile(m.SerializeToString())


@pytest.mark.parametrize("op, attrs", [("DepthToSpace", {"blocksize": 2}),
                                       ("DepthToSpace", {"blocksize": 2, "mode": "CRD"}),
                                       ("SpaceToDepth", {"blocksize": 2})])
def test_depth_space_equals_onnxruntime(op, attrs, tmp_path):
    """A reshape to rank 6, a transpose and a reshape back: codes moved."""
    shape = [1, 8, 4, 6]
    m = model([helper.make_node(op, ["d"], ["r"], name="ds", **attrs)], ["r"], [])
    m.graph.input[0].CopyFrom(helper.make_tensor_value_info("x", TensorProto.FLOAT, shape))
    x = np.random.default_rng(9).uniform(-12, 12, shape).astype(np.float32)
    art = npc.compile(m.SerializeToString(), target="small")
    assert [l["kind"] for l in art.report["layers"]] == ["transpose"]
    y = art.run(x)
    assert y.tobytes() == npc.reference(m.SerializeToString(), x).tobytes()
    assert y.tobytes() == onnxruntime(m, x, tmp_path).tobytes()


@pytest.mark.parametrize("pads", [[0, 0, 1, 2, 0, 0, 3, 0], [0, 1, 0, 0, 0, 2, 1, 1]],
                         ids=["height and width", "channels too"])
def test_pad_with_zero_equals_onnxruntime(pads, tmp_path):
    """Pad (constant 0) on a dequantized activation: the border is the zero
    point's code (128 here), which dequantizes to 0 exactly."""
    m = model([helper.make_node("Pad", ["d", "pads"], ["r"], name="pad")], ["r"],
              [ints("pads", pads)])
    art = npc.compile(m.SerializeToString(), target="small")
    assert [l["kind"] for l in art.report["layers"]] == ["pad"]
    y = art.run(X)
    assert y.tobytes() == npc.reference(m.SerializeToString(), X).tobytes()
    assert y.tobytes() == onnxruntime(m, X, tmp_path).tobytes()
    r = len(SHAPE)
    want = np.pad(codes(X), [(pads[d], pads[r + d]) for d in range(r)])
    np.testing.assert_array_equal(y, want)


@pytest.mark.parametrize("raw_input", [False, True], ids=["other zero point", "uint8 input"])
def test_pad_border_is_the_dequantize_zero_point(raw_input, tmp_path):
    """Pad of a DequantizeLinear whose zero point (20) is not its codes'
    own: a QuantizeLinear at zero point 10 before it, or a uint8 graph
    input (no zero point of its own). The border is real 0, code 20 after
    the last QuantizeLinear; npc padded with the codes' own zero point (10,
    or 0), a silent wrong answer, until the codes were read with the
    DequantizeLinear's parameters first."""
    s = helper.make_tensor("s", TensorProto.FLOAT, [], [0.5])
    z1 = helper.make_tensor("z1", TensorProto.UINT8, [], [10])
    z2 = helper.make_tensor("z2", TensorProto.UINT8, [], [20])
    nodes = [] if raw_input else [helper.make_node("QuantizeLinear", ["x", "s", "z1"], ["q"], name="q")]
    nodes += [helper.make_node("DequantizeLinear", ["x" if raw_input else "q", "s", "z2"], ["d"], name="dq"),
              helper.make_node("Pad", ["d", "pads"], ["p"], name="pad"),
              helper.make_node("QuantizeLinear", ["p", "s", "z2"], ["y"], name="qy")]
    xtype = TensorProto.UINT8 if raw_input else TensorProto.FLOAT
    g = helper.make_graph(nodes, "m", [helper.make_tensor_value_info("x", xtype, [1, 1, 2, 3])],
                          [helper.make_tensor_value_info("y", TensorProto.UINT8, None)],
                          [s, z1, z2, ints("pads", [0, 0, 1, 0, 0, 0, 0, 2])])
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
    m.ir_version = 7
    x = (np.array([[[[30, 40, 50], [60, 70, 80]]]], np.uint8) if raw_input else
         np.array([[[[1.0, -2.5, 3.0], [0.5, 4.0, -1.0]]]], np.float32))
    y = npc.compile(m.SerializeToString(), target="small").run(x)
    assert y.tobytes() == npc.reference(m.SerializeToString(), x).tobytes()
    assert y.tobytes() == onnxruntime(m, x, tmp_path).tobytes()
    # By hand: the codes (x itself, or round(x / 0.5) + 10) read at zero
    # point 20 again; the border row above and two columns right are 20.
    inner = x[0, 0] if raw_input else np.round(x[0, 0] / 0.5).astype(np.int64) + 10
    want = np.full((3, 5), 20)
    want[1:, :3] = inner
    np.testing.assert_array_equal(y[0, 0], want)


@pytest.mark.parametrize("mode, value, message", [
    ("reflect", None, "node 'pad' (Pad): mode 'reflect' is not supported: npc pads with zeros only"),
    ("constant", 1.5, "node 'pad' (Pad): constant_value must be 0; npc pads with the zero point"),
])
def test_pad_errors(mode, value, message):
    ins, inits = ["d", "pads"], [ints("pads", [0, 0, 1, 1, 0, 0, 1, 1])]
    if value is not None:
        ins.append("v")
        inits.append(helper.make_tensor("v", TensorProto.FLOAT, [], [value]))
    m = model([helper.make_node("Pad", ins, ["r"], name="pad", mode=mode)], ["r"], inits)
    with pytest.raises(npc.CompileError, match=message.replace("(", r"\(").replace(")", r"\)")):
        npc.compile(m.SerializeToString())


def test_moving_a_constant_is_an_error():
    """Split, Pad, Resize and DepthToSpace move activations; a constant
    reaching one is refused (Slice of a constant folds instead)."""
    m = model([helper.make_node("Split", ["w"], ["r", "r2"], name="sp", axis=0),
               helper.make_node("Add", ["d", "r"], ["a"], name="add")], ["a"],
              [numpy_helper.from_array(np.ones([2, 7], np.float32), "w")])
    with pytest.raises(npc.CompileError,
                       match=r"node 'sp' \(Split\): input 'w' is a constant; only activations move here"):
        npc.compile(m.SerializeToString())
