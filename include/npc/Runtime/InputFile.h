//===- InputFile.h - reading files that anyone may have written ---*- C++ -*-===//
//
// Every file npc reads (models, artifacts, .npy inputs, targets) comes
// through here: regular files only (not /dev/zero or a FIFO, which would be
// read without end), at most `maxBytes`; and JSON is checked for nesting
// depth before LLVM's recursive parser sees it.
//
//===----------------------------------------------------------------------===//
#ifndef NPC_RUNTIME_INPUTFILE_H
#define NPC_RUNTIME_INPUTFILE_H

#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"

#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace npc {

/// The largest input file npc reads: 4 GiB.
constexpr uint64_t kMaxInputFileBytes = uint64_t(4) << 30;

/// The contents of `path` ("-": standard input, read up to the limit).
llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>>
readInputFile(llvm::StringRef path, uint64_t maxBytes = kMaxInputFileBytes);

/// An error if `json` nests arrays and objects deeper than `maxDepth`.
llvm::Error checkJsonDepth(llvm::StringRef json, int maxDepth = 256);

/// The text of each element of the JSON array, or each `"key": value`
/// member of the JSON object, `json`, unparsed: what lets a long array be
/// parsed one element at a time. Only strings and brackets are followed;
/// std::nullopt when they do not close at the end (json::parse then says
/// what is wrong).
std::optional<std::vector<llvm::StringRef>> splitJson(llvm::StringRef json);

/// A `"key": value` member as splitJson gives it: the key's text (a JSON
/// string, escapes and all) and the value's, split at the first colon
/// outside strings; std::nullopt when there is none.
std::optional<std::pair<llvm::StringRef, llvm::StringRef>>
splitJsonMember(llvm::StringRef member);

} // namespace npc

#endif
