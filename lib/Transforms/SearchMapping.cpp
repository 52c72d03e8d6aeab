//===- SearchMapping.cpp - keep the fastest of several mappings -----------===//
#include "npc/Transforms/Passes.h"
#include "npc/Analysis/GraphModel.h"
#include "npc/Runtime/TargetModel.h"
#include "npc/Dialect/NoC/IR/NoC.h"
#include "npc/Dialect/NoC/Transforms/Passes.h"
#include "npc/Dialect/QGraph/IR/LayerSpec.h"
#include "npc/Dialect/QGraph/Transforms/Passes.h"
#include "npc/Dialect/Tile/IR/TileDialect.h"
#include "npc/Dialect/Tile/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassManager.h"

#include <climits>
#include <map>
#include <set>

namespace npc {
#define GEN_PASS_DEF_SEARCHMAPPING
#include "npc/Transforms/Passes.h.inc"
} // namespace npc

using namespace mlir;
using namespace npc;

std::vector<nmap::MapToCoresOptions> npc::mappingVariants() {
  std::vector<nmap::MapToCoresOptions> v(5);
  v[1].rowMergePercent = 20;
  v[2].bandRows = 8;
  v[3].rowMergePercent = 30;
  v[4].rowMergePercent = 0; // rows merge wherever they share a core
  return v;
}

std::vector<TilingVariant> npc::tilingVariants(int64_t first, bool withFillSpan) {
  std::vector<TilingVariant> v = {{first, true}};
  for (int64_t c : {16, 64, 128})
    if (c != first)
      v.push_back({c, true});
  v.push_back({first, false});
  if (withFillSpan)
    v.push_back({first, true, true});
  return v;
}

namespace {

/// A schedule's (period, latency).
using Cost = std::pair<int64_t, int64_t>;

/// The schedule's cost of a scheduled module.
std::optional<Cost> scheduleCost(ModuleOp module) {
  auto scheds = llvm::to_vector(module.getOps<noc::ScheduleOp>());
  if (scheds.size() != 1)
    return std::nullopt;
  int64_t cycles = scheds[0].getCycles();
  return std::make_pair(scheds[0].getPeriod().value_or(cycles), cycles);
}

struct SearchMapping : npc::impl::SearchMappingBase<SearchMapping> {
  using SearchMappingBase::SearchMappingBase;

  /// Tiles (minParallelCycles >= 0: with that variant), maps and schedules
  /// `target`, one pipeline run.
  LogicalResult mapAndSchedule(ModuleOp target, TilingVariant tiling,
                               const nmap::MapToCoresOptions &variant = {}) {
    OpPassManager pm(ModuleOp::getOperationName());
    if (tiling.fuseConvAdd)
      pm.addPass(qg::createFuseConvAdd());
    if (tiling.minParallelCycles >= 0) {
      ntile::TileLayersOptions tileOpts;
      tileOpts.parallel = parallel;
      tileOpts.minParallelCycles = tiling.minParallelCycles;
      tileOpts.laneAligned = tiling.laneAligned;
      tileOpts.fillSpan = fillSpan || tiling.fillSpan;
      tileOpts.leastParams = tiling.shareMemory;
      tileOpts.streamWeights = tiling.streamWeights || streamWeights;
      if (tiling.tilesPerCore > 0)
        tileOpts.tilesPerCore = tiling.tilesPerCore;
      pm.addPass(ntile::createTileLayers(tileOpts));
    }
    nmap::MapToCoresOptions mapOpts = variant;
    mapOpts.reuseBuffers = variant.reuseBuffers || tiling.shareMemory;
    mapOpts.streamWeights = variant.streamWeights || tiling.streamWeights || streamWeights;
    pm.addPass(nmap::createMapToCores(mapOpts));
    noc::ScheduleNoCOptions nocOpts;
    nocOpts.pipeline = pipeline;
    pm.addPass(noc::createScheduleNoC(nocOpts));
    return runPipeline(pm, target);
  }

  /// The tiles of every layer, in order (what a tiling chose).
  static std::vector<Attribute> tilesOf(Operation *root) {
    std::vector<Attribute> t;
    root->walk([&](Operation *op) {
      if (Attribute a = op->getAttr(ntile::kTilesAttr))
        t.push_back(a);
    });
    return t;
  }

