"""Resize in mode linear (bilinear upsampling: nn.Upsample(mode='bilinear'),
segmentation and detector necks) as qg.resize_linear: the input coordinate
of each output pixel as an exact rational, integer weights, one
requantization. Equal to the reference interpreter and within one step of
onnxruntime, for each coordinate transformation mode torch and onnxruntime
write, by scales and by sizes."""
import numpy as np
from onnx import TensorProto, helper
import pytest

import npc
from oracle import onnxruntime


def resize_model(shape, ctm, scales=None, sizes=None, zp_type=TensorProto.UINT8, zx=128, zy=120):
    nodes = [helper.make_node("QuantizeLinear", ["x", "sx", "zx"], ["xq"], name="qx"),
             helper.make_node("DequantizeLinear", ["xq", "sx", "zx"], ["xd"], name="dqx"),
             helper.make_node("Resize", ["xd", "", "scales" if scales else "", "sizes" if sizes else ""],
                              ["r"], name="upsample", mode="linear",
                              coordinate_transformation_mode=ctm),
             helper.make_node("QuantizeLinear", ["r", "sy", "zy"], ["rq"], name="qr"),
             helper.make_node("DequantizeLinear", ["rq", "sy", "zy"], ["y"], name="dqr")]
    inits = [helper.make_tensor("sx", TensorProto.FLOAT, [], [0.05]),
             helper.make_tensor("sy", TensorProto.FLOAT, [], [0.03]),
             helper.make_tensor("zx", zp_type, [], [zx]), helper.make_tensor("zy", zp_type, [], [zy])]
    if scales:
        inits.append(helper.make_tensor("scales", TensorProto.FLOAT, [4], scales))
    if sizes:
        inits.append(helper.make_tensor("sizes", TensorProto.INT64, [4], sizes))
    g = helper.make_graph(nodes, "resize", [helper.make_tensor_value_info("x", TensorProto.FLOAT, shape)],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)], inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
    m.ir_version = 7
    return m


CASES = [
    ("pytorch_half_pixel", [1, 1, 2, 2], None),   # nn.Upsample(scale_factor=2, mode="bilinear")
    ("align_corners", [1, 1, 2, 2], None),        # ... align_corners=True
    ("half_pixel", [1, 1, 3, 1.5], None),
    ("asymmetric", [1, 1, 2, 4], None),
    ("half_pixel", None, [1, 3, 7, 11]),          # sizes that are no whole factor
    ("align_corners", None, [1, 3, 9, 5]),
]


@pytest.mark.parametrize("ctm,scales,sizes", CASES)
def test_bilinear_resize_matches_reference_and_onnxruntime(ctm, scales, sizes, tmp_path):
    m = resize_model([1, 3, 5, 6], ctm, scales, sizes)
    x = np.random.default_rng(3).uniform(-6, 6, (1, 3, 5, 6)).astype(np.float32)
    art = npc.compile(m.SerializeToString(), target="small")
    assert [l["kind"] for l in art.report["layers"]] == ["resize_linear"]
    y = art.run(x)
    assert y.tobytes() == npc.reference(m.SerializeToString(), x).tobytes()
    ort = onnxruntime(m, x, tmp_path, no_opt=True)
    assert y.shape == ort.shape and len(np.unique(ort)) > 20
    steps = np.abs(np.round((y - ort) / np.float32(0.03)))
    # Exact rational ties (weights of 1/2 and 1/4 at these scales) round
    # half to even here and either way in onnxruntime's float32.
    assert steps.max() <= 1 and np.mean(steps == 0) >= 0.95, (steps.max(), np.mean(steps == 0))


def test_bilinear_resize_signed(tmp_path):
    m = resize_model([1, 2, 4, 4], "pytorch_half_pixel", [1, 1, 2, 2], None, TensorProto.INT8, 0, -3)
    x = np.random.default_rng(4).uniform(-6, 6, (1, 2, 4, 4)).astype(np.float32)
    y = npc.compile(m.SerializeToString(), target="small").run(x)
    ort = onnxruntime(m, x, tmp_path, no_opt=True)
    steps = np.abs(np.round((y - ort) / np.float32(0.03)))
    assert steps.max() <= 1 and np.mean(steps == 0) >= 0.95


def test_cubic_is_refused():
    m = resize_model([1, 1, 4, 4], "half_pixel", [1, 1, 2, 2], None)
    next(a for a in m.graph.node[2].attribute if a.name == "mode").s = b"cubic"
    with pytest.raises(npc.CompileError, match=r"node 'upsample' \(Resize\): mode 'cubic' is not "
                                               r"supported: npc resizes by nearest neighbour or linear"):
        npc.compile(m.SerializeToString())
