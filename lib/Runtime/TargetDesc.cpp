//===- TargetDesc.cpp - the machine npc compiles for ----------------------===//
//
// One table of scalar fields drives validation, the JSON form and (through
// forEachField, lib/Target/TargetAttr.cpp) the `npc.target` attribute, so
// the three cannot drift apart. The attribute is read by converting it to
// JSON and applying the JSON rules: one parser, one set of error messages.
//
//===----------------------------------------------------------------------===//
#include "npc/Runtime/TargetDesc.h"
#include "npc/Runtime/InputFile.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>

using namespace npc;
namespace json = llvm::json;
using llvm::StringRef;

namespace {
/// A scalar field of TargetDesc: exactly one of `i` and `f` is set.
struct Field {
  const char *key;
  int64_t TargetDesc::*i;
  double TargetDesc::*f;
};
struct NocField {
  const char *key;
  int64_t NocParams::*member;
};
} // namespace

static const Field kFields[] = {
    {"grid_cols", &TargetDesc::gridCols, nullptr},
    {"grid_rows", &TargetDesc::gridRows, nullptr},
    {"core_memory_bytes", &TargetDesc::coreMemoryBytes, nullptr},
    {"macs_per_cycle_int8", &TargetDesc::macsPerCycleInt8, nullptr},
    {"mac_array_depth", &TargetDesc::macArrayDepth, nullptr},
    {"sram_ports", &TargetDesc::sramPorts, nullptr},
    {"clock_hz", nullptr, &TargetDesc::clockHz},
    {"frame_buffer_bytes", &TargetDesc::frameBufferBytes, nullptr},
    {"host_link_bytes_per_second", nullptr, &TargetDesc::hostLinkBytesPerSecond},
    {"energy_per_mac_int8_pj", nullptr, &TargetDesc::energyPerMacInt8Pj},
    {"energy_per_sram_byte_pj", nullptr, &TargetDesc::energyPerSramBytePj},
    {"energy_per_noc_hop_byte_pj", nullptr, &TargetDesc::energyPerNocHopBytePj},
};
static const NocField kNocFields[] = {
    {"link_bytes_per_cycle", &NocParams::linkBytesPerCycle},
    {"hop_latency_cycles", &NocParams::hopLatencyCycles},
};

// Upper bounds keep derived products (cores x bytes, cores x MACs x 4) inside
// int64. A core memory above 1 GiB could not be loaded from an artifact.
constexpr int64_t kMaxGrid = 1024;
constexpr int64_t kMaxCoreMemory = int64_t(1) << 30;
constexpr int64_t kMaxInt = int64_t(1) << 40;

static llvm::Error targetError(const llvm::Twine &msg) {
  return llvm::createStringError(llvm::Twine("target: ") + msg);
}

const char *npc::nocName(NocKind k) {
  switch (k) {
  case NocKind::Activation: return "activation";
  case NocKind::PartialSum: return "partial_sum";
  case NocKind::Model: return "model";
  case NocKind::Instruction: return "instruction";
  }
  return "?";
}

bool TargetDesc::operator==(const TargetDesc &o) const {
  if (name != o.name || topology != o.topology)
    return false;
  for (const Field &f : kFields)
    if (f.i ? this->*f.i != o.*f.i : this->*f.f != o.*f.f)
      return false;
  for (int k = 0; k < kNumNocs; ++k)
    if (noc[k] != o.noc[k])
      return false;
  return true;
}

//===----------------------------------------------------------------------===//
// Validation
//===----------------------------------------------------------------------===//

static llvm::Error checkInt(const llvm::Twine &key, int64_t v, int64_t lo, int64_t hi) {
  if (v < lo)
    return targetError(key + " must be >= " + llvm::Twine(lo) + ", got " + llvm::Twine(v));
  if (v > hi)
    return targetError(key + " must be <= " + llvm::Twine(hi) + ", got " + llvm::Twine(v));
  return llvm::Error::success();
}

