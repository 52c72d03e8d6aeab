//===- FunctionTables.h - float functions of one activation as tables -*- C++ -*-===//
//
// A chain of float elementwise functions of one dequantized activation
// (Sigmoid, Erf, x * sigmoid(x), Add of a float scalar, ...) is, on the
// activation's codes, one lookup table. onnx-fuse-qdq builds the chain
// backwards from its QuantizeLinear, the conversion to qg forwards along
// the walk; both compose it with these functions, so the float operations
// (and the table) are the same either way (docs/semantics.md, "Lookup
// tables").
//
//===----------------------------------------------------------------------===//
#ifndef NPC_DIALECT_ONNX_TRANSFORMS_FUNCTIONTABLES_H
#define NPC_DIALECT_ONNX_TRANSFORMS_FUNCTIONTABLES_H

#include "npc/Dialect/Onnx/Transforms/QuantParams.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"

#include <functional>

namespace npc::onnx {

/// A function of an element's real value and of its index along one axis
/// (0 when it does not vary along one).
using ChainFn = std::function<float(int64_t, float)>;

/// The float function of one input that ONNX operator `op` computes
/// (float32; `attr(name, default)` reads its attributes), for the
/// operators npc tabulates; nullopt for others.
std::optional<std::function<float(float)>>
tableFunction(llvm::StringRef op, llvm::function_ref<float(const char *, float)> attr);
bool isTableFunction(llvm::StringRef op);

/// v -> v, and v -> k.
ChainFn identityFn();
ChainFn constantFn(float k);

/// v -> h(c, g(c, v)).
ChainFn thenApply(ChainFn g, ChainFn h);

/// v -> g(c, v) op h(c, v) for op Add, Sub, Mul or Div.
ChainFn combineFn(llvm::StringRef op, ChainFn g, ChainFn h);

/// g, then Relu (`relu`) or Clip(lo, hi) in float.
ChainFn clipFn(ChainFn g, bool relu, std::optional<double> lo, std::optional<double> hi);

/// The function's float32 values at every code of an input quantized with
/// `in` (per tensor, at most 8 bits): entry e of channel k at
/// e * channels + k, entry e the code whose low bits are e (two's
/// complement when signed), dequantized as ONNX does.
std::vector<float> tableValues(const ChainFn &f, const QInfo &in, int64_t channels);

/// `values` quantized with `out` (per tensor) as QuantizeLinear does,
/// then clamped to [cmin, cmax]: qg.table's entries.
std::vector<int32_t> tableCodes(const std::vector<float> &values, const QInfo &out,
                                int32_t cmin, int32_t cmax);

/// The codes `q`'s type holds: its narrow range (QONNX) or its storage's.
std::pair<int32_t, int32_t> codeBounds(const QInfo &q);

/// npc's 16-bit quantization of a function's `values` that a float
/// operator reads with no QuantizeLinear between (the squeeze-excite gate
/// x * sigmoid(g)), into `q`: scale max|f| / 65535 (uint16), or / 32767
/// (int16) when some value is negative, rounded to float32 as every ONNX
/// scale is (1 when every value is 0), zero point 0 (docs/semantics.md).
/// An error text when a value is not finite (NaN too) or that scale is no
/// normal float32.
std::string wideTableParams(const std::vector<float> &values, QInfo &q);

} // namespace npc::onnx

#endif
