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

#include <algorithm>
#include <map>
#include <tuple>

namespace npc {

/// What the artifact holds, before encoding: the manifest (without its
/// report), each core's program (core -1: the frame buffer's) and each
/// core's memory image (parameters at their addresses).
struct LinkedProgram {
  Manifest manifest;
  std::map<int64_t, std::vector<Instruction>> programs;
  std::map<int64_t, std::vector<uint8_t>> memory;
};

/// A transfer's fields as the manifest has them, from `noc.transfer` or the
/// linked `prog.transfer`: all but the producer and consumer tiles, which
/// the two name differently.
template <typename TransferLike> ManifestTransfer transferFields(TransferLike x) {
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
  t.operand = x.getOperand();
  t.group = x.getMulticast().value_or(-1);
  return t;
}
/// The linked form names them as (layer, tile) pairs ...
inline ManifestTransfer manifestTransfer(prog::TransferOp x) {
  ManifestTransfer t = transferFields(x);
  std::copy_n(x.getProducer().begin(), 2, t.producer);
  std::copy_n(x.getConsumer().begin(), 2, t.consumer);
  return t;
}
/// ... the timetable by the symbols of its computes, which `tiles` resolves.
inline ManifestTransfer manifestTransfer(noc::TransferOp x, const noc::ScheduleTiles &tiles) {
  ManifestTransfer t = transferFields(x);
  std::tie(t.producer[0], t.producer[1]) = tiles.tileOf(x.getProducer());
  std::tie(t.consumer[0], t.consumer[1]) = tiles.tileOf(x.getConsumer());
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
