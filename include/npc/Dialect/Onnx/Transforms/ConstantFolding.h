//===- ConstantFolding.h - ONNX nodes evaluated on constants ---*- C++ -*-===//
//
// One evaluator of the ONNX nodes npc computes at compile time: shape
// arithmetic as exporters write it (Shape, Gather, Slice, Concat), numpy
// broadcasting on constants (Add, Sub, Mul, Div, Pow, Equal, Where,
// Expand), ConstantOfShape, Cast, and the data movements of a constant
// (Identity, Reshape, Flatten, Squeeze, Unsqueeze, Transpose). The
// conversion to qg evaluates what is still a node through it, with its
// own answers for inputs and limits; onnx-fold-constants replaces small
// results by `onnx.constant`s before onnx-fuse-qdq, so the fusion sees
// them as constants and what reads them as typed.
//
//===----------------------------------------------------------------------===//
#ifndef NPC_DIALECT_ONNX_TRANSFORMS_CONSTANTFOLDING_H
#define NPC_DIALECT_ONNX_TRANSFORMS_CONSTANTFOLDING_H

#include "npc/Dialect/Onnx/Transforms/QuantParams.h"

#include "mlir/IR/BuiltinAttributes.h"

namespace npc::onnx {

/// What evaluating a node reads of its inputs. Each accessor that returns
/// null has recorded why, if its caller reports errors (the conversion);
/// the evaluator then returns no value and an empty reason.
class FoldInputs {
public:
  virtual ~FoldInputs() = default;
  /// Whether input `i` is given (not omitted).
  virtual bool has(int i) = 0;
  /// Input `i`'s shape.
  virtual const std::vector<int64_t> *shape(int i) = 0;
  /// Input `i`'s value, when it is a constant (`what` names the input).
  virtual const Const *constant(int i, const char *what) = 0;
  /// As constant, of an integer type (a shape, axes, indices).
  virtual const Const *intConstant(int i, const char *what) = 0;
  /// Whether a new constant of `elements` elements may be made (`what`
  /// names it); npc's limit on the model's constants in all.
  virtual bool admit(int64_t elements, const std::string &what) = 0;
  /// The most elements one tensor may have (ImportLimits::tensorElements).
  virtual int64_t tensorElements() = 0;
};

/// The element count of `shape` in `count`; else (it overflows int64)
/// the message "shape [...] has more elements than int64 holds".
std::string elementCount(llvm::ArrayRef<int64_t> shape, int64_t &count);

/// Whether foldNode evaluates `n` when its inputs are constants (Shape:
/// when its input's shape is known).
bool isFoldable(NodeOp n);

/// `n`'s one result, evaluated. No value when it cannot be: `reason` says
/// why (the conversion's error text), empty when an input accessor said it.
std::optional<Const> foldNode(NodeOp n, FoldInputs &in, std::string &reason);

/// The shape of the result of numpy-broadcasting node `n` (Add, Sub, Mul,
/// Div, Pow, Equal, Where; Expand to its shape input), read from its
/// inputs' shapes.
std::optional<std::vector<int64_t>> broadcastResultShape(NodeOp n, FoldInputs &in,
                                                         std::string &reason);

/// `c` broadcast to shape `to` (numpy's rules; checked by the caller).
Const broadcastConst(const Const &c, llvm::ArrayRef<int64_t> to);

/// The shape data-movement node `n` (Identity, Reshape, Flatten, Squeeze,
/// Unsqueeze, Transpose) gives a tensor of shape `shape`; a Transpose's
/// permutation in `perm`. Reshape's shape and Squeeze's and Unsqueeze's
/// axes inputs come from `in`.
std::optional<std::vector<int64_t>> movedShape(NodeOp n, llvm::ArrayRef<int64_t> shape,
                                               FoldInputs &in, std::vector<int64_t> &perm,
                                               std::string &reason);

/// `c` transposed by `perm` (its result shape `out`).
Const permuteConst(const Const &c, llvm::ArrayRef<int64_t> perm, llvm::ArrayRef<int64_t> out);

/// `c` as an `onnx.constant`'s value (elementTypeOf its type); null for a
/// type that would not read back as itself (float64, float16).
mlir::DenseElementsAttr elementsOfConst(mlir::MLIRContext *ctx, const Const &c);

} // namespace npc::onnx

#endif
