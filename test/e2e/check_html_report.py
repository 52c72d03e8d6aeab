#!/usr/bin/python3
"""`npc report --html` rendered by a real browser: headless Chromium (Debian's `chromium`).

  check_html_report.py --npc build/bin/npc --work DIR [--chromium /usr/bin/chromium]

For two artifacts, a one-layer conv on `small` (4x4 cores) and a generated multi-layer QDQ CNN
on `northpole` (16x16 cores), runs `npc compile --report` and `npc report --html`, then:

(a) the page is self-contained: no <script>, <link>, <img>, <iframe>, src=, href=, @import or
    url() other than a same-page `url(#...)` gradient;
(b) `chromium --headless --dump-dom`: the DOM Chromium built holds the SVGs `core-memory`,
    `noc-links`, `timeline` and one `layer-utilization-<i>` per layer of the report, each with at
    least one <rect> (core-memory: one per core; timeline: one `tile` rect per tile), and the
    table `layers` with one body row per layer;
(c) `chromium --headless --screenshot --window-size=1400,2000`: the PNG is larger than 10 KB and
    not one colour; decoded with zlib/struct, it has many distinct colours and a few thousand
    saturated pixels (the colour maps were painted, not only text).

Prints one line per check and `html-report: N passed, M failed`; exits 1 if any failed.
"""
import argparse
import html.parser
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
MODELS_PY = os.path.join(ROOT, 'test', 'Import', 'Inputs', 'models.py')
GEN_PY = os.path.join(ROOT, 'test', 'gen', 'gen_models.py')
FORBIDDEN = ('<script', '<link', '<img', '<iframe', 'src=', 'href=', '@import')


def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, **kw)
    if r.returncode != 0:
        raise RuntimeError('%s failed (%d): %s' % (' '.join(cmd), r.returncode,
                                                    r.stderr.decode(errors='replace')[-2000:]))
    return r.stdout


class SvgCounter(html.parser.HTMLParser):
    """Per element id of an <svg>: its <rect> descendants and those of class `tile`; the rows
    of the tbody of table#layers."""

    def __init__(self):
        super().__init__()
        self.svgs, self.stack, self.table_rows = {}, [], None
        self.in_layers = self.in_tbody = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == 'svg':
            self.stack.append(a.get('id'))
            if a.get('id'):
                self.svgs[a['id']] = {'rect': 0, 'tile': 0}
        elif tag == 'rect':
            for sid in self.stack:
                if sid:
                    self.svgs[sid]['rect'] += 1
                    if a.get('class') == 'tile':
                        self.svgs[sid]['tile'] += 1
        elif tag == 'table' and a.get('id') == 'layers':
            self.in_layers, self.table_rows = True, 0
        elif tag == 'tbody' and self.in_layers:
            self.in_tbody = True
        elif tag == 'tr' and self.in_tbody:
            self.table_rows += 1

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == 'svg':
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag == 'svg' and self.stack:
            self.stack.pop()
        elif tag == 'tbody':
            self.in_tbody = False
        elif tag == 'table':
            self.in_layers = False


