//===- Interpreter.cpp - reference interpreter of the qg dialect ----------===//
#include "npc/Reference/Interpreter.h"
#include "npc/Dialect/QGraph/IR/LayerSpec.h"
#include "npc/Dialect/QGraph/IR/QGraph.h"
#include "npc/Runtime/Kernels.h"
#include "npc/Support/Diagnostics.h"
#include "npc/Runtime/FixedPoint.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace npc;
using namespace npc::qg;

namespace {

struct Buffer {
  std::vector<int32_t> ints;
  std::vector<float> floats;
};

llvm::Error error(Operation *op, const llvm::Twine &msg) {
  std::string where = describeLoc(op->getLoc());
  return llvm::createStringError(std::errc::invalid_argument, "%s%s'%s': %s",
                                 where.c_str(), where.empty() ? "" : ": ",
                                 op->getName().getStringRef().str().c_str(),
                                 msg.str().c_str());
}

std::vector<int64_t> shapeOf(Value v) {
  auto s = cast<ShapedType>(v.getType()).getShape();
  return {s.begin(), s.end()};
}

class Interpreter {
public:
  llvm::DenseMap<Value, Buffer> values;

  Buffer &get(Value v) { return values[v]; }

  llvm::Error run(Operation *op) {
    return llvm::TypeSwitch<Operation *, llvm::Error>(op)
        .Case<ConstantOp, QuantizeOp, DequantizeOp, StorageCastOp, ReshapeOp>(
            [&](auto o) { return exec(o); })
        .Default([&](Operation *o) {
          if (isComputeLayer(o))
            return execLayer(o);
          return error(o, "operation is not supported by the reference interpreter");
        });
  }

private:
  llvm::Error exec(ConstantOp op) {
    auto ints = getConstantInts(op.getResult());
    if (!ints)
      return error(op, "constant must hold dense integers");
    get(op.getResult()).ints = std::move(*ints);
    return llvm::Error::success();
  }

  llvm::Error exec(QuantizeOp op) {
    auto p = *getQuantParams(op.getOutput());
    auto shape = shapeOf(op.getInput());
    const auto &in = get(op.getInput()).floats;
    std::vector<int32_t> out(in.size());
    for (size_t i = 0; i < in.size(); ++i) {
      int64_t c = p.channelOf(i, shape);
      out[i] = quantizeFloat(in[i], float(p.scale(c)), int32_t(p.zeroPoint(c)),
                             int32_t(p.storageMin), int32_t(p.storageMax));
    }
    get(op.getOutput()).ints = std::move(out);
    return llvm::Error::success();
  }

  llvm::Error exec(DequantizeOp op) {
    auto p = *getQuantParams(op.getInput());
    auto shape = shapeOf(op.getInput());
    const auto &in = get(op.getInput()).ints;
    std::vector<float> out(in.size());
    for (size_t i = 0; i < in.size(); ++i) {
      int64_t c = p.channelOf(i, shape);
      out[i] = dequantizeValue(in[i], float(p.scale(c)), int32_t(p.zeroPoint(c)));
    }
    get(op.getOutput()).floats = std::move(out);
    return llvm::Error::success();
  }

  /// `to` holds what `from` holds. Copied out first: inserting `to` may
  /// grow the map and move `from`'s entry (`get(to) = get(from)` read freed
  /// memory on shufflenet_v2).
  void copyValue(Value to, Value from) {
    Buffer b = get(from);
    get(to) = std::move(b);
  }
  llvm::Error exec(StorageCastOp op) {
    copyValue(op.getOutput(), op.getInput());
    return llvm::Error::success();
  }
  llvm::Error exec(ReshapeOp op) {
    copyValue(op.getOutput(), op.getInput());
    return llvm::Error::success();
  }

  /// Every compute layer runs through the shared kernels on whole tensors.
  llvm::Error execLayer(Operation *op) {
    auto spec = describeLayer(op);
    if (!spec)
      return spec.takeError();
    SmallVector<const int32_t *> ins;
    SmallVector<kernels::Box> boxes;
    for (Value v : activationOperands(op)) {
      ins.push_back(get(v).ints.data());
      boxes.push_back(kernels::Box::full(shapeOf(v)));
    }
    Value out = op->getResult(0);
    auto outBox = kernels::Box::full(shapeOf(out));
    std::vector<int32_t> dst(outBox.numel());
    if (auto err = kernels::compute(spec->geometry, spec->params(), ins, boxes, outBox,
                                    dst.data()))
      return error(op, llvm::toString(std::move(err)));
    get(out).ints = std::move(dst);
    return llvm::Error::success();
  }
};

llvm::Expected<ElemKind> kindOf(Type t) {
  if (t.isF32())
    return ElemKind::F32;
  // A quantized boundary (a qg module written by hand or by a pass) travels
  // as its storage integers, as the executor takes it.
  if (!isa<IntegerType>(t))
    if (auto p = qg::getQuantParams(t)) {
      if (p->storageWidth <= 8)
        return p->isSigned ? ElemKind::I8 : ElemKind::U8;
      if (p->storageWidth == 16)
        return p->isSigned ? ElemKind::I16 : ElemKind::U16;
    }
  if (auto i = dyn_cast<IntegerType>(t)) {
    switch (i.getWidth()) {
    case 2: case 4: // sub-byte values travel as 8-bit integers in .npy
    case 8: return i.isUnsigned() ? ElemKind::U8 : ElemKind::I8;
    case 16: return i.isUnsigned() ? ElemKind::U16 : ElemKind::I16;
    case 32: if (!i.isUnsigned()) return ElemKind::I32; break;
    default: break;
    }
  }
  return llvm::createStringError(std::errc::invalid_argument,
                                 "unsupported boundary element type");
}

func::FuncOp mainOf(ModuleOp m) { return m.lookupSymbol<func::FuncOp>("main"); }

} // namespace

