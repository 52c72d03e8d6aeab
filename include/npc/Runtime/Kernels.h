//===- Kernels.h - the integer compute kernels -------------------*- C++ -*-===//
//
// The one implementation of every layer's arithmetic (docs/semantics.md).
// The reference interpreter calls it on whole tensors; the executor calls it
// on the box of the output a core owns, with the input box that core has
// received and the parameter slices in its memory. Byte-exactness between
// the two therefore rests on identical inputs, which the executor proves by
// running the schedule, not on two copies of the arithmetic.
//
//===----------------------------------------------------------------------===//
#ifndef NPC_KERNELS_KERNELS_H
#define NPC_KERNELS_KERNELS_H

#include "npc/Runtime/Gemm.h"
#include "npc/Runtime/HostTensor.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace npc::kernels {

/// A box of a tensor: dimension d spans [lo[d], hi[d]).
struct Box {
  llvm::SmallVector<int64_t, 4> lo, hi;

  static Box full(llvm::ArrayRef<int64_t> shape);
  /// The box of `bounds`: lo of every dimension, then hi (an even count).
  static Box fromBounds(llvm::ArrayRef<int64_t> bounds);
  /// lo of every dimension, then hi: the box as one array (attributes, keys).
  std::vector<int64_t> bounds() const;
  size_t rank() const { return lo.size(); }
  int64_t size(size_t d) const { return hi[d] - lo[d]; }
  // Inline: the executor asks these for every transfer and tile of every
  // frame.
  int64_t numel() const {
    int64_t n = 1;
    for (size_t d = 0; d < rank(); ++d)
      n *= size(d) > 0 ? size(d) : 0;
    return n;
  }
  bool empty() const {
    for (size_t d = 0; d < rank(); ++d)
      if (size(d) <= 0)
        return true;
    return false;
  }
  bool contains(const Box &o) const {
    if (o.empty())
      return true;
    for (size_t d = 0; d < rank(); ++d)
      if (o.lo[d] < lo[d] || o.hi[d] > hi[d])
        return false;
    return true;
  }
  Box intersect(const Box &other) const;
  bool operator==(const Box &o) const { return lo == o.lo && hi == o.hi; }
  std::string str() const; // "[0:1, 0:16, 3:9, 0:28]"
};

struct KernelInfo;
struct LayerGeometry;

/// Work of a MAC-array kind as the array sees it: `vectors` input vectors
/// of `depth` reduction elements, each feeding `outputs` outputs (the sum of
/// vectors x depth x outputs is the kind's work). TargetModel charges each
/// vector ceil(depth / array depth) x ceil(outputs / array lanes) cycles.
struct MacBlock {
  int64_t vectors = 0, depth = 0, outputs = 0;
};
struct LayerParams;

/// An activation operand as the executor holds it in a core's memory: codes
/// at their stored width (elemBytes(kind) each), in the box's row-major
/// order as `compute` takes int32 values.
struct StoredOperand {
  const uint8_t *bytes;
  ElemKind kind;
};
/// Where a kernel may write its output as stored codes instead (elemBytes(kind)
/// each, the output box's row-major order, truncated as storeElems does):
/// `written` says that it did, and then the int32 output holds nothing.
struct StoredResult {
  uint8_t *bytes = nullptr;
  ElemKind kind = ElemKind::I32;
  bool written = false;
};
/// A layer's kind: the one description of everything npc knows about it.
using LayerKind = const KernelInfo *;

/// Everything about a layer except its per-channel parameter values:
/// shapes, window geometry, zero points and clamp bounds.
struct LayerGeometry {
  LayerKind kind = nullptr;
  std::vector<std::vector<int64_t>> inputShapes; // activation operands
  std::vector<int64_t> outputShape;
  std::vector<int64_t> weightShape;  // conv OIHW, matmul [..., K, N]
  int64_t kernel[2] = {1, 1}, strides[2] = {1, 1}, dilations[2] = {1, 1};
  int64_t pads[4] = {0, 0, 0, 0}; // top, left, bottom, right
  int64_t group = 1;
  bool countIncludePad = false;
  std::vector<int32_t> inputZeroPoints; // one per activation operand
  bool quantizedOutput = true;          // false: i32 accumulators out
  int32_t outputZeroPoint = 0;
  int32_t clampLo = INT32_MIN, clampHi = INT32_MAX; // storage range ∩ activation
  int64_t axis = 0;                     // concat
  int64_t operandBits = 8;              // wider of activation and weight storage
  /// matmul split along K (docs/mapping.md, "Split reductions"): the
  /// weight holds K' rows, input columns [reductionOffset, reductionOffset +
  /// K') of the input; with a second input (int32, the output's shape) the
  /// partial sums of the preceding rows are added to the accumulator.
  int64_t reductionOffset = 0;
  std::vector<int64_t> perm;            // transpose
  // slice: output index i of dimension d reads input index
  // sliceStarts[d] + sliceSteps[d] * i
  std::vector<int64_t> sliceStarts, sliceSteps;
  /// conv2d_add: the convolution's own requantized result (its zero point
  /// and clamp bounds) and the add applied to it in the same tile:
  /// `out = clamp(outputZeroPoint + rshift_half_even((a - za) * m[0] +
  /// (b - zb) * m[1], shift))`, the convolution's result being operand
  /// `convOperand` (0 or 1) of the add, input 1 (the residual) the other.
  struct ResidualAdd {
    int32_t convZeroPoint = 0, convClampLo = 0, convClampHi = 0;
    int32_t convOperand = 0;
    int32_t multiplier[2] = {0, 0};
    int32_t shift = 0;
  };
  std::optional<ResidualAdd> residualAdd;
};

