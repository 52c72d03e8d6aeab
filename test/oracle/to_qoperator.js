#!/usr/bin/env node
// Writes onnxruntime's own QOperator form of a QDQ model: the session's graph
// optimizer at level "extended" (its QDQ fusions: DequantizeLinear -> Conv ->
// QuantizeLinear becomes QLinearConv, Add becomes com.microsoft QLinearAdd,
// Gemm QGemm, ...; no layout-specific kernels) saved with optimizedModelFilePath.
//   node to_qoperator.js model.onnx out.onnx
'use strict';
const path = require('path');
const ort = require(path.join(__dirname, 'node_modules', 'onnxruntime-node'));

async function main() {
  const args = process.argv.slice(2);
  if (args.length !== 2) throw new Error('usage: node to_qoperator.js model.onnx out.onnx');
  await ort.InferenceSession.create(args[0], {
    executionProviders: ['cpu'],
    graphOptimizationLevel: 'extended',
    optimizedModelFilePath: args[1],
    logSeverityLevel: 3,
  });
}

main().catch((e) => { console.error(e.message); process.exit(1); });
