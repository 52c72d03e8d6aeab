//===- npc.cpp - the npc driver -------------------------------------------===//
//
//   npc import MODEL.onnx [-o OUT.mlir] [--legalize] [--bind N=F.npy] [--shape N=DIMS]
//   npc reference MODEL.onnx -i [NAME=]IN.npy... -o OUT.npy... [--bind ...] [--shape ...]
//   npc compile MODEL.onnx|MODULE.mlir -o OUT.npx [--target T] [--report R.json] [--emit=mlir --stage=S]
//   npc run MODEL.npx -i [NAME=]IN.npy... -o OUT.npy... [--stats S.json] [--frames N]
//   npc verify MODEL.onnx -i [NAME=]IN.npy... [--target T]
//   npc report MODEL.npx [--trace TRACE.json] [--html REPORT.html]
//
// Every failure prints one "npc: error: ..." line and exits with 2.
//
//===----------------------------------------------------------------------===//
#include "npc/Compiler/Compiler.h"
#include "npc/Conversion/OnnxToQGraph/OnnxToQGraph.h"
#include "npc/Runtime/Executor.h"
#include "npc/Import/OnnxImporter.h"
#include "npc/InitAll.h"
#include "npc/Reference/Interpreter.h"
#include "npc/Support/Diagnostics.h"
#include "npc/Support/Printable.h"
#include "npc/Support/ToolSetup.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/PrettyStackTrace.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <cstring>

#include <map>
#include <set>
#include <string>
#include <vector>

using namespace npc;

