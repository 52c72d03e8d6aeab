"""The importer's new checks, each with its one error line naming the node:
Cast out of range, ConstantOfShape too large, Slice on another axis,
ReduceMean over other axes, BatchNormalization parameters of the wrong
size, a Clip bound of the wrong type on a quantized tensor, Shape of a float
operator's output, Gather of an index out of range; and those of the
transformer-era paths (products of activations, LayerNormalization,
Expand/Where/Div/Pow folding, Gather and Pow on activations, Resize linear)."""
import numpy as np
from onnx import TensorProto, helper, numpy_helper
import pytest

import npc


def graph(nodes, inits, shape=(1, 2, 3, 3), out="y"):
    """x -> Q -> DQ ("d") -> `nodes` -> `out`, with the quantization initializers."""
    nodes = [helper.make_node("QuantizeLinear", ["x", "s", "z"], ["q"], name="q"),
             helper.make_node("DequantizeLinear", ["q", "s", "z"], ["d"], name="dq")] + nodes
    inits = inits + [helper.make_tensor("s", TensorProto.FLOAT, [], [0.1]),
                     helper.make_tensor("z", TensorProto.UINT8, [], [128])]
    g = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, list(shape))],
                          [helper.make_tensor_value_info(out, TensorProto.FLOAT, None)], inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
    m.ir_version = 7
    return m.SerializeToString()


def requant(src):
    return [helper.make_node("QuantizeLinear", [src, "s", "z"], ["q2"], name="q2"),
            helper.make_node("DequantizeLinear", ["q2", "s", "z"], ["y"], name="dq2")]


def arr(name, values, dtype):
    return numpy_helper.from_array(np.array(values, dtype), name)


CASES = [
    ("cast out of range",
     [helper.make_node("Cast", ["big"], ["c"], name="cast1", to=TensorProto.UINT8),
      helper.make_node("Reshape", ["d", "c"], ["r"], name="reshape")] + requant("r"),
     [arr("big", [300.0], np.float32)],
     r"node 'cast1' \(Cast\): Cast of value 300 to uint8 is out of its range"),
    ("int64 max casts to int64",  # exact, not rounded through double
     [helper.make_node("Cast", ["m"], ["c"], name="cast2", to=TensorProto.INT64),
      helper.make_node("Shape", ["d"], ["shp"], name="shape0"),
      helper.make_node("Slice", ["shp", "zero", "c"], ["sl"], name="slice0")] + requant("d"),
     [arr("m", [2**63 - 1], np.int64), arr("zero", [0], np.int64)],
     None),
    ("ConstantOfShape too large",
     [helper.make_node("ConstantOfShape", ["dims"], ["c"], name="cos1")] + requant("d"),
     [arr("dims", [2**31, 2**31, 4], np.int64)],
     r"node 'cos1' \(ConstantOfShape\): the constant would hold more than 2\^31 elements \(npc's limit; --limit tensor-elements=N raises it\)"),
    ("Slice on axis 1",
     [helper.make_node("Shape", ["d"], ["shp"], name="shape1"),
      helper.make_node("Slice", ["shp", "zero", "one", "one"], ["sl"], name="slice1")] + requant("d"),
     [arr("zero", [0], np.int64), arr("one", [1], np.int64)],
     r"node 'slice1' \(Slice\): axes must be \[0\] for a 1-D Slice"),
    ("Gather index out of range",
     [helper.make_node("Shape", ["d"], ["shp"], name="shape2"),
      helper.make_node("Gather", ["shp", "nine"], ["g"], name="gather1")] + requant("d"),
     [arr("nine", 9, np.int64)],
     r"node 'gather1' \(Gather\): index 9 is out of range"),
    ("ReduceMean over an axis the tensor lacks",
     [helper.make_node("ReduceMean", ["d"], ["m"], name="mean1", axes=[5])] + requant("m"),
     [],
     r"node 'mean1' \(ReduceMean\): axis 5 is out of range for rank 4"),
    ("BatchNormalization of the wrong size",
     [helper.make_node("BatchNormalization", ["d", "g3", "b", "m", "v"], ["n"], name="bn1")]
     + requant("n"),
     [arr("g3", [1, 1, 1], np.float32), arr("b", [0, 0], np.float32),
      arr("m", [0, 0], np.float32), arr("v", [1, 1], np.float32)],
     r"node 'bn1' \(BatchNormalization\): scale must hold one float per channel \(2\)"),
    ("Clip bound of another type on a quantized tensor",
     [helper.make_node("Clip", ["q", "", "hi"], ["c"], name="clip1"),
      helper.make_node("DequantizeLinear", ["c", "s", "z"], ["y"], name="dq3")],
     [arr("hi", 100, np.int8)],
     r"node 'clip1' \(Clip\): min and max of a Clip on a uint8 tensor must be uint8 scalars"),
    ("Shape of a float operator's output",
     [helper.make_node("Relu", ["d"], ["r"], name="relu1"),
      helper.make_node("MaxPool", ["r"], ["p"], name="pool1", kernel_shape=[3, 3]),
      helper.make_node("Add", ["p", "p"], ["a"], name="add1"),
      helper.make_node("Shape", ["a"], ["shp"], name="shape3")] + requant("a"),
     [],
     r"node 'shape3' \(Shape\): the shape of a float operator's output is known only after "
     r"its QuantizeLinear"),
]


