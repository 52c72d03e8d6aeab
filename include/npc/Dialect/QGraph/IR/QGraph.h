//===- QGraph.h - quantized-graph dialect ------------------------*- C++ -*-===//
#ifndef NPC_DIALECT_QGRAPH_IR_QGRAPH_H
#define NPC_DIALECT_QGRAPH_IR_QGRAPH_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "npc/Runtime/FixedPoint.h"
#include "npc/Support/Broadcast.h"
#include "npc/Runtime/HostTensor.h"

#include "npc/Dialect/QGraph/IR/LayerSpec.h"

#include "npc/Dialect/QGraph/IR/QGraphOpsDialect.h.inc"
#include "npc/Dialect/QGraph/IR/LayerOpInterface.h.inc"

#define GET_OP_CLASSES
#include "npc/Dialect/QGraph/IR/QGraphOps.h.inc"



namespace npc::qg {

/// What an element type means numerically: quantized (per tensor or per
/// axis) or a plain integer (scale 1, zero point 0).
struct QuantParams {
  std::vector<double> scales;       // one, or one per slice along `axis`
  std::vector<int64_t> zeroPoints;  // same size as scales
  int32_t axis = -1;                // -1: per tensor
  int64_t storageMin = 0, storageMax = 0;
  unsigned storageWidth = 0;
  bool isSigned = true;
  bool isQuantized = false;         // false: plain integer element type

  double scale(int64_t i = 0) const { return scales[axis < 0 ? 0 : i]; }
  /// Channel (index along `axis`) of flat row-major element `i` of a tensor
  /// of `shape`; 0 when per tensor.
  int64_t channelOf(int64_t i, llvm::ArrayRef<int64_t> shape) const {
    return axisIndex(i, shape, axis);
  }
  int64_t zeroPoint(int64_t i = 0) const { return zeroPoints[axis < 0 ? 0 : i]; }
};

/// Quantization parameters of a quantized or integer element type;
/// std::nullopt for anything else (floats).
std::optional<QuantParams> getQuantParams(mlir::Type elementType);
inline std::optional<QuantParams> getQuantParams(mlir::Value v) {
  return getQuantParams(mlir::cast<mlir::ShapedType>(v.getType()).getElementType());
}

/// Output extent of a strided, dilated, padded window (ONNX floor rule);
/// <= 0 when the window does not fit.
inline int64_t windowOutputSize(int64_t in, int64_t kernel, int64_t stride,
                                int64_t dilation, int64_t padBegin,
                                int64_t padEnd) {
  int64_t span = dilation * (kernel - 1) + 1;
  int64_t padded = in + padBegin + padEnd;
  if (padded < span || stride <= 0)
    return 0;
  return (padded - span) / stride + 1;
}

using npc::broadcastShapes; // Support/Broadcast.h

} // namespace npc::qg

namespace npc::qg {
/// The stored integers of a `qg.constant`, read in place (widened to int32
/// honouring the storage signedness): no copy of the weights.
class ConstantInts {
public:
  /// std::nullopt if `v` is not defined by a qg.constant of integers.
  static std::optional<ConstantInts> of(mlir::Value v);
  int64_t size() const { return count; }
  int32_t operator[](int64_t i) const;
  /// The least and greatest of elements [begin, end) (non-empty).
  std::pair<int32_t, int32_t> minMax(int64_t begin, int64_t end) const;
  /// Elements [begin, end) into `out`.
  void read(int64_t begin, int64_t end, int32_t *out) const;

private:
  llvm::ArrayRef<char> raw; // the attribute's storage
  std::vector<int32_t> decoded; // widths the raw reader does not handle
  int64_t count = 0;
  unsigned width = 8, stride = 1;
  bool isSigned = true, splat = false;
};

/// The stored integers of a `qg.constant` (widened to int32 honouring the
/// storage signedness); std::nullopt if `v` is not defined by one.
std::optional<std::vector<int32_t>> getConstantInts(mlir::Value v);
} // namespace npc::qg
#endif
