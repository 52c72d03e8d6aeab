//===- TargetDescTest.cpp - target description, JSON and attribute forms --===//
#include "npc/Runtime/TargetDesc.h"
#include "npc/Target/TargetAttr.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

using namespace npc;

namespace {

/// The error text of a failed result; "" (and a test failure) on success.
template <typename T> std::string errorOf(llvm::Expected<T> r) {
  if (r) {
    ADD_FAILURE() << "expected an error";
    return "";
  }
  return llvm::toString(r.takeError());
}

std::string errorOf(llvm::Error e) { return llvm::toString(std::move(e)); }

#define EXPECT_CONTAINS(text, sub)                                                     \
  do {                                                                                 \
    std::string t_ = (text);                                                           \
    EXPECT_NE(t_.find(sub), std::string::npos) << "message: " << t_;                   \
  } while (0)

TEST(TargetDesc, DefaultsArePublishedNumbers) {
  TargetDesc t = northpoleTarget();
  EXPECT_EQ(t.name, "northpole");
  EXPECT_EQ(t.gridCols, 16);
  EXPECT_EQ(t.gridRows, 16);
  EXPECT_EQ(t.numCores(), 256);
  EXPECT_EQ(t.coreMemoryBytes, 786432);
  EXPECT_EQ(t.macsPerCycleInt8, 2048);
  EXPECT_EQ(t.macsPerCycle(8), 2048);
  EXPECT_EQ(t.macsPerCycle(4), 4096);
  EXPECT_EQ(t.macsPerCycle(2), 8192);
  // The MAC array (assumed): 64 deep x 32 lanes at INT8; narrower operands
  // deepen it (two or four products per 8-bit lane), the lanes stay.
  EXPECT_EQ(t.macArrayDepth, 64);
  EXPECT_EQ(t.macArray(8).depth, 64);
  EXPECT_EQ(t.macArray(8).lanes, 32);
  EXPECT_EQ(t.macArray(4).depth, 128);
  EXPECT_EQ(t.macArray(4).lanes, 32);
  EXPECT_EQ(t.macArray(2).depth, 256);
  EXPECT_EQ(t.macArray(2).lanes, 32);
  EXPECT_EQ(t.clockHz, 400e6);
  EXPECT_EQ(t.frameBufferBytes, 32 * 1024 * 1024);
  EXPECT_EQ(t.nocParams(NocKind::Activation).linkBytesPerCycle, 256);
  EXPECT_EQ(t.nocParams(NocKind::Instruction).linkBytesPerCycle, 64);
  EXPECT_EQ(t.nocParams(NocKind::Model).hopLatencyCycles, 1);
  EXPECT_FALSE(bool(t.validate()));
  EXPECT_STREQ(nocName(NocKind::PartialSum), "partial_sum");
}

TEST(TargetDesc, SmallTarget) {
  TargetDesc t = smallTarget();
  EXPECT_EQ(t.name, "small");
  EXPECT_EQ(t.numCores(), 16);
  EXPECT_EQ(t.coreMemoryBytes, 64 * 1024);
  EXPECT_EQ(t.macsPerCycleInt8, 2048);
  EXPECT_FALSE(bool(t.validate()));
}

/// Every field away from its default, including doubles that do not print
/// exactly in few digits.
TargetDesc unusualTarget() {
  TargetDesc t;
  t.name = "research \"x\"";
  t.topology = "torus";
  t.gridCols = 8;
  t.gridRows = 3;
  t.coreMemoryBytes = 1 << 20;
  t.macsPerCycleInt8 = 1000;
  t.macArrayDepth = 40; // 25 lanes
  t.sramPorts = 3;
  t.clockHz = 1.0 / 3.0 * 1e9;
  t.frameBufferBytes = 12345;
  t.hostLinkBytesPerSecond = 1.0 / 7.0 * 1e10;
  t.noc[0] = {128, 2};
  t.noc[1] = {32, 0};
  t.noc[2] = {512, 3};
  t.noc[3] = {16, 7};
  t.energyPerMacInt8Pj = 0.1;
  t.energyPerSramBytePj = 1e-3;
  t.energyPerNocHopBytePj = 2.5;
  return t;
}

TEST(TargetDesc, JsonRoundTrip) {
  for (const TargetDesc &t : {northpoleTarget(), smallTarget(), unusualTarget()}) {
    std::string text = t.toJson();
    auto back = parseTargetJson(text);
    ASSERT_TRUE(bool(back)) << llvm::toString(back.takeError()) << "\n" << text;
    EXPECT_TRUE(*back == t) << text;
  }
  EXPECT_TRUE(unusualTarget() != northpoleTarget());
}

TEST(TargetDesc, AttrRoundTrip) {
  mlir::MLIRContext ctx;
  for (const TargetDesc &t : {northpoleTarget(), smallTarget(), unusualTarget()}) {
    mlir::DictionaryAttr attr = targetToAttr(t, &ctx);
    auto back = targetFromAttr(attr);
    ASSERT_TRUE(bool(back)) << llvm::toString(back.takeError());
    EXPECT_TRUE(*back == t);
  }
  // The attribute's shape: i64 integers, f64 floats, a nested noc dictionary.
  mlir::DictionaryAttr attr = targetToAttr(northpoleTarget(), &ctx);
  auto cols = llvm::dyn_cast_or_null<mlir::IntegerAttr>(attr.get("grid_cols"));
  ASSERT_TRUE(cols);
  EXPECT_TRUE(cols.getType().isInteger(64));
  EXPECT_EQ(cols.getInt(), 16);
  auto clock = llvm::dyn_cast_or_null<mlir::FloatAttr>(attr.get("clock_hz"));
  ASSERT_TRUE(clock);
  EXPECT_TRUE(clock.getType().isF64());
  EXPECT_EQ(clock.getValueAsDouble(), 400e6);
  auto noc = llvm::dyn_cast_or_null<mlir::DictionaryAttr>(attr.get("noc"));
  ASSERT_TRUE(noc);
  auto instr = llvm::dyn_cast_or_null<mlir::DictionaryAttr>(noc.get("instruction"));
  ASSERT_TRUE(instr);
  EXPECT_EQ(llvm::cast<mlir::IntegerAttr>(instr.get("link_bytes_per_cycle")).getInt(), 64);
  auto host = llvm::dyn_cast_or_null<mlir::FloatAttr>(attr.get("host_link_bytes_per_second"));
  ASSERT_TRUE(host);
  EXPECT_EQ(host.getValueAsDouble(), 8e9);
  auto depth = llvm::dyn_cast_or_null<mlir::IntegerAttr>(attr.get("mac_array_depth"));
  ASSERT_TRUE(depth);
  EXPECT_EQ(depth.getInt(), 64);
  EXPECT_EQ(llvm::cast<mlir::IntegerAttr>(attr.get("sram_ports")).getInt(), 8);
  EXPECT_EQ(attr.size(), 14u);
}

TEST(TargetDesc, AttrErrors) {
  mlir::MLIRContext ctx;
  mlir::Builder b(&ctx);
  auto withEntry = [&](llvm::StringRef key, mlir::Attribute value) {
    llvm::SmallVector<mlir::NamedAttribute> entries;
    for (mlir::NamedAttribute na : targetToAttr(northpoleTarget(), &ctx))
      if (na.getName() != key)
        entries.push_back(na);
    entries.push_back(b.getNamedAttr(key, value));
    return b.getDictionaryAttr(entries);
  };
  EXPECT_CONTAINS(errorOf(targetFromAttr(withEntry("grid_cols", b.getStringAttr("16")))),
                  "target: grid_cols must be an integer, got \"16\"");
  EXPECT_CONTAINS(errorOf(targetFromAttr(withEntry("grid_rows", b.getI64IntegerAttr(0)))),
                  "target: grid_rows must be >= 1, got 0");
  EXPECT_CONTAINS(errorOf(targetFromAttr(withEntry("colour", b.getI64IntegerAttr(0)))),
                  "target: unknown key 'colour'");
  EXPECT_CONTAINS(errorOf(targetFromAttr(withEntry("clock_hz", b.getI64ArrayAttr({1})))),
                  "target: clock_hz has an unsupported attribute [1]");
  // Missing keys keep the defaults, as in JSON.
  auto partial = targetFromAttr(
      b.getDictionaryAttr({b.getNamedAttr("grid_cols", b.getI64IntegerAttr(4))}));
  ASSERT_TRUE(bool(partial)) << llvm::toString(partial.takeError());
  EXPECT_EQ(partial->gridCols, 4);
  EXPECT_EQ(partial->gridRows, 16);
}

TEST(TargetDesc, JsonOverridesKeepDefaults) {
  auto t = parseTargetJson(R"({
    "name": "wide",
    "grid_cols": 32,
    "core_memory_bytes": 1048576,
    "clock_hz": 1e9,
    "noc": {"instruction": {"link_bytes_per_cycle": 128}}
  })");
  ASSERT_TRUE(bool(t)) << llvm::toString(t.takeError());
  TargetDesc expected = northpoleTarget();
  expected.name = "wide";
  expected.gridCols = 32;
  expected.coreMemoryBytes = 1 << 20;
  expected.clockHz = 1e9;
  expected.noc[int(NocKind::Instruction)].linkBytesPerCycle = 128;
  EXPECT_TRUE(*t == expected);
  EXPECT_EQ(t->nocParams(NocKind::Instruction).hopLatencyCycles, 1);