# The transformer-era paths (MatMul of activations, Softmax, LayerNorm,
# Expand/Where/Pow folding, Gather and Pow on activations, Resize linear):
# input d is [1, 2, 3, 3].
CASES += [
    ("MatMul of activations of different ranks",
     [helper.make_node("Reshape", ["d", "shape3"], ["r3"], name="reshape3"),
      helper.make_node("MatMul", ["d", "r3"], ["m"], name="mm1")] + requant("m"),
     [arr("shape3", [2, 3, 3], np.int64)],
     r"node 'mm1' \(MatMul\): a product of two activations needs operands of equal rank >= 2 "
     r"with equal leading dimensions; got \[1, 2, 3, 3\] and \[2, 3, 3\]"),
    ("Add after a product of two activations",
     [helper.make_node("MatMul", ["d", "d"], ["m"], name="mm2"),
      helper.make_node("Add", ["m", "row"], ["a"], name="bias2")] + requant("a"),
     [arr("row", [1.0, 2.0, 3.0], np.float32)],
     r"node 'mm2' \(MatMul\): an Add after a product of two activations is not supported"),
    ("LayerNormalization over another axis",
     [helper.make_node("LayerNormalization", ["d", "g2"], ["n"], name="ln1", axis=1)]
     + requant("n"),
     [arr("g2", [1.0, 1.0], np.float32)],
     r"node 'ln1' \(LayerNormalization\): only LayerNormalization over the last axis is "
     r"supported \(axis 1 of rank 4\)"),
    ("LayerNormalization's scale of the wrong size",
     [helper.make_node("LayerNormalization", ["d", "g2"], ["n"], name="ln2")] + requant("n"),
     [arr("g2", [1.0, 1.0], np.float32)],
     r"node 'ln2' \(LayerNormalization\): Scale has 2 values, expected 3"),
    ("Expand that grows an activation",
     [helper.make_node("Expand", ["d", "big4"], ["e"], name="expand1")] + requant("e"),
     [arr("big4", [2, 2, 3, 3], np.int64)],
     r"node 'expand1' \(Expand\): Expand of an activation is supported only where it changes no "
     r"shape"),
    ("Expand to a shape that does not broadcast",
     [helper.make_node("Expand", ["d", "bad4"], ["e"], name="expand2")] + requant("e"),
     [arr("bad4", [1, 2, 4, 3], np.int64)],
     r"node 'expand2' \(Expand\): shapes \[1, 2, 3, 3\] and \[1, 2, 4, 3\] do not broadcast"),
    ("Where of mixed element types",
     [helper.make_node("Where", ["cond", "i2", "f2"], ["w"], name="where1"),
      helper.make_node("Reshape", ["d", "w"], ["r"], name="reshape")] + requant("r"),
     [arr("cond", [True, False], np.bool_), arr("i2", [1, 2], np.int64),
      arr("f2", [1.0, 2.0], np.float32)],
     r"node 'where1' \(Where\): X and Y differ in element type"),
    ("integer division by zero",
     [helper.make_node("Div", ["i2", "zero2"], ["q3"], name="div1"),
      helper.make_node("Reshape", ["d", "q3"], ["r"], name="reshape")] + requant("r"),
     [arr("i2", [1, 2], np.int64), arr("zero2", [1, 0], np.int64)],
     r"node 'div1' \(Div\): integer division by zero"),
    ("Pow of integer constants",
     [helper.make_node("Pow", ["i2", "i2"], ["p"], name="pow1"),
      helper.make_node("Reshape", ["d", "p"], ["r"], name="reshape")] + requant("r"),
     [arr("i2", [1, 2], np.int64)],
     r"node 'pow1' \(Pow\): Pow is supported on float constants only"),
    ("Pow of an activation by a tensor",
     [helper.make_node("Pow", ["d", "e3"], ["p"], name="pow2")] + requant("p"),
     [arr("e3", [2.0, 3.0, 2.0], np.float32)],
     r"node 'pow2' \(Pow\): the exponent must be one float constant"),
    ("Gather of a 2-D index list on an activation",
     [helper.make_node("Gather", ["d", "ix"], ["g"], name="gather2", axis=2)] + requant("g"),
     [arr("ix", [[0, 1]], np.int64)],
     r"node 'gather2' \(Gather\): only a scalar or a non-empty 1-D list of integer indices is "
     r"supported on an activation"),
    ("Gather on an activation out of range",
     [helper.make_node("Gather", ["d", "ix"], ["g"], name="gather3", axis=3)] + requant("g"),
     [arr("ix", [3], np.int64)],
     r"node 'gather3' \(Gather\): index 3 is out of range for a dimension of 3"),
    ("Resize linear by a scale that is no whole size",
     [helper.make_node("Resize", ["d", "", "sc"], ["u"], name="up1", mode="linear")] + requant("u"),
     [arr("sc", [1, 1, 1.5, 2], np.float32)],
     r"node 'up1' \(Resize\): scale 1.5 of 3 is no whole size; give `sizes` for mode linear"),
    ("Resize linear to sizes too fine",
     [helper.make_node("Resize", ["d", "", "", "sz"], ["u"], name="up2", mode="linear")]
     + requant("u"),
     [arr("sz", [1, 2, 3, 70001], np.int64)],
     r"node 'up2' \(Resize\): sizes 3 -> 70001 need a finer coordinate grid than npc keeps "
     r"\(denominator 70001 > 65536\)"),
    ("Resize linear with tf_crop_and_resize",
     [helper.make_node("Resize", ["d", "", "sc"], ["u"], name="up3", mode="linear",
                       coordinate_transformation_mode="tf_crop_and_resize")] + requant("u"),
     [arr("sc", [1, 1, 2, 2], np.float32)],
     r"node 'up3' \(Resize\): coordinate_transformation_mode 'tf_crop_and_resize' is not "
     r"supported with mode linear"),
    # A conv's weight quantized per input channel, then a per-channel Div
    # folded into it: refused by name (the fold indexes output channels).
    ("Conv weight per axis 1 under a folded Div",
     [helper.make_node("DequantizeLinear", ["w", "sw", "zw"], ["wd"], name="dqw", axis=1),
      helper.make_node("Conv", ["d", "wd"], ["c"], name="conv1"),
      helper.make_node("Div", ["c", "dv"], ["cd"], name="div1")] + requant("cd"),
     [arr("w", np.ones((4, 2, 1, 1)), np.int8), arr("sw", [0.01, 0.02], np.float32),
      arr("zw", [0, 0], np.int8), arr("dv", np.full((1, 4, 1, 1), 2.0), np.float32)],
     r"node 'conv1' \(Conv\): per-channel weight quantization must be along axis 0"),
    ("BatchNormalization after a Conv with a negative variance",
     [helper.make_node("DequantizeLinear", ["w", "sw", "zw"], ["wd"], name="dqw"),
      helper.make_node("Conv", ["d", "wd"], ["c"], name="conv2"),
      helper.make_node("BatchNormalization", ["c", "g", "b", "m", "v"], ["bn"], name="bn1")]
     + requant("bn"),
     [arr("w", np.ones((2, 2, 1, 1)), np.int8), arr("sw", 0.01, np.float32), arr("zw", 0, np.int8),
      arr("g", [1, 1], np.float32), arr("b", [0, 0], np.float32), arr("m", [0, 0], np.float32),
      arr("v", [1, -2], np.float32)],
     r"node 'bn1' \(BatchNormalization\): channel 1 has no finite scale / sqrt\(var \+ epsilon\)"),
    ("Mul by an infinite factor folded into a Conv",
     [helper.make_node("DequantizeLinear", ["w", "sw", "zw"], ["wd"], name="dqw"),
      helper.make_node("Conv", ["d", "wd"], ["c"], name="conv3"),
      helper.make_node("Mul", ["c", "k"], ["ck"], name="mul1")] + requant("ck"),
     [arr("w", np.ones((2, 2, 1, 1)), np.int8), arr("sw", 0.01, np.float32), arr("zw", 0, np.int8),
      arr("k", np.array([np.inf, 1.0]).reshape(1, 2, 1, 1), np.float32)],
     r"node 'conv3' \(Conv\): channel 0: the operators folded into the convolution give a "
     r"factor or offset that is not finite"),
    # int32 weight codes (an int32 zero point): -2^31 mirrored fits nothing.
    ("Negative factor on int32 weights",
     [helper.make_node("DequantizeLinear", ["w", "sw", "zw"], ["wd"], name="dqw"),
      helper.make_node("Conv", ["d", "wd"], ["c"], name="conv4"),
      helper.make_node("Mul", ["c", "k"], ["ck"], name="mul2")] + requant("ck"),
     [arr("w", np.full((2, 2, 1, 1), -2**31), np.int32), arr("sw", 1e-9, np.float32),
      arr("zw", 0, np.int32), arr("k", np.array([1.0, -1.0]).reshape(1, 2, 1, 1), np.float32)],
     r"node 'conv4' \(Conv\): a negative factor folded into the convolution mirrors its "
     r"32-bit weight codes out of their range"),
]


@pytest.mark.parametrize("name,nodes,inits,message", CASES, ids=[c[0] for c in CASES])
def test_import_error_names_the_node(name, nodes, inits, message):
    model = graph(nodes, inits)
    if message is None:
        npc.compile(model)  # imports: no error
        return
    with pytest.raises(npc.CompileError, match="^" + message + "$"):
        npc.compile(model)
