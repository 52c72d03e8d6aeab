//===- GraphModel.cpp - layers and the tensors between them ---------------===//
#include "npc/Analysis/GraphModel.h"
#include "npc/Dialect/QGraph/IR/QGraph.h"
#include "npc/Support/Diagnostics.h"
#include "npc/Runtime/SubByte.h"
#include "npc/Runtime/ChipModel.h"
#include "npc/Target/TargetAttr.h"

#include "npc/Runtime/TargetModel.h"
#include "llvm/ADT/StringSet.h"

#include <set>

using namespace mlir;
using namespace npc;

std::pair<ElemKind, int64_t> npc::storageKindOf(Type t) {
  auto p = qg::getQuantParams(t);
  if (!p)
    return {ElemKind::F32, 4};
  switch (p->storageWidth) {
  case 2: case 4: // one byte per activation element; weights are packed
  case 8: return {p->isSigned ? ElemKind::I8 : ElemKind::U8, 1};
  case 16: return {p->isSigned ? ElemKind::I16 : ElemKind::U16, 2};
  default: return {ElemKind::I32, 4};
  }
}

int GraphModel::layerIndex(Operation *op) const {
  for (size_t i = 0; i < layers.size(); ++i)
    if (layers[i].op == op)
      return int(i);
  return -1;
}

int64_t GraphModel::hostBytes(llvm::ArrayRef<int> ids) const {
  std::set<int> seen;
  int64_t bytes = 0;
  for (int tensor : ids)
    if (tensor >= 0 && seen.insert(tensor).second) {
      const TensorNode &tn = tensors[tensor];
      bytes += kernels::Box::full(tn.shape).numel() * tn.elemBytes;
    }
  return bytes;
}

int64_t GraphModel::hostBytes(const std::vector<HostBoundary> &boundaries) const {
  std::vector<int> ids;
  for (const HostBoundary &b : boundaries)
    ids.push_back(b.tensor);
  return hostBytes(ids);
}

int64_t npc::hostLinkFloor(const GraphModel &graph, const TargetModel &model) {
  return std::max(model.hostLinkCycles(graph.hostBytes(graph.inputs)),
                  model.hostLinkCycles(graph.hostBytes(graph.outputs)));
}

std::vector<LayerLifetimes> npc::bufferLifetimes(const GraphModel &graph) {
  std::vector<std::vector<int>> inputs;
  std::vector<int> outputs, graphOutputs;
  for (const LayerNode &l : graph.layers) {
    inputs.push_back(l.inputs);
    outputs.push_back(l.output);
  }
  for (const HostBoundary &o : graph.outputs)
    graphOutputs.push_back(o.tensor);
  return bufferLifetimes(inputs, outputs, graphOutputs);
}

static std::vector<int64_t> shapeOf(Value v) {
  auto s = cast<ShapedType>(v.getType()).getShape();
  return {s.begin(), s.end()};
}

Value npc::dataRoot(Value v, bool *reshaped) {
  while (Operation *d = v.getDefiningOp()) {
    if (auto r = dyn_cast<qg::ReshapeOp>(d)) {
      if (reshaped && shapeOf(r.getInput()) != shapeOf(r.getOutput()))
        *reshaped = true;
      v = r.getInput();
    } else if (auto c = dyn_cast<qg::StorageCastOp>(d)) {
      v = c.getInput();
    } else {
      break;
    }
  }
  return v;
}

static llvm::Error error(Operation *op, const llvm::Twine &msg) {
  std::string where = describeLoc(op->getLoc());
  return llvm::createStringError(std::errc::invalid_argument, "%s%s%s",
                                 where.c_str(), where.empty() ? "" : ": ",
                                 msg.str().c_str());
}

static void setQuant(HostBoundary &b, Type quantElem) {
  auto p = *qg::getQuantParams(quantElem);
  b.scales = p.scales;
  b.zeroPoints = p.zeroPoints;
  b.axis = p.axis;
  b.storageMin = p.storageMin;
  b.storageMax = p.storageMax;
}

