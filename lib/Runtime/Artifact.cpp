//===- Artifact.cpp - the compiled-model container ------------------------===//
//
// Layout (docs/artifact.md): a 32-byte header, a table of 32-byte section
// entries, then 8-byte aligned payloads. All integers are little-endian.
//
//===----------------------------------------------------------------------===//
#include "npc/Runtime/Artifact.h"
#include "npc/Runtime/InputFile.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CRC.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <cstring>
#include <map>

using namespace npc;
using namespace llvm::support::endian;
using llvm::formatv;

namespace {
constexpr char kMagic[8] = {'N', 'P', 'C', 'A', 'R', 'T', 'F', '\0'};
constexpr uint64_t kHeaderBytes = 32;
constexpr uint64_t kEntryBytes = 32;
// Far above any chip (1024 x 1024 cores would need 2M): the bound only stops
// a corrupt count from making the loader allocate a huge table.
constexpr uint64_t kMaxSections = 1000000;

enum SectionKind : uint32_t { kManifest = 1, kHost = 2, kProgram = 3, kMemory = 4 };

struct Section {
  uint32_t kind = 0;
  int32_t x = 0, y = 0;
  uint32_t reserved = 0;
  uint64_t offset = 0, size = 0;
};
} // namespace

static llvm::Error fail(const llvm::Twine &msg) {
  return llvm::createStringError(llvm::Twine("artifact: ") + msg);
}

/// "section 3 (core 2,1 program)".
static std::string describe(size_t index, const Section &s) {
  std::string what;
  switch (s.kind) {
  case kManifest: what = "manifest"; break;
  case kHost: what = "host"; break;
  case kProgram: what = formatv("core {0},{1} program", s.x, s.y); break;
  case kMemory: what = formatv("core {0},{1} memory", s.x, s.y); break;
  default: what = formatv("kind {0}", s.kind); break;
  }
  return formatv("section {0} ({1})", index, what);
}

/// "section 3 (core 2,1 program) [offset 100, size 5000]".
static std::string describeSpan(size_t index, const Section &s) {
  return formatv("{0} [offset {1}, size {2}]", describe(index, s), s.offset, s.size);
}

/// Writes the artifact's bytes to `sink`, in order, in pieces: its header
/// and section table, then each section (8-byte aligned, zero padding). The
/// CRC is worked out first over the same pieces, so that no copy of the
/// whole file is needed (ResNet-50's is 80 MB: writing it from one buffer
/// was a fifth of the compile's memory peak).
static void emitArtifact(const Artifact &a,
                         llvm::function_ref<void(llvm::ArrayRef<uint8_t>)> sink) {
  std::vector<std::pair<Section, llvm::ArrayRef<uint8_t>>> parts;
  parts.push_back({Section{kManifest}, llvm::arrayRefFromStringRef(a.manifest)});
  parts.push_back({Section{kHost}, a.host});
  for (const CoreImage &c : a.cores) {
    parts.push_back({Section{kProgram, c.x, c.y}, c.program});
    parts.push_back({Section{kMemory, c.x, c.y}, c.memory});
  }
  uint64_t end = kHeaderBytes + parts.size() * kEntryBytes;
  for (auto &part : parts) {
    part.first.offset = end;
    part.first.size = part.second.size();
    end = llvm::alignTo(end + part.first.size, 8);
  }
  // Header and table; padding and reserved fields stay 0.
  std::vector<uint8_t> head(kHeaderBytes + parts.size() * kEntryBytes, 0);
  std::memcpy(head.data(), kMagic, sizeof(kMagic));
  write32le(&head[8], Artifact::kVersion);
  write32le(&head[12], uint32_t(parts.size()));
  write64le(&head[16], end);
  for (size_t i = 0; i < parts.size(); ++i) {
    const Section &s = parts[i].first;
    uint8_t *entry = &head[kHeaderBytes + i * kEntryBytes];
    write32le(entry, s.kind);
    write32le(entry + 4, uint32_t(s.x));
    write32le(entry + 8, uint32_t(s.y));
    write64le(entry + 16, s.offset);
    write64le(entry + 24, s.size);
  }
  static const uint8_t zeros[8] = {};
  // Everything after the header, piece by piece: the table, then each
  // section and its padding.
  auto eachPiece = [&](llvm::function_ref<void(llvm::ArrayRef<uint8_t>)> f) {
    uint64_t at = head.size();
    for (auto &[section, bytes] : parts) {
      f(llvm::ArrayRef<uint8_t>(zeros, section.offset - at));
      f(bytes);
      at = section.offset + section.size;
    }
    f(llvm::ArrayRef<uint8_t>(zeros, end - at));
  };
  uint32_t crc = llvm::crc32(llvm::ArrayRef<uint8_t>(head).drop_front(kHeaderBytes));
  // (Empty pieces skipped: zlib's crc32 given no bytes at a null pointer
  // returns its initial value, 0, whatever the running CRC.)
  eachPiece([&](llvm::ArrayRef<uint8_t> piece) {
    if (!piece.empty())
      crc = llvm::crc32(crc, piece);
  });
  write32le(&head[24], crc);
  sink(head);
  eachPiece([&](llvm::ArrayRef<uint8_t> piece) {
    if (!piece.empty())
      sink(piece);
  });
}