namespace {

constexpr int kExitError = 2;
const char *gArgv0 = "npc"; // for finding files installed next to npc

int fail(const llvm::Twine &msg) {
  // One line whatever the message holds: names are printable() where they
  // are quoted, and this catches anything else from an input file.
  llvm::errs() << "npc: error: " << printable(msg.str(), 4096) << "\n";
  return kExitError;
}

int fail(llvm::Error err) {
  std::string m = llvm::toString(std::move(err));
  return fail(m);
}

struct Args {
  std::string command, model;
  std::vector<std::string> inputs, outputs;
  bool legalize = false;
  ImportOptions import;
  std::string target, report, stats, emit, stage = "program", trace, html;
  int64_t parallel = 16, frames = 1, minParallelCycles = 16;
  bool pipeline = true, search = false, debugInfo = false, quiet = false;
  CompileOptions::Choice fillSpan = CompileOptions::Choice::Auto;
  CompileOptions::Choice fuseConvAdd = CompileOptions::Choice::Auto;
  CompileOptions::Choice streamWeights = CompileOptions::Choice::Auto;
  bool splitReductions = true;
  double progressAfter = 1.0; // seconds
};

//===----------------------------------------------------------------------===//
// Command line: one LLVM CommandLine subcommand per command
//===----------------------------------------------------------------------===//

namespace cl = llvm::cl;

cl::OptionCategory npcCategory("npc options");

cl::SubCommand importCmd("import", "ONNX model to qg MLIR (the quantized graph)");
cl::SubCommand referenceCmd("reference",
                            "run npc's reference interpreter of the quantized graph");
cl::SubCommand compileCmd("compile", "ONNX model, or an MLIR module of any stage, to an "
                                     "artifact (per-core programs and memory images)");
cl::SubCommand runCmd("run", "run an artifact on the functional executor");
cl::SubCommand verifyCmd("verify", "compile, run, and compare with the reference "
                                   "interpreter byte for byte");
cl::SubCommand reportCmd("report",
                         "an artifact's report: a table, a self-contained HTML page, a "
                         "Chrome trace");

// What each command reads: a model (ONNX, or MLIR of any stage), or for
// run and report an artifact; each --help says which.
cl::opt<std::string> optModel(cl::Positional, cl::Required, cl::desc("<MODEL.onnx|.mlir>"),
                              cl::sub(importCmd), cl::sub(referenceCmd), cl::sub(compileCmd),
                              cl::sub(verifyCmd), cl::cat(npcCategory));
cl::opt<std::string> optArtifact(cl::Positional, cl::Required, cl::desc("<MODEL.npx>"),
                                 cl::sub(runCmd), cl::sub(reportCmd), cl::cat(npcCategory));
cl::list<std::string> optInputs("i", cl::desc("an input: FILE.npy (in graph order) or NAME=FILE.npy"),
                                cl::value_desc("[NAME=]IN.npy"), cl::sub(referenceCmd),
                                cl::sub(runCmd), cl::sub(verifyCmd), cl::cat(npcCategory));
cl::list<std::string> optOutputs("o", cl::desc("output file (one per graph output for run, "
                                               "reference and verify)"),
                                 cl::value_desc("FILE"), cl::sub(importCmd),
                                 cl::sub(referenceCmd), cl::sub(compileCmd), cl::sub(runCmd),
                                 cl::sub(verifyCmd), cl::cat(npcCategory));
cl::list<std::string> optBind("bind", cl::desc("freeze graph input NAME to a constant"),
                              cl::value_desc("NAME=FILE.npy"), cl::sub(importCmd),
                              cl::sub(referenceCmd), cl::sub(compileCmd), cl::sub(verifyCmd),
                              cl::cat(npcCategory));
cl::list<std::string> optShape("shape", cl::desc("static shape of an input with dynamic "
                                                 "dimensions"),
                               cl::value_desc("NAME=1x3x224x224"), cl::sub(importCmd),
                               cl::sub(referenceCmd), cl::sub(compileCmd), cl::sub(verifyCmd),
                               cl::cat(npcCategory));
cl::list<std::string> optLimit("limit",
                               cl::desc("raise or lower an import limit: nodes (2^17), "
                                        "tensor-elements (2^31), weight-elements (2^31 in all), "
                                        "input-dimension (2^24)"),
                               cl::value_desc("NAME=N"), cl::sub(importCmd),
                               cl::sub(referenceCmd), cl::sub(compileCmd), cl::sub(verifyCmd),
                               cl::cat(npcCategory));
cl::opt<bool> optLegalize("legalize", cl::desc("derive the integer parameters (qg-legalize-integer)"),
                          cl::sub(importCmd), cl::cat(npcCategory));
cl::opt<bool> optDebugInfo("debuginfo",
                           cl::desc("print locations: the ONNX node names, kept when the "
                                    "module is compiled further"),
                           cl::sub(importCmd), cl::sub(compileCmd), cl::cat(npcCategory));
cl::opt<std::string> optTarget("target",
                               cl::desc("northpole, small or a target JSON file (default "
                                        "northpole; an MLIR module keeps its own)"),
                               cl::value_desc("T"), cl::sub(compileCmd), cl::sub(verifyCmd),
                               cl::cat(npcCategory));
cl::opt<std::string> optReport("report", cl::desc("write the report JSON here"),
                               cl::value_desc("REPORT.json"), cl::sub(compileCmd),
                               cl::cat(npcCategory));
cl::opt<std::string> optEmit("emit", cl::desc("print the module instead of an artifact: mlir"),
                             cl::sub(compileCmd), cl::cat(npcCategory));
cl::opt<std::string> optStage("stage",
                              cl::desc("with --emit=mlir, stop after this stage: graph, "
                                       "tiling, mapping, noc or program"),
                              cl::init("program"), cl::sub(compileCmd), cl::cat(npcCategory));
cl::opt<bool> optNoPipeline("no-pipeline",
                            cl::desc("frames one after another, not overlapped"),
                            cl::sub(compileCmd), cl::sub(verifyCmd), cl::cat(npcCategory));
cl::opt<std::string> optFillSpan(
    "fill-span",
    cl::desc("auto, on or off: cut layers along a dimension with pieces for every core they "
             "span; auto tiles both ways where that differs and keeps the faster (docs/tiling.md)"),
    cl::value_desc("auto|on|off"), cl::init("auto"), cl::sub(compileCmd), cl::sub(verifyCmd),
    cl::cat(npcCategory));
cl::opt<std::string> optFuseConvAdd(
    "fuse-conv-add",
    cl::desc("auto, on or off: fuse each convolution into the add that is its only use (one "
             "layer); auto where the timetable sets the period and that is faster "
             "(docs/mapping.md)"),
    cl::value_desc("auto|on|off"), cl::init("auto"), cl::sub(compileCmd), cl::sub(verifyCmd),
    cl::cat(npcCategory));
cl::opt<std::string> optStreamWeights(
    "stream-weights",
    cl::desc("auto, on or off: a MAC layer's row tiles keep no copy of the weights and stream "
             "them from the layer's row-0 tile over the model NoC while they compute; auto "
             "where the timetable sets the period and that is faster (docs/mapping.md)"),
    cl::value_desc("auto|on|off"), cl::init("auto"), cl::sub(compileCmd), cl::sub(verifyCmd),
    cl::cat(npcCategory));
cl::opt<std::string> optSplitReductions(
    "split-reductions",
    cl::desc("auto or off: where the busiest core sets the period and computes a matmul, split "
             "that matmul's reduction into parts chained by partial sums over the partial-sum "
             "NoC; auto keeps it where that is faster (docs/mapping.md)"),
    cl::value_desc("auto|off"), cl::init("auto"), cl::sub(compileCmd), cl::sub(verifyCmd),
    cl::cat(npcCategory));
cl::opt<bool> optSearch("search",
                        cl::desc("try several mappings, keep the fastest by the cost model"),
                        cl::sub(compileCmd), cl::sub(verifyCmd), cl::cat(npcCategory));
// Numbers are read as text: their errors are npc's one-line messages.
cl::opt<std::string> optParallel("parallel", cl::desc("tiles to aim for per layer (16)"),
                                 cl::value_desc("N"), cl::init("16"), cl::sub(compileCmd),
                                 cl::sub(verifyCmd), cl::cat(npcCategory));
cl::opt<std::string> optMinParallelCycles(
    "min-parallel-cycles",
    cl::desc("cut no layer into --parallel tiles of fewer compute cycles each (16; 0: always)"),
    cl::value_desc("N"), cl::init("16"), cl::sub(compileCmd), cl::sub(verifyCmd),
    cl::cat(npcCategory));
cl::opt<std::string> optStats("stats", cl::desc("write the executor's cycle counts here"),
                              cl::value_desc("STATS.json"), cl::sub(runCmd), cl::sub(verifyCmd),
                              cl::cat(npcCategory));
cl::opt<std::string> optFrames("frames", cl::desc("run the input as N pipelined frames"),
                               cl::value_desc("N"), cl::init("1"), cl::sub(runCmd),
                               cl::sub(verifyCmd), cl::cat(npcCategory));
cl::opt<std::string> optTrace("trace", cl::desc("write a Chrome trace of the timetable"),
                              cl::value_desc("TRACE.json"), cl::sub(reportCmd),
                              cl::cat(npcCategory));
cl::opt<std::string> optHtml("html", cl::desc("write one self-contained HTML page"),
                             cl::value_desc("REPORT.html"), cl::sub(reportCmd),
                             cl::cat(npcCategory));
cl::opt<bool> optQuiet("quiet",
                       cl::desc("no progress lines (printed on stderr, stage by stage, once "
                                "a compile has taken a second)"),
                       cl::sub(compileCmd), cl::sub(verifyCmd), cl::cat(npcCategory));

cl::opt<std::string> optProgressAfter("progress-after", cl::Hidden,
                                      cl::desc("seconds before progress lines show (tests)"),
                                      cl::init("1"), cl::sub(compileCmd), cl::sub(verifyCmd));

const char *const kCommands = "import, reference, compile, run, verify, report";

std::optional<int> parseArgs(int argc, char **argv, Args &a) {
  cl::SetVersionPrinter([](llvm::raw_ostream &os) {
    os << "npc " NPC_VERSION " (LLVM and MLIR " LLVM_VERSION_STRING ")\n"
       << "executor kernels: " << kernels::isaName(kernels::activeIsa())
       << " (NPC_ISA=avx2, portable or scalar for the slower exact paths)\n";
  });
  // Help lists npc's options, not the ones libLLVM registers for itself.
  cl::HideUnrelatedOptions(npcCategory);
  if (argc < 2) {
    llvm::errs() << "usage: npc <command> [options]; commands: " << kCommands
                 << "; npc <command> --help for each, npc --version\n";
    return kExitError;
  }
  llvm::StringRef command = argv[1];
  if (!command.starts_with("-") &&
      !llvm::is_contained({"import", "reference", "compile", "run", "verify", "report"},
                          command))
    return fail("unknown command '" + command + "' (" + kCommands + ")");
  std::string errors;
  llvm::raw_string_ostream es(errors);
  if (!cl::ParseCommandLineOptions(argc, argv, "npc: a compiler for NorthPole-class chips\n",
                                   &es)) {
    // One line: the first message, without LLVM's "npc <command>: " prefix.
    llvm::StringRef first = llvm::StringRef(errors).trim().split('\n').first.trim();
    if (auto colon = first.find(": "); colon != llvm::StringRef::npos &&
                                       first.take_front(colon).starts_with("npc"))
      first = first.drop_front(colon + 2);
    return fail(first);
  }
  a.command = command.str();
  bool readsArtifact = a.command == "run" || a.command == "report";
  a.model = readsArtifact ? optArtifact : optModel;
  // An artifact holds the programs, not the graph the reference runs.
  if (!readsArtifact && llvm::StringRef(a.model).ends_with(".npx"))
    return fail(a.command + " reads a model (ONNX, or MLIR of any stage), not an artifact: '" +
                a.model + "'" + (a.command == "verify" ? "; npc run runs an artifact" : ""));
  a.inputs = optInputs;
  a.outputs = optOutputs;
  a.legalize = optLegalize;
  a.debugInfo = optDebugInfo;
  a.target = optTarget;
  a.report = optReport;
  a.emit = optEmit;
  a.stage = optStage;
  a.pipeline = !optNoPipeline;
  a.search = optSearch;
  if (auto fill = parseChoice(optFillSpan))
    a.fillSpan = *fill;
  else
    return fail("--fill-span must be auto, on or off, got '" + optFillSpan + "'");
  if (auto fuse = parseChoice(optFuseConvAdd))
    a.fuseConvAdd = *fuse;
  else
    return fail("--fuse-conv-add must be auto, on or off, got '" + optFuseConvAdd + "'");
  if (auto stream = parseChoice(optStreamWeights))
    a.streamWeights = *stream;
  else
    return fail("--stream-weights must be auto, on or off, got '" + optStreamWeights + "'");
  if (optSplitReductions != "auto" && optSplitReductions != "off")
    return fail("--split-reductions must be auto or off, got '" + optSplitReductions + "'");
  a.splitReductions = optSplitReductions == "auto";
  a.stats = optStats;
  a.trace = optTrace;
  a.html = optHtml;
  a.quiet = optQuiet;
  if (llvm::StringRef(optProgressAfter).getAsDouble(a.progressAfter) || a.progressAfter < 0)
    return fail("--progress-after expects a number of seconds");
  if (llvm::StringRef(optFrames).getAsInteger(10, a.frames) || a.frames < 1)
    return fail("--frames expects a positive number");
  // Every frame's buffers and events are held at once: bounded.
  if (a.frames > 4096)
    return fail("--frames " + std::to_string(a.frames) + " is more than npc runs at once (4096)");
  if (llvm::StringRef(optParallel).getAsInteger(10, a.parallel) || a.parallel < 1)
    return fail("--parallel expects a positive number");
  if (llvm::StringRef(optMinParallelCycles).getAsInteger(10, a.minParallelCycles) ||
      a.minParallelCycles < 0)
    return fail("--min-parallel-cycles expects a number >= 0");
  if (!a.emit.empty() && a.emit != "mlir")
    return fail("--emit supports only 'mlir'");
  for (const std::string &arg : optBind)
    if (auto err = a.import.addBinding(arg))
      return fail(std::move(err));
  for (const std::string &arg : optShape)
    if (auto err = a.import.addShape(arg))
      return fail(std::move(err));
  for (const std::string &arg : optLimit)
    if (auto err = a.import.limits.set(arg))
      return fail(std::move(err));
  return std::nullopt;
}

/// Compile progress on stderr: one line per stage with its time. Lines are
/// held until the compile has taken a second, so quick compiles print none;
/// --quiet prints none at all.
struct Progress {
  using Clock = std::chrono::steady_clock;
  Clock::time_point start = Clock::now(), last = start;
  std::vector<std::string> held;
  bool live = false, quiet = false;
  double after = 1.0; // seconds before lines show

