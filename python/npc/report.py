#!/usr/bin/python3
"""npc report: the report of an artifact as one HTML page and a Chrome trace.

    report.py MODEL.npx [--html REPORT.html] [--trace TRACE.json]
    report.py --manifest MANIFEST.json [--html REPORT.html] [--trace TRACE.json]

A standalone, stdlib-only port of `npc report` (tools/npc/npc.cpp) and of
lib/Target/HtmlReport.cpp: it reads the artifact container itself
(docs/artifact.md), takes its manifest (lib/Runtime/Manifest.cpp), prints the
report table on standard output, and writes the same bytes as the C++ for the
page and the trace. Importable: load_manifest, render_html, chrome_trace,
trace_text, main. Every failure is one "npc report: error: ..." line on stderr
and exit code 2.

The cost rules and the topology are the compiler's (TargetModel): its report
gives each link's far end (`report.noc.link_targets`), each loaded link's
busy cycles, transfers and bytes per NoC (`report.noc.link_loads`, a
multicast counted once), and each layer's rate (`report.layers[i]`:
`on_mac_array`, `work_per_cycle`; `report.summary.vector_elements_per_cycle`),
so a new topology or rate needs no change here. What this file does know is
the artifact's own numbering and units (docs/artifact.md, docs/noc.md):
  - core index <-> position: x = core % grid_cols, y = core / grid_cols,
    row 0 at the top.
  - link numbering: link 4 * core + dir leaves `core`, dir 0 east, 1 west,
    2 south, 3 north; 4 * cores is frame buffer -> core (0, 0), 4 * cores + 1
    is core (0, 0) -> frame buffer; 4 * cores + 2 links in all. A link is
    drawn as an arrow when it reaches the next core in its direction on the
    grid (not a torus' wrap-around), and named as TargetModel::linkName
    names it: "core (x, y) east &#8594; (x', y')".
  - busy fraction: busy cycles / max(1, period) (frames overlap when
    pipelined); utilization of a core by a layer: work / (busy cycles x the
    layer's work_per_cycle), at most 1.
  - kinds 1..9 are conv2d, matmul, add, avg_pool, max_pool, rescale, concat,
    transpose, table (kKernels); a later kind is named by the manifest's
    `kind_name`.
  - NoC numbering: 0 activation, 1 partial_sum, 2 model, 3 instruction.
  - trace time: microseconds = cycles x 1e6 / clock_hz.
  - target defaults and bounds: TargetDesc.cpp (northpole defaults for
    missing keys, grids of 1..1024 per side, ...).

What it checks: the container exactly as Artifact.cpp does (same order, same
messages); of the manifest, the fields the report reads, with the C++ types
and ranges (an integer is an integral JSON number, as llvm::json's
getAsInteger). It does not check what only the executor needs (tensors,
buffers, parameter layouts, host boundaries). The `report` object is read as
the C++ reads it: missing or mistyped figures count as 0.
"""
import argparse
import json
import math
import struct
import sys
import zlib

__all__ = ["ReportError", "load_manifest", "render_html", "chrome_trace", "trace_text",
           "main"]

INT64_MIN, INT64_MAX, UINT64_MAX = -(1 << 63), (1 << 63) - 1, (1 << 64) - 1

# The page draws every core once per layer and every link once per NoC in use;
# a target of 1024 x 1024 cores (TargetDesc's limit) would give a page of
# gigabytes. Past this estimate the page is refused rather than written.
MAX_PAGE_BYTES = 256 * 1024 * 1024


class ReportError(Exception):
    """A malformed artifact or manifest, or a file that cannot be read or written."""


#===----------------------------------------------------------------------===#
# JSON with llvm::json's semantics
#===----------------------------------------------------------------------===#

def _parse_int(s):
    # llvm::json keeps integers that fit int64 or uint64; anything larger is a
    # double (strtod: out of range is inf). Also avoids Python's digit limit.
    if len(s) <= 21:
        v = int(s)
        if INT64_MIN <= v <= UINT64_MAX:
            return v
    return float(s)


def _reject_constant(name):
    raise ValueError("invalid JSON value " + name)


def parse_json(data, what):
    """`data` (bytes) as JSON; like llvm::json::parse it must be UTF-8 and
    knows no NaN or Infinity."""
    data = bytes(data)

    def fail(pos, msg):
        # llvm::json::ParseError's form: [line:column, byte=offset], column from 0.
        line = data.count(b"\n", 0, pos) + 1
        col = pos - (data.rfind(b"\n", 0, pos) + 1)
        raise ReportError("%s: [%d:%d, byte=%d]: %s" % (what, line, col, pos, msg)) from None

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        fail(e.start, "Invalid UTF-8 sequence")
    try:
        return json.loads(text, parse_int=_parse_int, parse_constant=_reject_constant)
    except json.JSONDecodeError as e:
        fail(len(text[:e.pos].encode("utf-8")), e.msg)
    except ValueError as e:  # NaN, Infinity
        raise ReportError("%s: %s" % (what, e)) from None
    except RecursionError:
        raise ReportError("%s: nested too deeply" % what) from None


def as_number(v):
    """json::Value::getAsNumber."""
    if type(v) is float:
        return v
    if type(v) is int:
        try:
            return float(v)
        except OverflowError:
            return math.inf if v > 0 else -math.inf
    return None


def as_integer(v):
    """json::Value::getAsInteger: an int64, or an integral double in range."""
    if type(v) is int:
        if INT64_MIN <= v <= INT64_MAX:
            return v
        return INT64_MIN if as_number(v) == float(INT64_MIN) else None
    if type(v) is float and math.isfinite(v) and v == math.floor(v) \
            and float(INT64_MIN) <= v < float(1 << 63):
        return int(v)
    return None


def _llround(x):
    """std::llround: half away from zero; out of range or NaN gives INT64_MIN
    (what x86-64 returns)."""
    if not math.isfinite(x):
        return INT64_MIN
    a = abs(x)
    r = math.floor(a)
    if a - r >= 0.5:  # exact: the fraction of a double is a double
        r += 1
    r = r if x >= 0 else -r
    return r if INT64_MIN <= r <= INT64_MAX else INT64_MIN


def _trunc(x):
    """int64_t(double): truncation; x86-64 gives INT64_MIN out of range."""
    if not math.isfinite(x) or not -9.223372036854775808e18 <= x < 9.223372036854775808e18:
        return INT64_MIN
    return int(x)


_SURROGATES = {c: "\ufffd" for c in range(0xD800, 0xE000)}


def _fix_surrogates(s):
    # llvm::json turns unpaired \uD800-\uDFFF escapes into U+FFFD.
    return s.translate(_SURROGATES)


def _quote(s, out):
    """llvm::json's string quoting: \\" \\\\ \\t \\n \\r, other C0 controls
    as \\u00xx, everything else raw."""
    out.append('"')
    for c in _fix_surrogates(s):
        if c == '"' or c == "\\":
            out.append("\\" + c)
        elif c >= " ":
            out.append(c)
        elif c == "\t":
            out.append("\\t")
        elif c == "\n":
            out.append("\\n")
        elif c == "\r":
            out.append("\\r")
        else:
            out.append("\\u%04x" % ord(c))
    out.append('"')


def _dump(v, out):
    if v is None:
        out.append("null")
    elif v is True or v is False:
        out.append("true" if v else "false")
    elif type(v) is int:
        out.append(str(v))
    elif type(v) is float:
        out.append("%.17g" % v)  # max_digits10
    elif isinstance(v, str):
        _quote(v, out)
    elif isinstance(v, (list, tuple)):
        out.append("[")
        for i, e in enumerate(v):
            if i:
                out.append(",")
            _dump(e, out)
        out.append("]")
    elif isinstance(v, dict):
        # Objects print with their keys sorted (bytewise; UTF-8 keeps the
        # code point order).
        out.append("{")
        for i, k in enumerate(sorted(v, key=str)):
            if i:
                out.append(",")
            _quote(str(k), out)
            out.append(":")
            _dump(v[k], out)
        out.append("}")
    else:
        raise TypeError("not JSON: " + type(v).__name__)


def llvm_json(v):
    """`v` as llvm::json::Value prints it: compact, keys sorted, doubles %.17g."""
    out = []
    _dump(v, out)
    return "".join(out)


def _shown(v):
    """A JSON value for an error message: compact and at most ~80 characters."""
    try:
        s = llvm_json(v)
    except (TypeError, RecursionError):
        s = type(v).__name__
    return s if len(s) <= 80 else s[:77] + "..."


#===----------------------------------------------------------------------===#
# The artifact container (docs/artifact.md, lib/Runtime/Artifact.cpp)
#===----------------------------------------------------------------------===#

MAGIC = b"NPCARTF\0"
VERSION = 1
HEADER_BYTES = ENTRY_BYTES = 32
MAX_SECTIONS = 1000000
MAX_MEMORY_IMAGE = 1 << 30
MANIFEST, HOST, PROGRAM, MEMORY = 1, 2, 3, 4


def _describe(i, kind, x, y):
    what = {MANIFEST: "manifest", HOST: "host", PROGRAM: "core %d,%d program" % (x, y),
            MEMORY: "core %d,%d memory" % (x, y)}.get(kind, "kind %d" % kind)
    return "section %d (%s)" % (i, what)


