#!/usr/bin/env node
// Times onnxruntime-node (CPU) on one model: one session, warm-up runs, then
// the best and median wall time per frame over timed runs, as JSON on stdout.
//   node bench/ort_time.js model.onnx input.npy [--runs 20] [--no-opt]
// It shares the .npy reader of the test oracle (test/oracle/run_ort.js).
'use strict';
const path = require('path');
const oracle = require(path.join(__dirname, '..', 'test', 'oracle', 'run_ort.js'));
const ort = oracle.ort;

async function main() {
  const args = process.argv.slice(2);
  const noOpt = args.includes('--no-opt');
  const runsAt = args.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 20;
  const [model, input] = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--runs');
  const session = await ort.InferenceSession.create(model, {
    executionProviders: ['cpu'],
    graphOptimizationLevel: noOpt ? 'disabled' : 'all',
    logSeverityLevel: 3,
  });
  const feeds = { [session.inputNames[0]]: oracle.readNpy(input) };
  for (let i = 0; i < 3; ++i) await session.run(feeds); // warm-up
  const times = [];
  for (let i = 0; i < runs; ++i) {
    const t0 = process.hrtime.bigint();
    await session.run(feeds);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  console.log(JSON.stringify({ best_ms: times[0], median_ms: times[times.length >> 1], runs }));
}

main().catch((e) => { console.error(e.message); process.exit(1); });
