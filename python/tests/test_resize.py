"""Resize in mode nearest that repeats pixels (PyTorch's nn.Upsample, the
neck of a detector): data movement on the quantized codes, so npc's output
equals onnxruntime's byte for byte wherever the node's coordinate mapping
is a repetition; any other mapping is refused naming the row or column
that differs."""
import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
import pytest

import npc
from oracle import fx_ptq_export, onnxruntime, steps_from


def resize_model(shape, scales=None, sizes=None, opset=13, **attrs):
    """x -> Q (u8, 0.1, 128) -> DQ -> Resize -> Q -> DQ."""
    inputs = ["d", "", "scales" if scales is not None else ""]
    inits = [helper.make_tensor("s", TensorProto.FLOAT, [], [0.1]),
             helper.make_tensor("z", TensorProto.UINT8, [], [128])]
    if scales is not None:
        inits.append(numpy_helper.from_array(np.array(scales, np.float32), "scales"))
    if sizes is not None:
        inputs.append("sizes")
        inits.append(numpy_helper.from_array(np.array(sizes, np.int64), "sizes"))
    if opset == 10:
        inputs = ["d", "scales"]
    nodes = [helper.make_node("QuantizeLinear", ["x", "s", "z"], ["q"], name="q"),
             helper.make_node("DequantizeLinear", ["q", "s", "z"], ["d"], name="dq"),
             helper.make_node("Resize", inputs, ["r"], name="up", **attrs),
             helper.make_node("QuantizeLinear", ["r", "s", "z"], ["q2"], name="q2"),
             helper.make_node("DequantizeLinear", ["q2", "s", "z"], ["y"], name="dq2")]
    g = helper.make_graph(nodes, "resize", [helper.make_tensor_value_info("x", TensorProto.FLOAT, shape)],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)], inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", opset)])
    m.ir_version = 7
    return m


CASES = {
    # PyTorch's nn.Upsample(scale_factor=2, mode="nearest") at opset 13.
    "asymmetric floor x2": dict(scales=[1, 1, 2, 2], coordinate_transformation_mode="asymmetric",
                                nearest_mode="floor"),
    # The ONNX defaults, by sizes, different factors along height and width.
    "half_pixel round_prefer_floor x3 x2": dict(sizes=[1, 3, 15, 8]),
    "pytorch_half_pixel round_prefer_ceil x4": dict(
        scales=[1, 1, 4, 4], coordinate_transformation_mode="pytorch_half_pixel",
        nearest_mode="round_prefer_ceil"),
    "opset 10 x2": dict(scales=[1, 1, 2, 2], opset=10),
}


@pytest.mark.parametrize("name", CASES)
def test_resize_equals_onnxruntime(name, tmp_path):
    case = dict(CASES[name])
    m = resize_model([1, 3, 5, 4], **case)
    x = np.random.default_rng(7).uniform(-12, 12, (1, 3, 5, 4)).astype(np.float32)
    art = npc.compile(m.SerializeToString(), target="small")
    assert [l["kind"] for l in art.report["layers"]] == ["resize"]
    y = art.run(x)
    assert y.tobytes() == npc.reference(m.SerializeToString(), x).tobytes()
    expect = onnxruntime(m, x, tmp_path)
    assert y.shape == expect.shape
    assert y.tobytes() == expect.tobytes()


@pytest.mark.parametrize("case, message", [
    (dict(scales=[1, 1, 2, 2], mode="cubic"),
     "node 'up' (Resize): mode 'cubic' is not supported: npc resizes by nearest neighbour or linear"),
    (dict(scales=[1, 1, 1.5, 2]),
     "node 'up' (Resize): output height 7 is not the input's 5 repeated a whole number of times"),
    (dict(scales=[1, 2, 2, 2]), "node 'up' (Resize): only height and width may change"),
    # half_pixel with floor reads row 0 for output row 2 (floor(0.75)).
    (dict(scales=[1, 1, 2, 2], nearest_mode="floor"),
     "node 'up' (Resize): coordinate_transformation_mode 'half_pixel' with nearest_mode 'floor' "
     "reads input row 0 for output row 2, not 1: npc resizes by repeating each pixel"),
])
def test_resize_errors_name_the_node(case, message):
    with pytest.raises(npc.CompileError, match=message.replace("(", r"\(").replace(")", r"\)")):
        npc.compile(resize_model([1, 3, 5, 4], **case).SerializeToString())


torch = pytest.importorskip("torch")
nn = torch.nn


class UpsampleNeck(nn.Module):
    """A detector's neck: a strided conv, upsampled back and added to the
    skip (torch 1.13 cannot export a quantized concatenation), then a conv."""

    def __init__(self, mode="nearest"):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 3, padding=1)
        self.down = nn.Conv2d(8, 8, 3, stride=2, padding=1)
        self.up = nn.Upsample(scale_factor=2, mode=mode)
        self.head = nn.Conv2d(8, 4, 3, padding=1)
        self.relu = nn.ReLU()

    def forward(self, x):
        s = self.relu(self.stem(x))
        u = self.up(self.relu(self.down(s)))
        return self.head(s + u)


@pytest.mark.parametrize("mode,kind", [("nearest", "resize"), ("bilinear", "resize_linear")])
def test_torch_fx_upsample_export(mode, kind, tmp_path):
    path = str(tmp_path / "neck.onnx")
    x = fx_ptq_export(lambda: UpsampleNeck(mode), path)
    assert "Resize" in [n.op_type for n in onnx.load(path).graph.node]
    art = npc.compile(path, target="small")
    assert kind in [l["kind"] for l in art.report["layers"]]
    y = art.run(x)
    assert y.tobytes() == npc.reference(path, x).tobytes()
    steps = steps_from(path, y, onnxruntime(path, x, tmp_path))
    assert steps.max() <= 1 and np.mean(steps == 0) >= 0.99
