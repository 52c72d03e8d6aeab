//===- TileDialect.td - layer tiling ------------------------*- tablegen -*-===//
#ifndef NPC_TILE_DIALECT
#define NPC_TILE_DIALECT
include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"

def Tile_Dialect : Dialect {
  let name = "ntile";
  let cppNamespace = "::npc::ntile";
  let summary = "Layer tiling: which box of each layer's output one core computes";
  let description = [{
    The tiling stage annotates every qg compute layer with
    `ntile.tiles = [#ntile.box<[lo_0, .., lo_r-1] to [hi_0, .., hi_r-1]>, ...]`:
    the output boxes of its tiles, each from `lo` up to (not including) `hi`
    in every dimension. Tiles partition the output exactly. Each tile's
    footprint (parameter slice, input window with its halo, output, once
    each) must fit one core's memory in the module's `npc.target`. The
    dialect verifies both (the footprint on legalized compute layers).
  }];
  let hasOperationAttrVerify = 1;
  let useDefaultAttributePrinterParser = 1;
}

def Tile_BoxAttr : AttrDef<Tile_Dialect, "Box"> {
  let mnemonic = "box";
  let summary = "A box of a tensor: lower bounds to upper bounds (exclusive)";
  let description = [{
    `#ntile.box<[0, 0, 42, 0] to [1, 64, 84, 112]>`: batch 0, channels 0 to
    63, rows 42 to 83, columns 0 to 111 of an NCHW tensor.
  }];
  let parameters = (ins ArrayRefParameter<"int64_t", "lower bounds">:$lo,
                        ArrayRefParameter<"int64_t", "upper bounds (exclusive)">:$hi);
  let assemblyFormat = "`<` `[` $lo `]` `to` ` ` `[` $hi `]` `>`";
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    /// The box as the kernels take it, and back.
    ::npc::kernels::Box toBox() const;
    static BoxAttr get(::mlir::MLIRContext *ctx, const ::npc::kernels::Box &box) {
      return get(ctx, box.lo, box.hi);
    }
  }];
}
#endif
