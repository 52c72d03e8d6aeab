//===- NpyTest.cpp - .npy reading and writing -----------------------------===//
#include "npc/Runtime/HostTensor.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <unistd.h>

using namespace npc;

namespace {

std::string tempPath(const char *name) {
  llvm::SmallString<128> p;
  llvm::sys::fs::createTemporaryFile(name, "npy", p);
  return std::string(p);
}

TEST(Npy, RoundTripsEveryKind) {
  for (ElemKind k : {ElemKind::U8, ElemKind::I8, ElemKind::U16, ElemKind::I16,
                     ElemKind::I32, ElemKind::I64, ElemKind::F32}) {
    HostTensor t;
    t.kind = k;
    t.shape = {2, 3};
    if (k == ElemKind::F32)
      t.floats = {0.5f, -1.25f, 3.f, 1e-8f, -0.f, 7.f};
    else if (k == ElemKind::U8 || k == ElemKind::U16)
      t.ints = {0, 1, 127, 128, 200, 255};
    else
      t.ints = {0, -1, 127, -128, 100, -7};
    std::string p = tempPath("rt");
    ASSERT_FALSE(bool(writeNpy(p, t)));
    auto back = readNpy(p);
    ASSERT_TRUE(bool(back)) << llvm::toString(back.takeError());
    EXPECT_EQ(back->kind, k);
    EXPECT_EQ(back->shape, t.shape);
    EXPECT_EQ(back->ints, t.ints);
    EXPECT_EQ(back->floats, t.floats);
    llvm::sys::fs::remove(p);
  }
}

TEST(Npy, RejectsTruncatedPayload) {
  HostTensor t;
  t.kind = ElemKind::I32;
  t.shape = {4};
  t.ints = {1, 2, 3, 4};
  std::string p = tempPath("trunc");
  ASSERT_FALSE(bool(writeNpy(p, t)));
  ASSERT_EQ(::truncate(p.c_str(), 128 + 16 - 3), 0); // header is 128 bytes
  auto back = readNpy(p);
  ASSERT_FALSE(bool(back));
  EXPECT_NE(llvm::toString(back.takeError()).find("payload holds 13 bytes, shape 4 needs 16"),
            std::string::npos);
  llvm::sys::fs::remove(p);
}

TEST(Npy, RejectsGarbage) {
  std::string p = tempPath("garbage");
  {
    std::error_code ec;
    llvm::raw_fd_ostream os(p, ec);
    os << "hello";
  }
  auto back = readNpy(p);
  ASSERT_FALSE(bool(back));
  EXPECT_NE(llvm::toString(back.takeError()).find("missing the \\x93NUMPY magic"),
            std::string::npos);
  llvm::sys::fs::remove(p);
}

} // namespace

// Found by fuzz/FuzzNpy.cpp: a valid float array of zero elements copied
// through a null pointer. It parses to an empty tensor.
TEST(Npy, ZeroElementFloatArray) {
  std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (342, 0), }";
  header.append(63 - (10 + header.size()) % 64, ' ');
  header += '\n';
  std::string file = std::string("\x93NUMPY\x01\x00", 8) + char(header.size() & 0xff) +
                     char(header.size() >> 8) + header;
  auto t = npc::parseNpy(file, "zero.npy");
  ASSERT_TRUE(bool(t)) << llvm::toString(t.takeError());
  EXPECT_EQ(t->numElements(), 0);
  EXPECT_EQ(t->shape, (std::vector<int64_t>{342, 0}));
}

// A shape whose element count would overflow before the payload check.
TEST(Npy, ShapeLargerThanTheFile) {
  std::string header =
      "{'descr': '|u1', 'fortran_order': False, 'shape': (4294967296, 4294967296, 4294967296), }";
  header.append(63 - (10 + header.size()) % 64, ' ');
  header += '\n';
  std::string file = std::string("\x93NUMPY\x01\x00", 8) + char(header.size() & 0xff) +
                     char(header.size() >> 8) + header;
  auto t = npc::parseNpy(file, "huge.npy");
  ASSERT_FALSE(bool(t));
  EXPECT_NE(llvm::toString(t.takeError()).find("shape claims more than 2^40 elements"),
            std::string::npos);
}
