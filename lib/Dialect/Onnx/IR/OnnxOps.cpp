//===- OnnxOps.cpp - ONNX graphs as read from the file ---------------------===//
#include "npc/Dialect/Onnx/IR/Onnx.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
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

namespace {
/// An operator's inputs from opset `since` on (ONNX's operator schemas;
/// `max` -1: any number), for the operators the conversion reads, at the
/// opsets npc imports (10 to 25).
struct InputCount {
  llvm::StringLiteral op;
  int since, min, max;
  llvm::StringLiteral names;
};
} // namespace

// Rows of one operator are adjacent, by `since`.
static const InputCount kInputCounts[] = {
    {"QuantizeLinear", 10, 2, 3, "x, y_scale, y_zero_point"},
    {"DequantizeLinear", 10, 2, 3, "x, x_scale, x_zero_point"},
    {"QLinearConv", 10, 8, 9,
     "x, x_scale, x_zero_point, w, w_scale, w_zero_point, y_scale, y_zero_point, B"},
    {"QLinearMatMul", 10, 8, 8,
     "a, a_scale, a_zero_point, b, b_scale, b_zero_point, y_scale, y_zero_point"},
    {"ConvInteger", 10, 2, 4, "x, w, x_zero_point, w_zero_point"},
    {"MatMulInteger", 10, 2, 4, "A, B, a_zero_point, b_zero_point"},
    {"Conv", 1, 2, 3, "X, W, B"},
    {"Gemm", 1, 3, 3, "A, B, C"},
    {"Gemm", 11, 2, 3, "A, B, C"},
    {"MatMul", 1, 2, 2, "A, B"},
    {"Add", 1, 2, 2, "A, B"},
    {"Sub", 1, 2, 2, "A, B"},
    {"Mul", 1, 2, 2, "A, B"},
    {"Div", 1, 2, 2, "A, B"},
    {"Pow", 1, 2, 2, "X, Y"},
    {"PRelu", 1, 2, 2, "X, slope"},
    {"ReduceMean", 1, 1, 1, "data"},
    {"ReduceMean", 18, 1, 2, "data, axes"},
    {"ReduceMax", 1, 1, 1, "data"},
    {"ReduceMax", 18, 1, 2, "data, axes"},
    {"ReduceSum", 1, 1, 1, "data"},
    {"ReduceSum", 13, 1, 2, "data, axes"},
    {"Softmax", 1, 1, 1, "input"},
    {"LayerNormalization", 1, 2, 3, "X, Scale, B"},
    {"BatchNormalization", 1, 5, 5, "X, scale, B, input_mean, input_var"},
    {"AveragePool", 1, 1, 1, "X"},
    {"GlobalAveragePool", 1, 1, 1, "X"},
    {"MaxPool", 1, 1, 1, "X"},
    {"Concat", 1, 1, -1, "inputs"},
    {"Relu", 1, 1, 1, "X"},
    // Bounds as inputs before opset 11 the conversion names itself.
    {"Clip", 1, 1, 3, "input, min, max"},
    {"Sigmoid", 1, 1, 1, "X"},
    {"Tanh", 1, 1, 1, "input"},
    {"HardSigmoid", 1, 1, 1, "X"},
    {"HardSwish", 1, 1, 1, "X"},
    {"LeakyRelu", 1, 1, 1, "X"},
    {"Erf", 1, 1, 1, "input"},
    {"Exp", 1, 1, 1, "input"},
    {"Softplus", 1, 1, 1, "X"},
    {"Softsign", 1, 1, 1, "input"},
    {"Mish", 1, 1, 1, "X"},
    {"Elu", 1, 1, 1, "X"},
    {"Neg", 1, 1, 1, "X"},
    {"Abs", 1, 1, 1, "X"},
    {"Sqrt", 1, 1, 1, "X"},
    {"Reciprocal", 1, 1, 1, "X"},
    {"Reshape", 5, 2, 2, "data, shape"},
    {"Flatten", 1, 1, 1, "input"},
    {"Transpose", 1, 1, 1, "data"},
    {"Squeeze", 1, 1, 1, "data"},
    {"Squeeze", 13, 1, 2, "data, axes"},
    {"Unsqueeze", 1, 1, 1, "data"},
    {"Unsqueeze", 13, 2, 2, "data, axes"},
    {"Identity", 1, 1, 1, "input"},
    {"Resize", 10, 2, 2, "X, scales"},
    {"Resize", 11, 3, 4, "X, roi, scales, sizes"},
    {"Resize", 13, 1, 4, "X, roi, scales, sizes"},
    {"Slice", 10, 3, 5, "data, starts, ends, axes, steps"},
    {"Split", 2, 1, 1, "input"},
    {"Split", 13, 1, 2, "input, split"},
    {"DepthToSpace", 1, 1, 1, "input"},
    {"SpaceToDepth", 1, 1, 1, "input"},
    {"Pad", 2, 1, 1, "data"},
    {"Pad", 11, 2, 3, "data, pads, constant_value"},
    {"Pad", 18, 2, 4, "data, pads, constant_value, axes"},
    {"Cast", 1, 1, 1, "input"},
    {"ConstantOfShape", 9, 1, 1, "input"},
    {"Shape", 1, 1, 1, "data"},
    {"Gather", 1, 2, 2, "data, indices"},
    {"Equal", 1, 2, 2, "A, B"},
    {"Where", 9, 3, 3, "condition, X, Y"},
    {"Expand", 8, 2, 2, "input, shape"},
    {"Constant", 1, 0, 0, ""},
};

