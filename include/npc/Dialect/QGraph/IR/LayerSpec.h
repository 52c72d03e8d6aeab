//===- LayerSpec.h - a qg op as a kernel call --------------------*- C++ -*-===//
#ifndef NPC_DIALECT_QGRAPH_IR_LAYERSPEC_H
#define NPC_DIALECT_QGRAPH_IR_LAYERSPEC_H

#include "npc/Runtime/Kernels.h"

#include "mlir/IR/Operation.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"

#include <optional>
#include <string>
#include <vector>

namespace npc::qg {

/// A legalized qg compute op in the form the kernels take: its geometry and
/// its full (unsliced) parameter arrays.
struct LayerSpec {
  kernels::LayerGeometry geometry;
  std::vector<int32_t> weights;    // centered (w - z_w), as the op's weight;
                                   // empty unless asked for (describeLayer)
  int64_t weightCount = 0;         // elements of the op's weight
  int64_t weightBits = 2;          // 2, 4, 8 or 16: the fewest that hold every centered weight
  std::vector<int32_t> foldedBias; // per channel (matmul: per batch x column)
  std::vector<int32_t> multiplier, shift;

  kernels::LayerParams params() const {
    return {weights, foldedBias, multiplier, shift};
  }
};

/// True for ops that compute on the chip (conv2d, matmul, add, avg_pool,
/// max_pool, rescale, concat, transpose); false for host-boundary ops,
/// constants and reshapes (which only rename stored data).
bool isComputeLayer(mlir::Operation *op);

/// The activation operands of a compute layer, in kernel order: all operands
/// except a conv/matmul's weight and bias (an Add of a constant keeps it).
llvm::SmallVector<mlir::Value> activationOperands(mlir::Operation *op);

/// The kernel form of a compute layer; an error naming the op if it is not
/// legalized or not a compute layer.
/// `withWeights` false leaves `weights` empty (the counts and bit width are
/// still set): tiling, mapping and scheduling need no weight values.
llvm::Expected<LayerSpec> describeLayer(mlir::Operation *op, bool withWeights = true);

/// The names reports, options and messages give @main's compute layers:
/// ask for each layer once, in order. A layer is called by its location's
/// name (its ONNX node), or `<op>_<position>` without one; a name already
/// given gets `.<op>.<position>` (one ONNX node can become several layers).
class LayerNamer {
public:
  std::string name(mlir::Operation *layer);

private:
  llvm::StringSet<> given; // a set: comparing with every layer was quadratic
  int64_t position = 0;
};

} // namespace npc::qg

#endif
