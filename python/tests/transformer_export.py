"""Transformer encoders as a user quantizes and exports them with torch 1.13:
fake quantization (torch.fake_quantize_per_tensor_affine on activations,
per-channel on weights, ranges calibrated on random inputs) exported by
torch.onnx.export at opset 17, which writes QuantizeLinear/DequantizeLinear
pairs, LayerNormalization, MatMul + Add for nn.Linear on 3-D inputs, GELU's
erf form and the shape arithmetic of `expand`. A ViT-style classifier
(patch convolution, class token, position embedding, pre-norm blocks, the
head on `x[:, 0]`) and a BERT-style encoder (post-norm blocks over
embeddings given as input). Random weights; the forms are what matter.

Run as a script: transformer_export.py KIND OUT.onnx X.npy, KIND one of
SIZES: vit, bert, bert_ids (token ids in, an nn.Embedding), and their
4-block, 256-wide forms vit4, bert4, bert4_ids (BERT's 30,522-token
vocabulary)."""
import sys

import numpy as np
import torch
import torch.nn as nn

class FQ(nn.Module):
    """Per-tensor activation fake quantization, min/max calibrated."""
    def __init__(self, signed=False):
        super().__init__()
        self.signed, self.lo, self.hi, self.calibrating = signed, 0.0, 0.0, True
    def forward(self, x):
        if self.calibrating:
            self.lo, self.hi = min(self.lo, x.min().item()), max(self.hi, x.max().item())
            return x
        qmin, qmax = (-128, 127) if self.signed else (0, 255)
        scale = max((self.hi - self.lo) / (qmax - qmin), 1e-8)
        zp = int(np.clip(round(qmin - self.lo / scale), qmin, qmax))
        return torch.fake_quantize_per_tensor_affine(x, scale, zp, qmin, qmax)

def wq(w):
    # The scale as an observer would hold it: a constant, not traced arithmetic.
    s = torch.tensor((w.detach().abs().amax(dim=tuple(range(1, w.dim()))) / 127).clamp(min=1e-8).numpy())
    return torch.fake_quantize_per_channel_affine(w, s, torch.zeros(s.shape, dtype=torch.int32), 0, -128, 127)

class QLinear(nn.Linear):
    def forward(self, x):
        return nn.functional.linear(x, wq(self.weight), self.bias)

