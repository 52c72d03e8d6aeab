"""A write that fails (here: a file-size limit of 0 bytes, as `ulimit -f 0`; a full disk fails
the same way) is one `npc: error: cannot write ...` line and exit 2 from every command that
writes, not LLVM's "IO failure" abort, and leaves no half-written artifact."""
import os
import resource
import subprocess

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MODEL = os.path.join(ROOT, "examples", "tiny_cnn.onnx")


def limited(cmd):
    def no_file_growth():
        resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
    return subprocess.run(cmd, capture_output=True, text=True, preexec_fn=no_file_growth)


def test_every_writer_reports_one_line(tmp_path, npc_bin):
    art = tmp_path / "ok.npx"
    subprocess.run([npc_bin, "compile", MODEL, "--target", "small", "-o", str(art)], check=True)
    x = tmp_path / "x.npy"
    np.save(x, np.zeros((1, 1, 7, 9), np.float32))
    cases = {
        "artifact": [npc_bin, "compile", MODEL, "--target", "small", "-o", str(tmp_path / "a.npx")],
        "npy": [npc_bin, "run", str(art), "-i", str(x), "-o", str(tmp_path / "o.npy")],
        "mlir": [npc_bin, "import", MODEL, "-o", str(tmp_path / "m.mlir")],
    }
    for what, cmd in cases.items():
        r = limited(cmd)
        target = cmd[cmd.index("-o") + 1]
        assert r.returncode == 2, (what, r.stderr)
        assert r.stderr == f"npc: error: cannot write '{target}': File too large\n", (what, r.stderr)
    assert not os.path.exists(tmp_path / "a.npx")
    assert not any(p.name.startswith("a.npx") for p in tmp_path.iterdir())


def test_mlir_tools_report_one_line(tmp_path, npc_bin):
    """npc-opt and npc-translate write through MLIR's output helpers, which
    raise an LLVM fatal error on a failed write: one line and exit 2, no stack
    dump, no file left."""
    bindir = os.path.dirname(npc_bin)
    mlir = tmp_path / "m.mlir"
    subprocess.run([npc_bin, "import", MODEL, "-o", str(mlir)], check=True)
    cases = {
        "npc-opt": [os.path.join(bindir, "npc-opt"), str(mlir), "--npc-compile",
                    "-o", str(tmp_path / "o.mlir")],
        "npc-translate": [os.path.join(bindir, "npc-translate"), "--import-onnx", MODEL,
                          "-o", str(tmp_path / "t.mlir")],
    }
    for tool, cmd in cases.items():
        r = limited(cmd)
        assert r.returncode == 2, (tool, r.stderr)
        assert r.stderr == f"{tool}: error: cannot write the output: File too large\n", r.stderr
        assert not os.path.exists(cmd[-1])
