"""Models as PyTorch exports them: FX post-training quantization (fbgemm)
exported raw with torch.onnx.export (opset 13). torch writes a no-op
uint8 -> uint8 Cast after every QuantizeLinear and builds bias zero points
with ConstantOfShape -> Cast; npc imports both. The executor equals the
reference interpreter byte for byte and onnxruntime within one step
(identical on at least 99% of the logits)."""
import os
import re
import subprocess

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
import pytest

import npc
from oracle import fx_ptq_export, onnxruntime, steps_from

torch = pytest.importorskip("torch")
nn = torch.nn

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RUN_ORT = os.path.join(ROOT, "test", "oracle", "run_ort.js")


class SmallResNet(nn.Module):
    """conv-bn-relu, max pool, a residual block, global pool, linear."""

    def __init__(self):
        super().__init__()
        self.conv1, self.bn1 = nn.Conv2d(3, 8, 3, padding=1), nn.BatchNorm2d(8)
        self.relu, self.pool = nn.ReLU(), nn.MaxPool2d(2)
        self.conv2, self.bn2 = nn.Conv2d(8, 8, 3, padding=1), nn.BatchNorm2d(8)
        self.conv3, self.bn3 = nn.Conv2d(8, 8, 3, padding=1), nn.BatchNorm2d(8)
        self.gap, self.fc = nn.AdaptiveAvgPool2d(1), nn.Linear(8, 10)

    def forward(self, x):
        x = self.pool(self.relu(self.bn1(self.conv1(x))))
        y = self.bn3(self.conv3(self.relu(self.bn2(self.conv2(x)))))
        x = self.relu(x + y)
        return self.fc(torch.flatten(self.gap(x), 1))


@pytest.fixture(scope="module")
def fx_ptq(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("fx") / "fx_ptq.onnx")
    return path, fx_ptq_export(SmallResNet, path)


def test_fx_ptq_export_has_what_torch_writes(fx_ptq):
    ops = [n.op_type for n in onnx.load(fx_ptq[0]).graph.node]
    assert "Cast" in ops and "ConstantOfShape" in ops


def test_fx_ptq_export_compiles_and_matches(fx_ptq, tmp_path):
    path, x = fx_ptq
    art = npc.compile(path, target="small")
    y = art.run(x)
    assert y.tobytes() == npc.reference(path, x).tobytes()
    np.save(tmp_path / "x.npy", x)
    subprocess.run(["node", RUN_ORT, path, str(tmp_path / "y.npy"), str(tmp_path / "x.npy")],
                   check=True)
    # In steps of the logits' scale (the last DequantizeLinear's).
    steps = steps_from(path, y, np.load(tmp_path / "y.npy"))
    assert steps.max() <= 1 and np.mean(steps == 0) >= 0.99


def cast_model(to, relu_input_type=TensorProto.UINT8):
    """x -> Q (uint8) -> Cast(to) -> DQ -> Relu -> Q -> DQ."""
    nodes = [helper.make_node("QuantizeLinear", ["x", "s", "z"], ["q"], name="q"),
             helper.make_node("Cast", ["q"], ["c"], name="cast1", to=to),
             helper.make_node("DequantizeLinear", ["c", "s", "z"], ["d"], name="dq"),
             helper.make_node("Relu", ["d"], ["r"], name="relu"),
             helper.make_node("QuantizeLinear", ["r", "s", "z"], ["q2"], name="q2"),
             helper.make_node("DequantizeLinear", ["q2", "s", "z"], ["y"], name="dq2")]
    inits = [helper.make_tensor("s", TensorProto.FLOAT, [], [0.1]),
             helper.make_tensor("z", TensorProto.UINT8, [], [128])]
    g = helper.make_graph(nodes, "cast", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 8])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 8])], inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
    m.ir_version = 7
    return m.SerializeToString()


def test_noop_cast_of_a_quantized_tensor():
    x = np.linspace(-3, 3, 8, dtype=np.float32).reshape(1, 8)
    y = npc.compile(cast_model(TensorProto.UINT8)).run(x)
    # Relu of the quantized input: negatives to 0, the rest on the 0.1 grid.
    expect = np.maximum(np.round(x / np.float32(0.1)) * np.float32(0.1), 0)
    np.testing.assert_allclose(y, expect, atol=1e-6)


def test_cast_that_changes_a_quantized_tensor_is_an_error():
    with pytest.raises(npc.CompileError, match=r"node 'cast1' \(Cast\): casts a uint8 tensor to "
                                               r"int8; only a cast to its own type \(which changes "
                                               r"nothing\) is supported"):
        npc.compile(cast_model(TensorProto.INT8))


