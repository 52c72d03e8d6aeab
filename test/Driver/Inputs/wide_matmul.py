"""Writes a qg module (stdout): one matmul [1, K] x [K, N] named 'fc' with
pseudo-random weights and bias, and its input (argv[1], .npy).
  wide_matmul.py IN.npy [K] [N]"""
import sys

import numpy as np

k = int(sys.argv[2]) if len(sys.argv) > 2 else 1024
n = int(sys.argv[3]) if len(sys.argv) > 3 else 32
rng = np.random.default_rng(7)
w = rng.integers(-127, 128, (k, n))
b = rng.integers(-5000, 5000, (n,))
np.save(sys.argv[1], rng.integers(0, 256, (1, k)).astype(np.uint8))
rows = ", ".join("[" + ", ".join(map(str, r)) + "]" for r in w)
print(f"""!x = !quant.uniform<u8:f32, 0.02:128>
!w = !quant.uniform<i8:f32, 0.001>
!y = !quant.uniform<u8:f32, 0.25:120>
func.func @main(%x: tensor<1x{k}x!x>) -> tensor<1x{n}x!y> {{
  %w = qg.constant dense<[{rows}]> : tensor<{k}x{n}xi8> : tensor<{k}x{n}x!w>
  %b = qg.constant dense<[{", ".join(map(str, b))}]> : tensor<{n}xi32> : tensor<{n}xi32>
  %m = qg.matmul %x, %w, %b : (tensor<1x{k}x!x>, tensor<{k}x{n}x!w>, tensor<{n}xi32>) -> tensor<1x{n}x!y> loc("fc")
  return %m : tensor<1x{n}x!y>
}}""")
