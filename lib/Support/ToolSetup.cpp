//===- ToolSetup.cpp - what every npc command-line tool does first --------===//
#include "npc/Support/ToolSetup.h"
#include "npc/Support/Printable.h"
#include "npc/Runtime/HugePages.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/PrettyStackTrace.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/raw_ostream.h"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#if defined(__linux__) && defined(__GLIBC__)
#include <sys/stat.h>
#include <unistd.h>
#endif

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

void npc::restartWithHugePageHeap(int argc, char **argv, long long minBytes) {
#if defined(__linux__) && defined(__GLIBC__)
  if (std::getenv("GLIBC_TUNABLES"))
    return;
  // NPC_HUGE_PAGES=0, or no transparent huge pages: nothing to ask for (the
  // executor's own blocks ask the same question).
  if (!npc::hugePagesEnabled())
    return;
  bool large = false;
  for (int i = 1; i < argc && !large; ++i) {
    struct stat st;
    large = argv[i] && ::stat(argv[i], &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= minBytes;
  }
  if (!large)
    return;
  // hugetlb=1: the heap and large blocks madvised to 2 MiB pages. A fixed
  // mmap threshold at its maximum (32 MiB) and no trimming keep freed
  // blocks for reuse, so that memory is faulted in once per process.
  // (Each setting measured: hugetlb alone 0.5-1.2 s, all three 0.26-0.59 s
  // for `npc reference` of ResNet-50.)
  ::setenv("GLIBC_TUNABLES",
           "glibc.malloc.hugetlb=1:glibc.malloc.mmap_threshold=33554432:"
           "glibc.malloc.trim_threshold=4294967296",
           1);
  ::execv("/proc/self/exe", argv);
  ::unsetenv("GLIBC_TUNABLES"); // the restart failed: go on as we are
#else
  (void)argc;
  (void)argv;
  (void)minBytes;
#endif
}