  void done(llvm::StringRef stage) {
    Clock::time_point now = Clock::now();
    double step = std::chrono::duration<double>(now - last).count();
    double total = std::chrono::duration<double>(now - start).count();
    last = now;
    if (quiet)
      return;
    held.push_back(llvm::formatv("npc: {0,-22} {1,7:f2} s   ({2:f2} s elapsed)", stage, step,
                                 total)
                       .str());
    if (!live && total < after)
      return;
    live = true;
    for (const std::string &line : held)
      llvm::errs() << line << "\n";
    held.clear();
  }
};

/// Prints MLIR diagnostics as npc errors naming the ONNX node.
struct DiagnosticPrinter {
  mlir::ScopedDiagnosticHandler handler;
  explicit DiagnosticPrinter(mlir::MLIRContext &ctx)
      : handler(&ctx, [](mlir::Diagnostic &d) {
          llvm::errs() << "npc: "
                       << (d.getSeverity() == mlir::DiagnosticSeverity::Error ? "error: " : "note: ")
                       << formatDiagnostic(d) << "\n";
          return mlir::success();
        }) {}
};

mlir::LogicalResult legalize(mlir::ModuleOp m) {
  mlir::PassManager pm(m->getContext());
  pm.addPass(qg::createLegalizeToIntegerParams());
  return pm.run(m);
}

/// Reads the -i files into the model's input order.
std::optional<int> readInputs(const std::vector<TensorSignature> &ins, Args &a,
                              std::vector<HostTensor> &values) {
  if (a.inputs.size() != ins.size())
    return fail("the model has " + llvm::Twine(ins.size()) + " input(s), " +
                llvm::Twine(a.inputs.size()) + " given with -i");
  values.assign(ins.size(), HostTensor());
  std::vector<bool> given(ins.size(), false);
  for (size_t i = 0; i < a.inputs.size(); ++i) {
    std::string name, file;
    size_t slot = i;
    if (splitAssign(a.inputs[i], name, file) && !llvm::sys::fs::exists(a.inputs[i])) {
      auto it = std::find_if(ins.begin(), ins.end(),
                             [&](const TensorSignature &s) { return s.name == name; });
      if (it == ins.end())
        return fail("-i " + a.inputs[i] + ": the model has no input named '" + name + "'");
      slot = it - ins.begin();
    } else {
      file = a.inputs[i];
    }
    if (given[slot])
      return fail("input '" + ins[slot].name + "' given twice");
    auto t = readNpy(file);
    if (!t)
      return fail(t.takeError());
    values[slot] = std::move(*t);
    given[slot] = true;
  }
  return std::nullopt;
}

std::optional<int> writeOutputs(const std::vector<HostTensor> &outs, Args &a) {
  if (a.outputs.size() != outs.size())
    return fail("the model has " + llvm::Twine(outs.size()) + " output(s), " +
                llvm::Twine(a.outputs.size()) + " given with -o");
  for (size_t i = 0; i < outs.size(); ++i)
    if (auto err = writeNpy(a.outputs[i], outs[i]))
      return fail(std::move(err));
  return std::nullopt;
}

/// Flushes `os`; a write that failed (a full disk, /dev/full) is one error
/// line, not the stream's abort in its destructor.
std::optional<int> closeChecked(llvm::raw_fd_ostream &os, const std::string &path) {
  os.close();
  if (!os.has_error())
    return std::nullopt;
  std::error_code ec = os.error();
  os.clear_error();
  return fail("cannot write '" + path + "': " + ec.message());
}

std::optional<int> writeText(const std::string &path, llvm::StringRef text) {
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec);
  if (ec)
    return fail("cannot write '" + path + "': " + ec.message());
  os << text;
  if (auto err = closeChecked(os, path))
    return err;
  return std::nullopt;
}