  /// Shorter period, then shorter latency.
  static bool faster(Cost now, Cost other) { return other < now; }
  /// Shorter period (a shorter latency alone does not count).
  static bool shorterPeriod(Cost now, Cost other) { return other.first < now.first; }

  /// A copy of `pristine` that `build` turned into a scheduled module, and
  /// that schedule's cost (none if `build` failed). The copy is nested in
  /// `module` while `build` runs (a pass may only run pipelines on its own
  /// op or ops inside it), quietly (a try that does not fit is no error),
  /// then detached, with what the pipelines cached for it dropped (a later
  /// copy may be allocated at the same address and must not inherit it).
  std::pair<OwningOpRef<ModuleOp>, std::optional<Cost>>
  buildQuietly(ModuleOp module, ModuleOp pristine,
               llvm::function_ref<LogicalResult(ModuleOp)> build) {
    ModuleOp candidate = pristine.clone();
    module.push_back(candidate);
    LogicalResult ok = failure();
    {
      ScopedDiagnosticHandler quiet(&getContext(), [](Diagnostic &) { return success(); });
      ok = build(candidate);
    }
    getAnalysisManager().nest(candidate).clear();
    candidate->remove();
    OwningOpRef<ModuleOp> owned(candidate);
    auto cost = succeeded(ok) ? scheduleCost(candidate) : std::nullopt;
    return {std::move(owned), cost};
  }

  /// A candidate built by `build` from a copy of `pristine` (buildQuietly)
  /// replaces the module's ops if `better(module's cost, candidate's
  /// cost)`. True when it did.
  bool keepIfFaster(ModuleOp module, ModuleOp pristine,
                    llvm::function_ref<LogicalResult(ModuleOp)> build,
                    llvm::function_ref<bool(Cost, Cost)> better = faster) {
    auto [candidate, other] = buildQuietly(module, pristine, build);
    auto now = scheduleCost(module);
    if (!(now && other && better(*now, *other)))
      return false;
    module.getBodyRegion().takeBody(candidate->getBodyRegion());
    return true;
  }

  /// Whether the host link sets `module`'s pipelined period: no mapping
  /// can go faster.
  bool hostBound(ModuleOp module) {
    auto period = periodAndHostFloor(module);
    return period && period->first <= period->second;
  }

  /// After the default tiling succeeded on `module`: the same with
  /// fill-span, where that tiles some layer differently, kept if its
  /// schedule is faster. Layers with fewer channels than the cores they
  /// span gain (googlenet, the mobilenets' depthwise layers); others can
  /// lose (docs/tiling.md), hence both.
  bool fillSpanIfFaster(ModuleOp module, ModuleOp pristine) {
    std::vector<Attribute> chosen = tilesOf(module);
    return keepIfFaster(module, pristine, [&](ModuleOp candidate) -> LogicalResult {
      ntile::TileLayersOptions tileOpts;
      tileOpts.parallel = parallel;
      tileOpts.minParallelCycles = minParallelCycles;
      tileOpts.fillSpan = true;
      tileOpts.streamWeights = streamWeights;
      OpPassManager tile(ModuleOp::getOperationName());
      tile.addPass(ntile::createTileLayers(tileOpts));
      if (failed(runPipeline(tile, candidate)) || tilesOf(candidate) == chosen)
        return failure(); // (the same tiles: nothing to gain)
      return mapAndSchedule(candidate, {-1, true});
    });
  }

  /// The period of `module`'s pipelined schedule and the host link's floor
  /// under it (hostLinkFloor), if it has one.
  std::optional<std::pair<int64_t, int64_t>> periodAndHostFloor(ModuleOp module) {
    auto now = scheduleCost(module);
    auto chip = loadChipModel(module);
    if (!chip) {
      llvm::consumeError(chip.takeError());
      return std::nullopt;
    }
    if (!now || !pipeline)
      return std::nullopt;
    auto model = TargetModel::create(chip->first);
    return std::make_pair(now->first, hostLinkFloor(chip->second, *model));
  }

