//===- ArtifactTest.cpp - artifact container round trip and rejections ----===//
#include "npc/Runtime/Artifact.h"

#include "llvm/Support/CRC.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/FileSystem.h"

#include <gtest/gtest.h>

using namespace npc;
using namespace llvm::support::endian;

namespace {

// Byte positions from docs/artifact.md.
constexpr size_t kHeaderBytes = 32, kEntryBytes = 32;
size_t entryAt(size_t section) { return kHeaderBytes + section * kEntryBytes; }

Artifact sampleArtifact() {
  Artifact a;
  a.manifest = R"({"inputs": ["x"], "outputs": ["y"]})";
  a.host = {1, 2, 3};
  CoreImage c0;
  c0.x = 0;
  c0.y = 0;
  c0.program = {0x10, 0x20, 0x30, 0x40, 0x50};
  c0.memory = {9, 8, 7, 6, 5, 4, 3, 2, 1};
  CoreImage c1;
  c1.x = 2;
  c1.y = 1;
  c1.program = {0xaa};
  c1.memory = {}; // a core without parameters
  a.cores = {c0, c1};
  return a;
}

std::string errorOf(llvm::Expected<Artifact> r) {
  if (r) {
    ADD_FAILURE() << "expected the artifact to be rejected";
    return "";
  }
  return llvm::toString(r.takeError());
}

/// After editing the section table: re-seal, so that the structural check and
/// not the checksum is what fails.
void refreshCrc(std::vector<uint8_t> &bytes) {
  write32le(&bytes[24], llvm::crc32(llvm::ArrayRef<uint8_t>(bytes).drop_front(kHeaderBytes)));
}

#define EXPECT_CONTAINS(text, sub)                                                     \
  do {                                                                                 \
    std::string t_ = (text);                                                           \
    EXPECT_NE(t_.find(sub), std::string::npos) << "message: " << t_;                   \
  } while (0)

void expectSame(const Artifact &got, const Artifact &want) {
  EXPECT_EQ(got.manifest, want.manifest);
  EXPECT_EQ(got.host, want.host);
  ASSERT_EQ(got.cores.size(), want.cores.size());
  for (size_t i = 0; i < want.cores.size(); ++i) {
    EXPECT_EQ(got.cores[i].x, want.cores[i].x);
    EXPECT_EQ(got.cores[i].y, want.cores[i].y);
    EXPECT_EQ(got.cores[i].program, want.cores[i].program);
    EXPECT_EQ(got.cores[i].memory, want.cores[i].memory);
  }
}

TEST(Artifact, RoundTrip) {
  Artifact a = sampleArtifact();
  std::vector<uint8_t> bytes = serializeArtifact(a);
  // 32 header + 6 x 32 table, then payloads at 8-byte boundaries.
  EXPECT_EQ(read64le(&bytes[16]), bytes.size());
  EXPECT_EQ(read32le(&bytes[12]), 6u);
  EXPECT_EQ(read64le(&bytes[entryAt(0) + 16]), 224u);
  EXPECT_EQ(bytes.size() % 8, 0u);
  auto back = parseArtifact(bytes);
  ASSERT_TRUE(bool(back)) << llvm::toString(back.takeError());
  expectSame(*back, a);
  // Deterministic: the same input gives the same bytes.
  EXPECT_EQ(serializeArtifact(*back), bytes);
}

TEST(Artifact, FileRoundTrip) {
  llvm::SmallString<128> path;
  ASSERT_FALSE(llvm::sys::fs::createTemporaryFile("artifact", "npc", path));
  Artifact a = sampleArtifact();
  ASSERT_FALSE(bool(writeArtifactFile(path, a)));
  auto back = readArtifactFile(path);
  ASSERT_TRUE(bool(back)) << llvm::toString(back.takeError());
  expectSame(*back, a);
  llvm::sys::fs::remove(path);
  EXPECT_CONTAINS(errorOf(readArtifactFile(path)), "cannot read '" + std::string(path) + "'");
}

TEST(Artifact, EmptyArtifact) {
  Artifact a;
  auto back = parseArtifact(serializeArtifact(a));
  ASSERT_TRUE(bool(back)) << llvm::toString(back.takeError());
  expectSame(*back, a);
}

TEST(Artifact, EveryTruncationFails) {
  std::vector<uint8_t> bytes = serializeArtifact(sampleArtifact());
  for (size_t n = 0; n < bytes.size(); ++n) {
    std::string err = errorOf(parseArtifact(llvm::ArrayRef<uint8_t>(bytes).take_front(n)));
    EXPECT_CONTAINS(err, "artifact: truncated");
  }
  EXPECT_CONTAINS(errorOf(parseArtifact(llvm::ArrayRef<uint8_t>(bytes).take_front(100))),
                  "artifact: truncated: header says " + std::to_string(bytes.size()) +
                      " bytes, file has 100");
  std::vector<uint8_t> longer = bytes;
  longer.push_back(0);
  EXPECT_CONTAINS(errorOf(parseArtifact(longer)), "(trailing data)");
}

TEST(Artifact, FlippedPayloadByteFailsChecksum) {
  std::vector<uint8_t> bytes = serializeArtifact(sampleArtifact());
  bytes[read64le(&bytes[entryAt(2) + 16]) + 1] ^= 0x04; // core 0,0 program
  EXPECT_CONTAINS(errorOf(parseArtifact(bytes)), "artifact: checksum mismatch");
}

TEST(Artifact, BadMagic) {
  std::vector<uint8_t> bytes = serializeArtifact(sampleArtifact());
  bytes[3] = 'X';
  EXPECT_CONTAINS(errorOf(parseArtifact(bytes)), "artifact: bad magic");
  const uint8_t text[] = {'{', '"', 'a'};
  EXPECT_CONTAINS(errorOf(parseArtifact(text)), "artifact: bad magic");
}

TEST(Artifact, FutureVersion) {
  std::vector<uint8_t> bytes = serializeArtifact(sampleArtifact());
  write32le(&bytes[8], 2);
  EXPECT_CONTAINS(errorOf(parseArtifact(bytes)),
                  "artifact: version 2 is not supported (this npc reads version 1)");
}

TEST(Artifact, SectionOutsideTheFile) {
  std::vector<uint8_t> bytes = serializeArtifact(sampleArtifact());
  uint64_t offset = bytes.size() + 8;
  write64le(&bytes[entryAt(4) + 16], offset); // core 2,1 program, 1 byte
  refreshCrc(bytes);
  EXPECT_CONTAINS(errorOf(parseArtifact(bytes)),
                  "artifact: section 4 (core 2,1 program) [offset " + std::to_string(offset) +
                      ", size 1] lies outside the file (" + std::to_string(bytes.size()) +
                      " bytes)");
  // offset + size wrapping around 2^64 must not sneak past the check.
  bytes = serializeArtifact(sampleArtifact());
  write64le(&bytes[entryAt(2) + 24], ~uint64_t(0) - 100);
  refreshCrc(bytes);
  EXPECT_CONTAINS(errorOf(parseArtifact(bytes)), "lies outside the file");
}

TEST(Artifact, OverlappingSections) {
  std::vector<uint8_t> bytes = serializeArtifact(sampleArtifact());
  write64le(&bytes[entryAt(3) + 16], read64le(&bytes[entryAt(2) + 16])); // memory onto program
  refreshCrc(bytes);
  EXPECT_CONTAINS(errorOf(parseArtifact(bytes)),
                  "artifact: section 3 (core 0,0 memory) [offset");
  EXPECT_CONTAINS(errorOf(parseArtifact(bytes)), "overlaps section 2 (core 0,0 program)");

  bytes = serializeArtifact(sampleArtifact());
  write64le(&bytes[entryAt(0) + 16], 64); // manifest inside the table
  refreshCrc(bytes);
  EXPECT_CONTAINS(errorOf(parseArtifact(bytes)), "overlaps the header or section table");
}

TEST(Artifact, DuplicateCore) {
  Artifact a = sampleArtifact();
  a.cores[1].x = 0;
  a.cores[1].y = 0;
  EXPECT_CONTAINS(errorOf(parseArtifact(serializeArtifact(a))),
                  "artifact: duplicate core 0,0: sections 2 and 4 are both its program");
}

TEST(Artifact, StructuralRejections) {
  Artifact a = sampleArtifact();
  a.cores[0].x = -1;
  EXPECT_CONTAINS(errorOf(parseArtifact(serializeArtifact(a))),
                  "artifact: section 2 (core -1,0 program) has a negative coordinate");

  // Move core 2,1's memory to 7,1: both cores are now unpaired.
  std::vector<uint8_t> bytes = serializeArtifact(sampleArtifact());
  write32le(&bytes[entryAt(5) + 4], 7);
  refreshCrc(bytes);
  EXPECT_CONTAINS(errorOf(parseArtifact(bytes)),
                  "artifact: core 2,1 has a program section (section 4) but no memory section");

  bytes = serializeArtifact(sampleArtifact());
  write32le(&bytes[entryAt(1)], 1); // host -> a second manifest
  refreshCrc(bytes);
  EXPECT_CONTAINS(errorOf(parseArtifact(bytes)),
                  "artifact: sections 0 and 1 are both manifests; exactly one is allowed");

  bytes = serializeArtifact(sampleArtifact());
  write32le(&bytes[entryAt(0)], 2); // manifest -> a second host
  refreshCrc(bytes);
  EXPECT_CONTAINS(errorOf(parseArtifact(bytes)), "both host sections");

  bytes = serializeArtifact(sampleArtifact());
  write32le(&bytes[entryAt(1)], 9);
  refreshCrc(bytes);
  EXPECT_CONTAINS(errorOf(parseArtifact(bytes)), "artifact: section 1 has unknown kind 9");

  bytes = serializeArtifact(sampleArtifact());
  write32le(&bytes[12], 2000000);
  EXPECT_CONTAINS(errorOf(parseArtifact(bytes)),
                  "artifact: section count 2000000 exceeds the limit of 1000000");
  write32le(&bytes[12], 100);
  EXPECT_CONTAINS(errorOf(parseArtifact(bytes)), "does not fit in the file");
}

TEST(Artifact, MissingManifest) {
  // Hand-built: one host section only.
  std::vector<uint8_t> bytes(kHeaderBytes + kEntryBytes, 0);
  const char magic[8] = {'N', 'P', 'C', 'A', 'R', 'T', 'F', '\0'};
  std::copy(magic, magic + 8, bytes.begin());
  write32le(&bytes[8], 1);
  write32le(&bytes[12], 1);
  write64le(&bytes[16], bytes.size());
  write32le(&bytes[entryAt(0)], 2);
  write64le(&bytes[entryAt(0) + 16], bytes.size());
  refreshCrc(bytes);
  EXPECT_CONTAINS(errorOf(parseArtifact(bytes)), "artifact: no manifest section");
}

} // namespace