std::string npc::onnx::inputCountProblem(llvm::StringRef domain, llvm::StringRef opType,
                                         int64_t opset, unsigned count) {
  if (!domain.empty() && domain != "ai.onnx")
    return {};
  const InputCount *first = nullptr, *row = nullptr;
  int min = INT32_MAX, max = 0;
  for (const InputCount &r : kInputCounts) {
    if (r.op != opType)
      continue;
    if (!first)
      first = &r;
    if (opset <= 0) { // unknown: what any opset takes
      min = std::min(min, r.min);
      max = r.max < 0 || max < 0 ? -1 : std::max(max, r.max);
      row = &r;
    } else if (r.since <= opset || !row) {
      row = &r;
      min = r.min;
      max = r.max;
    }
  }
  if (!row || (int64_t(count) >= min && (max < 0 || int64_t(count) <= max)))
    return {};
  std::string takes = max < 0          ? "at least " + std::to_string(min)
                      : max == 0       ? std::string("no inputs")
                      : min == max     ? std::to_string(min)
                                       : std::to_string(min) + " to " + std::to_string(max);
  if (!row->names.empty())
    takes += " (" + row->names.str() + ")";
  // Where the count changed between opsets, the one it was read at.
  bool versioned = opset > 0 && (row != first || (row + 1 < std::end(kInputCounts) &&
                                                  row[1].op == opType));
  return "has " + std::to_string(count) + (count == 1 ? " input" : " inputs") + "; " +
         (versioned ? "at opset " + std::to_string(opset) + " it" : std::string("it")) +
         " takes " + takes;
}

namespace {
/// Attributes of `op` that are inputs from opset `since` on.
struct MovedAttributes {
  llvm::StringLiteral op;
  int since;
  std::initializer_list<llvm::StringLiteral> names;
};
} // namespace

static const MovedAttributes kMovedAttributes[] = {
    {"Slice", 10, {"starts", "ends", "axes"}},
    {"Clip", 11, {"min", "max"}},
    {"Pad", 11, {"pads", "value"}},
    {"ReduceSum", 13, {"axes"}},
    {"Squeeze", 13, {"axes"}},
    {"Unsqueeze", 13, {"axes"}},
    {"Split", 13, {"split"}},
    {"ReduceMean", 18, {"axes"}},
    {"ReduceMax", 18, {"axes"}},
};

std::string npc::onnx::movedAttributeProblem(llvm::StringRef domain, llvm::StringRef opType,
                                             int64_t opset,
                                             llvm::function_ref<bool(llvm::StringRef)> has) {
  if ((!domain.empty() && domain != "ai.onnx") || opset <= 0)
    return {};
  for (const MovedAttributes &r : kMovedAttributes) {
    if (r.op != opType || opset < r.since ||
        llvm::none_of(r.names, [&](llvm::StringRef n) { return has(n); }))
      continue;
    std::string names;
    for (size_t i = 0; i < r.names.size(); ++i)
      names += (i == 0 ? "" : i + 1 == r.names.size() ? " and " : ", ") +
               r.names.begin()[i].str();
    bool one = r.names.size() == 1;
    return names + (one ? " is an input" : " are inputs") + " from opset " +
           std::to_string(r.since) + " on (this model's is " + std::to_string(opset) +
           "), not " + (one ? "an attribute" : "attributes");
  }
  return {};
}

/// Whether an operator's output has its first input's shape (elementwise
/// functions of one tensor, and the moves that change only the type).
static bool keepsShape(llvm::StringRef domain, llvm::StringRef opType) {
  if (isQonnxDomain(domain))
    return opType == "Quant";
  if (!domain.empty() && domain != "ai.onnx")
    return false;
  return llvm::is_contained(
      {"QuantizeLinear", "DequantizeLinear", "Identity", "Cast", "Relu", "Clip", "Sigmoid",
       "Tanh", "Exp", "Erf", "Gelu", "LeakyRelu", "HardSigmoid", "HardSwish", "Softplus", "Elu",
       "Neg", "Abs", "Sqrt", "Reciprocal", "Floor", "Ceil", "Round"},
      opType);
}

LogicalResult NodeOp::verify() {
  if (getOpType().empty())
    return emitOpError("has an empty op_type");
  if (getOutputs().size() != getNumResults())
    return emitOpError("names ") << getOutputs().size() << " outputs but has "
                                 << getNumResults() << " results";
  // A node of the default domain whose input count its operator does not
  // take (an ONNX checker error): refused here, at its node, so that no
  // pass reads past an input it does not expect (a third Expand input).
  auto module = (*this)->getParentOfType<ModuleOp>();
  auto opset = module ? module->getAttrOfType<IntegerAttr>(kOpsetAttr) : nullptr;
  if (std::string e = inputCountProblem(getDomain(), getOpType(), opset ? opset.getInt() : 0,
                                        getNumOperands());
      !e.empty())
    return emitError() << "node '" << getName() << "' (" << getShownOpType() << "): " << e;
  auto has = [&](llvm::StringRef n) { return bool(getOnnxAttr(n)); };
  if (std::string e =
          movedAttributeProblem(getDomain(), getOpType(), opset ? opset.getInt() : 0, has);
      !e.empty())
    return emitError() << "node '" << getName() << "' (" << getShownOpType() << "): " << e;
  // A node that keeps its input's shape states that shape where both are
  // known: passes read a rank through these nodes from either side.
  if (keepsShape(getDomain(), getOpType()) && getNumOperands() >= 1 && getNumResults() == 1)
    if (auto in = dyn_cast<RankedTensorType>(getOperand(0).getType()))
      if (auto out = dyn_cast<RankedTensorType>(getResult(0).getType());
          out && in.getShape() != out.getShape())
        return emitError() << "node '" << getName() << "' (" << getShownOpType()
                           << "): its output is stated as " << out
                           << ", but the operator keeps its input's shape (" << in << ")";
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
