//===- OnnxOps.cpp - ONNX graphs as read from the file ---------------------===//
#include "npc/Dialect/Onnx/IR/Onnx.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace npc;
using namespace npc::onnx;

#include "npc/Dialect/Onnx/IR/OnnxOpsDialect.cpp.inc"

#define GET_TYPEDEF_CLASSES
#include "npc/Dialect/Onnx/IR/OnnxOpsTypes.cpp.inc"

void OnnxDialect::initialize() {
  addTypes<
#define GET_TYPEDEF_LIST
#include "npc/Dialect/Onnx/IR/OnnxOpsTypes.cpp.inc"
      >();
  addOperations<
#define GET_OP_LIST
#include "npc/Dialect/Onnx/IR/OnnxOps.cpp.inc"
      >();
}

LogicalResult NodeOp::verify() {
  if (getOpType().empty())
    return emitOpError("has an empty op_type");
  if (getOutputs().size() != getNumResults())
    return emitOpError("names ") << getOutputs().size() << " outputs but has "
                                 << getNumResults() << " results";
  return success();
}

LogicalResult ConstantOp::verify() {
  auto range = getNarrowedRangeAttr();
  if (!range)
    return success();
  auto dense = dyn_cast<DenseIntElementsAttr>(getValue());
  auto type = dense ? dyn_cast<IntegerType>(dense.getElementType()) : IntegerType();
  if (!type || type.isSignless() || type.getWidth() > 16)
    return emitOpError("narrowed_range needs integer codes of at most 16 bits, got ")
           << getValue().getElementType();
  if (range.size() != 2 || range[0] > range[1])
    return emitOpError("narrowed_range must be two bounds lo <= hi");
  unsigned w = type.getWidth();
  int64_t lo = quant::QuantizedType::getDefaultMinimumForInteger(type.isSigned(), w);
  int64_t hi = quant::QuantizedType::getDefaultMaximumForInteger(type.isSigned(), w);
  if (range[0] < lo || range[1] > hi)
    return emitOpError("narrowed_range [")
           << range[0] << ", " << range[1] << "] is not inside " << type << "'s [" << lo << ", "
           << hi << "]";
  for (const APInt &v : dense) {
    int64_t x = type.isSigned() ? v.getSExtValue() : int64_t(v.getZExtValue());
    if (x < range[0] || x > range[1])
      return emitOpError("value ") << x << " is outside narrowed_range [" << range[0] << ", "
                                   << range[1] << "]";
  }
  return success();
}

#define GET_OP_CLASSES
#include "npc/Dialect/Onnx/IR/OnnxOps.cpp.inc"

const char *npc::onnx::typeCodeName(int32_t t) {
  switch (t) {
  case kFloat: return "float32"; case kUInt8: return "uint8"; case kInt8: return "int8";
  case kUInt16: return "uint16"; case kInt16: return "int16"; case kInt32: return "int32";
  case kInt64: return "int64"; case kBool: return "bool"; case kFloat16: return "float16";
  case kDouble: return "float64"; case kBFloat16: return "bfloat16"; case kUInt4: return "uint4";
  case kInt4: return "int4"; case kUInt2: return "uint2"; case kInt2: return "int2";
  default: return "unknown";
  }
}

unsigned npc::onnx::storageWidth(int32_t t) {
  switch (t) {
  case kUInt2: case kInt2: return 2;
  case kUInt4: case kInt4: return 4;
  case kUInt8: case kInt8: return 8;
  case kUInt16: case kInt16: return 16;
  case kInt32: return 32;
  default: return 0;
  }
}

bool npc::onnx::isSignedStorage(int32_t t) {
  return t == kInt8 || t == kInt16 || t == kInt32 || t == kInt4 || t == kInt2;
}

Type npc::onnx::elementTypeOf(MLIRContext *ctx, int32_t code) {
  switch (code) {
  case kFloat: return Float32Type::get(ctx);
  case kBool: return IntegerType::get(ctx, 1);
  case kInt64: return IntegerType::get(ctx, 64, IntegerType::Signed);
  default:
    if (unsigned w = storageWidth(code))
      return IntegerType::get(ctx, w, isSignedStorage(code) ? IntegerType::Signed
                                                            : IntegerType::Unsigned);
    return {};
  }
}

std::optional<int32_t> npc::onnx::typeCodeOf(Type t) {
  if (t.isF32())
    return kFloat;
  auto it = dyn_cast<IntegerType>(t);
  if (!it)
    return std::nullopt;
  if (it.isSignless())
    return it.getWidth() == 1 ? std::optional<int32_t>(kBool) : std::nullopt;
  bool s = it.isSigned();
  switch (it.getWidth()) {
  case 2: return s ? kInt2 : kUInt2;
  case 4: return s ? kInt4 : kUInt4;
  case 8: return s ? kInt8 : kUInt8;
  case 16: return s ? kInt16 : kUInt16;
  case 32: return s ? std::optional<int32_t>(kInt32) : std::nullopt;
  case 64: return s ? std::optional<int32_t>(kInt64) : std::nullopt;
  default: return std::nullopt;
  }
}
