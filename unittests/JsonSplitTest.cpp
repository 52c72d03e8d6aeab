//===- JsonSplitTest.cpp - JSON split into parts, manifests read by parts -===//
#include "npc/Runtime/InputFile.h"
#include "npc/Runtime/Manifest.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"

#include <gtest/gtest.h>

using namespace npc;

namespace {

std::vector<std::string> parts(llvm::StringRef json) {
  auto p = splitJson(json);
  if (!p)
    return {"<none>"};
  return std::vector<std::string>(p->begin(), p->end());
}

TEST(SplitJson, ArraysAndObjects) {
  using V = std::vector<std::string>;
  EXPECT_EQ(parts("[]"), V{});
  EXPECT_EQ(parts(" [ ] "), V{});
  EXPECT_EQ(parts("[1]"), V{"1"});
  EXPECT_EQ(parts("[1, [2, 3], {\"a\": [4]}]"), (V{"1", "[2, 3]", "{\"a\": [4]}"}));
  // Brackets, commas, colons and escaped quotes inside strings are text.
  EXPECT_EQ(parts(R"(["a,]", "b\"],[", "\\"])"), (V{R"("a,]")", R"("b\"],[")", R"("\\")"}));
  EXPECT_EQ(parts(R"({"k": 1, "l,": {"m": [1, 2]}})"),
            (V{R"("k": 1)", R"("l,": {"m": [1, 2]})"}));
  // An empty element is kept: json::parse then rejects it.
  EXPECT_EQ(parts("[1,]"), (V{"1", ""}));
}

TEST(SplitJson, Members) {
  auto kv = splitJsonMember(R"("a:\"b" : {"c": 1})");
  ASSERT_TRUE(kv.has_value());
  EXPECT_EQ(kv->first, R"("a:\"b")");
  EXPECT_EQ(kv->second, R"({"c": 1})");
  EXPECT_FALSE(splitJsonMember(R"("no colon")").has_value());
  EXPECT_FALSE(splitJsonMember(R"({"a": 1})").has_value()); // only inside brackets
}

TEST(SplitJson, Unbalanced) {
  for (const char *bad : {"", "1", "[", "[1", "[1]]", "[1] [2]", "{\"a\": 1", "[\"]", "[1}",
                          "[1]x", "{]",
                          // text after the end, a string hiding a bracket
                          "{\"a\":1}\"}", "[]\"]", "[1] \"x]",
                          // \v and \f are not JSON whitespace
                          "\v[1]", "[1]\f"})
    EXPECT_FALSE(splitJson(bad).has_value()) << bad;
}

TEST(CheckJsonDepth, Limit) {
  std::string deep = std::string(256, '[') + std::string(256, ']');
  EXPECT_FALSE(bool(checkJsonDepth(deep)));
  std::string deeper = "[" + deep + "]";
  llvm::Error err = checkJsonDepth(deeper);
  ASSERT_TRUE(bool(err));
  EXPECT_EQ(llvm::toString(std::move(err)), "JSON nests deeper than 256 levels");
  // Brackets in strings do not count.
  EXPECT_FALSE(bool(checkJsonDepth("[\"" + std::string(1000, '[') + "\"]")));
}

Manifest sampleManifest() {
  Manifest m;
  ManifestTensor t;
  t.shape = {1, 4};
  t.kind = ElemKind::U8;
  t.constant = {1, 2, 3, 4};
  m.tensors = {t, t};
  HostBoundary b;
  b.name = "x \"quoted\", [bracketed]";
  b.hostKind = ElemKind::U8;
  b.shape = {1, 4};
  b.tensor = 0;
  m.inputs = {b};
  b.name = "y";
  b.tensor = 1;
  m.outputs = {b};
  m.report["summary"] = llvm::json::Object{{"layers", 0}};
  return m;
}

TEST(ParseManifest, ReadByPartsRoundTrip) {
  std::string text = manifestToJson(sampleManifest());
  auto m = parseManifest(text);
  ASSERT_TRUE(bool(m)) << llvm::toString(m.takeError());
  EXPECT_EQ(manifestToJson(*m), text);
  // The same manifest pretty-printed: whitespace between the parts.
  auto tree = llvm::json::parse(text);
  ASSERT_TRUE(bool(tree));
  std::string pretty = llvm::formatv("{0:2}", *tree).str();
  ASSERT_NE(pretty, text);
  auto again = parseManifest(pretty);
  ASSERT_TRUE(bool(again)) << llvm::toString(again.takeError());
  EXPECT_EQ(manifestToJson(*again), text);
}

std::string errorOf(llvm::StringRef text) {
  auto m = parseManifest(text);
  if (m) {
    ADD_FAILURE() << "expected the manifest to be rejected";
    return "";
  }
  return llvm::toString(m.takeError());
}

TEST(ParseManifest, MalformedPartsAsJsonParseSaysForTheWhole) {
  std::string text = manifestToJson(sampleManifest());
  // A bad element inside the long "tensors" array: the message is the
  // whole text's, with its position, not the element's.
  std::string bad = text;
  bad.replace(bad.find("\"tensors\":[") + 11, 1, "[,");
  auto whole = llvm::json::parse(bad);
  ASSERT_FALSE(bool(whole));
  EXPECT_EQ(errorOf(bad), "artifact manifest: " + llvm::toString(whole.takeError()));

  std::string dup = text;
  dup.insert(1, "\"period\":0,");
  EXPECT_EQ(errorOf(dup), "artifact manifest: key 'period' appears twice");

  std::string notArray = text;
  notArray.replace(notArray.find("\"layers\":[]"), 11, "\"layers\":{}");
  EXPECT_EQ(errorOf(notArray), "artifact manifest: manifest.layers: expected an array");

  EXPECT_EQ(errorOf("[1, 2]"), "artifact manifest: not an npc manifest");
}

} // namespace
