//===- Report.cpp - the report of a linked module as a pass ---------------===//
#include "npc/Transforms/Passes.h"
#include "npc/Target/LinkedProgram.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/ToolOutputFile.h"

namespace npc {
#define GEN_PASS_DEF_REPORT
#include "npc/Transforms/Passes.h.inc"
} // namespace npc

using namespace mlir;
using namespace npc;

namespace {
struct Report : npc::impl::ReportBase<Report> {
  using ReportBase::ReportBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    markAllAnalysesPreserved();
    auto report = reportOf(module);
    if (!report) {
      module.emitError() << llvm::toString(report.takeError());
      return signalPassFailure();
    }
    std::error_code ec;
    llvm::ToolOutputFile out(file, ec, llvm::sys::fs::OF_Text);
    if (!ec) {
      out.os() << formatReport(*report);
      out.os().flush();
      ec = out.os().error();
    }
    if (ec) {
      out.os().clear_error();
      module.emitError() << "cannot write the report to '" << file << "': " << ec.message();
      return signalPassFailure();
    }
    out.keep();
  }
};
} // namespace
