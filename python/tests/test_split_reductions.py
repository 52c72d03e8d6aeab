"""Split reductions (docs/mapping.md, "Split reductions") on a model as
PyTorch exports it: a small CNN whose flattened features (128 x 16 x 16 =
32,768) feed a Linear layer of 10 outputs, FX post-training quantization
(fbgemm), torch.onnx.export (opset 13). The Linear layer's 10 columns fill
one lane group of the MAC array, so its channels give one tile: it sets the
period until its reduction is cut into parts chained by partial sums over
the partial-sum NoC. The result is the same bytes either way, equal to the
reference interpreter and within one step of onnxruntime."""
import pytest

import npc
from oracle import fx_ptq_export, onnxruntime, steps_from

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
    path = str(tmp_path_factory.mktemp("split") / "wide_head.onnx")
    return path, fx_ptq_export(WideHead, path)


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
    # DequantizeLinear's).
    assert steps_from(path, y_auto, onnxruntime(path, x, tmp_path)).max() <= 1


def test_split_reductions_takes_auto_or_off(exported):
    with pytest.raises(ValueError, match="split_reductions must be auto or off, got 'on'"):
        npc.compile(exported[0], split_reductions="on")


def test_a_multicast_is_on_one_noc(exported, tmp_path):
    """A multicast leaves once, on one NoC: an artifact whose members are on
    two NoCs (the second member of multicast 0 moved to the partial-sum NoC)
    is refused as a schedule violation when it loads."""
    import os
    import subprocess
    import sys
    path, x = exported
    art = npc.compile(path)
    members = [t for t in art._manifest["transfers"] if t[15] == 0]
    assert len(members) >= 2
    second = members[1][0]
    good, bad = tmp_path / "good.npx", tmp_path / "bad.npx"
    art.save(good)
    edit = os.path.join(os.path.dirname(__file__), "..", "..", "test", "Driver", "Inputs",
                        "edit_manifest.py")
    subprocess.run([sys.executable, edit, str(good), str(bad),
                    f"m['transfers'][{second}].__setitem__(1, 1)"], check=True)
    with pytest.raises(npc.ArtifactError,
                       match=f"schedule violation: transfer {second} is on the partial_sum NoC, "
                             "but multicast 0 is on the activation NoC"):
        npc.load(str(bad)).run(x)
