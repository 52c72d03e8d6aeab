#!/usr/bin/env node
// Runs an ONNX model on onnxruntime-node (CPU) and writes its first output as .npy.
// It is the oracle npc's reference interpreter is compared against.
//   node run_ort.js model.onnx out.npy in0.npy [in1.npy ...] [--no-opt]
//   node run_ort.js model.onnx OUTDIR in0.npy ... --all   (every output: OUTDIR/<i>.npy)
// Inputs bind to the session's inputs in graph-input order. --no-opt disables ORT's graph
// optimizations (its QDQ fusions), so the model runs node by node as written.
'use strict';
const fs = require('fs');
const path = require('path');
const ort = require(path.join(__dirname, 'node_modules', 'onnxruntime-node'));

// npy descr <-> onnxruntime tensor type and typed array. Only little-endian, C order.
const DTYPES = {
  '|u1': ['uint8', Uint8Array],
  '|i1': ['int8', Int8Array],
  '<u2': ['uint16', Uint16Array],
  '<i2': ['int16', Int16Array],
  '<i4': ['int32', Int32Array],
  '<f4': ['float32', Float32Array],
  '<i8': ['int64', BigInt64Array],
};
const DESCR_OF = Object.fromEntries(Object.entries(DTYPES).map(([d, [t]]) => [t, d]));

function readNpy(file) {
  const buf = fs.readFileSync(file);
  if (buf.toString('latin1', 0, 6) !== '\x93NUMPY') throw new Error(`${file}: not a .npy file`);
  const major = buf[6];
  // v1 has a 2-byte header length, v2/v3 a 4-byte one; accept all since numpy may pick v2.
  const hlen = major === 1 ? buf.readUInt16LE(8) : buf.readUInt32LE(8);
  const hstart = major === 1 ? 10 : 12;
  const header = buf.toString('latin1', hstart, hstart + hlen);
  const descr = /'descr':\s*'([^']+)'/.exec(header);
  const fortran = /'fortran_order':\s*(True|False)/.exec(header);
  const shape = /'shape':\s*\(([^)]*)\)/.exec(header);
  if (!descr || !fortran || !shape) throw new Error(`${file}: bad .npy header: ${header}`);
  if (fortran[1] === 'True') throw new Error(`${file}: Fortran-order arrays are not supported`);
  const entry = DTYPES[descr[1]];
  if (!entry) throw new Error(`${file}: unsupported dtype ${descr[1]}`);
  const dims = shape[1].split(',').map((s) => s.trim()).filter((s) => s).map(Number);
  const count = dims.reduce((a, b) => a * b, 1);
  const [type, Arr] = entry;
  const start = hstart + hlen;
  // Copy into a fresh buffer: the data offset need not be aligned to the element size.
  const bytes = buf.subarray(start, start + count * Arr.BYTES_PER_ELEMENT);
  if (bytes.length !== count * Arr.BYTES_PER_ELEMENT) throw new Error(`${file}: truncated data`);
  const data = new Arr(count);
  new Uint8Array(data.buffer).set(bytes);
  return new ort.Tensor(type, data, dims);
}

function writeNpy(file, tensor) {
  const descr = DESCR_OF[tensor.type];
  if (!descr) throw new Error(`output type ${tensor.type} cannot be written as .npy`);
  const dims = tensor.dims.map(Number);
  const shape = dims.length === 1 ? `(${dims[0]},)` : `(${dims.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shape}, }`;
  // v1.0: magic(6) + version(2) + len(2) + header padded with spaces to a multiple of 64, '\n'-ended.
  header += ' '.repeat(63 - ((10 + header.length) % 64)) + '\n';
  const pre = Buffer.alloc(10);
  pre.write('\x93NUMPY', 0, 'latin1');
  pre[6] = 1;
  pre[7] = 0;
  pre.writeUInt16LE(header.length, 8);
  const d = tensor.data;
  fs.writeFileSync(file, Buffer.concat([pre, Buffer.from(header, 'latin1'),
    Buffer.from(d.buffer, d.byteOffset, d.byteLength)]));
}

async function main() {
  const argv = process.argv.slice(2);
  const noOpt = argv.includes('--no-opt');
  const all = argv.includes('--all');
  const pos = argv.filter((a) => a !== '--no-opt' && a !== '--all');
  if (pos.length < 2 || pos.some((a) => a.startsWith('--'))) {
    throw new Error('usage: node run_ort.js model.onnx out.npy in0.npy [in1.npy ...] [--no-opt] [--all]');
  }
  const [model, out, ...inputs] = pos;
  const options = {
    executionProviders: ['cpu'],
    graphOptimizationLevel: noOpt ? 'disabled' : 'all',
    logSeverityLevel: 3,   // errors only: its warnings (unused initializers...) are noise here
  };
  // On x64 CPUs without VNNI (AVX2, AVX-512F), ORT's u8s8 kernels add pairs of products
  // in 16 bits with saturation (vpmaddubsw) and so differ from exact integer arithmetic by
  // tens of steps; this option makes ORT widen weights outside [-64, 63] instead. It changes
  // nothing on VNNI CPUs (docs/semantics.md). ORT 1.30's rewrite for it fails on some
  // PyTorch QAT exports ("Attempt to replace the existing tensor"): those run without it.
  let session;
  try {
    session = await ort.InferenceSession.create(model, {
      ...options, extra: { session: { x64quantprecision: '1' } },
    });
  } catch (e) {
    session = await ort.InferenceSession.create(model, options);
  }
  if (inputs.length !== session.inputNames.length) {
    throw new Error(`model has ${session.inputNames.length} inputs ` +
      `(${session.inputNames.join(', ')}), got ${inputs.length} .npy files`);
  }
  const feeds = {};
  session.inputNames.forEach((name, i) => { feeds[name] = readNpy(inputs[i]); });
  const results = await session.run(feeds);
  if (all) {
    fs.mkdirSync(out, { recursive: true });
    session.outputNames.forEach((name, i) => writeNpy(path.join(out, `${i}.npy`), results[name]));
  } else {
    writeNpy(out, results[session.outputNames[0]]);
  }
}

// bench/ort_time.js reuses the .npy reader and the package.
module.exports = { ort, readNpy, writeNpy };

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`run_ort: ${e && e.message ? e.message : e}\n`);
    process.exit(1);
  });
}
