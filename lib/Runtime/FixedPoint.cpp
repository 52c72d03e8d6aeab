//===- FixedPoint.cpp - integer-only requantization arithmetic ------------===//
#include "npc/Runtime/FixedPoint.h"

#include <cmath>

namespace npc {

static FixedPointMultiplier fromShift(double real, int shift) {
  return {static_cast<int32_t>(std::llround(std::ldexp(real, shift))), shift};
}

std::optional<FixedPointMultiplier> quantizeMultiplier(double real) {
  auto all = quantizeMultipliersCommonShift({real});
  if (!all)
    return std::nullopt;
  return (*all)[0];
}

std::optional<std::vector<FixedPointMultiplier>>
quantizeMultipliersCommonShift(const std::vector<double> &reals) {
  double largest = 0;
  for (double r : reals) {
    if (!std::isfinite(r) || r < 0)
      return std::nullopt;
    largest = std::max(largest, r);
  }
  std::vector<FixedPointMultiplier> out(reals.size());
  if (largest == 0)
    return out;
  // Pick the shift that puts the largest multiplier in [2^30, 2^31).
  int exp = 0;
  std::frexp(largest, &exp); // largest = f * 2^exp, f in [0.5, 1)
  int shift = 31 - exp;
  if (shift < 0)
    return std::nullopt;
  if (shift > kMaxShift)
    shift = kMaxShift; // real < 2^-31: the product rounds to 0 or +-1 anyway
  // Rounding may carry the largest up to exactly 2^31: take one bit less.
  if (std::llround(std::ldexp(largest, shift)) >= (int64_t(1) << 31)) {
    if (shift == 0)
      return std::nullopt;
    --shift;
  }
  for (size_t i = 0; i < reals.size(); ++i)
    out[i] = fromShift(reals[i], shift);
  return out;
}

namespace {
inline int32_t quantizeOne(float x, float scale, int32_t zeroPoint, int32_t qmin, int32_t qmax) {
  float v = std::nearbyint(x / scale); // default mode: half to even
  // ONNX leaves a NaN's code open; onnxruntime on x86 gives the lowest
  // (its conversion yields INT_MIN, then it clamps), and it is the oracle.
  if (std::isnan(v))
    return qmin;
  double y = static_cast<double>(v) + zeroPoint;
  if (y < qmin)
    return qmin;
  if (y > qmax)
    return qmax;
  return static_cast<int32_t>(y);
}
} // namespace

int32_t quantizeFloat(float x, float scale, int32_t zeroPoint, int32_t qmin,
                      int32_t qmax) {
  return quantizeOne(x, scale, zeroPoint, qmin, qmax);
}

// Without SSE4.1, nearbyint is a library call per value (a 224x224x3 input
// took about 1 ms of the executor's serial set-up per frame); the clones
// round with `roundss`/`vroundps` in the current mode, which is the same.
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
__attribute__((target_clones("arch=x86-64-v3", "sse4.1", "default")))
#endif
void quantizeFloats(const float *x, int64_t n, float scale, int32_t zeroPoint, int32_t qmin,
                    int32_t qmax, int32_t *out) {
  for (int64_t i = 0; i < n; ++i)
    out[i] = quantizeOne(x[i], scale, zeroPoint, qmin, qmax);
}

} // namespace npc
