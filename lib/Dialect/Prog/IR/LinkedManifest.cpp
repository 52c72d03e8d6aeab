//===- LinkedManifest.cpp - the manifest a linked prog module stands for ---===//
//
// One reading of the linked module's declarations (prog.frame, prog.tensor,
// prog.layer/prog.tile, prog.transfer, prog.host) as the runtime's Manifest:
// the translation to an artifact (readLinkedProgram) and the module's
// verifier (FrameOp) both use it, so the verifier checks exactly what the
// artifact would hold.
//
//===----------------------------------------------------------------------===//
#include "npc/Dialect/Prog/IR/Prog.h"
#include "npc/Target/LinkedProgram.h"
#include "npc/Target/TargetAttr.h"

#include "mlir/IR/BuiltinOps.h"

using namespace mlir;
using namespace npc;

llvm::Expected<Manifest> npc::prog::readLinkedManifest(ModuleOp module) {
  auto malformed = [](const llvm::Twine &what) {
    return llvm::createStringError(what);
  };
  auto frames = llvm::to_vector(module.getOps<FrameOp>());
  if (frames.empty())
    return malformed("the module has no prog.frame");
  auto target = getModuleTarget(module);
  if (!target)
    return target.takeError();
  Manifest m;
  m.target = *target;
  m.cycles = frames[0].getCycles();
  m.period = frames[0].getPeriod();
  for (auto t : module.getOps<TensorOp>()) {
    ManifestTensor mt;
    mt.shape.assign(t.getShape().begin(), t.getShape().end());
    std::optional<ElemKind> kind = parseElemKind(t.getKind());
    if (!kind)
      return malformed("tensor kind '" + t.getKind() + "' is not an element kind");
    mt.kind = *kind;
    mt.producer = int(t.getProducer());
    if (auto c = t.getConstant())
      mt.constant.assign(c->begin(), c->end());
    m.tensors.push_back(std::move(mt));
  }
  for (auto l : module.getOps<LayerOp>()) {
    ManifestLayer ml;
    ml.name = l.getName().str();
    if (llvm::Error err = parseGeometry(l.getGeometry(), ml.geometry))
      return std::move(err);
    ml.inputs.assign(l.getInputs().begin(), l.getInputs().end());
    ml.inputReshaped.assign(l.getInputReshaped().begin(), l.getInputReshaped().end());
    ml.output = int(l.getOutput());
    if (l.getBody().empty())
      return malformed("layer '" + ml.name + "' has no tiles");
    for (auto t : l.getBody().front().getOps<TileOp>()) {
      if (std::string problem = tileProblem(t); !problem.empty())
        return malformed("a tile of layer '" + ml.name + "' " + problem);
      ManifestTile mt;
      mt.box = kernels::Box::fromBounds(t.getBox());
      mt.core = t.getCore();
      mt.paramAddr = t.getParamAddr();
      ArrayRef<int64_t> L = t.getParamLayout();
      mt.layout = {L[0], L[1], L[2], L[3], L[4], L[5], L[6], L[7], L[8], L[9]};
      mt.inputAddrs.assign(t.getInputAddrs().begin(), t.getInputAddrs().end());
      for (Attribute box : t.getInputBoxes())
        mt.inputBoxes.push_back(
            kernels::Box::fromBounds(cast<DenseI64ArrayAttr>(box).asArrayRef()));
      mt.inputCopies.assign(t.getInputCopies().begin(), t.getInputCopies().end());
      mt.outAddr = t.getOutAddr();
      mt.outCopies = t.getOutCopies();
      mt.start = t.getStart();
      mt.end = t.getEnd();
      mt.macs = t.getMacs();
      mt.paramsFrom = t.getParamsFrom().value_or(-1);
      ml.tiles.push_back(std::move(mt));
    }
    m.layers.push_back(std::move(ml));
  }
  for (auto x : module.getOps<TransferOp>()) {
    if (x.getProducer().size() != 2 || x.getConsumer().size() != 2)
      return malformed("a transfer's producer and consumer are (layer, tile)");
    m.transfers.push_back(manifestTransfer(x));
  }
  for (auto h : module.getOps<HostOp>()) {
    HostBoundary b;
    b.name = h.getName().str();
    std::optional<ElemKind> kind = parseElemKind(h.getHostKind());
    if (!kind)
      return malformed("host kind '" + h.getHostKind() + "' is not an element kind");
    b.hostKind = *kind;
    b.shape.assign(h.getShape().begin(), h.getShape().end());
    b.tensor = int(h.getTensor());
    b.convertsFloat = h.getConvertsFloat();
    b.scales.assign(h.getScales().begin(), h.getScales().end());
    b.zeroPoints.assign(h.getZeroPoints().begin(), h.getZeroPoints().end());
    b.axis = int32_t(h.getAxis());
    b.storageMin = h.getStorageMin();
    b.storageMax = h.getStorageMax();
    (h.getOutput() ? m.outputs : m.inputs).push_back(std::move(b));
  }
  return m;
}