/// Parameter values, sliced to the channels of the output box a tile owns:
/// index 0 is channel `outBox.lo[channelDim]`.
struct LayerParams {
  llvm::ArrayRef<int32_t> weights;     // centered (w - z_w), slice layout below
  llvm::ArrayRef<int32_t> foldedBias;  // per channel (matmul: per batch x column)
  llvm::ArrayRef<int32_t> multiplier;  // per channel / per count / [a, b] for add
  llvm::ArrayRef<int32_t> shift;
  /// Where the MAC-array kinds keep their weights packed for `gemm` between
  /// runs of the same tile (nullptr: pack for this run only).
  PackedWeightsCache *packed = nullptr;
};

/// Dimension of the output that indexes per-channel parameters.
int64_t channelDim(const LayerGeometry &g);

/// The dimensions tiles cut an output of rank `rank` along, (channel, row):
/// channels and rows of NCHW tensors, columns and rows of matrices; row -1
/// when there is none.
std::pair<int64_t, int64_t> splitDims(size_t rank);
/// Whether tiles `a` and `b` of a layer compute with the same parameters
/// (weights, biases, multipliers, shifts): a MAC layer's are sliced by its
/// output's channels, so boxes that differ in rows only (splitDims) do.
/// What a tile that streams another's parameters must satisfy.
bool sameParamSlice(const LayerGeometry &g, const Box &a, const Box &b);
/// What tile `t` of a layer (output boxes `boxes`) breaks by streaming its
/// parameters from tile `paramsFrom(t)` (docs/mapping.md, "Streamed
/// weights"), or "" when nothing: that must be another tile of the layer,
/// one that holds its own (`paramsFrom` -1), with the same slice
/// (sameParamSlice) and, where `sameLayout` is given, the same parameter
/// layout. The one rule the nmap and prog verifiers and the artifact
/// reader apply.
std::string streamedParamsProblem(const LayerGeometry &g, llvm::ArrayRef<Box> boxes, size_t t,
                                  llvm::function_ref<int64_t(size_t)> paramsFrom,
                                  llvm::function_ref<bool(size_t, size_t)> sameLayout = nullptr);

/// Whether activation input `operand` of `g` is the partial sums of a split
/// reduction's part before (docs/mapping.md, "Split reductions"): what the
/// partial-sum NoC carries.
inline bool carriesPartialSums(const LayerGeometry &g, size_t operand);

/// The boxes of each activation input needed to compute `outBox`.
std::vector<Box> requiredInputBoxes(const LayerGeometry &g, const Box &outBox);

/// Weight slice for the channels of `outBox`, in the layout `compute`
/// expects: conv [oc][icpg][kh][kw] for oc in the box; matmul [batch][K][n]
/// for n in the box (all batches of a batched weight, one otherwise).
std::vector<int32_t> sliceWeights(const LayerGeometry &g,
                                  llvm::ArrayRef<int32_t> fullCentered,
                                  const Box &outBox);
/// Per-channel parameter slices (bias, multiplier, shift) for `outBox`.
std::vector<int32_t> sliceChannelParam(const LayerGeometry &g,
                                       llvm::ArrayRef<int32_t> full,
                                       const Box &outBox, bool isBias);

/// Sizes of the slices above, without copying anything.
struct ParamCounts {
  int64_t weights = 0, bias = 0, mult = 0, shift = 0;
};
ParamCounts sliceCounts(const LayerGeometry &g, int64_t fullWeights, int64_t fullBias,
                        int64_t fullMult, int64_t fullShift, const Box &outBox);

