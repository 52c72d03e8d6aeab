#!/usr/bin/python3
"""Every quantized layer of an exported network in isolation, against
onnxruntime: each layer is fed onnxruntime's own values of its quantized
inputs, so a difference is the layer's own and not one carried from the
layers before (through a deep random-weight network they add up).

    PYTHONPATH=build/python /usr/bin/python3 python/tests/layerwise.py MODEL.onnx X.npy [--no-opt]

A layer is what one QuantizeLinear ends: the float operators between it
and the DequantizeLinear nodes of activations before it (the constants they
read come along). Its output is the QuantizeLinear's codes, or those of a
Clip right after it (QAT's reduced range). In onnxruntime's QOperator form
(QLinearConv, com.microsoft's QLinearAdd, QGemm, ...) each such node is a
layer of its own, from codes to codes. onnxruntime runs the whole
network once, writing every layer's inputs and output; npc compiles each
layer on its own and runs it on those inputs.
"""
import argparse
import os
import subprocess
import sys
import tempfile

import numpy as np
import onnx
from onnx import helper, shape_inference

HERE = os.path.dirname(os.path.abspath(__file__))
TENSOR_TYPE = {np.dtype(k): v for k, v in onnx.mapping.NP_TYPE_TO_TENSOR_TYPE.items()}
RUN_ORT = os.path.join(os.path.dirname(os.path.dirname(HERE)), "test", "oracle", "run_ort.js")


# Operators of the QOperator form that read codes and write codes.
QOPERATORS = {"QLinearConv", "QLinearMatMul", "QLinearAdd", "QLinearMul", "QLinearSigmoid",
              "QLinearLeakyRelu", "QLinearGlobalAveragePool", "QLinearAveragePool",
              "QLinearConcat", "QLinearSoftmax", "QLinearReduceMean", "QGemm"}

# Where each of them (and QuantizeLinear) reads its output's zero point.
OUTPUT_ZERO_POINT = {"QuantizeLinear": 2, "QLinearConv": 7, "QLinearMatMul": 7, "QLinearAdd": 7,
                     "QLinearMul": 7, "QLinearSigmoid": 4, "QLinearLeakyRelu": 4,
                     "QLinearGlobalAveragePool": 4, "QLinearAveragePool": 4,
                     "QLinearSoftmax": 4, "QLinearReduceMean": 4, "QGemm": 8, "QLinearConcat": 1}

# Operators that move codes without changing their type.
MOVEMENT = {"Flatten", "Reshape", "MaxPool", "Transpose", "Squeeze", "Unsqueeze", "Identity",
            "Slice", "Split", "Concat", "Resize", "Pad", "Gather", "DepthToSpace", "SpaceToDepth"}


def layers(model):
    """[(name, op types, input tensor names, output tensor name, node
    indices)] of `model`: each layer with the nodes that compute it (its
    float operators, the DequantizeLinear nodes of its inputs, the
    constants they read, its QuantizeLinear and Clip)."""
    g = model.graph
    consts = {i.name for i in g.initializer}
    producer = {o: k for k, n in enumerate(g.node) for o in n.output}
    readers = {}
    for n in g.node:
        for i in n.input:
            readers.setdefault(i, []).append(n)
    known = {}

    def constant(t): # computed from initializers alone (a fake-quantized weight, say)
        if t not in known:
            k = producer.get(t)
            known[t] = t in consts or t == "" or (
                k is not None and all(constant(i) for i in g.node[k].input))
        return known[t]

    def with_constants(k, nodes): # node k and the nodes of the constants it reads
        nodes.add(k)
        for i in g.node[k].input:
            if i in producer and constant(i) and producer[i] not in nodes:
                with_constants(producer[i], nodes)

    out = []
    for qk, q in enumerate(g.node):
        if q.op_type in QOPERATORS:
            nodes = set()
            with_constants(qk, nodes)
            ins = sorted({t for t in q.input if t and not constant(t)})
            out.append((q.name or q.output[0], [q.op_type], ins, q.output[0], sorted(nodes)))
            continue
        if q.op_type != "QuantizeLinear" or q.input[0] not in producer:
            continue
        first = g.node[producer[q.input[0]]]
        if first.op_type in ("DequantizeLinear", "QuantizeLinear"):
            continue
        inputs, ops, seen, stack, nodes = [], [], set(), [q.input[0]], set()
        with_constants(qk, nodes)
        while stack:
            t = stack.pop()
            if t in seen or constant(t):
                continue
            seen.add(t)
            k = producer.get(t)
            if k is None: # a graph input
                inputs.append(t)
                continue
            n = g.node[k]
            with_constants(k, nodes)
            if n.op_type == "DequantizeLinear":
                inputs.append(n.input[0])
            else:
                ops.append(n.op_type)
                stack.extend(n.input)
        y = q.output[0]
        after = readers.get(y, [])
        if len(after) == 1 and after[0].op_type == "Clip":
            with_constants(producer[after[0].output[0]], nodes)
            y = after[0].output[0]
        out.append((first.name or y, sorted(set(ops)), sorted(set(inputs)), y, sorted(nodes)))
    return out


