//===- HostTensor.h - tensors on the host side, and .npy files ---*- C++ -*-===//
#ifndef NPC_SUPPORT_HOSTTENSOR_H
#define NPC_SUPPORT_HOSTTENSOR_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace npc {

/// Element kinds that cross the host boundary (model inputs and outputs).
enum class ElemKind { U8, I8, U16, I16, I32, I64, F32 };

const char *elemKindName(ElemKind k);   // numpy-style: "uint8", "float32", ...
bool isIntegerKind(ElemKind k);
/// Whether data of kind `given` may feed a model input of kind `want`: the
/// same kind, or int64 for int32 (token ids as torch writes them; their
/// values were checked to fit in int32 when read).
inline bool inputKindAccepts(ElemKind want, ElemKind given) {
  return want == given || (want == ElemKind::I32 && given == ElemKind::I64);
}

/// A dense row-major tensor. Integer kinds keep their values in `ints`
/// (int64 values are narrowed on read and must fit in int32), F32 in `floats`.
struct HostTensor {
  ElemKind kind = ElemKind::F32;
  std::vector<int64_t> shape;
  std::vector<int32_t> ints;
  std::vector<float> floats;

  int64_t numElements() const;
  std::string shapeString() const; // "1x3x224x224"
};

/// Elements per step of `axis` (0 <= axis < rank): the product of the
/// dimensions after it.
inline int64_t axisInner(llvm::ArrayRef<int64_t> shape, int64_t axis) {
  int64_t inner = 1;
  for (size_t d = axis + 1; d < shape.size(); ++d)
    inner *= shape[d];
  return inner;
}

/// Index along `axis` of flat row-major element `i` of a tensor of `shape`
/// (0 when axis < 0): the channel of per-axis quantization parameters.
inline int64_t axisIndex(int64_t i, llvm::ArrayRef<int64_t> shape, int64_t axis) {
  if (axis < 0)
    return 0;
  return (i / axisInner(shape, axis)) % shape[axis];
}

llvm::Expected<HostTensor> readNpy(llvm::StringRef path);
/// The same for a file's bytes; `path` only names it in messages.
llvm::Expected<HostTensor> parseNpy(llvm::StringRef bytes, llvm::StringRef path);
llvm::Error writeNpy(llvm::StringRef path, const HostTensor &t);

} // namespace npc

#endif