def qdq_model(nodes, inits, shape, name):
    """x -> Q (u8, 0.1, 128) -> DQ -> `nodes` (reading "d", writing "f") -> Q -> DQ."""
    nodes = [helper.make_node("QuantizeLinear", ["x", "s", "z"], ["q"], name="q"),
             helper.make_node("DequantizeLinear", ["q", "s", "z"], ["d"], name="dq")] + nodes + [
        helper.make_node("QuantizeLinear", ["f", "s2", "z"], ["q2"], name="q2"),
        helper.make_node("DequantizeLinear", ["q2", "s2", "z"], ["y"], name="dq2")]
    inits = inits + [helper.make_tensor("s", TensorProto.FLOAT, [], [0.1]),
                     helper.make_tensor("s2", TensorProto.FLOAT, [], [0.07]),
                     helper.make_tensor("z", TensorProto.UINT8, [], [128])]
    g = helper.make_graph(nodes, name, [helper.make_tensor_value_info("x", TensorProto.FLOAT, shape)],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)], inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
    m.ir_version = 7
    return m


def test_batchnorm_between_dequantize_and_quantize(tmp_path):
    """BatchNormalization left in a QAT export becomes a depthwise 1x1 conv:
    within one step of onnxruntime's float BatchNormalization."""
    rng = np.random.default_rng(3)
    c = 6
    params = [rng.uniform(-2, 2, c), rng.uniform(-1, 1, c), rng.uniform(-1, 1, c),
              rng.uniform(0.1, 2, c)]
    params[0][2] = 0.0  # a channel scaled to zero
    names = ["gamma", "beta", "mean", "var"]
    inits = [numpy_helper.from_array(p.astype(np.float32), n) for p, n in zip(params, names)]
    m = qdq_model([helper.make_node("BatchNormalization", ["d"] + names, ["f"], name="bn1")],
                  inits, [1, c, 5, 5], "bn")
    x = rng.uniform(-12, 12, (1, c, 5, 5)).astype(np.float32)
    art = npc.compile(m.SerializeToString(), target="small")
    y = art.run(x)
    assert [l["kind"] for l in art.report["layers"]] == ["conv2d"]
    assert y.tobytes() == npc.reference(m.SerializeToString(), x).tobytes()
    np.save(tmp_path / "x.npy", x)
    onnx.save(m, str(tmp_path / "m.onnx"))
    subprocess.run(["node", RUN_ORT, str(tmp_path / "m.onnx"), str(tmp_path / "y.npy"),
                    str(tmp_path / "x.npy"), "--no-opt"], check=True)
    steps = np.abs(np.round((y - np.load(tmp_path / "y.npy")) / np.float32(0.07)))
    assert steps.max() <= 1 and np.mean(steps == 0) >= 0.95


def test_clip_on_quantized_tensor_is_a_clamp():
    """Q -> Clip(0, 127 as uint8) -> DQ, as fbgemm version-0 QAT exports write
    the activation range."""
    nodes = [helper.make_node("QuantizeLinear", ["x", "s", "z"], ["q"], name="q"),
             helper.make_node("Clip", ["q", "", "hi"], ["c"], name="clip1"),
             helper.make_node("DequantizeLinear", ["c", "s", "z"], ["y"], name="dq")]
    inits = [helper.make_tensor("s", TensorProto.FLOAT, [], [0.1]),
             helper.make_tensor("z", TensorProto.UINT8, [], [100]),
             helper.make_tensor("hi", TensorProto.UINT8, [], [127])]
    g = helper.make_graph(nodes, "clip", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 8])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)], inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
    m.ir_version = 7
    x = np.array([[-20, -1, 0, 1, 2.6, 2.8, 5, 30]], np.float32)
    y = npc.compile(m.SerializeToString()).run(x)
    codes = np.clip(np.clip(np.round(x / np.float32(0.1)) + 100, 0, 255), 0, 127)
    np.testing.assert_allclose(y, (codes - 100) * np.float32(0.1), atol=1e-6)


class EagerQat(SmallResNet):
    """Eager-mode QAT: quant stubs, a quantized residual add with ReLU."""

    def __init__(self):
        super().__init__()
        tq = torch.ao.quantization
        self.add, self.q, self.dq = nn.quantized.FloatFunctional(), tq.QuantStub(), tq.DeQuantStub()

    def forward(self, x):
        x = self.pool(self.relu(self.bn1(self.conv1(self.q(x)))))
        y = self.bn3(self.conv3(self.relu(self.bn2(self.conv2(x)))))
        return self.dq(self.add.add_relu(x, y))


def eager_qat(model, size):
    """`model` through eager-mode QAT as a user runs it (fbgemm, version 0):
    prepared, four training batches of 2 x 3 x size x size, then evaluated
    with the observers off. Shared with test_detector."""
    tq = torch.ao.quantization
    model = model.train()
    model.qconfig = tq.get_default_qat_qconfig("fbgemm", version=0)
    tq.prepare_qat(model, inplace=True)
    for _ in range(4):
        model(torch.randn(2, 3, size, size))
    model.eval()
    model.apply(tq.disable_observer)
    return model


