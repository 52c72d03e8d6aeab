//===- Program.h - the per-core instruction encoding -------------*- C++ -*-===//
//
// Every instruction is 16 bytes, little-endian: u8 opcode, 3 zero bytes,
// u32 operand a, u64 operand b (docs/artifact.md).
//
//===----------------------------------------------------------------------===//
#ifndef NPC_EXECUTOR_PROGRAM_H
#define NPC_EXECUTOR_PROGRAM_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <vector>

namespace npc {

enum class Opcode : uint8_t {
  WaitUntil = 1, // b: cycle
  Send = 2,      // a: transfer id
  Recv = 3,      // a: transfer id
  Compute = 4,   // a: layer, b: tile
};

struct Instruction {
  Opcode op;
  uint32_t a = 0;
  uint64_t b = 0;
};

constexpr size_t kInstructionBytes = 16;

/// Bytes of a core's program with `events` sends, receives and computes at
/// `cycles` distinct cycles: one instruction per event and one wait_until
/// per cycle (npc-emit-programs). The program sits in the core's memory
/// above its buffers, so the mapper and the scheduler count it too.
inline int64_t programBytes(int64_t events, int64_t cycles) {
  return (events + cycles) * int64_t(kInstructionBytes);
}

std::vector<uint8_t> encodeProgram(llvm::ArrayRef<Instruction> code);
llvm::Expected<std::vector<Instruction>> decodeProgram(llvm::ArrayRef<uint8_t> bytes);

} // namespace npc

#endif
