//===- Interpreter.h - reference interpreter of the qg dialect ---*- C++ -*-===//
//
// The golden model: executes `func.func @main` of a legalized qg module with
// the integer-only semantics of docs/semantics.md. The executor is checked
// against it byte for byte.
//
//===----------------------------------------------------------------------===//
#ifndef NPC_REFERENCE_INTERPRETER_H
#define NPC_REFERENCE_INTERPRETER_H

#include "npc/Runtime/HostTensor.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace npc {

/// Name, element kind and shape of a graph input or output of @main.
struct TensorSignature {
  std::string name;
  ElemKind kind;
  std::vector<int64_t> shape;
};

/// Inputs and outputs of @main, in order (names from npc.input_names /
/// npc.output_names).
llvm::Expected<std::pair<std::vector<TensorSignature>, std::vector<TensorSignature>>>
getSignature(mlir::ModuleOp module);

/// Runs @main on `inputs` (in argument order; each must match its signature
/// exactly). The module must have been through qg-legalize-integer.
llvm::Expected<std::vector<HostTensor>>
runReference(mlir::ModuleOp module, const std::vector<HostTensor> &inputs);

} // namespace npc

#endif
