# -*- Python -*-
import os
import lit.formats
from lit.llvm import llvm_config

config.name = "npc"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test"]
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.npc_obj_root, "test")

llvm_config.with_system_environment(["HOME", "PATH"])
llvm_config.use_default_substitutions()
config.substitutions.append(("%python", config.python_executable))
config.substitutions.append(("%models", config.python_executable + " " +
                             os.path.join(config.test_source_root, "Import", "Inputs", "models.py")))
# bench/ scripts some tests run, and where they find npc's tools.
config.substitutions.append(("%bench", os.path.join(os.path.dirname(config.test_source_root),
                                                    "bench")))
config.substitutions.append(("%npc_bin", config.npc_tools_dir))
tool_dirs = [config.npc_tools_dir, config.llvm_tools_dir]
llvm_config.add_tool_substitutions(["npc", "npc-opt", "npc-translate"], tool_dirs)
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
