#!/usr/bin/python3
"""Train a small CNN on scikit-learn's digits with quantization-aware
training, compile it with npc and run the test split on the simulated chip.

  PYTHONPATH=build/python /usr/bin/python3 examples/train_digits.py [--bits 8|4|2] [--epochs N]

--bits sets the weights and the hidden activations (the input and the
logits stay 8-bit, the common case). Prints float, fake-quant and on-chip
accuracy, how many on-chip predictions equal the fake-quant model's, and the
modelled frames/s from npc's report.
"""
import argparse
import time

import numpy as np
import torch
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

import npc
from npc.qat import ActQuant, QuantConv2d, QuantLinear, QuantSequential, export_qdq


def build(bits):
    return QuantSequential(ActQuant(8), [
        QuantConv2d(1, 16, 3, bits=bits, out_bits=bits),
        QuantConv2d(16, 32, 3, stride=2, bits=bits, out_bits=bits),
        QuantLinear(32 * 4 * 4, 10, bits=bits, out_bits=8),
    ])


def accuracy(logits, y):
    return float((logits.argmax(1) == y).float().mean())


def train(net, x, y, epochs, lr, seed):
    g = torch.Generator().manual_seed(seed)
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    for _ in range(epochs):
        net.train()
        perm = torch.randperm(len(x), generator=g)
        for i in range(0, len(x), 32):
            idx = perm[i:i + 32]
            loss = torch.nn.functional.cross_entropy(net(x[idx]), y[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bits", type=int, choices=[8, 4, 2], default=4)
    ap.add_argument("--epochs", type=int, default=15, help="float epochs (QAT runs as many)")
    ap.add_argument("--target", default="northpole")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--save", help="also write the exported ONNX model here")
    args = ap.parse_args(argv)
    torch.manual_seed(args.seed)
    t0 = time.monotonic()

    digits = load_digits()
    x = (digits.images / 16.0).astype(np.float32)[:, None]  # [N, 1, 8, 8] in [0, 1]
    xtr, xte, ytr, yte = train_test_split(x, digits.target, test_size=0.2,
                                          random_state=args.seed, stratify=digits.target)
    xtr, xte = torch.from_numpy(xtr), torch.from_numpy(xte)
    ytr, yte = torch.from_numpy(ytr).long(), torch.from_numpy(yte).long()

    net = build(args.bits)
    train(net, xtr, ytr, args.epochs, 3e-3, args.seed)   # float training (observers warm up)
    net.eval()
    with torch.no_grad():
        float_acc = accuracy(net(xte), yte)
    net.set_quantized(True)                              # quantization-aware fine-tuning
    train(net, xtr, ytr, args.epochs, 1e-3, args.seed + 1)
    net.eval()
    with torch.no_grad():
        fq_logits = net(xte)
    fq_acc = accuracy(fq_logits, yte)

    model = export_qdq(net, input_shape=(1, 1, 8, 8))
    if args.save:
        import onnx
        onnx.save(model, args.save)
    art = npc.compile(model, target=args.target)
    chip_logits = torch.from_numpy(art.run(xte.numpy()))   # one frame per test sample
    chip_acc = accuracy(chip_logits, yte)
    agree = float((chip_logits.argmax(1) == fq_logits.argmax(1)).float().mean())
    summary = art.report["summary"]

    print(f"bits: weights and hidden activations INT{args.bits}, input and logits INT8")
    print(f"float accuracy:      {100 * float_acc:.2f} %")
    print(f"fake-quant accuracy: {100 * fq_acc:.2f} %")
    print(f"on-chip accuracy:    {100 * chip_acc:.2f} %  ({len(yte)} test samples on the simulated chip)")
    print(f"on-chip predictions equal to fake-quant: {100 * agree:.2f} %")
    print(f"modelled: {summary['frames_per_second']:.0f} frames/s, {summary['cycles_per_frame']} cycles/frame "
          f"on {args.target}")
    print(f"time: {time.monotonic() - t0:.1f} s")
    return {"float": float_acc, "fake_quant": fq_acc, "chip": chip_acc, "agree": agree,
            "frames_per_second": summary["frames_per_second"]}


if __name__ == "__main__":
    main()