def fx_qat(model, example):
    """`model` through FX QAT as a user runs it (fbgemm, version 0): prepared
    on `example`, four training batches of 2 x its shape, then evaluated
    with the observers off."""
    tq = torch.ao.quantization
    from torch.ao.quantization.quantize_fx import prepare_qat_fx
    model = prepare_qat_fx(model.train(), tq.get_default_qat_qconfig_mapping("fbgemm", version=0),
                           (example,))
    for _ in range(4):
        model(torch.randn(2, *example.shape[1:]))
    model = model.eval()
    model.apply(tq.disable_observer)
    return model


def test_eager_qat_fbgemm_v0_export(tmp_path):
    """The fake-quantized model exported as is: BatchNormalization stays, and
    the 0..127 activation range is a Clip on each quantized tensor."""
    torch.manual_seed(0)
    model = eager_qat(EagerQat(), 16)
    example = torch.randn(1, 3, 16, 16)
    path = str(tmp_path / "qat.onnx")
    torch.onnx.export(model, example, path, opset_version=13)
    ops = {n.op_type for n in onnx.load(path).graph.node}
    assert {"BatchNormalization", "Clip"} <= ops
    x = example.numpy()
    y = npc.compile(path, target="small").run(x)
    assert y.tobytes() == npc.reference(path, x).tobytes()
    np.save(tmp_path / "x.npy", x)
    subprocess.run(["node", RUN_ORT, path, str(tmp_path / "y.npy"), str(tmp_path / "x.npy")],
                   check=True)
    ort = np.load(tmp_path / "y.npy")
    grid = np.unique(np.concatenate([y.ravel(), ort.ravel()]))
    step = np.min(np.diff(grid)[np.diff(grid) > 1e-6])
    steps = np.abs(np.round((y - ort) / step))
    # Whole network (five requantized layers): rounding differences can add up.
    assert steps.max() <= 2 and np.mean(steps == 0) >= 0.99


def torchvision_example():
    """examples/torchvision_ptq.py as a module (its `export`)."""
    pytest.importorskip("torchvision")
    import importlib.util
    spec = importlib.util.spec_from_file_location(
        "torchvision_ptq", os.path.join(ROOT, "examples", "torchvision_ptq.py"))
    example = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(example)
    return example


@pytest.mark.parametrize("arch", ["resnet18", "regnet_x_400mf", "mobilenet_v3_small"])
def test_torchvision_fx_ptq(arch, tmp_path):
    """torchvision architectures (random weights) through FX PTQ and
    torch.onnx.export, as examples/torchvision_ptq.py does, at 64x64.
    mobilenet_v3_small has squeeze-excite gates (x * hardsigmoid(g) with no
    QuantizeLinear on the gate: a 16-bit table)."""
    example = torchvision_example()
    path = str(tmp_path / f"{arch}.onnx")
    x = example.export(arch, 64, path)
    y = npc.compile(path).run(x)
    assert y.tobytes() == npc.reference(path, x).tobytes()
    np.save(tmp_path / "x.npy", x)
    subprocess.run(["node", RUN_ORT, path, str(tmp_path / "y.npy"), str(tmp_path / "x.npy")],
                   check=True)
    ort = np.load(tmp_path / "y.npy")
    steps = np.abs(np.round((y - ort) / np.float32(example.logits_scale(path))))
    # A deep random-weight network: rounding differences can add up a little.
    assert steps.max() <= 2 and np.mean(steps == 0) >= 0.5
    # With random weights the mobilenets' logits collapse to one value; the
    # residual networks' do not, so for them the comparison above means something.
    if arch != "mobilenet_v3_small":
        assert len(np.unique(ort)) > 50


@pytest.mark.parametrize("arch,counts", [
    ("resnet18", {"QLinearConv": 20, "com.microsoft:QLinearAdd": 8, "com.microsoft:QGemm": 1}),
    ("mobilenet_v3_small", {"QLinearConv": 52, "com.microsoft:QLinearMul": 9,
                            "com.microsoft:QLinearGlobalAveragePool": 10})])
def test_torchvision_ort_qoperator_form(arch, counts, tmp_path):
    """The FX PTQ export in onnxruntime's QOperator form, as onnxruntime's
    own graph optimizer writes it (examples/torchvision_ptq.py --form
    ort_qoperator, at 64x64): the executor equals the reference, and every
    layer alone (each QOperator node, and the QDQ groups onnxruntime left,
    such as mobilenet_v3's hardsigmoid gates) is within one step of
    onnxruntime. QLinearMul layers only are allowed under 99% identical:
    onnxruntime rounds their exact ties differently (docs/semantics.md, Mul)."""
    from collections import Counter
    from layerwise import compare
    example = torchvision_example()
    path = str(tmp_path / f"{arch}.onnx")
    x = example.export(arch, 64, path, form="ort_qoperator")
    ops = Counter((n.domain + ":" if n.domain else "") + n.op_type
                  for n in onnx.load(path).graph.node)
    assert {k: ops[k] for k in counts} == counts
    assert "Conv" not in ops
    y = npc.compile(path).run(x)
    assert y.tobytes() == npc.reference(path, x).tobytes()
    rows = compare(path, x, str(tmp_path))
    assert len([r for r in rows if r[1] == ["QLinearConv"]]) == counts["QLinearConv"]
    for name, ops, steps, same, n in rows:
        assert steps <= 1 and (same >= 0.99 or ops == ["QLinearMul"]), (name, ops, steps, same)


