#!/usr/bin/python3
"""Time to convert nested float functions with no QuantizeLinear between,
each node reading the one before twice: v = v * sigmoid(v), `depth` times,
between one DequantizeLinear and one QuantizeLinear (one table). The time
must grow with the depth, not with 2^depth (docs/robustness.md).

    bench/nested_chain.py [--bin build/bin] [--depths 10,20,40,200]
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def module(depth):
    v = "!onnx.value"
    lines = ['module attributes {onnx.opset = 13 : i64} {',
             f'  func.func @main(%x: tensor<1x8xf32>) -> {v} '
             'attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {',
             '    %s = onnx.constant "s" dense<0.5> : tensor<f32>',
             '    %z = onnx.constant "z" dense<0> : tensor<si8>',
             '    %xq = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "qx", outputs = ["xq"]}'
             f' : (tensor<1x8xf32>, tensor<f32>, tensor<si8>) -> {v}',
             '    %v0 = onnx.node "DequantizeLinear"(%xq, %s, %z) {name = "dqx", outputs = ["v0"]}'
             f' : ({v}, tensor<f32>, tensor<si8>) -> {v}']
    for i in range(1, depth + 1):
        lines += [f'    %g{i} = onnx.node "Sigmoid"(%v{i-1}) {{name = "g{i}", outputs = ["g{i}"]}}'
                  f' : ({v}) -> {v}',
                  f'    %v{i} = onnx.node "Mul"(%v{i-1}, %g{i}) {{name = "m{i}", outputs = ["v{i}"]}}'
                  f' : ({v}, {v}) -> {v}']
    lines += [f'    %y = onnx.node "QuantizeLinear"(%v{depth}, %s, %z) {{name = "qy", outputs = ["y"]}}'
              f' : ({v}, tensor<f32>, tensor<si8>) -> {v}',
              f'    return %y : {v}', '  }', '}']
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "build", "bin"))
    ap.add_argument("--depths", default="10,20,40,200")
    ap.add_argument("--timeout", type=float, default=60)
    a = ap.parse_args()
    opt = os.path.join(a.bin, "npc-opt")
    print("| depth | seconds (npc-opt --npc-convert-onnx-to-qg) |")
    print("|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for d in (int(x) for x in a.depths.split(",")):
            path = os.path.join(tmp, f"nested{d}.mlir")
            with open(path, "w") as f:
                f.write(module(d))
            t = time.monotonic()
            try:
                r = subprocess.run([opt, path, "--npc-convert-onnx-to-qg"], capture_output=True,
                                   timeout=a.timeout)
                took = f"{time.monotonic() - t:.2f}" + ("" if r.returncode == 0 else " (refused)")
            except subprocess.TimeoutExpired:
                took = f"more than {a.timeout:g}"
            print(f"| {d} | {took} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
