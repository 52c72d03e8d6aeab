#!/usr/bin/env bash
# Installs everything npc needs on a fresh Debian 12 machine (idempotent).
# Debian's apt and npm are the only registries used.
set -euo pipefail
cd "$(dirname "$0")/.."

PKGS=(cmake ninja-build g++ ccache
      llvm-22-dev llvm-22-tools libmlir-22-dev mlir-22-tools
      libgtest-dev libfmt-dev libprotobuf-dev protobuf-compiler
      libonnx-dev libonnx-testdata
      pybind11-dev python3-dev python3-numpy python3-onnx python3-pytest
      python3-torch python3-torchvision python3-sklearn  # the examples and their tests
      clang-22 libclang-rt-22-dev      # the libFuzzer harnesses (scripts/fuzz.sh)
      chromium)                         # renders `npc report --html` in the html-report test
# Node.js may come from elsewhere (its own npm bundled): only ask apt when missing.
command -v node >/dev/null 2>&1 || PKGS+=(nodejs)
command -v npm >/dev/null 2>&1 || PKGS+=(npm)

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  echo "install-deps: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# onnxruntime-node is the independent test oracle (CPU binary ships inside the package).
if [ ! -f test/oracle/node_modules/onnxruntime-node/package.json ]; then
  echo "install-deps: installing onnxruntime-node into test/oracle"
  (cd test/oracle && npm install --ignore-scripts --no-audit --no-fund)
fi
