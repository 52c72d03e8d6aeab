//===- Onnx.h - ONNX graphs as read from the file ----------------*- C++ -*-===//
#ifndef NPC_DIALECT_ONNX_IR_ONNX_H
#define NPC_DIALECT_ONNX_IR_ONNX_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "npc/Dialect/Onnx/IR/OnnxOpsDialect.h.inc"

#define GET_TYPEDEF_CLASSES
#include "npc/Dialect/Onnx/IR/OnnxOpsTypes.h.inc"

#define GET_OP_CLASSES
#include "npc/Dialect/Onnx/IR/OnnxOps.h.inc"

#include <optional>
#include <string>

namespace npc::onnx {

/// ONNX TensorProto.DataType codes npc reads (kept here: Debian's onnx 1.12
/// lacks the newer ones and their names).
enum TypeCode : int32_t {
  kFloat = 1, kUInt8 = 2, kInt8 = 3, kUInt16 = 4, kInt16 = 5, kInt32 = 6,
  kInt64 = 7, kBool = 9, kFloat16 = 10, kDouble = 11, kBFloat16 = 16,
  kUInt4 = 21, kInt4 = 22, kUInt2 = 25, kInt2 = 26, // opsets 21 and 25
};

/// "float32", "int4", ...: how messages name ONNX element types.
const char *typeCodeName(int32_t code);

/// Bits of an integer type code (2, 4, 8, 16, 32); 0 for the others.
unsigned storageWidth(int32_t code);
bool isSignedStorage(int32_t code);

/// The element type of an `onnx.constant` holding `code` (si8, ui4, i1,
/// f32, ...); null for a code npc does not read.
mlir::Type elementTypeOf(mlir::MLIRContext *ctx, int32_t code);
/// The inverse of elementTypeOf.
std::optional<int32_t> typeCodeOf(mlir::Type elementType);

/// What is wrong with `count` inputs (omitted ones counted) of a node of
/// `domain`'s `opType` at the default domain's `opset`, as ONNX's operator
/// schemas state it: "has 3 inputs; it takes 2 (input, shape)". Empty when
/// the count is right, or for an operator npc does not convert or of
/// another domain (the conversion names those); an opset of 0 (unknown)
/// takes any count some opset takes. The importer and NodeOp's verifier
/// both check it.
std::string inputCountProblem(llvm::StringRef domain, llvm::StringRef opType, int64_t opset,
                              unsigned count);

/// What is wrong with a node of `domain`'s `opType` at `opset` that has
/// attribute `has(name)` true for an attribute ONNX made an input at or
/// before that opset (ReduceMean's axes at 18, Clip's min and max at 11,
/// ...): "axes is an input from opset 18 on (this model's is 18), not an
/// attribute". Such an attribute is invalid there (onnxruntime rejects the
/// model); read, it would give the other form's meaning, and unread, be
/// dropped. Empty when none is. The importer and NodeOp's verifier both
/// check it.
std::string movedAttributeProblem(llvm::StringRef domain, llvm::StringRef opType, int64_t opset,
                                  llvm::function_ref<bool(llvm::StringRef)> has);

/// Whether `domain` is QONNX's (or FINN's, its former name): npc reads its
/// Quant.
inline bool isQonnxDomain(llvm::StringRef domain) {
  return domain == "qonnx.custom_op.general" || domain == "finn.custom_op.general";
}

/// The module attribute holding the default domain's opset.
constexpr llvm::StringLiteral kOpsetAttr = "onnx.opset";

/// The domain of the integer nodes npc's own passes write (onnx-fuse-qdq's
/// QLinearLookup), which no exporter writes.
constexpr llvm::StringLiteral kNpcDomain = "npc";

} // namespace npc::onnx

#endif
