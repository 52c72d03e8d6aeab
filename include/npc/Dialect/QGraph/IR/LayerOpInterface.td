//===- LayerOpInterface.td - a qg op that computes on the chip -*- tablegen -*-===//
#ifndef NPC_QGRAPH_LAYEROPINTERFACE
#define NPC_QGRAPH_LAYEROPINTERFACE

include "mlir/IR/OpBase.td"

def LayerOpInterface : OpInterface<"LayerOpInterface"> {
  let cppNamespace = "::npc::qg";
  let description = [{
    A qg op that computes on the chip: one layer. Everything the chip stages
    need of an op they ask through this interface (and, for the kind's
    geometry and arithmetic, through the `kernels::KernelInfo` the op names):
    which operands are activations, the kernel call it is (kind, geometry,
    parameter arrays) and how its integer parameters follow from its
    quantized types. Ops without it (constants, quantize, dequantize,
    reshapes, storage casts) move or rename data on the host or in place.
  }];
  let methods = [
    InterfaceMethod<[{
        The activation operands in kernel order: every operand except
        parameters (a conv's or matmul's weight and bias).
      }],
      "::llvm::SmallVector<::mlir::Value>", "getActivationOperands", (ins), [{}],
      [{ return ::llvm::SmallVector<::mlir::Value>($_op->getOperands()); }]>,
    InterfaceMethod<[{
        Sets `spec.geometry.kind` and the op's own geometry and parameters
        (weights only `withWeights`); describeLayer has set the shapes, the
        input zero points and the operand width before. Fails on an op
        that is not legalized.
      }],
      "::llvm::Error", "describeKernel",
      (ins "::npc::qg::LayerSpec &":$spec, "bool":$withWeights)>,
    InterfaceMethod<[{
        Derives the integer parameters (fixed-point multipliers, folded
        biases) from the quantized types, as docs/semantics.md specifies
        (qg-legalize-integer). Ops that keep stored values as they are have
        nothing to derive.
      }],
      "::mlir::LogicalResult", "legalizeParams", (ins), [{}],
      [{ return ::mlir::success(); }]>,
  ];
}

#endif