  auto empty = parseTargetJson("{}");
  ASSERT_TRUE(bool(empty));
  EXPECT_TRUE(*empty == northpoleTarget());

  // A torus goes through its JSON form and back; a mesh's JSON leaves the
  // key out (artifacts compiled before the key existed read the same).
  auto torus = parseTargetJson(R"({"topology": "torus"})");
  ASSERT_TRUE(bool(torus)) << llvm::toString(torus.takeError());
  EXPECT_EQ(torus->topology, "torus");
  EXPECT_FALSE(*torus == northpoleTarget());
  auto again = parseTargetJson(torus->toJson());
  ASSERT_TRUE(bool(again));
  EXPECT_TRUE(*again == *torus);
  EXPECT_EQ(northpoleTarget().toJson().find("topology"), std::string::npos);
}

TEST(TargetDesc, JsonErrors) {
  EXPECT_CONTAINS(errorOf(parseTargetJson(R"({"grid_colums": 8})")),
                  "target: unknown key 'grid_colums' (known keys: name, topology, grid_cols,");
  EXPECT_CONTAINS(errorOf(parseTargetJson(R"({"topology": "ring"})")),
                  "target: topology must be \"mesh\" or \"torus\", got \"ring\"");
  EXPECT_CONTAINS(errorOf(parseTargetJson(R"({"topology": 2})")),
                  "target: topology must be a string, got 2");
  EXPECT_CONTAINS(errorOf(parseTargetJson(R"({"noc": {"vision": {}}})")),
                  "target: unknown key 'noc.vision'");
  EXPECT_CONTAINS(errorOf(parseTargetJson(R"({"noc": {"model": {"width": 8}}})")),
                  "target: unknown key 'noc.model.width'");
  EXPECT_CONTAINS(errorOf(parseTargetJson(R"({"grid_cols": "16"})")),
                  "target: grid_cols must be an integer, got \"16\"");
  EXPECT_CONTAINS(errorOf(parseTargetJson(R"({"grid_cols": 16.5})")),
                  "target: grid_cols must be an integer, got 16.5");
  EXPECT_CONTAINS(errorOf(parseTargetJson(R"({"clock_hz": true})")),
                  "target: clock_hz must be a number, got true");
  EXPECT_CONTAINS(errorOf(parseTargetJson(R"({"name": 3})")),
                  "target: name must be a string, got 3");
  EXPECT_CONTAINS(errorOf(parseTargetJson(R"({"noc": [1]})")),
                  "target: noc must be an object, got [1]");
  EXPECT_CONTAINS(errorOf(parseTargetJson(R"({"core_memory_bytes": 12})")),
                  "target: core_memory_bytes must be >= 1024, got 12");
  EXPECT_CONTAINS(errorOf(parseTargetJson(R"({"grid_rows": 2048})")),
                  "target: grid_rows must be <= 1024, got 2048");
  EXPECT_CONTAINS(errorOf(parseTargetJson(R"({"clock_hz": 0})")),
                  "target: clock_hz must be a number in [1e3, 1e12], got 0");
  // A clock that would make every rate infinite (and the report's JSON `inf`).
  EXPECT_CONTAINS(errorOf(parseTargetJson(R"({"clock_hz": 1e-300})")),
                  "target: clock_hz must be a number in [1e3, 1e12], got 1e-300");
  EXPECT_CONTAINS(errorOf(parseTargetJson(R"({"energy_per_mac_int8_pj": -1.5})")),
                  "target: energy_per_mac_int8_pj must be a number in [0, 1e6], got -1.5");
  EXPECT_CONTAINS(
      errorOf(parseTargetJson(R"({"noc": {"activation": {"link_bytes_per_cycle": 0}}})")),
      "target: noc.activation.link_bytes_per_cycle must be >= 1, got 0");
  EXPECT_CONTAINS(
      errorOf(parseTargetJson(R"({"noc": {"model": {"hop_latency_cycles": -1}}})")),
      "target: noc.model.hop_latency_cycles must be >= 0, got -1");
  EXPECT_CONTAINS(errorOf(parseTargetJson(R"({"mac_array_depth": 48})")),
                  "target: mac_array_depth must divide macs_per_cycle_int8 (2048) or be 0, got 48");
  EXPECT_CONTAINS(errorOf(parseTargetJson(R"({"mac_array_depth": -64})")),
                  "target: mac_array_depth must be >= 0, got -64");
  EXPECT_CONTAINS(errorOf(parseTargetJson(R"({"sram_ports": -1})")),
                  "target: sram_ports must be >= 0, got -1");
  EXPECT_CONTAINS(errorOf(parseTargetJson(R"({"grid_cols": 16,)")), "target: malformed JSON");
  EXPECT_CONTAINS(errorOf(parseTargetJson("[16, 16]")),
                  "target: the JSON must be an object, got [16,16]");
}

