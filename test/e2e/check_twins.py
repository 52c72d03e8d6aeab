#!/usr/bin/python3
"""INT8 / INT4 / INT2 twins of one network: weight memory and MAC cycles scale with the width.

  check_twins.py --npc build/bin/npc --work DIR [--seed S] [--target northpole]

Builds two networks, a CNN (conv 3x3 16->64, conv 3x3 64->64, depthwise 3x3, conv 1x1 64->32,
global average pool, Gemm 32->10 on a 1x16x32x32 input) and an MLP (Gemm 256->512->512->10), each
with the same shapes and the same float weights, as three QDQ twins: INT8 (int8 weights, 8-bit
activations, opset 13), INT4 (int4 weights and activations, opset 21) and INT2 (int2 weights and
activations, opset 25), with per-channel symmetric weights and calibrated activation scales. Each
twin is compiled with `npc compile --target T --report`, must pass `npc verify` (executor equals
the reference byte for byte), and is checked:

(a) weight-image bytes: the sum over all tiles of all layers of ceil(weight_count * bits / 8),
    from each tile's param_layout in the artifact's manifest (first entry: the bits the tile's
    centered weights are packed at; third: their count). INT4 / INT8 must lie in [0.45, 0.6] and
    INT2 / INT8 in [0.2, 0.35]. Tiles that split a layer spatially each hold a copy of their
    channels' weights, and the tiler (least total memory) may split a narrower twin differently:
    the sum over tiles is bounded when every layer is tiled alike in both twins (the mlp network),
    the sum without copies (one tile per output-channel range) always. The bytes of all core
    memory images (weights plus int32 bias, multipliers and shifts) are printed for comparison.
(b) cycles: every Conv/Gemm layer has the same MACs in all twins, operand_bits 8 / 4 / 2 in the
    report, and every tile computes for end - start cycles (the manifest's schedule) as
    docs/target.md's rule gives, worked out here from the tile's box and the layer's geometry:
    with mac_array_depth 0, max(1, ceil(macs / macs_per_cycle(bits))); else, on an array
    min(depth, macs_per_cycle_int8) x 2 (INT4) or x 4 (INT2) deep and macs_per_cycle_int8 / that
    many lanes, each output pixel (per group) of a conv or row of a matmul takes
    ceil(reduction / depth) x ceil(its outputs in the tile / lanes) cycles. With mac_array_depth
    0, the sum over the layer's tiles must also be within the tile count (one cycle of rounding
    per tile) of INT8's sum / 2 (INT4) or / 4 (INT2); with an array, a narrow reduction gains
    less than that (a 144-deep window is 3 passes at INT8 and 2 at INT4) and the ratio is
    printed. The report's layer `cycles` (first tile start to last tile end) also holds the
    activation transfers and waits of the NoC schedule, which do not shrink with the width: its
    ratio is printed, not bounded.

Prints the figures and `twins: N passed, M failed`; exits 1 if any check failed.
"""
import argparse
import json
import math
import os
import shlex
import struct
import subprocess
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, 'test', 'gen'))
import gen_models as G  # noqa: E402

TWINS = {   # name: (weight type, signed activation type, unsigned activation type, opset)
    'int8': ('int8', 'int8', 'uint8', 13),
    'int4': ('int4', 'int4', 'uint4', 21),
    'int2': ('int2', 'int2', 'uint2', 25),
}
RATIO_BOUNDS = {'int4': (0.45, 0.6), 'int2': (0.2, 0.35)}
DIVISOR = {'int4': 2, 'int2': 4}
# cnn: (name, out channels, kernel, group) convolutions on a 1x16x32x32 input (pads keep the
# size), then global average pooling and a Gemm to 10 classes. mlp: Gemm widths on a 1x256 input.
NETS = {
    'cnn': dict(input=[1, 16, 32, 32], convs=[('conv1', 64, 3, 1), ('conv2', 64, 3, 1), ('dwconv', 64, 3, 64),
                                               ('conv3', 32, 1, 1)], fcs=[('fc', 10)]),
    'mlp': dict(input=[1, 256], convs=[], fcs=[('fc1', 512), ('fc2', 512), ('fc3', 10)]),
}


