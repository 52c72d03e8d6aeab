"""Compares two scheduled (noc-stage) modules of the same network: the
first a default tiling's, the second a coarser one's. Prints whether the
period is the same, the latency (the schedule's cycles) within 2% and the
number of tiles (noc.compute ops) smaller."""
import re
import sys


def schedule(path):
    text = open(path).read()
    m = re.search(r"noc\.schedule attributes \{cycles = (\d+) : i64, period = (\d+) : i64\}", text)
    return int(m.group(2)), int(m.group(1)), len(re.findall(r"\bnoc\.compute\b", text))


(p0, c0, t0), (p1, c1, t1) = schedule(sys.argv[1]), schedule(sys.argv[2])
print("same period:", p0 == p1)
print("latency within 2%:", c1 * 100 <= c0 * 102)
print("fewer tiles:", t1 < t0)
