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
#include <chrono>
#include <cstdio>
#include <random>
#include <vector>

using namespace npc::kernels;

int main() {
  const Isa isa = activeIsa();
  std::printf("path: %s\n", isaName(isa));
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
  return 0;
}
