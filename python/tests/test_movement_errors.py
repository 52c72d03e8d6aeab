"""Every error line of this session's importer paths (data movement on
activations: Slice, Split, Pad, DepthToSpace, SpaceToDepth, Resize; chains
of functions), each naming the node, its op type and the reason."""
import numpy as np
from onnx import TensorProto, helper
import onnx
import pytest

import npc
from test_import_errors import arr, graph, requant

I64 = np.int64


def node(op, ins, name, outs=("r",), **attrs):
    return helper.make_node(op, ins, list(outs), name=name, **attrs)


# (id, nodes, initializers, input shape, message without the node prefix)
CASES = [
    ("slice lengths", [node("Slice", ["d", "st", "en"], "sl")] + requant("r"),
     [arr("st", [0], I64), arr("en", [1, 2], I64)], (1, 2, 3, 3),
     "starts, ends, axes and steps must have one entry per sliced axis"),
    ("slice axis", [node("Slice", ["d", "st", "en", "ax"], "sl")] + requant("r"),
     [arr("st", [0], I64), arr("en", [1], I64), arr("ax", [7], I64)], (1, 2, 3, 3),
     "axis 7 is out of range or repeated"),
    ("slice of a float op", [node("Relu", ["d"], "relu", outs=["f"]), node("Conv", ["f", "wd"], "conv", outs=["c"]),
                             node("Slice", ["c", "st", "en"], "sl")] + requant("r"),
     [arr("st", [0], I64), arr("en", [1], I64)], (1, 2, 3, 3), None),
    ("slice of a float input", [node("Slice", ["x", "st", "en"], "sl")] + requant("r"),
     [arr("st", [0], I64), arr("en", [1], I64)], (1, 2, 3, 3),
     "input 'x' is a float tensor; npc needs a quantized network (QDQ or QOperator)"),
    ("split axis", [node("Split", ["d"], "sp", outs=["r", "r2"], axis=5)] + requant("r"), [],
     (1, 2, 3, 3), "axis out of range"),
    ("split negative", [node("Split", ["d", "split"], "sp", outs=["r", "r2"], axis=1)] + requant("r"),
     [arr("split", [4, -2], I64)], (1, 2, 3, 3), "split sizes must not be negative"),
    ("split num_outputs", [node("Split", ["d"], "sp", outs=["r", "r2"], axis=1, num_outputs=3)]
     + requant("r"), [], (1, 2, 3, 3), "num_outputs does not match the node's outputs"),
    ("pad value size", [node("Pad", ["d", "pads", "v"], "pad")] + requant("r"),
     [arr("pads", [0, 0, 1, 1, 0, 0, 1, 1], I64), arr("v", [0, 0], np.float32)], (1, 2, 3, 3),
     "constant_value must hold one value"),
    ("pad integer value", [node("Pad", ["q", "pads"], "pad", outs=["p"]),
                           node("DequantizeLinear", ["p", "s", "z"], "dq3", outs=["y"])],
     [arr("pads", [0, 0, 1, 1, 0, 0, 1, 1], I64)], (1, 2, 3, 3),
     "constant_value 0 is not the tensor's zero point; npc pads with the zero point"),
    ("pad count", [node("Pad", ["d", "pads"], "pad")] + requant("r"),
     [arr("pads", [0, 0, 1], I64)], (1, 2, 3, 3), "pads must have two entries per padded axis"),
    ("pad negative", [node("Pad", ["d", "pads"], "pad")] + requant("r"),
     [arr("pads", [0, 0, -1, 0, 0, 0, 0, 0], I64)], (1, 2, 3, 3),
     "negative pads (cropping) are not supported; use Slice"),
    ("pad huge", [node("Pad", ["d", "pads"], "pad")] + requant("r"),
     [arr("pads", [0, 0, 2**25, 0, 0, 0, 0, 0], I64)], (1, 2, 3, 3), "pads are too large"),
    ("depth rank", [node("DepthToSpace", ["d"], "ds", blocksize=2)] + requant("r"), [], (1, 8),
     "only 4-D (NCHW) inputs are supported"),
    ("depth blocksize", [node("DepthToSpace", ["d"], "ds", blocksize=0)] + requant("r"), [],
     (1, 2, 3, 3), "blocksize must be at least 1"),
    ("depth channels", [node("DepthToSpace", ["d"], "ds", blocksize=2)] + requant("r"), [],
     (1, 2, 3, 3), "channels (2) are not a multiple of blocksize^2"),
    ("depth mode", [node("DepthToSpace", ["d"], "ds", blocksize=1, mode="XYZ")] + requant("r"), [],
     (1, 2, 3, 3), "mode 'XYZ' is unknown (DCR or CRD)"),
    ("space size", [node("SpaceToDepth", ["d"], "sd", blocksize=2)] + requant("r"), [],
     (1, 2, 3, 3), "height and width must be multiples of blocksize"),
    ("resize axes", [node("Resize", ["d", "", "sc"], "up", axes=[2, 3])] + requant("r"),
     [arr("sc", [2, 2], np.float32)], (1, 2, 3, 3),
     "the axes and keep_aspect_ratio_policy attributes are not supported"),
    ("resize rank", [node("Resize", ["d", "", "sc"], "up")] + requant("r"),
     [arr("sc", [1, 2], np.float32)], (1, 8), "only 4-D (NCHW) inputs are supported"),
    ("resize sizes", [node("Resize", ["d", "", "", "sz"], "up")] + requant("r"),
     [arr("sz", [1, 2, 6], I64)], (1, 2, 3, 3), "sizes must have 4 entries"),
    ("resize scales", [node("Resize", ["d", "", "sc"], "up")] + requant("r"),
     [arr("sc", [1, 2, 2], np.float32)], (1, 2, 3, 3), "needs 4 constant scales or sizes"),
    ("resize crop", [node("Resize", ["d", "", "sc"], "up",
                          coordinate_transformation_mode="tf_crop_and_resize")] + requant("r"),
     [arr("sc", [1, 1, 2, 2], np.float32)], (1, 2, 3, 3),
     "coordinate_transformation_mode 'tf_crop_and_resize' is not supported with mode nearest"),
    ("resize nearest mode", [node("Resize", ["d", "", "sc"], "up", nearest_mode="bogus")]
     + requant("r"), [arr("sc", [1, 1, 2, 2], np.float32)], (1, 2, 3, 3),
     "nearest_mode 'bogus' is unknown"),
    ("prelu of a constant", [node("DequantizeLinear", ["wq", "s", "z"], "dqw", outs=["wf"]),
                             node("PRelu", ["wf", "k"], "pr", outs=["f"]),
                             node("Add", ["d", "f"], "add", outs=["r"])] + requant("r"),
     [arr("wq", np.full((1, 2, 3, 3), 100), np.uint8), arr("k", 0.25, np.float32)], (1, 2, 3, 3),
     "input must be a dequantized activation of at most 8 bits (per tensor)"),
    ("function then per-axis Q", [node("Sigmoid", ["d"], "sig", outs=["g"]),
                                  node("Mul", ["d", "g"], "mul", outs=["f"]),
                                  node("QuantizeLinear", ["f", "s2", "z2"], "qa", outs=["qa"], axis=1),
                                  node("DequantizeLinear", ["qa", "s2", "z2"], "dqa", outs=["y"], axis=1)],
     [arr("s2", [0.1, 0.2], np.float32), arr("z2", [0, 0], np.uint8)], (1, 2, 3, 3),
     "the QuantizeLinear after a function must be per tensor"),
    ("per-axis dequantized move", [node("QuantizeLinear", ["x", "s2", "z2"], "qa", outs=["qa"], axis=1),
                                   node("DequantizeLinear", ["qa", "s2", "z2"], "dqa", outs=["da"], axis=1),
                                   node("Slice", ["da", "st", "en"], "sl")] + requant("r"),
     [arr("s2", [0.1, 0.2], np.float32), arr("z2", [0, 0], np.uint8), arr("st", [0], I64),
      arr("en", [1], I64)], (1, 2, 3, 3), "cannot move a per-axis dequantized activation"),
]


