"""The npc Python API: round trips, equality with the command line, errors."""
import os
import subprocess

import numpy as np
import onnx
import pytest

import npc
import models  # test/Import/Inputs/models.py


def test_compile_run_equals_command_line_and_reference(heldout, npc_bin, tmp_path):
    model, inp = heldout
    x = np.load(inp)
    art = npc.compile(model, target="small")
    y = art.run(x)
    # The same bytes as `npc compile` + `npc run`.
    subprocess.run([npc_bin, "compile", model, "--target", "small", "-o", str(tmp_path / "m.npx")], check=True)
    subprocess.run([npc_bin, "run", str(tmp_path / "m.npx"), "-i", inp, "-o", str(tmp_path / "y.npy")], check=True)
    cli = np.load(tmp_path / "y.npy")
    assert y.dtype == cli.dtype and y.shape == cli.shape
    assert y.tobytes() == cli.tobytes()
    assert np.array_equal(npc.reference(model, x), y)
    # Executor counts equal the report's: one frame's latency.
    assert art.last_stats["cycles"] == art.report["summary"]["cycles"]


def test_model_as_path_bytes_or_proto(heldout):
    model, inp = heldout
    x = np.load(inp)
    proto = onnx.load(model)
    with open(model, "rb") as f:
        data = f.read()
    outs = [npc.compile(m).run(x) for m in (model, data, proto)]
    assert outs[0].tobytes() == outs[1].tobytes() == outs[2].tobytes()


def test_batches_and_dict_inputs(heldout):
    model, inp = heldout
    x = np.load(inp)
    art = npc.compile(model)
    name = art.inputs[0][0]
    batch = np.concatenate([x, -x, 0.5 * x], axis=0)
    yb = art.run(batch)
    assert yb.shape[0] == 3
    for i, xi in enumerate([x, -x, 0.5 * x]):
        assert art.run({name: xi}).tobytes() == yb[i:i + 1].tobytes()


def test_pipelined_frames_do_not_interfere(heldout):
    """Eight different frames overlap on the chip (a new one every period):
    each output equals the reference interpreter's for that frame alone, and
    the executor counts the report's period between frames."""
    model, inp = heldout
    x = np.load(inp)
    art = npc.compile(model, target="small")
    s = art.report["summary"]
    assert s["pipelined"] and s["cycles_per_frame"] < s["cycles"]
    rng = np.random.default_rng(7)
    frames = [x * rng.uniform(-2, 2) + rng.normal(0, 0.5, x.shape).astype(x.dtype) for _ in range(8)]
    yb = art.run(np.concatenate(frames, axis=0).astype(x.dtype))
    for i, xi in enumerate(frames):
        assert yb[i:i + 1].tobytes() == npc.reference(model, xi.astype(x.dtype)).tobytes()
    st = art.last_stats
    assert st["frames"] == 8 and st["cycles"] == s["cycles"]
    assert st["cycles_per_frame"] == s["cycles_per_frame"]
    assert st["total_cycles"] == s["cycles"] + 7 * s["cycles_per_frame"]


def test_save_load_and_report(heldout, tmp_path):
    model, inp = heldout
    x = np.load(inp)
    art = npc.compile(model)
    art.save(tmp_path / "a.npx")
    back = npc.load(tmp_path / "a.npx")
    assert back.run(x).tobytes() == art.run(x).tobytes()
    s = art.report["summary"]
    assert s["frames_per_second"] == pytest.approx(400e6 / s["cycles_per_frame"])
    assert [l["name"] for l in art.report["layers"]]


def test_compile_errors_name_the_node(tmp_path):
    bad = models.bad_unsupported_op()
    with pytest.raises(npc.CompileError, match=r"node 'hardmax1' \(Hardmax\): operator Hardmax is not supported"):
        npc.compile(bad)
    with pytest.raises(npc.CompileError, match="protobuf parse failed"):
        npc.compile(b"definitely not onnx")
    with pytest.raises(npc.CompileError, match="cannot read"):
        npc.compile(str(tmp_path / "missing.onnx"))
    with pytest.raises(npc.CompileError, match="int32 accumulator may overflow"):
        npc.compile(models.bad_accumulator_overflow())
    with pytest.raises(TypeError):
        npc.compile(12345)
    with pytest.raises(npc.CompileError, match="neither a built-in target"):
        npc.compile(models.qdq_conv("relu"), target="nosuch")


