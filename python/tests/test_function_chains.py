"""Chains of float elementwise ops between a DequantizeLinear and a
QuantizeLinear (SiLU as x * sigmoid(x), Gelu's erf form, Mish, functions
with scalar arithmetic around them) compile to one `qg.table` layer: the
importer evaluates the chain in float32 on every input code, as ONNX's QDQ
semantics define it. The executor equals the reference interpreter byte
for byte, and both agree with onnxruntime (node by node, float32) within
one quantization step on every input code, identically on at least 99% of
them (docs/semantics.md, "Lookup tables")."""
import numpy as np
from onnx import TensorProto, helper
import pytest

import npc
from oracle import onnxruntime
from test_tables import every_code_model


def node(op, ins, out, **attrs):
    return helper.make_node(op, ins, [out], name=out, **attrs)


# Each chain reads "xf" (the dequantized input) and writes "f"; scalar
# constants are initializers named k_<value>. (name, nodes, output scale,
# output zero point, reference function).
CHAINS = [
    ("silu", [node("Sigmoid", ["xf"], "s"), node("Mul", ["xf", "s"], "f")], 0.04, 20,
     lambda x: x / (1 + np.exp(-x))),
    # torch.onnx's Gelu at opset 13: x * 0.5 * (1 + erf(x / sqrt(2))).
    ("gelu", [node("Div", ["xf", "k_1.4142135"], "d"), node("Erf", ["d"], "e"),
              node("Add", ["e", "k_1"], "a"), node("Mul", ["xf", "a"], "m"),
              node("Mul", ["m", "k_0.5"], "f")], 0.04, 20, None),
    ("mish", [node("Softplus", ["xf"], "sp"), node("Tanh", ["sp"], "t"),
              node("Mul", ["xf", "t"], "f")], 0.04, 20, None),
    ("exp of negated, clipped", [node("Neg", ["xf"], "n"), node("Exp", ["n"], "e"),
                                 node("Clip", ["e", "k_0", "k_4"], "f")], 1 / 64, 0, None),
    ("hardswish then relu", [node("HardSwish", ["xf"], "h"), node("Relu", ["h"], "f")],
     0.03, 0, None),
    ("scalar first: 2 - sigmoid", [node("Sigmoid", ["xf"], "s"), node("Sub", ["k_2", "s"], "f")],
     1 / 128, 0, None),
    # torch's nn.GELU(approximate="tanh") at opset 13: 0.5 x (1 + tanh(sqrt(2/pi)
    # (x + 0.044715 x^3))), with Pow for the cube.
    ("gelu tanh", [node("Pow", ["xf", "k_3"], "p"), node("Mul", ["p", "k_0.044715"], "c"),
                   node("Add", ["xf", "c"], "s"), node("Mul", ["s", "k_0.7978846"], "u"),
                   node("Tanh", ["u"], "t"), node("Add", ["t", "k_1"], "a"),
                   node("Mul", ["xf", "a"], "m"), node("Mul", ["m", "k_0.5"], "f")], 0.04, 20,
     None),
    # torch's nn.PReLU() (one slope), exported at opset 14.
    ("prelu", [node("PRelu", ["xf", "k_0.25"], "f")], 0.05, 60,
     lambda x: np.where(x >= 0, x, 0.25 * x)),
]
INPUTS = [(TensorProto.UINT8, 0.05, 128), (TensorProto.INT8, 0.031, -3)]


def chain_model(nodes, in_q, out_scale, out_zp):
    consts = sorted({i for nd in nodes for i in nd.input if i.startswith("k_")})
    inits = [helper.make_tensor(k, TensorProto.FLOAT, [], [float(k[2:])]) for k in consts]
    return every_code_model(nodes, in_q, out_scale, out_zp, inits, name="chain")


@pytest.mark.parametrize("in_q", INPUTS, ids=["u8", "i8"])
@pytest.mark.parametrize("name,nodes,sy,zy,fn", CHAINS, ids=[c[0] for c in CHAINS])
def test_chain_is_one_table_equal_to_onnxruntime(name, nodes, sy, zy, fn, in_q, tmp_path):
    model, x = chain_model(nodes, in_q, sy, zy)
    art = npc.compile(model.SerializeToString(), target="small")
    assert [l["kind"] for l in art.report["layers"]] == ["table"]
    y = art.run(x)
    assert y.tobytes() == npc.reference(model.SerializeToString(), x).tobytes()
    expect = onnxruntime(model, x, tmp_path, no_opt=True)
    steps = np.abs(np.round((y - expect) / np.float32(sy)))
    assert steps.max() <= 1 and np.mean(steps == 0) >= 0.99
    if fn is not None:  # and the function it is, in float64, within one step
        want = np.clip(np.round(fn(x.astype(np.float64)) / sy) + zy, 0, 255)
        got = np.round(y / np.float32(sy)) + zy
        assert np.abs(got - want).max() <= 1


