#ifndef NPC_DIALECT_NOC_IR_NOC_H
#define NPC_DIALECT_NOC_IR_NOC_H
#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "npc/Dialect/NoC/IR/NoCOpsDialect.h.inc"
#define GET_OP_CLASSES
#include "npc/Dialect/NoC/IR/NoCOps.h.inc"

#include "npc/Runtime/TargetDesc.h"

namespace npc::noc {
/// The checks of one transfer's own fields, for `noc.transfer` and the
/// linked `prog.transfer` (which has the same fields).
template <typename TransferLike> mlir::LogicalResult verifyTransferFields(TransferLike op) {
  if (op.getNoc() < 0 || op.getNoc() >= kNumNocs)
    return op.emitOpError() << "noc " << op.getNoc() << " is not one of the four NoCs";
  if (op.getBytes() <= 0 || op.getStart() < 0 || op.getArrive() <= op.getStart())
    return op.emitOpError() << "needs bytes > 0 and 0 <= start < arrive";
  if (op.getBox().size() % 2 || op.getProducer().size() != 2 || op.getConsumer().size() != 2)
    return op.emitOpError()
           << "box needs lo and hi bounds; producer and consumer are (layer, tile)";
  return mlir::success();
}
} // namespace npc::noc
#endif
