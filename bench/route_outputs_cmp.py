#!/usr/bin/python3
"""bench/route_outputs_cmp.py A.json B.json (two bench/route_outputs.py records): same/differ counts (rc, sha1, stderr), one line per
differing file, then B's files whose two routes are not identical."""
import json
import sys


def first(s):
    s = (s or "").strip().splitlines()
    return s[0] if s else ""


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    a, b = (json.load(open(p)) for p in sys.argv[1:])
    keys = sorted(set(a) | set(b))
    same, differ = [], []
    for k in keys:
        ra, rb = a.get(k), b.get(k)
        if ra and rb and all(ra.get(x) == rb.get(x) for x in ("rc", "sha1", "stderr")):
            same.append(k)
        else:
            differ.append(k)
    print(f"same {len(same)} differ {len(differ)}")
    for k in differ:
        ra, rb = a.get(k) or {}, b.get(k) or {}
        print(f"{k}: rc {ra.get('rc', 'missing')} -> {rb.get('rc', 'missing')} | "
              f"A: {first(ra.get('stderr'))} | B: {first(rb.get('stderr'))}")
    ni = [k for k in sorted(b) if b[k].get("identical") is False]
    print(f"B not identical across routes: {len(ni)}")
    for k in ni[:30]:
        print(f"  {k}")
    if len(ni) > 30:
        print(f"  ... {len(ni) - 30} more")


if __name__ == "__main__":
    main()