def submodel(model, inputs, output, nodes, arrays):
    """The layer as a model of its own: `nodes` (indices, in graph order)
    with the initializers they read; inputs typed and shaped as `arrays`
    holds them (onnx.utils.Extractor does this too, in quadratic time)."""
    g = model.graph
    sub = [g.node[k] for k in nodes]
    read = {i for n in sub for i in n.input}
    inits = [t for t in g.initializer if t.name in read]
    ins = [helper.make_tensor_value_info(t, TENSOR_TYPE[arrays[t].dtype],
                                         arrays[t].shape) for t in inputs]
    outs = [helper.make_tensor_value_info(output, TENSOR_TYPE[arrays[output].dtype],
                                          None)]
    m = helper.make_model(helper.make_graph(sub, "layer", ins, outs, inits),
                          opset_imports=list(model.opset_import))
    m.ir_version = model.ir_version
    return m


def compare(model, x, work, no_opt=False):
    """Each layer of `model` (a path) on onnxruntime's inputs: a list of
    (layer name, op types, largest difference in steps, fraction identical,
    elements). `x` is the network's one input."""
    import npc
    m = onnx.load(model)
    found = layers(m)
    inferred = shape_inference.infer_shapes(m)
    types = {v.name: v for v in list(inferred.graph.value_info) + list(inferred.graph.input) +
             list(inferred.graph.output)}
    # onnx's shape inference does not know com.microsoft's operators: their
    # codes take their output zero point's type, and data movement its input's.
    elem = {i.name: i.data_type for i in m.graph.initializer}
    elem.update({t: v.type.tensor_type.elem_type for t, v in types.items()})
    for n in m.graph.node:
        at = OUTPUT_ZERO_POINT.get(n.op_type)
        source = (n.input[at] if at is not None and len(n.input) > at else
                  n.input[0] if n.op_type in MOVEMENT and n.input else None)
        if n.output[0] not in types and source in elem:
            elem[n.output[0]] = elem[source]
            types[n.output[0]] = helper.make_tensor_value_info(n.output[0], elem[source], None)
    names = sorted({t for _, _, ins, y, _ in found for t in ins + [y]} - {m.graph.input[0].name})
    full = onnx.ModelProto.FromString(m.SerializeToString())
    del full.graph.output[:]
    full.graph.output.extend(types[t] for t in names)
    fpath, xpath, odir = (os.path.join(work, f) for f in ("full.onnx", "x.npy", "ort"))
    onnx.save(full, fpath)
    np.save(xpath, x)
    subprocess.run(["node", RUN_ORT, fpath, odir, xpath, "--all"] + (["--no-opt"] if no_opt else []),
                   check=True)
    ort = {t: np.load(os.path.join(odir, f"{i}.npy")) for i, t in enumerate(names)}
    ort[m.graph.input[0].name] = x
    rows = []
    for name, ops, ins, y, nodes in found:
        art = npc.compile(submodel(m, ins, y, nodes, ort).SerializeToString(), target="northpole")
        got = art.run({t: ort[t] for t in ins})
        d = np.abs(got.astype(np.int64) - ort[y].astype(np.int64))
        rows.append((name, ops, int(d.max()), float(np.mean(d == 0)), d.size))
    return rows


def cost_columns(summary, seconds):
    """The README tables' compile time, cycles/frame, modelled frames/s and
    MAC utilization columns, from a report's summary."""
    return (f"{seconds:.1f} s | {summary['cycles_per_frame']:,} | "
            f"{summary['frames_per_second']:,.0f} | {100 * summary['mac_utilization']:.1f}%")


def table_columns(same, steps, rows):
    """The README tables' last three columns: executor = reference, the
    outputs against onnxruntime (`steps`: differences in quantization
    steps), and the layers alone (`rows` from compare)."""
    return (f"{'yes' if same else 'NO'} | {100 * np.mean(steps == 0):.1f}% identical, max "
            f"{int(steps.max())} | {len(rows)} layers: max {max(r[2] for r in rows)} step, "
            f"min {100 * min(r[3] for r in rows):.1f}% identical")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("model")
    ap.add_argument("x")
    ap.add_argument("--no-opt", action="store_true",
                    help="onnxruntime node by node (its graph optimizations off)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as work:
        rows = compare(args.model, np.load(args.x), work, args.no_opt)
    for name, ops, steps, same, n in rows:
        print(f"{name:50s} {'+'.join(ops):40s} max {steps} step(s), {100 * same:5.1f}% identical "
              f"of {n}")
    worst = max(r[2] for r in rows)
    print(f"{len(rows)} layers; largest difference {worst} step(s)")
    return 0 if worst <= 1 else 1


if __name__ == "__main__":
    sys.exit(main())
