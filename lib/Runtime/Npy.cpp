//===- Npy.cpp - .npy reading and writing (format version 1.0/2.0) --------===//
#include "npc/Runtime/HostTensor.h"
#include "npc/Runtime/InputFile.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <cstring>

using namespace npc;
using llvm::createStringError;

const char *npc::elemKindName(ElemKind k) {
  switch (k) {
  case ElemKind::U8: return "uint8";
  case ElemKind::I8: return "int8";
  case ElemKind::U16: return "uint16";
  case ElemKind::I16: return "int16";
  case ElemKind::I32: return "int32";
  case ElemKind::I64: return "int64";
  case ElemKind::F32: return "float32";
  }
  return "?";
}

bool npc::isIntegerKind(ElemKind k) { return k != ElemKind::F32; }

int64_t HostTensor::numElements() const {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

std::string HostTensor::shapeString() const {
  std::string s;
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? "x" : "") + std::to_string(shape[i]);
  return s.empty() ? "scalar" : s;
}

namespace {
struct DescrInfo {
  const char *descr;
  ElemKind kind;
  unsigned bytes;
};
const DescrInfo kDescrs[] = {
    {"|u1", ElemKind::U8, 1},  {"|i1", ElemKind::I8, 1},
    {"<u2", ElemKind::U16, 2}, {"<i2", ElemKind::I16, 2},
    {"<i4", ElemKind::I32, 4}, {"<i8", ElemKind::I64, 8},
    {"<f4", ElemKind::F32, 4},
};
} // namespace

/// The value of `key` in the header dict, e.g. 'descr': '<f4'.
static std::optional<llvm::StringRef> headerField(llvm::StringRef header,
                                                  llvm::StringRef key) {
  size_t at = header.find(("'" + key + "'").str());
  if (at == llvm::StringRef::npos)
    return std::nullopt;
  llvm::StringRef rest = header.drop_front(at + key.size() + 2).ltrim(" :");
  if (rest.starts_with("(")) {
    size_t close = rest.find(')');
    if (close == llvm::StringRef::npos)
      return std::nullopt;
    return rest.slice(1, close);
  }
  if (rest.starts_with("'")) {
    size_t close = rest.find('\'', 1);
    if (close == llvm::StringRef::npos)
      return std::nullopt;
    return rest.slice(1, close);
  }
  return rest.take_until([](char c) { return c == ',' || c == '}'; }).trim();
}

llvm::Expected<HostTensor> npc::readNpy(llvm::StringRef path) {
  auto buf = readInputFile(path);
  if (!buf)
    return buf.takeError();
  return parseNpy((*buf)->getBuffer(), path);
}

