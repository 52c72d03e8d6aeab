//===- Passes.h - passes across the chip dialects ----------------*- C++ -*-===//
#ifndef NPC_TRANSFORMS_PASSES_H
#define NPC_TRANSFORMS_PASSES_H

#include "npc/Dialect/Map/Transforms/Passes.h"
#include "npc/Dialect/NoC/IR/NoC.h"

#include "mlir/Pass/Pass.h"

#include <vector>

namespace npc {

#define GEN_PASS_DECL
#include "npc/Transforms/Passes.h.inc"

/// The npc-map-to-cores options npc-search-mapping tries: the defaults,
/// then (band-rows, row-merge-percent) = (4, 20), (8, 15), (4, 30).
std::vector<nmap::MapToCoresOptions> mappingVariants();

/// The min-parallel-cycles values npc-search-mapping tiles with when it
/// retiles: `first`, then 16, 64 and 128 (each once).
std::vector<int64_t> tilingVariants(int64_t first);

#define GEN_PASS_REGISTRATION
#include "npc/Transforms/Passes.h.inc"

} // namespace npc

#endif