  /// After the default mapping on `module`: when the host link sets its
  /// period (no mapping can go faster), `tiling` (the one kept) mapped with
  /// row tiles of a layer merged wherever they share a core
  /// (row-merge-percent=0), kept if the cost model gives it the same
  /// period and a shorter latency. The default keeps long merged tiles
  /// apart for the memory their input windows hold; a network light enough
  /// to wait on the host link has that memory, and its merged rows are
  /// fewer tiles and transfers (INT2 ResNet-50: 716 -> 568 tiles, latency
  /// 196,437 -> 185,392 cycles; docs/mapping.md).
  void rowsMergedIfFaster(ModuleOp module, ModuleOp pristine, TilingVariant tiling) {
    if (!hostBound(module))
      return;
    keepIfFaster(module, pristine, [&](ModuleOp candidate) {
      nmap::MapToCoresOptions merged;
      merged.rowMergePercent = 0;
      return mapAndSchedule(candidate, tiling, merged);
    });
  }

  /// Whether the timetable sets `module`'s pipelined period: above the
  /// busiest core's compute and the host link's floor (buffer copies that
  /// do not fit, or no room in the gaps).
  bool timetableBound(ModuleOp module) {
    auto period = periodAndHostFloor(module);
    if (!period || period->first <= period->second)
      return false;
    std::map<int64_t, int64_t> load;
    module.walk([&](noc::ComputeOp c) { load[c.getCore()] += c.getEnd() - c.getStart(); });
    int64_t busiest = 0;
    for (auto [core, cycles] : load)
      busiest = std::max(busiest, cycles);
    return period->first > busiest;
  }

  /// After the other tries on `module`: when the timetable sets its period,
  /// the network with each convolution fused into the add that is its only
  /// use (qg-fuse-conv-add), tiled with `tiling`, mapped and scheduled with
  /// the defaults, kept if its period is shorter. A fused convolution's
  /// result is neither stored nor moved: a ResNet block's last 1x1
  /// convolution no longer holds its output and the add no longer holds a
  /// window of it (ResNet-152: docs/mapping.md).
  bool fusedIfFaster(ModuleOp module, ModuleOp pristine, TilingVariant tiling) {
    if (!tryFuseConvAdd || !qg::hasFusibleConvAdd(pristine) || !timetableBound(module))
      return false;
    return keepIfFaster(
        module, pristine,
        [&](ModuleOp candidate) {
          TilingVariant fused = tiling;
          fused.fuseConvAdd = true;
          return mapAndSchedule(candidate, fused);
        },
        shorterPeriod);
  }

  /// Last, after the other tries on `module`: when the timetable still sets
  /// its period, the network tiled and mapped with the weights of MAC
  /// layers' row tiles streamed from their row-0 tile over the model NoC
  /// (stream-weights), kept if its period is shorter. A row tile then holds
  /// no copy of its layer's weights, and memory-bound networks place finer
  /// tiles (ResNet-152: docs/mapping.md, "Streamed weights").
  bool streamedIfFaster(ModuleOp module, ModuleOp pristine) {
    if (!tryStreamWeights || streamWeights || !timetableBound(module))
      return false;
    // The default tiling without fill-span (a tiling kept for its fill-span
    // or coarser tiles need not be what streaming wants) twice: unfused,
    // streamed row tiles merging on a core as tiles with weights do; and
    // with convolutions fused into their adds, streamed row tiles apart
    // (stream-rows-apart). Of the four combinations these two win:
    // ResNet-50 at 320 and ResNet-101 the first (27,277 and 18,808 cycles
    // per frame), ResNet-152 the second (30,875; 41,594 fused and merged).
    bool kept = false;
    for (bool fuse : {false, true}) {
      if (fuse && (!tryFuseConvAdd || !qg::hasFusibleConvAdd(pristine)))
        continue;
      TilingVariant t{minParallelCycles, true};
      t.fuseConvAdd = fuse;
      t.streamWeights = true;
      nmap::MapToCoresOptions mapOpts;
      mapOpts.streamRowsApart = fuse;
      // (A candidate that streams nothing is another tiling, not this
      // rule's: it is not kept here.)
      kept |= keepIfFaster(
          module, pristine,
          [&](ModuleOp candidate) {
            if (failed(mapAndSchedule(candidate, t, mapOpts)))
              return failure();
            bool streams = false;
            candidate.walk([&](Operation *op) {
              for (const nmap::TilePlacement &p : nmap::getPlacements(op))
                streams |= p.paramsFrom >= 0;
            });
            return success(streams);
          },
          shorterPeriod);
    }
    return kept;
  }

