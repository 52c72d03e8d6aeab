"""Runs npc-opt on a legalized (untiled) module with every tiling variant
(min-parallel-cycles 16, 64, 128; 16 with channels cut to any count; 16
with fill-span) and mapping variant (the defaults,
row-merge-percent 20, band-rows 8, row-merge-percent 30, row-merge-percent 0) that
npc-search-mapping retile=true tries, one pipeline each, and prints the
smallest (period, cycles): what the search must pick.

    best_variant.py NPC_OPT MODULE.mlir"""
import re
import subprocess
import sys

npc_opt, module = sys.argv[1], sys.argv[2]
best = None
for tiling in ["min-parallel-cycles=16", "min-parallel-cycles=64", "min-parallel-cycles=128",
               "min-parallel-cycles=16 lane-aligned=false", "min-parallel-cycles=16 fill-span=true"]:
    for mapping in ["", "=row-merge-percent=20", "=band-rows=8", "=row-merge-percent=30",
                    "=row-merge-percent=0"]:
        r = subprocess.run([npc_opt, module, f"-npc-tile-layers={tiling}",
                            "-npc-map-to-cores" + mapping, "-npc-schedule-noc"],
                           capture_output=True, text=True)
        if r.returncode:
            continue  # does not fit: the search skips it too
        m = re.search(r"noc.schedule attributes \{cycles = (\d+) : i64, period = (\d+) : i64\}",
                      r.stdout)
        cost = (int(m.group(2)), int(m.group(1)))
        best = cost if best is None or cost < best else best
print(f"period = {best[0]}, cycles = {best[1]}")
