"""What the e2e suite scripts share: where things are, and their common options."""
import argparse
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
RUN_ORT = os.path.join(ROOT, 'test', 'oracle', 'run_ort.js')
sys.path.insert(0, os.path.join(ROOT, 'test', 'gen'))  # gen_models


def suite_parser(doc, kinds, count, targets=False, min_identical=False):
    """An argument parser with the options every suite takes: the npc binary, a work
    directory, the seed and count of generated models per kind (of `kinds`), the
    allowed quantization steps and a per-command timeout; optionally the targets
    (default northpole and small) and the least fraction of identical elements."""
    ap = argparse.ArgumentParser(description=doc.split('\n')[0])
    ap.add_argument('--npc', required=True)
    ap.add_argument('--work', required=True)
    ap.add_argument('--seed', type=int, default=0)
    ap.add_argument('--count', type=int, default=count, help='models per kind')
    ap.add_argument('--kind', action='append', choices=list(kinds), help='default: all')
    if targets:
        ap.add_argument('--target', action='append', help='repeatable; default northpole and small')
    ap.add_argument('--max-steps', type=float, default=1.0)
    if min_identical:
        ap.add_argument('--min-identical', type=float, default=0.99)
    ap.add_argument('--timeout', type=int, default=300)
    return ap


def run(cmd, timeout):
    """Runs cmd; returns None on success, else a one-line reason."""
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return f'timed out after {timeout}s'
    if r.returncode != 0:
        msg = (r.stderr.strip() or r.stdout.strip()).splitlines()
        return f'exit {r.returncode}: {msg[-1] if msg else "(no output)"}'
    return None