def float_weights(net, seed):
    """The shared float network: (weight, bias) per layer, and the input."""
    rng = np.random.default_rng(seed)
    spec = NETS[net]
    c, ws = spec['input'][1], []
    for _, m, k, group in spec['convs']:
        fan_in = c // group * k * k
        ws.append((rng.normal(0, 1.0 / np.sqrt(fan_in), (m, c // group, k, k)).astype(np.float32),
                   rng.normal(0, 0.1, m).astype(np.float32)))
        c = m
    for _, n in spec['fcs']:
        ws.append((rng.normal(0, 1.0 / np.sqrt(c), (n, c)).astype(np.float32), rng.normal(0, 0.1, n).astype(np.float32)))
        c = n
    return ws, rng.normal(0, 1, spec['input']).astype(np.float32)


class Twin:
    """A QDQ graph at one precision."""

    def __init__(self, twin):
        self.wtype, self.stype, self.utype, self.opset = TWINS[twin]
        self.nodes, self.inits, self.count = [], [], 0

    def name(self, prefix):
        self.count += 1
        return f'{prefix}_{self.count}'

    def init(self, tensor):
        self.inits.append(tensor)
        return tensor.name

    def fconst(self, arr, prefix):
        return self.init(numpy_helper.from_array(np.asarray(arr), self.name(prefix)))

    def iconst(self, arr, qtype, prefix):
        return self.init(G.int_tensor(arr, qtype, self.name(prefix)))

    def node(self, op, inputs, name=None, **attrs):
        name = name or self.name(op.lower())
        self.nodes.append(helper.make_node(op, inputs, [name], name=name, **attrs))
        return name

    def q(self, src, v, qtype):
        """QuantizeLinear calibrated on v (asymmetric, unsigned after ReLU); returns
        (DequantizeLinear output, simulated value, scale)."""
        qmin, qmax = G.QTYPE[qtype][:2]
        lo, hi = min(0.0, float(v.min())) * 1.013, max(0.0, float(v.max())) * 1.013
        scale = np.float32((hi - lo) / (qmax - qmin))
        zp = int(np.clip(round(qmin - lo / float(scale)), qmin, qmax))
        s, z = self.fconst(scale, 'scale'), self.iconst(np.array(zp), qtype, 'zp')
        qn = self.node('QuantizeLinear', [src, s, z])
        dn = self.node('DequantizeLinear', [qn, s, z])
        return dn, G.sb_dequantize(G.sb_quantize(v, scale, zp, qtype), scale, zp), scale

    def weights(self, w, b, x_scale):
        """Per-channel symmetric weights and an int32 bias at x_scale * w_scale."""
        qmin, qmax, _, bits = G.QTYPE[self.wtype]
        top = {8: 127.0, 4: 7.0, 2: 1.5}[bits]
        red = tuple(range(1, w.ndim))
        scale = (np.abs(w).max(axis=red) / top).astype(np.float32)
        s = scale.reshape([-1] + [1] * (w.ndim - 1))
        wq = np.clip(np.rint(w / s), qmin, qmax).astype(np.int64)
        bscale = (np.float32(x_scale) * scale).astype(np.float32)
        bq = np.rint(b / bscale).astype(np.int32)
        wd = self.node('DequantizeLinear', [self.iconst(wq, self.wtype, 'w'), self.fconst(scale, 'wscale'),
                                            self.iconst(np.zeros(len(scale), np.int64), self.wtype, 'wzp')], axis=0)
        bd = self.node('DequantizeLinear', [self.fconst(bq, 'b'), self.fconst(bscale, 'bscale'),
                                            self.fconst(np.zeros(len(scale), np.int32), 'bzp')], axis=0)
        return wd, bd, (wq.astype(np.float32) * s).astype(np.float32), (bq * bscale).astype(np.float32)


def build(twin, net, ws, x_in):
    t, spec = Twin(twin), NETS[net]
    x, v, xs = t.q('input', x_in, t.stype)
    layers = [(name, 'conv', k, group) for name, _, k, group in spec['convs']] + \
        [(name, 'fc', None, None) for name, _ in spec['fcs']]
    for i, ((name, kind, k, group), (w, b)) in enumerate(zip(layers, ws)):
        last = i == len(layers) - 1
        if kind == 'conv':
            wd, bd, wv, bv = t.weights(w, b, xs)
            p = (k - 1) // 2
            out = t.node('Conv', [x, wd, bd], name=name, kernel_shape=[k, k], pads=[p] * 4, group=group)
            v = G.np_conv(v, wv, bv, [1, 1], [1, 1], [p] * 4, group)
        else:
            if v.ndim == 4:
                gap = t.node('GlobalAveragePool', [x])
                x, v, xs = t.q(gap, v.mean(axis=(2, 3), keepdims=True), t.utype)
                x = t.node('Flatten', [x], axis=1)
                v = v.reshape(1, -1)
            wd, bd, wv, bv = t.weights(w, b, xs)
            out = t.node('Gemm', [x, wd, bd], name=name, transB=1)
            v = v @ wv.T + bv
        if not last:
            out, v = t.node('Relu', [out]), np.maximum(v, 0)
        x, v, xs = t.q(out, v, t.stype if last else t.utype)
    t.nodes[-1].output[0] = 'output'
    graph = helper.make_graph(t.nodes, f'{net}_{twin}', [helper.make_tensor_value_info('input', TensorProto.FLOAT, spec['input'])],
                              [helper.make_tensor_value_info('output', TensorProto.FLOAT, list(v.shape))], t.inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid('', t.opset)], producer_name='npc-twins')
    model.ir_version = G.IR_VERSION[t.opset]
    return model


def read_manifest(path):
    """The manifest JSON and the core memory section sizes of an .npx (docs/artifact.md)."""
    with open(path, 'rb') as f:
        data = f.read()
    magic, version, count = struct.unpack_from('<8sII', data, 0)
    if magic != b'NPCARTF\0':
        raise ValueError(f'{path}: not an npc artifact')
    sections = [struct.unpack_from('<IiiIQQ', data, 32 + 32 * i) for i in range(count)]
    man = [s for s in sections if s[0] == 1]
    if len(man) != 1:
        raise ValueError(f'{path}: {len(man)} manifest sections')
    _, _, _, _, off, size = man[0]
    memory = sum(s[5] for s in sections if s[0] == 4)
    return json.loads(data[off:off + size].decode('utf-8')), memory


def weight_images(manifest):
    """Per MAC layer with weights: dict(bytes = sum over tiles of ceil(weight_count * bits / 8),
    unique = the same over tiles with distinct output-channel ranges (tiles that split a layer
    spatially hold copies of the same weights), bits used, tiling = the tiles' output boxes)."""
    out = {}
    for layer in manifest['layers']:
        tiles = [t for t in layer['tiles'] if t['param_layout'][2]]
        if not tiles:
            continue
        size = lambda t: math.ceil(t['param_layout'][2] * t['param_layout'][0] / 8)
        channels = {}
        for t in tiles:     # output channel range: dimension 1 of the output box
            channels.setdefault((t['box']['lo'][1], t['box']['hi'][1]), size(t))
        out[layer['name']] = dict(bytes=sum(size(t) for t in tiles), unique=sum(channels.values()),
                                  bits=sorted({t['param_layout'][0] for t in tiles}),
                                  tiling=[(tuple(t['box']['lo']), tuple(t['box']['hi'])) for t in tiles])
    return out


def rule_cycles(target, g, box, macs):
    """A tile's compute cycles by docs/target.md ("MAC array"), from its box and geometry."""
    rate8, depth8 = target['macs_per_cycle_int8'], target.get('mac_array_depth', 64)
    bits = g['operand_bits']
    mult = 4 if bits <= 2 else 2 if bits <= 4 else 1
    if depth8 == 0 or g['kind_name'] not in ('conv2d', 'matmul'):
        return max(1, -(-macs // (rate8 * mult)))
    d8 = min(depth8, rate8)
    depth, lanes = d8 * mult, rate8 // d8
    size = [h - l for l, h in zip(box['lo'], box['hi'])]
    cycles = 0
    if g['kind_name'] == 'conv2d':
        ws, group = g['weight_shape'], g['group']
        k, per = ws[1] * ws[2] * ws[3], ws[0] // group
        pixels = math.prod(size) // size[1]
        c = box['lo'][1]
        while c < box['hi'][1]:
            end = min(box['hi'][1], (c // per + 1) * per)
            cycles += pixels * -(-k // depth) * -(-(end - c) // lanes)
            c = end
    else:
        k, n = g['input_shapes'][0][-1], size[-1]
        cycles = math.prod(size) // n * -(-k // depth) * -(-n // lanes)
    return max(1, cycles)


def tile_cycles(manifest):
    """Per layer: (tile count, sum over tiles of end - start: the tiles' compute cycles, and the
    tiles whose end - start is not rule_cycles)."""
    out = {}
    for layer in manifest['layers']:
        g = layer['geometry']
        wrong = [i for i, t in enumerate(layer['tiles'])
                 if t['end'] - t['start'] != rule_cycles(manifest['target'], g, t['box'], t['macs'])]
        out[layer['name']] = (len(layer['tiles']), sum(t['end'] - t['start'] for t in layer['tiles']), wrong)
    return out


def compile_twins(net, args):
    """Builds and compiles the three twins; returns {twin: results} and failure lines."""
    ws, x_in = float_weights(net, args.seed)
    results, fails = {}, []
    for twin in TWINS:
        model = os.path.join(args.work, f'{net}_{twin}.onnx')
        onnx.save(build(twin, net, ws, x_in), model)
        npx, report = os.path.join(args.work, f'{net}_{twin}.npx'), os.path.join(args.work, f'{net}_{twin}.report.json')
        cmd = [args.npc, 'compile', model, '-o', npx, '--target', args.target, '--report', report]
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=args.timeout)
        if r.returncode:
            fails.append(f'{net} {twin}: compile failed: {(r.stderr or r.stdout).strip()}\n  reproduce: {shlex.join(cmd)}')
            continue
        inp = os.path.join(args.work, f'{net}_input.npy')
        np.save(inp, x_in)
        vcmd = [args.npc, 'verify', model, '-i', inp, '--target', args.target]
        r = subprocess.run(vcmd, capture_output=True, text=True, timeout=args.timeout)
        if r.returncode:
            fails.append(f'{net} {twin}: executor vs reference: {(r.stderr or r.stdout).strip()}\n'
                         f'  reproduce: {shlex.join(vcmd)}')
        manifest, memory = read_manifest(npx)
        with open(report) as f:
            rep = json.load(f)
        images = weight_images(manifest)
        res = results[twin] = dict(
            memory=memory, images=images, bytes=sum(i['bytes'] for i in images.values()),
            unique=sum(i['unique'] for i in images.values()), cmd=shlex.join(cmd),
            layers={l['name']: l for l in rep['layers'] if l['kind'] in ('conv2d', 'matmul')},
            tiles=tile_cycles(manifest), ideal_array=manifest['target'].get('mac_array_depth', 64) == 0)
        print(f'{net} {twin}: weight images {res["bytes"]} bytes ({res["unique"]} without the copies of '
              f'spatially split layers), core memory images {memory} bytes, '
              f'{rep["summary"]["cycles_per_frame"]} cycles/frame; packed bits '
              + ', '.join(f'{k} {v["bits"]}' for k, v in images.items()), flush=True)
    return results, fails


def compare_twins(net, results):
    """Yields (ok, line) for checks (a) and (b) of INT4 and INT2 against INT8."""
    base = results['int8']
    for twin in ('int4', 'int2'):
        cur = results[twin]
        lo, hi = RATIO_BOUNDS[twin]
        # (a) weight memory. The tiler trades weight copies against activation halos by total
        # memory, so narrower weights may be split spatially more often; the sum over tiles is
        # then compared only when every layer is tiled alike, the copy-free sum always.
        differ = [n for n, i in base['images'].items() if cur['images'].get(n, {}).get('tiling') != i['tiling']]
        ratio, uratio = cur['bytes'] / base['bytes'], cur['unique'] / base['unique']
        line = (f'{net} {twin}/int8 weight-image bytes (sum over tiles) {cur["bytes"]}/{base["bytes"]} = {ratio:.4f}, '
                f'without copies {cur["unique"]}/{base["unique"]} = {uratio:.4f}, core memory images '
                f'{cur["memory"]}/{base["memory"]} = {cur["memory"] / base["memory"]:.4f}; bounds [{lo}, {hi}]')
        errs = []
        if not lo <= uratio <= hi:
            errs.append('copy-free ratio out of bounds')
        if differ:
            line += f' (tiled differently: {", ".join(differ)}; sum over tiles not bounded)'
        elif not lo <= ratio <= hi:
            errs.append('ratio out of bounds')
        if errs:
            line += ': ' + '; '.join(errs) + f'\n  reproduce: {base["cmd"]} && {cur["cmd"]}'
        yield not errs, line
        # (b) cycles per MAC layer
        div, want_bits = DIVISOR[twin], G.QTYPE[TWINS[twin][0]][3]
        for name, l8 in base['layers'].items():
            lx = cur['layers'].get(name)
            if lx is None:
                yield False, f'{net} {twin} {name}: layer missing from the report'
                continue
            (n8, s8, w8), (nx, sx, wx) = base['tiles'][name], cur['tiles'][name]
            errs = [f'{t} tiles {w}: end - start != the compute rule' for t, w in (('int8', w8), (twin, wx)) if w]
            if lx['macs'] != l8['macs']:
                errs.append(f'macs {lx["macs"]} != INT8 {l8["macs"]}')
            if lx['operand_bits'] != want_bits or l8['operand_bits'] != 8:
                errs.append(f'operand_bits {l8["operand_bits"]} / {lx["operand_bits"]}, expected 8 / {want_bits}')
            if base['ideal_array'] and abs(sx - s8 / div) > nx:
                errs.append(f'tile compute cycles {sx} not within {nx} of {s8}/{div} = {s8 / div:g}')
            line = (f'{net} {twin} {name}: macs {lx["macs"]}, tile compute cycles int8 {s8} / {twin} {sx} = '
                    f'{s8 / max(sx, 1):.3f}x over {n8} / {nx} tiles; report layer cycles {l8["cycles"]} / '
                    f'{lx["cycles"]} = {l8["cycles"] / max(lx["cycles"], 1):.3f}x')
            if errs:
                line += ': ' + '; '.join(errs) + f'\n  reproduce: {base["cmd"]} && {cur["cmd"]}'
            yield not errs, line


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--npc', required=True)
    ap.add_argument('--work', required=True)
    ap.add_argument('--seed', type=int, default=0)
    ap.add_argument('--target', default='northpole')
    ap.add_argument('--timeout', type=int, default=600)
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    passed = failed = 0
    for net in NETS:
        results, fails = compile_twins(net, args)
        checks = [(False, f) for f in fails]
        if not fails:
            checks += list(compare_twins(net, results))
        for ok, line in checks:
            print(('ok: ' if ok else 'FAIL: ') + line, flush=True)
            passed, failed = passed + ok, failed + (not ok)
    print(f'twins: {passed} passed, {failed} failed')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
