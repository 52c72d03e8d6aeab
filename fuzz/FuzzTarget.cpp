//===- FuzzTarget.cpp - libFuzzer harness: the target description parser ---===//
//
// Parses the bytes as a target JSON; a target that parses also builds its
// TargetModel and routes between the grid's far corners and the frame
// buffer (every topology must route any grid validate() accepts).
//
//===----------------------------------------------------------------------===//
#include "npc/Runtime/TargetDesc.h"
#include "npc/Runtime/TargetModel.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  auto t = npc::parseTargetJson(llvm::StringRef(reinterpret_cast<const char *>(data), size));
  if (!t) {
    llvm::consumeError(t.takeError());
    return 0;
  }
  auto model = npc::TargetModel::create(*t);
  int64_t last = t->numCores() - 1;
  for (auto [src, dst] : {std::pair<int64_t, int64_t>{0, last},
                          {last, 0},
                          {npc::kFrameBuffer, last},
                          {last, npc::kFrameBuffer}}) {
    std::vector<int64_t> route = model->route(src, dst);
    // Every link exists; a route is never longer than both dimensions plus
    // the frame buffer's two links.
    for (int64_t l : route)
      if (l < 0 || l >= model->numLinks())
        std::abort();
    if (int64_t(route.size()) > t->gridCols + t->gridRows + 2)
      std::abort();
  }
  return 0;
}
