import os
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.environ.get("NPC_BUILD_DIR", os.path.join(ROOT, "build"))
sys.path.insert(0, os.path.join(BUILD, "python"))
sys.path.insert(0, os.path.join(ROOT, "test", "gen"))
sys.path.insert(0, os.path.join(ROOT, "test", "Import", "Inputs"))
sys.path.insert(0, os.path.join(ROOT, "examples"))


@pytest.fixture(scope="session")
def npc_bin():
    return os.path.join(BUILD, "bin", "npc")


@pytest.fixture(scope="session")
def heldout(tmp_path_factory):
    """A generated INT8 QDQ CNN npc has not seen in other tests (seed 101)."""
    import gen_models
    d = tmp_path_factory.mktemp("heldout")
    names = gen_models.generate(str(d), 101, 1, ["qdq_cnn"])
    return str(d / (names[0] + ".onnx")), str(d / (names[0] + ".input.npy"))