class Block(nn.Module):
    """An encoder block; pre-norm (ViT) or post-norm (BERT)."""
    def __init__(self, d, heads, post_norm=False):
        super().__init__()
        self.h, self.d, self.post_norm = heads, d, post_norm
        self.ln1, self.ln2 = nn.LayerNorm(d), nn.LayerNorm(d)
        self.qkv, self.proj = QLinear(d, 3 * d), QLinear(d, d)
        self.fc1, self.fc2 = QLinear(d, 2 * d), QLinear(2 * d, d)
        self.act = nn.GELU()
        self.f = nn.ModuleDict({k: FQ() for k in ["ln1", "qkv", "q", "k", "v", "s", "ss", "p", "ctx", "proj", "res1", "ln2", "fc1", "gelu", "fc2", "res2"]})
    def forward(self, x):
        if self.post_norm:
            return self.forward_post_norm(x)
        f = self.f
        x = f["res1"](x + self.attention(f["ln1"](self.ln1(x))))
        y = f["ln2"](self.ln2(x))
        y = f["gelu"](self.act(f["fc1"](self.fc1(y))))
        return f["res2"](x + f["fc2"](self.fc2(y)))

    def attention(self, y):
        f = self.f
        B, S, D = y.shape
        qkv = f["qkv"](self.qkv(y)).reshape(B, S, 3, self.h, D // self.h).permute(2, 0, 3, 1, 4)
        q, k, v = f["q"](qkv[0]), f["k"](qkv[1]), f["v"](qkv[2])
        s = f["ss"](f["s"](q @ k.transpose(-2, -1)) * (D // self.h) ** -0.5)
        p = f["p"](s.softmax(dim=-1))
        return f["proj"](self.proj(f["ctx"](p @ v).transpose(1, 2).reshape(B, S, D)))

    def forward_post_norm(self, x):
        f = self.f
        x = f["ln1"](self.ln1(f["res1"](x + self.attention(x))))
        y = f["gelu"](self.act(f["fc1"](self.fc1(x))))
        return f["ln2"](self.ln2(f["res2"](x + f["fc2"](self.fc2(y)))))

class ViT(nn.Module):
    def __init__(self, d=64, depth=2, heads=4, patch=4, size=32, classes=10):
        super().__init__()
        self.fin = FQ()
        self.patch = nn.Conv2d(3, d, patch, patch)
        self.fpatch = FQ()
        n = (size // patch) ** 2
        self.cls = nn.Parameter(torch.randn(1, 1, d) * 0.5)
        self.pos = nn.Parameter(torch.randn(1, n + 1, d) * 0.5)
        self.fcat, self.fpos = FQ(), FQ()
        self.blocks = nn.ModuleList([Block(d, heads) for _ in range(depth)])
        self.ln, self.fln = nn.LayerNorm(d), FQ()
        self.head, self.fhead = QLinear(d, classes), FQ()
    def forward(self, x):
        x = self.fin(x)
        w = wq(self.patch.weight)
        x = self.fpatch(nn.functional.conv2d(x, w, self.patch.bias, stride=self.patch.stride))
        x = x.flatten(2).transpose(1, 2)
        cls = self.fcat(self.cls)
        x = self.fcat(torch.cat([cls.expand(x.shape[0], -1, -1), x], dim=1))
        x = self.fpos(x + self.fpos(self.pos))
        for b in self.blocks:
            x = b(x)
        x = self.fln(self.ln(x))
        return self.fhead(self.head(x[:, 0]))


class Bert(nn.Module):
    """Post-norm encoder over token embeddings. Without `vocab` the
    embedding lookup stays on the host (x is [1, tokens, width]); with it x
    is the token ids ([1, tokens], int64) and the model looks them up in an
    nn.Embedding whose output is fake-quantized (Gather, QuantizeLinear)."""
    def __init__(self, d=64, depth=2, heads=4, tokens=16, vocab=None):
        super().__init__()
        self.fin, self.fpos = FQ(signed=True), FQ()
        self.emb = nn.Embedding(vocab, d) if vocab else None
        self.pos = nn.Parameter(torch.randn(1, tokens, d) * 0.5)
        self.blocks = nn.ModuleList([Block(d, heads, post_norm=True) for _ in range(depth)])

    def forward(self, x):
        if self.emb is not None:
            x = self.emb(x)
        x = self.fpos(self.fin(x) + self.fpos(self.pos))
        for b in self.blocks:
            x = b(x)
        return x


# Sizes (width, blocks, heads; BERT: tokens and vocabulary) by name: the
# small forms the tests run, and the 4-block, 256-wide forms of the README.
SIZES = {"vit": dict(d=64, depth=2, heads=4), "bert": dict(d=64, depth=2, heads=4),
         "bert_ids": dict(d=64, depth=2, heads=4, tokens=16, vocab=1000),
         "vit4": dict(d=256, depth=4, heads=4), "bert4": dict(d=256, depth=4, heads=4, tokens=64),
         "bert4_ids": dict(d=256, depth=4, heads=4, tokens=64, vocab=30522)}


def export(kind, path, seed=0, opset=17):
    """Builds, calibrates and exports `kind` (a key of SIZES) to `path` at
    `opset` (below 17 torch writes LayerNorm as arithmetic); returns an
    input of the exported shape."""
    torch.manual_seed(seed)
    size = SIZES[kind]
    m = (ViT(**size) if kind.startswith("vit") else Bert(**size)).eval()
    for p in m.modules():
        if isinstance(p, nn.LayerNorm):
            p.weight.data.uniform_(0.5, 1.5)
            p.bias.data.uniform_(-0.3, 0.3)
    if kind.startswith("vit"):
        x = torch.randn(8, 3, 32, 32)
    elif "vocab" in size:
        x = torch.randint(0, size["vocab"], (8, size["tokens"]))
    else:
        x = torch.randn(8, size.get("tokens", 16), size["d"])
    with torch.no_grad():
        m(x)
    for p in m.modules():
        if isinstance(p, FQ):
            p.calibrating = False
    torch.onnx.export(m, x[:1], str(path), opset_version=opset, input_names=["x"],
                      output_names=["y"])
    return x[:1].numpy()


if __name__ == "__main__":
    np.save(sys.argv[3], export(sys.argv[1], sys.argv[2]))
