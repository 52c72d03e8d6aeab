//===- NpcBase.td - definitions shared by npc dialects ------*- tablegen -*-===//
#ifndef NPC_BASE
#define NPC_BASE
include "mlir/IR/CommonAttrConstraints.td"

// An i64 attribute read back as int64_t (I64Attr reads uint64_t): core
// indices and layer ids use -1 for "frame buffer" / "none".
def NpcI64Attr : TypedSignlessIntegerAttrBase<I64, "int64_t",
                                              "64-bit signed integer attribute">;
#endif
