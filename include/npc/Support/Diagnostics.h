//===- Diagnostics.h - naming ONNX nodes in messages -------------*- C++ -*-===//
#ifndef NPC_SUPPORT_DIAGNOSTICS_H
#define NPC_SUPPORT_DIAGNOSTICS_H

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Location.h"

#include <string>

namespace npc {

/// "node 'conv1' (Conv)" for the locations the ONNX importer creates
/// (name("conv1", name("Conv"))); empty for any other location.
std::string describeLoc(mlir::Location loc);

/// "node 'conv1' (Conv): <message>" for an MLIR diagnostic.
std::string formatDiagnostic(const mlir::Diagnostic &d);

} // namespace npc

#endif