int runReferenceCommand(mlir::ModuleOp m, Args &a) {
  auto sig = getSignature(m);
  if (!sig)
    return fail(sig.takeError());
  std::vector<HostTensor> values;
  if (auto rc = readInputs(sig->first, a, values))
    return *rc;
  auto result = runReference(m, values);
  if (!result)
    return fail(result.takeError());
  if (auto rc = writeOutputs(*result, a))
    return *rc;
  return 0;
}

/// Loads an artifact, reports its inputs as signatures.
std::vector<TensorSignature> signatureOf(const Manifest &m) {
  std::vector<TensorSignature> ins;
  for (const HostBoundary &b : m.inputs)
    ins.push_back({b.name, b.hostKind, b.shape});
  return ins;
}

std::optional<int> writeStats(const RunStats &stats, Args &a) {
  if (a.stats.empty())
    return std::nullopt;
  return writeText(a.stats, stats.toJson() + "\n");
}

/// Writes `m` as MLIR text to -o (standard output when none is given).
int printModule(mlir::ModuleOp m, const Args &a) {
  std::string out = a.outputs.empty() ? "-" : a.outputs[0];
  std::error_code ec;
  llvm::raw_fd_ostream os(out, ec);
  if (ec)
    return fail("cannot write '" + out + "': " + ec.message());
  // --debuginfo keeps the locations: they carry the ONNX node names that
  // reports and error messages use when the module is compiled further.
  mlir::OpPrintingFlags flags;
  if (a.debugInfo)
    flags.enableDebugInfo();
  m.print(os, flags);
  os << "\n"; // as npc-opt ends its output
  if (auto err = closeChecked(os, out))
    return *err;
  return 0;
}