llvm::Error TargetDesc::validate() const {
  if (name.empty())
    return targetError("name must not be empty");
  if (topology != "mesh" && topology != "torus")
    return targetError("topology must be \"mesh\" or \"torus\", got \"" + topology + "\"");
  for (const Field &f : kFields) {
    StringRef key = f.key;
    if (f.i) {
      int64_t lo = 1, hi = kMaxInt;
      if (key == "grid_cols" || key == "grid_rows")
        hi = kMaxGrid;
      else if (key == "core_memory_bytes")
        lo = 1024, hi = kMaxCoreMemory;
      else if (key == "mac_array_depth" || key == "sram_ports")
        lo = 0;
      if (auto err = checkInt(key, this->*f.i, lo, hi))
        return err;
      continue;
    }
    // The clock divides; energies only add up, so zero (uncalibrated) is fine.
    // Bounded so that rates and energies derived from them stay finite.
    double v = this->*f.f;
    const bool isClock = key == "clock_hz", isHost = key == "host_link_bytes_per_second";
    const double lo = isClock ? 1e3 : isHost ? 1 : 0, hi = isClock ? 1e12 : isHost ? 1e15 : 1e6;
    if (!std::isfinite(v) || v < lo || v > hi) {
      std::string got;
      llvm::raw_string_ostream(got) << llvm::format("%g", v);
      return targetError(key + " must be a number in [" +
                         (isClock  ? std::string("1e3, 1e12")
                          : isHost ? std::string("1, 1e15")
                                   : std::string("0, 1e6")) +
                         "], got " + got);
    }
  }
  // The array's lanes are whole: depth x lanes = the MACs per cycle.
  if (macArrayDepth > 0 && macsPerCycleInt8 % std::min(macArrayDepth, macsPerCycleInt8) != 0)
    return targetError("mac_array_depth must divide macs_per_cycle_int8 (" +
                       llvm::Twine(macsPerCycleInt8) + ") or be 0, got " +
                       llvm::Twine(macArrayDepth));
  for (int k = 0; k < kNumNocs; ++k) {
    std::string prefix = std::string("noc.") + nocName(NocKind(k)) + ".";
    if (auto err = checkInt(prefix + "link_bytes_per_cycle", noc[k].linkBytesPerCycle, 1, kMaxInt))
      return err;
    if (auto err = checkInt(prefix + "hop_latency_cycles", noc[k].hopLatencyCycles, 0, kMaxInt))
      return err;
  }
  return llvm::Error::success();
}

//===----------------------------------------------------------------------===//
// JSON
//===----------------------------------------------------------------------===//

static std::string printJson(const json::Value &v) {
  std::string s;
  llvm::raw_string_ostream(s) << v;
  return s;
}

static llvm::Error typeError(const llvm::Twine &key, StringRef expected, const json::Value &v) {
  return targetError(key + " must be " + expected + ", got " + printJson(v));
}

static llvm::Error unknownKey(const llvm::Twine &key, llvm::ArrayRef<std::string> known) {
  return targetError("unknown key '" + key + "' (known keys: " + llvm::join(known, ", ") + ")");
}

/// Keys in sorted order, so that the first error reported does not depend on
/// hash order.
static llvm::SmallVector<StringRef> sortedKeys(const json::Object &obj) {
  llvm::SmallVector<StringRef> keys;
  for (const auto &kv : obj)
    keys.push_back(kv.first);
  llvm::sort(keys);
  return keys;
}

static llvm::Error applyNoc(const json::Value &v, TargetDesc &t) {
  const json::Object *nocs = v.getAsObject();
  if (!nocs)
    return typeError("noc", "an object", v);
  std::vector<std::string> nocNames, fieldNames;
  for (int k = 0; k < kNumNocs; ++k)
    nocNames.push_back(nocName(NocKind(k)));
  for (const NocField &f : kNocFields)
    fieldNames.push_back(f.key);

  for (StringRef nocKey : sortedKeys(*nocs)) {
    auto it = llvm::find(nocNames, nocKey);
    if (it == nocNames.end())
      return unknownKey("noc." + nocKey, nocNames);
    NocParams &params = t.noc[it - nocNames.begin()];
    const json::Value &pv = *nocs->get(nocKey);
    const json::Object *obj = pv.getAsObject();
    if (!obj)
      return typeError("noc." + nocKey, "an object", pv);
    for (StringRef key : sortedKeys(*obj)) {
      const NocField *f = llvm::find_if(kNocFields, [&](const NocField &f) { return key == f.key; });
      if (f == std::end(kNocFields))
        return unknownKey("noc." + nocKey + "." + key, fieldNames);
      const json::Value &fv = *obj->get(key);
      std::optional<int64_t> n = fv.getAsInteger();
      if (!n)
        return typeError("noc." + nocKey + "." + key, "an integer", fv);
      params.*(f->member) = *n;
    }
  }
  return llvm::Error::success();
}