llvm::Expected<std::pair<std::vector<TensorSignature>, std::vector<TensorSignature>>>
npc::getSignature(ModuleOp module) {
  func::FuncOp f = mainOf(module);
  if (!f)
    return llvm::createStringError(std::errc::invalid_argument, "module has no @main");
  auto names = [](Attribute a, size_t i, const char *prefix) {
    if (auto arr = dyn_cast_or_null<ArrayAttr>(a))
      if (i < arr.size())
        if (auto s = dyn_cast<StringAttr>(arr[i]))
          return s.str();
    return std::string(prefix) + std::to_string(i);
  };
  std::pair<std::vector<TensorSignature>, std::vector<TensorSignature>> sig;
  auto ft = f.getFunctionType();
  for (auto [list, types, attr, prefix] :
       {std::make_tuple(&sig.first, ft.getInputs(), f->getAttr("npc.input_names"), "input"),
        std::make_tuple(&sig.second, ft.getResults(), f->getAttr("npc.output_names"), "output")}) {
    for (size_t i = 0; i < types.size(); ++i) {
      // A module before the conversion to qg (onnx.value) has no tensors here.
      auto st = dyn_cast<RankedTensorType>(types[i]);
      if (!st) {
        std::string t;
        llvm::raw_string_ostream os(t);
        types[i].print(os);
        return llvm::createStringError(
            std::errc::invalid_argument,
            "@main's %s %zu is of type %s, not a ranked tensor: a module of the qg stage or "
            "later is needed (npc-opt --onnx-fuse-qdq --npc-convert-onnx-to-qg converts an "
            "onnx-level one)",
            prefix, i, t.c_str());
      }
      auto k = kindOf(st.getElementType());
      if (!k)
        return k.takeError();
      list->push_back({names(attr, i, prefix), *k,
                       std::vector<int64_t>(st.getShape().begin(), st.getShape().end())});
    }
  }
  return sig;
}

llvm::Expected<std::vector<HostTensor>>
npc::runReference(ModuleOp module, const std::vector<HostTensor> &inputs) {
  auto sig = getSignature(module);
  if (!sig)
    return sig.takeError();
  func::FuncOp f = mainOf(module);
  if (inputs.size() != sig->first.size())
    return llvm::createStringError(std::errc::invalid_argument,
                                   "the model has %zu inputs, %zu given",
                                   sig->first.size(), inputs.size());
  Interpreter interp;
  for (size_t i = 0; i < inputs.size(); ++i) {
    const TensorSignature &s = sig->first[i];
    const HostTensor &t = inputs[i];
    if (!inputKindAccepts(s.kind, t.kind) || t.shape != s.shape) {
      HostTensor want;
      want.shape = s.shape;
      return llvm::createStringError(
          std::errc::invalid_argument, "input '%s' must be %s %s, got %s %s",
          s.name.c_str(), elemKindName(s.kind), want.shapeString().c_str(),
          elemKindName(t.kind), t.shapeString().c_str());
    }
    Buffer &buf = interp.get(f.getArgument(i));
    buf.ints = t.ints;
    buf.floats = t.floats;
  }
  // Each value is dropped after its last reader: a network's weights as
  // int32 and all its activations need not be held at once.
  llvm::DenseMap<Value, Operation *> lastReader;
  for (Operation &op : f.getBody().front())
    for (Value v : op.getOperands())
      lastReader[v] = &op;
  std::vector<HostTensor> outs;
  for (Operation &op : f.getBody().front()) {
    if (auto ret = dyn_cast<func::ReturnOp>(op)) {
      for (auto [i, v] : llvm::enumerate(ret.getOperands())) {
        HostTensor t;
        t.kind = sig->second[i].kind;
        t.shape = sig->second[i].shape;
        Buffer &b = interp.get(v);
        t.ints = b.ints;
        t.floats = b.floats;
        outs.push_back(std::move(t));
      }
      break;
    }
    if (auto err = interp.run(&op))
      return std::move(err);
    for (Value v : op.getOperands())
      if (lastReader.lookup(v) == &op)
        interp.values.erase(v);
  }
  return outs;
}
