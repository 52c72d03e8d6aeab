//===- ImportLimits.h - bounds on what a model file may ask for --*- C++ -*-===//
#ifndef NPC_SUPPORT_IMPORTLIMITS_H
#define NPC_SUPPORT_IMPORTLIMITS_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>

namespace npc {

/// What npc accepts from a model file before it sizes anything by it; each
/// settable by name (`npc --limit NAME=N`, `npc.compile(limits={...})`).
struct ImportLimits {
  // Nodes in the graph: a chain of 100,000 convolutions takes about 2.7 GB
  // and a minute to compile (docs/import.md), so 2^17 by default.
  int64_t nodes = int64_t(1) << 17;
  int64_t tensorElements = int64_t(1) << 31;  // elements of one tensor or graph input
  int64_t weightElements = int64_t(1) << 31;  // elements of all constants together
  int64_t inputDimension = int64_t(1) << 24;  // each dimension of a graph input

  /// Sets the limit called `name` (nodes, tensor-elements, weight-elements,
  /// input-dimension) to `value` (1 to 2^34).
  llvm::Error set(llvm::StringRef name, int64_t value);
  /// "NAME=VALUE" as on the command line.
  llvm::Error set(llvm::StringRef assignment);
};

/// Parses a command-line "NAME=VALUE" (both parts non-empty).
inline bool splitAssign(llvm::StringRef arg, std::string &name, std::string &value) {
  auto [n, v] = arg.split('=');
  if (n.empty() || v.empty() || !arg.contains('='))
    return false;
  name = n.str();
  value = v.str();
  return true;
}

/// "2^31" for a power of two from 1024 up, else the number: how limits are
/// printed.
std::string limitText(int64_t value);

} // namespace npc

#endif