TEST(TargetDesc, MacArrayDepthBounds) {
  // 0: no geometry; a depth above the MACs per cycle is all of them, in one lane.
  auto ideal = parseTargetJson(R"({"mac_array_depth": 0})");
  ASSERT_TRUE(bool(ideal)) << llvm::toString(ideal.takeError());
  EXPECT_EQ(ideal->macArray(8).depth, 0);
  auto narrow = parseTargetJson(R"({"macs_per_cycle_int8": 16})");
  ASSERT_TRUE(bool(narrow)) << llvm::toString(narrow.takeError());
  EXPECT_EQ(narrow->macArray(8).depth, 16);
  EXPECT_EQ(narrow->macArray(8).lanes, 1);
  EXPECT_EQ(narrow->macArray(4).depth, 32);
  // The default depth, 64, does not divide 96 MACs: refused; 48 does.
  EXPECT_CONTAINS(errorOf(parseTargetJson(R"({"macs_per_cycle_int8": 96})")),
                  "target: mac_array_depth must divide macs_per_cycle_int8 (96) or be 0, got 64");
  auto odd = parseTargetJson(R"({"macs_per_cycle_int8": 96, "mac_array_depth": 48})");
  ASSERT_TRUE(bool(odd)) << llvm::toString(odd.takeError());
  EXPECT_EQ(odd->macArray(8).lanes, 2);
}

