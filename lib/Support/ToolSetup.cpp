//===- ToolSetup.cpp - what every npc command-line tool does first --------===//
#include "npc/Support/ToolSetup.h"
#include "npc/Support/Printable.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/PrettyStackTrace.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/raw_ostream.h"

#include <csignal>
#include <cstdlib>

static const char *gToolName = "npc";

static void fatalErrorAsOneLine(void *, const char *reason, bool genCrashDiag) {
  llvm::StringRef text(reason);
  // raw_fd_ostream's destructor reports a failed write so.
  bool io = text.consume_front("IO failure on output stream: ");
  if (io)
    llvm::errs() << gToolName << ": error: cannot write the output: " << npc::printable(text)
                 << "\n";
  else
    llvm::errs() << gToolName << ": error: " << npc::printable(text) << "\n";
  // An internal error is a bug: abort, so that the crash handler asks for a
  // report (the bug-report message above names npc).
  if (!io && genCrashDiag)
    std::abort();
  // Remove files registered for removal (an output not yet kept), then
  // leave without running destructors that could fail the same way again.
  llvm::sys::RunInterruptHandlers();
  std::_Exit(2);
}

void npc::setUpTool(const char *toolName) {
  gToolName = toolName;
  llvm::setBugReportMsg("npc crashed: this is a bug in npc; please report it with the command "
                        "and the input files that caused it.\n");
  // LLVM installs its signal handlers once, SIGXFSZ among them (MLIR's
  // tool mains do so lazily, after this): have it install them now, then
  // ignore SIGXFSZ over them.
  llvm::sys::SetInterruptFunction(nullptr);
  std::signal(SIGXFSZ, SIG_IGN);
  llvm::install_fatal_error_handler(fatalErrorAsOneLine);
}