/// Overrides the fields of `t` named in `obj`, then validates.
static llvm::Expected<TargetDesc> fromJsonObject(const json::Object &obj) {
  TargetDesc t = northpoleTarget();
  std::vector<std::string> known = {"name", "topology"};
  for (const Field &f : kFields)
    known.push_back(f.key);
  known.push_back("noc");

  for (StringRef key : sortedKeys(obj)) {
    const json::Value &v = *obj.get(key);
    if (key == "name" || key == "topology") {
      std::optional<StringRef> s = v.getAsString();
      if (!s)
        return typeError(key, "a string", v);
      (key == "name" ? t.name : t.topology) = s->str();
      continue;
    }
    if (key == "noc") {
      if (auto err = applyNoc(v, t))
        return std::move(err);
      continue;
    }
    const Field *f = llvm::find_if(kFields, [&](const Field &f) { return key == f.key; });
    if (f == std::end(kFields))
      return unknownKey(key, known);
    if (f->i) {
      // getAsInteger also takes 16.0 but not 16.5 or "16".
      std::optional<int64_t> n = v.getAsInteger();
      if (!n)
        return typeError(key, "an integer", v);
      t.*(f->i) = *n;
    } else {
      std::optional<double> n = v.getAsNumber();
      if (!n)
        return typeError(key, "a number", v);
      t.*(f->f) = *n;
    }
  }
  if (auto err = t.validate())
    return std::move(err);
  return t;
}

llvm::Expected<TargetDesc> npc::parseTargetJson(StringRef text) {
  if (auto err = checkJsonDepth(text))
    return targetError("malformed JSON: " + llvm::toString(std::move(err)));
  llvm::Expected<json::Value> v = json::parse(text);
  if (!v)
    return targetError("malformed JSON: " + llvm::toString(v.takeError()));
  const json::Object *obj = v->getAsObject();
  if (!obj)
    return targetError("the JSON must be an object, got " + printJson(*v));
  return fromJsonObject(*obj);
}

std::string TargetDesc::toJson() const {
  // json::OStream keeps the field order (json::Object would hash it) and
  // prints doubles with max_digits10, so parseTargetJson gets them back exactly.
  std::string s;
  llvm::raw_string_ostream os(s);
  {
    json::OStream j(os, /*IndentSize=*/2);
    j.object([&] {
      j.attribute("name", name);
      if (topology != "mesh") // the default, left out: mesh artifacts stay as they were
        j.attribute("topology", topology);
      for (const Field &f : kFields) {
        if (f.i)
          j.attribute(f.key, this->*f.i);
        else
          j.attribute(f.key, this->*f.f);
      }
      j.attributeObject("noc", [&] {
        for (int k = 0; k < kNumNocs; ++k)
          j.attributeObject(nocName(NocKind(k)), [&] {
            for (const NocField &f : kNocFields)
              j.attribute(f.key, noc[k].*f.member);
          });
      });
    });
  }
  return s;
}

//===----------------------------------------------------------------------===//
// Fields, for the `npc.target` attribute (lib/Target/TargetAttr.cpp)
//===----------------------------------------------------------------------===//

void TargetDesc::forEachField(
    llvm::function_ref<void(StringRef key, const int64_t *i, const double *f)> fn) const {
  for (const Field &f : kFields)
    fn(f.key, f.i ? &(this->*f.i) : nullptr, f.i ? nullptr : &(this->*f.f));
}

void TargetDesc::forEachNocField(NocKind k,
                                 llvm::function_ref<void(StringRef key, int64_t value)> fn) const {
  for (const NocField &f : kNocFields)
    fn(f.key, noc[int(k)].*f.member);
}

llvm::Expected<TargetDesc> TargetDesc::fromJson(const json::Object &o) { return fromJsonObject(o); }

//===----------------------------------------------------------------------===//
// Built-in targets
//===----------------------------------------------------------------------===//

TargetDesc npc::northpoleTarget() { return TargetDesc(); }

TargetDesc npc::smallTarget() {
  TargetDesc t;
  t.name = "small";
  t.gridCols = 4;
  t.gridRows = 4;
  t.coreMemoryBytes = 64 * 1024;
  return t;
}

llvm::Expected<TargetDesc> npc::resolveTarget(StringRef nameOrPath) {
  // Built-in names win; a file called `small` is reachable as `./small`.
  if (nameOrPath == "northpole")
    return northpoleTarget();
  if (nameOrPath == "small")
    return smallTarget();
  auto buf = readInputFile(nameOrPath, uint64_t(1) << 20);
  if (!buf && llvm::sys::fs::exists(nameOrPath))
    return llvm::createStringError("target: " + llvm::toString(buf.takeError()));
  if (!buf) {
    llvm::consumeError(buf.takeError());
    return llvm::createStringError(
        llvm::Twine("target '") + nameOrPath +
        "' is neither a built-in target (northpole, small) nor a readable JSON file");
  }
  llvm::Expected<TargetDesc> t = parseTargetJson((*buf)->getBuffer());
  if (!t)
    return llvm::createStringError(nameOrPath + ": " + llvm::toString(t.takeError()));
  return t;
}
