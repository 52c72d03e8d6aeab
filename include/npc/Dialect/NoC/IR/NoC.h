#ifndef NPC_DIALECT_NOC_IR_NOC_H
#define NPC_DIALECT_NOC_IR_NOC_H
#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/SymbolTable.h"
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
  if (op.getBox().size() % 2)
    return op.emitOpError() << "box needs lo and hi bounds";
  return mlir::success();
}

/// The symbol of tile `tile` of @main's `layer`-th compute layer, an `op`:
/// `conv2d_3.2`. (From the IR alone, not the layers' ONNX names, which a
/// module printed without locations loses: a module must schedule to the
/// same text however it was read.)
std::string tileSymbol(mlir::OperationName op, int64_t layer, int64_t tile);

/// A schedule's tiles by symbol, for reading transfers' producers and
/// consumers (built once: mlir::SymbolTable hashes the names).
class ScheduleTiles {
public:
  explicit ScheduleTiles(ScheduleOp schedule) : table_(schedule) {}
  /// The compute a transfer's producer or consumer names, or null (no
  /// reference, or a name that is not a noc.compute of the schedule).
  ComputeOp lookup(std::optional<llvm::StringRef> ref) const {
    return ref ? table_.lookup<ComputeOp>(*ref) : ComputeOp();
  }
  /// (layer, tile) of the named compute, (-1, -1) for none.
  std::pair<int64_t, int64_t> tileOf(std::optional<llvm::StringRef> ref) const {
    ComputeOp c = lookup(ref);
    return c ? std::make_pair(int64_t(c.getLayer()), int64_t(c.getTile()))
             : std::make_pair(int64_t(-1), int64_t(-1));
  }

private:
  mlir::SymbolTable table_;
};
} // namespace npc::noc
#endif
