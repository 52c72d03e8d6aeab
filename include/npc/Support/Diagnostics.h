//===- Diagnostics.h - naming ONNX nodes in messages -------------*- C++ -*-===//
#ifndef NPC_SUPPORT_DIAGNOSTICS_H
#define NPC_SUPPORT_DIAGNOSTICS_H

#include "mlir/IR/Location.h"

#include <string>

namespace npc {

/// "node 'conv1' (Conv)" for the locations the ONNX importer creates
/// (name("conv1", name("Conv"))); empty for any other location.
std::string describeLoc(mlir::Location loc);

} // namespace npc

#endif
