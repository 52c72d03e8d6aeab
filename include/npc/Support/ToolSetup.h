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

} // namespace npc

#endif
