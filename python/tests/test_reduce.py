"""ReduceMean, ReduceSum and ReduceMax over any axes (token means of
transformer classifiers, sums, maxima) as qg.reduce in the QDQ form: equal
to the reference interpreter and within one step of onnxruntime's float
computation between the QDQ pairs. ReduceMean over [2, 3] of NCHW stays a
global average pool."""
import numpy as np
from onnx import TensorProto, helper
import pytest

import npc
from oracle import onnxruntime


def reduce_model(op, shape, axes, keepdims, zp_type=TensorProto.UINT8, zx=128, zy=100, sy=0.05,
                 axes_input=False, opset=13):
    nodes = [helper.make_node("QuantizeLinear", ["x", "sx", "zx"], ["xq"], name="qx"),
             helper.make_node("DequantizeLinear", ["xq", "sx", "zx"], ["xd"], name="dqx")]
    inits = [helper.make_tensor("sx", TensorProto.FLOAT, [], [0.04]),
             helper.make_tensor("sy", TensorProto.FLOAT, [], [sy]),
             helper.make_tensor("zx", zp_type, [], [zx]), helper.make_tensor("zy", zp_type, [], [zy])]
    if axes_input:
        inits.append(helper.make_tensor("axes", TensorProto.INT64, [len(axes)], axes))
        nodes.append(helper.make_node(op, ["xd", "axes"], ["r"], name="reduce", keepdims=keepdims))
    else:
        nodes.append(helper.make_node(op, ["xd"], ["r"], name="reduce", axes=axes, keepdims=keepdims))
    nodes += [helper.make_node("QuantizeLinear", ["r", "sy", "zy"], ["rq"], name="qr"),
              helper.make_node("DequantizeLinear", ["rq", "sy", "zy"], ["y"], name="dqr")]
    g = helper.make_graph(nodes, "reduce", [helper.make_tensor_value_info("x", TensorProto.FLOAT, shape)],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)], inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", opset)])
    m.ir_version = 7
    return m


CASES = [
    # token mean of a [batch, tokens, width] encoder output, as a classifier head takes it
    ("ReduceMean", [1, 17, 24], [1], 0, TensorProto.UINT8, 128, 100, 0.02, False),
    ("ReduceMean", [1, 6, 40], [-1], 1, TensorProto.INT8, 3, -5, 0.01, False),
    ("ReduceSum", [2, 5, 7], [0, 2], 1, TensorProto.UINT8, 128, 100, 0.4, True),
    ("ReduceMax", [1, 4, 6, 5], [1, 2], 0, TensorProto.INT8, -7, 2, 0.04, False),
    ("ReduceMax", [1, 12, 8], [-1], 1, TensorProto.UINT8, 128, 128, 0.06, False),
]


@pytest.mark.parametrize("op,shape,axes,keep,zp_type,zx,zy,sy,axes_input", CASES)
def test_reduce_matches_reference_and_onnxruntime(op, shape, axes, keep, zp_type, zx, zy, sy,
                                                  axes_input, tmp_path):
    m = reduce_model(op, shape, axes, keep, zp_type, zx, zy, sy, axes_input)
    x = np.random.default_rng(len(shape) + len(axes)).uniform(-4, 4, shape).astype(np.float32)
    art = npc.compile(m.SerializeToString(), target="small")
    assert [l["kind"] for l in art.report["layers"]] == ["reduce_max" if op == "ReduceMax" else "reduce_sum"]
    y = art.run(x)
    assert y.tobytes() == npc.reference(m.SerializeToString(), x).tobytes()
    ort = onnxruntime(m, x, tmp_path, no_opt=True)
    assert y.shape == ort.shape and len(np.unique(ort)) > 2
    steps = np.abs(np.round((y - ort) / np.float32(sy)))
    assert steps.max() <= 1 and np.mean(steps == 0) >= 0.9


def test_spatial_mean_stays_a_global_average_pool():
    m = reduce_model("ReduceMean", [1, 4, 5, 5], [2, 3], 1)
    assert [l["kind"] for l in npc.compile(m.SerializeToString(), target="small").report["layers"]] \
        == ["avg_pool"]


def test_reduce_axis_out_of_range_is_refused():
    m = reduce_model("ReduceSum", [1, 4, 5], [3], 1, axes_input=True)
    with pytest.raises(npc.CompileError,
                       match=r"node 'reduce' \(ReduceSum\): axis 3 is out of range for rank 3"):
        npc.compile(m.SerializeToString())