@pytest.mark.parametrize("arch,form,backend,convs", [
    ("resnet18", "fx_qat", "fbgemm", 20), ("resnet18", "fx_qat_converted", "qnnpack", 20),
    ("shufflenet_v2_x1_0", "eager_qat", "fbgemm", 56),
    ("mobilenet_v3_large", "eager_qat", "fbgemm", 62)])
def test_torchvision_qat_layer_by_layer(arch, form, backend, convs, tmp_path):
    """Quantization-aware training (fbgemm, version 0) exported as it is,
    as examples/torchvision_ptq.py does at 32x32: every conv is Conv, Div
    by the BatchNorm factor torch multiplied into the weight,
    BatchNormalization, [Relu], QuantizeLinear, Clip to 0..127; npc folds
    the Div and the BatchNormalization into the conv. FX for resnet18
    (googlenet, squeezenet, mobilenet_v2 and resnet50 in the README's table
    come from the same export at 128x128); eager mode on torchvision's quantizable shufflenet_v2 (FX
    cannot trace its channel shuffle; its `mean((2, 3))` feeds the
    classifier unquantized) and mobilenet_v3_large (squeeze-excite pools
    feed their Conv unquantized). The executor equals the reference; every
    layer alone, fed onnxruntime's own inputs (python/tests/layerwise.py),
    is within one step of onnxruntime and at least 99% identical.
    The converted form (qnnpack; convert_fx after training: BatchNorm
    folded into the weights) is checked the same way. onnxruntime runs node
    by node: its optimized session fails to load the fake-quantized exports."""
    from layerwise import compare
    example = torchvision_example()
    path = str(tmp_path / f"{arch}.onnx")
    x = example.export(arch, 32, path, form=form, backend=backend)
    ops = {n.op_type for n in onnx.load(path).graph.node}
    if form != "fx_qat_converted":
        assert {"Div", "BatchNormalization"} <= ops
    if backend == "fbgemm":
        assert "Clip" in ops
    assert npc.compile(path).run(x).tobytes() == npc.reference(path, x).tobytes()
    rows = compare(path, x, str(tmp_path), no_opt=True)
    assert len([r for r in rows if "Conv" in r[1]]) == convs
    for name, ops, steps, same, n in rows:
        assert steps <= 1 and same >= 0.99, (name, ops, steps, same)


def test_conv_div_batchnorm_fold_with_negative_factors(tmp_path):
    """The QAT form with every case the fold meets: per-channel weight
    codes at -128 in channels whose factor is negative (mirrored codes
    need 16 bits), a zero factor, a bias Add between the Div and the
    BatchNormalization. Equal to onnxruntime within one step on 2,048
    outputs, and identical on at least 99%."""
    from oracle import onnxruntime
    rng = np.random.default_rng(3)
    c = 8
    w = rng.integers(-128, 128, (c, 4, 3, 3)).astype(np.int8)
    w[:, 0, 0, 0] = -128
    gamma = rng.uniform(0.5, 2, c).astype(np.float32) * np.array([1, -1] * (c // 2), np.float32)
    gamma[5] = 0
    inits = [numpy_helper.from_array(a, n) for a, n in [
        (np.float32(0.05), "sx"), (np.uint8(128), "zx"), (w, "w"),
        (rng.uniform(0.01, 0.02, c).astype(np.float32), "sw"), (np.zeros(c, np.int8), "zw"),
        (np.zeros(c, np.float32), "zero"),
        (rng.uniform(0.5, 2, (1, c, 1, 1)).astype(np.float32), "d"),
        (rng.normal(0, 0.5, (1, c, 1, 1)).astype(np.float32), "bias"),
        (gamma, "gamma"), (rng.normal(0, 1, c).astype(np.float32), "beta"),
        (rng.normal(0, 1, c).astype(np.float32), "mean"),
        (rng.uniform(0.5, 3, c).astype(np.float32), "var"),
        (np.float32(0.04), "sy"), (np.uint8(100), "zy")]]
    nodes = [helper.make_node("QuantizeLinear", ["x", "sx", "zx"], ["xq"]),
             helper.make_node("DequantizeLinear", ["xq", "sx", "zx"], ["xd"]),
             helper.make_node("DequantizeLinear", ["w", "sw", "zw"], ["wd"], axis=0),
             helper.make_node("Conv", ["xd", "wd", "zero"], ["c"], pads=[1, 1, 1, 1]),
             helper.make_node("Div", ["c", "d"], ["cd"]),
             helper.make_node("Add", ["cd", "bias"], ["cb"]),
             helper.make_node("BatchNormalization", ["cb", "gamma", "beta", "mean", "var"], ["bn"]),
             helper.make_node("QuantizeLinear", ["bn", "sy", "zy"], ["yq"]),
             helper.make_node("DequantizeLinear", ["yq", "sy", "zy"], ["y"])]
    g = helper.make_graph(nodes, "convbn", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 4, 16, 16])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)], inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
    m.ir_version = 7
    x = rng.normal(0, 2, (1, 4, 16, 16)).astype(np.float32)
    y = npc.compile(m.SerializeToString()).run(x)
    assert y.tobytes() == npc.reference(m.SerializeToString(), x).tobytes()
    steps = np.abs(np.round((y - onnxruntime(m, x, tmp_path)) / np.float32(0.04)))
    assert steps.max() <= 1 and np.mean(steps == 0) >= 0.99
    assert np.all(y[0, 5] == y[0, 5, 0, 0])  # a zero factor: the channel is its offset


