#!/usr/bin/python3
"""Edits an artifact's manifest and reseals the container (layout and CRC
recomputed), as anyone could: the test suite's way to build hostile
artifacts with valid checksums (docs/artifact.md).

    tamper.py IN.npx OUT.npx "PYTHON STATEMENT"   # `m` is the manifest (a dict)

e.g. tamper.py a.npx b.npx "m['report']['layers'][0] = 'oops'". A statement
of "-" only reseals (the fuzzers' findings, whose manifests need not parse).
"""
import json
import struct
import sys
import zlib

MAGIC = b"NPCARTF\0"
HEADER, ENTRY = 32, 32
MANIFEST = 1


def sections(data):
    """(kind, x, y, payload) of every section, in table order."""
    if data[:8] != MAGIC:
        sys.exit("tamper.py: not an npc artifact")
    version, count, total, crc, reserved = struct.unpack_from("<IIQII", data, 8)
    out = []
    for i in range(count):
        kind, x, y, _, offset, size = struct.unpack_from("<IiiIQQ", data, HEADER + i * ENTRY)
        out.append((kind, x, y, data[offset:offset + size]))
    return version, out


def seal(version, secs):
    """The container of `secs`: payloads 8-byte aligned after the table, the
    CRC-32 of everything after the header."""
    table, payloads = b"", b""
    offset = HEADER + len(secs) * ENTRY
    for kind, x, y, payload in secs:
        table += struct.pack("<IiiIQQ", kind, x, y, 0, offset, len(payload))
        pad = (-len(payload)) % 8
        payloads += payload + b"\0" * pad
        offset += len(payload) + pad
    body = table + payloads
    header = MAGIC + struct.pack("<IIQII", version, len(secs), HEADER + len(body),
                                 zlib.crc32(body) & 0xFFFFFFFF, 0)
    return header + body


def main():
    src, dst, statement = sys.argv[1:4]
    version, secs = sections(open(src, "rb").read())
    out = []
    for kind, x, y, payload in secs:
        if kind == MANIFEST and statement != "-":  # "-": reseal only
            m = json.loads(payload)
            exec(statement, {"m": m})
            payload = json.dumps(m).encode()
        out.append((kind, x, y, payload))
    open(dst, "wb").write(seal(version, out))


if __name__ == "__main__":
    main()
