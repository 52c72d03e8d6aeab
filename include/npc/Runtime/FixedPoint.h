//===- FixedPoint.h - integer-only requantization arithmetic -----*- C++ -*-===//
//
// The one implementation of npc's fixed-point arithmetic: the legalization
// pass derives parameters with it, the reference interpreter and the executor
// apply them with it. docs/semantics.md is the specification.
//
//===----------------------------------------------------------------------===//
#ifndef NPC_SUPPORT_FIXEDPOINT_H
#define NPC_SUPPORT_FIXEDPOINT_H

#include <cstdint>
#include <optional>
#include <vector>

namespace npc {

/// real ~= multiplier * 2^-shift, multiplier in [2^30, 2^31) (or 0 for a
/// zero/negligible real), shift in [0, kMaxShift].
struct FixedPointMultiplier {
  int32_t multiplier = 0;
  int32_t shift = 0;
};

constexpr int kMaxShift = 62;

/// Nearest fixed-point representation of `real` (>= 0). std::nullopt when
/// real >= 2^31 (not representable with shift >= 0) or not finite.
std::optional<FixedPointMultiplier> quantizeMultiplier(double real);

/// Several reals sharing one shift (chosen for the largest), for sums of
/// differently scaled terms such as Add. Each multiplier is < 2^31.
std::optional<std::vector<FixedPointMultiplier>>
quantizeMultipliersCommonShift(const std::vector<double> &reals);

/// round_half_even(value / 2^shift), shift in [0, 63). Inline: it runs once
/// per output element.
inline int64_t roundingShiftRightHalfEven(int64_t value, int shift) {
  if (shift == 0)
    return value;
  // Floor division by 2^shift, then round the remainder half to even.
  int64_t q = value >> shift; // arithmetic shift = floor
  int64_t r = value - int64_t(uint64_t(q) << shift); // q * 2^shift, q may be negative
  int64_t half = int64_t(1) << (shift - 1);
  return q + ((r > half) | ((r == half) & (q & 1)));
}

/// round_half_even(acc * m.multiplier / 2^m.shift). |acc| < 2^32 keeps the
/// product inside int64.
inline int64_t applyMultiplier(int64_t acc, FixedPointMultiplier m) {
  return roundingShiftRightHalfEven(acc * m.multiplier, m.shift);
}

inline int32_t clampToRange(int64_t v, int64_t lo, int64_t hi) {
  return static_cast<int32_t>(v < lo ? lo : (v > hi ? hi : v));
}

/// ONNX QuantizeLinear on one float32 value: saturate(round_half_even(x /
/// scale) + zeroPoint) with the division in float32, as onnxruntime does;
/// a NaN is qmin, as onnxruntime gives it on x86 (ONNX leaves it open).
int32_t quantizeFloat(float x, float scale, int32_t zeroPoint, int32_t qmin,
                      int32_t qmax);
/// quantizeFloat of n values with one scale and zero point, into out (a
/// frame's input tensor, or one channel's run of it), with the CPU's own
/// rounding instruction where it has one (the same results).
void quantizeFloats(const float *x, int64_t n, float scale, int32_t zeroPoint, int32_t qmin,
                    int32_t qmax, int32_t *out);

/// ONNX DequantizeLinear: float32(x - zeroPoint) * scale in float32.
inline float dequantizeValue(int32_t x, float scale, int32_t zeroPoint) {
  // The difference in int64: a hostile int32 zero point must not overflow.
  return static_cast<float>(int64_t(x) - zeroPoint) * scale;
}

} // namespace npc

#endif
