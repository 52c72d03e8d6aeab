//===- gemm_bench.cpp - the executor's GEMM on ResNet-50's tile shapes ----===//
//
// Prints single-thread GMAC/s of kernels::gemm on the path this CPU takes
// (or NPC_ISA=...), for tile shapes of ResNet-50 on northpole (rows = output
// pixels of a tile, k = its reduction, n = its output channels), with int8
// weights and with INT4-range weights (|w| <= 8). Best of 30 runs each.
//
//   build/bin/npc-gemm-bench
//
//===----------------------------------------------------------------------===//
#include "npc/Runtime/Gemm.h"

#include <algorithm>
#include <cstdint>
#include <chrono>
#include <cstdio>
#include <random>
#include <vector>

using namespace npc::kernels;

#if defined(__x86_64__)
/// GMAC/s of 12 independent accumulations repeated, register to register
/// (inline asm, so that no compiler merges the identical products): the
/// instruction mix's throughput on this core, no memory involved.
#define NPC_TIMES12(x) x(ymm0) x(ymm1) x(ymm3) x(ymm4) x(ymm5) x(ymm6) x(ymm7) x(ymm8) \
  x(ymm9) x(ymm10) x(ymm11) x(ymm13)
#define NPC_MADD(acc) "vpmaddwd %%ymm14, %%ymm2, %%ymm12\n vpaddd %%ymm12, %%" #acc ", %%" #acc "\n"
#define NPC_MADDUBS(acc)                                                                     \
  "vpmaddubsw %%ymm14, %%ymm2, %%ymm12\n vpmaddwd %%ymm15, %%ymm12, %%ymm12\n"                \
  "vpaddd %%ymm12, %%" #acc ", %%" #acc "\n"
template <int Kind> __attribute__((target("avx2"))) static double ceiling() {
  const int64_t rounds = 20000000;
  double best = 1e9;
  for (int rep = 0; rep < 3; ++rep) {
    int64_t left = rounds;
    auto t0 = std::chrono::steady_clock::now();
    if (Kind == 0)
      asm volatile("1:\n" NPC_TIMES12(NPC_MADD) "dec %0\n jnz 1b\n" "vzeroupper\n"
                   : "+r"(left)::"memory", "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6",
                     "xmm7", "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15");
    else
      asm volatile("1:\n" NPC_TIMES12(NPC_MADDUBS) "dec %0\n jnz 1b\n" "vzeroupper\n"
                   : "+r"(left)::"memory", "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6",
                     "xmm7", "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15");
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0)
                              .count());
  }
  return double(rounds) * 12 * (Kind == 0 ? 16 : 32) / best / 1e9;
}

static void printCeilings() {
  std::printf("instruction ceilings, one thread, register to register:\n");
  std::printf("  vpmaddwd + vpaddd (16 MACs, exact with int8 weights):         %5.1f GMAC/s\n",
              ceiling<0>());
  std::printf("  vpmaddubsw + vpmaddwd + vpaddd (32 MACs, saturates u8 x s8):  %5.1f GMAC/s\n",
              ceiling<1>());
}
#endif

