"""MaxPool with ceil_mode=1 (torchvision's GoogLeNet and SqueezeNet use it)
becomes end padding, which never wins a max: equal to onnxruntime on every
element. ceil_mode=1 that changes no output size changes nothing, for
AveragePool too. A node without a name is named by its first output."""
import os
import subprocess

import numpy as np
import onnx
from onnx import TensorProto, helper
import pytest

import npc

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RUN_ORT = os.path.join(ROOT, "test", "oracle", "run_ort.js")


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
    onnx.save(model, str(tmp_path / "m.onnx"))
    np.save(tmp_path / "x.npy", x)
    subprocess.run(["node", RUN_ORT, str(tmp_path / "m.onnx"), str(tmp_path / "y.npy"),
                    str(tmp_path / "x.npy")], check=True)
    return np.load(tmp_path / "y.npy")


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
