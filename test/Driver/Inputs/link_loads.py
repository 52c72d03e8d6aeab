#!/usr/bin/python3
"""Recomputes an artifact's NoC link loads from its transfers and compares
them with its report's `noc.link_loads` (report-target-model.test).

  link_loads.py MODEL.npx

The rule, written here apart from the compiler (docs/noc.md): a transfer
holds each link of its route for max(1, ceil(bytes / the NoC's link bytes
per cycle)) cycles; the transfers of one multicast group count a link once.
Prints "link loads: N loaded links, equal", else the first difference and
exits 1.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "..", "python", "npc"))
import report  # noqa: E402  (its artifact reader only)

NOCS = ("activation", "partial_sum", "model", "instruction")
DEFAULT_WIDTH = (256, 256, 256, 64)  # docs/target.md


def main():
    m = report.load_manifest(sys.argv[1])
    noc = m["target"].get("noc", {})
    width = [noc.get(n, {}).get("link_bytes_per_cycle", DEFAULT_WIDTH[i])
             for i, n in enumerate(NOCS)]
    loads, seen = {}, set()
    for x in m["transfers"]:
        # The manifest's 16 fields: id, noc, src, dst, bytes, start, arrive,
        # route, ..., group last.
        kind, nbytes, route, group = x[1], x[4], x[7], x[15]
        for link in route:
            if group >= 0:
                if (group, link) in seen:
                    continue
                seen.add((group, link))
            v = loads.setdefault((kind, link), [0, 0, 0])
            v[0] += max(1, -(-nbytes // width[kind]))
            v[1] += 1
            v[2] += nbytes
    mine = sorted([k[0], k[1]] + v for k, v in loads.items())
    theirs = m["report"]["noc"]["link_loads"]
    if mine != theirs:
        diff = next((a, b) for a, b in zip(mine + [None] * len(theirs),
                                           theirs + [None] * len(mine)) if a != b)
        print("link loads differ: recomputed %s, report %s" % diff)
        return 1
    print("link loads: %d loaded links, equal" % len(mine))
    return 0


if __name__ == "__main__":
    sys.exit(main())
