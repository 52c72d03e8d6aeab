"""Shape arithmetic as exporters write it for `x.view(x.size(0), -1)`:
Shape -> Gather / Slice -> Unsqueeze -> Concat -> Reshape, folded into a
constant shape at import (as onnxruntime folds it). The result equals
onnxruntime's exactly (the reshape moves codes only)."""
import os
import subprocess

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
import pytest

import npc

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RUN_ORT = os.path.join(ROOT, "test", "oracle", "run_ort.js")


def view_model(use_slice):
    nodes = [helper.make_node("QuantizeLinear", ["x", "s", "z"], ["q"], name="q"),
             helper.make_node("DequantizeLinear", ["q", "s", "z"], ["d"], name="dq"),
             helper.make_node("Shape", ["d"], ["shp"], name="shape")]
    if use_slice:
        nodes += [helper.make_node("Slice", ["shp", "zero", "one"], ["n1"], name="slice")]
    else:
        nodes += [helper.make_node("Gather", ["shp", "zero_s"], ["n"], name="gather", axis=0),
                  helper.make_node("Unsqueeze", ["n", "zero"], ["n1"], name="unsqueeze")]
    nodes += [helper.make_node("Concat", ["n1", "minus1"], ["new"], name="concat", axis=0),
              helper.make_node("Reshape", ["d", "new"], ["r"], name="reshape"),
              helper.make_node("QuantizeLinear", ["r", "s", "z"], ["q2"], name="q2"),
              helper.make_node("DequantizeLinear", ["q2", "s", "z"], ["y"], name="dq2")]
    inits = [helper.make_tensor("s", TensorProto.FLOAT, [], [0.1]),
             helper.make_tensor("z", TensorProto.UINT8, [], [128]),
             numpy_helper.from_array(np.array([0], np.int64), "zero"),
             numpy_helper.from_array(np.array(0, np.int64), "zero_s"),
             numpy_helper.from_array(np.array([1], np.int64), "one"),
             numpy_helper.from_array(np.array([-1], np.int64), "minus1")]
    g = helper.make_graph(nodes, "view", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, 3, 4, 4])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)], inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
    m.ir_version = 7
    return m


@pytest.mark.parametrize("use_slice", [False, True], ids=["gather", "slice"])
def test_view_shape_arithmetic_is_folded(use_slice, tmp_path):
    m = view_model(use_slice)
    x = np.random.default_rng(0).uniform(-10, 10, (2, 3, 4, 4)).astype(np.float32)
    y = npc.compile(m.SerializeToString(), target="small").run(x)
    assert y.shape == (2, 48)
    onnx.save(m, str(tmp_path / "m.onnx"))
    np.save(tmp_path / "x.npy", x)
    subprocess.run(["node", RUN_ORT, str(tmp_path / "m.onnx"), str(tmp_path / "y.npy"),
                    str(tmp_path / "x.npy")], check=True)
    assert y.tobytes() == np.load(tmp_path / "y.npy").tobytes()


def test_gather_of_an_activation_at_no_fixed_step_is_refused():
    """Gather on an activation is a slice (test_transformer_export.py: a
    class token); indices that are no run at a fixed step are refused."""
    m = view_model(False)
    m.graph.node[3].input[0] = "d"  # Gather on the activation itself
    m.graph.initializer.append(helper.make_tensor("perm_idx", TensorProto.INT64, [2], [1, 0]))
    m.graph.node[3].input[1] = "perm_idx"
    with pytest.raises(npc.CompileError, match=r"node 'gather' \(Gather\): indices must rise at a "
                                               r"fixed step \(what a Slice can take\)"):
        npc.compile(m.SerializeToString())
