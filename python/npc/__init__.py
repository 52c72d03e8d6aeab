"""npc: compile quantized ONNX networks for NorthPole-class chips, run them on
the bundled functional executor, and compare with the reference interpreter.

    import npc
    art = npc.compile("model.onnx", target="northpole")   # path, bytes or onnx.ModelProto
    y = art.run(x)                                          # ndarray (or dict name -> ndarray)
    art.report["summary"]["frames_per_second"]
    art.save("model.npx"); art2 = npc.load("model.npx")
    y_ref = npc.reference("model.onnx", x)

Errors raise npc.CompileError (bad model: names the ONNX node and op type),
npc.ArtifactError (corrupt artifact) or npc.RunError (bad inputs, schedule
violations); all derive from npc.Error.
"""
import json
import operator
import os

import numpy as np

from ._npc import ArtifactError, CompileError, Error, RunError  # noqa: F401
from . import _npc

__all__ = ["compile", "load", "reference", "Artifact", "Error", "CompileError",
           "ArtifactError", "RunError"]


def _pack_bits(values, bits):
    """Packs integers densely at `bits` (2 or 4) per value, low bits first, as
    ONNX INT4/UINT4/INT2/UINT2 raw data."""
    v = np.asarray(values, dtype=np.int64).reshape(-1) & ((1 << bits) - 1)
    out = np.zeros((len(v) * bits + 7) // 8, dtype=np.uint8)
    for i, x in enumerate(v):
        out[(i * bits) // 8] |= np.uint8(x << ((i * bits) % 8))
    return out.tobytes()


def _model_bytes(model):
    if isinstance(model, (bytes, bytearray)):
        return bytes(model)
    if isinstance(model, (str, os.PathLike)):
        try:
            with open(model, "rb") as f:
                return f.read()
        except OSError as e:
            raise CompileError(f"cannot read '{model}': {e.strerror}") from None
    if hasattr(model, "SerializeToString"):  # onnx.ModelProto
        return model.SerializeToString()
    raise TypeError("model must be a path, bytes or an onnx.ModelProto, got "
                    + type(model).__name__)


def _binds(bind):
    return {k: np.ascontiguousarray(v) for k, v in (bind or {}).items()}


def _shapes(shapes):
    return {k: [int(d) for d in v] for k, v in (shapes or {}).items()}


class Artifact:
    """A compiled network: per-core programs and weight images (one .npx)."""

    def __init__(self, impl):
        self._impl = impl
        self._manifest = json.loads(impl.manifest())
        self.last_stats = None

    @property
    def report(self):
        """The report as a dict (the same as `npc compile --report`)."""
        return self._manifest["report"]

    @property
    def inputs(self):
        """[(name, dtype, shape)] of the graph inputs."""
        return [(n, d, list(s)) for n, d, s in self._impl.inputs()]

    @property
    def outputs(self):
        return list(self._impl.outputs())

    def save(self, path):
        with open(path, "wb") as f:
            f.write(self._impl.data())

    def run(self, x):
        """Runs frames on the simulated chip.

        `x` is an ndarray (single-input models) or a dict name -> ndarray. A
        leading dimension of B on a model whose batch dimension is 1 runs B
        frames and concatenates the results; the frames run pipelined, as on
        the chip (up to 64 at a time). Returns an ndarray for single-output
        models, else a dict name -> ndarray. Executor counts of the last run
        (latency `cycles`, measured `cycles_per_frame`) are in `last_stats`.
        """
        single = not isinstance(x, dict)
        specs = self.inputs
        if single:
            if len(specs) != 1:
                raise RunError(f"the model has {len(specs)} inputs: pass a dict name -> array")
            x = {specs[0][0]: x}
        missing = [n for n, _, _ in specs if n not in x]
        extra = [n for n in x if n not in {s[0] for s in specs}]
        if missing or extra:
            raise RunError(f"inputs missing {missing} or unknown {extra}")
        arrays = [np.asarray(x[n]) for n, _, _ in specs]
        frames = 1
        for a, (name, dtype, shape) in zip(arrays, specs):
            # int32 inputs take int64 too (token ids as torch writes them),
            # when the values fit.
            if a.dtype != np.dtype(dtype) and not (dtype == "int32" and a.dtype == np.int64):
                raise RunError(f"input '{name}' must be {dtype}, got {a.dtype}")
            if list(a.shape) != shape:
                if shape and shape[0] == 1 and a.ndim == len(shape) and list(a.shape[1:]) == shape[1:]:
                    frames = max(frames, a.shape[0]) if frames == 1 or frames == a.shape[0] else -1
                else:
                    raise RunError(f"input '{name}' must have shape {shape}, got {list(a.shape)}")
        if frames < 0:
            raise RunError("inputs disagree on the number of frames")
        results = []
        for first in range(0, frames, 64):
            chunk = [[a[f:f + 1] if frames > 1 and a.shape[0] == frames and s[2][:1] == [1] else a
                      for a, s in zip(arrays, specs)]
                     for f in range(first, min(frames, first + 64))]
            outs, stats = self._impl.run(chunk)
            self.last_stats = json.loads(stats)
            results.extend(outs)
        outs = [np.concatenate([r[i] for r in results], axis=0) if frames > 1 else results[0][i]
                for i in range(len(results[0]))]
        names = self.outputs
        return outs[0] if len(outs) == 1 else dict(zip(names, outs))


def _limits(limits):
    """Import limits by name; npc::ImportLimits::set checks names and ranges.
    operator.index takes whole numbers only (1.5 is refused, not cut to 1)."""
    out = {}
    for k, v in (limits or {}).items():
        v = operator.index(v)
        if not -2**63 <= v < 2**63:  # would not reach the check as an int64
            raise ValueError(f"limit {k} must be 1 to 2^34, got {v}")
        out[str(k)] = v
    return out


def compile(model, target="northpole", parallel=16, bind=None, shapes=None, pipeline=True,
            search=False, limits=None, min_parallel_cycles=16, fill_span="auto",
            fuse_conv_add="auto", stream_weights="auto", split_reductions="auto"):
    """Compiles an ONNX model (path, bytes or onnx.ModelProto) for `target`
    ("northpole", "small" or a JSON file). `bind` freezes graph inputs to
    arrays; `shapes` fixes dynamic input dimensions; `pipeline=False` runs
    frames one after another instead of overlapping them; `search=True`
    tries several mappings and keeps the fastest by the cost model;
    `limits` changes import limits by name, as `npc --limit` does, e.g.
    {"nodes": 2**21} (docs/import.md). A layer gets `parallel` tiles only as
    far as each keeps `min_parallel_cycles` compute cycles (0: always).
    `fill_span`, `fuse_conv_add` and `stream_weights` ("auto", "on" or
    "off") are `npc compile --fill-span`, `--fuse-conv-add` and
    `--stream-weights`; `split_reductions` ("auto" or "off") is
    `--split-reductions`."""
    if int(min_parallel_cycles) < 0:
        raise ValueError(f"min_parallel_cycles must be >= 0, got {min_parallel_cycles}")
    return Artifact(_npc.compile(_model_bytes(model), str(target), int(parallel),
                                 int(min_parallel_cycles), bool(pipeline),
                                 bool(search), _binds(bind), _shapes(shapes), _limits(limits),
                                 str(fill_span), str(fuse_conv_add), str(stream_weights),
                                 str(split_reductions)))


def load(path):
    """Loads a .npx artifact written by Artifact.save or `npc compile`."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise ArtifactError(f"cannot read '{path}': {e.strerror}") from None
    return Artifact(_npc.load_bytes(data))


def reference(model, x, bind=None, shapes=None, limits=None):
    """Runs npc's reference interpreter (integer-only semantics) on one frame;
    `x` as for Artifact.run (no batching). Returns the same kinds."""
    data = _model_bytes(model)
    if isinstance(x, dict):
        raise TypeError("reference takes the inputs in graph order: an array or a list")
    xs = [np.ascontiguousarray(a) for a in (x if isinstance(x, (list, tuple)) else [x])]
    outs = _npc.reference(data, xs, _binds(bind), _shapes(shapes), _limits(limits))
    return outs[0] if len(outs) == 1 else outs