@pytest.mark.parametrize("name,nodes,inits,shape,message", CASES, ids=[c[0] for c in CASES])
def test_error_line_names_the_node(name, nodes, inits, shape, message):
    if name == "slice of a float op":
        inits = inits + [arr("w", np.ones((2, 2, 1, 1)), np.int8), arr("sw", 0.5, np.float32),
                         arr("zw", 0, np.int8)]
        nodes = [node("DequantizeLinear", ["w", "sw", "zw"], "dqw", outs=["wd"])] + nodes
        message = "input 'c' is the float output of 'conv'; quantize it (QuantizeLinear) first"
    model = graph(nodes, inits, shape=shape)
    who = next(n for n in nodes if n.name not in ("q2", "dq2", "dqw", "dq3", "dqa", "qa"))
    blame = {"slice of a float op": "sl", "prelu of a constant": "pr",
             "function then per-axis Q": "qa", "per-axis dequantized move": "sl"}.get(name, who.name)
    op = next(n.op_type for n in nodes if n.name == blame)
    full = f"node '{blame}' ({op}): {message}"
    with pytest.raises(npc.CompileError) as e:
        npc.compile(model)
    assert str(e.value) == full


def test_pad_axis_out_of_range_at_opset_18():
    m = onnx.load_from_string(graph([node("Pad", ["d", "pads", "", "axes"], "pad")] + requant("r"),
                                    [arr("pads", [1, 1], I64), arr("axes", [9], I64)]))
    m.opset_import[0].version = 18
    m.ir_version = 8
    with pytest.raises(npc.CompileError) as e:
        npc.compile(m.SerializeToString())
    assert str(e.value) == "node 'pad' (Pad): axis out of range"