llvm::Expected<GraphModel> npc::buildGraphModel(ModuleOp module, bool withWeights) {
  auto f = module.lookupSymbol<func::FuncOp>("main");
  if (!f)
    return llvm::createStringError(std::errc::invalid_argument, "module has no @main");
  GraphModel g;
  auto names = [&](const char *attr, size_t i) {
    if (auto arr = f->getAttrOfType<ArrayAttr>(attr))
      if (i < arr.size())
        if (auto s = dyn_cast<StringAttr>(arr[i]))
          return s.str();
    return std::string(attr) + std::to_string(i);
  };
  auto addTensor = [&](Value v, TensorHome home) {
    TensorNode t;
    t.value = v;
    t.shape = shapeOf(v);
    std::tie(t.kind, t.elemBytes) = storageKindOf(cast<ShapedType>(v.getType()).getElementType());
    t.home = home;
    g.tensorOf[v] = int(g.tensors.size());
    g.tensors.push_back(t);
    return int(g.tensors.size() - 1);
  };

  // Graph inputs: the host quantizes float inputs into the frame buffer.
  for (BlockArgument a : f.getArguments()) {
    HostBoundary b;
    b.name = names("npc.input_names", a.getArgNumber());
    b.shape = shapeOf(a);
    Type elem = cast<ShapedType>(a.getType()).getElementType();
    b.hostKind = storageKindOf(elem).first;
    Value data = a;
    if (elem.isF32()) {
      b.hostKind = ElemKind::F32;
      // Every use must be a qg.quantize: the chip has no floats.
      qg::QuantizeOp q;
      for (Operation *u : a.getUsers()) {
        auto uq = dyn_cast<qg::QuantizeOp>(u);
        if (!uq || (q && uq.getType() != q.getType()))
          return error(u, "float graph input '" + b.name +
                              "' must be used only by one kind of QuantizeLinear");
        q = uq;
      }
      if (!q) {
        g.inputs.push_back(b); // unused input
        continue;
      }
      b.convertsFloat = true;
      setQuant(b, q.getType().getElementType());
      data = q.getResult();
      b.tensor = addTensor(data, TensorHome::HostInput);
      // Every quantize of this input (all of one type) names the same data.
      for (Operation *u : a.getUsers())
        g.tensorOf[u->getResult(0)] = b.tensor;
    } else {
      b.tensor = addTensor(data, TensorHome::HostInput);
    }
    g.tensors[b.tensor].graphInput = int(a.getArgNumber());
    g.inputs.push_back(b);
  }

  qg::LayerNamer layerNames;
  for (Operation &op : f.getBody().front()) {
    if (!qg::isComputeLayer(&op))
      continue;
    auto spec = qg::describeLayer(&op, withWeights);
    if (!spec)
      return spec.takeError();
    LayerNode l;
    l.op = &op;
    l.name = layerNames.name(&op);
    l.spec = std::move(*spec);
    for (Value v : qg::activationOperands(&op)) {
      bool reshaped = false;
      Value root = dataRoot(v, &reshaped);
      auto it = g.tensorOf.find(root);
      int id;
      if (it != g.tensorOf.end()) {
        id = it->second;
      } else if (root.getDefiningOp<qg::ConstantOp>()) {
        id = addTensor(root, TensorHome::Constant);
      } else {
        return error(&op, "operand is not produced by a layer, a graph input or a constant");
      }
      l.inputs.push_back(id);
      l.inputReshaped.push_back(reshaped);
    }
    l.output = addTensor(op.getResult(0), TensorHome::Layer);
    g.tensors[l.output].producer = int(g.layers.size());
    g.layers.push_back(std::move(l));
  }

  auto ret = cast<func::ReturnOp>(f.getBody().front().getTerminator());
  for (auto [i, v] : llvm::enumerate(ret.getOperands())) {
    HostBoundary b;
    b.name = names("npc.output_names", i);
    b.shape = shapeOf(v);
    Value data = v;
    if (auto d = v.getDefiningOp<qg::DequantizeOp>()) {
      b.convertsFloat = true;
      b.hostKind = ElemKind::F32;
      setQuant(b, cast<ShapedType>(d.getInput().getType()).getElementType());
      data = d.getInput();
    } else {
      b.hostKind = storageKindOf(cast<ShapedType>(v.getType()).getElementType()).first;
    }
    Value root = dataRoot(data);
    auto it = g.tensorOf.find(root);
    if (it == g.tensorOf.end()) {
      if (!root.getDefiningOp<qg::ConstantOp>())
        return llvm::createStringError(std::errc::invalid_argument,
                                       "graph output '%s' is not computed by any layer",
                                       b.name.c_str());
      b.tensor = addTensor(root, TensorHome::Constant);
    } else {
      b.tensor = it->second;
    }
    g.outputs.push_back(b);
  }
  return g;
}

llvm::Expected<std::pair<TargetDesc, GraphModel>> npc::loadChipModel(ModuleOp module) {
  auto target = getModuleTarget(module);
  if (!target)
    return target.takeError();
  auto graph = buildGraphModel(module);
  if (!graph)
    return graph.takeError();
  return std::make_pair(std::move(*target), std::move(*graph));
}

ChipModelAnalysis::ChipModelAnalysis(Operation *op) {
  auto module = dyn_cast<ModuleOp>(op);
  if (!module) {
    error = "the chip model is an analysis of a module";
    return;
  }
  auto loaded = loadChipModel(module);
  if (!loaded)
    error = llvm::toString(loaded.takeError());
  else
    chip = std::move(*loaded);
}

const std::pair<TargetDesc, GraphModel> *ChipModelAnalysis::getOrEmit(ModuleOp module) const {
  if (!chip)
    module.emitError() << error;
  return chip ? &*chip : nullptr;
}