def test_fx_qat_prelu_with_a_slope_per_channel(tmp_path):
    """nn.PReLU(C) under FX quantization-aware training (fbgemm, version 0),
    exported as torch writes it: a PRelu node with a [C, 1, 1] slope
    between DequantizeLinear and QuantizeLinear, one table per channel.
    (FX PTQ of nn.PReLU does not export in torch 1.13: the quantized prelu
    fails in torch.onnx.export.)"""
    from layerwise import compare

    class ConvPReLU(nn.Module):
        def __init__(self):
            super().__init__()
            self.c1, self.p = nn.Conv2d(3, 8, 3, padding=1), nn.PReLU(8)
            self.c2 = nn.Conv2d(8, 4, 3, padding=1)

        def forward(self, x):
            return self.c2(self.p(self.c1(x)))

    torch.manual_seed(0)
    model = ConvPReLU()
    with torch.no_grad():
        model.p.weight.uniform_(-0.5, 0.8)
    example = torch.randn(1, 3, 16, 16)
    model = fx_qat(model, example)
    path = str(tmp_path / "prelu.onnx")
    torch.onnx.export(model, example, path, opset_version=13)
    slope = [n for n in onnx.load(path).graph.node if n.op_type == "PRelu"]
    assert len(slope) == 1
    x = example.numpy()
    art = npc.compile(path)
    assert "table" in [l["kind"] for l in art.report["layers"]]
    assert art.run(x).tobytes() == npc.reference(path, x).tobytes()
    rows = compare(path, x, str(tmp_path), no_opt=True)
    assert [r[1] for r in rows] == [["Conv"], ["PRelu"], ["Conv"]]
    for name, ops, steps, same, n in rows:
        assert steps <= 1 and same >= 0.99, (name, ops, steps, same)


def test_clip_does_not_narrow_codes_a_pending_layer_norm_still_reads(tmp_path):
    """A conv's codes read by a layer norm written as arithmetic (torch's
    form below opset 17) and, through a QuantizeLinear that changes nothing,
    by a Clip to 0..127. The Clip may narrow the conv's clamp only when
    nothing else reads those codes; the layer norm, still pending when the
    Clip is converted, does. (The import once dropped the entries of values
    whose readers were all converted, and the Clip, counting the tensors
    that name the same codes, narrowed the conv: the layer norm then read
    codes clamped at 127.) Checked against onnxruntime, node by node."""
    rng = np.random.default_rng(21)
    w = rng.integers(-60, 60, (4, 4, 1, 1)).astype(np.int8)
    nodes = [helper.make_node("QuantizeLinear", ["x", "sx", "zx"], ["qx"], name="qx"),
             helper.make_node("DequantizeLinear", ["qx", "sx", "zx"], ["dx"], name="dqx"),
             helper.make_node("DequantizeLinear", ["w", "sw", "zw"], ["dw"], name="dqw"),
             helper.make_node("Conv", ["dx", "dw"], ["c"], name="conv"),
             helper.make_node("Relu", ["c"], ["r"], name="relu"),
             helper.make_node("QuantizeLinear", ["r", "sc", "zc"], ["qc"], name="qc"),
             helper.make_node("DequantizeLinear", ["qc", "sc", "zc"], ["cd"], name="dqc"),
             helper.make_node("ReduceMean", ["cd"], ["mean"], name="mean", axes=[-1]),
             helper.make_node("Sub", ["cd", "mean"], ["d"], name="sub"),
             helper.make_node("Pow", ["d", "two"], ["p"], name="pow"),
             helper.make_node("ReduceMean", ["p"], ["var"], name="var", axes=[-1]),
             helper.make_node("Add", ["var", "eps"], ["ve"], name="add_eps"),
             helper.make_node("Sqrt", ["ve"], ["sd"], name="sqrt"),
             helper.make_node("Div", ["d", "sd"], ["n"], name="div"),
             helper.make_node("QuantizeLinear", ["cd", "sc", "zc"], ["qc2"], name="qc2"),
             helper.make_node("Clip", ["qc2", "", "hi"], ["clipped"], name="clip"),
             helper.make_node("DequantizeLinear", ["clipped", "sc", "zc"], ["y2"], name="dq2"),
             helper.make_node("QuantizeLinear", ["n", "sn", "zn"], ["qn"], name="qn"),
             helper.make_node("DequantizeLinear", ["qn", "sn", "zn"], ["y1"], name="dqn")]
    inits = [helper.make_tensor("sx", TensorProto.FLOAT, [], [0.05]),
             helper.make_tensor("zx", TensorProto.UINT8, [], [128]),
             numpy_helper.from_array(w, "w"),
             helper.make_tensor("sw", TensorProto.FLOAT, [], [0.02]),
             helper.make_tensor("zw", TensorProto.INT8, [], [0]),
             helper.make_tensor("sc", TensorProto.FLOAT, [], [0.01]),
             helper.make_tensor("zc", TensorProto.UINT8, [], [0]),
             helper.make_tensor("two", TensorProto.FLOAT, [], [2.0]),
             helper.make_tensor("eps", TensorProto.FLOAT, [], [1e-5]),
             helper.make_tensor("sn", TensorProto.FLOAT, [], [0.02]),
             helper.make_tensor("zn", TensorProto.UINT8, [], [128]),
             helper.make_tensor("hi", TensorProto.UINT8, [], [127])]
    g = helper.make_graph(nodes, "clip_and_layer_norm",
                          [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 4, 2, 16])],
                          [helper.make_tensor_value_info("y1", TensorProto.FLOAT, None),
                           helper.make_tensor_value_info("y2", TensorProto.FLOAT, None)], inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
    m.ir_version = 7
    x = rng.uniform(-6, 6, (1, 4, 2, 16)).astype(np.float32)
    art = npc.compile(m.SerializeToString(), target="small")
    out = art.run(x)
    y1, y2 = out["y1"], out["y2"]
    # The conv's codes do pass 127 (else the Clip would change nothing).
    xq = np.clip(np.round(x / np.float32(0.05)) + 128, 0, 255) - 128
    conv = np.einsum("oc,nchw->nohw", w[:, :, 0, 0].astype(np.float32), xq) * 0.05 * 0.02
    assert (np.round(np.maximum(conv, 0) / 0.01) > 140).any()
    ort1 = onnxruntime(m, x, tmp_path, output="y1", no_opt=True)
    ort2 = onnxruntime(m, x, tmp_path, output="y2", no_opt=True)
    assert np.abs(np.round((y2 - ort2) / np.float32(0.01))).max() <= 1
    steps = np.abs(np.round((y1 - ort1) / np.float32(0.02)))
    assert steps.max() <= 1, steps.max()