/// Single-thread GMAC/s of convDirect (the VNNI path's convolution) on
/// ResNet-50's layer shapes, hot in cache: stride 1, padding (k - 1) / 2,
/// the image built as conv2dDirect builds it.
static void benchConvDirect() {
  struct Shape {
    int64_t n, c, k, hw;
  };
  const Shape shapes[] = {{64, 64, 3, 56},  {64, 256, 1, 56}, {128, 128, 3, 28}, {128, 512, 1, 28},
                          {256, 256, 3, 14}, {256, 1024, 1, 14}, {512, 512, 3, 7}, {512, 2048, 1, 7},
                          {32, 256, 3, 14}, {64, 512, 3, 7}, {256, 64, 1, 56}};
  std::mt19937 rng(2);
  std::printf("convDirect, one thread (output channels n, input channels c, kernel k x k, "
              "h = w):\n");
  for (const Shape &s : shapes) {
    std::vector<int32_t> w(s.n * s.c * s.k * s.k);
    for (int32_t &v : w)
      v = int32_t(rng() % 256) - 128;
    PackedB packed = packConvWeights(w, s.n, s.c, s.k, s.k);
    const int64_t c4 = (s.c + 3) / 4, hp = s.hw + s.k - 1, pw = hp;
    const int64_t rowBytes = pw * 4, quadBytes = hp * rowBytes;
    std::vector<uint8_t> img(c4 * quadBytes + 128 + (s.k - 1) * 4);
    for (uint8_t &v : img)
      v = uint8_t(rng());
    ConvImage image;
    image.data = img.data();
    image.rowStep = rowBytes;
    for (int64_t q = 0; q < c4; ++q)
      for (int64_t ky = 0; ky < s.k; ++ky)
        for (int64_t kx = 0; kx < s.k; ++kx)
          image.taps.push_back(q * quadBytes + ky * rowBytes + kx * 4);
    const int64_t plane = s.hw * s.hw;
    std::vector<int32_t> out(s.n * hp * pw);
    // As conv2dDirect runs stride 1: one run over the image's rows, the
    // k - 1 positions past each row's end computed and dropped; the sums as
    // int32, then requantized to bytes in the kernel (ConvStore).
    const int64_t positions = s.hw * pw;
    std::vector<int32_t> bias(s.n, 1000), mult(s.n, 1 << 30), shift(s.n, 24);
    std::vector<ChannelRequant> requant;
    for (int64_t i = 0; i < s.n; ++i)
      requant.push_back(
          channelRequant(bias[i], mult[i], shift[i], accClamp(bias[i], mult[i], shift[i], 0, 0, 255), 0));
    std::vector<uint8_t> codes(s.n * plane);
    ConvStore store;
    store.out = codes.data();
    store.outStride = plane;
    store.rowPositions = pw;
    store.rowOutputs = s.hw;
    store.requant = requant.data();
    store.lo = 0, store.hi = 255;
    double best = 1e9, bestBytes = 1e9;
    for (int r = 0; r < 20; ++r) {
      auto t0 = std::chrono::steady_clock::now();
      convDirect(packed, image, 0, 1, 0, positions, 0, 0, out.data(), positions);
      auto t1 = std::chrono::steady_clock::now();
      convDirect(packed, image, 0, 1, 0, positions, 0, 0, nullptr, positions, &store);
      auto t2 = std::chrono::steady_clock::now();
      best = std::min(best, std::chrono::duration<double>(t1 - t0).count());
      bestBytes = std::min(bestBytes, std::chrono::duration<double>(t2 - t1).count());
    }
    const double macs = double(s.n) * double(s.c) * double(s.k * s.k) * double(plane);
    std::printf("  n %4lld  c %4lld  %lldx%lld  %3lldx%-3lld: int32 sums %7.1f us %5.1f GMAC/s; "
                "requantized bytes %7.1f us %5.1f GMAC/s\n",
                (long long)s.n, (long long)s.c, (long long)s.k, (long long)s.k, (long long)s.hw,
                (long long)s.hw, best * 1e6, macs / best / 1e9, bestBytes * 1e6,
                macs / bestBytes / 1e9);
  }
}

int main() {
  const Isa isa = activeIsa();
  std::printf("path: %s\n", isaName(isa));
  if (isa == Isa::Avx512Vnni)
    benchConvDirect();
  struct Shape {
    int64_t m, k, n;
  };
  const Shape shapes[] = {{98, 2304, 40}, {49, 4608, 80},  {196, 256, 352},
                          {49, 1024, 224}, {448, 576, 64}, {196, 1024, 88}};
  std::mt19937 rng(1);
  for (int wmax : {128, 8}) {
    std::printf("weights in [-%d, %d):\n", wmax, wmax);
    for (const Shape &s : shapes) {
      std::vector<int32_t> b(s.k * s.n);
      for (int32_t &v : b)
        v = int32_t(rng() % (2 * wmax)) - wmax;
      PackedB packed = packB(b, s.k, s.n, isa);
      std::vector<uint8_t> a(s.m * packed.kPadded);
      for (uint8_t &v : a)
        v = uint8_t(rng());
      std::vector<int32_t> c(s.m * s.n);
      double best = 1e9;
      for (int r = 0; r < 30; ++r) {
        auto t0 = std::chrono::steady_clock::now();
        gemm(a.data(), s.m, packed.kPadded, 0, packed, c.data(), s.n, isa);
        best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0)
                                  .count());
      }
      std::printf("  m %4lld  k %4lld  n %4lld: %6.1f us  %5.1f GMAC/s\n", (long long)s.m,
                  (long long)s.k, (long long)s.n, best * 1e6,
                  double(s.m) * double(s.k) * double(s.n) / best / 1e9);
    }
  }
#if defined(__x86_64__)
  if (__builtin_cpu_supports("avx2"))
    printCeilings();
#endif
  return 0;
}
