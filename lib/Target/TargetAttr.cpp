//===- TargetAttr.cpp - the target as the module attribute npc.target ----===//
#include "npc/Target/TargetAttr.h"

#include "mlir/IR/Builders.h"
#include "llvm/Support/raw_ostream.h"

using namespace npc;
namespace json = llvm::json;

static llvm::Error targetError(const llvm::Twine &msg) {
  return llvm::createStringError(llvm::Twine("target: ") + msg);
}

mlir::DictionaryAttr npc::targetToAttr(const TargetDesc &t, mlir::MLIRContext *ctx) {
  mlir::Builder b(ctx);
  llvm::SmallVector<mlir::NamedAttribute> attrs;
  attrs.push_back(b.getNamedAttr("name", b.getStringAttr(t.name)));
  if (t.topology != "mesh") // the default, left out as in the JSON
    attrs.push_back(b.getNamedAttr("topology", b.getStringAttr(t.topology)));
  t.forEachField([&](llvm::StringRef key, const int64_t *i, const double *f) {
    mlir::Attribute value = i ? mlir::Attribute(b.getI64IntegerAttr(*i))
                              : mlir::Attribute(b.getF64FloatAttr(*f));
    attrs.push_back(b.getNamedAttr(key, value));
  });
  llvm::SmallVector<mlir::NamedAttribute> nocs;
  for (int k = 0; k < kNumNocs; ++k) {
    llvm::SmallVector<mlir::NamedAttribute> params;
    t.forEachNocField(NocKind(k), [&](llvm::StringRef key, int64_t v) {
      params.push_back(b.getNamedAttr(key, b.getI64IntegerAttr(v)));
    });
    nocs.push_back(b.getNamedAttr(nocName(NocKind(k)), b.getDictionaryAttr(params)));
  }
  attrs.push_back(b.getNamedAttr("noc", b.getDictionaryAttr(nocs)));
  return b.getDictionaryAttr(attrs);
}

/// The JSON value of an attribute of the kinds toAttr produces; `path` names
/// it in the error for anything else.
static llvm::Expected<json::Value> attrToJson(mlir::Attribute attr, const std::string &path) {
  if (auto dict = llvm::dyn_cast<mlir::DictionaryAttr>(attr)) {
    json::Object obj;
    for (mlir::NamedAttribute na : dict) {
      std::string name = na.getName().str();
      auto v = attrToJson(na.getValue(), path.empty() ? name : path + "." + name);
      if (!v)
        return v.takeError();
      obj[name] = std::move(*v);
    }
    return json::Value(std::move(obj));
  }
  if (auto str = llvm::dyn_cast<mlir::StringAttr>(attr))
    return json::Value(str.str());
  if (auto flag = llvm::dyn_cast<mlir::BoolAttr>(attr)) // before IntegerAttr: i1
    return json::Value(flag.getValue());
  if (auto integer = llvm::dyn_cast<mlir::IntegerAttr>(attr)) {
    const llvm::APInt &v = integer.getValue();
    if (v.getBitWidth() <= 64)
      return integer.getType().isUnsignedInteger() ? json::Value(v.getZExtValue())
                                                   : json::Value(v.getSExtValue());
  }
  if (auto fp = llvm::dyn_cast<mlir::FloatAttr>(attr))
    return json::Value(fp.getValueAsDouble());
  std::string printed;
  llvm::raw_string_ostream(printed) << attr;
  return targetError(path + " has an unsupported attribute " + printed);
}

llvm::Expected<TargetDesc> npc::targetFromAttr(mlir::DictionaryAttr attr) {
  if (!attr)
    return targetError("missing target attribute");
  llvm::Expected<json::Value> v = attrToJson(attr, "");
  if (!v)
    return v.takeError();
  return TargetDesc::fromJson(*v->getAsObject());
}

llvm::Expected<TargetDesc> npc::getModuleTarget(mlir::ModuleOp module) {
  auto attr = module->getAttrOfType<mlir::DictionaryAttr>(kTargetAttr);
  if (!attr)
    return northpoleTarget();
  return targetFromAttr(attr);
}

llvm::Expected<TargetDesc> npc::getTargetOf(mlir::Operation *op) {
  auto module = op->getParentOfType<mlir::ModuleOp>();
  if (!module)
    return northpoleTarget();
  return getModuleTarget(module);
}

