//===- FuzzArtifact.cpp - libFuzzer harness: artifact loader and executor ---===//
//
// Any bytes as an artifact: parse the container, load it (manifest,
// programs, memory images, every check of the executor) and, if it loads,
// run one frame of zero inputs. Nothing may crash or touch memory it does
// not own; errors are the expected outcome. The harness reseals the input
// (size and checksum recomputed, as anyone can) so that mutations reach the
// manifest and the executor instead of stopping at the checksum.
//
//===----------------------------------------------------------------------===//
#include "npc/Runtime/Artifact.h"
#include "npc/Runtime/Executor.h"

#include "llvm/Support/CRC.h"
#include "llvm/Support/Endian.h"

#include <cstdint>
#include <cstring>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::vector<uint8_t> bytes(data, data + size);
  constexpr size_t kHeader = 32; // docs/artifact.md
  if (size >= kHeader && std::memcmp(data, "NPCARTF", 7) == 0) {
    llvm::support::endian::write64le(&bytes[16], size);
    llvm::support::endian::write32le(
        &bytes[24], llvm::crc32(llvm::ArrayRef<uint8_t>(bytes).drop_front(kHeader)));
  }
  auto artifact = npc::parseArtifact(bytes);
  if (!artifact) {
    llvm::consumeError(artifact.takeError());
    return 0;
  }
  auto exec = npc::Executor::load(std::move(*artifact));
  if (!exec) {
    llvm::consumeError(exec.takeError());
    return 0;
  }
  std::vector<npc::HostTensor> inputs;
  for (const npc::HostBoundary &b : (*exec)->manifest().inputs) {
    npc::HostTensor t;
    t.kind = b.hostKind;
    t.shape = b.shape;
    int64_t n = t.numElements();
    if (n > (1 << 20))
      return 0; // a valid but large input: not what this harness explores
    if (t.kind == npc::ElemKind::F32)
      t.floats.assign(n, 0.0f);
    else
      t.ints.assign(n, 0);
    inputs.push_back(std::move(t));
  }
  auto out = (*exec)->runFrames({inputs});
  if (!out)
    llvm::consumeError(out.takeError());
  return 0;
}
