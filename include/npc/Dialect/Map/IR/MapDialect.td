//===- MapDialect.td - spatial mapping ----------------------*- tablegen -*-===//
#ifndef NPC_MAP_DIALECT
#define NPC_MAP_DIALECT
include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"

def Map_Dialect : Dialect {
  let name = "nmap";
  let cppNamespace = "::npc::nmap";
  let summary = "Spatial mapping: the core of every tile and its buffers";
  let description = [{
    The mapping stage adds to every tiled layer `nmap.tiles`, one
    `#nmap.tile` per tile of its `ntile.tiles`, in the same order: the core
    that computes the tile and where its buffers lie in that core's memory.
    ```mlir
    nmap.tiles = [#nmap.tile<core = 17, params = (0, 10176),
                             inputs = [(10176, 57792) x 2],
                             output = (125760, 301056)>]
    ```
    The dialect verifies one placement per tile and one input window per
    activation operand, that every core exists on the module target's grid,
    that every buffer (with its ring copies) lies inside the core's memory,
    and that no two buffers on one core share a byte while both hold data
    (parameters share with nothing).
  }];
  let hasOperationAttrVerify = 1;
  let useDefaultAttributePrinterParser = 1;
}

class Map_Attr<string name, string attrMnemonic> : AttrDef<Map_Dialect, name> {
  let mnemonic = attrMnemonic;
}

def Map_BufferAttr : Map_Attr<"Buffer", "buffer"> {
  let summary = "A buffer of a core's memory: address, bytes and ring copies";
  let description = [{
    `(address, bytes)` in the core's memory, 8-byte aligned by the mapper;
    `x N` when the buffer has N copies (frame f uses copy f mod N, at
    address + copy * bytes rounded up to 8). Within `#nmap.tile` it is
    written without its `#nmap.buffer` prefix:
    `#nmap.buffer<(1024, 300) x 2>`.
  }];
  let parameters = (ins "int64_t":$addr, "int64_t":$bytes, "int64_t":$copies);
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    /// Parses and prints `(address, bytes)` and an optional `x copies`.
    static ::mlir::FailureOr<BufferAttr> parseBare(::mlir::AsmParser &parser);
    void printBare(::mlir::AsmPrinter &printer) const;
  }];
}

def Map_TileAttr : Map_Attr<"Tile", "tile"> {
  let summary = "One tile's placement: its core and its buffers";
  let description = [{
    `core` is the core index (y * columns + x on the target's grid);
    `params` the tile's parameter slice (weights, biases, multipliers; one
    copy, read in every frame), `inputs` one window per activation operand,
    in operand order, and `output` the tile's output box.

    `params = streamed from K` (`params_from` K, else -1): the tile keeps
    no parameters on its core; it computes with those of tile K of the same
    layer, which holds the same slice (a row tile's weights are its row
    neighbours'), streamed from K's core over the model NoC while it
    computes (docs/mapping.md, "Streamed weights"). The buffer is then
    `(0, 0)`.
  }];
  let parameters = (ins "int64_t":$core, "BufferAttr":$params,
                        ArrayRefParameter<"BufferAttr", "input windows">:$inputs,
                        "BufferAttr":$output,
                        DefaultValuedParameter<"int64_t", "-1">:$params_from);
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
}
#endif
