//===- Footprint.cpp - what one tile occupies in a core -------------------===//
#include "npc/Analysis/Footprint.h"

using namespace npc;

int64_t TileFootprint::inputTotal() const {
  int64_t s = 0;
  for (int64_t b : inputBytes)
    s += b;
  return s;
}

namespace {
/// What a footprint needs of one activation input.
struct InputSide {
  const std::vector<int64_t> *shape; // of the tensor holding the data
  int64_t elemBytes;
  bool reshaped; // reached through a reshape: the whole tensor is needed
};
} // namespace

static TileFootprint footprint(const qg::LayerSpec &spec, llvm::ArrayRef<InputSide> inputs,
                               int64_t outElemBytes, const kernels::Box &outBox,
                               bool withValues) {
  TileFootprint f;
  if (withValues)
    f.params = sliceParams(spec.geometry, spec.weights, spec.foldedBias, spec.multiplier,
                           spec.shift, outBox);
  f.layout = paramLayout(kernels::sliceCounts(spec.geometry, spec.weightCount,
                                              spec.foldedBias.size(), spec.multiplier.size(),
                                              spec.shift.size(), outBox),
                         spec.weightBits);
  auto need = kernels::requiredInputBoxes(spec.geometry, outBox);
  f.inputBytes.reserve(inputs.size());
  f.inputBoxes.reserve(inputs.size());
  for (size_t i = 0; i < inputs.size(); ++i) {
    kernels::Box b =
        inputs[i].reshaped ? kernels::Box::full(*inputs[i].shape) : std::move(need[i]);
    f.inputBytes.push_back(b.numel() * inputs[i].elemBytes);
    f.inputBoxes.push_back(std::move(b));
  }
  f.outputBytes = outBox.numel() * outElemBytes;
  return f;
}

TileFootprint npc::tileFootprint(const GraphModel &g, const LayerNode &l,
                                 const kernels::Box &outBox, bool withValues) {
  llvm::SmallVector<InputSide> inputs;
  for (size_t i = 0; i < l.inputs.size(); ++i) {
    const TensorNode &t = g.tensors[l.inputs[i]];
    inputs.push_back({&t.shape, t.elemBytes, bool(l.inputReshaped[i])});
  }
  return footprint(l.spec, inputs, g.tensors[l.output].elemBytes, outBox, withValues);
}

bool npc::streamsParams(const TargetModel &model, const LayerNode &l, const kernels::Box &box,
                        int64_t paramBytes) {
  const kernels::LayerGeometry &g = l.spec.geometry;
  const int64_t rows = kernels::splitDims(box.rank()).second;
  if (paramBytes <= 0 || !kernels::isMacLayer(g.kind) || rows < 0 ||
      rows == kernels::channelDim(g) || box.lo[rows] == 0)
    return false;
  const TargetDesc &t = model.desc();
  return model.transferCycles(NocKind::Model, paramBytes, t.gridCols + t.gridRows) <=
         model.computeCycles(g, box);
}

llvm::Expected<std::vector<TileFootprint>>
npc::tileFootprintsOf(mlir::Operation *op, llvm::ArrayRef<kernels::Box> tiles) {
  auto spec = qg::describeLayer(op, /*withWeights=*/false);
  if (!spec)
    return spec.takeError();
  llvm::SmallVector<InputSide> inputs;
  std::vector<std::vector<int64_t>> shapes;
  auto operands = qg::activationOperands(op);
  shapes.reserve(operands.size());
  for (mlir::Value v : operands) {
    bool reshaped = false;
    mlir::Value root = dataRoot(v, &reshaped);
    auto type = mlir::cast<mlir::ShapedType>(root.getType());
    shapes.emplace_back(type.getShape().begin(), type.getShape().end());
    inputs.push_back({&shapes.back(), storageKindOf(type.getElementType()).second, reshaped});
  }
  int64_t outBytes =
      storageKindOf(mlir::cast<mlir::ShapedType>(op->getResult(0).getType()).getElementType())
          .second;
  std::vector<TileFootprint> out;
  for (const kernels::Box &b : tiles)
    out.push_back(footprint(*spec, inputs, outBytes, b, /*withValues=*/false));
  return out;
}
