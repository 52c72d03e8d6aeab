"""10,000 frames through Artifact.run, one call each: the outputs stay equal to the
reference interpreter's and the process does not grow (the executor keeps its core
memories, per-thread scratch and thread pool between runs and allocates nothing that
outlives a run). A hang here is a thread-pool bug: each call starts many parallel loops."""
import numpy as np

import npc


def rss_kb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS in /proc/self/status")


def test_ten_thousand_frames_flat_memory(heldout):
    model, inp = heldout
    x = np.load(inp)
    art = npc.compile(model)
    want = npc.reference(model, x)
    rng = np.random.default_rng(3)
    other = rng.integers(0, 256, size=x.shape).astype(x.dtype) if x.dtype == np.uint8 else \
        rng.standard_normal(x.shape).astype(x.dtype)
    want_other = npc.reference(model, other)
    samples = {}
    for i in range(1, 10001):
        out = art.run(x if i % 2 else other)
        if i in (1, 2, 9999, 10000):
            assert np.array_equal(out, want if i % 2 else want_other), f"frame {i}"
        if i in (1000, 10000):
            samples[i] = rss_kb()
    # After warm-up nothing grows with the number of frames: allow 1 MB of allocator noise
    # over 9,000 frames (a leak of one byte per tile and frame would show as more).
    assert samples[10000] - samples[1000] < 1024, samples
