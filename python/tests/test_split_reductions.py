"""Split reductions (docs/mapping.md, "Split reductions") on a model as
PyTorch exports it: a small CNN whose flattened features (128 x 16 x 16 =
32,768) feed a Linear layer of 10 outputs, FX post-training quantization
(fbgemm), torch.onnx.export (opset 13). The Linear layer's 10 columns fill
one lane group of the MAC array, so its channels give one tile: it sets the
period until its reduction is cut into parts chained by partial sums over
the partial-sum NoC. The result is the same bytes either way, equal to the
reference interpreter and within one step of onnxruntime."""
import numpy as np
import onnx
from onnx import numpy_helper
import pytest

import npc
from oracle import onnxruntime

torch = pytest.importorskip("torch")
nn = torch.nn


class WideHead(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1, self.c2 = nn.Conv2d(3, 32, 3, padding=1), nn.Conv2d(32, 128, 3, padding=1)
        self.relu, self.fc = nn.ReLU(), nn.Linear(128 * 16 * 16, 10)

    def forward(self, x):
        return self.fc(torch.flatten(self.relu(self.c2(self.relu(self.c1(x)))), 1))


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    from torch.ao.quantization import get_default_qconfig_mapping
    from torch.ao.quantization.quantize_fx import convert_fx, prepare_fx
    torch.manual_seed(0)
    model = WideHead().eval()
    example = torch.randn(1, 3, 16, 16)
    prepared = prepare_fx(model, get_default_qconfig_mapping("fbgemm"), (example,))
    for _ in range(8):
        prepared(torch.randn(1, 3, 16, 16))
    path = str(tmp_path_factory.mktemp("split") / "wide_head.onnx")
    torch.onnx.export(convert_fx(prepared), example, path, opset_version=13)
    return path, example.numpy()


def layer_names(art):
    return [l["name"] for l in art.report["layers"]]


def test_split_is_kept_where_faster_and_changes_no_byte(exported, tmp_path):
    path, x = exported
    off = npc.compile(path, split_reductions="off")
    auto = npc.compile(path)
    assert not any(".part" in n for n in layer_names(off))
    parts = [n for n in layer_names(auto) if ".part" in n]
    assert parts and all(n.startswith("/fc/Gemm.part") for n in parts)
    count = len(parts)
    assert parts == [f"/fc/Gemm.part{i}of{count}" for i in range(count)]
    # A shorter period, and the partial sums on the partial-sum NoC: each
    # part after the first receives the 10 int32 sums of the one before.
    p_off = off.report["summary"]["cycles_per_frame"]
    p_auto = auto.report["summary"]["cycles_per_frame"]
    assert p_auto < p_off
    assert auto.report["summary"]["partial_sum_noc_bytes_per_frame"] == 10 * 4 * (count - 1)
    assert "partial_sum_noc_bytes_per_frame" not in off.report["summary"]
    y_off, y_auto = off.run(x), auto.run(x)
    assert auto.last_stats["cycles_per_frame"] <= p_auto
    ref = npc.reference(path, x)
    assert y_auto.tobytes() == ref.tobytes() == y_off.tobytes()
    # onnxruntime within one step of the logits' scale (the last
    # DequantizeLinear's) on at least 90% of them, as test_torch_export.
    ort = onnxruntime(path, x, tmp_path)
    m = onnx.load(path)
    consts = {n.output[0]: numpy_helper.to_array(n.attribute[0].t)
              for n in m.graph.node if n.op_type == "Constant"}
    consts.update({i.name: numpy_helper.to_array(i) for i in m.graph.initializer})
    last = [n for n in m.graph.node if n.op_type == "DequantizeLinear"][-1]
    steps = np.abs(np.round((y_auto - ort) / np.float32(consts[last.input[1]])))
    assert steps.max() <= 1


def test_split_reductions_takes_auto_or_off(exported):
    with pytest.raises(ValueError, match="split_reductions must be auto or off, got 'on'"):
        npc.compile(exported[0], split_reductions="on")
