#!/usr/bin/python3
"""Quantize a torchvision network the way a PyTorch user does, export it,
compile it for NorthPole, run it on the simulated chip and compare.

    PYTHONPATH=build/python /usr/bin/python3 examples/torchvision_ptq.py [--arch resnet18]
        [--form fx_ptq|fx_qat|fx_qat_converted|eager_qat|ort_qoperator] [--backend fbgemm|qnnpack] [--size 224] [--target northpole] [--work build/examples]

FX post-training quantization (fbgemm, a few random calibration batches:
the weights are random too, nothing is downloaded) or FX quantization-aware
training (fake quantization, BatchNorm kept), `torch.onnx.export` at
opset 13 (or that FX PTQ export in onnxruntime's QOperator form), then npc: compile, the report's figures, the executor against
npc's reference interpreter (byte for byte) and against onnxruntime-node
(quantization steps of the logits). Needs python3-torch and
python3-torchvision (Debian) and the test oracle (scripts/install-deps.sh).
"""
import argparse
import os
import subprocess
import sys
import time

import numpy as np
import onnx
from onnx import numpy_helper
import torch
import torchvision

import npc

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUN_ORT = os.path.join(ROOT, "test", "oracle", "run_ort.js")
TO_QOPERATOR = os.path.join(ROOT, "test", "oracle", "to_qoperator.js")


FORMS = ("fx_ptq", "fx_qat", "fx_qat_converted", "eager_qat", "ort_qoperator")


def export(arch, size, path, form="fx_ptq", backend="fbgemm"):
    """`arch` (random weights) quantized as `form` for `backend` (fbgemm or
    qnnpack) and exported at opset 13: fx_ptq: FX post-training
    quantization, four calibration batches, the converted model exported.
    fx_qat: FX quantization-aware training prepared (version 0: fake
    quantization with BatchNorm kept, exported as Conv, Div,
    BatchNormalization), four training batches, then the fake-quantized
    model exported as it is. fx_qat_converted: that model converted
    (convert_fx: BatchNorm folded into the weights) before the export, as
    for deployment. eager_qat: the same as fx_qat with
    torchvision's quantizable version of `arch` (torchvision.models.quantization:
    googlenet, mobilenet_v2/v3_large, resnet, shufflenet_v2; FX cannot trace
    shufflenet), its modules fused, eager-mode prepare_qat. ort_qoperator:
    the fx_ptq export rewritten by onnxruntime's own graph optimizer into
    its QOperator form (QLinearConv, com.microsoft QLinearAdd, QGemm, ...;
    test/oracle/to_qoperator.js)."""
    if form == "ort_qoperator":
        x = export(arch, size, path + ".qdq.onnx", "fx_ptq", backend)
        subprocess.run(["node", TO_QOPERATOR, path + ".qdq.onnx", path], check=True)
        os.remove(path + ".qdq.onnx")
        return x
    import torch.ao.quantization as tq
    from torch.ao.quantization import get_default_qat_qconfig_mapping, get_default_qconfig_mapping
    from torch.ao.quantization.quantize_fx import convert_fx, prepare_fx, prepare_qat_fx
    torch.manual_seed(0)
    kw = {"aux_logits": False, "init_weights": True} if arch == "googlenet" else {}
    example = torch.randn(1, 3, size, size)
    if form == "eager_qat":
        model = getattr(torchvision.models.quantization, arch)(weights=None, quantize=False, **kw)
        model.train().fuse_model(is_qat=True)
        model.qconfig = tq.get_default_qat_qconfig(backend, version=0)
        tq.prepare_qat(model, inplace=True)
    else:
        model = getattr(torchvision.models, arch)(weights=None, **kw)
    engine = torch.backends.quantized.engine # Debian's torch has no fbgemm engine: keep its own
    if backend == "qnnpack":
        torch.backends.quantized.engine = backend
    if form.startswith("fx_qat"):
        model = prepare_qat_fx(model.train(), get_default_qat_qconfig_mapping(backend, version=0),
                               (example,))
    if "qat" in form:
        for _ in range(4):
            model(torch.randn(2, 3, size, size))
        model = model.eval()
        model.apply(tq.disable_observer)
        if form == "fx_qat_converted":
            model = convert_fx(model)
    else:
        prepared = prepare_fx(model.eval(), get_default_qconfig_mapping(backend), (example,))
        with torch.no_grad():
            for _ in range(4):
                prepared(torch.randn(1, 3, size, size))
        model = convert_fx(prepared)
    torch.onnx.export(model, example, path, opset_version=13)
    torch.backends.quantized.engine = engine
    return example.numpy()


def logits_scale(path):
    m = onnx.load(path)
    consts = {i.name: numpy_helper.to_array(i) for i in m.graph.initializer}
    consts.update({n.output[0]: numpy_helper.to_array(n.attribute[0].t)
                   for n in m.graph.node if n.op_type == "Constant"})
    last = [n for n in m.graph.node if n.op_type == "DequantizeLinear"][-1]
    return float(consts[last.input[1]])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--arch", default="resnet18")
    ap.add_argument("--form", default="fx_ptq", choices=FORMS,
                    help="how torch quantizes it (default: FX post-training quantization)")
    ap.add_argument("--backend", default="fbgemm", choices=("fbgemm", "qnnpack"),
                    help="torch's quantization backend (its qconfig)")
    ap.add_argument("--size", type=int, default=224)
    ap.add_argument("--target", default="northpole")
    ap.add_argument("--work", default=os.path.join(ROOT, "build", "examples"))
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    path = os.path.join(args.work, f"{args.arch}_{args.form}.onnx")
    x = export(args.arch, args.size, path, args.form, args.backend)
    print(f"exported {args.arch} ({args.form}, {args.backend}, opset 13) to {path}")

    t0 = time.monotonic()
    art = npc.compile(path, target=args.target)
    s = art.report["summary"]
    print(f"compiled in {time.monotonic() - t0:.1f} s: {s['cycles_per_frame']} cycles/frame, "
          f"{s['frames_per_second']:.0f} modelled frames/s, MAC utilization "
          f"{100 * s['mac_utilization']:.1f} %, {s['cores_used']} cores")
    t0 = time.monotonic()
    y = art.run(x)
    print(f"executor: {time.monotonic() - t0:.1f} s for one frame")
    same = y.tobytes() == npc.reference(path, x).tobytes()
    print(f"executor equals npc's reference interpreter: {'yes' if same else 'NO'}")

    xp, yp = os.path.join(args.work, "x.npy"), os.path.join(args.work, "ort.npy")
    np.save(xp, x)
    # onnxruntime's optimized session fails to load torch's QAT exports
    # (its QDQ fusions): those run node by node.
    subprocess.run(["node", RUN_ORT, path, yp, xp] + (["--no-opt"] if args.form in ("fx_qat", "eager_qat") else []),
                   check=True)
    steps = np.abs(np.round((y - np.load(yp)) / np.float32(logits_scale(path))))
    print(f"against onnxruntime: {100 * np.mean(steps == 0):.1f} % of the logits identical, "
          f"largest difference {int(steps.max())} steps (differences add up through a deep "
          f"random-weight network; docs/semantics.md)")
    distinct = len(np.unique(np.load(yp)))
    if distinct < 10:
        print(f"note: onnxruntime's logits take only {distinct} distinct value(s): with random "
              f"weights this network's output is degenerate, so the comparison says little")
    top = lambda v: int(np.argmax(v))
    print(f"top-1 class: npc {top(y)}, onnxruntime {top(np.load(yp))}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