def _describe_span(i, s):
    return "%s [offset %d, size %d]" % (_describe(i, s[0], s[1], s[2]), s[4], s[5])


def parse_artifact(data):
    """The manifest payload (bytes) of an artifact, after the checks of
    npc::parseArtifact in the same order; errors start with "artifact: "."""
    def fail(msg):
        raise ReportError("artifact: " + msg)

    n = len(data)
    if n and data[:min(n, 8)] != MAGIC[:min(n, 8)]:
        fail("bad magic: this is not an npc artifact")
    if n < HEADER_BYTES:
        fail("truncated: file has %d bytes, the header alone needs %d" % (n, HEADER_BYTES))
    version, count, total, crc, reserved = struct.unpack_from("<IIQII", data, 8)
    if version != VERSION:
        fail("version %d is not supported (this npc reads version %d)" % (version, VERSION))
    if total > n:
        fail("truncated: header says %d bytes, file has %d" % (total, n))
    if total < n:
        fail("header says %d bytes, file has %d (trailing data)" % (total, n))
    if reserved:
        fail("header reserved field is %d, must be 0" % reserved)
    if count > MAX_SECTIONS:
        fail("section count %d exceeds the limit of %d" % (count, MAX_SECTIONS))
    table_end = HEADER_BYTES + count * ENTRY_BYTES
    if table_end > n:
        fail("section table (%d entries, ending at byte %d) does not fit in the file (%d bytes)"
             % (count, table_end, n))
    actual = zlib.crc32(memoryview(data)[HEADER_BYTES:]) & 0xFFFFFFFF
    if actual != crc:
        fail("checksum mismatch: header says 0x%08x, contents hash to 0x%08x (the file is "
             "corrupt)" % (crc, actual))

    # (kind, x, y, reserved, offset, size) per entry, each checked on its own.
    sections = []
    for i in range(count):
        s = struct.unpack_from("<IiiIQQ", data, HEADER_BYTES + i * ENTRY_BYTES)
        kind, x, y, res, offset, size = s
        if kind < MANIFEST or kind > MEMORY:
            fail("section %d has unknown kind %d" % (i, kind))
        if res:
            fail("%s has reserved field %d, must be 0" % (_describe(i, kind, x, y), res))
        if size > n or offset > n - size:
            fail("%s lies outside the file (%d bytes)" % (_describe_span(i, s), n))
        if offset < table_end:
            fail("%s overlaps the header or section table (bytes 0 to %d)"
                 % (_describe_span(i, s), table_end))
        if offset % 8:
            fail("%s is not 8-byte aligned" % _describe_span(i, s))
        if kind in (PROGRAM, MEMORY) and (x < 0 or y < 0):
            fail("%s has a negative coordinate" % _describe(i, kind, x, y))
        if kind == MEMORY and size > MAX_MEMORY_IMAGE:
            fail("%s exceeds the 1 GiB limit of a core memory image" % _describe_span(i, s))
        sections.append(s)

    # No two non-empty payloads share a byte.
    order = sorted((s[4], i) for i, s in enumerate(sections) if s[5])
    for (_, a), (_, b) in zip(order, order[1:]):
        prev, cur = sections[a], sections[b]
        if prev[4] + prev[5] > cur[4]:
            fail("%s overlaps %s" % (_describe_span(b, cur), _describe_span(a, prev)))

    # Counts per kind and per core.
    manifest = host = -1
    cores = {}  # (x, y) -> [program section, memory section]
    for i, (kind, x, y, _, offset, size) in enumerate(sections):
        if kind == MANIFEST:
            if manifest >= 0:
                fail("sections %d and %d are both manifests; exactly one is allowed"
                     % (manifest, i))
            manifest = i
        elif kind == HOST:
            if host >= 0:
                fail("sections %d and %d are both host sections; at most one is allowed"
                     % (host, i))
            host = i
        else:
            seen = cores.setdefault((x, y), [-1, -1])
            slot = 0 if kind == PROGRAM else 1
            if seen[slot] >= 0:
                fail("duplicate core %d,%d: sections %d and %d are both its %s"
                     % (x, y, seen[slot], i, "program" if slot == 0 else "memory"))
            seen[slot] = i
    if manifest < 0:
        fail("no manifest section")
    for (x, y), (prog, mem) in cores.items():
        if prog < 0 or mem < 0:
            fail("core %d,%d has a %s section (section %d) but no %s section"
                 % (x, y, "memory" if prog < 0 else "program", mem if prog < 0 else prog,
                    "program" if prog < 0 else "memory"))
    _, _, _, _, offset, size = sections[manifest]
    return bytes(data[offset:offset + size])


def _read_file(path):
    try:
        if path == "-":
            return sys.stdin.buffer.read()
        with open(path, "rb") as f:
            return f.read()
    except OSError as e:
        raise ReportError("cannot read '%s': %s" % (path, e.strerror or e)) from None


def _load(path, raw_json):
    """(the manifest dict, its Manifest) of the artifact or manifest JSON file
    at `path`. As the C++, container errors name the file, manifest errors
    do not."""
    data = _read_file(path)
    if not raw_json:
        try:
            data = parse_artifact(data)
        except ReportError as e:
            raise ReportError("%s: %s" % (path, e)) from None
    doc = parse_json(data, "artifact manifest")
    return doc, _check_manifest(doc)


def load_manifest(path, raw_json=False):
    """The manifest (a dict) of the artifact at `path`, or of the manifest JSON
    file at `path` when `raw_json`. Raises ReportError when the container or
    anything the report reads is malformed."""
    return _load(path, raw_json)[0]


#===----------------------------------------------------------------------===#
# The manifest: what the report reads, with the C++ types and ranges
#===----------------------------------------------------------------------===#

NOC_NAMES = ("activation", "partial_sum", "model", "instruction")
# Layer kinds by artifact id (kKernels in lib/Runtime/Kernels.cpp; ids are
# never reused). A kind newer than this table is taken with the manifest's own
# `kind_name`.
KIND_NAMES = {1: "conv2d", 2: "matmul", 3: "add", 4: "avg_pool", 5: "max_pool", 6: "rescale",
              7: "concat", 8: "transpose", 9: "table"}

# TargetDesc's scalar fields in kFields order: (key, is_integer, northpole default).
_TARGET_FIELDS = (("grid_cols", True, 16), ("grid_rows", True, 16),
                  ("core_memory_bytes", True, 768 * 1024), ("macs_per_cycle_int8", True, 2048),
                  ("mac_array_depth", True, 64), ("sram_ports", True, 8),
                  ("clock_hz", False, 400e6), ("frame_buffer_bytes", True, 32 * 1024 * 1024),
                  ("host_link_bytes_per_second", False, 8e9),
                  ("energy_per_mac_int8_pj", False, 0.3916),
                  ("energy_per_sram_byte_pj", False, 0.5),
                  ("energy_per_noc_hop_byte_pj", False, 0.5))
_NOC_FIELDS = ("link_bytes_per_cycle", "hop_latency_cycles")