  /// Last: where the busiest core sets `module`'s period and computes a
  /// tile of a matmul with one weight matrix, the network with that
  /// matmul's reduction split in 2, 4, 8 or 16 parts (qg-split-reductions;
  /// each part a multiple of the MAC array's depth), tiled with `tiling`,
  /// mapped and scheduled; the shortest period is kept if shorter. A
  /// matmul with few output columns and one row cuts into few tiles along
  /// its channels (a lane's width each), so its reduction is what can
  /// spread over more cores (docs/mapping.md, "Split reductions").
  bool splitIfFaster(ModuleOp module, ModuleOp pristine, TilingVariant tiling) {
    auto period = periodAndHostFloor(module);
    if (!trySplitReductions || !period || period->first <= period->second)
      return false;
    std::map<int64_t, int64_t> load;
    module.walk([&](noc::ComputeOp c) { load[c.getCore()] += c.getEnd() - c.getStart(); });
    std::pair<int64_t, int64_t> busiest{-1, 0};
    for (auto [core, cycles] : load)
      if (cycles > busiest.second)
        busiest = {core, cycles};
    if (busiest.first < 0 || period->first > busiest.second)
      return false;
    // The matmuls on the busiest core, by their position among the
    // module's matmuls (which the pristine copy has in the same order:
    // fusion touches convolutions only).
    // (@main's layers in order, as GraphModel numbers them.)
    auto main = module.lookupSymbol<func::FuncOp>("main");
    if (!main || main.getBody().empty())
      return false;
    std::vector<Operation *> layers;
    std::map<Operation *, int64_t> matmulIndex;
    for (Operation &op : main.getBody().front()) {
      if (qg::isComputeLayer(&op))
        layers.push_back(&op);
      if (isa<qg::MatMulOp>(op))
        matmulIndex.emplace(&op, int64_t(matmulIndex.size()));
    }
    std::set<int64_t> onBusiest;
    module.walk([&](noc::ComputeOp c) {
      if (c.getCore() != busiest.first || c.getLayer() < 0 || c.getLayer() >= int64_t(layers.size()))
        return;
      auto mm = dyn_cast<qg::MatMulOp>(layers[c.getLayer()]);
      if (mm && !mm.getReductionOffset() && cast<ShapedType>(mm.getWeight().getType()).getRank() == 2)
        onBusiest.insert(matmulIndex[mm]);
    });
    if (onBusiest.empty())
      return false;
    auto chip = loadChipModel(module);
    if (!chip) {
      llvm::consumeError(chip.takeError());
      return false;
    }
    bool kept = false;
    for (int64_t index : onBusiest)
      for (int64_t parts : {2, 4, 8, 16})
        kept |= keepIfFaster(
            module, pristine,
            [&](ModuleOp candidate) -> LogicalResult {
              qg::MatMulOp mm;
              int64_t i = 0;
              if (auto f = candidate.lookupSymbol<func::FuncOp>("main"))
                f.walk([&](qg::MatMulOp op) {
                  if (i++ == index)
                    mm = op;
                });
              if (!mm)
                return failure();
              // Parts in whole passes of the array's depth at the
              // matmul's precision (deeper at 4 and 2 bits).
              auto spec = qg::describeLayer(mm, /*withWeights=*/false);
              if (!spec) {
                llvm::consumeError(spec.takeError());
                return failure();
              }
              const int64_t depth = std::max<int64_t>(
                  chip->first.macArray(int(spec->geometry.operandBits)).depth, 1);
              std::string why;
              if (failed(qg::splitReduction(mm, parts, depth, why)))
                return failure();
              return mapAndSchedule(candidate, tiling);
            },
            shorterPeriod);
    return kept;
  }