def fusion_of(path, tmp_path):
    """The onnx-level module of `path` after onnx-fold-constants and
    onnx-fuse-qdq (its text), and whether the conversion makes a qg module
    of it (it has no QDQ fusion of its own: a cluster the fusion left is
    refused)."""
    bindir = os.path.join(os.environ.get("NPC_BUILD_DIR", os.path.join(ROOT, "build")), "bin")
    mlir = str(tmp_path / "m.mlir")
    subprocess.run([os.path.join(bindir, "npc-translate"), "--import-onnx", path, "-o", mlir],
                   check=True)
    opt = os.path.join(bindir, "npc-opt")
    route = ["--onnx-fold-constants", "--onnx-fuse-qdq"]
    fused = subprocess.run([opt, mlir, *route], capture_output=True, text=True,
                           check=True).stdout
    qg = subprocess.run([opt, mlir, *route, "--npc-convert-onnx-to-qg"], capture_output=True,
                        text=True)
    return fused, qg.returncode == 0 and "qg." in qg.stdout


def node_counts(text):
    import collections
    return collections.Counter(re.findall(r'onnx\.node "(\w+)"', text))


class ConvBnLinear3d(nn.Module):
    """conv-bn-relu, a max pool read by a conv-bn and the residual add, and
    nn.Linear on the 3-D (N, C, H*W) view."""

    def __init__(self):
        super().__init__()
        self.c1, self.b1 = nn.Conv2d(3, 8, 3, padding=1), nn.BatchNorm2d(8)
        self.pool = nn.MaxPool2d(2)
        self.c2, self.b2 = nn.Conv2d(8, 8, 3, padding=1), nn.BatchNorm2d(8)
        self.fc = nn.Linear(16, 5)

    def forward(self, x):
        x = self.pool(torch.relu(self.b1(self.c1(x))))
        x = torch.relu(x + self.b2(self.c2(x)))
        return self.fc(torch.flatten(x, 2))


