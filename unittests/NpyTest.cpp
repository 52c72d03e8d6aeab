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