class Target:
    def __init__(self, fields):
        self.name = fields["name"]
        self.cols, self.rows = fields["grid_cols"], fields["grid_rows"]
        self.memory = fields["core_memory_bytes"]
        self.macs_int8 = fields["macs_per_cycle_int8"]
        self.clock_hz = fields["clock_hz"]

    @property
    def cores(self):
        return self.cols * self.rows

    def core_name(self, c):
        return "(%d, %d)" % (c % self.cols, c // self.cols)


def _parse_target(v):
    """parseTargetJson's rules: northpole defaults, keys in sorted order,
    unknown keys and wrong types are errors, then TargetDesc::validate."""
    def fail(msg):
        raise ReportError("target: " + msg)

    if not isinstance(v, dict):
        fail("the JSON must be an object, got " + _shown(v))
    fields = {"name": "northpole", "topology": "mesh"}
    fields.update((k, d) for k, _, d in _TARGET_FIELDS)
    noc = [[256, 1], [256, 1], [256, 1], [64, 1]]
    known = ["name", "topology"] + [k for k, _, _ in _TARGET_FIELDS] + ["noc"]
    for key in sorted(v, key=str):
        val = v[key]
        if key in ("name", "topology"):
            if not isinstance(val, str):
                fail("%s must be a string, got %s" % (key, _shown(val)))
            fields[key] = val
        elif key == "noc":
            if not isinstance(val, dict):
                fail("noc must be an object, got " + _shown(val))
            for nk in sorted(val, key=str):
                if nk not in NOC_NAMES:
                    fail("unknown key 'noc.%s' (known keys: %s)" % (nk, ", ".join(NOC_NAMES)))
                params = val[nk]
                if not isinstance(params, dict):
                    fail("noc.%s must be an object, got %s" % (nk, _shown(params)))
                for fk in sorted(params, key=str):
                    if fk not in _NOC_FIELDS:
                        fail("unknown key 'noc.%s.%s' (known keys: %s)"
                             % (nk, fk, ", ".join(_NOC_FIELDS)))
                    n = as_integer(params[fk])
                    if n is None:
                        fail("noc.%s.%s must be an integer, got %s" % (nk, fk, _shown(params[fk])))
                    noc[NOC_NAMES.index(nk)][_NOC_FIELDS.index(fk)] = n
        else:
            spec = [f for f in _TARGET_FIELDS if f[0] == key]
            if not spec:
                fail("unknown key '%s' (known keys: %s)" % (key, ", ".join(known)))
            n = as_integer(val) if spec[0][1] else as_number(val)
            if n is None:
                fail("%s must be %s, got %s"
                     % (key, "an integer" if spec[0][1] else "a number", _shown(val)))
            fields[key] = n
    # TargetDesc::validate.
    if not fields["name"]:
        fail("name must not be empty")
    # Any topology the compiler's TargetModel knows: this file draws links
    # from the report, not from the topology's name.
    for key, is_int, _ in _TARGET_FIELDS:
        n = fields[key]
        if is_int:
            lo, hi = 1, 1 << 40
            if key in ("grid_cols", "grid_rows"):
                hi = 1024
            elif key == "core_memory_bytes":
                lo, hi = 1024, 1 << 30
            elif key in ("mac_array_depth", "sram_ports"):
                lo = 0
            if n < lo:
                fail("%s must be >= %d, got %d" % (key, lo, n))
            if n > hi:
                fail("%s must be <= %d, got %d" % (key, hi, n))
        else:
            clock = key == "clock_hz"
            if not math.isfinite(n) or (n <= 0 if clock else n < 0):
                fail("%s must be a finite number %s 0, got %g" % (key, ">" if clock else ">=", n))
    depth, macs = fields["mac_array_depth"], fields["macs_per_cycle_int8"]
    if depth > 0 and macs % min(depth, macs) != 0:
        fail("mac_array_depth must divide macs_per_cycle_int8 (%d) or be 0, got %d"
             % (macs, depth))
    for k, (link, hop) in enumerate(noc):
        for fk, n, lo in (("link_bytes_per_cycle", link, 1), ("hop_latency_cycles", hop, 0)):
            if n < lo:
                fail("noc.%s.%s must be >= %d, got %d" % (NOC_NAMES[k], fk, lo, n))
            if n > 1 << 40:
                fail("noc.%s.%s must be <= %d, got %d" % (NOC_NAMES[k], fk, 1 << 40, n))
    fields["noc"] = noc
    return Target(fields)


class Tile:
    __slots__ = ("core", "start", "end", "macs", "box")


class Layer:
    # mac, rate: the report's on_mac_array and work_per_cycle (None without them).
    __slots__ = ("name", "kind", "kind_name", "bits", "tiles", "mac", "rate")


class Transfer:
    __slots__ = ("id", "noc", "src", "dst", "bytes", "start", "arrive", "route", "group")


class Manifest:
    """The typed view of a manifest dict the page and the trace draw from."""

    def __init__(self, target, layers, transfers, cycles, period, report, noc):
        self.target, self.layers, self.transfers = target, layers, transfers
        self.cycles, self.period, self.report = cycles, period, report
        # The report's NoC facts: (link_targets, link_loads), or None.
        self.noc = noc


def _check_manifest(doc):
    """The Manifest of `doc`, with parseManifest's messages for the fields
    the report reads; raises ReportError."""
    def fail(where, what):
        raise ReportError("artifact manifest: %s: %s" % (where, what))

    def i64(v, where):
        n = as_integer(v)
        if n is None:
            fail(where, "expected an integer")
        return n

    def ints(v, where):
        if not isinstance(v, list):
            fail(where, "expected an array")
        return [i64(x, "%s[%d]" % (where, i)) for i, x in enumerate(v)]

    def box(v, where):
        if not isinstance(v, dict):
            fail(where, "expected a box object")
        lo, hi = ints(v.get("lo"), where + ".lo"), ints(v.get("hi"), where + ".hi")
        if len(lo) != len(hi) or len(lo) > 8:
            fail(where, "lo and hi must have the same rank (<= 8)")
        if any(a < 0 or b < a for a, b in zip(lo, hi)):
            fail(where, "bounds must satisfy 0 <= lo <= hi")
        # Box::str, for the trace.
        return "[" + ", ".join("%d:%d" % (a, b) for a, b in zip(lo, hi)) + "]"

    if not isinstance(doc, dict) or doc.get("format") != "npc-manifest":
        raise ReportError("artifact manifest: not an npc manifest")
    if "target" not in doc:
        raise ReportError("target: missing")
    target = _parse_target(doc["target"])
    cycles, period = i64(doc.get("cycles"), "cycles"), i64(doc.get("period"), "period")
    if cycles < 0 or period < 0 or (period == 0 and cycles != 0):
        fail("period", "needs cycles >= 0 and a period of at least 1 cycle")
    report = doc.get("report")
    report = report if isinstance(report, dict) else {}
    for key in ("layers", "transfers"):
        if not isinstance(doc.get(key), list):
            fail("manifest." + key, "expected an array")
    cores = target.cores

    layers = []
    for li, lv in enumerate(doc["layers"]):
        w = "layers[%d]" % li
        if not isinstance(lv, dict):
            fail(w, "expected an object")
        geo, tiles = lv.get("geometry"), lv.get("tiles")
        if not isinstance(lv.get("name"), str) or not isinstance(geo, dict) \
                or not isinstance(tiles, list):
            fail(w, "missing name, geometry or tiles")
        l = Layer()
        l.mac = l.rate = None
        l.name = lv["name"]
        l.kind = i64(geo.get("kind"), w + ".geometry.kind")
        l.kind_name = KIND_NAMES.get(l.kind, geo.get("kind_name"))
        if l.kind < 1 or not isinstance(l.kind_name, str):
            fail(w + ".geometry.kind", "unknown layer kind %d" % l.kind)
        l.bits = i64(geo.get("operand_bits"), w + ".geometry.operand_bits")
        if l.bits < 1 or l.bits > 32:
            fail(w + ".geometry", "inconsistent geometry")
        l.tiles = []
        for ti, tv in enumerate(tiles):
            tw = "%s.tiles[%d]" % (w, ti)
            if not isinstance(tv, dict):
                fail(tw, "expected an object")
            t = Tile()
            t.box = box(tv.get("box"), tw + ".box")
            t.core = i64(tv.get("core"), tw + ".core")
            t.start = i64(tv.get("start"), tw + ".start")
            t.end = i64(tv.get("end"), tw + ".end")
            t.macs = i64(tv.get("macs"), tw + ".macs")
            if t.core < 0 or t.core >= cores:
                fail(tw, "core %d is outside the grid" % t.core)
            l.tiles.append(t)
        layers.append(l)

    transfers = []
    for i, tv in enumerate(doc["transfers"]):
        w = "transfers[%d]" % i
        if not isinstance(tv, list) or len(tv) != 16:
            fail(w, "expected 16 fields")
        f = [ints(v, w) if k == 7 else box(v, w) if k == 9 else i64(v, w)
             for k, v in enumerate(tv)]
        x = Transfer()
        x.id, x.noc, x.src, x.dst, x.bytes, x.start, x.arrive, x.route = f[:8]
        x.group = f[15]
        producer, consumer = f[10:12], f[12:14]
        if x.id != i or x.noc < 0 or x.noc >= 4 or f[8] < 0 or x.src < -1 or x.src >= cores \
                or x.dst < -1 or x.dst >= cores or producer[0] < -1 \
                or producer[0] >= len(layers) or consumer[0] < -1 or consumer[0] >= len(layers):
            fail(w, "index out of range")
        if producer[0] >= 0 and not 0 <= producer[1] < len(layers[producer[0]].tiles):
            fail(w, "producer tile out of range")
        if consumer[0] >= 0 and not 0 <= consumer[1] < len(layers[consumer[0]].tiles):
            fail(w, "consumer tile or operand out of range")
        transfers.append(x)

    # What the compiler's target model says (the page draws from it; the
    # trace needs none of it): each layer's rate, each link's far end and
    # load. An artifact from an npc before them has none.
    rl = report.get("layers")
    if isinstance(rl, list):
        if len(rl) != len(layers):
            fail("report.layers", "expected %d entries (one per layer), got %d"
                 % (len(layers), len(rl)))
        for li, (l, o) in enumerate(zip(layers, rl)):
            w = "report.layers[%d]" % li
            if not isinstance(o, dict):
                fail(w, "expected an object")
            if "work_per_cycle" in o:
                if not isinstance(o.get("on_mac_array"), bool):
                    fail(w + ".on_mac_array", "expected true or false")
                l.mac, l.rate = o["on_mac_array"], i64(o["work_per_cycle"], w + ".work_per_cycle")
                if l.rate < 1:
                    fail(w + ".work_per_cycle", "must be at least 1, got %d" % l.rate)
    noc = None
    if isinstance(report.get("noc"), dict):
        links = 4 * cores + 2
        targets, loads = report["noc"].get("link_targets"), report["noc"].get("link_loads")
        if not isinstance(targets, list) or len(targets) != links:
            fail("report.noc.link_targets", "expected an array of %d entries (one per link)"
                 % links)
        targets = [None if v is None else i64(v, "report.noc.link_targets[%d]" % i)
                   for i, v in enumerate(targets)]
        if any(v is not None and not -1 <= v < cores for v in targets):
            fail("report.noc.link_targets", "a core outside the grid")
        if not isinstance(loads, list):
            fail("report.noc.link_loads", "expected an array")
        rows = []
        for i, v in enumerate(loads):
            r = ints(v, "report.noc.link_loads[%d]" % i)
            if len(r) != 5 or not 0 <= r[0] < 4 or not 0 <= r[1] < links or min(r[2:]) < 0:
                fail("report.noc.link_loads[%d]" % i,
                     "expected [noc 0..3, link 0..%d, busy cycles, transfers, bytes]"
                     % (links - 1))
            rows.append(r)
        noc = (targets, rows)
    return Manifest(target, layers, transfers, cycles, period, report, noc)


#===----------------------------------------------------------------------===#
# Text and numbers (HtmlReport.cpp)
#===----------------------------------------------------------------------===#

# esc: & < > " ' as entities; C0 controls but tab and newline, DEL, and
# unpaired surrogates (invalid UTF-8 in the C++) as U+FFFD.
_ESC = {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord('"'): "&quot;",
        ord("'"): "&#39;", 0x7F: "\ufffd"}
_ESC.update((c, "\ufffd") for c in range(0x20) if c not in (9, 10))
_ESC.update((c, "\ufffd") for c in range(0xD800, 0xE000))


def esc(s):
    """Text for HTML content and attribute values (both quote kinds)."""
    return s.translate(_ESC)


def fixed(v, prec):
    """printf %.Nf into the C++'s 64-byte buffer (huge values are cut)."""
    if not math.isfinite(v):
        v = 0.0
    return ("%.*f" % (prec, v))[:63]


def co(v):
    """SVG coordinates: one decimal, no trailing ".0"."""
    s = fixed(v, 1)
    if len(s) > 2 and s.endswith(".0"):
        s = s[:-2]
    return "0" if s == "-0" else s


def pct(frac):
    """A fraction as a percentage with a precision that fits its size."""
    p = frac * 100 if math.isfinite(frac) else 0.0
    if p == 0:
        return "0%"
    if p < 0.001:
        return "&lt;0.001%"
    if p >= 10:
        return "%.1f%%" % p
    if p >= 0.1:
        return "%.2f%%" % p
    return "%.2g%%" % p


def tick(percent):
    """A legend tick: at most three significant digits."""
    return "%.3g" % percent


def nice_scale(frac):
    """The smallest of 0.1, 0.2, 0.5, 1, 2, 5 ... 100 % at or above `frac`."""
    p = 0.001
    while p < 1.0:
        for f in (1.0, 2.0, 5.0):
            if frac <= p * f + 1e-12:
                return min(1.0, p * f)
        p *= 10
    return 1.0


def grouped(v):
    """1234567 -> "1,234,567". The C++ negates INT64_MIN (undefined; its
    build prints "-0"), which only a report figure out of range gives."""
    return "-0" if v == INT64_MIN else "{:,}".format(v)


def bytes_text(b):
    if b >= 10 * 1024 * 1024:
        return fixed(float(b) / (1024 * 1024), 1) + " MiB"
    if b >= 10 * 1024:
        return fixed(float(b) / 1024, 1) + " KiB"
    return grouped(b) + " B"


def num(o, k):
    """json::Object::getNumber(k).value_or(0) of an optional object."""
    if not isinstance(o, dict):
        return 0.0
    n = as_number(o.get(k))
    return 0.0 if n is None else n


def integer(o, k):
    """getInteger(k), else the rounded number, else 0."""
    if not isinstance(o, dict):
        return 0
    i = as_integer(o.get(k))
    return i if i is not None else _llround(num(o, k))


def get_string(o, k):
    v = o.get(k)
    return v if isinstance(v, str) else ""


#===----------------------------------------------------------------------===#
# Colours
#===----------------------------------------------------------------------===#

VIRIDIS = (0x440154, 0x482878, 0x3e4989, 0x31688e, 0x26828e, 0x1f9e89, 0x35b779, 0x6ece58,
           0xb5de2b, 0xfde725)
PLASMA = (0x0d0887, 0x46039f, 0x7201a8, 0x9c179e, 0xbd3786, 0xd8576b, 0xed7953, 0xfb9f3a,
          0xfdca26, 0xf0f921)
LOAD = (0xfdd49e, 0xfdbb84, 0xfc8d59, 0xef6548, 0xd7301f, 0xb30000, 0x7f0000)
NO_DATA = "#e3e3e3"  # cores without data, idle links


def hex_color(r, g, b):
    return "#%02x%02x%02x" % tuple(min(max(c, 0), 255) for c in (r, g, b))


def hex_rgb(rgb):
    return hex_color((rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255)


def ramp_color(stops, t):
    """`t` in [0, 1] along the stops, linearly in RGB."""
    if not math.isfinite(t):
        t = 0.0
    t = min(max(t, 0.0), 1.0)
    pos = t * float(len(stops) - 1)
    i = min(int(pos), len(stops) - 2)
    f = pos - float(i)

    def ch(shift):
        a, b = float((stops[i] >> shift) & 255), float((stops[i + 1] >> shift) & 255)
        return _llround(a + (b - a) * f)
    return hex_color(ch(16), ch(8), ch(0))


def layer_color(i):
    """Distinct colours for layers: golden-angle hues, two lightness levels."""
    h = math.fmod(float(i) * 137.508 + 200.0, 360.0) / 60.0
    s, l = 0.62, (0.42 if i % 2 else 0.55)
    c = (1 - abs(2 * l - 1)) * s
    x = c * (1 - abs(math.fmod(h, 2.0) - 1))
    r = g = b = 0.0
    sector = int(h) % 6
    if sector == 0:
        r, g = c, x
    elif sector == 1:
        r, g = x, c
    elif sector == 2:
        g, b = c, x
    elif sector == 3:
        g, b = x, c
    elif sector == 4:
        r, b = x, c
    else:
        r, b = c, x
    mm = l - c / 2
    return hex_color(_llround((r + mm) * 255), _llround((g + mm) * 255), _llround((b + mm) * 255))


def legend(out, grad_id, stops, caption, grey_label, scale_max=1.0):
    """A colour bar from 0 to `scale_max` (a fraction) with five ticks,
    optionally a grey swatch."""
    w, x0 = 260.0, 8.0
    out.append('<div class="legend"><span class="legend-caption">' + esc(caption)
               + '</span><svg class="legend-bar" width="'
               + co(x0 * 2 + w + (190 if grey_label else 0)) + '" height="34" role="img" '
               'aria-label="' + esc(caption) + '"><defs><linearGradient id="' + grad_id
               + '" x1="0" x2="1" y1="0" y2="0">')
    for i, rgb in enumerate(stops):
        out.append('<stop offset="' + fixed(float(i) / float(len(stops) - 1), 3)
                   + '" stop-color="' + hex_rgb(rgb) + '"/>')
    out.append('</linearGradient></defs><rect x="' + co(x0) + '" y="2" width="' + co(w)
               + '" height="14" fill="url(#' + grad_id
               + ')" stroke="#888" stroke-width="0.5"/>')
    for k in range(5):
        x = x0 + w * k / 4
        out.append('<line x1="' + co(x) + '" x2="' + co(x)
                   + '" y1="16" y2="20" stroke="#666"/><text x="' + co(x)
                   + '" y="31" text-anchor="middle">' + tick(scale_max * 25 * k) + "%</text>")
    if grey_label:
        out.append('<rect x="' + co(x0 + w + 24) + '" y="2" width="14" height="14" fill="'
                   + NO_DATA + '" stroke="#888" stroke-width="0.5"/><text x="'
                   + co(x0 + w + 44) + '" y="13">' + esc(grey_label) + "</text>")
    out.append("</svg></div>\n")


#===----------------------------------------------------------------------===#
# The core array
#===----------------------------------------------------------------------===#

class Cell:
    def __init__(self, title, fill="", text="", dark=True):
        self.fill = fill    # empty: no data (grey)
        self.title = title  # escaped
        self.text = text    # escaped; drawn inside the cell when it is large enough
        self.dark = dark


def core_grid(out, id_, t, cell, axes, label, cell_of):
    """grid_cols x grid_rows squares of side `cell`, row 0 at the top; with
    axes, column numbers above and row numbers on the left."""
    ml, mt = (24.0, 16.0) if axes else (1.0, 1.0)
    w, h = ml + float(t.cols) * cell + 1, mt + float(t.rows) * cell + 1
    gap = 1.0 if cell >= 8 else 0.5
    out.append('<svg id="' + id_ + '" class="grid" width="' + co(w) + '" height="' + co(h)
               + '" viewBox="0 0 ' + co(w) + " " + co(h) + '" role="img" aria-label="'
               + esc(label) + '">')
    if axes:
        every = 1 if cell >= 18 else 2 if cell >= 9 else 4
        for x in range(0, t.cols, every):
            out.append('<text class="axis" x="' + co(ml + (float(x) + 0.5) * cell)
                       + '" y="11" text-anchor="middle">' + str(x) + "</text>")
        for y in range(0, t.rows, every):
            out.append('<text class="axis" x="' + co(ml - 4) + '" y="'
                       + co(mt + (float(y) + 0.5) * cell + 4) + '" text-anchor="end">' + str(y)
                       + "</text>")
    side = co(cell - gap)
    for c in range(t.cores):
        x, y = c % t.cols, c // t.cols
        v = cell_of(c)
        out.append('<rect x="' + co(ml + float(x) * cell) + '" y="' + co(mt + float(y) * cell)
                   + '" width="' + side + '" height="' + side + '" fill="'
                   + (v.fill or NO_DATA) + '"><title>' + v.title + "</title></rect>")
        if v.text and cell >= 40:
            out.append('<text class="cell" x="' + co(ml + (float(x) + 0.5) * cell - gap / 2)
                       + '" y="' + co(mt + (float(y) + 0.5) * cell + 3.5)
                       + '" text-anchor="middle" style="fill:'
                       + ("#ffffff" if v.dark else "#1f2328") + '">' + v.text + "</text>")
    out.append("</svg>")


#===----------------------------------------------------------------------===#
# NoC links
#===----------------------------------------------------------------------===#

DIRECTIONS = ("east", "west", "south", "north")


def link_name(m, link):
    """"core (x, y) east &#8594; (x', y')" (TargetModel::linkName), or the
    frame-buffer links; the far end is the report's."""
    t = m.target
    cores = t.cores
    if link == 4 * cores:
        return "frame buffer &#8594; core (0, 0)"
    if link == 4 * cores + 1:
        return "core (0, 0) &#8594; frame buffer"
    to = m.noc[0][link]
    return "core %s %s &#8594; %s" % (t.core_name(link // 4), DIRECTIONS[link % 4],
                                      "(none)" if to is None or to < 0 else t.core_name(to))


def drawn_as_arrow(m, link):
    """Whether core link `link` reaches the next core in its direction on the
    grid (what the mesh picture can draw; not a wrap-around)."""
    t = m.target
    c, d = link // 4, link % 4
    x, y = c % t.cols + (d == 0) - (d == 1), c // t.cols + (d == 2) - (d == 3)
    return 0 <= x < t.cols and 0 <= y < t.rows and m.noc[0][link] == y * t.cols + x


def arrow(out, x0, y0, x1, y1, w, fill, title):
    """An arrow from (x0, y0) to (x1, y1), shaft width `w`, as one polygon."""
    dx, dy = x1 - x0, y1 - y0
    length = math.hypot(dx, dy)
    if length <= 0:
        return
    dx /= length
    dy /= length
    nx, ny = -dy, dx
    head, hw = min(length * 0.45, 2.0 * w + 3), w / 2 + 1.8 + w * 0.4
    qx, qy = x1 - dx * head, y1 - dy * head
    pts = ((x0 + nx * w / 2, y0 + ny * w / 2), (qx + nx * w / 2, qy + ny * w / 2),
           (qx + nx * hw, qy + ny * hw), (x1, y1), (qx - nx * hw, qy - ny * hw),
           (qx - nx * w / 2, qy - ny * w / 2), (x0 - nx * w / 2, y0 - ny * w / 2))
    out.append('<polygon points="' + "".join(co(x) + "," + co(y) + " " for x, y in pts)
               + '" fill="' + fill + '"><title>' + title + "</title></polygon>")


def _link_loads(m):
    """Per NoC (sorted): [busy, transfers, bytes] of every directed link, from
    the report. Also the number of local copies (transfers with no route)."""
    links = 4 * m.target.cores + 2
    loads = {}
    for noc, link, busy, count, nbytes in m.noc[1]:
        v = loads.setdefault(noc, [[0, 0, 0] for _ in range(links)])
        v[link] = [busy, count, nbytes]
    if not loads:
        loads[0] = [[0, 0, 0] for _ in range(links)]
    return dict(sorted(loads.items())), sum(1 for x in m.transfers if not x.route)


def noc_section(out, m, used_cores, loads, local):
    t = m.target
    cores = t.cores
    links = 4 * cores + 2
    cycles = float(max(1, m.period))
    out.append('<section><h2>NoC link load</h2>\n<p class="note">Every directed link of the mesh '
               "as an arrow between neighbouring cores (two per neighbour pair, one each way; "
               "X-then-Y routes), coloured and thickened by its busy fraction: the durations of "
               "the transfers routed over it divided by the " + str(m.period)
               + " cycles between frames. The frame buffer hangs off core (0, 0)'s west port. "
               + str(len(m.transfers)) + " transfers, " + str(local)
               + " of them local copies (no links).</p>\n")
    max_busy = 0
    for load in loads.values():
        for ld in load:
            max_busy = max(max_busy, ld[0])
    link_scale = nice_scale(float(max_busy) / cycles if max_busy > 0 else 1.0)
    if link_scale < 1.0:
        out.append('<p class="note">The colour scale ends at ' + tick(link_scale * 100)
                   + "% of the frame, the first round step at or above the busiest link.</p>\n")
    legend(out, "grad-link", LOAD, "link busy fraction (of the frame)", "idle link", link_scale)

    pitch = min(max(720.0 / float(max(t.cols, t.rows)), 26.0), 96.0)
    side, off, gap = pitch * 0.42, pitch * 0.11, pitch * 0.04
    fb_x, fb_w = 22.0, max(26.0, pitch * 0.8)
    ml, mt = fb_x + fb_w + pitch * 0.35, 18.0
    width, height = ml + float(t.cols) * pitch + 4, mt + float(t.rows) * pitch + 4

    def cx(x):
        return ml + (float(x) + 0.5) * pitch

    def cy(y):
        return mt + (float(y) + 0.5) * pitch

    for n, (noc, load) in enumerate(loads.items()):
        name = NOC_NAMES[min(max(noc, 0), 3)]
        out.append("<h3>" + name + " NoC</h3>\n")
        out.append('<svg id="' + ("noc-links" if n == 0 else "noc-links-" + name)
                   + '" class="mesh" width="' + co(width) + '" height="' + co(height)
                   + '" viewBox="0 0 ' + co(width) + " " + co(height)
                   + '" role="img" aria-label="NoC link load">')
        every = 1 if pitch >= 30 else 2
        for x in range(0, t.cols, every):
            out.append('<text class="axis" x="' + co(cx(x)) + '" y="11" text-anchor="middle">'
                       + str(x) + "</text>")
        for y in range(0, t.rows, every):
            out.append('<text class="axis" x="' + co(fb_x - 5) + '" y="' + co(cy(y) + 4)
                       + '" text-anchor="end">' + str(y) + "</text>")
        # Cores.
        for c in range(cores):
            x, y = c % t.cols, c // t.cols
            used = c in used_cores
            out.append('<rect x="' + co(cx(x) - side / 2) + '" y="' + co(cy(y) - side / 2)
                       + '" width="' + co(side) + '" height="' + co(side) + '" rx="2" fill="'
                       + ("#ffffff" if used else "#f1f1f1") + '" stroke="'
                       + ("#555" if used else "#bbb") + '" stroke-width="1"><title>core '
                       + t.core_name(c) + ("" if used else " (idle)") + "</title></rect>")
        # The frame buffer, left of core (0, 0).
        fb_y = cy(0) - side / 2
        out.append('<rect x="' + co(fb_x) + '" y="' + co(fb_y) + '" width="' + co(fb_w)
                   + '" height="' + co(side) + '" rx="2" fill="#fff7e6" stroke="#a0522d">'
                   '<title>frame buffer</title></rect><text class="axis" x="'
                   + co(fb_x + fb_w / 2) + '" y="' + co(fb_y + side / 2 + 4)
                   + '" text-anchor="middle">FB</text>')

        def draw_link(l, x0, y0, x1, y1):
            busy, count, nbytes = load[l]
            frac = float(busy) / cycles
            title = ("link %d: %s, busy %s (%d cycles), %d transfers, %s"
                     % (l, link_name(m, l), pct(frac), busy, count, bytes_text(nbytes)))
            if busy == 0:
                arrow(out, x0, y0, x1, y1, 1.0, "#cfcfcf", title)
            else:
                arrow(out, x0, y0, x1, y1, 1.4 + min(1.0, frac / link_scale) * pitch * 0.1,
                      ramp_color(LOAD, frac / link_scale), title)

        inner, outer = side / 2 + gap, pitch - side / 2 - gap
        for c in range(cores):
            x, y = c % t.cols, c // t.cols
            X, Y = cx(x), cy(y)
            if drawn_as_arrow(m, c * 4 + 0):
                draw_link(c * 4 + 0, X + inner, Y - off, X + outer, Y - off)
            if drawn_as_arrow(m, c * 4 + 1):
                draw_link(c * 4 + 1, X - inner, Y + off, X - outer, Y + off)
            if drawn_as_arrow(m, c * 4 + 2):
                draw_link(c * 4 + 2, X + off, Y + inner, X + off, Y + outer)
            if drawn_as_arrow(m, c * 4 + 3):
                draw_link(c * 4 + 3, X - off, Y - inner, X - off, Y - outer)
        draw_link(4 * cores, fb_x + fb_w + gap, cy(0) - off, cx(0) - inner, cy(0) - off)
        draw_link(4 * cores + 1, cx(0) - inner, cy(0) + off, fb_x + fb_w + gap, cy(0) + off)
        out.append("</svg>\n")

        # The busiest links by name.
        order = sorted((l for l in range(links) if load[l][0] > 0),
                       key=lambda l: (-load[l][0], l))
        out.append('<p class="note">' + str(len(order)) + " of " + str(links)
                   + " links carry traffic.</p>\n")
        if order:
            out.append('<table class="small"><thead><tr><th>busiest links</th><th>id</th>'
                       "<th>busy</th><th>busy cycles</th><th>transfers</th><th>bytes</th></tr>"
                       "</thead><tbody>\n")
            for l in order[:8]:
                busy, count, nbytes = load[l]
                out.append("<tr><td>" + link_name(m, l) + '</td><td class="num">' + str(l)
                           + '</td><td class="num">' + pct(float(busy) / cycles)
                           + '</td><td class="num">' + str(busy) + '</td><td class="num">'
                           + str(count) + '</td><td class="num">' + str(nbytes)
                           + "</td></tr>\n")
            out.append("</tbody></table>\n")
    out.append("</section>\n")


#===----------------------------------------------------------------------===#
# Timeline
#===----------------------------------------------------------------------===#

def nice_step(raw):
    """1, 2 or 5 times a power of ten, near `raw`."""
    if raw <= 1:
        return 1.0
    p = math.pow(10.0, float(math.floor(math.log10(raw))))
    f = raw / p
    return (1 if f < 1.5 else 2 if f < 3.5 else 5 if f < 7.5 else 10) * p


def timeline_section(out, m, used_cores):
    t = m.target
    rows = sorted(used_cores)
    shown = 256 if len(rows) > 300 else len(rows)
    row_of = {c: i for i, c in enumerate(rows[:shown])}
    last = max(1, m.cycles)
    for l in m.layers:
        for tile in l.tiles:
            last = max(last, tile.end)

    out.append('<section><h2>Timeline</h2>\n<p class="note">One row per used core, one bar per '
               "tile from its start to its end cycle (at least 1.2 px wide), coloured by layer "
               "as in the table above; hover a bar for its layer and tile. The thin grey lines "
               "under a row are the transfers into that core, from their start to their "
               "arrival: where a core waits for data. The dashed red line is the end of the "
               "frame.")
    if shown < len(rows):
        out.append(" Showing the first %d of %d used cores." % (shown, len(rows)))
    out.append("</p>\n")

    rh = 16.0 if shown <= 32 else 10.0 if shown <= 64 else 6.0 if shown <= 128 else 4.0
    lw, pw, mt = 76.0, 1160.0, 22.0
    width, height = lw + pw + 12, mt + float(max(shown, 1)) * rh + 6
    scale = pw / float(last)
    out.append('<svg id="timeline" class="timeline" width="' + co(width) + '" height="'
               + co(height) + '" viewBox="0 0 ' + co(width) + " " + co(height)
               + '" role="img" aria-label="tiles per core over the frame">')
    # Row stripes and labels.
    label_every = int(math.ceil(12.0 / rh))
    for i in range(shown):
        y = mt + float(i) * rh
        if i % 2 == 0:
            out.append('<rect class="stripe" x="' + co(lw) + '" y="' + co(y) + '" width="'
                       + co(pw) + '" height="' + co(rh) + '" fill="#f4f6f8"/>')
        if i % label_every == 0:
            out.append('<text class="axis" x="' + co(lw - 6) + '" y="' + co(y + rh / 2 + 3.5)
                       + '" text-anchor="end">' + t.core_name(rows[i]) + "</text>")
    # Cycle axis and grid lines.
    step = nice_step(float(last) / 10)
    c = 0.0
    while c <= float(last) + 0.5:
        x = lw + c * scale
        out.append('<line x1="' + co(x) + '" x2="' + co(x) + '" y1="' + co(mt - 4) + '" y2="'
                   + co(height - 4) + '" stroke="#d0d4d8" stroke-width="0.6"/><text class="axis" '
                   'x="' + co(x) + '" y="12" text-anchor="middle">' + str(_trunc(c)) + "</text>")
        c += step
    frame_x = lw + float(m.cycles) * scale
    out.append('<line x1="' + co(frame_x) + '" x2="' + co(frame_x) + '" y1="' + co(mt - 4)
               + '" y2="' + co(height - 4) + '" stroke="#c0392b" stroke-width="1" '
               'stroke-dasharray="3,2"><title>end of frame: cycle ' + str(m.cycles)
               + "</title></line>")
    # Transfers into each shown core, under its tiles.
    line_w = 1.2 if rh >= 6 else 0.8
    for x in m.transfers:
        row = row_of.get(x.dst)
        if row is None or x.arrive <= x.start:
            continue
        y = mt + float(row + 1) * rh - line_w
        out.append('<line class="xfer" x1="' + co(lw + float(x.start) * scale) + '" x2="'
                   + co(lw + float(x.arrive) * scale) + '" y1="' + co(y) + '" y2="' + co(y)
                   + '"/>')
    # Tiles.
    bar = rh - 1.5 - line_w if rh >= 6 else rh - 0.5
    for li, l in enumerate(m.layers):
        color, name, kind = layer_color(li), esc(l.name), esc(l.kind_name)
        what = "MACs " if l.mac else "elements "
        for ti, tile in enumerate(l.tiles):
            row = row_of.get(tile.core)
            if row is None:
                continue
            x = lw + float(tile.start) * scale
            w = max(1.2, float(tile.end - tile.start) * scale)
            out.append('<rect class="tile" x="' + co(x) + '" y="' + co(mt + float(row) * rh + 0.5)
                       + '" width="' + fixed(w, 2) + '" height="' + co(bar) + '" fill="' + color
                       + '"><title>' + name + " (" + kind + "), tile " + str(ti) + " of "
                       + str(len(l.tiles)) + " on core " + t.core_name(tile.core) + ": cycles "
                       + str(tile.start) + "&#8211;" + str(tile.end) + " ("
                       + str(tile.end - tile.start) + "), " + what + str(tile.macs)
                       + "</title></rect>")
    out.append("</svg>\n</section>\n")


STYLE = """
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#1f2328;margin:24px;max-width:1340px;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 6px;border-bottom:1px solid #d8dee4;padding-bottom:4px}
h3{font-size:14px;margin:12px 0 4px;color:#444}
.sub{color:#57606a;margin:0 0 14px}
dl#summary{display:flex;flex-wrap:wrap;gap:10px;margin:0}
dl#summary div{border:1px solid #d0d7de;border-radius:6px;padding:8px 14px;min-width:130px;background:#f6f8fa}
dl#summary dt{font-size:12px;color:#57606a}dl#summary dd{margin:2px 0 0;font-size:20px;font-weight:600}
dl#summary dd small{font-size:12px;font-weight:400;color:#57606a}
.note{color:#57606a;max-width:1100px;margin:4px 0 8px}
.legend{display:flex;align-items:center;gap:12px;margin:6px 0}.legend-caption{font-size:12px;color:#444;min-width:200px}
svg text{font:11px system-ui,"DejaVu Sans",sans-serif;fill:#333}svg text.axis{fill:#57606a;font-size:10px}svg text.cell{font-size:10px}
.multiples{display:flex;flex-wrap:wrap;gap:14px 18px}
.multiples figure{margin:0;width:min-content;min-width:124px}
.multiples figcaption{font-size:11px;color:#333;margin-top:2px;overflow-wrap:anywhere}
.multiples figcaption .kind,.kind{color:#57606a}
table{border-collapse:collapse;font-size:12.5px}
th,td{border-bottom:1px solid #e1e4e8;padding:3px 8px;text-align:left;white-space:nowrap}
th{background:#f6f8fa;position:sticky;top:0}
td.num{text-align:right;font-variant-numeric:tabular-nums}
td.name{white-space:normal;overflow-wrap:anywhere;max-width:320px}
.swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px;vertical-align:-1px}
.span{position:relative;width:160px;height:10px;background:#eef1f4;border-radius:2px}
.span div{position:absolute;top:0;height:10px;min-width:1px;border-radius:2px}
table.small{margin-top:6px}
line.xfer{stroke:#8c959f;stroke-opacity:.6;stroke-width:1}
"""


#===----------------------------------------------------------------------===#
# The page
#===----------------------------------------------------------------------===#

def _page_estimate(m):
    """Roughly the bytes of the page's per-core shapes, from the counts alone:
    per core, a square for memory and one per layer (its title names the
    layer), and per NoC in use a square and four arrows."""
    nocs = len({x.noc for x in m.transfers if x.route}) or 1
    names = sum(len(esc(l.name)) + 130 for l in m.layers)
    return m.target.cores * (150 + names + nocs * 1300)


def render_html(manifest):
    """The page of `manifest` (a dict, as load_manifest returns it): the same
    bytes as npc::renderHtmlReport. Raises ReportError when the manifest is
    malformed or the page would be larger than MAX_PAGE_BYTES."""
    m = manifest if isinstance(manifest, Manifest) else _check_manifest(manifest)
    t, r = m.target, m.report
    summary = r.get("summary") if isinstance(r.get("summary"), dict) else None
    report_layers = r.get("layers") if isinstance(r.get("layers"), list) else None
    core_memory = r.get("core_memory") if isinstance(r.get("core_memory"), list) else None
    cores = t.cores
    estimate = _page_estimate(m)
    if estimate > MAX_PAGE_BYTES:
        raise ReportError("the page would be about %d MiB (%dx%d cores, %d layers); this tool "
                          "refuses pages over %d MiB (--trace alone still works)"
                          % (estimate >> 20, t.cols, t.rows, len(m.layers),
                             MAX_PAGE_BYTES >> 20))
    if m.noc is None or any(l.rate is None for l in m.layers) or summary is None \
            or "vector_elements_per_cycle" not in summary:
        raise ReportError("artifact manifest: the report has no link or rate figures of the "
                          "target model (an artifact of an older npc): compile the model again")
    loads, local = _link_loads(m)

    core_bytes, core_listed = [0] * cores, [False] * cores
    for o in core_memory or ():
        if isinstance(o, dict):
            x, y = integer(o, "x"), integer(o, "y")
            if 0 <= x < t.cols and 0 <= y < t.rows:
                core_bytes[y * t.cols + x] = integer(o, "bytes")
                core_listed[y * t.cols + x] = True
    fullest = -1
    for c in range(cores):
        if core_listed[c] and (fullest < 0 or core_bytes[c] > core_bytes[fullest]):
            fullest = c
    used_cores = {tile.core for l in m.layers for tile in l.tiles if 0 <= tile.core < cores}

    out = []
    out.append('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
               '<meta name="viewport" content="width=device-width, initial-scale=1">'
               '<meta name="generator" content="npc report --html"><title>npc report: '
               + esc(t.name) + ", " + str(m.period) + " cycles/frame</title><style>" + STYLE
               + "</style></head>\n<body>\n")

    # Summary.
    out.append('<h1>npc report &#8212; target <span id="target">' + esc(t.name) + "</span></h1>\n"
               '<p class="sub">' + str(t.cols) + "&#215;" + str(t.rows) + " cores, "
               + bytes_text(t.memory) + " each, " + str(t.macs_int8)
               + " INT8 MACs/cycle per core, " + fixed(t.clock_hz / 1e6, 0) + " MHz; "
               + str(len(m.layers)) + " layers, " + str(len(m.transfers))
               + " NoC transfers.</p>\n")

    def card(label, id_, value, small):
        out.append("<div><dt>" + label + '</dt><dd id="' + id_ + '">' + value + "</dd>")
        if small:
            out.append("<dd><small>" + small + "</small></dd>")
        out.append("</div>")

    out.append('<dl id="summary">')
    card("cycles / frame", "cycles-per-frame", str(m.period),
         "frames overlap: a new frame starts every %d cycles" % m.period
         if m.period < m.cycles else "")
    card("latency cycles", "latency-cycles", str(m.cycles), "")
    card("latency", "latency-us", fixed(num(summary, "latency_us"), 2) + " &#181;s", "")
    card("frames / s", "frames-per-second", fixed(num(summary, "frames_per_second"), 0), "")
    if summary is not None and "frames_per_second_batch_1" in summary:
        card("frames / s, batch 1", "frames-per-second-batch-1",
             fixed(num(summary, "frames_per_second_batch_1"), 0),
             "batch 16: " + fixed(num(summary, "frames_per_second_batch_16"), 0)
             + "; latency with the host link: "
             + fixed(num(summary, "latency_with_host_us"), 2) + " &#181;s")
        limit = summary.get("period_limited_by")
        card("period limited by", "period-limited-by",
             esc(limit) if isinstance(limit, str) else "?",
             "host link: inputs %d, outputs %d cycles per frame"
             % (_trunc(num(summary, "host_input_cycles")),
                _trunc(num(summary, "host_output_cycles"))))
    card("MAC utilization", "mac-utilization", pct(num(summary, "mac_utilization")),
         grouped(integer(summary, "total_macs"))
         + " MACs; busy MAC-array cycles over all cores' cycles")
    card("cores used", "cores-used", str(integer(summary, "cores_used")), "of %d" % cores)
    max_bytes = integer(summary, "max_core_bytes")
    card("fullest core", "fullest-core", str(max_bytes) + " <small>B</small>",
         "of %d (%s)" % (t.memory, pct(float(max_bytes) / float(t.memory)))
         + (", core " + t.core_name(fullest) if fullest >= 0 else ""))
    if summary is not None and num(summary, "energy_per_frame_uj") > 0:
        card("energy / frame", "energy-uj", fixed(num(summary, "energy_per_frame_uj"), 3)
             + " &#181;J", fixed(num(summary, "watts"), 2) + " W")
    out.append("</dl>\n")
    if summary is None or report_layers is None:
        out.append('<p class="note">This artifact has no report: the figures above are '
                   "missing.</p>\n")

    # Memory.
    out.append('<section><h2>Core memory</h2>\n<p class="note">Bytes on each core (parameters, '
               "input windows and outputs of its tiles) as a fraction of the " + str(t.memory)
               + " bytes of core memory. Row 0 is at the top; south is down.</p>\n")
    mem_scale = nice_scale(float(core_bytes[fullest]) / float(t.memory) if fullest >= 0
                           else 1.0)
    if mem_scale < 1.0:
        out.append('<p class="note">The colour scale ends at ' + tick(mem_scale * 100)
                   + "% of core memory, the first round step at or above the fullest core.</p>\n")
    legend(out, "grad-memory", VIRIDIS, "memory fill (bytes / core memory)", "unused core",
           mem_scale)
    cell = min(max(480.0 / float(max(t.cols, t.rows)), 10.0), 64.0)

    def memory_cell(c):
        if not core_listed[c]:
            return Cell("core " + t.core_name(c) + ": unused")
        fill = float(core_bytes[c]) / float(t.memory)
        return Cell("core %s: %d bytes, %s of core memory" % (t.core_name(c), core_bytes[c],
                                                             pct(fill)),
                    ramp_color(VIRIDIS, fill / mem_scale), pct(fill), fill / mem_scale < 0.6)
    core_grid(out, "core-memory", t, cell, True, "memory fill per core", memory_cell)
    out.append("\n</section>\n")

    # Per-layer utilization.
    vector_rate = integer(summary, "vector_elements_per_cycle")
    out.append('<section><h2>Utilization per layer</h2>\n<p class="note">Per layer, each core '
               "coloured by how well that layer's tiles on it use the core while they run: MACs "
               "/ ((end &#8722; start) &#215; MACs per cycle at the layer's operand width). "
               "Layers off the MAC array (pooling, add, rescale, concat, transpose) show the "
               "same ratio for the vector unit (elements / (cycles &#215; " + str(vector_rate)
               + ")). Grey: no tile of the layer on that core.</p>\n")
    legend(out, "grad-util", PLASMA, "utilization of the core while its tiles run",
           "no tile of the layer")
    small = min(max(136.0 / float(max(t.cols, t.rows)), 4.0), 20.0)
    out.append('<div class="multiples">\n')
    for li, l in enumerate(m.layers):
        mac, rate = l.mac, l.rate
        per_core = {}  # core -> [work, busy, tiles]
        work = busy = 0
        for tile in l.tiles:
            a = per_core.setdefault(tile.core, [0, 0, 0])
            a[0] += tile.macs
            a[1] += tile.end - tile.start
            a[2] += 1
            work += tile.macs
            busy += tile.end - tile.start

        def util(w, b):
            return min(1.0, float(w) / (float(b) * float(rate))) if b > 0 else 0.0
        name = esc(l.name)

        def layer_cell(c):
            a = per_core.get(c)
            if a is None:
                return Cell("core " + t.core_name(c) + ": no tile of " + name)
            u = util(a[0], a[1])
            return Cell("core %s, %s: %d tile(s), %d%s%d cycles, %s"
                        % (t.core_name(c), name, a[2], a[0],
                           " MACs in " if mac else " elements in ", a[1], pct(u)),
                        ramp_color(PLASMA, u))
        out.append("<figure>")
        core_grid(out, "layer-utilization-%d" % li, t, small, False,
                  "utilization of layer " + l.name, layer_cell)
        out.append("<figcaption><b>%d</b> %s <span class=\"kind\">%s" % (li, name,
                                                                        esc(l.kind_name)))
        if mac:
            out.append(", %d-bit" % l.bits)
        out.append("</span><br>" + pct(util(work, busy)) + (" MAC" if mac else " vector") + ", "
                   + str(len(per_core)) + (" core" if len(per_core) == 1 else " cores")
                   + "</figcaption></figure>\n")
    out.append("</div>\n</section>\n")

    # NoC.
    noc_section(out, m, used_cores, loads, local)

    # Layer table.
    out.append('<section><h2>Layers</h2>\n<p class="note">From the report: MACs count '
               "multiply-accumulates (0 for layers off the MAC array); cycles run from the "
               "layer's first tile start to its last tile end; compute cycles are its longest "
               "tile; MAC utilization is MACs / (cycles &#215; cores &#215; MACs per cycle at "
               "the operand width). The bar shows the layer's span within the frame.</p>\n")
    out.append('<table id="layers"><thead><tr><th>#</th><th>layer</th><th>kind</th><th>tiles</th>'
               "<th>cores</th><th>MACs</th><th>start</th><th>cycles</th><th>compute cycles</th>"
               "<th>MAC util</th><th>operand bits</th><th>span in frame</th></tr></thead>"
               "<tbody>\n")
    frame = float(max(1, m.cycles))
    for i, l in enumerate(report_layers or ()):
        if not isinstance(l, dict):
            continue
        start, cyc = integer(l, "start_cycle"), integer(l, "cycles")
        color = layer_color(i)
        out.append('<tr><td class="num">' + str(i) + '</td><td class="name"><span class="swatch" '
                   'style="background:' + color + '"></span>' + esc(get_string(l, "name"))
                   + "</td><td>" + esc(get_string(l, "kind")) + '</td><td class="num">'
                   + str(integer(l, "tiles")) + '</td><td class="num">'
                   + str(integer(l, "cores_used")) + '</td><td class="num">'
                   + str(integer(l, "macs")) + '</td><td class="num">' + str(start)
                   + '</td><td class="num">' + str(cyc) + '</td><td class="num">'
                   + str(integer(l, "compute_cycles")) + '</td><td class="num">'
                   + fixed(100 * num(l, "mac_utilization"), 2) + ' %</td><td class="num">'
                   + str(integer(l, "operand_bits")) + '</td><td><div class="span"><div '
                   'style="left:' + fixed(100 * float(start) / frame, 2) + "%;width:"
                   + fixed(100 * float(cyc) / frame, 2) + "%;background:" + color
                   + '"></div></div></td></tr>\n')
    out.append("</tbody></table>\n</section>\n")

    # Timeline.
    timeline_section(out, m, used_cores)
    out.append("</body></html>\n")
    return "".join(out)


#===----------------------------------------------------------------------===#
# Chrome trace (tools/npc/npc.cpp)
#===----------------------------------------------------------------------===#

def chrome_trace(manifest):
    """The timetable as Chrome trace events (one track per core, one per NoC;
    timestamps in microseconds at the target clock): the object `npc report
    --trace` writes. trace_text gives its bytes."""
    m = manifest if isinstance(manifest, Manifest) else _check_manifest(manifest)
    us = 1e6 / m.target.clock_hz
    events = [{"ph": "M", "name": "process_name", "pid": 0, "args": {"name": "cores"}},
              {"ph": "M", "name": "process_name", "pid": 1, "args": {"name": "NoCs"}}]
    cores = set()
    for l in m.layers:
        for t in l.tiles:
            cores.add(t.core)
            events.append({"ph": "X", "name": l.name, "pid": 0, "tid": t.core,
                           "ts": float(t.start) * us, "dur": float(t.end - t.start) * us,
                           "args": {"macs": t.macs, "box": t.box}})
    for c in sorted(cores):
        events.append({"ph": "M", "name": "thread_name", "pid": 0, "tid": c,
                       "args": {"name": "core " + m.target.core_name(c)}})
    for k, name in enumerate(NOC_NAMES):
        events.append({"ph": "M", "name": "thread_name", "pid": 1, "tid": k,
                       "args": {"name": name + " NoC"}})
    # Transfers overlap on a NoC: async slices.
    for x in m.transfers:
        common = {"cat": "transfer", "name": "transfer %d" % x.id, "pid": 1, "tid": x.noc,
                  "id": x.id}
        events.append(dict(common, ph="b", ts=float(x.start) * us,
                           args={"bytes": x.bytes, "src": x.src, "dst": x.dst,
                                 "hops": len(x.route)}))
        events.append(dict(common, ph="e", ts=float(x.arrive) * us))
    return {"traceEvents": events, "displayTimeUnit": "ns"}


def trace_text(trace):
    """The file `npc report --trace` writes for `trace`: llvm::json's printing
    and a newline."""
    return llvm_json(trace) + "\n"


#===----------------------------------------------------------------------===#
# The report table on standard output (npc.cpp's reportCommand)
#===----------------------------------------------------------------------===#

def _plain(s):
    """A name for the terminal: control characters (C0, DEL, C1: escape
    sequences, newlines) and unpaired surrogates as U+FFFD."""
    return "".join("\ufffd" if c < " " or "\x7f" <= c <= "\x9f" or "\ud800" <= c <= "\udfff"
                   else c for c in s)


def _pad(s, width, left):
    # formatv pads by bytes, not characters.
    n = width - len(s.encode("utf-8"))
    return s if n <= 0 else (s + " " * n if left else " " * n + s)


def _fmt_f(v, prec):
    """formatv's {:fN}: llvm::write_double into a 32-byte buffer."""
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "-INF" if v < 0 else "INF"
    return ("%.*f" % (prec, v))[:31]


def table_text(manifest):
    """What `npc report` prints: the summary line and a row per report layer.
    Names go through _plain, so a name cannot drive the terminal."""
    m = manifest if isinstance(manifest, Manifest) else _check_manifest(manifest)
    summary, layers = m.report.get("summary"), m.report.get("layers")
    layers = layers if isinstance(layers, list) else []
    lines = ["target %s: %d cycles/frame, latency %d cycles = %s us, %s frames/s, MAC utilization "
             "%s %%, %d cores used, fullest core %d of %d bytes"
             % (_plain(m.target.name), m.period, m.cycles, _fmt_f(num(summary, "latency_us"), 2),
                _fmt_f(num(summary, "frames_per_second"), 0),
                _fmt_f(100 * num(summary, "mac_utilization"), 2),
                _trunc(num(summary, "cores_used")), _trunc(num(summary, "max_core_bytes")),
                m.target.memory)]
    if isinstance(summary, dict) and "frames_per_second_batch_1" in summary:
        limit = summary.get("period_limited_by")
        lines.append("period limited by %s; host link %d cycles in, %d out per frame; frames/s at "
                     "batch 1: %s, batch 16: %s"
                     % (_plain(limit if isinstance(limit, str) else "?"),
                        _trunc(num(summary, "host_input_cycles")),
                        _trunc(num(summary, "host_output_cycles")),
                        _fmt_f(num(summary, "frames_per_second_batch_1"), 0),
                        _fmt_f(num(summary, "frames_per_second_batch_16"), 0)))
    lines.append("%-28s%-10s%6s%6s%12s%10s%10s%8s" % ("layer", "kind", "tiles", "cores", "MACs",
                                                    "start", "cycles", "util%"))
    for l in layers:
        if not isinstance(l, dict):
            continue  # the C++ would dereference null here
        lines.append(_pad(_plain(get_string(l, "name")), 28, True)
                     + _pad(_plain(get_string(l, "kind")), 10, True)
                     + "".join(_pad(str(_trunc(num(l, k))), w, False)
                               for k, w in (("tiles", 6), ("cores_used", 6), ("macs", 12),
                                            ("start_cycle", 10), ("cycles", 10)))
                     + _pad(_fmt_f(100 * num(l, "mac_utilization"), 1), 8, False))
    return "\n".join(lines) + "\n"


#===----------------------------------------------------------------------===#
# Driver
#===----------------------------------------------------------------------===#

class _ArgParser(argparse.ArgumentParser):
    def error(self, message):
        raise ReportError(message)


def _write(path, text):
    data = text.encode("utf-8")
    try:
        if path == "-":
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
            return
        with open(path, "wb") as f:
            f.write(data)
    except OSError as e:
        raise ReportError("cannot write '%s': %s" % (path, e.strerror or e)) from None


def _run(argv):
    ap = _ArgParser(prog="report.py", description=__doc__.split("\n")[0])
    ap.add_argument("artifact", nargs="?", help="the .npx written by npc compile")
    ap.add_argument("--manifest", help="a manifest JSON file instead of an artifact")
    ap.add_argument("--html", help="write the page here")
    ap.add_argument("--trace", help="write the Chrome trace here")
    ap.add_argument("--no-table", action="store_true",
                    help="do not print the table (`npc report` prints its own)")
    args = ap.parse_args(argv)
    if (args.artifact is None) == (args.manifest is None):
        raise ReportError("give an artifact MODEL.npx or --manifest FILE.json (one of them)")
    path = args.manifest if args.manifest is not None else args.artifact
    _, m = _load(path, args.manifest is not None)
    # As the C++: a table needs the report.
    if not isinstance(m.report.get("summary"), dict) or not isinstance(m.report.get("layers"),
                                                                       list):
        raise ReportError("the artifact has no report")
    # Everything that can fail on the input fails before anything is written.
    page = render_html(m) if args.html is not None else None
    trace = trace_text(chrome_trace(m)) if args.trace is not None else None
    if not args.no_table:
        _write("-", table_text(m))
    if page is not None:
        _write(args.html, page)
    if trace is not None:
        _write(args.trace, trace)
    return 0


def _one_line(msg):
    return "".join("\ufffd" if c < " " or c == "\x7f" else c for c in msg)


def main(argv=None):
    """`npc report` in Python; returns the exit code (0, or 2 after one error
    line on stderr)."""
    try:
        return _run(sys.argv[1:] if argv is None else argv)
    except ReportError as e:
        msg = str(e)
    except MemoryError:
        msg = "out of memory"
    except RecursionError:
        msg = "input nested too deeply"
    except Exception as e:  # a bug here, not bad input: still one line
        msg = "internal error: %s: %s" % (type(e).__name__, e)
    sys.stderr.buffer.write(("npc report: error: " + _one_line(msg) + "\n")
                            .encode("utf-8", "backslashreplace"))
    sys.stderr.buffer.flush()
    return 2


if __name__ == "__main__":
    sys.exit(main())