class FusedEagerQat(nn.Module):
    """Eager QAT as torchvision's quantizable ResNets write it: conv-bn-relu
    fused for QAT, a max pool read by the next conv-bn and by the residual
    add."""

    def __init__(self):
        super().__init__()
        tq = torch.ao.quantization
        self.q, self.dq = tq.QuantStub(), tq.DeQuantStub()
        self.c1, self.b1, self.r1 = nn.Conv2d(3, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU()
        self.pool = nn.MaxPool2d(2)
        self.c2, self.b2 = nn.Conv2d(8, 8, 3, padding=1), nn.BatchNorm2d(8)
        self.add = nn.quantized.FloatFunctional()

    def forward(self, x):
        x = self.pool(self.r1(self.b1(self.c1(self.q(x)))))
        return self.dq(self.add.add_relu(x, self.b2(self.c2(x))))


def test_fusion_of_torch_qat_exports(tmp_path):
    """torch's own QAT exports (fbgemm version 0, BatchNorm kept) through
    onnx-fold-constants and onnx-fuse-qdq: the conversion converts them,
    and no float product, BatchNorm or arithmetic is left. FX: each Conv -> Div ->
    BatchNormalization [-> Relu] -> Q is a QLinearConv, the 3-D Linear's
    Transpose(DequantizeLinear(W)) -> MatMul -> Add npc's QLinearMatMul.
    Eager: the max pool between two layers runs on the codes, so the conv
    and the residual add after it fuse."""
    torch.manual_seed(0)
    example = torch.randn(1, 3, 8, 8)
    model = fx_qat(ConvBnLinear3d(), example)
    path = str(tmp_path / "fx.onnx")
    torch.onnx.export(model, example, path, opset_version=13)
    written = {n.op_type for n in onnx.load(path).graph.node}
    assert {"BatchNormalization", "Div", "MatMul", "Transpose", "Add"} <= written
    fused, converts = fusion_of(path, tmp_path)
    assert converts
    ops = node_counts(fused)
    assert ops["QLinearConv"] == 2 and ops["QLinearMatMul"] == 1 and ops["QLinearAdd"] == 1
    assert not {"Conv", "BatchNormalization", "Div", "MatMul", "Add", "Relu"} & set(ops)
    # Left: the input's. The DequantizeLinear before the flatten, a Reshape
    # to a shape torch computes with Shape, Slice and Concat (which
    # onnx-fold-constants folds to a constant), moves after it, so the
    # QuantizeLinear after it is a requantization of the reshaped codes.
    # Each weight's fake-quantization is an int8 initializer, the Linear's
    # read through the Transpose.
    left = [l for l in fused.splitlines() if 'onnx.node "QuantizeLinear"' in l]
    assert len(left) == 1 and "activation_post_process_0" in left[0], left
    reshape = re.search(r'(%\d+) = onnx\.node "Reshape"\((%\d+), (%\d+)\)', fused)
    assert not {"Concat", "Shape", "Slice"} & set(ops), ops
    assert re.search(re.escape(reshape.group(3)) + r' = onnx\.constant ', fused)
    assert re.search(r'onnx\.node "QLinearRequantize"\(' + reshape.group(1) + ",", fused)
    assert re.search(r'onnx\.constant "[^"]*weight_fake_quant[^"]*" dense<.*> : tensor<5x16xsi8>',
                     fused)

    eager = FusedEagerQat().train()
    torch.ao.quantization.fuse_modules_qat(eager, [["c1", "b1", "r1"], ["c2", "b2"]],
                                           inplace=True)
    eager = eager_qat(eager, 8)
    path = str(tmp_path / "eager.onnx")
    torch.onnx.export(eager, example, path, opset_version=13)
    written = [n.op_type for n in onnx.load(path).graph.node]
    assert "MaxPool" in written and "BatchNormalization" in written
    (tmp_path / "e").mkdir()
    fused, converts = fusion_of(path, tmp_path / "e")
    assert converts
    ops = node_counts(fused)
    assert ops["QLinearConv"] == 2 and ops["QLinearAdd"] == 1 and ops["QuantizeLinear"] == 1
    assert not {"Conv", "BatchNormalization", "Div", "Add", "Relu"} & set(ops)
    # The pool reads the first layer's codes, not a DequantizeLinear.
    defs = dict(re.findall(r"(%\d+) = (onnx\.node \"\w+\")", fused))
    pool_in = re.search(r'onnx\.node "MaxPool"\((%\d+)\)', fused).group(1)
    assert defs[pool_in] in ('onnx.node "Clip"', 'onnx.node "QLinearConv"'), defs[pool_in]


class ChannelSplitEager(nn.Module):
    """shufflenet_v2's unit in eager QAT: x.chunk(2, dim=1) (torch writes its
    Slice bounds from Shape(x)), a conv-bn-relu on one half, the halves
    concatenated and shuffled."""

    def __init__(self):
        super().__init__()
        tq = torch.ao.quantization
        self.q, self.dq = tq.QuantStub(), tq.DeQuantStub()
        self.c1, self.b1, self.r1 = nn.Conv2d(3, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU()
        self.c2, self.b2, self.r2 = nn.Conv2d(4, 4, 1), nn.BatchNorm2d(4), nn.ReLU()
        self.cat = nn.quantized.FloatFunctional()

    def forward(self, x):
        x = self.r1(self.b1(self.c1(self.q(x))))
        a, b = x.chunk(2, dim=1)
        y = self.cat.cat([a, self.r2(self.b2(self.c2(b)))], dim=1)
        n, c, h, w = y.shape
        y = y.view(n, 2, c // 2, h, w).transpose(1, 2).contiguous().view(n, c, h, w)
        return self.dq(y)


def test_fusion_of_torch_channel_split(tmp_path):
    """The channel split as torch exports it in eager QAT: the Slices'
    bounds are computed from the activation's Shape, and the DequantizeLinear
    moves before them all the same (the conversion folds those bounds), so
    the branch's conv and the Concat fuse, and the conversion converts it."""
    torch.manual_seed(0)
    model = ChannelSplitEager().train()
    torch.ao.quantization.fuse_modules_qat(model, [["c1", "b1", "r1"], ["c2", "b2", "r2"]],
                                           inplace=True)
    model = eager_qat(model, 8)
    path = str(tmp_path / "split.onnx")
    torch.onnx.export(model, torch.randn(1, 3, 8, 8), path, opset_version=13)
    graph = onnx.load(path).graph
    written = [n.op_type for n in graph.node]
    slices = [n for n in graph.node if n.op_type == "Slice"]
    assert len(slices) == 2 and "Shape" in written and "Concat" in written
    # The bounds are not initializers: torch computes them from Shape(x).
    inits = {i.name for i in graph.initializer}
    assert any(s.input[2] not in inits for s in slices)
    fused, converts = fusion_of(path, tmp_path)
    assert converts
    ops = node_counts(fused)
    assert ops["QLinearConv"] == 2 and ops["QLinearConcat"] == 1, ops
    assert ops["QuantizeLinear"] == 1  # the input's
    assert not {"Conv", "BatchNormalization", "Relu"} & set(ops)
    # Both Slices read the first layer's codes, not a DequantizeLinear.
    defs = dict(re.findall(r"(%\d+) = (onnx\.node \"\w+\")", fused))
    sources = re.findall(r'onnx\.node "Slice"\((%\w+),', fused)
    assert len(sources) == 2
    for src in sources:
        assert defs.get(src) in ('onnx.node "Clip"', 'onnx.node "QLinearConv"'), defs.get(src)


class AveragesReadByProducts(nn.Module):
    """Averages a product reads with no quantization between, as
    torchvision's quantizable mobilenet_v3 writes them in eager QAT: a
    squeeze-excite pool read by its 1x1 conv, and the classifier's
    x.mean((2, 3)) read by the Linear."""

    def __init__(self):
        super().__init__()
        tq = torch.ao.quantization
        self.q, self.dq = tq.QuantStub(), tq.DeQuantStub()
        self.c1, self.b1, self.r1 = nn.Conv2d(3, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU()
        self.se, self.se_relu = nn.Conv2d(8, 8, 1), nn.ReLU()
        self.mul = nn.quantized.FloatFunctional()
        self.fc = nn.Linear(8, 5)

    def forward(self, x):
        x = self.r1(self.b1(self.c1(self.q(x))))
        g = self.se_relu(self.se(nn.functional.adaptive_avg_pool2d(x, 1)))
        x = self.mul.mul(x, g)
        return self.dq(self.fc(x.mean((2, 3))))


def test_fusion_of_torch_averages_read_by_products(tmp_path):
    """torch's eager QAT export of averages read by a conv and a Linear
    with no QuantizeLinear between: onnx-fuse-qdq states each as npc's
    average in 16-bit codes (QLinearGlobalAveragePool, QLinearReduceMean,
    domain npc) and a DequantizeLinear of them, which the reader's fusion
    takes; one QuantizeLinear is left (the input's) and the conversion
    converts it."""
    torch.manual_seed(0)
    model = AveragesReadByProducts().train()
    torch.ao.quantization.fuse_modules_qat(model, [["c1", "b1", "r1"], ["se", "se_relu"]],
                                           inplace=True)
    model = eager_qat(model, 8)
    path = str(tmp_path / "means.onnx")
    torch.onnx.export(model, torch.randn(1, 3, 8, 8), path, opset_version=13)
    written = [n.op_type for n in onnx.load(path).graph.node]
    assert "GlobalAveragePool" in written and "ReduceMean" in written
    fused, converts = fusion_of(path, tmp_path)
    assert converts
    ops = node_counts(fused)
    assert ops["QuantizeLinear"] == 1, ops  # the input's
    assert not {"Conv", "Gemm", "MatMul", "GlobalAveragePool", "ReduceMean"} & set(ops), ops
    for mean in ("QLinearGlobalAveragePool", "QLinearReduceMean"):
        m = re.search(r'(%\d+) = onnx\.node "' + mean + r'"\(.*domain = "npc".*'
                      r'tensor<f32>, tensor<ui16>\)', fused)
        assert m, mean
        # Its codes, not a DequantizeLinear, reach the product (through
        # the Linear's Flatten-free path or the conv directly).
        readers = re.findall(r'onnx\.node "(\w+)"\(' + m.group(1) + r'[,)]', fused)
        assert set(readers) - {"DequantizeLinear"} <= {"QLinearConv", "QGemm", "QLinearMatMul",
                                                       "Flatten", "Reshape", "Squeeze"}, readers
        assert set(readers) - {"DequantizeLinear"}, readers
