//===- ProgOps.cpp - per-core programs ------------------------------------===//
#include "npc/Dialect/Prog/IR/Prog.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace npc::prog;

#include "npc/Dialect/Prog/IR/ProgOpsDialect.cpp.inc"

void ProgDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "npc/Dialect/Prog/IR/ProgOps.cpp.inc"
      >();
}

LogicalResult CoreOp::verify() {
  if (getCore() < -1)
    return emitOpError() << "core index must be >= -1 (-1: frame buffer)";
  int64_t last = 0;
  for (Operation &op : getBody().front())
    if (auto w = dyn_cast<WaitUntilOp>(op)) {
      if (w.getCycle() < last)
        return w.emitOpError() << "waits for cycle " << w.getCycle()
                               << " after already waiting for " << last
                               << ": a program runs forward in time";
      last = w.getCycle();
    }
  return success();
}

#define GET_OP_CLASSES
#include "npc/Dialect/Prog/IR/ProgOps.cpp.inc"
