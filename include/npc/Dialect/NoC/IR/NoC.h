#ifndef NPC_DIALECT_NOC_IR_NOC_H
#define NPC_DIALECT_NOC_IR_NOC_H
#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "npc/Dialect/NoC/IR/NoCOpsDialect.h.inc"
#define GET_OP_CLASSES
#include "npc/Dialect/NoC/IR/NoCOps.h.inc"
#endif
