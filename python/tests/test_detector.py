"""A YOLO-style detector as PyTorch exports it: eager-mode QAT (fbgemm's
version-0 qconfig; BatchNorm stays, SiLU is Sigmoid and Mul, Concat of
quantized tensors), an SPPF block (three 5x5 stride-1 max pools,
concatenated), nearest upsampling and two heads. It compiles for northpole,
the executor equals the reference interpreter on both heads, and both heads
are within one quantization step of onnxruntime (node by node; its
optimized session fails to load this export)."""
import numpy as np
import onnx
from onnx import numpy_helper
import pytest

import npc
from oracle import onnxruntime
from test_torch_export import eager_qat

torch = pytest.importorskip("torch")
nn = torch.nn
tq = torch.ao.quantization

class ConvBnSiLU(nn.Module):
    def __init__(self, c1, c2, k=1, s=1):
        super().__init__()
        self.conv = nn.Conv2d(c1, c2, k, s, k // 2, bias=False)
        self.bn, self.act = nn.BatchNorm2d(c2), nn.SiLU()

    def forward(self, x):
        return self.act(self.bn(self.conv(x)))


class TinyYolo(nn.Module):
    def __init__(self):
        super().__init__()
        self.q, self.dq1, self.dq2 = tq.QuantStub(), tq.DeQuantStub(), tq.DeQuantStub()
        self.c1, self.c2 = ConvBnSiLU(3, 16, 3, 2), ConvBnSiLU(16, 32, 3, 2)
        self.c3 = ConvBnSiLU(32, 64, 3, 2)
        self.s1, self.s2 = ConvBnSiLU(64, 32), ConvBnSiLU(128, 64)
        self.m = nn.MaxPool2d(5, 1, 2)
        self.up = nn.Upsample(scale_factor=2, mode="nearest")
        self.neck = ConvBnSiLU(96, 32, 3)
        self.head1, self.head2 = nn.Conv2d(32, 18, 1), nn.Conv2d(64, 18, 1)
        self.cat1, self.cat2 = nn.quantized.FloatFunctional(), nn.quantized.FloatFunctional()

    def forward(self, x):
        p3 = self.c2(self.c1(self.q(x)))
        x4 = self.s1(self.c3(p3))
        y1 = self.m(x4)
        y2 = self.m(y1)
        p4 = self.s2(self.cat1.cat([x4, y1, y2, self.m(y2)], 1))  # SPPF
        n3 = self.neck(self.cat2.cat([p3, self.up(p4)], 1))
        return self.dq1(self.head1(n3)), self.dq2(self.head2(p4))


@pytest.fixture(scope="module")
def detector(tmp_path_factory):
    torch.manual_seed(0)
    model = eager_qat(TinyYolo(), 64)
    example = torch.randn(1, 3, 64, 64)
    path = str(tmp_path_factory.mktemp("yolo") / "yolo.onnx")
    torch.onnx.export(model, example, path, opset_version=13, input_names=["images"],
                      output_names=["p3", "p4"])
    return path, example.numpy()


def output_scale(model, name):
    consts = {n.output[0]: numpy_helper.to_array(n.attribute[0].t)
              for n in model.graph.node if n.op_type == "Constant"}
    consts.update({i.name: numpy_helper.to_array(i) for i in model.graph.initializer})
    producer = {o: n for n in model.graph.node for o in n.output}
    n = producer[name]
    while n.op_type != "DequantizeLinear":
        n = producer[n.input[0]]
    return np.float32(consts[n.input[1]])


def test_detector_compiles_and_matches(detector, tmp_path):
    path, x = detector
    m = onnx.load(path)
    ops = {n.op_type for n in m.graph.node}
    assert {"Resize", "Sigmoid", "Mul", "Concat", "MaxPool", "BatchNormalization"} <= ops
    art = npc.compile(path)  # northpole
    kinds = [l["kind"] for l in art.report["layers"]]
    assert "resize" in kinds and "table" in kinds and "mul" not in kinds
    heads = art.run(x)  # a dict: two outputs
    reference = npc.reference(path, x)  # a list, in graph order
    assert [heads["p3"].tobytes(), heads["p4"].tobytes()] == [r.tobytes() for r in reference]
    for name in ["p3", "p4"]:
        expect = onnxruntime(m, x, tmp_path, output=name, no_opt=True)
        steps = np.abs(np.round((heads[name] - expect) / output_scale(m, name)))
        assert steps.max() <= 1, name