/// Loads `artifact`, reads the -i inputs and runs them as --frames frames,
/// pipelined; the outputs are the last frame's (all frames must agree).
std::optional<int> executeArtifact(Artifact artifact, Args &a, std::vector<HostTensor> &inputs,
                                   std::vector<HostTensor> &outs, RunStats &stats,
                                   std::vector<std::string> *outputNames = nullptr) {
  auto exec = Executor::load(std::move(artifact));
  if (!exec)
    return fail(exec.takeError());
  if (auto rc = readInputs(signatureOf((*exec)->manifest()), a, inputs))
    return *rc;
  auto r = (*exec)->runFrames(std::vector<std::vector<HostTensor>>(a.frames, inputs), &stats);
  if (!r)
    return fail(r.takeError());
  for (const auto &frame : *r)
    for (size_t i = 0; i < frame.size(); ++i)
      if (frame[i].ints != (*r)[0][i].ints || frame[i].floats != (*r)[0][i].floats)
        return fail("frames with the same input gave different outputs: the pipelined "
                    "schedule lets frames interfere");
  outs = std::move(r->back());
  if (outputNames)
    for (const HostBoundary &b : (*exec)->manifest().outputs)
      outputNames->push_back(b.name);
  return std::nullopt;
}

/// The report of an artifact as a table; optionally one HTML page of it
/// (HtmlReport.h) and its timetable as a Chrome trace (one track per core,
/// one per NoC) for Perfetto.
/// The HTML page and the Chrome trace come from python/npc/report.py (stdlib
/// only), which reads the artifact itself: installed next to npc as
/// ../share/npc/report.py, or named by NPC_REPORT_PY.
int runReportTool(const Args &a) {
  std::string script;
  if (const char *env = std::getenv("NPC_REPORT_PY"))
    script = env;
  else {
    llvm::SmallString<256> p(llvm::sys::path::parent_path(llvm::sys::path::parent_path(
        llvm::sys::fs::getMainExecutable(gArgv0, (void *)&runReportTool))));
    llvm::sys::path::append(p, "share", "npc", "report.py");
    script = std::string(p);
  }
  if (!llvm::sys::fs::exists(script))
    return fail("--html and --trace need the report tool '" + script +
                "' (python/npc/report.py; set NPC_REPORT_PY to its path)");
  auto python = llvm::sys::fs::exists("/usr/bin/python3")
                    ? llvm::ErrorOr<std::string>(std::string("/usr/bin/python3"))
                    : llvm::sys::findProgramByName("python3");
  if (!python)
    return fail("--html and --trace need python3 to run " + script);
  std::vector<llvm::StringRef> args = {*python, script, a.model, "--no-table"};
  if (!a.html.empty())
    args.insert(args.end(), {"--html", a.html});
  if (!a.trace.empty())
    args.insert(args.end(), {"--trace", a.trace});
  std::string why;
  int rc = llvm::sys::ExecuteAndWait(*python, args, std::nullopt, {}, 0, 0, &why);
  if (rc < 0)
    return fail("cannot run " + script + ": " + why);
  return rc == 0 ? 0 : kExitError; // the tool printed its one error line
}

