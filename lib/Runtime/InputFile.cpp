//===- InputFile.cpp - reading files that anyone may have written ---------===//
#include "npc/Runtime/InputFile.h"

#include "llvm/Support/FileSystem.h"

using namespace npc;

llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>>
npc::readInputFile(llvm::StringRef path, uint64_t maxBytes) {
  auto cannot = [&](const std::string &why) {
    return llvm::createStringError(std::errc::invalid_argument, "cannot read '%s': %s",
                                   path.str().c_str(), why.c_str());
  };
  if (path != "-") {
    llvm::sys::fs::file_status st;
    if (std::error_code ec = llvm::sys::fs::status(path, st))
      return cannot(ec.message());
    if (st.type() != llvm::sys::fs::file_type::regular_file)
      return cannot("not a regular file");
    if (st.getSize() > maxBytes)
      return cannot("larger than npc's limit of " + std::to_string(maxBytes >> 20) + " MiB");
  }
  auto buf = path == "-" ? llvm::MemoryBuffer::getSTDIN()
                         : llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                                       /*RequiresNullTerminator=*/false);
  if (!buf)
    return cannot(buf.getError().message());
  if ((*buf)->getBufferSize() > maxBytes)
    return cannot("larger than npc's limit of " + std::to_string(maxBytes >> 20) + " MiB");
  return std::move(*buf);
}

/// Calls `at(i, c, depth)` for each bracket, comma and colon of `json`
/// outside strings, `depth` counted before a bracket opens or closes; stops
/// when `at` returns false. What checkJsonDepth and splitJson share.
template <typename F> static void walkJson(llvm::StringRef json, F at) {
  int depth = 0;
  bool inString = false, escaped = false;
  for (size_t i = 0; i < json.size(); ++i) {
    char c = json[i];
    if (inString) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        inString = false;
      continue;
    }
    if (c == '"') {
      inString = true;
    } else if (c == '[' || c == '{') {
      if (!at(i, c, depth++))
        return;
    } else if (c == ']' || c == '}') {
      if (!at(i, c, --depth))
        return;
    } else if (c == ',' || c == ':') {
      if (!at(i, c, depth))
        return;
    }
  }
}

llvm::Error npc::checkJsonDepth(llvm::StringRef json, int maxDepth) {
  bool tooDeep = false;
  walkJson(json, [&](size_t, char c, int depth) {
    tooDeep = (c == '[' || c == '{') && depth + 1 > maxDepth;
    return !tooDeep;
  });
  if (tooDeep)
    return llvm::createStringError(std::errc::invalid_argument,
                                   "JSON nests deeper than %d levels", maxDepth);
  return llvm::Error::success();
}

std::optional<std::pair<llvm::StringRef, llvm::StringRef>>
npc::splitJsonMember(llvm::StringRef member) {
  size_t colon = llvm::StringRef::npos;
  walkJson(member, [&](size_t i, char c, int depth) {
    if (c != ':' || depth != 0)
      return true;
    colon = i;
    return false;
  });
  if (colon == llvm::StringRef::npos)
    return std::nullopt;
  return std::make_pair(member.take_front(colon).trim(" \t\n\r"),
                        member.drop_front(colon + 1).trim(" \t\n\r"));
}

std::optional<std::vector<llvm::StringRef>> npc::splitJson(llvm::StringRef json) {
  json = json.trim(" \t\n\r"); // JSON's whitespace (trim() also strips \v and \f)
  if (json.size() < 2 || !((json.front() == '[' && json.back() == ']') ||
                           (json.front() == '{' && json.back() == '}')))
    return std::nullopt;
  std::vector<llvm::StringRef> parts;
  size_t start = 1;
  bool ok = true, closed = false;
  size_t closeAt = 0;
  walkJson(json, [&](size_t i, char c, int depth) {
    if (closed || depth < 0) // text after the closing bracket
      return ok = false;
    // Top-level commas are inside the outer bracket (depth 1); its closing
    // bracket is counted after it closes (depth 0).
    if ((c == ',' && depth == 1) || ((c == ']' || c == '}') && depth == 0)) {
      llvm::StringRef part = json.slice(start, i).trim(" \t\n\r");
      if (c == ',' || !part.empty() || !parts.empty())
        parts.push_back(part);
      start = i + 1;
      closed = c != ',';
      closeAt = i;
    }
    return true;
  });
  // The outer bracket must be the last character: text after it (even
  // an unclosed string that hides a bracket) is not JSON.
  if (!ok || !closed || closeAt + 1 != json.size())
    return std::nullopt;
  return parts;
}
