//===- Manifest.h - what the executor needs to know, as JSON -----*- C++ -*-===//
//
// The manifest section of an artifact: the target, the tensors, every
// layer's geometry and tiles (core, buffers, boxes), the NoC transfer table,
// the host boundary and the report. Programs refer to layers, tiles and
// transfers by index. Written by the compiler, read and validated by the
// executor; docs/artifact.md describes the fields.
//
//===----------------------------------------------------------------------===//
#ifndef NPC_TARGET_MANIFEST_H
#define NPC_TARGET_MANIFEST_H

#include "npc/Runtime/Kernels.h"
#include "npc/Runtime/HostTensor.h"
#include "npc/Runtime/ChipModel.h"
#include "npc/Runtime/TargetDesc.h"

#include "llvm/Support/JSON.h"

namespace npc {

/// How the host makes a graph input or reads a graph output.
struct HostBoundary {
  std::string name;
  ElemKind hostKind = ElemKind::F32; // the .npy element kind
  std::vector<int64_t> shape;
  int tensor = -1;
  bool convertsFloat = false;        // quantize (inputs) / dequantize (outputs)
  std::vector<double> scales;        // when convertsFloat
  std::vector<int64_t> zeroPoints;
  int32_t axis = -1;
  int64_t storageMin = 0, storageMax = 0;
};

struct ManifestTensor {
  std::vector<int64_t> shape;
  ElemKind kind = ElemKind::U8;
  int producer = -1;               // layer, or -1 when it lives in the frame buffer
  std::vector<int32_t> constant;   // values of a constant activation
};

struct ManifestTile {
  kernels::Box box;                // output box
  int64_t core = 0;
  int64_t paramAddr = 0;
  ParamLayout layout;
  // The tile of this layer whose parameters this one streams over the
  // model NoC while it computes (it then holds none on its core), or -1.
  int64_t paramsFrom = -1;
  std::vector<int64_t> inputAddrs;
  std::vector<kernels::Box> inputBoxes; // in tensor coordinates
  int64_t outAddr = 0;
  // Copies of each input window and of the output (frame f uses copy
  // f mod copies at ringAddr(...)): pipelined frames overlap their lifetimes.
  std::vector<int64_t> inputCopies;
  int64_t outCopies = 1;
  int64_t start = 0, end = 0, macs = 0;
};

struct ManifestLayer {
  std::string name;
  kernels::LayerGeometry geometry;
  std::vector<int> inputs;
  std::vector<bool> inputReshaped;
  int output = -1;
  std::vector<ManifestTile> tiles;
};

struct ManifestTransfer {
  int64_t id = 0, noc = 0, src = 0, dst = 0, bytes = 0, start = 0, arrive = 0;
  std::vector<int64_t> route;
  int tensor = 0;
  kernels::Box box;
  int64_t producer[2] = {-1, -1}, consumer[2] = {-1, -1};
  int64_t operand = -1;
  // Transfers of one multicast share this id (-1: unicast): one send of the
  // same box from the same source to several destinations, occupying each
  // link of the union of their routes once, for the duration of the
  // longest route.
  int64_t group = -1;
};

struct Manifest {
  TargetDesc target;
  std::vector<ManifestTensor> tensors;
  std::vector<ManifestLayer> layers;
  std::vector<ManifestTransfer> transfers;
  std::vector<HostBoundary> inputs, outputs;
  int64_t cycles = 0; // one frame's latency
  int64_t period = 0; // cycles between frames in steady state (== cycles when not pipelined)
  llvm::json::Object report;
};

/// One buffer of a tile on its core, with all its copies: the parameters,
/// an input window (operand >= 0) or the output.
struct TileBuffer {
  enum Kind { Parameters, Input, Output } kind;
  int64_t addr = 0, bytes = 0;
  int64_t operand = -1; // the input's index
};
/// A tile's buffers, parameters first, then each input, then the output:
/// the one account of a tile's memory for the compiler's checks, the
/// report and the executor.
llvm::SmallVector<TileBuffer, 4> tileBuffers(const Manifest &m, const ManifestLayer &l,
                                             const ManifestTile &t);

/// A tile's activation buffer: (layer, tile, operand; the output is -1).
struct BufferId {
  size_t layer, tile;
  int64_t operand;
};
/// That no two buffers of a core share bytes unless they may: parameters
/// share with nothing (decoded once, read every frame), two activation
/// buffers only where their lifetimes do not meet (bufferLifetimes) and
/// frames run one at a time (npc-map-to-cores reuse-buffers). Each pair that
/// may goes to `shared` (a run checks that each one's writes wait for the
/// other). The error names both buffers, their bytes and why. The executor
/// checks this at load, and the linked `prog` module's verifier too.
llvm::Error checkBufferOverlaps(const Manifest &m,
                                std::vector<std::pair<BufferId, BufferId>> *shared = nullptr);
/// That the layers and transfers are wired as a frame runs: a layer reads
/// tensors made before it (by an earlier layer, or the host), and a
/// transfer to a tile carries a tensor that tile's layer reads as that
/// operand, a box inside its input window, to the tile's core, from the
/// core of the tile that made it (its producer, when it names one, made that
/// tensor); and the frame's latency (`cycles`) covers every tile's end
/// and every transfer's arrival. The executor and the linked module's
/// verifier check it.
llvm::Error checkWiring(const Manifest &m);

/// That every input element a tile's kernel reads (kernels::
/// requiredInputBoxes, or all of a reshaped operand) lies in its window
/// and is brought by some transfer into that window. The executor checks
/// it at load, and the linked module's verifier too.
llvm::Error checkInputCoverage(const Manifest &m);

/// What the frame buffer holds (docs/target.md): every frame in flight,
/// ceil(latency / period) of them, keeps its inputs and outputs there (the
/// inputs until the chip has read them, the outputs until the host takes
/// them); constant activations are held once for all frames.
struct FrameBufferUse {
  int64_t inputBytes = 0, outputBytes = 0, constantBytes = 0, framesInFlight = 1;
  int64_t total = 0; // (inputs + outputs) x frames in flight + constants, saturating
  /// Host link cycles per frame each way (TargetModel::hostLinkCycles of the
  /// input and output bytes). A frame's inputs start arriving that long
  /// before it starts and its outputs leave that long after it ends, so a
  /// frame holds the buffer for hostInputCycles + cycles + hostOutputCycles.
  int64_t hostInputCycles = 0, hostOutputCycles = 0;
};
FrameBufferUse frameBufferUse(const Manifest &m);
/// What the compiler and the executor both enforce about the host side: the
/// period is at least the host link's cycles each way (a frame's inputs
/// in, its outputs out), and the frames the buffer holds at once fit
/// frame_buffer_bytes. An error naming the figures otherwise.
llvm::Error checkFrameBuffer(const Manifest &m);

std::string manifestToJson(const Manifest &m);
/// One layer's geometry as the manifest has it (a JSON object), and back
/// with the manifest's checks: what the linked `prog.layer` holds.
std::string layerGeometryToJson(const kernels::LayerGeometry &g);
llvm::Error parseLayerGeometry(const llvm::json::Object &o, kernels::LayerGeometry &g);
/// The element kind named as elemKindName names it.
std::optional<ElemKind> parseElemKind(llvm::StringRef name);
/// Parses and checks every index (tensors, layers, cores, transfers) and
/// every buffer against the target's core memory.
llvm::Expected<Manifest> parseManifest(llvm::StringRef json);

} // namespace npc

#endif
