//===- Printable.h - names from input files, safe to print ---------*- C++ -*-===//
//
// Names come from models and artifacts that anyone can write: a newline in
// one would forge a second "npc: error:" line, an escape sequence would
// drive the terminal, a megabyte would make a megabyte line. Messages print
// them through `printable`.
//
//===----------------------------------------------------------------------===//
#ifndef NPC_SUPPORT_PRINTABLE_H
#define NPC_SUPPORT_PRINTABLE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstdio>
#include <string>

namespace npc {

/// `s` with control characters escaped (\n, \t, \xHH) and, past `max`
/// bytes, cut: "<first max bytes>...(N bytes)".
inline std::string printable(llvm::StringRef s, size_t max = 200) {
  std::string out;
  size_t shown = 0;
  for (unsigned char c : s) {
    if (shown == max) {
      out += "...(" + std::to_string(s.size()) + " bytes)";
      break;
    }
    ++shown;
    if (c == '\n')
      out += "\\n";
    else if (c == '\t')
      out += "\\t";
    else if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else
      out += char(c);
  }
  return out;
}

/// A shape as messages write it: "[1, 3, 224, 224]".
inline std::string shapeText(llvm::ArrayRef<int64_t> shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

} // namespace npc

#endif
