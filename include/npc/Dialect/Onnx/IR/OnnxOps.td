//===- OnnxOps.td - ONNX graphs as read from the file -------*- tablegen -*-===//
#ifndef NPC_ONNX_OPS
#define NPC_ONNX_OPS
include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/BuiltinAttributes.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def Onnx_Dialect : Dialect {
  let name = "onnx";
  let cppNamespace = "::npc::onnx";
  let summary = "An ONNX graph as the file states it, one op per node";
  let description = [{
    What `npc-translate --import-onnx` gives: `func.func @main` whose
    arguments are the graph inputs, with one `onnx.node` per ONNX node in the
    file's order (op type, domain, attributes, node name, output names),
    one `onnx.constant` per initializer or bound input (`--bind`), and
    `onnx.none` for an omitted optional input. Nothing is
    interpreted yet: the importer only checks what it must to build the IR
    (opset, limits, tensor data, that every input name is defined earlier),
    and types node results where ONNX's shape inference gives a static
    shape.
    `npc-convert-onnx-to-qg` gives the meaning: it fuses QDQ patterns and
    converts each node into the `qg` dialect, or reports the node it cannot.
    The module carries the default domain's opset as `onnx.opset`; `@main`
    carries `npc.input_names` and `npc.output_names`.
  }];
  let useDefaultTypePrinterParser = 1;
}

class Onnx_Op<string mnemonic, list<Trait> traits = []>
    : Op<Onnx_Dialect, mnemonic, traits>;

def Onnx_ValueType : TypeDef<Onnx_Dialect, "Value"> {
  let mnemonic = "value";
  let summary = "An ONNX tensor whose type conversion determines";
  let description = [{
    The result of an `onnx.node` whose type is not known at this level:
    ONNX's shape inference (which the importer runs) did not give it a
    static shape, or a pass made the node without one. The conversion to
    `qg` works it out. A result of known type is a ranked tensor instead.
  }];
}

def Onnx_NodeOp : Onnx_Op<"node"> {
  let summary = "One ONNX node, uninterpreted";
  let description = [{
    `op_type` and `domain` name the ONNX operator; `attrs` holds its ONNX
    attributes (int as i64, float as f32, string, ints as `array<i64>`,
    floats as `array<f32>`, strings as an array, tensor as dense elements;
    graph-valued attributes as a unit attribute, which no supported operator
    has). `name` is the node's name (or its first output's, when the file
    leaves it empty) and `outputs` its output names, for messages and
    `--bind`. Operands are the inputs in order; `onnx.none` stands for an
    omitted one. `source_op_type` is set on a node a pass made from others
    (`onnx-fuse-qdq` turns a QDQ Conv into a `QLinearConv`): the op type
    the file had there, which messages and locations name, so a user reads
    the operator they wrote.

    A result is a ranked tensor where its type is known (the importer
    takes it from ONNX's own shape inference, element types as
    `onnx.constant` writes them), else `!onnx.value`. They are checked:
    here, that a node which keeps its input's shape (QuantizeLinear,
    Relu, ...) states the same shape as its input where both are known;
    in the conversion, each stated type against the shape and kind
    (float or integer) it works out. Passes read only the types the
    conversion checks on every route (onnx-fuse-qdq's checkedType).
    Example:

    ```mlir
    %y = onnx.node "Conv"(%x, %w) {name = "conv1", outputs = ["y"],
           attrs = {pads = array<i64: 1, 1, 1, 1>}}
           : (tensor<1x3x8x8xf32>, !onnx.value) -> !onnx.value
    ```
  }];
  let arguments = (ins StrAttr:$op_type, DefaultValuedStrAttr<StrAttr, "">:$domain,
                       StrAttr:$name, StrArrayAttr:$outputs,
                       OptionalAttr<DictionaryAttr>:$attrs,
                       OptionalAttr<StrAttr>:$source_op_type,
                       Variadic<AnyType>:$inputs);
  let results = (outs Variadic<AnyTypeOf<[Onnx_ValueType, AnyRankedTensor]>>:$results);
  let assemblyFormat = [{
    $op_type `(` $inputs `)` attr-dict `:` functional-type($inputs, $results)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// The op type messages name: `source_op_type` when a pass set it.
    llvm::StringRef getShownOpType() {
      return getSourceOpType() ? *getSourceOpType() : getOpType();
    }
    /// ONNX attribute `name` (null when absent).
    mlir::Attribute getOnnxAttr(llvm::StringRef name) {
      mlir::DictionaryAttr d = getAttrsAttr();
      return d ? d.get(name) : mlir::Attribute();
    }
    /// An int or float ONNX attribute, `dflt` when absent or of another kind.
    int64_t getIntAttr(llvm::StringRef name, int64_t dflt) {
      auto a = llvm::dyn_cast_or_null<mlir::IntegerAttr>(getOnnxAttr(name));
      return a ? a.getInt() : dflt;
    }
    float getFloatAttr(llvm::StringRef name, float dflt) {
      auto a = llvm::dyn_cast_or_null<mlir::FloatAttr>(getOnnxAttr(name));
      return a ? float(a.getValueAsDouble()) : dflt;
    }
  }];
}

def Onnx_ConstantOp : Onnx_Op<"constant", [Pure,
    AllTypesMatch<["value", "result"]>]> {
  let summary = "An initializer, a Constant node's value or a bound input";
  let description = [{
    `name` is the ONNX tensor name. Element types keep ONNX's signedness:
    `si8`, `ui8`, `si4`, `ui2`, ..., `i1` for bool, `f32` (float64 data is
    read as f32).

    `narrowed_range` (lo, hi), on a zero point only: the codes of the
    tensor it quantizes lie in [lo, hi], a range inside its type's. ONNX
    has no such type; QONNX's `Quant` has one (`narrow`, or a bit width
    other than 2, 4 or 8 stored in the next wider type), and
    `onnx-fuse-qdq` writes it on the zero point of the QuantizeLinear and
    DequantizeLinear it splits a `Quant` into. A QuantizeLinear clamps to
    it; the conversion gives the codes a quantized type of that range.

    ```mlir
    %z = onnx.constant "q.zero_point" dense<0> : tensor<si4>
           {narrowed_range = array<i64: -7, 7>}
    ```
  }];
  let arguments = (ins StrAttr:$name, ElementsAttr:$value,
                       OptionalAttr<DenseI64ArrayAttr>:$narrowed_range);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$name $value attr-dict";
  let hasVerifier = 1;
}

def Onnx_NoneOp : Onnx_Op<"none", [Pure]> {
  let summary = "An omitted optional input (an empty name in ONNX)";
  let results = (outs NoneType:$result);
  let assemblyFormat = "attr-dict";
}

#endif