  /// After the default tiling on `module`: when the timetable sets its
  /// period (above the busiest core's compute and the host link's floor:
  /// buffer copies that do not fit, or no room in the gaps), the network
  /// tiled with small layers cut no finer than kCoarseParallelCycles per
  /// tile, mapped and scheduled with the defaults, kept if its period is
  /// shorter (a shorter latency alone does not pay for longer tiles); true
  /// when it was. Fewer, longer tiles hold fewer input windows and copies
  /// (ResNet-34 10,641 -> 8,064 cycles per frame, ResNet-101 22,735 ->
  /// 20,587; docs/mapping.md).
  static constexpr int64_t kCoarseParallelCycles = 64;
  bool coarserIfFaster(ModuleOp module, ModuleOp pristine, bool fillSpanTiling) {
    if (minParallelCycles >= kCoarseParallelCycles || !timetableBound(module))
      return false;
    return keepIfFaster(
        module, pristine,
        [&](ModuleOp candidate) {
          return mapAndSchedule(candidate, {kCoarseParallelCycles, true, fillSpanTiling});
        },
        shorterPeriod);
  }

  /// After the default tiling on `module`: when the host link sets its
  /// period (the chip waits on the host whatever the tiling), the network
  /// tiled with small layers cut no finer than kHostBoundParallelCycles per
  /// tile, mapped and scheduled as `module` was (the defaults, then rows
  /// merged if faster), kept if its period is the same and its latency at
  /// most kHostBoundLatencyPercent longer; true when it was. A host-bound
  /// twin of a core-bound network (INT4/INT2 ResNet-34) has half or a
  /// quarter of its compute cycles per layer, so the default cuts its
  /// layers into many short tiles: a third more tiles and transfers than
  /// its INT8 twin, for nothing the period can show (docs/mapping.md). Not with min-parallel-cycles=0, which asks for
  /// `parallel` tiles always.
  static constexpr int64_t kHostBoundParallelCycles = 128;
  static constexpr int64_t kHostBoundLatencyPercent = 2;
  bool coarserIfHostBound(ModuleOp module, ModuleOp pristine, bool fillSpanTiling) {
    if (minParallelCycles == 0 || minParallelCycles >= kHostBoundParallelCycles ||
        !hostBound(module))
      return false;
    return keepIfFaster(
        module, pristine,
        [&](ModuleOp candidate) {
          TilingVariant coarse{kHostBoundParallelCycles, true, fillSpanTiling};
          if (failed(mapAndSchedule(candidate, coarse)))
            return failure();
          rowsMergedIfFaster(candidate, pristine, coarse);
          return success();
        },
        [](Cost now, Cost other) {
          return other.first <= now.first &&
                 other.second * 100 <= now.second * (100 + kHostBoundLatencyPercent);
        });
  }

  /// Tiles (`tiling`), maps (`variant`) and schedules a copy of `pristine`
  /// (buildQuietly: a variant that does not fit is skipped). The copy
  /// becomes `best` if its schedule costs less than `bestCost` (period,
  /// then latency).
  void keepIfCheaper(ModuleOp module, ModuleOp pristine, TilingVariant tiling,
                     const nmap::MapToCoresOptions &variant, OwningOpRef<ModuleOp> &best,
                     Cost &bestCost) {
    auto [candidate, cost] = buildQuietly(module, pristine, [&](ModuleOp c) {
      return mapAndSchedule(c, tiling, variant);
    });
    if (cost && *cost < bestCost) {
      bestCost = *cost;
      best = std::move(candidate);
    }
  }

