//===- WideTables.h - how far a 16-bit table's rounding reaches -*- C++ -*-===//
#ifndef NPC_LIB_CONVERSION_ONNXTOQGRAPH_WIDETABLES_H
#define NPC_LIB_CONVERSION_ONNXTOQGRAPH_WIDETABLES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"

#include <optional>
#include <string>

namespace npc {

/// For a converted @main: the first reader of a 16-bit table npc chose for
/// an unquantized float function (wideTableParams) whose output that
/// table's rounding can move by more than one step, as a message naming
/// the reader's node, with `at` set to its location; empty when there is
/// none.
std::string wideTableError(mlir::func::FuncOp main, std::optional<mlir::Location> &at);

} // namespace npc

#endif