std::vector<uint8_t> npc::serializeArtifact(const Artifact &a) {
  std::vector<uint8_t> out;
  emitArtifact(a, [&](llvm::ArrayRef<uint8_t> piece) {
    out.insert(out.end(), piece.begin(), piece.end());
  });
  return out;
}

llvm::Expected<Artifact> npc::parseArtifact(llvm::ArrayRef<uint8_t> bytes) {
  const uint64_t fileBytes = bytes.size();
  const uint8_t *p = bytes.data();

  // Header. The magic is compared on whatever prefix exists, so that a short
  // file of something else reads as "bad magic" rather than "truncated".
  if (fileBytes && std::memcmp(p, kMagic, std::min<uint64_t>(fileBytes, sizeof(kMagic))))
    return fail("bad magic: this is not an npc artifact");
  if (fileBytes < kHeaderBytes)
    return fail(formatv("truncated: file has {0} bytes, the header alone needs {1}", fileBytes,
                        kHeaderBytes));
  uint32_t version = read32le(p + 8);
  if (version != Artifact::kVersion)
    return fail(formatv("version {0} is not supported (this npc reads version {1})", version,
                        Artifact::kVersion));
  uint64_t total = read64le(p + 16);
  if (total > fileBytes)
    return fail(formatv("truncated: header says {0} bytes, file has {1}", total, fileBytes));
  if (total < fileBytes)
    return fail(formatv("header says {0} bytes, file has {1} (trailing data)", total, fileBytes));
  if (uint32_t reserved = read32le(p + 28))
    return fail(formatv("header reserved field is {0}, must be 0", reserved));
  uint64_t count = read32le(p + 12);
  if (count > kMaxSections)
    return fail(formatv("section count {0} exceeds the limit of {1}", count, kMaxSections));
  const uint64_t tableEnd = kHeaderBytes + count * kEntryBytes;
  if (tableEnd > fileBytes)
    return fail(formatv("section table ({0} entries, ending at byte {1}) does not fit in the "
                        "file ({2} bytes)",
                        count, tableEnd, fileBytes));
  uint32_t storedCrc = read32le(p + 24);
  uint32_t crc = llvm::crc32(bytes.drop_front(kHeaderBytes));
  if (crc != storedCrc)
    return fail(formatv("checksum mismatch: header says {0:x8}, contents hash to {1:x8} (the "
                        "file is corrupt)",
                        storedCrc, crc));

  // Section table: each entry on its own.
  std::vector<Section> sections(count);
  for (uint64_t i = 0; i < count; ++i) {
    const uint8_t *entry = p + kHeaderBytes + i * kEntryBytes;
    Section &s = sections[i];
    s.kind = read32le(entry);
    s.x = int32_t(read32le(entry + 4));
    s.y = int32_t(read32le(entry + 8));
    s.reserved = read32le(entry + 12);
    s.offset = read64le(entry + 16);
    s.size = read64le(entry + 24);
    if (s.kind < kManifest || s.kind > kMemory)
      return fail(formatv("section {0} has unknown kind {1}", i, s.kind));
    if (s.reserved)
      return fail(formatv("{0} has reserved field {1}, must be 0", describe(i, s), s.reserved));
    // Written so that offset + size cannot overflow.
    if (s.size > fileBytes || s.offset > fileBytes - s.size)
      return fail(formatv("{0} lies outside the file ({1} bytes)", describeSpan(i, s), fileBytes));
    if (s.offset < tableEnd)
      return fail(formatv("{0} overlaps the header or section table (bytes 0 to {1})",
                          describeSpan(i, s), tableEnd));
    if (s.offset % 8)
      return fail(formatv("{0} is not 8-byte aligned", describeSpan(i, s)));
    if ((s.kind == kProgram || s.kind == kMemory) && (s.x < 0 || s.y < 0))
      return fail(formatv("{0} has a negative coordinate", describe(i, s)));
    if (s.kind == kMemory && s.size > kMaxCoreMemoryImageBytes)
      return fail(formatv("{0} exceeds the 1 GiB limit of a core memory image",
                          describeSpan(i, s)));
  }

  // No two payloads may share a byte: an aliasing writer bug would otherwise
  // load silently. Empty sections own no bytes.
  std::vector<size_t> order;
  for (size_t i = 0; i < count; ++i)
    if (sections[i].size)
      order.push_back(i);
  llvm::sort(order, [&](size_t l, size_t r) {
    return std::make_pair(sections[l].offset, l) < std::make_pair(sections[r].offset, r);
  });
  for (size_t k = 1; k < order.size(); ++k) {
    const Section &prev = sections[order[k - 1]], &cur = sections[order[k]];
    if (prev.offset + prev.size > cur.offset)
      return fail(formatv("{0} overlaps {1}", describeSpan(order[k], cur),
                          describeSpan(order[k - 1], prev)));
  }

  // Assemble, checking the counts per kind and per core.
  Artifact a;
  int64_t manifestSection = -1, hostSection = -1;
  struct CoreSections {
    int64_t program = -1, memory = -1;
  };
  std::vector<CoreSections> coreSections;
  std::map<std::pair<int32_t, int32_t>, size_t> coreIndex;
  for (size_t i = 0; i < count; ++i) {
    const Section &s = sections[i];
    llvm::ArrayRef<uint8_t> payload = bytes.slice(s.offset, s.size);
    if (s.kind == kManifest) {
      if (manifestSection >= 0)
        return fail(formatv("sections {0} and {1} are both manifests; exactly one is allowed",
                            manifestSection, i));
      manifestSection = i;
      a.manifest.assign(payload.begin(), payload.end());
      continue;
    }
    if (s.kind == kHost) {
      if (hostSection >= 0)
        return fail(formatv("sections {0} and {1} are both host sections; at most one is allowed",
                            hostSection, i));
      hostSection = i;
      a.host.assign(payload.begin(), payload.end());
      continue;
    }
    auto [it, inserted] = coreIndex.try_emplace({s.x, s.y}, a.cores.size());
    if (inserted) {
      a.cores.emplace_back();
      a.cores.back().x = s.x;
      a.cores.back().y = s.y;
      coreSections.emplace_back();
    }
    bool isProgram = s.kind == kProgram;
    int64_t &seen = isProgram ? coreSections[it->second].program : coreSections[it->second].memory;
    if (seen >= 0)
      return fail(formatv("duplicate core {0},{1}: sections {2} and {3} are both its {4}", s.x,
                          s.y, seen, i, isProgram ? "program" : "memory"));
    seen = i;
    CoreImage &core = a.cores[it->second];
    (isProgram ? core.program : core.memory).assign(payload.begin(), payload.end());
  }
  if (manifestSection < 0)
    return fail("no manifest section");
  for (size_t c = 0; c < a.cores.size(); ++c) {
    const CoreSections &cs = coreSections[c];
    if (cs.program < 0 || cs.memory < 0)
      return fail(formatv("core {0},{1} has a {2} section (section {3}) but no {4} section",
                          a.cores[c].x, a.cores[c].y, cs.program < 0 ? "memory" : "program",
                          cs.program < 0 ? cs.memory : cs.program,
                          cs.program < 0 ? "program" : "memory"));
  }
  return a;
}

