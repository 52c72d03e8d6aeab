//===- FuzzNpy.cpp - libFuzzer harness: the .npy reader ---------------------===//
#include "npc/Runtime/HostTensor.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  auto t = npc::parseNpy(llvm::StringRef(reinterpret_cast<const char *>(data), size), "fuzz.npy");
  if (!t)
    llvm::consumeError(t.takeError());
  return 0;
}
