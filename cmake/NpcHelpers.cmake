# Targets whose sources use protobuf (or pybind11) need C++ exceptions, which
# LLVM's flags turn off globally.
function(npc_enable_exceptions target)
  target_compile_options(${target} PRIVATE -fexceptions)
endfunction()