  /// Where no tiling fits with every buffer resident: tiled for buffers
  /// that share memory and mapped so (frames one at a time), on copies of
  /// `module`, quietly; the fastest that fits replaces it (success).
  /// Channels cut to any count fit more often; cut in whole lanes, with
  /// half as many tiles per core (fewer copies of the weights), the MAC
  /// arrays fill better where it fits (ResNet-50 at 448: 616,851 ->
  /// 528,378 cycles per frame; docs/mapping.md). Each also with
  /// convolutions fused into their adds (506,289).
  LogicalResult sharingMemory(ModuleOp module) {
    OwningOpRef<ModuleOp> pristine(module.clone());
    OwningOpRef<ModuleOp> best;
    Cost bestCost{INT64_MAX, INT64_MAX};
    TilingVariant variants[] = {{minParallelCycles, false, false, /*shareMemory=*/true},
                                {minParallelCycles, true, false, /*shareMemory=*/true, 2}};
    const bool fusible = tryFuseConvAdd && qg::hasFusibleConvAdd(*pristine);
    for (TilingVariant tiling : variants)
      for (bool fuse : {false, true}) {
        if (fuse && !fusible)
          continue;
        tiling.fuseConvAdd = fuse;
        keepIfCheaper(module, *pristine, tiling, nmap::MapToCoresOptions(), best, bestCost);
      }
    if (!best)
      return failure();
    module.getBodyRegion().takeBody(best->getBodyRegion());
    return success();
  }

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (firstFit) {
      // The default tiling and mapping, on the module itself (and the same
      // with fill-span, kept if faster); if the model does not fit
      // (lane-wide channel tiles copy weights into row tiles), again with
      // channels cut to any count, which reports why if it fails too. The
      // passes overwrite what a failed attempt left.
      {
        const bool alsoFillSpan = !fillSpan && tryFillSpan;
        OwningOpRef<ModuleOp> pristine = module.clone();
        ScopedDiagnosticHandler quiet(&getContext(), [](Diagnostic &) { return success(); });
        if (succeeded(mapAndSchedule(module, {minParallelCycles, true}))) {
          bool fillSpanTiling = fillSpan;
          if (alsoFillSpan && fillSpanIfFaster(module, *pristine))
            fillSpanTiling = true;
          TilingVariant kept{minParallelCycles, true, fillSpanTiling};
          if (coarserIfFaster(module, *pristine, fillSpanTiling))
            kept.minParallelCycles = kCoarseParallelCycles;
          rowsMergedIfFaster(module, *pristine, kept);
          if (kept.minParallelCycles != kCoarseParallelCycles)
            coarserIfHostBound(module, *pristine, fillSpanTiling);
          fusedIfFaster(module, *pristine, kept);
          streamedIfFaster(module, *pristine);
          splitIfFaster(module, *pristine, kept);
          return;
        }
      }
      // Channels cut to any count; then, where that does not fit either,
      // buffers sharing memory (frames one at a time); where nothing fits,
      // channels cut to any count again, reporting why.
      auto anyChannels = [&](bool reuse) {
        nmap::MapToCoresOptions mapOpts;
        mapOpts.reuseBuffers = reuse;
        return mapAndSchedule(module, {minParallelCycles, false}, mapOpts);
      };
      {
        ScopedDiagnosticHandler quiet(&getContext(), [](Diagnostic &) { return success(); });
        if (succeeded(anyChannels(false)))
          return;
      }
      if (succeeded(sharingMemory(module)))
        return;
      // (Sharing on this tiling too, so that the message may say it does
      // not place the network either.)
      if (failed(anyChannels(true)))
        signalPassFailure();
      return;
    }
    // Each candidate is a copy of the module as it came in, nested in it
    // while its pipeline runs (a pass may only run pipelines on its own op
    // or ops inside it) and detached again afterwards.
    OwningOpRef<ModuleOp> pristine(module.clone());
    OwningOpRef<ModuleOp> best;
    Cost bestCost{INT64_MAX, INT64_MAX};
    // -1: the module is tiled already.
    std::vector<TilingVariant> tilings =
        retile ? tilingVariants(minParallelCycles, !fillSpan && tryFillSpan)
               : std::vector<TilingVariant>{{-1, true}};
    TilingVariant bestTiling = tilings.front();
    for (TilingVariant tiling : tilings)
      for (const nmap::MapToCoresOptions &variant : mappingVariants()) {
        const Cost before = bestCost;
        keepIfCheaper(module, *pristine, tiling, variant, best, bestCost);
        if (bestCost != before)
          bestTiling = tiling;
      }
    if (!best && retile && succeeded(sharingMemory(module)))
      return;
    if (!best) {
      // None fits: the default mapping, on the module itself, says why.
      nmap::MapToCoresOptions mapOpts;
      mapOpts.reuseBuffers = retile;
      if (failed(mapAndSchedule(module, {retile ? minParallelCycles : -1, true}, mapOpts)))
        signalPassFailure();
      return;
    }
    // The winner's ops replace the module's own.
    module.getBodyRegion().takeBody(best->getBodyRegion());
    // Where the timetable sets its period, the winner's tiling again with
    // convolutions fused into their adds, as first-fit tries it.
    if (retile) {
      fusedIfFaster(module, *pristine, bestTiling);
      streamedIfFaster(module, *pristine);
      splitIfFaster(module, *pristine, bestTiling);
    }
  }
};

} // namespace