def test_silu_read_by_a_conv_is_a_wide_table():
    """A chain read by a float operator with no QuantizeLinear between (a
    SiLU feeding a Conv, as torch exports it without fusing) becomes a
    16-bit table, then the convolution: the result is still computed."""
    nodes = [node("Sigmoid", ["xf"], "s"), node("Mul", ["xf", "s"], "m"),
             node("Conv", ["m", "wf"], "f", kernel_shape=[1, 1])]
    model, _ = chain_model(nodes, INPUTS[0], 0.05, 128)
    g = model.graph
    g.initializer.extend([helper.make_tensor("w", TensorProto.INT8, [1, 1, 1, 1], [64]),
                          helper.make_tensor("sw", TensorProto.FLOAT, [], [1 / 64]),
                          helper.make_tensor("zw", TensorProto.INT8, [], [0])])
    g.node.insert(2, node("DequantizeLinear", ["w", "sw", "zw"], "wf"))
    g.input[0].CopyFrom(helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 1, 1, 8]))
    g.output[0].CopyFrom(helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 1, 1, 8]))
    x = np.linspace(-4, 4, 8, dtype=np.float32).reshape(1, 1, 1, 8)
    art = npc.compile(model.SerializeToString(), target="small")
    assert [l["kind"] for l in art.report["layers"]] == ["table", "conv2d"]
    y = art.run(x)
    silu = x / (1 + np.exp(-np.round(x / 0.05) * 0.05))
    np.testing.assert_allclose(y, np.round(silu / 0.05) * 0.05, atol=0.05 + 1e-6)


def test_chain_as_a_float_graph_output_is_an_error():
    """A chain that is never quantized has no output codes to tabulate."""
    nodes = [node("Sigmoid", ["xf"], "s"), node("Mul", ["xf", "s"], "f")]
    model, _ = chain_model(nodes, INPUTS[0], 0.04, 20)
    del model.graph.node[-2:]
    model.graph.output[0].name = "f"
    with pytest.raises(npc.CompileError, match=r"graph output 'f' is the float output of node 'f' "
                                               r"\(Mul\); npc needs it quantized"):
        npc.compile(model.SerializeToString())


def prelu_per_channel_model(in_q, slopes, then=()):
    """x [1, C, 16, 16], every input code in every channel -> Q -> DQ ->
    PRelu with one slope per channel ([C, 1, 1], as torch exports
    nn.PReLU(C)) -> `then` (nodes from "p" to "f") -> Q -> DQ."""
    storage, sx, zx = in_q
    c = len(slopes)
    body = [node("PRelu", ["xf", "slope"], "p" if then else "f")] + list(then)
    model, codes = every_code_model(body, in_q, 0.05, 60, [helper.make_tensor(
        "slope", TensorProto.FLOAT, [c, 1, 1], list(slopes))], name="prelu")
    shape = [1, c, 16, 16]
    for v in (model.graph.input[0], model.graph.output[0]):
        v.CopyFrom(helper.make_tensor_value_info(v.name, TensorProto.FLOAT, shape))
    rng = np.random.default_rng(5)  # each channel sees every code, in its own order
    x = np.stack([rng.permutation(codes.ravel()) for _ in range(c)]).reshape(shape)
    return model, x


@pytest.mark.parametrize("in_q", INPUTS, ids=["u8", "i8"])
def test_prelu_with_a_slope_per_channel(in_q, tmp_path):
    """One table per channel (qg.table's channel_axis): every code of every
    channel within one step of onnxruntime and of the float64 function, 99%
    identical to onnxruntime. The layer is cut into channel tiles (the
    tables are sliced with them), and the executor equals the reference."""
    slopes = [0.25, -0.5, 0.0, 1.5, 0.1, 2.0]
    model, x = prelu_per_channel_model(in_q, slopes)
    art = npc.compile(model.SerializeToString(), target="small", min_parallel_cycles=0)
    (layer,) = art.report["layers"]
    assert layer["kind"] == "table" and layer["tiles"] > 1
    y = art.run(x)
    assert y.tobytes() == npc.reference(model.SerializeToString(), x).tobytes()
    expect = onnxruntime(model, x, tmp_path, no_opt=True)
    steps = np.abs(np.round((y - expect) / np.float32(0.05)))
    assert steps.max() <= 1 and np.mean(steps == 0) >= 0.99
    k = np.array(slopes).reshape(1, -1, 1, 1)
    xd = x.astype(np.float64)
    want = np.clip(np.round(np.where(xd >= 0, xd, k * xd) / 0.05) + 60, 0, 255)
    assert np.abs(np.round(y / np.float32(0.05)) + 60 - want).max() <= 1


def test_prelu_per_channel_then_a_function_is_one_table(tmp_path):
    """A chain after a per-channel PRelu stays per channel: PRelu then
    HardSwish then Relu is still one table layer."""
    model, x = prelu_per_channel_model(INPUTS[0], [0.25, -0.5, 1.5],
                                       [node("HardSwish", ["p"], "h"), node("Relu", ["h"], "f")])
    art = npc.compile(model.SerializeToString(), target="small")
    assert [l["kind"] for l in art.report["layers"]] == ["table"]
    y = art.run(x)
    assert y.tobytes() == npc.reference(model.SerializeToString(), x).tobytes()
    steps = np.abs(np.round((y - onnxruntime(model, x, tmp_path, no_opt=True)) / np.float32(0.05)))
    assert steps.max() <= 1 and np.mean(steps == 0) >= 0.99


def test_prelu_slope_along_two_axes_is_an_error():
    model, _ = prelu_per_channel_model(INPUTS[0], [0.25, 0.5])
    model.graph.initializer[-1].CopyFrom(helper.make_tensor("slope", TensorProto.FLOAT, [2, 1, 2],
                                                            [0.25, 0.5, 0.1, 0.2]))
    with pytest.raises(npc.CompileError, match=r"node 'f' \(PRelu\): slope of shape \[2, 1, 2\] "
                                               r"must be one value or one per channel of the "
                                               r"input \[1, 2, 16, 16\] \(one axis other than "
                                               r"the first\)"):
        npc.compile(model.SerializeToString())