/// One kind of layer, whole: how an output box depends on the inputs and
/// the parameters, what it costs and how it computes. Tiling, mapping,
/// scheduling, the artifact, the executor and the reference interpreter
/// ask the kind; none of them switches over kinds. A new kind is one entry
/// of the table in Kernels.cpp (docs/architecture.md, "adding an operator").
struct KernelInfo {
  int64_t id;       // the kind's number in artifacts (docs/artifact.md), never reused
  const char *name; // "conv2d": manifests, reports, messages
  bool onMacArray;  // false: the vector unit
  /// The output dimension that indexes per-channel parameters; -1 when the
  /// parameters are per layer (every tile gets all of them).
  int64_t (*channelDim)(const LayerGeometry &g);
  /// The box of each activation input needed to compute `out`.
  std::vector<Box> (*inputBoxes)(const LayerGeometry &g, const Box &out);
  /// Weights the tile computing `out` holds, of `fullWeights`, and the
  /// slice itself, in the layout `compute` reads.
  int64_t (*weightCount)(const LayerGeometry &g, int64_t fullWeights, const Box &out);
  std::vector<int32_t> (*sliceWeights)(const LayerGeometry &g, llvm::ArrayRef<int32_t> full,
                                       const Box &out);
  /// MACs (or element operations off the MAC array) to compute `out`.
  int64_t (*work)(const LayerGeometry &g, const Box &out);
  /// See `compute` below.
  llvm::Error (*compute)(const LayerGeometry &g, const LayerParams &p,
                         llvm::ArrayRef<const int32_t *> inputs, llvm::ArrayRef<Box> inputBoxes,
                         const Box &outBox, int32_t *out);
  /// Whether the geometry is consistent in itself: everything the functions
  /// above index by (ranks, shapes, groups, axes, permutations).
  llvm::Error (*verify)(const LayerGeometry &g);
  /// The parameters `compute` reads for `out`, at least.
  ParamCounts (*needs)(const LayerGeometry &g, const Box &out);
  /// Optional: `compute` reading the operands as stored, for kernels whose
  /// fast path wants the bytes (no int32 copy of the input). Returns false,
  /// having written nothing, when its fast path does not apply; the
  /// operands are then converted to int32 for `compute`. The same results.
  /// With `result`, it may write the stored output there instead of `out`.
  bool (*computeStored)(const LayerGeometry &g, const LayerParams &p,
                        llvm::ArrayRef<StoredOperand> inputs, llvm::ArrayRef<Box> inputBoxes,
                        const Box &outBox, int32_t *out, StoredResult *result) = nullptr;
  /// MAC-array kinds: `out`'s work as MacBlocks, appended to `blocks`.
  void (*macBlocks)(const LayerGeometry &g, const Box &out,
                    llvm::SmallVectorImpl<MacBlock> &blocks) = nullptr;
  /// MAC-array kinds with work for the vector unit after the array (a
  /// fused residual add): its element operations for `out`.
  int64_t (*epilogueWork)(const LayerGeometry &g, const Box &out) = nullptr;
};

/// Every kind; the kind with an artifact id or a name (nullptr if none).
llvm::ArrayRef<KernelInfo> allKernels();
const KernelInfo *findKernel(int64_t id);
const KernelInfo *findKernel(llvm::StringRef name);

inline const char *layerKindName(LayerKind k) { return k ? k->name : "?"; }
inline bool isMacLayer(LayerKind k) { return k && k->onMacArray; }

inline bool carriesPartialSums(const LayerGeometry &g, size_t operand) {
  return operand == 1 && g.inputShapes.size() == 2 && g.kind &&
         llvm::StringRef(g.kind->name) == "matmul";
}

/// Whether `g` is consistent in itself (its kind's rules): artifacts come
/// from anywhere, and the kernels index by it.
llvm::Error verifyGeometry(const LayerGeometry &g);

/// MACs (or element operations for non-MAC layers) to compute `outBox`.
int64_t workFor(const LayerGeometry &g, const Box &outBox);
/// The MacBlocks of `outBox` (empty for kinds off the MAC array).
llvm::SmallVector<MacBlock, 4> macBlocksFor(const LayerGeometry &g, const Box &outBox);

/// Computes the values of `outBox` (row-major within the box) from the
/// input boxes (each row-major within its box, each containing what
/// requiredInputBoxes asks for). Errors instead of reading outside them.
llvm::Error compute(const LayerGeometry &g, const LayerParams &p,
                    llvm::ArrayRef<const int32_t *> inputs,
                    llvm::ArrayRef<Box> inputBoxes, const Box &outBox,
                    int32_t *out);

/// `compute` on operands as stored (what the executor holds), with the same
/// checks and results: the kind's `computeStored` where it applies, else
/// the operands converted to int32 (per-thread scratch) and `compute`.
/// With `result`, the output may come as stored codes there instead
/// (`result->written`).
llvm::Error computeStored(const LayerGeometry &g, const LayerParams &p,
                          llvm::ArrayRef<StoredOperand> inputs,
                          llvm::ArrayRef<Box> inputBoxes, const Box &outBox, int32_t *out,
                          StoredResult *result = nullptr);

} // namespace npc::kernels

#endif
