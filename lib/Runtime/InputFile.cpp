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

llvm::Error npc::checkJsonDepth(llvm::StringRef json, int maxDepth) {
  int depth = 0;
  bool inString = false, escaped = false;
  for (char c : json) {
    if (inString) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        inString = false;
      continue;
    }
    if (c == '"')
      inString = true;
    else if (c == '[' || c == '{') {
      if (++depth > maxDepth)
        return llvm::createStringError(std::errc::invalid_argument,
                                       "JSON nests deeper than %d levels", maxDepth);
    } else if (c == ']' || c == '}')
      --depth;
  }
  return llvm::Error::success();
}