int reportCommand(Args &a) {
  auto artifact = readArtifactFile(a.model);
  if (!artifact)
    return fail(artifact.takeError());
  auto m = parseManifest(artifact->manifest);
  if (!m)
    return fail(m.takeError());
  const llvm::json::Object &r = m->report;
  const auto *summary = r.getObject("summary");
  const auto *layers = r.getArray("layers");
  if (!summary || !layers)
    return fail("the artifact has no report");
  // The report is read as given (the artifact's manifest is anyone's to
  // edit): every layer must be an object before any line is printed.
  for (auto [i, lv] : llvm::enumerate(*layers))
    if (!lv.getAsObject())
      return fail("the artifact's report: layer " + llvm::Twine(i) + " is not an object");

  auto num = [](const llvm::json::Object *o, llvm::StringRef k) {
    return o->getNumber(k).value_or(0.0);
  };
  llvm::outs() << llvm::formatv(
      "target {0}: {1} cycles/frame, latency {8} cycles = {2:f2} us, {3:f0} frames/s, "
      "MAC utilization {4:f2} %, {5} cores used, fullest core {6} of {7} bytes\n",
      m->target.name, m->period, num(summary, "latency_us"), num(summary, "frames_per_second"),
      100 * num(summary, "mac_utilization"), int64_t(num(summary, "cores_used")),
      int64_t(num(summary, "max_core_bytes")), m->target.coreMemoryBytes, m->cycles);
  if (summary->get("frames_per_second_batch_1"))
    llvm::outs() << llvm::formatv(
        "period limited by {0}; host link {1} cycles in, {2} out per frame; frames/s at batch "
        "1: {3:f0}, batch 16: {4:f0}\n",
        summary->getString("period_limited_by").value_or("?"),
        int64_t(num(summary, "host_input_cycles")), int64_t(num(summary, "host_output_cycles")),
        num(summary, "frames_per_second_batch_1"), num(summary, "frames_per_second_batch_16"));
  llvm::outs() << llvm::formatv("{0,-28}{1,-10}{2,6}{3,6}{4,12}{5,10}{6,10}{7,8}\n", "layer",
                                "kind", "tiles", "cores", "MACs", "start", "cycles", "util%");
  for (const auto &lv : *layers) {
    const auto *l = lv.getAsObject();
    llvm::outs() << llvm::formatv("{0,-28}{1,-10}{2,6}{3,6}{4,12}{5,10}{6,10}{7,8:f1}\n",
                                  l->getString("name").value_or(""),
                                  l->getString("kind").value_or(""),
                                  int64_t(num(l, "tiles")), int64_t(num(l, "cores_used")),
                                  int64_t(num(l, "macs")), int64_t(num(l, "start_cycle")),
                                  int64_t(num(l, "cycles")), 100 * num(l, "mac_utilization"));
  }
  if (a.html.empty() && a.trace.empty())
    return 0;
  return runReportTool(a);
}

