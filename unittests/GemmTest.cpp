//===- GemmTest.cpp - every GEMM path against a plain int64 product ----------===//
//
// Random operands at the edges of their ranges (codes 0 and 255, weights
// -128 and 127, beyond int8 for the portable layout), shapes that are not
// multiples of the kernels' blocks (k % 4, n % 32, m % 8), on every path
// this CPU runs. The expected values come from a direct int64 loop here.
//
//===----------------------------------------------------------------------===//
#include "npc/Runtime/FixedPoint.h"
#include "npc/Runtime/Gemm.h"

#include <gtest/gtest.h>

#include <random>

using namespace npc::kernels;

namespace {

struct Case {
  int64_t m, k, n;
  int32_t wLo, wHi;  // weight range
  bool signedCodes; // activation codes in [-128, 127] (else [0, 255])
};

void checkCase(const Case &c, Isa isa, std::mt19937 &rng) {
  std::uniform_int_distribution<int32_t> w(c.wLo, c.wHi);
  std::uniform_int_distribution<int32_t> x(c.signedCodes ? -128 : 0, c.signedCodes ? 127 : 255);
  std::vector<int32_t> b(c.k * c.n), codes(c.m * c.k);
  for (auto &v : b)
    v = rng() % 5 == 0 ? (rng() & 1 ? c.wLo : c.wHi) : w(rng);
  for (auto &v : codes)
    v = rng() % 5 == 0 ? (c.signedCodes ? (rng() & 1 ? -128 : 127) : (rng() & 1 ? 0 : 255)) : x(rng);
  PackedB packed = packB(b, c.k, c.n, isa);
  ASSERT_TRUE(fitsInt32(packed));
  const int32_t offset = c.signedCodes ? 128 : 0;
  std::vector<uint8_t> a(c.m * packed.kPadded, 0);
  for (int64_t i = 0; i < c.m; ++i)
    for (int64_t kk = 0; kk < c.k; ++kk)
      a[i * packed.kPadded + kk] = uint8_t(codes[i * c.k + kk] + offset);
  std::vector<int32_t> got(c.m * c.n, -1);
  gemm(a.data(), c.m, packed.kPadded, offset, packed, got.data(), c.n, isa);
  for (int64_t i = 0; i < c.m; ++i)
    for (int64_t j = 0; j < c.n; ++j) {
      int64_t want = 0;
      for (int64_t kk = 0; kk < c.k; ++kk)
        want += int64_t(codes[i * c.k + kk]) * b[kk * c.n + j];
      ASSERT_EQ(got[i * c.n + j], want)
          << isaName(isa) << " m=" << c.m << " k=" << c.k << " n=" << c.n << " at (" << i
          << ", " << j << ")";
    }
}

TEST(Gemm, EveryPathEqualsTheDirectProduct) {
  std::mt19937 rng(42);
  const Case cases[] = {
      {1, 1, 1, -128, 127, false},   {7, 5, 3, -128, 127, true},
      {8, 4, 32, -128, 127, false},  {13, 147, 33, -128, 127, false},
      {29, 576, 70, -128, 127, true}, {64, 9, 1, -7, 7, false},
      {9, 300, 17, -255, 255, false}, // centered uint8 weights: not int8
      {5, 40, 20, -32767, 32767, true},
      // AVX2's byte layout (|w| <= 64): sums of many pairs in int16 before
      // they widen, at the bound and just past it (then int16 pairs).
      {11, 2000, 19, -64, 64, false}, {6, 1500, 35, -8, 7, true},
      {3, 4000, 17, -1, 1, false},    {5, 700, 16, -65, 65, true},
  };
  for (Isa isa : {Isa::Avx512Vnni, Isa::Avx2, Isa::Portable}) {
    if (!cpuSupports(isa)) {
      std::printf("skipping %s: this CPU lacks it\n", isaName(isa));
      continue;
    }
    for (const Case &c : cases)
      checkCase(c, isa, rng);
  }
}

TEST(Gemm, ByteLayoutSumsAtTheirLargest) {
  // Every code 255 and every weight +-maxAbs: each int16 sum of pairs is as
  // large as PackedB::pairSteps allows; one step more would wrap.
  if (!cpuSupports(Isa::Avx2))
    GTEST_SKIP() << "this CPU lacks AVX2";
  for (int32_t maxAbs : {1, 2, 8, 21, 64})
    for (int32_t sign : {1, -1}) {
      const int64_t m = 3, k = 1000, n = 16;
      std::vector<int32_t> b(k * n, sign * maxAbs);
      PackedB packed = packB(b, k, n, Isa::Avx2);
      ASSERT_FALSE(packed.pairBytes.empty());
      std::vector<uint8_t> a(m * packed.kPadded, 0);
      for (int64_t i = 0; i < m; ++i)
        std::fill(a.begin() + i * packed.kPadded, a.begin() + i * packed.kPadded + k, 255);
      std::vector<int32_t> got(m * n);
      gemm(a.data(), m, packed.kPadded, 0, packed, got.data(), n, Isa::Avx2);
      EXPECT_EQ(got, std::vector<int32_t>(m * n, int32_t(255 * k * sign * maxAbs))) << maxAbs;
    }
}

TEST(Gemm, BoundsSendWideSumsElsewhere) {
  // 255 * 32767 * 300 exceeds int32: the fast paths must refuse.
  std::vector<int32_t> b(300, 32767);
  EXPECT_FALSE(fitsInt32(packB(b, 300, 1, Isa::Portable)));
  std::vector<int32_t> wide(4, 40000);
  EXPECT_FALSE(fitsInt32(packB(wide, 4, 1, Isa::Portable)));
  std::vector<int32_t> small(4608, 127);
  EXPECT_TRUE(fitsInt32(packB(small, 4608, 1, Isa::Portable)));
}

TEST(Gemm, RequantizeRowEqualsFixedPoint) {
  std::mt19937 rng(7);
  for (int rep = 0; rep < 200; ++rep) {
    const int64_t n = 1 + rng() % 40;
    std::vector<int32_t> acc(n), bias(n), mult(n), shift(n), want(n);
    for (int64_t j = 0; j < n; ++j) {
      acc[j] = int32_t(rng() % 2000001) - 1000000;
      bias[j] = int32_t(rng() % 20001) - 10000;
      mult[j] = rng() % 7 == 0 ? 0 : int32_t((1u << 30) + rng() % (1u << 30));
      shift[j] = rng() % 4 == 0 ? 0 : int32_t(rng() % 62);
      want[j] = npc::clampToRange(
          5 + npc::applyMultiplier(int64_t(bias[j]) + acc[j], {mult[j], shift[j]}), -128, 127);
    }
    requantizeRow(acc.data(), bias.data(), mult.data(), shift.data(), n, 5, -128, 127);
    ASSERT_EQ(acc, want) << "n=" << n;
  }
}

TEST(Gemm, RequantizeRowSumsPastInt32) {
  // bias + acc beyond int32 in some lanes: the vector loops (which multiply
  // int32 halves) must leave those to the scalar code and still agree.
  const int64_t n = 13;
  std::vector<int32_t> acc(n), bias(n), mult(n, 1 << 30), shift(n, 40), want(n);
  for (int64_t j = 0; j < n; ++j) {
    acc[j] = j % 5 == 2 ? INT32_MAX - int32_t(j) : int32_t(j * 1000) - 6000;
    bias[j] = j % 5 == 2 ? 1 << 20 : -7;
    want[j] = npc::clampToRange(
        -3 + npc::applyMultiplier(int64_t(bias[j]) + acc[j], {mult[j], shift[j]}), -1000, 1000);
  }
  requantizeRow(acc.data(), bias.data(), mult.data(), shift.data(), n, -3, -1000, 1000);
  EXPECT_EQ(acc, want);
}

TEST(Gemm, RequantizeSpanWithAccClampEqualsFixedPoint) {
  // Random channels (shifts from 0 to 62, biases up to int32's edges,
  // clamp ranges of every storage width) and accumulators over all of
  // int32: with an AccClamp the 8-lane loop (and its masked tail) must give
  // FixedPoint.h's values; where accClamp refuses, the other loops do.
  std::mt19937 rng(5);
  auto pick = [&](int64_t lo, int64_t hi) { return lo + int64_t(rng() % uint64_t(hi - lo + 1)); };
  int valid = 0;
  for (int rep = 0; rep < 3000; ++rep) {
    const int64_t n = pick(1, 37);
    const int32_t mult = rep % 11 == 0 ? 0 : int32_t(pick(1 << 30, INT32_MAX));
    const int32_t shift = rep % 13 == 0 ? int32_t(pick(0, 12)) : int32_t(pick(11, 62));
    const int32_t bias = rep % 7 == 0 ? (rep & 1 ? INT32_MAX : INT32_MIN)
                                      : int32_t(pick(-(1 << 22), 1 << 22));
    const int bits = int(pick(1, 3)) * 2 + (rep % 2) * 2; // 2..8
    const bool isSigned = rng() & 1;
    const int32_t lo = isSigned ? -(1 << (bits - 1)) : 0, hi = isSigned ? (1 << (bits - 1)) - 1 : (1 << bits) - 1;
    const int32_t zero = int32_t(pick(lo, hi));
    std::vector<int32_t> acc(n), want(n);
    for (int64_t j = 0; j < n; ++j) {
      acc[j] = rep % 5 == 0 ? int32_t(pick(INT32_MIN, INT32_MAX)) : int32_t(pick(-(1 << 24), 1 << 24));
      want[j] = npc::clampToRange(zero + npc::applyMultiplier(int64_t(bias) + acc[j], {mult, shift}),
                                  lo, hi);
    }
    AccClamp c = accClamp(bias, mult, shift, zero, lo, hi);
    valid += c.valid;
    requantizeSpan(acc.data(), n, bias, mult, shift, zero, lo, hi, &c);
    ASSERT_EQ(acc, want) << "rep " << rep << " mult " << mult << " shift " << shift << " bias "
                         << bias << " zero " << zero << " [" << lo << ", " << hi << "]";
  }
  EXPECT_GT(valid, 1000); // the clamped loop ran on many
  // Outside what the clamp covers: shifts under 11, a negative multiplier.
  EXPECT_FALSE(accClamp(0, 1 << 30, 10, 0, 0, 255).valid);
  EXPECT_FALSE(accClamp(0, -5, 20, 0, 0, 255).valid);
  EXPECT_TRUE(accClamp(0, 1 << 30, 30, 0, 0, 255).valid);
}

TEST(Gemm, StoredPlanesToPixelsTransposes) {
  // Byte codes: channel and pixel counts around the 16x16 blocks, a pixel
  // stride wider than the channels, every second column, and the i8 flip.
  std::mt19937 rng(12);
  for (int64_t ch : {1, 3, 15, 16, 17, 40, 64})
    for (int64_t n : {1, 15, 16, 33, 70})
      for (int64_t stride : {1, 2})
        for (uint8_t flip : {uint8_t(0), uint8_t(0x80)}) {
          const int64_t plane = n * stride + 3, pixStride = ch + ch % 2 + 16;
          std::vector<uint8_t> src(ch * plane);
          for (uint8_t &v : src)
            v = uint8_t(rng());
          std::vector<uint8_t> got(n * pixStride, 0xEE), want(n * pixStride, 0xEE);
          for (int64_t i = 0; i < n; ++i)
            for (int64_t c = 0; c < ch; ++c)
              want[i * pixStride + c] = src[c * plane + i * stride] ^ flip;
          planesToPixels(src.data(), plane, ch, n, stride, flip, got.data(), pixStride);
          ASSERT_EQ(got, want) << "ch " << ch << " n " << n << " stride " << stride;
        }
}

TEST(Gemm, PlanesToPixelsTransposes) {
  // Channel and pixel counts around the 8x8 blocks, a pixel range not
  // starting at 0, and a pixel stride wider than the channels.
  std::mt19937 rng(11);
  for (int64_t ch : {1, 7, 8, 9, 24, 67})
    for (int64_t plane : {5, 8, 16, 29}) {
      const int64_t px0 = plane > 8 ? 3 : 0, stride = ch + 5;
      std::vector<int32_t> src(ch * plane);
      for (int32_t &v : src)
        v = int32_t(rng() % 256) - 100;
      std::vector<uint8_t> got(plane * stride, 0xEE), want(plane * stride, 0xEE);
      for (int64_t px = px0; px < plane; ++px)
        for (int64_t c = 0; c < ch; ++c)
          want[px * stride + c] = uint8_t(src[c * plane + px] + 100);
      planesToPixels(src.data(), plane, ch, px0, plane, 100, got.data(), stride);
      ASSERT_EQ(got, want) << "ch=" << ch << " plane=" << plane;
    }
}

TEST(Gemm, AddRowsEqualsFixedPoint) {
  std::mt19937 rng(9);
  for (int rep = 0; rep < 200; ++rep) {
    const int64_t n = 1 + rng() % 40;
    const int32_t za = int32_t(rng() % 256), zb = int32_t(rng() % 256) - 128;
    const int32_t ma = int32_t(rng() % (1u << 31)), mb = int32_t(rng() % (1u << 31));
    const int32_t shift = int32_t(rng() % 40);
    std::vector<int32_t> a(n), b(n), got(n), want(n);
    for (int64_t j = 0; j < n; ++j) {
      a[j] = int32_t(rng() % 256);
      b[j] = int32_t(rng() % 256) - 128;
      want[j] = npc::clampToRange(
          3 + npc::roundingShiftRightHalfEven(int64_t(a[j] - za) * ma + int64_t(b[j] - zb) * mb,
                                              shift),
          0, 255);
    }
    addRows(a.data(), b.data(), n, za, zb, ma, mb, shift, 3, 0, 255, got.data());
    ASSERT_EQ(got, want) << "n=" << n << " shift=" << shift;
  }
}

TEST(Gemm, InterleaveQuadsPacksFourRows) {
  for (int64_t n : {1, 15, 16, 17, 40}) {
    std::vector<int32_t> r[4];
    for (int q = 0; q < 4; ++q)
      for (int64_t i = 0; i < n; ++i)
        r[q].push_back(int32_t((i * 37 + q * 101) % 256) - 128);
    std::vector<uint32_t> got(n);
    interleaveQuads(r[0].data(), r[1].data(), r[2].data(), r[3].data(), n, 128, got.data());
    for (int64_t i = 0; i < n; ++i)
      for (int q = 0; q < 4; ++q)
        ASSERT_EQ((got[i] >> (8 * q)) & 0xFF, uint32_t(r[q][i] + 128)) << n << " " << i;
  }
}

TEST(Gemm, InterleaveQuadBytesPacksFourRows) {
  // Stored byte codes, every `stride`-th column: lengths around the 16-column
  // steps and the rows of ResNet's 7- and 14-wide planes, on the path this
  // CPU takes and on the scalar one; nothing written past quad n - 1.
  std::mt19937 rng(13);
  for (Isa isa : {activeIsa(), Isa::Scalar})
    for (int64_t n = 0; n <= 70; ++n)
      for (int64_t stride : {1, 2, 3})
        for (uint8_t flip : {uint8_t(0), uint8_t(0x80)}) {
          setIsa(isa);
          std::vector<uint8_t> r[4];
          for (auto &row : r) {
            row.resize(std::max<int64_t>(1, (n - 1) * stride + 1));
            for (uint8_t &v : row)
              v = uint8_t(rng());
          }
          std::vector<uint32_t> got(n + 1, 0xDEADBEEF), want(n + 1, 0xDEADBEEF);
          for (int64_t i = 0; i < n; ++i)
            want[i] = uint32_t(r[0][i * stride] ^ flip) | uint32_t(r[1][i * stride] ^ flip) << 8 |
                      uint32_t(r[2][i * stride] ^ flip) << 16 |
                      uint32_t(r[3][i * stride] ^ flip) << 24;
          interleaveQuadBytes(r[0].data(), r[1].data(), r[2].data(), r[3].data(), n, stride, flip,
                              got.data());
          setIsa(Isa::Avx512Vnni);
          ASSERT_EQ(got, want) << isaName(isa) << " n " << n << " stride " << stride;
        }
}

} // namespace
