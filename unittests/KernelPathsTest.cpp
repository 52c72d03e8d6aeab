//===- KernelPathsTest.cpp - convolution and matmul, fast paths vs scalar ----===//
//
// Random geometries (kernel sizes, strides, dilations, padding, channel
// counts that are not multiples of 4, output boxes that are a tile's part
// of the layer, unsigned and signed codes, INT4-range, int8 and wider weights,
// grouped and depthwise layers) through
// kernels::compute on every path this CPU has, and through
// kernels::computeStored with the input as stored u8/i8 bytes (what the
// executor passes: the VNNI path reads them in place), also asking for the
// output as stored values (what the executor asks: AVX2 writes them there);
// the scalar path, the direct int64 loops, is the reference.
//
//===----------------------------------------------------------------------===//
#include "npc/Runtime/ChipModel.h"
#include "npc/Runtime/Kernels.h"

#include <gtest/gtest.h>

#include <random>
#include <tuple>

using namespace npc::kernels;

namespace {

struct Layer {
  LayerGeometry g;
  std::vector<int32_t> input, weights, bias, mult, shift;
  bool signedCodes = false;
};

int64_t outSize(int64_t in, int64_t k, int64_t s, int64_t d, int64_t pb, int64_t pe) {
  return (in + pb + pe - (k - 1) * d - 1) / s + 1;
}

/// `pointwise`: 1x1 of stride 1 without padding (the input box is the
/// GEMM's rows as they are), with up to 300 channels and 800 pixels (K past
/// one block of the AVX2 kernel, counts not multiples of its steps).
Layer randomConv(std::mt19937 &rng, bool pointwise = false) {
  auto pick = [&](int64_t lo, int64_t hi) { return lo + int64_t(rng() % (hi - lo + 1)); };
  Layer l;
  LayerGeometry &g = l.g;
  g.kind = findKernel("conv2d");
  const int64_t c = pointwise ? pick(1, 300) : pick(1, 19), h = pointwise ? pick(1, 20) : pick(3, 17),
                w = pick(3, 40), m = pointwise ? pick(1, 40) : pick(1, 21);
  g.kernel[0] = pick(1, 3) * 2 - 1, g.kernel[1] = pick(1, 3) * 2 - 1;
  g.strides[0] = pick(1, 3), g.strides[1] = pick(1, 3);
  g.dilations[0] = pick(1, 2), g.dilations[1] = pick(1, 2);
  for (int64_t &p : g.pads)
    p = pick(0, 2);
  if (pointwise) {
    g.kernel[0] = g.kernel[1] = 1;
    g.strides[0] = g.strides[1] = 1;
    for (int64_t &p : g.pads)
      p = 0;
  }
  int64_t oh = outSize(h, g.kernel[0], g.strides[0], g.dilations[0], g.pads[0], g.pads[2]);
  int64_t ow = outSize(w, g.kernel[1], g.strides[1], g.dilations[1], g.pads[1], g.pads[3]);
  if (oh < 1 || ow < 1)
    return randomConv(rng);
  // A third of the layers grouped: depthwise (a multiplier of 1 or 2), or
  // groups of several channels where the counts allow.
  int64_t groups = 1, outC = m;
  if (!pointwise && rng() % 3 == 0) {
    groups = c % 2 == 0 && rng() % 2 ? c / 2 : c;
    outC = groups * pick(1, 2);
  }
  g.group = groups;
  g.inputShapes = {{pick(1, 2), c, h, w}};
  g.outputShape = {g.inputShapes[0][0], outC, oh, ow};
  g.weightShape = {outC, c / groups, g.kernel[0], g.kernel[1]};
  // Weights: int8, wider (centered uint8), or INT4's range (AVX2's byte
  // layout, |w| <= 64).
  const bool signedCodes = rng() & 1;
  const int weightRange = int(rng() % 4);
  const bool wide = weightRange == 0, narrow = weightRange == 1;
  l.signedCodes = signedCodes;
  g.inputZeroPoints = {signedCodes ? int32_t(pick(-128, 127)) : int32_t(pick(0, 255))};
  g.outputZeroPoint = int32_t(pick(-10, 10));
  g.clampLo = -128, g.clampHi = 127;
  for (int64_t i = 0; i < Box::full(g.inputShapes[0]).numel(); ++i)
    l.input.push_back(signedCodes ? int32_t(pick(-128, 127)) : int32_t(pick(0, 255)));
  const int64_t wl = wide ? -255 : narrow ? -8 : -128, wh = wide ? 255 : narrow ? 7 : 127;
  for (int64_t i = 0; i < outC * (c / groups) * g.kernel[0] * g.kernel[1]; ++i)
    l.weights.push_back(int32_t(rng() % 6 == 0 ? (rng() & 1 ? wl : wh) : pick(wl, wh)));
  for (int64_t i = 0; i < outC; ++i) {
    l.bias.push_back(int32_t(pick(-50000, 50000)));
    l.mult.push_back(int32_t((1u << 30) + rng() % (1u << 30)));
    l.shift.push_back(int32_t(pick(12, 24)));
  }
  return l;
}

/// The layer's output over `box` on `isa`; `stored`: the input given as its
/// stored bytes (computeStored); `storedOut`: the output asked for as
/// stored int32 values too (StoredResult).
std::vector<int32_t> run(const Layer &l, const Box &box, Isa isa, bool stored = false,
                         bool storedOut = false) {
  setIsa(isa);
  auto inBoxes = requiredInputBoxes(l.g, box);
  // The input as a tile holds it: only its box, row-major.
  std::vector<int32_t> in(inBoxes[0].numel());
  Box full = Box::full(l.g.inputShapes[0]);
  int64_t o = 0;
  for (int64_t n = inBoxes[0].lo[0]; n < inBoxes[0].hi[0]; ++n)
    for (int64_t c = inBoxes[0].lo[1]; c < inBoxes[0].hi[1]; ++c)
      for (int64_t y = inBoxes[0].lo[2]; y < inBoxes[0].hi[2]; ++y)
        for (int64_t x = inBoxes[0].lo[3]; x < inBoxes[0].hi[3]; ++x)
          in[o++] = l.input[((n * full.hi[1] + c) * full.hi[2] + y) * full.hi[3] + x];
  auto w = sliceWeights(l.g, l.weights, box);
  auto b = sliceChannelParam(l.g, l.bias, box, true);
  auto m = sliceChannelParam(l.g, l.mult, box, false);
  auto s = sliceChannelParam(l.g, l.shift, box, false);
  LayerParams p{w, b, m, s};
  std::vector<int32_t> out(box.numel(), 12345);
  const int32_t *ptr = in.data();
  std::vector<uint8_t> bytes(in.begin(), in.end()); // i8 codes wrap to their bytes
  StoredOperand operand{bytes.data(), l.signedCodes ? npc::ElemKind::I8 : npc::ElemKind::U8};
  std::vector<int32_t> storedValues(box.numel(), 54321);
  StoredResult result{reinterpret_cast<uint8_t *>(storedValues.data()), npc::ElemKind::I32};
  llvm::Error err =
      stored ? computeStored(l.g, p, {operand}, inBoxes, box, out.data(),
                             storedOut ? &result : nullptr)
             : compute(l.g, p, {ptr}, inBoxes, box, out.data());
  EXPECT_FALSE(bool(err)) << llvm::toString(std::move(err));
  if (result.written)
    out = storedValues;
  // A path that writes stored outputs writes them as i8 codes too (the
  // layers' clamp is i8's range): each the low byte of the value.
  if (storedOut && result.written) {
    std::vector<uint8_t> codes(box.numel() + 1, 0xAB);
    std::vector<int32_t> ignored(box.numel());
    StoredResult bytes{codes.data(), npc::ElemKind::I8};
    llvm::Error err8 = computeStored(l.g, p, {operand}, inBoxes, box, ignored.data(), &bytes);
    EXPECT_FALSE(bool(err8)) << llvm::toString(std::move(err8));
    EXPECT_TRUE(bytes.written);
    for (int64_t i = 0; i < box.numel(); ++i)
      if (codes[i] != uint8_t(out[i])) {
        ADD_FAILURE() << "stored i8 code " << i << ": " << int(codes[i]) << " for " << out[i];
        break;
      }
    EXPECT_EQ(codes[box.numel()], 0xAB);
  }
  setIsa(Isa::Avx512Vnni);
  return out;
}

void convolutionsEqualTheScalarLoops(bool pointwise, int reps) {
  std::mt19937 rng(pointwise ? 77 : 2024);
  int compared = 0;
  for (int rep = 0; rep < reps; ++rep) {
    Layer l = randomConv(rng, pointwise);
    // The whole output, then a tile's box: some channels and rows.
    Box box = Box::full(l.g.outputShape);
    if (rep % 2) {
      for (int d : {1, 2}) {
        int64_t size = l.g.outputShape[d];
        box.lo[d] = int64_t(rng() % size);
        box.hi[d] = box.lo[d] + 1 + int64_t(rng() % (size - box.lo[d]));
      }
    }
    auto want = run(l, box, Isa::Scalar);
    for (auto [isa, stored, storedOut] :
         {std::tuple(Isa::Portable, false, false), std::tuple(Isa::Avx512Vnni, false, false),
          std::tuple(Isa::Avx2, false, false), std::tuple(Isa::Portable, true, true),
          std::tuple(Isa::Avx512Vnni, true, false), std::tuple(Isa::Avx2, true, false),
          std::tuple(Isa::Avx512Vnni, true, true), std::tuple(Isa::Avx2, true, true)}) {
      if (!cpuSupports(isa))
        continue;
      ASSERT_EQ(run(l, box, isa, stored, storedOut), want)
          << isaName(isa) << (stored ? " stored" : "") << (storedOut ? " to stored" : "")
          << " rep " << rep << " input " << Box::full(l.g.inputShapes[0]).str()
          << " kernel " << l.g.kernel[0] << "x" << l.g.kernel[1] << " strides "
          << l.g.strides[0] << "," << l.g.strides[1] << " dilations " << l.g.dilations[0] << ","
          << l.g.dilations[1] << " box " << box.str();
      ++compared;
    }
  }
  // Every path the CPU has ran on every layer, as given and as stored, the
  // fast ones also with a stored output (an AVX2-only CPU has the AVX2 and
  // portable ones).
  int paths = int(cpuSupports(Isa::Portable)) * 2 + int(cpuSupports(Isa::Avx512Vnni)) * 3 +
              int(cpuSupports(Isa::Avx2)) * 3;
  EXPECT_GE(paths, 2);
  EXPECT_EQ(compared, reps * paths);
}

TEST(KernelPaths, ConvolutionEqualsTheScalarLoops) { convolutionsEqualTheScalarLoops(false, 300); }

TEST(KernelPaths, PointwiseConvolutionEqualsTheScalarLoops) {
  convolutionsEqualTheScalarLoops(true, 60);
}

// Stored activations to int32 values and back (every tile's operands and
// output pass here): the vector path keeps the plain loops' truncation and
// sign extension, at every length around its 16- and 32-element steps.
TEST(KernelPaths, StoredBytesEqualThePlainLoops) {
  std::mt19937 rng(7);
  const Isa best = activeIsa();
  for (npc::ElemKind kind : {npc::ElemKind::U8, npc::ElemKind::I8}) {
    for (int64_t n : {0, 1, 15, 16, 17, 31, 32, 33, 63, 64, 100, 1000}) {
      std::vector<int32_t> values(n);
      for (int32_t &v : values) // small codes mostly, any int32 sometimes
        v = rng() % 4 ? int32_t(rng() % 512) - 256 : int32_t(rng());
      std::vector<uint8_t> bytes(n);
      for (uint8_t &b : bytes)
        b = uint8_t(rng());
      auto both = [&](Isa isa) {
        setIsa(isa);
        std::vector<uint8_t> stored(n + 1, 0xAB); // and the byte past the end untouched
        npc::storeElems(kind, values, stored.data());
        std::vector<int32_t> loaded(n);
        npc::loadElems(kind, bytes.data(), n, loaded.data());
        return std::pair(stored, loaded);
      };
      auto want = both(Isa::Scalar);
      for (int64_t i = 0; i < n; ++i) {
        ASSERT_EQ(want.first[i], uint8_t(values[i]));
        ASSERT_EQ(want.second[i], kind == npc::ElemKind::I8 ? int32_t(int8_t(bytes[i]))
                                                            : int32_t(bytes[i]));
      }
      ASSERT_EQ(want.first[n], 0xAB);
      ASSERT_EQ(both(best), want) << "n " << n;
    }
  }
  setIsa(best);
}

// A residual add given its operands as stored 8-bit codes (the executor's
// way: chunks of 1,024 in L1) equals the add of the int32 values (the
// reference interpreter's), with and without a stored output, over lengths
// around the chunk and the vector steps.
// max_pool on stored u8/i8 codes (maxPoolStored: rows, then columns, in
// place) against the int32 kernel truncated to bytes, on random windows,
// strides, dilations and padding, over whole outputs and tiles' boxes.
TEST(KernelPaths, StoredMaxPoolEqualsTheValues) {
  std::mt19937 rng(21);
  auto pick = [&](int64_t lo, int64_t hi) { return lo + int64_t(rng() % (hi - lo + 1)); };
  int written = 0;
  for (int rep = 0; rep < 300; ++rep) {
    LayerGeometry g;
    g.kind = findKernel("max_pool");
    for (int d : {0, 1}) {
      g.kernel[d] = pick(1, 3);
      g.strides[d] = pick(1, 3);
      g.dilations[d] = pick(1, 2);
      g.pads[d] = pick(0, g.kernel[d] - 1);
      g.pads[d + 2] = pick(0, g.kernel[d] - 1);
    }
    const int64_t c = pick(1, 5), h = pick(3, 20), w = pick(3, 40);
    const int64_t oh = outSize(h, g.kernel[0], g.strides[0], g.dilations[0], g.pads[0], g.pads[2]);
    const int64_t ow = outSize(w, g.kernel[1], g.strides[1], g.dilations[1], g.pads[1], g.pads[3]);
    if (oh < 1 || ow < 1)
      continue;
    const bool isSigned = rng() & 1;
    const npc::ElemKind kind = isSigned ? npc::ElemKind::I8 : npc::ElemKind::U8;
    g.inputShapes = {{pick(1, 2), c, h, w}};
    g.outputShape = {g.inputShapes[0][0], c, oh, ow};
    g.inputZeroPoints = {0};
    g.clampLo = isSigned ? -128 : 0, g.clampHi = isSigned ? 127 : 255;
    Box box = Box::full(g.outputShape);
    if (rep % 2)
      for (int d : {1, 2, 3}) {
        box.lo[d] = int64_t(rng() % g.outputShape[d]);
        box.hi[d] = box.lo[d] + 1 + int64_t(rng() % (g.outputShape[d] - box.lo[d]));
      }
    auto inBoxes = requiredInputBoxes(g, box);
    std::vector<uint8_t> bytes(inBoxes[0].numel());
    for (uint8_t &v : bytes)
      v = uint8_t(rng() % 5 == 0 ? (rng() & 1 ? 0x80 : 0x7F) : rng());
    std::vector<int32_t> values(bytes.size());
    for (size_t i = 0; i < bytes.size(); ++i)
      values[i] = isSigned ? int32_t(int8_t(bytes[i])) : int32_t(bytes[i]);
    LayerParams p;
    std::vector<int32_t> want(box.numel());
    ASSERT_FALSE(bool(compute(g, p, {values.data()}, inBoxes, box, want.data())));
    std::vector<uint8_t> stored(box.numel() + 1, 0xAB);
    StoredResult result{stored.data(), kind};
    std::vector<int32_t> ignored(box.numel());
    StoredOperand operand{bytes.data(), kind};
    ASSERT_FALSE(bool(computeStored(g, p, {operand}, inBoxes, box, ignored.data(), &result)));
    ASSERT_TRUE(result.written);
    ++written;
    for (int64_t i = 0; i < box.numel(); ++i)
      ASSERT_EQ(stored[i], uint8_t(want[i]))
          << "rep " << rep << " at " << i << " kernel " << g.kernel[0] << "x" << g.kernel[1]
          << " strides " << g.strides[0] << "," << g.strides[1] << " box " << box.str();
    EXPECT_EQ(stored[box.numel()], 0xAB);
  }
  EXPECT_GT(written, 200);
}

TEST(KernelPaths, StoredAddEqualsTheValues) {
  std::mt19937 rng(11);
  for (int rep = 0; rep < 40; ++rep) {
    const int64_t n = rep < 8 ? int64_t(rep) * 5 + 1 : int64_t(rng() % 3000) + 1;
    const bool signedA = rng() & 1, signedB = rng() & 1, signedOut = rng() & 1;
    LayerGeometry g;
    g.kind = findKernel("add");
    g.inputShapes = {{1, 1, 1, n}, {1, 1, 1, n}};
    g.outputShape = {1, 1, 1, n};
    g.inputZeroPoints = {int32_t(rng() % 256) - (signedA ? 128 : 0),
                         int32_t(rng() % 256) - (signedB ? 128 : 0)};
    g.outputZeroPoint = int32_t(rng() % 256) - (signedOut ? 128 : 0);
    g.clampLo = signedOut ? -128 : 0, g.clampHi = signedOut ? 127 : 255;
    std::vector<int32_t> mult = {int32_t((1u << 30) + rng() % (1u << 30)),
                                 int32_t((1u << 30) + rng() % (1u << 30))};
    // Shifts 30-37 as ResNet's adds have, and some from 1 to 29 (the byte
    // path takes 12 on, the int32 loop the rest).
    std::vector<int32_t> shift = {int32_t(rep % 4 == 3 ? 1 + rng() % 29 : 30 + rng() % 8)};
    LayerParams p{{}, {}, mult, shift};
    std::vector<uint8_t> a(n), b(n);
    for (int64_t i = 0; i < n; ++i)
      a[i] = uint8_t(rng()), b[i] = uint8_t(rng());
    auto values = [&](const std::vector<uint8_t> &bytes, bool isSigned) {
      std::vector<int32_t> v(n);
      for (int64_t i = 0; i < n; ++i)
        v[i] = isSigned ? int32_t(int8_t(bytes[i])) : int32_t(bytes[i]);
      return v;
    };
    const std::vector<int32_t> va = values(a, signedA), vb = values(b, signedB);
    Box box = Box::full(g.outputShape);
    std::vector<int32_t> want(n);
    ASSERT_FALSE(bool(compute(g, p, {va.data(), vb.data()}, {box, box}, box, want.data())));
    auto kindOf = [](bool s) { return s ? npc::ElemKind::I8 : npc::ElemKind::U8; };
    std::vector<StoredOperand> ops = {{a.data(), kindOf(signedA)}, {b.data(), kindOf(signedB)}};
    std::vector<int32_t> got(n, 777);
    ASSERT_FALSE(bool(computeStored(g, p, ops, {box, box}, box, got.data(), nullptr)));
    EXPECT_EQ(got, want) << "n " << n;
    std::vector<uint8_t> stored(n + 1, 0xAB);
    StoredResult result{stored.data(), kindOf(signedOut)};
    ASSERT_FALSE(bool(computeStored(g, p, ops, {box, box}, box, got.data(), &result)));
    ASSERT_TRUE(result.written);
    for (int64_t i = 0; i < n; ++i)
      ASSERT_EQ(stored[i], uint8_t(want[i])) << "n " << n << " at " << i;
    EXPECT_EQ(stored[n], 0xAB);
  }
}

// conv2d_add (a convolution and the residual add after it, one kind) equals
// the two kinds run one after the other: conv2d, then add of its result and
// the residual, each on the scalar path. The fused kind on every path the
// CPU has, given its operands as int32 values and as stored bytes, over the
// whole output and a tile's box, with the convolution as either operand of
// the add and a clamp of its own.
TEST(KernelPaths, ConvAddEqualsConvThenAdd) {
  std::mt19937 rng(31);
  auto pick = [&](int64_t lo, int64_t hi) { return lo + int64_t(rng() % (hi - lo + 1)); };
  int compared = 0, written = 0;
  for (int rep = 0; rep < 80; ++rep) {
    Layer conv = randomConv(rng, rep % 4 == 0);
    conv.g.clampLo = int32_t(pick(-128, -60));
    conv.g.clampHi = int32_t(pick(60, 127));
    const Box full = Box::full(conv.g.outputShape);
    // The residual and the add's own parameters.
    const bool residualSigned = rng() & 1;
    std::vector<int32_t> residual(full.numel());
    for (int32_t &v : residual)
      v = residualSigned ? int32_t(pick(-128, 127)) : int32_t(pick(0, 255));
    const int32_t zr = residualSigned ? int32_t(pick(-20, 20)) : int32_t(pick(0, 255));
    const int64_t convOperand = rng() & 1;
    const int32_t mults[2] = {int32_t((1u << 29) + rng() % (1u << 30)),
                              int32_t(rng() % 3 == 0 ? -int32_t((1u << 29) + rng() % (1u << 29))
                                                     : int32_t((1u << 29) + rng() % (1u << 30)))};
    const int32_t addShift = int32_t(pick(28, 33)), zo = int32_t(pick(-20, 20));

    // Expected: conv2d over the whole output, then add, both scalar.
    setIsa(Isa::Scalar);
    std::vector<int32_t> convOut = run(conv, full, Isa::Scalar);
    setIsa(Isa::Scalar);
    LayerGeometry add;
    add.kind = findKernel("add");
    add.inputShapes = {conv.g.outputShape, conv.g.outputShape};
    add.outputShape = conv.g.outputShape;
    add.inputZeroPoints = {convOperand == 0 ? conv.g.outputZeroPoint : zr,
                           convOperand == 0 ? zr : conv.g.outputZeroPoint};
    add.outputZeroPoint = zo;
    add.clampLo = -128, add.clampHi = 127;
    std::vector<int32_t> addMult(mults, mults + 2), addShiftV = {addShift};
    LayerParams addParams{{}, {}, addMult, addShiftV};
    const int32_t *addIns[2] = {convOperand == 0 ? convOut.data() : residual.data(),
                                convOperand == 0 ? residual.data() : convOut.data()};
    std::vector<int32_t> want(full.numel());
    llvm::Error addErr = compute(add, addParams, addIns, {full, full}, full, want.data());
    ASSERT_FALSE(bool(addErr)) << llvm::toString(std::move(addErr));

    // The fused geometry.
    LayerGeometry g = conv.g;
    g.kind = findKernel("conv2d_add");
    g.inputShapes.push_back(conv.g.outputShape);
    g.inputZeroPoints.push_back(zr);
    g.outputZeroPoint = zo;
    g.clampLo = -128, g.clampHi = 127;
    LayerGeometry::ResidualAdd r;
    r.convZeroPoint = conv.g.outputZeroPoint;
    r.convClampLo = conv.g.clampLo;
    r.convClampHi = conv.g.clampHi;
    r.convOperand = int32_t(convOperand);
    r.multiplier[0] = mults[0];
    r.multiplier[1] = mults[1];
    r.shift = addShift;
    g.residualAdd = r;
    ASSERT_FALSE(bool(verifyGeometry(g)));

    Box box = full;
    if (rep % 2)
      for (int d : {1, 2}) {
        int64_t size = g.outputShape[d];
        box.lo[d] = int64_t(rng() % size);
        box.hi[d] = box.lo[d] + 1 + int64_t(rng() % (size - box.lo[d]));
      }
    auto inBoxes = requiredInputBoxes(g, box);
    ASSERT_EQ(inBoxes.size(), 2u);
    ASSERT_EQ(inBoxes[1], box);
    // Operands as a tile holds them: only their boxes, row-major.
    auto cut = [](const std::vector<int32_t> &all, const Box &whole, const Box &b) {
      std::vector<int32_t> v;
      for (int64_t n = b.lo[0]; n < b.hi[0]; ++n)
        for (int64_t c = b.lo[1]; c < b.hi[1]; ++c)
          for (int64_t y = b.lo[2]; y < b.hi[2]; ++y)
            for (int64_t x = b.lo[3]; x < b.hi[3]; ++x)
              v.push_back(all[((n * whole.hi[1] + c) * whole.hi[2] + y) * whole.hi[3] + x]);
      return v;
    };
    std::vector<int32_t> in = cut(conv.input, Box::full(conv.g.inputShapes[0]), inBoxes[0]);
    std::vector<int32_t> res = cut(residual, full, box), expect = cut(want, full, box);
    auto w = sliceWeights(g, conv.weights, box);
    auto b = sliceChannelParam(g, conv.bias, box, true);
    auto m = sliceChannelParam(g, conv.mult, box, false);
    auto s = sliceChannelParam(g, conv.shift, box, false);
    LayerParams p{w, b, m, s};
    std::vector<uint8_t> inBytes(in.begin(), in.end()), resBytes(res.begin(), res.end());
    std::vector<uint8_t> allBytes(residual.begin(), residual.end());
    // The fused kind on int32 values or on stored bytes, the residual held
    // over `resBox` (its values `resValues`, their bytes `resCodes`).
    auto fused = [&](bool stored, const Box &resBox, const std::vector<int32_t> &resValues,
                     const std::vector<uint8_t> &resCodes) {
      std::vector<int32_t> out(box.numel(), 12345);
      const int32_t *ins[2] = {in.data(), resValues.data()};
      StoredOperand ops[2] = {
          {inBytes.data(), conv.signedCodes ? npc::ElemKind::I8 : npc::ElemKind::U8},
          {resCodes.data(), residualSigned ? npc::ElemKind::I8 : npc::ElemKind::U8}};
      std::vector<Box> boxes = {inBoxes[0], resBox};
      llvm::Error err = stored ? computeStored(g, p, ops, boxes, box, out.data())
                               : compute(g, p, ins, boxes, box, out.data());
      EXPECT_FALSE(bool(err)) << llvm::toString(std::move(err));
      return out;
    };
    for (Isa isa : {Isa::Scalar, Isa::Portable, Isa::Avx512Vnni, Isa::Avx2}) {
      if (!cpuSupports(isa))
        continue;
      setIsa(isa);
      for (bool stored : {false, true}) {
        ASSERT_EQ(fused(stored, box, res, resBytes), expect)
            << isaName(isa) << (stored ? " stored" : "") << " rep " << rep << " box "
            << box.str();
        ++compared;
      }
      // Stored bytes in, i8 codes out (the executor's way: the fast paths
      // write the convolution's codes and add the residual's bytes).
      {
        std::vector<uint8_t> codes(box.numel() + 1, 0xAB);
        std::vector<int32_t> ignored(box.numel());
        StoredResult bytesOut{codes.data(), npc::ElemKind::I8};
        StoredOperand ops[2] = {
            {inBytes.data(), conv.signedCodes ? npc::ElemKind::I8 : npc::ElemKind::U8},
            {resBytes.data(), residualSigned ? npc::ElemKind::I8 : npc::ElemKind::U8}};
        llvm::Error err = computeStored(g, p, ops, inBoxes, box, ignored.data(), &bytesOut);
        ASSERT_FALSE(bool(err)) << llvm::toString(std::move(err));
        for (int64_t i = 0; i < box.numel(); ++i) {
          const int32_t got = bytesOut.written ? int32_t(int8_t(codes[i])) : ignored[i];
          ASSERT_EQ(got, expect[i]) << isaName(isa) << " to bytes, element " << i << " rep " << rep;
        }
        EXPECT_EQ(codes[box.numel()], 0xAB);
        written += bytesOut.written;
      }
      // A tile's residual given as the whole tensor (a reshaped operand is
      // held so): read at the tile's offsets.
      if (!(box == full))
        for (bool stored : {false, true})
          ASSERT_EQ(fused(stored, full, residual, allBytes), expect)
              << isaName(isa) << " whole residual" << (stored ? " stored" : "");
    }
  }
  setIsa(Isa::Avx512Vnni);
  EXPECT_GE(compared, 80 * 4);
  // The byte path ran where the fast convolutions write bytes.
  if (cpuSupports(Isa::Avx512Vnni) || cpuSupports(Isa::Avx2))
    EXPECT_GT(written, 0);
}

// A conv2d_add geometry without its add, or whose residual is not the
// output's shape, is refused (artifacts come from anywhere).
TEST(KernelPaths, ConvAddGeometryIsChecked) {
  std::mt19937 rng(5);
  Layer conv = randomConv(rng);
  LayerGeometry g = conv.g;
  g.kind = findKernel("conv2d_add");
  g.inputShapes.push_back(conv.g.outputShape);
  g.inputZeroPoints.push_back(0);
  llvm::Error noAdd = verifyGeometry(g);
  ASSERT_TRUE(bool(noAdd));
  EXPECT_NE(llvm::toString(std::move(noAdd)).find("without its residual add"), std::string::npos);
  g.residualAdd = LayerGeometry::ResidualAdd{};
  EXPECT_FALSE(bool(verifyGeometry(g)));
  g.inputShapes[1][1] += 1;
  llvm::Error shape = verifyGeometry(g);
  ASSERT_TRUE(bool(shape));
  EXPECT_NE(llvm::toString(std::move(shape)).find("is not output"), std::string::npos);
  g.inputShapes[1] = g.outputShape;
  g.residualAdd->convOperand = 2;
  llvm::Error operand = verifyGeometry(g);
  ASSERT_TRUE(bool(operand));
  EXPECT_NE(llvm::toString(std::move(operand)).find("operand 0 or 1"), std::string::npos);
  g.residualAdd->convOperand = 1;
  g.residualAdd->convClampLo = -70000; // past any 16-bit code
  llvm::Error clamp = verifyGeometry(g);
  ASSERT_TRUE(bool(clamp));
  EXPECT_NE(llvm::toString(std::move(clamp)).find("out of range"), std::string::npos);
  // A residual add on any other kind is refused too.
  LayerGeometry plain = conv.g;
  plain.residualAdd = LayerGeometry::ResidualAdd{};
  llvm::Error stray = verifyGeometry(plain);
  ASSERT_TRUE(bool(stray));
  EXPECT_NE(llvm::toString(std::move(stray)).find("only conv2d_add has a residual add"),
            std::string::npos);
}

/// A matmul's reduction in parts (docs/mapping.md, "Split reductions") on
/// the current ISA: part i reads input columns [cuts[i], cuts[i+1]) of `x`
/// ([m, k] values), its rows of `w` ([k, n]) and its share of the folded
/// bias, adds the int32 partial sums of part i-1 (input 1, the output box)
/// and gives its own; the last requantizes. Returns the last part's `box`.
std::vector<int32_t> runSplitMatmul(const LayerGeometry &g, const std::vector<int32_t> &x,
                                    const std::vector<int32_t> &w,
                                    const std::vector<std::vector<int32_t>> &shares,
                                    const std::vector<int32_t> &mult,
                                    const std::vector<int32_t> &shift,
                                    const std::vector<int64_t> &cuts, const Box &box) {
  const int64_t k = g.inputShapes[0][1], n = g.outputShape[1];
  const size_t parts = cuts.size() - 1;
  std::vector<int32_t> partial;
  for (size_t i = 0; i < parts; ++i) {
    LayerGeometry pg = g;
    pg.reductionOffset = cuts[i];
    pg.weightShape = {cuts[i + 1] - cuts[i], n};
    pg.quantizedOutput = i + 1 == parts;
    if (i > 0) {
      pg.inputShapes.push_back(g.outputShape);
      pg.inputZeroPoints.push_back(0);
    }
    EXPECT_FALSE(bool(verifyGeometry(pg)));
    auto inBoxes = requiredInputBoxes(pg, box);
    EXPECT_EQ(inBoxes[0].lo[1], cuts[i]);
    EXPECT_EQ(inBoxes[0].hi[1], cuts[i + 1]);
    // The operands as the part's tile holds them: its boxes, row-major.
    std::vector<int32_t> xs;
    for (int64_t r = inBoxes[0].lo[0]; r < inBoxes[0].hi[0]; ++r)
      for (int64_t c = inBoxes[0].lo[1]; c < inBoxes[0].hi[1]; ++c)
        xs.push_back(x[r * k + c]);
    std::vector<int32_t> ws(w.begin() + cuts[i] * n, w.begin() + cuts[i + 1] * n);
    auto wSlice = sliceWeights(pg, ws, box);
    auto bSlice = sliceChannelParam(pg, shares[i], box, true);
    auto mSlice = sliceChannelParam(pg, mult, box, false);
    auto sSlice = sliceChannelParam(pg, shift, box, false);
    LayerParams p{wSlice, bSlice, mSlice, sSlice};
    std::vector<int32_t> out(box.numel(), 777);
    std::vector<const int32_t *> ins = {xs.data()};
    if (i > 0)
      ins.push_back(partial.data());
    llvm::Error err = compute(pg, p, ins, inBoxes, box, out.data());
    EXPECT_FALSE(bool(err)) << llvm::toString(std::move(err));
    partial = std::move(out);
  }
  return partial;
}

/// The unsplit matmul of `g` on the scalar path, over its whole output.
std::vector<int32_t> unsplitMatmul(const LayerGeometry &g, const std::vector<int32_t> &x,
                                   const std::vector<int32_t> &w, const std::vector<int32_t> &fb,
                                   const std::vector<int32_t> &mult,
                                   const std::vector<int32_t> &shift) {
  setIsa(Isa::Scalar);
  const Box full = Box::full(g.outputShape);
  std::vector<int32_t> want(full.numel());
  LayerParams whole{w, fb, mult, shift};
  const int32_t *xin = x.data();
  llvm::Error err = compute(g, whole, {xin}, {Box::full(g.inputShapes[0])}, full, want.data());
  EXPECT_FALSE(bool(err)) << llvm::toString(std::move(err));
  return want;
}

LayerGeometry matmulGeometry(int64_t m, int64_t k, int64_t n, int32_t zx, int32_t zo) {
  LayerGeometry g;
  g.kind = findKernel("matmul");
  g.inputShapes = {{m, k}};
  g.outputShape = {m, n};
  g.weightShape = {k, n};
  g.inputZeroPoints = {zx};
  g.outputZeroPoint = zo;
  g.clampLo = -128, g.clampHi = 127;
  return g;
}

// The chain, each part on every path this CPU has, over the whole output
// and a tile's box, equals the unsplit matmul on the scalar path; the
// folded bias is cut into shares that sum to the whole.
TEST(KernelPaths, SplitMatmulEqualsMatmul) {
  std::mt19937 rng(17);
  auto pick = [&](int64_t lo, int64_t hi) { return lo + int64_t(rng() % (hi - lo + 1)); };
  int compared = 0;
  for (int rep = 0; rep < 60; ++rep) {
    const int64_t m = pick(1, 5), k = pick(2, 700), n = pick(1, 70);
    LayerGeometry g = matmulGeometry(m, k, n, int32_t(pick(0, 255)), int32_t(pick(-10, 10)));
    std::vector<int32_t> x(m * k), w(k * n), fb(n), mult(n), shift(n);
    for (int32_t &v : x)
      v = int32_t(pick(0, 255));
    for (int32_t &v : w)
      v = int32_t(pick(-127, 127));
    for (int64_t j = 0; j < n; ++j) {
      fb[j] = int32_t(pick(-200000, 200000));
      mult[j] = int32_t((1u << 30) + rng() % (1u << 30));
      shift[j] = int32_t(pick(44, 48));
    }
    ASSERT_FALSE(bool(verifyGeometry(g)));
    std::vector<int32_t> want = unsplitMatmul(g, x, w, fb, mult, shift);
    // Parts of random lengths; the folded bias in shares.
    std::vector<int64_t> cuts = {0};
    while (cuts.back() < k)
      cuts.push_back(std::min(k, cuts.back() + pick(1, std::max<int64_t>(1, k / 2))));
    const size_t parts = cuts.size() - 1;
    std::vector<std::vector<int32_t>> shares(parts, std::vector<int32_t>(n, 0));
    for (int64_t j = 0; j < n; ++j) {
      int64_t left = fb[j];
      for (size_t i = 0; i + 1 < parts; ++i) {
        shares[i][j] = int32_t(pick(-1000, 1000));
        left -= shares[i][j];
      }
      shares[parts - 1][j] = int32_t(left);
    }
    Box box = Box::full(g.outputShape);
    if (rep % 2)
      for (int d : {0, 1}) {
        box.lo[d] = int64_t(rng() % g.outputShape[d]);
        box.hi[d] = box.lo[d] + 1 + int64_t(rng() % (g.outputShape[d] - box.lo[d]));
      }
    std::vector<int32_t> expect;
    for (int64_t r = box.lo[0]; r < box.hi[0]; ++r)
      for (int64_t c = box.lo[1]; c < box.hi[1]; ++c)
        expect.push_back(want[r * n + c]);
    for (Isa isa : {Isa::Scalar, Isa::Portable, Isa::Avx512Vnni, Isa::Avx2}) {
      if (!cpuSupports(isa))
        continue;
      setIsa(isa);
      ASSERT_EQ(runSplitMatmul(g, x, w, shares, mult, shift, cuts, box), expect)
          << isaName(isa) << " rep " << rep << " parts " << parts << " box " << box.str();
      ++compared;
    }
  }
  EXPECT_GE(compared, 120);
}

// Only the whole sum is proven inside int32: the sum of the parts before
// the last part's bias may pass 2^31. x = 255 (zero point 255), w = 127,
// K = 66,304 in two halves: part 0's folded bias share is +1,073,627,520,
// part 1's its negation, and part 1's products plus part 0's partial sums
// come to 3,220,882,560 before its bias brings the total back to
// 2,147,255,040 (which requantizes to 128, clamped to 127). A path that
// requantized with the bias added in int64 after wrapping the partial sums
// in would be 2^32 off.
TEST(KernelPaths, SplitMatmulBiasJoinsThePartialSums) {
  const int64_t k = 66304, half = k / 2;
  LayerGeometry g = matmulGeometry(1, k, 1, 255, 0);
  std::vector<int32_t> x(k, 255), w(k, 127), fb = {0}, mult = {1 << 30}, shift = {54};
  std::vector<std::vector<int32_t>> shares = {{1073627520}, {-1073627520}};
  std::vector<int32_t> want = unsplitMatmul(g, x, w, fb, mult, shift);
  ASSERT_EQ(want, std::vector<int32_t>{127});
  for (Isa isa : {Isa::Scalar, Isa::Portable, Isa::Avx512Vnni, Isa::Avx2}) {
    if (!cpuSupports(isa))
      continue;
    setIsa(isa);
    EXPECT_EQ(runSplitMatmul(g, x, w, shares, mult, shift, {0, half, k}, Box::full({1, 1})), want)
        << isaName(isa);
  }
}

// A part's geometry is checked: its weight's rows lie within the input's
// columns from its offset, and its partial sums have the output's shape.
TEST(KernelPaths, SplitMatmulGeometryIsChecked) {
  LayerGeometry g;
  g.kind = findKernel("matmul");
  g.inputShapes = {{1, 100}};
  g.outputShape = {1, 4};
  g.weightShape = {64, 4};
  g.inputZeroPoints = {0};
  g.reductionOffset = 36;
  EXPECT_FALSE(bool(verifyGeometry(g)));
  g.reductionOffset = 37;
  llvm::Error past = verifyGeometry(g);
  ASSERT_TRUE(bool(past));
  EXPECT_NE(llvm::toString(std::move(past)).find("from column 37 is not output"), std::string::npos);
  g.reductionOffset = 0;
  g.inputShapes.push_back({1, 5});
  g.inputZeroPoints.push_back(0);
  llvm::Error partial = verifyGeometry(g);
  ASSERT_TRUE(bool(partial));
  EXPECT_NE(llvm::toString(std::move(partial)).find("must be the output's shape"),
            std::string::npos);
}

} // namespace
