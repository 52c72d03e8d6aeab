//===- LinkProgram.cpp - the self-contained program of a compiled module --===//
//
// Gathers what the chip runs from the levels above (each layer's geometry
// and tiles from qg/ntile/nmap, the timetable from noc, the programs from
// npc-emit-programs), lays out each core's memory image, checks that every
// core holds its buffers and its program and that the frame buffer holds
// the frames in flight, and replaces the module's body with the linked
// prog ops (npc/Target/LinkedProgram.h).
//
//===----------------------------------------------------------------------===//
#include "npc/Analysis/Footprint.h"
#include "npc/Analysis/GraphModel.h"
#include "npc/Dialect/Map/IR/MapDialect.h"
#include "npc/Dialect/NoC/IR/NoC.h"
#include "npc/Dialect/Prog/IR/Prog.h"
#include "npc/Dialect/Prog/Transforms/Passes.h"
#include "npc/Dialect/QGraph/IR/QGraph.h"
#include "npc/Dialect/Tile/IR/TileDialect.h"
#include "npc/Target/LinkedProgram.h"
#include "npc/Target/TargetAttr.h"

namespace npc::prog {
#define GEN_PASS_DEF_LINKPROGRAM
#include "npc/Dialect/Prog/Transforms/Passes.h.inc"
} // namespace npc::prog

using namespace mlir;
using namespace npc;

/// The linked program of a module that has been through npc-emit-programs.
static llvm::Expected<LinkedProgram> collect(ModuleOp module) {
  auto target = getModuleTarget(module);
  if (!target)
    return target.takeError();
  // Weights are read layer by layer below, each layer's dropped after its
  // tiles' images: all of them at once (int32) were 4 bytes per weight of
  // the compile's memory peak.
  auto graph = buildGraphModel(module, /*withWeights=*/false);
  if (!graph)
    return graph.takeError();
  auto scheds = llvm::to_vector(module.getOps<noc::ScheduleOp>());
  // (A graph with nothing on the chip has a timetable and no programs.)
  if (scheds.size() != 1)
    return llvm::createStringError(std::errc::invalid_argument,
                                   "expects one noc.schedule and its programs: run "
                                   "npc-schedule-noc and npc-emit-programs first");
  LinkedProgram p;
  Manifest &m = p.manifest;
  m.target = *target;
  m.cycles = scheds[0].getCycles();
  m.period = scheds[0].getPeriod().value_or(m.cycles);
  m.inputs = graph->inputs;
  m.outputs = graph->outputs;
  for (const TensorNode &t : graph->tensors) {
    ManifestTensor mt;
    mt.shape = t.shape;
    mt.kind = t.kind;
    mt.producer = t.home == TensorHome::Layer ? t.producer : -1;
    if (t.home == TensorHome::Constant)
      mt.constant = *qg::getConstantInts(t.value);
    m.tensors.push_back(std::move(mt));
  }
  // Memory images: every tile's parameters at their address.
  for (const LayerNode &shape : graph->layers) {
    auto spec = qg::describeLayer(shape.op, /*withWeights=*/true);
    if (!spec)
      return spec.takeError();
    LayerNode l = shape;
    l.spec = std::move(*spec);
    ManifestLayer ml;
    ml.name = l.name;
    ml.geometry = l.spec.geometry;
    ml.inputs = l.inputs;
    ml.inputReshaped = l.inputReshaped;
    ml.output = l.output;
    auto tiles = ntile::getTiles(l.op);
    auto places = nmap::getPlacements(l.op);
    for (size_t t = 0; t < tiles.size(); ++t) {
      TileFootprint f = tileFootprint(*graph, l, tiles[t], /*withValues=*/true);
      ManifestTile mt;
      mt.box = tiles[t];
      mt.core = places[t].core;
      mt.paramAddr = places[t].paramAddr;
      mt.layout = f.layout;
      for (auto [i, in] : llvm::enumerate(places[t].inputs)) {
        mt.inputAddrs.push_back(in.first);
        mt.inputCopies.push_back(places[t].inputCopies(i));
      }
      mt.inputBoxes = f.inputBoxes;
      mt.outAddr = places[t].outAddr;
      mt.outCopies = places[t].outCopies();
      mt.macs = kernels::workFor(l.spec.geometry, tiles[t]);
      mt.paramsFrom = places[t].paramsFrom;
      if (mt.paramsFrom >= 0) { // (its parameters are another tile's)
        ml.tiles.push_back(std::move(mt));
        continue;
      }
      auto &img = p.memory[mt.core];
      if (int64_t(img.size()) < mt.paramAddr + f.layout.totalBytes)
        img.resize(mt.paramAddr + f.layout.totalBytes, 0);
      auto bytes = encodeParams(f.params, f.layout);
      std::copy(bytes.begin(), bytes.end(), img.begin() + mt.paramAddr);
      ml.tiles.push_back(std::move(mt));
    }
    m.layers.push_back(std::move(ml));
  }
  noc::ScheduleTiles tiles(scheds[0]);
  for (Operation &op : scheds[0].getBody().front()) {
    if (auto c = dyn_cast<noc::ComputeOp>(op)) {
      ManifestTile &t = m.layers[c.getLayer()].tiles[c.getTile()];
      t.start = c.getStart();
      t.end = c.getEnd();
    } else if (auto x = dyn_cast<noc::TransferOp>(op)) {
      m.transfers.push_back(manifestTransfer(x, tiles));
    }
  }
  for (auto core : module.getOps<prog::CoreOp>())
    p.programs[core.getCore()] = programOf(core);
  // One frame at a time, host link included: the next frame's inputs start
  // crossing when this frame's outputs have left, so the frame buffer holds
  // one frame (a pipelined period already covers the host link:
  // npc-schedule-noc starts its search there).
  if (!scheds[0].getPeriod()) {
    FrameBufferUse u = frameBufferUse(m);
    m.period = u.hostInputCycles + m.cycles + u.hostOutputCycles;
  }
  return p;
}

namespace {
struct LinkProgram : npc::prog::impl::LinkProgramBase<LinkProgram> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    auto linked = collect(module);
    if (!linked) {
      module.emitError() << llvm::toString(linked.takeError());
      return signalPassFailure();
    }
    // Every core holds its buffers and its program; the frame buffer holds
    // the frames in flight (npc-translate checks the same on what it reads).
    auto used = coreMemoryUse(*linked);
    llvm::Error err = used ? checkFrameBuffer(linked->manifest) : used.takeError();
    if (err) {
      module.emitError() << llvm::toString(std::move(err));
      return signalPassFailure();
    }
    for (Operation &op : llvm::make_early_inc_range(*module.getBody()))
      op.erase();
    writeLinkedProgram(module, *linked);
  }
};
} // namespace
