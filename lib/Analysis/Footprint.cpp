//===- Footprint.cpp - what one tile occupies in a core -------------------===//
#include "npc/Analysis/Footprint.h"

using namespace npc;

int64_t TileFootprint::inputTotal() const {
  int64_t s = 0;
  for (int64_t b : inputBytes)
    s += b;
  return s;
}

TileFootprint npc::tileFootprint(const GraphModel &g, const LayerNode &l,
                                 const kernels::Box &outBox, bool withValues) {
  TileFootprint f;
  const auto &spec = l.spec;
  if (withValues)
    f.params = sliceParams(spec.geometry, spec.weights, spec.foldedBias, spec.multiplier,
                           spec.shift, outBox);
  f.layout = paramLayout(kernels::sliceCounts(spec.geometry, spec.weightCount,
                                              spec.foldedBias.size(), spec.multiplier.size(),
                                              spec.shift.size(), outBox),
                         spec.weightBits);
  auto need = kernels::requiredInputBoxes(spec.geometry, outBox);
  for (size_t i = 0; i < l.inputs.size(); ++i) {
    const TensorNode &t = g.tensors[l.inputs[i]];
    kernels::Box b = l.inputReshaped[i] ? kernels::Box::full(t.shape) : need[i];
    f.inputBytes.push_back(b.numel() * t.elemBytes);
    f.inputBoxes.push_back(std::move(b));
  }
  f.outputBytes = outBox.numel() * g.tensors[l.output].elemBytes;
  return f;
}
