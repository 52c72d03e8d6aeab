//===- SubByteTest.cpp - packing round trips and the ONNX layout ----------===//
#include "npc/Runtime/SubByte.h"

#include <gtest/gtest.h>

#include <vector>

using namespace npc;

namespace {

TEST(SubByte, RoundTripsEveryValueOfEveryWidth) {
  for (unsigned bits : {2u, 4u, 8u, 16u})
    for (bool isSigned : {true, false}) {
      int32_t lo = isSigned ? -(1 << (bits - 1)) : 0;
      int32_t hi = isSigned ? (1 << (bits - 1)) - 1 : (1 << bits) - 1;
      std::vector<int32_t> v;
      for (int rep = 0; rep < 3; ++rep) // odd lengths too: partial last byte
        for (int32_t x = lo; x <= hi; x += bits == 16 ? 97 : 1)
          v.push_back(x);
      v.push_back(lo);
      std::vector<uint8_t> packed(packedBytes(v.size(), bits));
      packBits(v, bits, packed.data());
      std::vector<int32_t> back(v.size());
      unpackBits(packed.data(), v.size(), bits, isSigned, back.data());
      ASSERT_EQ(back, v) << bits << " bits, signed " << isSigned;
    }
}

TEST(SubByte, OnnxLayoutLowBitsFirst) {
  // INT4 [1, -2, 7]: bytes 0xE1 (low nibble 1, high nibble -2 = 0xE), 0x07.
  std::vector<uint8_t> p(2);
  packBits({1, -2, 7}, 4, p.data());
  EXPECT_EQ(p[0], 0xE1);
  EXPECT_EQ(p[1], 0x07);
  // UINT2 [0, 1, 2, 3, 1]: 0b11100100 = 0xE4, then 0x01.
  packBits({0, 1, 2, 3, 1}, 2, p.data());
  EXPECT_EQ(p[0], 0xE4);
  EXPECT_EQ(p[1], 0x01);
  int32_t out[3];
  const uint8_t int2[] = {0xB7}; // INT2 [-1, 1, -1, -2] = 0b10'11'01'11
  unpackBits(int2, 3, 2, true, out);
  EXPECT_EQ(out[0], -1);
  EXPECT_EQ(out[1], 1);
  EXPECT_EQ(out[2], -1);
}

TEST(SubByte, SignedBitsFor) {
  EXPECT_EQ(signedBitsFor({-2, 1}), 2u);
  EXPECT_EQ(signedBitsFor({-3}), 4u);
  EXPECT_EQ(signedBitsFor({7, -8}), 4u);
  EXPECT_EQ(signedBitsFor({8}), 8u);
  EXPECT_EQ(signedBitsFor({-128, 127}), 8u);
  EXPECT_EQ(signedBitsFor({-255}), 16u);
  EXPECT_EQ(packedBytes(5, 2), 2);
  EXPECT_EQ(packedBytes(3, 4), 2);
}

} // namespace
