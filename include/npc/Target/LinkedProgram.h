//===- LinkedProgram.h - the linked prog module and the artifact -*- C++ -*-===//
//
// The last level of the pipeline: everything the chip runs, and nothing
// else. `npc-link-program` writes it as `prog` ops (prog.frame, prog.tensor,
// prog.layer/prog.tile, prog.transfer, prog.host and each prog.core's
// program and memory image); the artifact is a translation of those ops
// alone (`npc-translate --npx`, `npc compile`).
//
//===----------------------------------------------------------------------===//
#ifndef NPC_TARGET_LINKEDPROGRAM_H
#define NPC_TARGET_LINKEDPROGRAM_H

#include "npc/Dialect/NoC/IR/NoC.h"
#include "npc/Dialect/Prog/IR/Prog.h"
#include "npc/Runtime/Artifact.h"
#include "npc/Runtime/Manifest.h"
#include "npc/Runtime/Program.h"

#include "mlir/IR/BuiltinOps.h"

#include <map>

namespace npc {

/// What the artifact holds, before encoding: the manifest (without its
/// report), each core's program (core -1: the frame buffer's) and each
/// core's memory image (parameters at their addresses).
struct LinkedProgram {
  Manifest manifest;
  std::map<int64_t, std::vector<Instruction>> programs;
  std::map<int64_t, std::vector<uint8_t>> memory;
};

/// A transfer as the manifest has it, from `noc.transfer` or the linked
/// `prog.transfer` (the same fields but the producer and consumer tiles:
/// (layer, tile) pairs in `prog`, symbols of the schedule's computes in
/// `noc`, which `tiles` resolves).
inline void setEndpoints(ManifestTransfer &t, prog::TransferOp x) {
  t.producer[0] = x.getProducer()[0];
  t.producer[1] = x.getProducer()[1];
  t.consumer[0] = x.getConsumer()[0];
  t.consumer[1] = x.getConsumer()[1];
}
inline void setEndpoints(ManifestTransfer &t, noc::TransferOp x, const noc::ScheduleTiles &tiles) {
  auto p = tiles.tileOf(x.getProducer()), c = tiles.tileOf(x.getConsumer());
  t.producer[0] = p.first;
  t.producer[1] = p.second;
  t.consumer[0] = c.first;
  t.consumer[1] = c.second;
}
template <typename TransferLike, typename... Tiles>
ManifestTransfer manifestTransfer(TransferLike x, const Tiles &...tiles) {
  ManifestTransfer t;
  t.id = x.getId();
  t.noc = x.getNoc();
  t.src = x.getSrc();
  t.dst = x.getDst();
  t.bytes = x.getBytes();
  t.start = x.getStart();
  t.arrive = x.getArrive();
  t.route.assign(x.getRoute().begin(), x.getRoute().end());
  t.tensor = int(x.getTensor());
  t.box = kernels::Box::fromBounds(x.getBox());
  setEndpoints(t, x, tiles...);
  t.operand = x.getOperand();
  t.group = x.getMulticast().value_or(-1);
  return t;
}

/// A core's program as instruction words.
std::vector<Instruction> programOf(prog::CoreOp core);

/// Appends `p` to the (empty) body of `module` as prog ops; the module's
/// `npc.target` stays as it is.
void writeLinkedProgram(mlir::ModuleOp module, const LinkedProgram &p);

/// Reads a linked module (one with a prog.frame) back; the target is the
/// module's `npc.target`.
llvm::Expected<LinkedProgram> readLinkedProgram(mlir::ModuleOp module);

/// Bytes in use on each core: its highest buffer end plus its program,
/// which sits above the buffers. An error names the core that overflows and
/// its largest tiles.
llvm::Expected<std::vector<int64_t>> coreMemoryUse(const LinkedProgram &p);

/// True when `module` is linked (has a prog.frame).
bool isLinked(mlir::ModuleOp module);

/// The report of a linked module (docs/report: per layer, per core and the
/// summary), after the same checks as the artifact's.
llvm::Expected<llvm::json::Object> reportOf(mlir::ModuleOp module);
/// The report as `npc compile --report` and `npc-report` write it.
std::string formatReport(const llvm::json::Object &report);

/// The artifact of a linked module: manifest (with the report), per-core
/// programs and memory images, from its prog ops alone.
llvm::Expected<Artifact> buildArtifact(mlir::ModuleOp module);

} // namespace npc

#endif
