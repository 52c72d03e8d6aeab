"""Quantization-aware training layers and a QDQ ONNX exporter for them.

The fake quantization mirrors npc's integer semantics (docs/semantics.md):
round half to even, saturate, per-channel symmetric weights, per-tensor
activations, int32 biases at input_scale * weight_scale. torch 1.13's ONNX
exporter cannot write INT4/INT2 types, so `export_qdq` writes the QDQ graph
itself (opset 13 at 8 bits, 21 with 4-bit, 25 with 2-bit tensors; sub-byte
tensors as packed raw data).

    net = npc.qat.QuantSequential([QuantInput(8), QuantConv2d(1, 8, 3, bits=4), ...])
    onnx_model = npc.qat.export_qdq(net, input_shape=(1, 1, 8, 8))
"""
import numpy as np
import onnx
import torch
import torch.nn.functional as F
from onnx import TensorProto as TP
from onnx import helper as h
from onnx import numpy_helper as nh

from . import _pack_bits

# ONNX element types for (bits, signed).
_ONNX_TYPE = {(8, True): TP.INT8, (8, False): TP.UINT8, (4, True): 22, (4, False): 21,
              (2, True): 26, (2, False): 25}


def _ste(x, q):
    """Forward q, backward identity (straight-through estimator)."""
    return x + (q - x).detach()


def fake_quant(x, scale, zero_point, qmin, qmax):
    q = torch.clamp(torch.round(x / scale) + zero_point, qmin, qmax)
    return _ste(x, (q - zero_point) * scale)


class ActQuant(torch.nn.Module):
    """Per-tensor activation quantizer with a running-max range observer."""

    def __init__(self, bits, signed=False, momentum=0.1):
        super().__init__()
        self.bits, self.signed, self.momentum = bits, signed, momentum
        self.register_buffer("amax", torch.tensor(0.0))
        self.enabled = False

    @property
    def qmin(self):
        return -(2 ** (self.bits - 1)) if self.signed else 0

    @property
    def qmax(self):
        return 2 ** (self.bits - 1) - 1 if self.signed else 2 ** self.bits - 1

    def scale(self):
        return max(float(self.amax), 1e-8) / self.qmax

    def forward(self, x):
        if self.training:
            m = x.detach().abs().max() if self.signed else x.detach().clamp(min=0).max()
            self.amax.copy_(m if self.amax == 0 else (1 - self.momentum) * self.amax + self.momentum * m)
        if not self.enabled:
            return x
        # The scale as float32, as the exported model stores it.
        s = float(np.float32(self.scale()))
        return fake_quant(x, s, 0, self.qmin, self.qmax)


def weight_scales(w, bits):
    """Per-output-channel symmetric scales (float32) for weights `w`."""
    qmax = 2 ** (bits - 1) - 1
    amax = w.detach().abs().reshape(w.shape[0], -1).max(dim=1).values.clamp(min=1e-8)
    return (amax / qmax).float()


class _QuantLayer(torch.nn.Module):
    def __init__(self, bits, out_bits, relu, signed_out=False):
        super().__init__()
        self.bits, self.relu = bits, relu
        self.out = ActQuant(out_bits, signed=signed_out)
        self.enabled = False

    def quantized_params(self, in_scale):
        """(int weights, float32 weight scales, int32 bias) as exported."""
        s = weight_scales(self.weight, self.bits)
        qmax = 2 ** (self.bits - 1) - 1
        shape = (-1,) + (1,) * (self.weight.dim() - 1)
        wq = torch.clamp(torch.round(self.weight / s.reshape(shape)), -qmax, qmax)
        bs = (s.double() * in_scale).float()
        bq = torch.round(self.bias.double() / bs.double())
        return wq, s, bq, bs

    def quant_forward(self, x, in_scale, op):
        if not self.enabled:
            y = op(x, self.weight, self.bias)
        else:
            wq, s, bq, bs = self.quantized_params(in_scale)
            shape = (-1,) + (1,) * (self.weight.dim() - 1)
            w = _ste(self.weight, wq * s.reshape(shape))
            b = _ste(self.bias, (bq * bs.double()).float())
            y = op(x, w, b)
        if self.relu:
            y = F.relu(y)
        return self.out(y)


class QuantConv2d(_QuantLayer):
    def __init__(self, cin, cout, k, stride=1, padding=None, bits=8, out_bits=8, relu=True):
        super().__init__(bits, out_bits, relu)
        self.stride, self.padding = stride, k // 2 if padding is None else padding
        conv = torch.nn.Conv2d(cin, cout, k)
        self.weight, self.bias = conv.weight, conv.bias

    def forward(self, x, in_scale):
        return self.quant_forward(
            x, in_scale, lambda a, w, b: F.conv2d(a, w, b, self.stride, self.padding))


