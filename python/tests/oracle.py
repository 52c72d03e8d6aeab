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