def test_artifact_and_run_errors(heldout, tmp_path):
    model, inp = heldout
    art = npc.compile(model)
    p = tmp_path / "a.npx"
    art.save(p)
    data = bytearray(p.read_bytes())
    data[-1] ^= 0xFF
    (tmp_path / "bad.npx").write_bytes(bytes(data))
    with pytest.raises(npc.ArtifactError, match="checksum mismatch"):
        npc.load(tmp_path / "bad.npx")
    (tmp_path / "short.npx").write_bytes(bytes(data[:50]))
    with pytest.raises(npc.ArtifactError, match="truncated"):
        npc.load(tmp_path / "short.npx")
    x = np.load(inp)
    with pytest.raises(npc.RunError, match="must be float32"):
        art.run(x.astype(np.float64))
    with pytest.raises(npc.RunError, match="must have shape"):
        art.run(np.zeros((1, 1, 2, 2), np.float32))
    with pytest.raises(npc.Error):
        art.run({"nope": x})
    assert issubclass(npc.CompileError, npc.Error) and issubclass(npc.Error, ValueError)


def test_search_keeps_a_mapping_no_slower_than_the_default(heldout):
    model, inp = heldout
    x = np.load(inp)
    default = npc.compile(model, target="small")
    searched = npc.compile(model, target="small", search=True)
    assert (searched.report["summary"]["cycles_per_frame"]
            <= default.report["summary"]["cycles_per_frame"])
    assert searched.run(x).tobytes() == npc.reference(model, x).tobytes()


def test_fill_span_and_fuse_conv_add_as_the_command_line(npc_bin, tmp_path):
    # The tiny CNN's two convolutions whose only use is an add: fused with
    # fuse_conv_add="on" (as `npc compile --fuse-conv-add=on`, byte for
    # byte), not with "off"; the output is the reference's either way.
    tiny = os.path.join(os.path.dirname(__file__), "..", "..", "examples", "tiny_cnn.onnx")
    x = np.load(os.path.join(os.path.dirname(tiny), "tiny_cnn.input.npy"))
    on = npc.compile(tiny, fuse_conv_add="on")
    off = npc.compile(tiny, fuse_conv_add="off")
    kinds = lambda a: [l["kind"] for l in a.report["layers"]]
    assert kinds(on).count("conv2d_add") == 2 and "conv2d_add" not in kinds(off)
    ref = npc.reference(tiny, x).tobytes()
    assert on.run(x).tobytes() == ref and off.run(x).tobytes() == ref
    subprocess.run([npc_bin, "compile", tiny, "--fuse-conv-add=on", "-o", str(tmp_path / "on.npx")],
                   check=True)
    on.save(str(tmp_path / "py.npx"))
    assert (tmp_path / "py.npx").read_bytes() == (tmp_path / "on.npx").read_bytes()
    for bad in ({"fuse_conv_add": "sometimes"}, {"fill_span": "yes"}, {"stream_weights": "2"}):
        with pytest.raises(ValueError, match="must be auto, on or off"):
            npc.compile(tiny, **bad)


def test_stream_weights_as_the_command_line(npc_bin, tmp_path):
    # stream_weights="on" (as `npc compile --stream-weights=on`, byte for
    # byte): on a 3 x 1 grid of 16 MACs per cycle two row tiles of the tiny
    # CNN hold no copy of their layer's weights (they sit on their row-0
    # tile's core and read its copy in place), so the cores hold fewer
    # bytes; the output is the reference's.
    tiny = os.path.join(os.path.dirname(__file__), "..", "..", "examples", "tiny_cnn.onnx")
    target = os.path.join(os.path.dirname(__file__), "..", "..", "test", "Driver", "Inputs",
                          "slow-macs.json")
    x = np.load(os.path.join(os.path.dirname(tiny), "tiny_cnn.input.npy"))
    on = npc.compile(tiny, target=target, min_parallel_cycles=0, fill_span="off",
                     stream_weights="on")
    off = npc.compile(tiny, target=target, min_parallel_cycles=0, fill_span="off",
                      stream_weights="off")
    assert (on.report["summary"]["total_core_bytes"]
            < off.report["summary"]["total_core_bytes"])
    assert on.run(x).tobytes() == npc.reference(tiny, x).tobytes()
    subprocess.run([npc_bin, "compile", tiny, "--target", target, "--min-parallel-cycles", "0",
                    "--fill-span=off", "--stream-weights=on", "-o", str(tmp_path / "on.npx")],
                   check=True)
    on.save(str(tmp_path / "py.npx"))
    assert (tmp_path / "py.npx").read_bytes() == (tmp_path / "on.npx").read_bytes()
