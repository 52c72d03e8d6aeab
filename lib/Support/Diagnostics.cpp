//===- Diagnostics.cpp - naming ONNX nodes in messages --------------------===//
#include "npc/Support/Diagnostics.h"
#include "npc/Support/Printable.h"

#include "mlir/IR/BuiltinAttributes.h"

std::string npc::describeLoc(mlir::Location loc) {
  auto n = llvm::dyn_cast<mlir::NameLoc>(loc);
  if (!n)
    return {};
  std::string s = "node '" + printable(n.getName().strref()) + "'";
  if (auto op = llvm::dyn_cast<mlir::NameLoc>(n.getChildLoc()))
    s += " (" + printable(op.getName().strref()) + ")";
  return s;
}

std::string npc::formatDiagnostic(const mlir::Diagnostic &d) {
  std::string where = describeLoc(d.getLocation());
  return (where.empty() ? "" : where + ": ") + d.str();
}
