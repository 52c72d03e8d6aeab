"""Rewrites an npc artifact's manifest (docs/artifact.md) and writes a valid
container around it: payloads re-laid in table order, 8-byte aligned, sizes
and the CRC-32 recomputed. So a test can hand the executor an artifact whose
contents are wrong but whose container is sound.

  edit_manifest.py IN.npx OUT.npx EXPR

EXPR is a Python expression in `m`, the manifest as JSON, that edits it in place
(e.g. "m.update(period=1)"), or a tuple of such expressions.
"""
import json
import struct
import sys
import zlib


def main():
    src, dst, expr = sys.argv[1:4]
    data = open(src, 'rb').read()
    count = struct.unpack_from('<I', data, 12)[0]
    entries = []
    for i in range(count):
        kind, x, y, _, off, size = struct.unpack_from('<IiiIQQ', data, 32 + 32 * i)
        entries.append([kind, x, y, data[off:off + size]])
    for e in entries:
        if e[0] == 1:
            m = json.loads(e[3])
            eval(expr, {'m': m})
            e[3] = json.dumps(m).encode()
    table_end = 32 + 32 * count
    out = bytearray(table_end)
    for i, (kind, x, y, payload) in enumerate(entries):
        off = len(out)
        out += payload + b'\0' * (-len(payload) % 8)
        struct.pack_into('<IiiIQQ', out, 32 + 32 * i, kind, x, y, 0, off, len(payload))
    out[0:32] = data[0:32]
    struct.pack_into('<Q', out, 16, len(out))
    struct.pack_into('<I', out, 24, zlib.crc32(bytes(out[32:])))
    open(dst, 'wb').write(out)


if __name__ == '__main__':
    main()
