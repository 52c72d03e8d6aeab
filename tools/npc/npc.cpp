//===- npc.cpp - the npc driver -------------------------------------------===//
//
//   npc import MODEL.onnx [-o OUT.mlir] [--legalize] [--bind N=F.npy] [--shape N=DIMS]
//   npc reference MODEL.onnx -i [NAME=]IN.npy... -o OUT.npy... [--bind ...] [--shape ...]
//
// Every failure prints one "npc: error: ..." line and exits with 2.
//
//===----------------------------------------------------------------------===//
#include "npc/Import/OnnxImporter.h"
#include "npc/InitAll.h"
#include "npc/Reference/Interpreter.h"
#include "npc/Support/Diagnostics.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

#include <map>
#include <string>
#include <vector>

using namespace npc;

namespace {

constexpr int kExitError = 2;

int usage() {
  llvm::errs()
      << "usage:\n"
         "  npc import MODEL.onnx [-o OUT.mlir] [--legalize] [options]\n"
         "  npc reference MODEL.onnx -i [NAME=]IN.npy ... -o OUT.npy ... [options]\n"
         "options:\n"
         "  --bind NAME=FILE.npy   freeze graph input NAME to a constant\n"
         "  --shape NAME=1x3x224x224  static shape for an input with dynamic dims\n";
  return kExitError;
}

int fail(const llvm::Twine &msg) {
  llvm::errs() << "npc: error: " << msg << "\n";
  return kExitError;
}

int fail(llvm::Error err) {
  std::string m = llvm::toString(std::move(err));
  return fail(m);
}

struct Args {
  std::string command, model;
  std::vector<std::string> inputs, outputs;
  std::string outMlir;
  bool legalize = false;
  ImportOptions import;
};

/// Parses "NAME=VALUE".
bool splitAssign(llvm::StringRef arg, std::string &name, std::string &value) {
  auto [n, v] = arg.split('=');
  if (n.empty() || v.empty() || !arg.contains('='))
    return false;
  name = n.str();
  value = v.str();
  return true;
}

std::optional<int> parseArgs(int argc, char **argv, Args &a) {
  if (argc < 3)
    return usage();
  a.command = argv[1];
  for (int i = 2; i < argc; ++i) {
    llvm::StringRef arg = argv[i];
    auto next = [&]() -> const char * { return i + 1 < argc ? argv[++i] : nullptr; };
    if (arg == "-i" || arg == "-o" || arg == "--bind" || arg == "--shape") {
      const char *v = next();
      if (!v)
        return fail("option " + arg + " needs a value");
      if (arg == "-i") {
        a.inputs.push_back(v);
      } else if (arg == "-o") {
        a.outputs.push_back(v);
      } else {
        std::string name, value;
        if (!splitAssign(v, name, value))
          return fail("option " + arg + " expects NAME=VALUE, got '" + v + "'");
        if (arg == "--bind") {
          auto t = readNpy(value);
          if (!t)
            return fail(t.takeError());
          a.import.bindings[name] = std::move(*t);
        } else {
          std::vector<int64_t> dims;
          llvm::SmallVector<llvm::StringRef> parts;
          llvm::StringRef(value).split(parts, 'x');
          for (llvm::StringRef p : parts) {
            int64_t d;
            if (p.getAsInteger(10, d) || d < 1)
              return fail("--shape " + name + ": '" + value +
                          "' is not a list of positive sizes like 1x3x224x224");
            dims.push_back(d);
          }
          a.import.shapes[name] = dims;
        }
      }
    } else if (arg == "--legalize") {
      a.legalize = true;
    } else if (arg.starts_with("-")) {
      return fail("unknown option '" + arg + "'");
    } else if (a.model.empty()) {
      a.model = arg.str();
    } else {
      return fail("unexpected argument '" + arg + "'");
    }
  }
  if (a.model.empty())
    return usage();
  return std::nullopt;
}

/// Prints MLIR diagnostics as npc errors naming the ONNX node.
struct DiagnosticPrinter {
  mlir::ScopedDiagnosticHandler handler;
  explicit DiagnosticPrinter(mlir::MLIRContext &ctx)
      : handler(&ctx, [](mlir::Diagnostic &d) {
          std::string where = describeLoc(d.getLocation());
          if (!where.empty())
            where += ": ";
          llvm::errs() << "npc: "
                       << (d.getSeverity() == mlir::DiagnosticSeverity::Error ? "error: " : "note: ")
                       << where << d.str() << "\n";
          return mlir::success();
        }) {}
};

mlir::LogicalResult legalize(mlir::ModuleOp m) {
  mlir::PassManager pm(m->getContext());
  pm.addPass(qg::createLegalizeToIntegerParams());
  return pm.run(m);
}

int runReferenceCommand(mlir::ModuleOp m, Args &a) {
  auto sig = getSignature(m);
  if (!sig)
    return fail(sig.takeError());
  const auto &ins = sig->first;
  const auto &outs = sig->second;
  if (a.inputs.size() != ins.size())
    return fail("the model has " + llvm::Twine(ins.size()) + " input(s), " +
                llvm::Twine(a.inputs.size()) + " given with -i");
  if (a.outputs.size() != outs.size())
    return fail("the model has " + llvm::Twine(outs.size()) + " output(s), " +
                llvm::Twine(a.outputs.size()) + " given with -o");
  std::vector<HostTensor> values(ins.size());
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
  auto result = runReference(m, values);
  if (!result)
    return fail(result.takeError());
  for (size_t i = 0; i < outs.size(); ++i)
    if (auto err = writeNpy(a.outputs[i], (*result)[i]))
      return fail(std::move(err));
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  Args a;
  if (auto rc = parseArgs(argc, argv, a))
    return *rc;
  if (a.command != "import" && a.command != "reference")
    return fail("unknown command '" + a.command + "' (import, reference)");

  mlir::DialectRegistry registry;
  registerAllDialects(registry);
  mlir::MLIRContext ctx(registry);
  ctx.loadAllAvailableDialects();
  DiagnosticPrinter diags(ctx);

  auto module = importOnnxFile(ctx, a.model, a.import);
  if (!module)
    return fail(module.takeError());
  mlir::ModuleOp m = **module;

  if (a.command == "import") {
    if (a.legalize && mlir::failed(legalize(m)))
      return kExitError;
    std::string out = a.outMlir.empty() && !a.outputs.empty() ? a.outputs[0] : "-";
    std::error_code ec;
    llvm::raw_fd_ostream os(out, ec);
    if (ec)
      return fail("cannot write '" + out + "': " + ec.message());
    m.print(os);
    return 0;
  }
  if (mlir::failed(legalize(m)))
    return kExitError;
  return runReferenceCommand(m, a);
}
