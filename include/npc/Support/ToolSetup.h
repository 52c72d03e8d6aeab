//===- ToolSetup.h - what every npc command-line tool does first -*- C++ -*-===//
#ifndef NPC_SUPPORT_TOOLSETUP_H
#define NPC_SUPPORT_TOOLSETUP_H

namespace npc {

/// Call first in main() of npc, npc-opt and npc-translate:
/// - a crash names npc as the bug to report, not LLVM's tracker;
/// - a file-size limit (ulimit -f) makes writes fail with EFBIG instead of
///   killing the process with SIGXFSZ;
/// - an LLVM fatal error (MLIR's output helpers raise one when a write
///   fails, e.g. a full disk) is one line `TOOL: error: ...` and exit 2,
///   not an abort with a stack dump.
void setUpTool(const char *toolName);

/// Restarts the process once, before anything else in main(), with glibc's
/// allocator set to back its heap with 2 MiB pages and to keep freed memory
/// (GLIBC_TUNABLES), when an argument names a file of at least `minBytes`
/// (a model or artifact that large: small ones gain less than the restart
/// costs, some 0.1 s).
/// Importing and compiling a large model touches hundreds of megabytes once
/// (weights widened, copied, packed): on a virtual machine where each 4 KiB
/// page fault is expensive, `npc reference` of ResNet-50 took 1.2 s, 0.3 s
/// so (docs/executor.md). Nothing happens when GLIBC_TUNABLES is already
/// set, NPC_HUGE_PAGES=0, the kernel gives no transparent huge pages, or
/// the restart fails (the run then goes on as it is).
void restartWithHugePageHeap(int argc, char **argv, long long minBytes);

} // namespace npc

#endif