class QuantLinear(_QuantLayer):
    def __init__(self, fin, fout, bits=8, out_bits=8, relu=False, signed_out=True):
        super().__init__(bits, out_bits, relu, signed_out)
        lin = torch.nn.Linear(fin, fout)
        self.weight, self.bias = lin.weight, lin.bias

    def forward(self, x, in_scale):
        return self.quant_forward(x.flatten(1), in_scale, F.linear)


class QuantSequential(torch.nn.Module):
    """Input quantizer followed by quantized conv/linear layers."""

    def __init__(self, input_quant, layers):
        super().__init__()
        self.input_quant = input_quant
        self.layers = torch.nn.ModuleList(layers)

    def set_quantized(self, on):
        """Turns fake quantization on (after float training and calibration)."""
        self.input_quant.enabled = on
        for l in self.layers:
            l.enabled = on
            l.out.enabled = on

    def forward(self, x):
        x = self.input_quant(x)
        scale = self.input_quant.scale()
        for l in self.layers:
            x = l(x, scale)
            scale = l.out.scale()
        return x


def _tensor(name, values, bits, signed, shape):
    """An initializer of `bits` (8, 4 or 2): sub-byte ones as packed raw data."""
    values = np.asarray(values).astype(np.int64).reshape(-1)
    if bits == 8:
        return nh.from_array(values.astype(np.int8 if signed else np.uint8).reshape(shape), name)
    t = onnx.TensorProto()
    t.name, t.data_type = name, _ONNX_TYPE[(bits, signed)]
    t.dims.extend(shape)
    t.raw_data = _pack_bits(values, bits)
    return t


def export_qdq(net, input_shape, input_name="input", output_name="logits"):
    """Writes `net` (a QuantSequential in eval mode, quantization on) as a QDQ
    ONNX model whose integer semantics equal the fake-quantized forward."""
    nodes, inits, counter = [], [], [0]

    def name(base):
        counter[0] += 1
        return f"{base}_{counter[0]}"

    bits_used = set()

    def qdq(x, scale, bits, signed):
        bits_used.add(bits)
        s, z = name("scale"), name("zp")
        inits.append(nh.from_array(np.float32(scale), s))
        inits.append(_tensor(z, [0], bits, signed, []))
        q, d = name("q"), name("dq")
        nodes.append(h.make_node("QuantizeLinear", [x, s, z], [q], name=q))
        nodes.append(h.make_node("DequantizeLinear", [q, s, z], [d], name=d))
        return d

    iq = net.input_quant
    x = qdq(input_name, np.float32(iq.scale()), iq.bits, iq.signed)
    in_scale = float(np.float32(iq.scale()))
    for layer in net.layers:
        wq, s, bq, bs = layer.quantized_params(in_scale)
        bits_used.add(layer.bits)
        w, ws, wz, b, bsn, bz = (name(n) for n in ("w", "ws", "wz", "b", "bs", "bz"))
        wshape = list(layer.weight.shape)
        inits += [_tensor(w, wq.detach().numpy(), layer.bits, True, wshape),
                  nh.from_array(s.detach().numpy().astype(np.float32), ws),
                  _tensor(wz, np.zeros(wshape[0]), layer.bits, True, [wshape[0]]),
                  nh.from_array(bq.detach().numpy().astype(np.int32), b),
                  nh.from_array(bs.detach().numpy().astype(np.float32), bsn),
                  nh.from_array(np.zeros(wshape[0], np.int32), bz)]
        wd, bd, y = name("wdq"), name("bdq"), name("y")
        nodes += [h.make_node("DequantizeLinear", [w, ws, wz], [wd], name=wd, axis=0),
                  h.make_node("DequantizeLinear", [b, bsn, bz], [bd], name=bd, axis=0)]
        if isinstance(layer, QuantConv2d):
            k = wshape[2]
            nodes.append(h.make_node("Conv", [x, wd, bd], [y], name=name("conv"),
                                     kernel_shape=[k, k], strides=[layer.stride] * 2,
                                     pads=[layer.padding] * 4))
        else:
            f = name("flatten")
            nodes.append(h.make_node("Flatten", [x], [f], name=f))
            nodes.append(h.make_node("Gemm", [f, wd, bd], [y], name=name("gemm"), transB=1))
        if layer.relu:
            r = name("relu")
            nodes.append(h.make_node("Relu", [y], [r], name=r))
            y = r
        in_scale = float(np.float32(layer.out.scale()))
        x = qdq(y, np.float32(layer.out.scale()), layer.out.bits, layer.out.signed)
    nodes.append(h.make_node("Identity", [x], [output_name], name="output"))
    opset = 25 if 2 in bits_used else 21 if 4 in bits_used else 13
    graph = h.make_graph(nodes, "qat_net",
                         [h.make_tensor_value_info(input_name, TP.FLOAT, list(input_shape))],
                         [h.make_tensor_value_info(output_name, TP.FLOAT, None)], inits)
    model = h.make_model(graph, opset_imports=[h.make_opsetid("", opset)])
    model.ir_version = 10 if opset > 13 else 8
    return model
