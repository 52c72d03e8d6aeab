"""npc.load on artifacts edited and resealed (test/tools/tamper.py): a clean
npc.ArtifactError naming what is wrong, never a crash of the interpreter
(test/Driver/hostile-artifacts.test has the same cases for the command line)."""
import os
import subprocess
import sys

import numpy as np
import pytest

import npc

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TAMPER = os.path.join(ROOT, "test", "tools", "tamper.py")

CASES = [
    ("t = m['layers'][1]['tiles']; t[1]['out_addr'] = t[0]['out_addr']",
     "overlaps output of tile"),
    ("x = next(x for x in m['transfers'] if x[12:14] == [2, 0]); x[9]['hi'] = list(x[9]['lo']); "
     "x[4] = 0", "but no transfer brings element [0, 0, 0, 0]"),
    ("m['layers'][1]['tiles'][0]['out_copies'] = 2**58 + 1",
     "output buffer lies outside the core memory"),
    ("m['inputs'][0]['shape'][3] = 90", "does not match tensor"),
    ("g = m['layers'][10]['geometry']; g['kind'] = 8; g['perm'] = [0, 1094795585]",
     "does not permute"),
    # The kinds that move data by index: offsets at the int64 limits.
    ("g = m['layers'][10]['geometry']; g['kind'] = 13; r = len(g['output_shape']); "
     "g['slice_starts'] = [-2**63] * r; g['slice_steps'] = [1] * r",
     "pad geometry: dimension 0"),
    ("g = m['layers'][10]['geometry']; g['kind'] = 12; r = len(g['output_shape']); "
     "g['slice_starts'] = [2**62] * r; g['slice_steps'] = [2**62] * r",
     "slice geometry: dimension 0"),
    ("g = m['layers'][10]['geometry']; g['kind'] = 11; g['strides'] = [2**40, 1]",
     "resize geometry: input"),
    # A table's channel axis indexes its per-channel tables.
    ("g = m['layers'][10]['geometry']; g['kind'] = 9; g['axis'] = 2**40; "
     "g['input_shapes'] = [g['output_shape']]",
     "table geometry: channel axis 1099511627776 of rank"),
    # A gather indexes rows of its table by the input's values.
    ("g = m['layers'][10]['geometry']; g['kind'] = 20",
     "gather geometry: table [14, 20] gathered by indices [1, 14] is not output [1, 20]"),
    # Centred values (x - z) times a multiplier must stay inside int64.
    ("g = m['layers'][10]['geometry']; g['input_zero_points'] = [2**31 - 1] * "
     "len(g['input_zero_points'])", "input zero point 2147483647 out of range"),
]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    d = tmp_path_factory.mktemp("hostile")
    # Layers of several tiles (min_parallel_cycles=0): the cases edit tile 1.
    art = npc.compile(os.path.join(ROOT, "examples", "tiny_cnn.onnx"), target="small",
                      min_parallel_cycles=0)
    path = str(d / "tiny.npx")
    art.save(path)
    return d, path


@pytest.mark.parametrize("edit,message", CASES)
def test_load_refuses_tampered_artifact(tiny, edit, message):
    d, path = tiny
    bad = str(d / "bad.npx")
    subprocess.run([sys.executable, TAMPER, path, bad, edit], check=True)
    with pytest.raises(npc.ArtifactError) as e:
        npc.load(bad).run(np.zeros((1, 1, 7, 9), np.float32))
    assert message in str(e.value)
    assert "\n" not in str(e.value)


def test_untampered_copy_runs(tiny):
    d, path = tiny
    same = str(d / "same.npx")
    subprocess.run([sys.executable, TAMPER, path, same, "pass"], check=True)
    x = np.zeros((1, 1, 7, 9), np.float32)
    assert np.array_equal(npc.load(same).run(x), npc.load(path).run(x))
