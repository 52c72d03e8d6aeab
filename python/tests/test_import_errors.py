"""The importer's new checks, each with its one error line naming the node:
Cast out of range, ConstantOfShape too large, Slice on another axis,
ReduceMean over other axes, BatchNormalization parameters of the wrong
size, a Clip bound of the wrong type on a quantized tensor, Shape of a float
operator's output, Gather of an index out of range."""
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


@pytest.mark.parametrize("name,nodes,inits,message", CASES, ids=[c[0] for c in CASES])
def test_import_error_names_the_node(name, nodes, inits, message):
    model = graph(nodes, inits)
    if message is None:
        npc.compile(model)  # imports: no error
        return
    with pytest.raises(npc.CompileError, match="^" + message + "$"):
        npc.compile(model)
