//===- LayerSpec.cpp - a qg op as a kernel call ---------------------------===//
#include "npc/Dialect/QGraph/IR/LayerSpec.h"
#include "npc/Dialect/QGraph/IR/QGraph.h"

using namespace mlir;
using namespace npc;
using namespace npc::qg;

static std::vector<int64_t> shapeOf(Value v) {
  auto s = cast<ShapedType>(v.getType()).getShape();
  return {s.begin(), s.end()};
}

bool npc::qg::isComputeLayer(Operation *op) { return isa<LayerOpInterface>(op); }

SmallVector<Value> npc::qg::activationOperands(Operation *op) {
  if (auto layer = dyn_cast<LayerOpInterface>(op))
    return layer.getActivationOperands();
  return {};
}

llvm::Expected<LayerSpec> npc::qg::describeLayer(Operation *op, bool withWeights) {
  auto layer = dyn_cast<LayerOpInterface>(op);
  if (!layer)
    return llvm::createStringError(std::errc::invalid_argument, "'%s' is not a compute layer",
                                   op->getName().getStringRef().str().c_str());
  LayerSpec s;
  auto &g = s.geometry;
  g.outputShape = shapeOf(op->getResult(0));
  g.operandBits = 0;
  for (Value v : layer.getActivationOperands()) {
    g.inputShapes.push_back(shapeOf(v));
    g.inputZeroPoints.push_back(int32_t(getQuantParams(v)->zeroPoint()));
    g.operandBits = std::max<int64_t>(g.operandBits, getQuantParams(v)->storageWidth);
  }
  if (auto err = layer.describeKernel(s, withWeights))
    return std::move(err);
  return s;
}

std::string npc::qg::LayerNamer::name(mlir::Operation *layer) {
  std::string n;
  if (auto loc = mlir::dyn_cast<mlir::NameLoc>(layer->getLoc()))
    n = loc.getName().str();
  const std::string op = layer->getName().stripDialect().str();
  if (n.empty())
    n = op + "_" + std::to_string(position);
  if (given.count(n))
    n += "." + op + "." + std::to_string(position);
  given.insert(n);
  ++position;
  return n;
}
