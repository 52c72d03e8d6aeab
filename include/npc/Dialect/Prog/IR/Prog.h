#ifndef NPC_DIALECT_PROG_IR_PROG_H
#define NPC_DIALECT_PROG_IR_PROG_H
#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "npc/Dialect/Prog/IR/ProgOpsDialect.h.inc"
#define GET_OP_CLASSES
#include "npc/Dialect/Prog/IR/ProgOps.h.inc"
#endif
