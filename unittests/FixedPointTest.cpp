//===- FixedPointTest.cpp - fixed-point arithmetic vs exact rationals -----===//
//
// Exhaustive over small ranges: every result is compared with a computation
// in exact integer arithmetic (__int128), not with a second copy of the code.
//
//===----------------------------------------------------------------------===//
#include "npc/Runtime/FixedPoint.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

using namespace npc;
using i128 = __int128;

namespace {

/// round_half_even(num / den) for den > 0, by sign and magnitude.
int64_t roundRationalHalfEven(i128 num, i128 den) {
  bool neg = num < 0;
  i128 a = neg ? -num : num;
  i128 q = a / den, r = a - q * den;
  if (2 * r > den || (2 * r == den && (q & 1)))
    ++q;
  return int64_t(neg ? -q : q);
}

TEST(FixedPoint, RoundingShiftMatchesExactDivision) {
  for (int shift = 0; shift <= 12; ++shift)
    for (int64_t v = -5000; v <= 5000; ++v)
      ASSERT_EQ(roundingShiftRightHalfEven(v, shift),
                roundRationalHalfEven(v, i128(1) << shift))
          << "v=" << v << " shift=" << shift;
}

TEST(FixedPoint, RoundingShiftLargeValues) {
  // Near the int64 product range the multiplier path uses.
  int64_t big = (int64_t(1) << 61) + 12345;
  for (int shift : {30, 31, 45, 62})
    for (int64_t v : {big, -big, big + (int64_t(1) << (shift - 1)), -(big + (int64_t(1) << (shift - 1)))})
      ASSERT_EQ(roundingShiftRightHalfEven(v, shift),
                roundRationalHalfEven(v, i128(1) << shift));
}

TEST(FixedPoint, TiesGoToEven) {
  EXPECT_EQ(roundingShiftRightHalfEven(5, 1), 2);   // 2.5 -> 2
  EXPECT_EQ(roundingShiftRightHalfEven(7, 1), 4);   // 3.5 -> 4
  EXPECT_EQ(roundingShiftRightHalfEven(-5, 1), -2); // -2.5 -> -2
  EXPECT_EQ(roundingShiftRightHalfEven(-7, 1), -4); // -3.5 -> -4
}

TEST(FixedPoint, MultiplierIsNearestRepresentation) {
  // r = p / q: the multiplier must be in [2^30, 2^31) and the nearest
  // integer to r * 2^shift, i.e. 2 * |M*q - p*2^shift| <= q.
  for (int64_t p = 1; p <= 300; ++p)
    for (int64_t q = 1; q <= 300; ++q) {
      double r = double(p) / double(q);
      auto m = quantizeMultiplier(r);
      ASSERT_TRUE(m.has_value());
      ASSERT_GE(m->multiplier, int64_t(1) << 30) << p << "/" << q;
      ASSERT_LT(int64_t(m->multiplier), int64_t(1) << 31) << p << "/" << q;
      i128 err = i128(m->multiplier) * q - (i128(p) << m->shift);
      ASSERT_LE(2 * (err < 0 ? -err : err), i128(q)) << p << "/" << q;
    }
}

TEST(FixedPoint, MultiplierRejectsUnrepresentable) {
  EXPECT_FALSE(quantizeMultiplier(std::ldexp(1.0, 31)).has_value());
  EXPECT_FALSE(quantizeMultiplier(-1.0).has_value());
  EXPECT_FALSE(quantizeMultiplier(NAN).has_value());
  EXPECT_TRUE(quantizeMultiplier(std::ldexp(1.0, 31) - 1024).has_value());
  auto zero = quantizeMultiplier(0.0);
  ASSERT_TRUE(zero.has_value());
  EXPECT_EQ(zero->multiplier, 0);
}

TEST(FixedPoint, RequantizationAgreesWithExactRational) {
  // out = round_half_even(acc * p / q). The fixed-point result equals the
  // exact one except when acc*p/q lies within the multiplier's error of a
  // tie, and then differs by at most one.
  int64_t ties = 0, total = 0;
  for (int64_t p = 1; p <= 40; ++p)
    for (int64_t q = 1; q <= 40; ++q) {
      auto m = *quantizeMultiplier(double(p) / double(q));
      for (int64_t acc = -3000; acc <= 3000; ++acc) {
        int64_t fixed = applyMultiplier(acc, m);
        ASSERT_EQ(fixed, roundRationalHalfEven(i128(acc) * m.multiplier, i128(1) << m.shift));
        int64_t exact = roundRationalHalfEven(i128(acc) * p, q);
        ++total;
        if (fixed == exact)
          continue;
        ASSERT_LE(std::llabs(fixed - exact), 1);
        // Distance of acc*p/q from the nearest half integer, times 2q.
        i128 twice = 2 * i128(acc) * p; // 2*acc*p / q vs odd integers
        i128 r = twice % (2 * q);
        if (r < 0)
          r += 2 * q;
        i128 dist = r > q ? r - q : q - r; // distance to q (the half point), in 1/(2q)
        // Multiplier error bound |acc| * 2^-(shift+1), in units of 1/(2q).
        long double bound = std::ldexp((long double)std::llabs(acc), -(m.shift + 1)) * 2 * q;
        ASSERT_LE((long double)dist, bound + 1e-9L)
            << "acc=" << acc << " r=" << p << "/" << q << " fixed=" << fixed << " exact=" << exact;
        ++ties;
      }
    }
  // Only exact ties (e.g. 1/2, 3/2) can disagree: a small fraction.
  EXPECT_LT(double(ties) / double(total), 0.01);
}

TEST(FixedPoint, CommonShift) {
  auto ms = quantizeMultipliersCommonShift({0.75, 0.1, 0.0});
  ASSERT_TRUE(ms.has_value());
  const auto &v = *ms;
  EXPECT_EQ(v[0].shift, v[1].shift);
  EXPECT_EQ(v[0].shift, v[2].shift);
  EXPECT_EQ(v[0].multiplier, 1610612736); // 0.75 * 2^31
  EXPECT_EQ(v[1].multiplier, 214748365);  // round(0.1 * 2^31)
  EXPECT_EQ(v[2].multiplier, 0);
}

TEST(FixedPoint, QuantizeFloatFollowsOnnx) {
  // y = saturate(round_half_even(x / scale) + zp)
  EXPECT_EQ(quantizeFloat(2.5f, 1.0f, 0, 0, 255), 2);
  EXPECT_EQ(quantizeFloat(3.5f, 1.0f, 0, 0, 255), 4);
  EXPECT_EQ(quantizeFloat(-2.5f, 1.0f, 0, -128, 127), -2);
  EXPECT_EQ(quantizeFloat(1000.f, 2.0f, 128, 0, 255), 255);
  EXPECT_EQ(quantizeFloat(-254.f, 2.0f, 128, 0, 255), 1);
  EXPECT_EQ(quantizeFloat(-1000.f, 2.0f, 128, 0, 255), 0);
  // NaN: the lowest code, as onnxruntime 1.30 gives on x86 (checked with
  // node: QuantizeLinear of NaN is 0 for uint8 at zero point 114, -128 for
  // int8 at zero point 10), not the zero point.
  EXPECT_EQ(quantizeFloat(NAN, 0.01f, 114, 0, 255), 0);
  EXPECT_EQ(quantizeFloat(-NAN, 0.01f, 10, -128, 127), -128);
  EXPECT_EQ(quantizeFloat(NAN, 0.5f, 0, -8, 7), -8);
  EXPECT_EQ(dequantizeValue(3, 2.0f, 84), -162.0f);
}

// The run version (the CPU's rounding instruction in its clones) gives what
// the one-value version gives on ties, signed zeros, NaN, infinities,
// denormals, huge values and random ones, for several scales, zero points
// and ranges; and the ties' values themselves, as ONNX rounds them.
TEST(FixedPoint, QuantizeFloatsEqualsOneByOne) {
  std::vector<float> x;
  for (int k = -300; k <= 300; ++k)
    x.push_back(float(k) + 0.5f);
  for (float v : {0.0f, -0.0f, NAN, -NAN, INFINITY, -INFINITY, 1e30f, -1e30f, 1e-40f, -1e-40f,
                  8388607.5f, 8388608.f, 16777217.f, 2147483648.f, -2147483904.f})
    x.push_back(v);
  uint32_t state = 12345;
  for (int i = 0; i < 5000; ++i) {
    state = state * 1664525u + 1013904223u;
    x.push_back((float(state >> 8) / float(1 << 24) - 0.5f) * 600.f);
  }
  struct Case {
    float scale;
    int32_t zero, lo, hi;
  };
  for (Case c : {Case{1.0f, 0, 0, 255}, Case{1.0f, 0, -128, 127}, Case{0.0078125f, 128, 0, 255},
                 Case{0.0173f, -3, -128, 127}, Case{3.7f, 7, 0, 15}, Case{0.5f, 0, -2, 1},
                 Case{1.0f, 0, INT32_MIN, INT32_MAX}}) {
    std::vector<int32_t> got(x.size());
    quantizeFloats(x.data(), int64_t(x.size()), c.scale, c.zero, c.lo, c.hi, got.data());
    for (size_t i = 0; i < x.size(); ++i)
      ASSERT_EQ(got[i], quantizeFloat(x[i], c.scale, c.zero, c.lo, c.hi))
          << "x = " << x[i] << ", scale " << c.scale;
  }
  // Ties to even, by value: -2.5 -> -2, -1.5 -> -2, 0.5 -> 0, 1.5 -> 2, 2.5 -> 2.
  const float ties[] = {-2.5f, -1.5f, 0.5f, 1.5f, 2.5f};
  int32_t out[5];
  quantizeFloats(ties, 5, 1.0f, 0, -128, 127, out);
  EXPECT_EQ(std::vector<int32_t>(out, out + 5), (std::vector<int32_t>{-2, -2, 0, 2, 2}));
}

} // namespace