def decode_png(data):
    """(width, height, bytes per pixel, rows) of an 8-bit RGB/RGBA non-interlaced PNG."""
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        raise ValueError('not a PNG')
    pos, idat, hdr = 8, [], None
    while pos < len(data):
        n, typ = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        pos += 12 + n
        if typ == b'IHDR':
            hdr = struct.unpack('>IIBBBBB', body)
        elif typ == b'IDAT':
            idat.append(body)
        elif typ == b'IEND':
            break
    w, h, depth, ctype, _, _, interlace = hdr
    if depth != 8 or ctype not in (2, 6) or interlace:
        raise ValueError('unsupported PNG: depth %d, colour type %d, interlace %d'
                         % (depth, ctype, interlace))
    bpp = 3 if ctype == 2 else 4
    raw, stride = zlib.decompress(b''.join(idat)), w * bpp
    rows, prev = [], bytearray(stride)
    for y in range(h):
        f = raw[y * (stride + 1)]
        cur = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if f == 1:
            for i in range(bpp, stride):
                cur[i] = (cur[i] + cur[i - bpp]) & 255
        elif f == 2:
            for i in range(stride):
                cur[i] = (cur[i] + prev[i]) & 255
        elif f == 3:
            for i in range(stride):
                cur[i] = (cur[i] + ((cur[i - bpp] if i >= bpp else 0) + prev[i]) // 2) & 255
        elif f == 4:
            for i in range(stride):
                a = cur[i - bpp] if i >= bpp else 0
                b, c = prev[i], (prev[i - bpp] if i >= bpp else 0)
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                cur[i] = (cur[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(cur)
        prev = cur
    return w, h, bpp, rows


def chromium_cmd(args, profile):
    return [args.chromium, '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
            '--no-first-run', '--hide-scrollbars', '--user-data-dir=' + profile]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--npc', required=True)
    ap.add_argument('--work', required=True)
    ap.add_argument('--chromium', default=shutil.which('chromium') or '/usr/bin/chromium')
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    if not os.path.exists(args.chromium):
        print('html-report: error: no chromium at %s (apt-get install chromium)' % args.chromium)
        return 2

    passed, failed = 0, 0

    def check(ok, what):
        nonlocal passed, failed
        print('%s %s' % ('ok  ' if ok else 'FAIL', what))
        if ok:
            passed += 1
        else:
            failed += 1

    # The models: one conv layer, and a generated CNN with convs, adds, concats, pools, gemm.
    conv = os.path.join(args.work, 'conv.onnx')
    run([sys.executable, MODELS_PY, 'qdq_conv_relu', conv])
    gen_dir = os.path.join(args.work, 'gen')
    run([sys.executable, GEN_PY, '--out', gen_dir, '--seed', '7', '--count', '1',
         '--kind', 'qdq_cnn'])
    cnn = os.path.join(gen_dir, 'qdq_cnn_s7_0.onnx')
    cases = [('conv-small', conv, 'small'), ('cnn-northpole', cnn, 'northpole')]

    for name, model, target in cases:
        base = os.path.join(args.work, name)
        npx, rep, page, png = base + '.npx', base + '.report.json', base + '.html', base + '.png'
        for f in (page, png):
            if os.path.exists(f):
                os.remove(f)
        run([args.npc, 'compile', model, '-o', npx, '--target', target, '--report', rep])
        run([args.npc, 'report', npx, '--html', page])
        report = json.load(open(rep))
        layers, cores_used = report['layers'], report['summary']['cores_used']
        tiles = sum(l['tiles'] for l in layers)
        text = open(page, encoding='utf-8').read()
        lower = text.lower()
        bad = [f for f in FORBIDDEN if f in lower] + re.findall(r'url\((?!#)', lower)
        check(not bad, '%s: self-contained page (%d bytes)%s'
              % (name, len(text), ', found ' + ' '.join(bad) if bad else ''))
        check('id="cycles-per-frame">%d<' % report['summary']['cycles_per_frame'] in text,
              '%s: cycles/frame %d in the summary' % (name, report['summary']['cycles_per_frame']))

        profile = os.path.join(args.work, 'chromium-profile')
        url = 'file://' + os.path.abspath(page)
        dom = run(chromium_cmd(args, profile) + ['--dump-dom', url], timeout=300).decode('utf-8')
        p = SvgCounter()
        p.feed(dom)
        grid = {'small': 16, 'northpole': 256}[target]
        expected = {'core-memory': grid, 'noc-links': None, 'timeline': None}
        for i in range(len(layers)):
            expected['layer-utilization-%d' % i] = grid
        for sid, want in expected.items():
            got = p.svgs.get(sid)
            ok = got is not None and got['rect'] > 0 and (want is None or got['rect'] == want)
            check(ok, '%s: <svg id=%s> with %s <rect>%s' % (
                name, sid, got['rect'] if got else 'no', '' if want is None else ' (want %d)' % want))
        shown = tiles if cores_used <= 300 else None
        got_tiles = p.svgs.get('timeline', {}).get('tile', 0)
        check(got_tiles > 0 and (shown is None or got_tiles == shown),
              '%s: timeline has %d tile rects (report: %d tiles)' % (name, got_tiles, tiles))
        check(p.table_rows == len(layers),
              '%s: table#layers has %s rows (report: %d layers)' % (name, p.table_rows, len(layers)))

        run(chromium_cmd(args, profile) + ['--screenshot=' + os.path.abspath(png),
                                           '--window-size=1400,2000', url], timeout=300)
        size = os.path.getsize(png) if os.path.exists(png) else 0
        check(size > 10 * 1024, '%s: screenshot %s is %d bytes' % (name, png, size))
        if size:
            w, h, bpp, rows = decode_png(open(png, 'rb').read())
            colours, saturated = set(), 0
            for row in rows[::4]:
                for i in range(0, w * bpp, bpp * 2):
                    r, g, b = row[i], row[i + 1], row[i + 2]
                    colours.add((r, g, b))
                    if max(r, g, b) - min(r, g, b) > 60:
                        saturated += 1
            check((w, h) == (1400, 2000) and len(colours) >= 16 and saturated >= 2000,
                  '%s: screenshot %dx%d, %d distinct colours, %d saturated pixels sampled'
                  % (name, w, h, len(colours), saturated))

    print('html-report: %d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