llvm::Expected<HostTensor> npc::parseNpy(llvm::StringRef data, llvm::StringRef path) {
  auto bad = [&](const std::string &why) {
    return createStringError(std::errc::invalid_argument, "'%s' is not a valid .npy file: %s",
                             path.str().c_str(), why.c_str());
  };
  if (data.size() < 10 || !data.starts_with("\x93NUMPY"))
    return bad("missing the \\x93NUMPY magic");
  uint8_t major = data[6];
  size_t headerLen, headerStart;
  if (major == 1) {
    headerLen = uint8_t(data[8]) | (uint8_t(data[9]) << 8);
    headerStart = 10;
  } else if (major == 2 || major == 3) {
    if (data.size() < 12)
      return bad("truncated header");
    headerLen = uint32_t(uint8_t(data[8])) | (uint32_t(uint8_t(data[9])) << 8) |
                (uint32_t(uint8_t(data[10])) << 16) | (uint32_t(uint8_t(data[11])) << 24);
    headerStart = 12;
  } else {
    return bad("unsupported format version " + std::to_string(major));
  }
  if (headerStart + headerLen > data.size())
    return bad("truncated header");
  llvm::StringRef header = data.substr(headerStart, headerLen);
  auto descr = headerField(header, "descr");
  auto order = headerField(header, "fortran_order");
  auto shape = headerField(header, "shape");
  if (!descr || !order || !shape)
    return bad("header lacks descr, fortran_order or shape");
  if (*order != "False")
    return bad("Fortran-ordered arrays are not supported; use np.ascontiguousarray");
  const DescrInfo *info = nullptr;
  for (const auto &d : kDescrs)
    if (*descr == d.descr || (d.bytes == 1 && descr->drop_front() == llvm::StringRef(d.descr).drop_front()))
      info = &d;
  if (!info)
    return bad("unsupported dtype '" + descr->str() +
               "' (supported: uint8, int8, uint16, int16, int32, int64, float32)");
  HostTensor t;
  t.kind = info->kind == ElemKind::I64 ? ElemKind::I64 : info->kind;
  llvm::SmallVector<llvm::StringRef> dims;
  shape->split(dims, ',', -1, /*KeepEmpty=*/false);
  int64_t elems = 1;
  for (llvm::StringRef d : dims) {
    d = d.trim();
    if (d.empty())
      continue;
    int64_t v;
    if (d.getAsInteger(10, v) || v < 0)
      return bad("bad shape entry '" + d.str() + "'");
    // Bounded before they multiply (the payload check below then compares
    // the count with the file's bytes).
    if (v > 0 && elems > (int64_t(1) << 40) / v)
      return bad("shape claims more than 2^40 elements");
    elems *= v;
    t.shape.push_back(v);
  }
  int64_t n = t.numElements();
  size_t payload = headerStart + headerLen;
  if (data.size() - payload != size_t(n) * info->bytes)
    return bad("payload holds " + std::to_string(data.size() - payload) +
               " bytes, shape " + t.shapeString() + " needs " +
               std::to_string(size_t(n) * info->bytes));
  const char *p = data.data() + payload;
  if (info->kind == ElemKind::F32) {
    t.floats.resize(n);
    if (n) // memcpy's pointers must be valid even for 0 bytes
      std::memcpy(t.floats.data(), p, n * 4);
    return t;
  }
  t.ints.resize(n);
  for (int64_t i = 0; i < n; ++i) {
    const char *e = p + i * info->bytes;
    switch (info->kind) {
    case ElemKind::U8: t.ints[i] = uint8_t(*e); break;
    case ElemKind::I8: t.ints[i] = int8_t(*e); break;
    case ElemKind::U16: { uint16_t v; std::memcpy(&v, e, 2); t.ints[i] = v; break; }
    case ElemKind::I16: { int16_t v; std::memcpy(&v, e, 2); t.ints[i] = v; break; }
    case ElemKind::I32: { int32_t v; std::memcpy(&v, e, 4); t.ints[i] = v; break; }
    case ElemKind::I64: {
      int64_t v;
      std::memcpy(&v, e, 8);
      if (v < INT32_MIN || v > INT32_MAX)
        return bad("int64 value " + std::to_string(v) + " does not fit in int32");
      t.ints[i] = int32_t(v);
      break;
    }
    case ElemKind::F32: break;
    }
  }
  return t;
}

llvm::Error npc::writeNpy(llvm::StringRef path, const HostTensor &t) {
  const DescrInfo *info = nullptr;
  for (const auto &d : kDescrs)
    if (d.kind == t.kind)
      info = &d;
  std::string shape = "(";
  for (int64_t d : t.shape)
    shape += std::to_string(d) + ", ";
  if (t.shape.size() > 1)
    shape.resize(shape.size() - 2);
  else if (t.shape.size() == 1)
    shape.resize(shape.size() - 1);
  shape += ")";
  std::string header = std::string("{'descr': '") + info->descr +
                       "', 'fortran_order': False, 'shape': " + shape + ", }";
  // Pad so that the payload starts on a 64-byte boundary, newline-terminated.
  size_t total = 10 + header.size() + 1;
  header.append((64 - total % 64) % 64, ' ');
  header += '\n';
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec, llvm::sys::fs::OF_None);
  if (ec)
    return createStringError(ec, "cannot write '%s': %s", path.str().c_str(),
                             ec.message().c_str());
  os << "\x93NUMPY" << char(1) << char(0) << char(header.size() & 0xff)
     << char(header.size() >> 8) << header;
  int64_t n = t.numElements();
  for (int64_t i = 0; i < n; ++i) {
    char b[8];
    switch (t.kind) {
    case ElemKind::F32: std::memcpy(b, &t.floats[i], 4); break;
    case ElemKind::U8: case ElemKind::I8: b[0] = char(t.ints[i]); break;
    case ElemKind::U16: case ElemKind::I16: { int16_t v = int16_t(t.ints[i]); std::memcpy(b, &v, 2); break; }
    case ElemKind::I32: std::memcpy(b, &t.ints[i], 4); break;
    case ElemKind::I64: { int64_t v = t.ints[i]; std::memcpy(b, &v, 8); break; }
    }
    os.write(b, info->bytes);
  }
  os.close();
  if (os.has_error()) {
    std::error_code err = os.error();
    os.clear_error(); // else the stream's destructor aborts ("IO failure")
    return createStringError(err, "cannot write '%s': %s", path.str().c_str(),
                             err.message().c_str());
  }
  return llvm::Error::success();
}