llvm::Error npc::writeArtifactFile(llvm::StringRef path, const Artifact &a) {
  // Written beside the target and renamed over it, so that a failed write
  // leaves no half artifact. (llvm::writeToOutput would abort the process
  // on a failed write, e.g. a full disk, instead of returning the error.)
  auto fail = [&](std::error_code ec) {
    return llvm::createStringError(ec, "cannot write '%s': %s", path.str().c_str(),
                                   ec.message().c_str());
  };
  bool toStdout = path == "-";
  std::string temp = toStdout ? path.str() : (path + ".tmp-npc").str();
  std::error_code ec;
  {
    llvm::raw_fd_ostream os(temp, ec, llvm::sys::fs::OF_None);
    if (ec)
      return fail(ec);
    emitArtifact(a, [&](llvm::ArrayRef<uint8_t> piece) {
      os.write(reinterpret_cast<const char *>(piece.data()), piece.size());
    });
    if (!toStdout)
      os.close();
    else
      os.flush();
    if (os.has_error()) {
      ec = os.error();
      os.clear_error();
    }
  }
  if (!ec && !toStdout)
    ec = llvm::sys::fs::rename(temp, path);
  if (ec) {
    if (!toStdout)
      llvm::sys::fs::remove(temp);
    return fail(ec);
  }
  return llvm::Error::success();
}

llvm::Expected<Artifact> npc::readArtifactFile(llvm::StringRef path) {
  auto buf = readInputFile(path);
  if (!buf)
    return buf.takeError();
  llvm::Expected<Artifact> a = parseArtifact(llvm::arrayRefFromStringRef((*buf)->getBuffer()));
  if (!a)
    return llvm::createStringError(path + ": " + llvm::toString(a.takeError()));
  return a;
}
