//===- WideTables.cpp - how far a 16-bit table's rounding reaches ---------===//
//
// A float function of an activation that no QuantizeLinear quantizes (the
// squeeze-excite gate x * sigmoid(g)) is a 16-bit table npc chose
// (wideTableParams: zero point 0, step max|f| / 65535, or / 32767 signed),
// so its reader gets values onnxruntime keeps in float, each up to half a
// step off. For a gate in [0, 1] that is nothing; for exp over an 8-bit
// input's range (up to e^24) the step is in the millions and small values
// are all 0. Here, after the conversion, each reader's output is bounded:
// the rounding times what the reader multiplies it by, in the reader's
// output steps. Up to one step, the output is within one step of the
// exact one, as everywhere else; beyond, it may be further off, and the
// node is refused (docs/semantics.md).
//
//===----------------------------------------------------------------------===//

#include "WideTables.h"

#include "npc/Dialect/Onnx/Transforms/QuantParams.h"
#include "npc/Dialect/QGraph/IR/QGraph.h"
#include "npc/Support/Diagnostics.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

#include <cmath>

using namespace mlir;
using namespace npc;

namespace {

/// The table's step when it is a 16-bit table npc chose: per tensor, zero
/// point 0, and its largest magnitude at the storage's end (the one code a
/// wideTableParams table always has); std::nullopt for any other table (a
/// model's own 16-bit QuantizeLinear rounds in onnxruntime alike).
std::optional<double> wideTableStep(qg::TableOp t) {
  auto p = qg::getQuantParams(t.getResult());
  if (!p || !p->isQuantized || p->storageWidth != 16 || p->scales.size() != 1 ||
      p->zeroPoints[0] != 0)
    return std::nullopt;
  int64_t largest = 0;
  for (int32_t c : t.getTable())
    largest = std::max<int64_t>(largest, std::abs(int64_t(c)));
  if (largest != p->storageMax)
    return std::nullopt;
  return p->scales[0];
}

/// The largest magnitude a value of these parameters dequantizes to.
double largestValue(const qg::QuantParams &p) {
  double m = 0;
  for (size_t i = 0; i < p.scales.size(); ++i)
    m = std::max(m, double(std::max(std::abs(p.storageMin - p.zeroPoints[i]),
                                    std::abs(p.storageMax - p.zeroPoints[i]))) *
                        p.scales[i]);
  return m;
}

/// max over output channels of sum |w - zw| * sw: how much a product with
/// this weight multiplies an error in each input element. `channelOf(i)`
/// is the output channel of flat weight element i; an activation weight
/// counts its largest value once per product, `reduction` per output.
double weightGain(Value weight, int64_t channels, int64_t reduction,
                  llvm::function_ref<int64_t(int64_t)> channelOf) {
  auto p = qg::getQuantParams(weight);
  auto w = qg::getConstantInts(weight);
  int64_t count = cast<ShapedType>(weight.getType()).getNumElements();
  if (!p || !p->isQuantized || channels <= 0 || count == 0)
    return 0; // no products: nothing to multiply an error by
  if (!w) // an activation: each of its values at most its range's end
    return largestValue(*p) * double(reduction);
  std::vector<double> sums(channels, 0.0);
  for (int64_t i = 0; i < count; ++i) {
    int64_t ch = channelOf(i);
    sums[ch] += std::abs(double((*w)[i]) - double(p->zeroPoint(ch))) * p->scale(ch);
  }
  return *std::max_element(sums.begin(), sums.end());
}

/// What `reader` multiplies an error in its operand `index` by, in float.
double gainOf(Operation *reader, unsigned index) {
  if (auto conv = dyn_cast<qg::Conv2dOp>(reader)) {
    if (index != 0)
      return 1;
    auto ws = cast<ShapedType>(conv.getWeight().getType()).getShape();
    if (ws.empty() || ws[0] <= 0)
      return 0;
    int64_t perChannel = cast<ShapedType>(conv.getWeight().getType()).getNumElements() / ws[0];
    return weightGain(conv.getWeight(), ws[0], perChannel,
                      [&](int64_t i) { return i / perChannel; });
  }
  if (auto mm = dyn_cast<qg::MatMulOp>(reader)) {
    if (index != 0)
      return 1;
    auto ws = cast<ShapedType>(mm.getWeight().getType()).getShape();
    int64_t n = ws.back(), k = ws.size() > 1 ? ws[ws.size() - 2] : 1;
    return weightGain(mm.getWeight(), n, k, [&](int64_t i) { return i % n; });
  }
  if (auto bmm = dyn_cast<qg::BatchMatMulOp>(reader)) {
    Value other = index == 0 ? bmm.getRhs() : bmm.getLhs();
    auto shape = cast<ShapedType>(bmm.getLhs().getType()).getShape();
    auto p = qg::getQuantParams(other);
    return p ? largestValue(*p) * double(shape.back()) : 1;
  }
  if (auto mul = dyn_cast<qg::MulOp>(reader)) {
    auto p = qg::getQuantParams(index == 0 ? mul.getRhs() : mul.getLhs());
    return p ? largestValue(*p) : 1;
  }
  if (auto r = dyn_cast<qg::ReduceOp>(reader); r && r.getMode() == "sum") {
    int64_t in = cast<ShapedType>(r.getInput().getType()).getNumElements();
    int64_t out = cast<ShapedType>(r.getOutput().getType()).getNumElements();
    return double(in / std::max<int64_t>(out, 1));
  }
  return 1; // a sum, an average, a rescale: the error as it is
}

/// Ops that move codes without computing on them (the same type out).
bool movesCodes(Operation *op) {
  return isa<qg::ReshapeOp, qg::TransposeOp, qg::SliceOp, qg::PadOp, qg::ConcatOp,
             qg::MaxPoolOp, qg::ResizeOp, qg::GatherOp, qg::StorageCastOp>(op);
}

std::string text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", v);
  return buf;
}

} // namespace

