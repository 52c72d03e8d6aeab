#ifndef NPC_MAP_PASSES
#define NPC_MAP_PASSES
include "mlir/Pass/PassBase.td"

def MapToCores : Pass<"npc-map-to-cores", "::mlir::ModuleOp"> {
  let summary = "Place tiles on cores and allocate their buffers";
  let description = [{
    Walks the cores in a snake order (row 0 left to right, row 1 right to
    left, ...) and places each layer's tiles on consecutive cores, continuing
    where the previous layer stopped, so that consecutive layers sit next to
    each other and activations travel few hops. Allocates every tile's
    parameters, input windows and output in its core's memory; all weights
    stay resident for the whole frame. A tile that fits no core fails with the
    layer, the bytes it needs and the largest free space left.
  }];
  let dependentDialects = ["::npc::nmap::MapDialect"];
}
#endif
