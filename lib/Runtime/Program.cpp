//===- Program.cpp - the per-core instruction encoding --------------------===//
#include "npc/Runtime/Program.h"

#include <cstring>

using namespace npc;

std::vector<uint8_t> npc::encodeProgram(llvm::ArrayRef<Instruction> code) {
  std::vector<uint8_t> out(code.size() * kInstructionBytes, 0);
  for (size_t i = 0; i < code.size(); ++i) {
    uint8_t *p = out.data() + i * kInstructionBytes;
    p[0] = uint8_t(code[i].op);
    std::memcpy(p + 4, &code[i].a, 4);
    std::memcpy(p + 8, &code[i].b, 8);
  }
  return out;
}

llvm::Expected<std::vector<Instruction>> npc::decodeProgram(llvm::ArrayRef<uint8_t> bytes) {
  if (bytes.size() % kInstructionBytes)
    return llvm::createStringError(std::errc::invalid_argument,
                                   "program of %zu bytes is not a whole number of %zu-byte instructions",
                                   bytes.size(), kInstructionBytes);
  std::vector<Instruction> code;
  for (size_t i = 0; i < bytes.size(); i += kInstructionBytes) {
    const uint8_t *p = bytes.data() + i;
    if (p[0] < 1 || p[0] > 4 || p[1] || p[2] || p[3])
      return llvm::createStringError(std::errc::invalid_argument,
                                     "instruction %zu: invalid opcode or reserved bytes",
                                     i / kInstructionBytes);
    Instruction in{Opcode(p[0])};
    std::memcpy(&in.a, p + 4, 4);
    std::memcpy(&in.b, p + 8, 8);
    code.push_back(in);
  }
  return code;
}
