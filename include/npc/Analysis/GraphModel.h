//===- GraphModel.h - layers and the tensors between them --------*- C++ -*-===//
//
// The view of a legalized qg module that the chip stages share: compute
// layers in program order and the activation tensors that flow between them.
// Reshape and storage_cast only rename stored bytes, so they are followed
// back to the tensor that holds the data; host-side ops (quantize,
// dequantize) and graph inputs/outputs become frame-buffer tensors.
//
//===----------------------------------------------------------------------===//
#ifndef NPC_ANALYSIS_GRAPHMODEL_H
#define NPC_ANALYSIS_GRAPHMODEL_H

#include "npc/Dialect/QGraph/IR/LayerSpec.h"
#include "npc/Runtime/ChipModel.h"
#include "npc/Runtime/HostTensor.h"
#include "npc/Runtime/Manifest.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"
#include "llvm/ADT/DenseMap.h"

#include <string>
#include <vector>

namespace npc {

/// Where a tensor's data is produced.
enum class TensorHome { Layer, HostInput, Constant };

struct TensorNode {
  mlir::Value value;            // the value that holds the data
  std::vector<int64_t> shape;
  ElemKind kind = ElemKind::U8; // stored element kind
  int64_t elemBytes = 1;
  TensorHome home = TensorHome::Layer;
  int producer = -1;            // layer index when home == Layer
  int graphInput = -1;          // @main argument index when HostInput
};

struct LayerNode {
  mlir::Operation *op = nullptr;
  std::string name;             // ONNX node name (unique in the model)
  qg::LayerSpec spec;
  std::vector<int> inputs;      // tensor ids, kernel order
  std::vector<bool> inputReshaped; // operand reached through a reshape
  int output = -1;              // tensor id
};

struct GraphModel {
  std::vector<TensorNode> tensors;
  std::vector<LayerNode> layers;
  std::vector<HostBoundary> inputs, outputs;
  llvm::DenseMap<mlir::Value, int> tensorOf; // data-holding value -> id

  /// The layer index of `op`, or -1.
  int layerIndex(mlir::Operation *op) const;
  /// Bytes of the tensors `ids` at their stored widths, each once (-1s
  /// skipped): what the host link carries for them per frame, as the frame
  /// buffer holds them.
  int64_t hostBytes(llvm::ArrayRef<int> ids) const;
  /// The same for the graph's inputs or outputs.
  int64_t hostBytes(const std::vector<HostBoundary> &boundaries) const;
};

/// The lifetimes of the graph's buffers (npc::bufferLifetimes of its
/// layers' tensors).
std::vector<LayerLifetimes> bufferLifetimes(const GraphModel &graph);
inline Lifetime parameterLifetime(const GraphModel &graph) {
  return parameterLifetime(graph.layers.size());
}

class TargetModel;

/// The least period the host link allows `graph`: the cycles one frame's
/// inputs take to arrive, or its outputs to leave, if more
/// (TargetModel::hostLinkCycles of GraphModel::hostBytes).
int64_t hostLinkFloor(const GraphModel &graph, const TargetModel &model);

/// Builds the model of @main (which must be legalized); the layers' weight
/// values only `withWeights` (emitting parameter images needs them, the chip
/// passes do not).
llvm::Expected<GraphModel> buildGraphModel(mlir::ModuleOp module, bool withWeights = false);

/// The module's target and graph model, for the chip passes.
llvm::Expected<std::pair<TargetDesc, GraphModel>> loadChipModel(mlir::ModuleOp module);

/// The module's target and graph model as an MLIR analysis: the chip passes
/// (tiling, mapping, NoC scheduling) take it with getAnalysis and preserve
/// it, since they only add attributes and ops the model does not read, so
/// the weights are read once per pass-manager run rather than once per pass.
struct ChipModelAnalysis {
  explicit ChipModelAnalysis(mlir::Operation *op);
  /// The model, or nullptr after emitting the reason as an error on the
  /// module (each failing pass reports it).
  const std::pair<TargetDesc, GraphModel> *getOrEmit(mlir::ModuleOp module) const;

private:
  std::optional<std::pair<TargetDesc, GraphModel>> chip;
  std::string error;
};

/// A chip pass (tiling, mapping, NoC scheduling): `Base` is its generated
/// pass base. runOnOperation loads the module's cached target and graph
/// model, keeps them for the next chip pass and calls run(target, graph).
template <typename Base> struct ChipPass : Base {
  using Base::Base;

  void runOnOperation() final {
    auto module = mlir::cast<mlir::ModuleOp>(this->getOperation());
    const auto *chip = this->template getAnalysis<ChipModelAnalysis>().getOrEmit(module);
    if (!chip)
      return this->signalPassFailure();
    // The chip passes only add what the model does not read.
    this->template markAnalysesPreserved<ChipModelAnalysis>();
    run(chip->first, chip->second);
  }

protected:
  virtual void run(const TargetDesc &target, const GraphModel &graph) = 0;
};

/// Follows renames (reshape, storage_cast) back to the value holding data;
/// sets `*reshaped` when a reshape on the way changes the shape.
mlir::Value dataRoot(mlir::Value v, bool *reshaped = nullptr);

/// Element kind and byte width of a tensor element type (quantized types by
/// their storage).
std::pair<ElemKind, int64_t> storageKindOf(mlir::Type elementType);

} // namespace npc

#endif
