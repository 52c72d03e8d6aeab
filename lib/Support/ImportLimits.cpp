//===- ImportLimits.cpp - bounds on what a model file may ask for ---------===//
#include "npc/Support/ImportLimits.h"
#include "npc/Support/Printable.h"

#include "llvm/Support/MathExtras.h"

std::string npc::limitText(int64_t value) {
  if (value >= 1024 && llvm::isPowerOf2_64(uint64_t(value)))
    return "2^" + std::to_string(llvm::Log2_64(uint64_t(value)));
  return std::to_string(value);
}

llvm::Error npc::ImportLimits::set(llvm::StringRef name, int64_t value) {
  int64_t *field = name == "nodes"             ? &nodes
                   : name == "tensor-elements" ? &tensorElements
                   : name == "weight-elements" ? &weightElements
                   : name == "input-dimension" ? &inputDimension
                                               : nullptr;
  if (!field)
    return llvm::createStringError(std::errc::invalid_argument,
                                   "unknown limit '%s' (nodes, tensor-elements, "
                                   "weight-elements, input-dimension)",
                                   printable(name).c_str());
  // 2^34: the largest tensor an artifact may hold (lib/Runtime/Manifest.cpp),
  // and small enough that element counts times element sizes cannot wrap.
  if (value < 1 || value > (int64_t(1) << 34))
    return llvm::createStringError(std::errc::invalid_argument,
                                   "limit %s must be 1 to 2^34, got %lld", name.str().c_str(),
                                   (long long)value);
  *field = value;
  return llvm::Error::success();
}

llvm::Error npc::ImportLimits::set(llvm::StringRef assignment) {
  auto [name, text] = assignment.split('=');
  int64_t value;
  if (text.empty() || text.getAsInteger(10, value))
    return llvm::createStringError(std::errc::invalid_argument,
                                   "--limit expects NAME=N (a whole number), got '%s'",
                                   printable(assignment).c_str());
  return set(name, value);
}
