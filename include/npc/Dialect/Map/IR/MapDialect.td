//===- MapDialect.td - spatial mapping ----------------------*- tablegen -*-===//
#ifndef NPC_MAP_DIALECT
#define NPC_MAP_DIALECT
include "mlir/IR/OpBase.td"

def Map_Dialect : Dialect {
  let name = "nmap";
  let cppNamespace = "::npc::nmap";
  let summary = "Spatial mapping: the core of every tile and its buffers";
  let description = [{
    The mapping stage adds to every tiled layer
    `nmap.cores = array<i64: ...>` (core index y * cols + x, one per tile) and
    `nmap.buffers = array<i64: ...>`: per tile, (address, bytes) of its
    parameters, of each input window and of its output in that core's memory.
    The dialect verifies the counts, that every core exists, that every
    buffer (with its `nmap.copies` ring copies) lies inside the core's
    memory, and that no two buffers on one core overlap: at this level every
    buffer lives for the whole frame.
  }];
  let hasOperationAttrVerify = 1;
}
#endif
