//===- FuzzTarget.cpp - libFuzzer harness: the target description parser ---===//
#include "npc/Runtime/TargetDesc.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  auto t = npc::parseTargetJson(llvm::StringRef(reinterpret_cast<const char *>(data), size));
  if (!t)
    llvm::consumeError(t.takeError());
  return 0;
}
