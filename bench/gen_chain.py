#!/usr/bin/env python3
"""A chain of N 1x1 QLinearConv nodes on a 1x4x8x8 uint8 input: a model with
many small layers, for measuring how compile time and memory grow with the
node count (docs/import.md, "Limits"):

    /usr/bin/python3 bench/gen_chain.py 100000 chain.onnx
    /usr/bin/time -f "%e s %M KB" build/bin/npc compile chain.onnx -o chain.npx
"""
import sys

import numpy as np
import onnx
from onnx import TensorProto as T, helper as h, numpy_helper as nh

n, out = int(sys.argv[1]), sys.argv[2]
inits = [nh.from_array(np.array(0.1, np.float32), "s"), nh.from_array(np.array(128, np.uint8), "z"),
         nh.from_array(np.array(0.05, np.float32), "ws"), nh.from_array(np.array(0, np.int8), "wz"),
         nh.from_array(np.ones((4, 4, 1, 1), np.int8), "w")]
nodes, prev = [], "x"
for i in range(n):
    nodes.append(h.make_node("QLinearConv", [prev, "s", "z", "w", "ws", "wz", "s", "z"], [f"t{i}"],
                             name=f"conv{i}"))
    prev = f"t{i}"
g = h.make_graph(nodes, "chain", [h.make_tensor_value_info("x", T.UINT8, [1, 4, 8, 8])],
                 [h.make_tensor_value_info(prev, T.UINT8, [1, 4, 8, 8])], inits)
onnx.save(h.make_model(g, opset_imports=[h.make_opsetid("", 13)]), out)
