"""onnxruntime-node as the tests' oracle (test/oracle/run_ort.js)."""
import os
import subprocess

import numpy as np
import onnx

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RUN_ORT = os.path.join(ROOT, "test", "oracle", "run_ort.js")


def onnxruntime(model, x, tmp_path, output=None, no_opt=False):
    """`model` (a ModelProto or a path) run by onnxruntime-node on the one
    input `x`: its output named `output` (default: the first). `no_opt`
    disables onnxruntime's graph optimizations (node by node, as written)."""
    m = onnx.load(model) if isinstance(model, str) else model
    if output is not None:
        m = onnx.ModelProto.FromString(m.SerializeToString())
        keep = [o for o in m.graph.output if o.name == output]
        del m.graph.output[:]
        m.graph.output.extend(keep)
    path, xin, yout = tmp_path / "ort_model.onnx", tmp_path / "ort_x.npy", tmp_path / "ort_y.npy"
    onnx.save(m, str(path))
    np.save(xin, x)
    subprocess.run(["node", RUN_ORT, str(path), str(yout), str(xin)] + (["--no-opt"] if no_opt else []),
                   check=True)
    return np.load(yout)


def fx_ptq_export(make_model, path, shape=(1, 3, 16, 16), seed=0):
    """The nn.Module `make_model()` builds (after seeding torch, so its
    weights are the same every run) quantized as torch's FX post-training
    quantization does it (fbgemm, 8 random calibration frames) and exported
    raw by torch.onnx.export (opset 13) to `path`: a model as users write
    it. Returns the example input (a numpy array)."""
    import torch
    from torch.ao.quantization import get_default_qconfig_mapping
    from torch.ao.quantization.quantize_fx import convert_fx, prepare_fx
    torch.manual_seed(seed)
    model = make_model().eval()
    example = torch.randn(*shape)
    prepared = prepare_fx(model, get_default_qconfig_mapping("fbgemm"), (example,))
    for _ in range(8):
        prepared(torch.randn(*shape))
    torch.onnx.export(convert_fx(prepared), example, str(path), opset_version=13)
    return example.numpy()


def steps_from(path, y, expect):
    """|y - expect| in steps of the model's last DequantizeLinear's scale
    (the logits' quantization step), per element."""
    from onnx import numpy_helper
    m = onnx.load(str(path))
    consts = {n.output[0]: numpy_helper.to_array(n.attribute[0].t)
              for n in m.graph.node if n.op_type == "Constant"}
    consts.update({i.name: numpy_helper.to_array(i) for i in m.graph.initializer})
    last = [n for n in m.graph.node if n.op_type == "DequantizeLinear"][-1]
    return np.abs(np.round((y - expect) / np.float32(consts[last.input[1]])))
