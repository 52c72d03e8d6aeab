//===- Artifact.h - the compiled-model container ------------------*- C++ -*-===//
//
// The file `npc compile` writes and `npc run` loads: a manifest (JSON), the
// host-side steps and, per core, a program and an initial memory image. The
// byte layout is specified in docs/artifact.md. The loader trusts nothing:
// every count, offset and size is checked before it is used.
//
//===----------------------------------------------------------------------===//
#ifndef NPC_TARGET_ARTIFACT_H
#define NPC_TARGET_ARTIFACT_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace npc {

struct CoreImage {
  int32_t x = 0, y = 0;
  std::vector<uint8_t> program; // encoded instructions
  std::vector<uint8_t> memory;  // initial memory image (weights, parameters), loaded at address 0
};

struct Artifact {
  static constexpr uint32_t kVersion = 1;
  std::string manifest;      // JSON text (model inputs/outputs, layers, target, report)
  std::vector<uint8_t> host; // encoded host-side steps (frame buffer I/O)
  std::vector<CoreImage> cores;
};

/// The largest core memory image the loader accepts.
constexpr uint64_t kMaxCoreMemoryImageBytes = uint64_t(1) << 30;

/// Lays out the sections in order (manifest, host, then program and memory of
/// each core in `a.cores` order). Does not check `a`: an artifact with a
/// duplicate or negative core serializes, and parseArtifact rejects it.
std::vector<uint8_t> serializeArtifact(const Artifact &a);

/// Validates every size, offset and count and the checksum; errors start with
/// "artifact: " and say what is wrong. Cores come back in the order of their
/// first section.
llvm::Expected<Artifact> parseArtifact(llvm::ArrayRef<uint8_t> bytes);

/// Writes atomically (temporary file, then rename); "-" is stdout.
llvm::Error writeArtifactFile(llvm::StringRef path, const Artifact &a);
/// Reads and parses; "-" is stdin. Errors are prefixed with the path.
llvm::Expected<Artifact> readArtifactFile(llvm::StringRef path);

} // namespace npc

#endif
