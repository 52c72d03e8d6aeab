//===- QuantParams.h - ONNX constants and quantization parameters -*- C++ -*-===//
//
// What onnx-fuse-qdq and the conversion to qg both read off onnx-level
// constants: tensor values, a Q/DQ/QLinear node's scale and zero point, an
// integer bias. One set of rules and messages for both, so a cluster the
// fusion accepts is one the conversion would have accepted.
//
//===----------------------------------------------------------------------===//
#ifndef NPC_DIALECT_ONNX_TRANSFORMS_QUANTPARAMS_H
#define NPC_DIALECT_ONNX_TRANSFORMS_QUANTPARAMS_H

#include "npc/Dialect/Onnx/IR/Onnx.h"

#include <cmath>
#include <cstdint>
#include <numeric>
#include <optional>
#include <string>
#include <vector>

namespace npc::onnx {

/// A constant known at compile time.
struct Const {
  int32_t type = kFloat;
  std::vector<int64_t> shape;
  std::vector<int64_t> ints;  // integer types
  std::vector<float> floats;  // float types
  /// A zero point's narrowed range (onnx.constant's narrowed_range).
  std::optional<std::pair<int64_t, int64_t>> narrowed;
  bool isFloat() const { return type == kFloat || type == kDouble; }
  int64_t numel() const {
    return std::accumulate(shape.begin(), shape.end(), int64_t(1), std::multiplies<>());
  }
  int64_t size() const { return isFloat() ? floats.size() : ints.size(); }
  double at(int64_t i) const { return isFloat() ? floats[i] : double(ints[i]); }
  /// Element `i` as an integer: an integer type's own value (through a
  /// double, torch's open slice end INT64_MAX would become INT64_MIN), a
  /// float's truncated within int64's range.
  int64_t intAt(int64_t i) const {
    if (!isFloat())
      return ints[i];
    double f = std::isnan(floats[i]) ? 0.0 : floats[i];
    return f >= 9.2e18 ? INT64_MAX : f <= -9.2e18 ? INT64_MIN : int64_t(f);
  }
};

/// Quantization parameters as ONNX states them (scale, zero point, axis).
struct QInfo {
  std::vector<double> scales;
  std::vector<int64_t> zeroPoints;
  int64_t axis = -1; // -1: per tensor
  int32_t storage = kUInt8;
  // A narrower range than the storage type's (QONNX narrow or bit widths
  // other than 2, 4, 8, stored in the next wider type).
  std::optional<int64_t> qmin, qmax;
};

// Each function below returns the reason it failed, empty on success.

/// The dense value behind `v` and its name for messages: an initializer's,
/// or a Constant node's `value` (its only attribute; no inputs).
std::pair<mlir::ElementsAttr, std::string> elementsOf(mlir::Value v);

/// `out`'s type and shape from a dense constant (`name` for the message).
std::string readConstType(mlir::ElementsAttr attr, const std::string &name, Const &out);
/// Constant `c`'s narrowed_range, if it has one (Const::narrowed).
std::optional<std::pair<int64_t, int64_t>> narrowedRangeOf(ConstantOp c);
/// readConstType, then the values.
std::string readConst(mlir::ElementsAttr attr, const std::string &name, Const &out);

/// A Q/DQ node's `axis` attribute value (negative counts from the end) on
/// a tensor of `shape`, and the extent along it (-1 when out of range).
std::pair<int64_t, int64_t> quantAxisOf(int64_t axis, llvm::ArrayRef<int64_t> shape);

/// The one axis of x (shape `xs`) that a tensor of shape `ss` broadcast
/// against it (numpy's rules) varies along, -1 for none (every extent 1);
/// nullopt unless it is one value or one per index of one axis other than
/// the first: what a table per channel can hold (a PRelu's slope).
std::optional<int64_t> channelAxisOf(llvm::ArrayRef<int64_t> xs, llvm::ArrayRef<int64_t> ss);

/// Why integer type code `code` cannot hold quantized codes (`what` names
/// it: "zero point", "input"); empty when it can.
std::string storageTypeProblem(int32_t code, const char *what);

/// Cast: `c` converted to type code `to` (float32, or an integer type the
/// values fit: a float truncates toward zero).
std::string castConst(Const &c, int32_t to);

/// QuantizeLinear of float constant `x` with `q`, folded: its codes.
std::string quantizeConst(const Const &x, const QInfo &q, Const &out);

/// An embedding lookup's table as codes of its output: the float `table`,
/// or integer codes dequantized with `dequantized` (in float32, as ONNX
/// does), quantized with `q` (quantizeConst) and clamped to [cmin, cmax]
/// (a Relu or Clip before the QuantizeLinear).
Const embeddingCodes(const Const &table, const QInfo *dequantized, const QInfo &q, int32_t cmin,
                     int32_t cmax);

/// `q` from a Q/DQ/QLinear node's scale and optional zero point: per tensor,
/// or along `axis` when there is more than one scale (`channels` values,
/// unless negative). Without a zero point the storage is `defaultStorage`.
/// `sixteenBit`: a 16-bit zero point is accepted too (npc's 16-bit average
/// codes, which only npc's own nodes make: wideMeanParams).
std::string quantInfoOf(const Const &scale, const Const *zeroPoint, int64_t axis,
                        int64_t channels, int32_t defaultStorage, QInfo &q,
                        bool sixteenBit = false);

/// QONNX's Quant (x, scale, zeropt, bitwidth; signed, narrow,
/// rounding_mode) of a tensor of shape `xShape`, as the QuantizeLinear ->
/// DequantizeLinear pair it is: `q` at `bitwidth` bits in storage of 2, 4
/// or 8 bits with its narrowed range (qmin, qmax), per tensor or per
/// channel along the one dimension where scale or zero point, broadcast
/// against x, has more than one value. With x's shape not known (nullopt),
/// only one scale and zero point: the caller then checks that their rank
/// is not above x's. Both the conversion and onnx-fuse-qdq (which splits a
/// Quant into that pair) read it with this.
std::string qonnxQuantInfo(const Const &scale, const Const &zeroPoint, const Const &bitwidth,
                           llvm::StringRef roundingMode, bool isSigned, bool narrow,
                           std::optional<llvm::ArrayRef<int64_t>> xShape, QInfo &q);

/// Whether average `op` (GlobalAveragePool, AveragePool, ReduceMean) is read
/// only by products (Conv, Gemm, MatMul, as any input) and reshapes of it
/// (Flatten, Reshape, Squeeze, Unsqueeze, as their data), with no
/// QuantizeLinear between: the conversion computes such an average of a
/// dequantized activation where it is, in 16-bit codes (wideMeanParams),
/// and onnx-fuse-qdq states it so.
bool averageReadByProducts(NodeOp op);

/// Whether `reader` makes an average it reads 16-bit codes (wideMeanParams)
/// in the conversion: a product (Conv, Gemm, MatMul) or a reshape
/// (Flatten, Reshape, Squeeze, Unsqueeze; of its data, the only input the
/// conversion moves).
bool readsAverageAsCodes(NodeOp reader);

/// The first node, in block order, that reads average `op` and makes it
/// 16-bit codes (readsAverageAsCodes); null when none does. The conversion
/// makes the codes there, and readers before it read the float average.
NodeOp firstCodesReader(NodeOp op);

/// Whether the conversion takes a default-domain node of type `type` on
/// dequantized inputs by its floatOp, which first makes what each input
/// holds pending (a 16-bit table, a clamp, a max pool on the codes):
/// products, pools, reductions, Softmax, LayerNormalization,
/// BatchNormalization (with no Conv before it) and Concat. Add, Sub, Mul
/// and Div may grow a chain instead.
bool takenByFloatOp(llvm::StringRef type);

/// Whether `op` is a MaxPool (of one input) read only by float operators
/// that take it as a dequantized view (Conv, Gemm, MatMul, Add, Concat,
/// the pools and reductions, Softmax, LayerNormalization,
/// BatchNormalization, functions of one input (Sigmoid, Tanh, ...), Sub,
/// Mul and Div, a Pow by a float scalar, and the data movements: eager QAT's
/// DQ -> MaxPool -> Conv and the residual Add, inception's pool of a
/// pool, a product of the pool and its transpose), and by QuantizeLinears
/// and graph outputs only beside one of those: max commutes with
/// dequantization (scales are positive), so the conversion runs it on its
/// input's codes where it is, and onnx-fuse-qdq moves it onto them.
bool maxPoolReadByFloatOps(NodeOp op);

/// Whether node `n` is of ONNX's default domain ("" or "ai.onnx").
inline bool inDefaultDomain(NodeOp n) {
  return n.getDomain().empty() || n.getDomain() == "ai.onnx";
}

/// torch's LayerNorm below opset 17 over the last axis: ReduceMean -> Sub ->
/// Pow 2 -> ReduceMean -> Add epsilon -> Sqrt -> Div [-> Mul gamma [-> Add
/// beta]], each node's output read by the next alone (Sub's by Pow and Div),
/// epsilon, gamma and beta float constants (gamma and beta one value or one
/// per element of the last axis).
struct LayerNormChain {
  llvm::SmallVector<mlir::Operation *, 9> nodes; // the first ReduceMean first
  float epsilon = 0;
  std::vector<double> gamma{1.0}, beta{0.0};
  mlir::Value gammaValue, betaValue; // the Mul's and Add's constant operands, if any
  // Of its constants (exponent, epsilon, gamma, beta), the first of the
  // highest rank and that rank: ONNX broadcasts them too, so one of a
  // higher rank than x's gives the result its rank (the callers check).
  mlir::Value widestConstant;
  std::vector<int64_t> widestShape;
  size_t widestRank = 0;
};
/// Whether `reader` is Sub(x, mean) of ReduceMean `mean` of x: what a
/// layer norm written as arithmetic begins with, when it is the mean's one
/// reader.
bool subtractsMean(mlir::Operation *reader, NodeOp mean);
/// The Sub(x, mean) that a layer norm written as arithmetic begins with at
/// ReduceMean `mean` of x, the mean's one reader; null where there is none
/// (then no chain starts there: matchLayerNormChain's first test).
NodeOp layerNormSub(NodeOp mean);
/// The chain that starts at ReduceMean `mean`, whose input has rank `rank`
/// (-1 when not known: then the axis must be written -1); gamma and beta
/// hold one value or their last extent's, whatever x's length (the
/// conversion checks it when it emits the layer norm, as onnx-fuse-qdq's
/// node's reader does). `constantOf` gives the value of a constant operand
/// (nullopt if not one). Both the conversion and onnx-fuse-qdq match it
/// with this.
std::optional<LayerNormChain>
matchLayerNormChain(NodeOp mean, int64_t rank,
                    llvm::function_ref<std::optional<Const>(mlir::Value)> constantOf);

/// The parameters of npc's 16-bit average of codes with parameters `x`
/// (per tensor, at most 8 bits wide, codes in [lo, hi]): read by a product
/// with no QuantizeLinear between, an average keeps 1/16 of x's step, its
/// codes 16 times x's in 16-bit storage (docs/semantics.md).
QInfo wideMeanParams(const QInfo &x, int64_t lo, int64_t hi);

/// The real values of a bias that is a DequantizeLinear of integer constant
/// `c` with parameters `q` (one scale and zero point, or one per value),
/// times `scaleMul` (Gemm's beta).
std::string dequantizedReals(const Const &c, const QInfo &q, double scaleMul,
                             const char *what, std::vector<double> &out);

/// The real values of a product's bias `c` with `channels` outputs, times
/// `scaleMul`: a float constant, or (`dequantized` its parameters) a
/// DequantizeLinear of an integer constant; one value or `channels`.
std::string biasRealValues(const Const &c, const QInfo *dequantized, double scaleMul,
                           int64_t channels, const char *what, std::vector<double> &out);

/// Why `n` values of `what` do not fit `channels` (one value, or one per
/// channel); empty when they do.
std::string valueCountProblem(size_t n, int64_t channels, const char *what);

/// Whether a Gemm's C of shape `shape` broadcasts along rows of N columns
/// ([N], [1, N], one value or a scalar).
bool gemmBiasShapeOk(llvm::ArrayRef<int64_t> shape, int64_t n);

/// Whether a constant of shape `shape` added to a MatMul is a row its rows
/// share (at most one dimension other than 1, and not a last 1 after a
/// longer one), so it folds into the product as its bias; a column
/// ([.., N, 1]) or a full matrix is an ordinary Add.
bool isRowShape(llvm::ArrayRef<int64_t> shape);

/// The rank of a MatMul of operands of ranks `a` and `b` (both at least 1),
/// by ONNX's rule: a 1-D operand loses its axis.
int64_t matMulRank(int64_t a, int64_t b);

/// The int32 bias of a product whose input has scale `sx` and weight `w`:
/// round(real / (sx * sw)) per output channel (`real` holds one value or
/// `channels`).
std::string integerBias(const std::vector<double> &real, double sx, const QInfo &w,
                        int64_t channels, std::vector<int32_t> &out);

/// y[c] = a[c] * conv[c] + b[c] per output channel of a convolution: the
/// float ops a QAT export leaves after it (torch's ConvBn: Div by the
/// factor it multiplied into the weight, Add of the bias,
/// BatchNormalization), folded so that the convolution's one
/// requantization computes them (docs/semantics.md). Both the conversion
/// and onnx-fuse-qdq fold with these functions.
struct ChannelAffine {
  explicit ChannelAffine(int64_t channels) : a(channels, 1.0), b(channels, 0.0) {}
  std::vector<double> a, b;
};

/// The values of float constant `c` broadcasting against an NCHW tensor
/// with one value per channel ([1, C, 1, 1], [C, 1, 1], one value), one
/// per channel; false when it does not.
bool channelValues(const Const &c, int64_t channels, std::vector<double> &out);

/// `f` followed by `op` (Add, Sub, Mul or Div) with per-channel constant
/// `k` as its first operand (`constFirst`) or second. k / y is no affine
/// map: callers do not fold it.
std::string foldArithmetic(ChannelAffine &f, llvm::StringRef op, bool constFirst,
                           const std::vector<double> &k);

/// `f` followed by BatchNormalization with per-channel `scale`, `bias`,
/// `mean`, `var` and `epsilon`.
std::string foldBatchNormalization(ChannelAffine &f, const std::vector<double> &scale,
                                   const std::vector<double> &bias,
                                   const std::vector<double> &mean,
                                   const std::vector<double> &var, double epsilon);

/// A convolution's weight codes `w`, parameters `wq` and real bias (one
/// value or one per channel) with `f` applied: each channel's weight scale
/// times |a| rounded to float32 (a scale as ONNX states one), its codes
/// mirrored about the zero point where a < 0 (`widened`: some mirrored code
/// left the storage range and the codes are now int16) and all at the zero
/// point where a is 0; the bias a * bias + b. Per-channel along axis 0
/// afterwards.
std::string applyChannelAffine(const ChannelAffine &f, Const &w, QInfo &wq,
                               std::vector<double> &bias, bool &widened);

/// The clamp of a product quantized with `out` (per tensor) followed by
/// Relu (`relu`) or Clip(lo, hi): Q is monotonic, so Q(clip(v, lo, hi)) =
/// clamp(Q(v), Q(lo), Q(hi)) exactly.
std::string activationClamp(const QInfo &out, bool relu, std::optional<double> lo,
                            std::optional<double> hi, int32_t &cmin, int32_t &cmax);

/// The smallest and largest code of a storage type code (int8: -128, 127).
std::pair<int64_t, int64_t> storageRange(int32_t code);

/// Whether `q`'s codes are narrowed inside their storage type's range
/// (QONNX's bit widths and narrow).
bool isNarrowed(const QInfo &q);

/// Whether a Relu of codes dequantized with `q` changes nothing: per
/// tensor, its zero point the storage type's lowest code (no code lies
/// below it, so no dequantized value is negative). The conversion passes
/// the codes through such a Relu, and onnx-fuse-qdq drops it.
bool reluIsIdentity(const QInfo &q);

/// `v`'s stated type where the conversion checks it on every route
/// (statedTypesHold), else null: a graph input's or a constant's; a
/// QuantizeLinear's (codes, converted or replaced by a fused node that
/// keeps its type); integer codes a node makes of codes whose type is
/// checked (a move or a pool of codes, which the conversion converts as
/// such); a DequantizeLinear's of such codes (the verifier holds the two
/// to one shape). A float operator's stated type is not read: the
/// conversion checks it only at its QuantizeLinear, which need not state
/// a type, and the fusion may take the operator away (helper-73).
mlir::RankedTensorType checkedType(mlir::Value v, int depth = 0);

/// A number as people write it: 0.001, 3.5, 1e-09 (shortest round trip).
std::string numberText(double v);

/// The indices ONNX's Slice takes along one axis of extent `size`: start
/// and end counted from the end when negative and clamped as the operator
/// says, every `step`-th (nonzero, either sign). Any int64 bounds and step
/// (torch writes INT64_MAX as "to the end") without overflow.
/// sliceCount is how many, without making them.
int64_t sliceCount(int64_t size, int64_t start, int64_t end, int64_t step);
std::vector<int64_t> sliceIndices(int64_t size, int64_t start, int64_t end, int64_t step);

/// The axes [first, last) a Shape with attributes start and end takes of
/// a tensor of rank `rank` (counted from the end when negative, clamped).
std::pair<int64_t, int64_t> shapeAxes(int64_t rank, int64_t start, int64_t end);

} // namespace npc::onnx

#endif