std::string npc::wideTableError(func::FuncOp main, std::optional<Location> &at) {
  // Per reader: its output steps the tables' roundings can add up to (a
  // Mul of two tables gets both), and the table that adds the most.
  struct Reach {
    double steps = 0, largest = 0, step = 0, reaches = 0;
  };
  llvm::DenseMap<Operation *, Reach> readers;
  main.walk([&](qg::TableOp table) {
    std::optional<double> step = wideTableStep(table);
    if (!step)
      return;
    double rounding = *step / 2;
    SmallVector<Value> values{table.getResult()};
    llvm::DenseSet<Value> seen{table.getResult()};
    while (!values.empty()) {
      Value v = values.pop_back_val();
      for (OpOperand &use : v.getUses()) {
        Operation *reader = use.getOwner();
        if (isa<qg::DequantizeOp, func::ReturnOp>(reader))
          continue; // a float graph output: the 16-bit values themselves
        if (movesCodes(reader) && reader->getNumResults() == 1 &&
            getElementTypeOrSelf(reader->getResult(0).getType()) ==
                getElementTypeOrSelf(v.getType())) {
          if (seen.insert(reader->getResult(0)).second)
            values.push_back(reader->getResult(0));
          continue;
        }
        if (reader->getNumResults() != 1)
          continue;
        auto out = qg::getQuantParams(reader->getResult(0));
        if (!out || !out->isQuantized)
          continue;
        double outStep = *std::min_element(out->scales.begin(), out->scales.end());
        double steps = rounding * gainOf(reader, use.getOperandNumber()) / outStep;
        Reach &r = readers[reader];
        r.steps += steps;
        if (steps > r.largest) {
          r.largest = steps;
          r.step = *step;
          r.reaches = *step * double(qg::getQuantParams(table.getResult())->storageMax);
        }
      }
    }
  });
  std::string error;
  main.walk([&](Operation *reader) {
    auto it = readers.find(reader);
    if (it == readers.end() || it->second.steps <= 1)
      return WalkResult::advance();
    const Reach &r = it->second;
    // Not the table's node: both import routes locate it at its reader.
    error = "it reads a float function that no QuantizeLinear quantizes; npc keeps it in 16 "
            "bits at step " +
            onnx::numberText(r.step) + " (the function reaches " + onnx::numberText(r.reaches) +
            "), whose rounding can move this node's output by up to " + text(r.steps) +
            " of its steps; quantize the function (QuantizeLinear) first";
    std::string desc = describeLoc(reader->getLoc());
    if (!desc.empty())
      error = desc + ": " + error;
    at = reader->getLoc();
    return WalkResult::interrupt();
  });
  return error;
}