TEST(TargetDesc, ValidateNamesTheField) {
  TargetDesc t;
  t.macsPerCycleInt8 = 0;
  EXPECT_CONTAINS(errorOf(t.validate()), "target: macs_per_cycle_int8 must be >= 1, got 0");
  t = TargetDesc();
  t.frameBufferBytes = 0;
  EXPECT_CONTAINS(errorOf(t.validate()), "target: frame_buffer_bytes must be >= 1, got 0");
  t = TargetDesc();
  t.name = "";
  EXPECT_CONTAINS(errorOf(t.validate()), "target: name must not be empty");
  t = TargetDesc();
  t.noc[int(NocKind::Instruction)].linkBytesPerCycle = -4;
  EXPECT_CONTAINS(errorOf(t.validate()),
                  "target: noc.instruction.link_bytes_per_cycle must be >= 1, got -4");
}

TEST(TargetDesc, ResolveTarget) {
  auto np = resolveTarget("northpole");
  ASSERT_TRUE(bool(np));
  EXPECT_TRUE(*np == northpoleTarget());
  auto small = resolveTarget("small");
  ASSERT_TRUE(bool(small));
  EXPECT_TRUE(*small == smallTarget());

  llvm::SmallString<128> path;
  ASSERT_FALSE(llvm::sys::fs::createTemporaryFile("target", "json", path));
  {
    std::error_code ec;
    llvm::raw_fd_ostream os(path, ec);
    ASSERT_FALSE(ec);
    os << R"({"name": "tiny", "grid_cols": 2, "grid_rows": 2})";
  }
  auto fromFile = resolveTarget(path);
  ASSERT_TRUE(bool(fromFile)) << llvm::toString(fromFile.takeError());
  EXPECT_EQ(fromFile->name, "tiny");
  EXPECT_EQ(fromFile->numCores(), 4);
  {
    std::error_code ec;
    llvm::raw_fd_ostream os(path, ec);
    os << R"({"grid_cols": 0})";
  }
  std::string err = errorOf(resolveTarget(path));
  EXPECT_CONTAINS(err, std::string(path) + ": target: grid_cols must be >= 1, got 0");
  llvm::sys::fs::remove(path);

  EXPECT_CONTAINS(errorOf(resolveTarget("/nonexistent/chip.json")),
                  "target '/nonexistent/chip.json' is neither a built-in target (northpole, "
                  "small) nor a readable JSON file");
}

} // namespace
