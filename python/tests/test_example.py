"""examples/train_digits.py end to end (small epoch count for INT8/INT2)."""
import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("sklearn")

import train_digits  # examples/


def test_int4_matches_fake_quant_and_float():
    r = train_digits.main(["--bits", "4"])
    assert r["agree"] >= 0.99
    assert r["chip"] >= r["float"] - 0.02


@pytest.mark.parametrize("bits", [8, 2])
def test_other_widths_match_fake_quant(bits):
    r = train_digits.main(["--bits", str(bits), "--epochs", "4"])
    assert r["agree"] >= 0.99