int runArtifactCommand(Args &a) {
  auto artifact = readArtifactFile(a.model);
  if (!artifact)
    return fail(artifact.takeError());
  std::vector<HostTensor> inputs, outs;
  RunStats stats;
  if (auto rc = executeArtifact(std::move(*artifact), a, inputs, outs, stats))
    return *rc;
  if (auto rc = writeOutputs(outs, a))
    return *rc;
  if (auto rc = writeStats(stats, a))
    return *rc;
  return 0;
}

/// Compiled executor vs reference interpreter, byte for byte.
int verifyCommand(mlir::ModuleOp reference, Artifact artifact, Args &a) {
  std::vector<HostTensor> inputs, chipOuts;
  std::vector<std::string> names;
  RunStats stats;
  if (auto rc = executeArtifact(std::move(artifact), a, inputs, chipOuts, stats, &names))
    return *rc;
  auto *chip = &chipOuts;
  auto ref = runReference(reference, inputs);
  if (!ref)
    return fail(ref.takeError());
  if (chip->size() != ref->size())
    return fail("the executor gives " + llvm::Twine(chip->size()) + " output(s), the reference " +
                llvm::Twine(ref->size()));
  for (size_t o = 0; o < ref->size(); ++o) {
    const HostTensor &x = (*chip)[o], &y = (*ref)[o];
    // Kind and shape first: the values are compared element by element of
    // the reference's, which the executor's must then hold.
    if (x.kind != y.kind || x.shape != y.shape)
      return fail("output '" + names[o] + "': executor " + elemKindName(x.kind) + " [" +
                  x.shapeString() + "], reference " + elemKindName(y.kind) + " [" +
                  y.shapeString() + "]");
    int64_t n = y.numElements();
    for (int64_t i = 0; i < n; ++i) {
      bool same = y.kind == ElemKind::F32
                      ? std::memcmp(&x.floats[i], &y.floats[i], 4) == 0
                      : x.ints[i] == y.ints[i];
      if (!same) {
        std::string xv = y.kind == ElemKind::F32 ? std::to_string(x.floats[i]) : std::to_string(x.ints[i]);
        std::string yv = y.kind == ElemKind::F32 ? std::to_string(y.floats[i]) : std::to_string(y.ints[i]);
        return fail("output '" + names[o] + "' differs at flat index " +
                    llvm::Twine(i) + ": executor " + xv + ", reference " + yv);
      }
    }
  }
  if (auto rc = writeStats(stats, a))
    return *rc;
  if (!a.outputs.empty())
    if (auto rc = writeOutputs(*chip, a))
      return *rc;
  llvm::outs() << "verify: executor equals the reference on " << ref->size()
               << " output(s); " << stats.cyclesPerFrame << " cycles per frame, latency "
               << stats.cycles << " cycles\n";
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  npc::restartWithHugePageHeap(argc, argv, /*minBytes=*/4 << 20);
  llvm::InitLLVM init(argc, argv);
  setUpTool("npc");
  gArgv0 = argv[0];
  Args a;
  if (auto rc = parseArgs(argc, argv, a))
    return *rc;
  if (a.command == "run")
    return runArtifactCommand(a);
  if (a.command == "report")
    return reportCommand(a);

  mlir::DialectRegistry registry;
  registerAllDialects(registry);
  mlir::MLIRContext ctx(registry);
  ctx.loadAllAvailableDialects();
  DiagnosticPrinter diags(ctx);
  Progress progress;
  progress.quiet = a.quiet;
  progress.after = a.progressAfter;

  // An ONNX model, or an MLIR module of any stage (npc compile --emit=mlir,
  // npc-opt) that the pipeline continues from where it stopped.
  bool fromMlir = llvm::StringRef(a.model).ends_with(".mlir");
  if (fromMlir && a.command == "import")
    return fail("import reads ONNX models; '" + a.model + "' is already MLIR");
  mlir::OwningOpRef<mlir::ModuleOp> owned;
  if (fromMlir) {
    owned = mlir::parseSourceFile<mlir::ModuleOp>(a.model, &ctx);
    if (!owned)
      return kExitError; // the parser's diagnostics said why
  } else {
    progress.start = progress.last = Progress::Clock::now();
    auto module = importOnnxFile(ctx, a.model, a.import);
    if (!module)
      return fail(module.takeError());
    owned = std::move(*module);
    progress.done("import");
  }
  mlir::ModuleOp m = *owned;
  // The interpreter reads qg: an onnx-level module (npc-translate
  // --import-onnx) is converted first, with the fusion npc compile runs.
  if (fromMlir && (a.command == "reference" || a.command == "verify") && isOnnxLevel(m))
    if (auto err = convertOnnxToQGraph(m, a.import.limits))
      return fail(std::move(err));

  if (a.command == "import") {
    if (a.legalize && mlir::failed(legalize(m)))
      return kExitError;
    return printModule(m, a);
  }
  if (a.command == "reference") {
    if (mlir::failed(legalize(m)))
      return kExitError;
    return runReferenceCommand(m, a);
  }
  // Without --target: northpole for an ONNX model, the module's own target
  // for MLIR (npc-attach-target).
  if (!a.target.empty())
    if (auto target = resolveTarget(a.target); !target)
      return fail(target.takeError());
  CompileOptions opts;
  opts.target = a.target.empty() && !fromMlir ? "northpole" : a.target;
  opts.parallel = a.parallel;
  opts.minParallelCycles = a.minParallelCycles;
  opts.fillSpan = a.fillSpan;
  opts.fuseConvAdd = a.fuseConvAdd;
  opts.streamWeights = a.streamWeights;
  opts.splitReductions = a.splitReductions;
  opts.pipeline = a.pipeline;
  opts.search = a.search;
  opts.afterPass = [&](llvm::StringRef pass) { progress.done(pass); };
  auto stage = parseStage(a.stage);
  if (!stage)
    return fail("--stage must be graph, tiling, mapping, noc or program, got '" + a.stage + "'");
  if (auto done = completedStage(m); done && *done > *stage)
    return fail("'" + a.model + "' has been through stage " + stageName(*done) +
                " already; --stage=" + a.stage + " comes before it");
  if (a.command == "compile" && !a.emit.empty()) {
    if (mlir::failed(runPipeline(m, opts, *stage)))
      return kExitError;
    return printModule(m, a);
  }
  // The reference runs on a legalized copy of the imported module.
  mlir::OwningOpRef<mlir::ModuleOp> refModule;
  if (a.command == "verify") {
    refModule = m.clone();
    if (mlir::failed(legalize(*refModule)))
      return kExitError;
  }
  if (mlir::failed(runPipeline(m, opts)))
    return kExitError;
  auto artifact = buildArtifact(m);
  progress.done("artifact");
  if (!artifact)
    return fail(artifact.takeError());
  if (a.command == "compile") {
    if (a.outputs.size() != 1)
      return fail("compile writes one artifact: give -o OUT.npx");
    if (auto err = writeArtifactFile(a.outputs[0], *artifact))
      return fail(std::move(err));
    if (!a.report.empty()) {
      auto manifest = parseManifest(artifact->manifest);
      if (!manifest)
        return fail(manifest.takeError());
      if (auto rc = writeText(a.report, formatReport(manifest->report)))
        return *rc;
    }
    return 0;
  }
  return verifyCommand(*refModule, std::move(*artifact), a);
}
