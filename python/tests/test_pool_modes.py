"""MaxPool with ceil_mode=1 (torchvision's GoogLeNet and SqueezeNet use it)
becomes end padding, which never wins a max: equal to onnxruntime on every
element. ceil_mode=1 that changes no output size changes nothing, for
AveragePool too. A node without a name is named by its first output."""
import numpy as np
from onnx import TensorProto, helper, numpy_helper
import pytest

import npc
from oracle import onnxruntime


def pool_model(op, shape, name="pool1", **attrs):
    """x -> Q -> DQ -> op -> Q -> DQ -> y, u8 at scale 0.1, zero point 128."""
    nodes = [helper.make_node("QuantizeLinear", ["x", "s", "z"], ["q"], name="q"),
             helper.make_node("DequantizeLinear", ["q", "s", "z"], ["d"], name="dq"),
             helper.make_node(op, ["d"], ["p"], name=name, **attrs),
             helper.make_node("QuantizeLinear", ["p", "s", "z"], ["q2"], name="q2"),
             helper.make_node("DequantizeLinear", ["q2", "s", "z"], ["y"], name="dq2")]
    inits = [helper.make_tensor("s", TensorProto.FLOAT, [], [0.1]),
             helper.make_tensor("z", TensorProto.UINT8, [], [128])]
    g = helper.make_graph(nodes, "pool", [helper.make_tensor_value_info("x", TensorProto.FLOAT, shape)],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)], inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
    m.ir_version = 7
    return m


def ort(model, x, tmp_path):
    return onnxruntime(model, x, tmp_path)


@pytest.mark.parametrize("size,attrs", [
    (5, dict(kernel_shape=[2, 2], strides=[2, 2])),                     # 2x2 -> 3x3
    (7, dict(kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1])),  # 4x4, last window inside
    (8, dict(kernel_shape=[3, 3], strides=[2, 2])),                     # 3x3 -> 4x4
])
def test_maxpool_ceil_mode_equals_onnxruntime(size, attrs, tmp_path):
    m = pool_model("MaxPool", [1, 2, size, size], ceil_mode=1, **attrs)
    x = np.random.default_rng(size).uniform(-12, 12, (1, 2, size, size)).astype(np.float32)
    y = npc.compile(m.SerializeToString(), target="small").run(x)
    expect = ort(m, x, tmp_path)
    assert y.shape == expect.shape
    assert y.tobytes() == expect.tobytes()
    assert y.tobytes() == npc.reference(m.SerializeToString(), x).tobytes()


def test_avgpool_ceil_mode_that_changes_nothing(tmp_path):
    m = pool_model("AveragePool", [1, 1, 6, 6], kernel_shape=[2, 2], strides=[2, 2], ceil_mode=1)
    x = np.random.default_rng(0).uniform(-12, 12, (1, 1, 6, 6)).astype(np.float32)
    y = npc.compile(m.SerializeToString()).run(x)
    steps = np.abs(np.round((y - ort(m, x, tmp_path)) / np.float32(0.1)))
    assert y.shape == (1, 1, 3, 3) and steps.max() <= 1


def test_unnamed_node_is_named_by_its_output():
    m = pool_model("AveragePool", [1, 1, 5, 5], name="", kernel_shape=[2, 2], strides=[2, 2],
                   ceil_mode=1)
    with pytest.raises(npc.CompileError, match=r"^node 'p' \(AveragePool\): ceil_mode=1 changes "
                                               r"the output size of AveragePool"):
        npc.compile(m.SerializeToString())


def test_maxpool_between_dequantize_and_conv(tmp_path):
    """DequantizeLinear -> MaxPool -> Conv with no QuantizeLinear between (as
    exporters write it): the pool runs on the integers."""
    rng = np.random.default_rng(5)
    w = rng.integers(-20, 20, (4, 2, 3, 3)).astype(np.int8)
    nodes = [helper.make_node("QuantizeLinear", ["x", "s", "z"], ["q"], name="q"),
             helper.make_node("DequantizeLinear", ["q", "s", "z"], ["d"], name="dq"),
             helper.make_node("MaxPool", ["d"], ["p"], name="maxpool33", kernel_shape=[2, 2],
                              strides=[2, 2]),
             helper.make_node("DequantizeLinear", ["w", "ws", "wz"], ["wd"], name="dqw"),
             helper.make_node("Conv", ["p", "wd"], ["c"], name="conv1", pads=[1, 1, 1, 1]),
             helper.make_node("QuantizeLinear", ["c", "s2", "z"], ["q2"], name="q2"),
             helper.make_node("DequantizeLinear", ["q2", "s2", "z"], ["y"], name="dq2")]
    inits = [helper.make_tensor("s", TensorProto.FLOAT, [], [0.1]),
             helper.make_tensor("s2", TensorProto.FLOAT, [], [0.5]),
             helper.make_tensor("z", TensorProto.UINT8, [], [128]),
             numpy_helper.from_array(w, "w"),
             helper.make_tensor("ws", TensorProto.FLOAT, [], [0.02]),
             helper.make_tensor("wz", TensorProto.INT8, [], [0])]
    g = helper.make_graph(nodes, "dq_pool_conv",
                          [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 2, 8, 8])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)], inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
    m.ir_version = 7
    x = rng.uniform(-12, 12, (1, 2, 8, 8)).astype(np.float32)
    art = npc.compile(m.SerializeToString(), target="small")
    y = art.run(x)
    assert [l["kind"] for l in art.report["layers"]] == ["max_pool", "conv2d"]
    assert y.tobytes() == npc.reference(m.SerializeToString(), x).tobytes()
    steps = np.abs(np.round((y - ort(m, x, tmp_path)) / np.float32(0.5)))
    assert steps.max() <= 1 and np.mean(steps == 0) >= 0.99
