//===- FunctionTables.cpp - float functions of one activation as tables ---===//
#include "npc/Dialect/Onnx/Transforms/FunctionTables.h"
#include "npc/Runtime/FixedPoint.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <memory>

namespace npc::onnx {

std::optional<std::function<float(float)>>
tableFunction(llvm::StringRef op, llvm::function_ref<float(const char *, float)> attr) {
  if (op == "Sigmoid")
    return [](float v) { return 1.0f / (1.0f + std::exp(-v)); };
  if (op == "Tanh")
    return [](float v) { return std::tanh(v); };
  if (op == "HardSigmoid") {
    float alpha = attr("alpha", 0.2f), beta = attr("beta", 0.5f);
    return [=](float v) { return std::max(0.0f, std::min(1.0f, alpha * v + beta)); };
  }
  if (op == "HardSwish")
    return [](float v) { return v * std::max(0.0f, std::min(1.0f, v * (1.0f / 6) + 0.5f)); };
  if (op == "LeakyRelu") {
    float alpha = attr("alpha", 0.01f);
    return [=](float v) { return v >= 0 ? v : alpha * v; };
  }
  if (op == "Erf")
    return [](float v) { return std::erf(v); };
  if (op == "Exp")
    return [](float v) { return std::exp(v); };
  // log(1 + e^v) as onnxruntime computes it: e^v overflows float from
  // v = 89, where softplus is v.
  auto softplus = [](float v) {
    return v > 0 ? v + std::log1p(std::exp(-v)) : std::log1p(std::exp(v));
  };
  if (op == "Softplus")
    return softplus;
  if (op == "Softsign")
    return [](float v) { return v / (1.0f + std::fabs(v)); };
  if (op == "Neg")
    return [](float v) { return -v; };
  if (op == "Abs")
    return [](float v) { return std::fabs(v); };
  if (op == "Sqrt")
    return [](float v) { return std::sqrt(v); };
  if (op == "Reciprocal")
    return [](float v) { return 1.0f / v; };
  if (op == "Elu") {
    float alpha = attr("alpha", 1.0f);
    return [=](float v) { return v >= 0 ? v : alpha * (std::exp(v) - 1.0f); };
  }
  if (op == "Mish")
    return [=](float v) { return v * std::tanh(softplus(v)); };
  return std::nullopt;
}

bool isTableFunction(llvm::StringRef op) {
  return tableFunction(op, [](const char *, float dflt) { return dflt; }).has_value();
}

ChainFn identityFn() {
  return [](int64_t, float v) { return v; };
}

ChainFn constantFn(float k) {
  return [=](int64_t, float) { return k; };
}

/// `f`, shared and remembering its last argument and value. A chain's
/// nodes share their inputs' functions (x * sigmoid(x) reads x's twice):
/// held by value, d nested such nodes are 2^d copies, each evaluated per
/// table entry; held here, one of each, evaluated once per entry (a table
/// is filled one argument at a time). Copies share the node, and a call
/// writes it: one thread evaluates a chain at a time (helper-52).
static ChainFn remembered(ChainFn f) {
  struct Node {
    ChainFn f;
    bool valid = false;
    int64_t c = 0;
    uint32_t bits = 0; // v's bits: -0 and NaNs are arguments of their own
    float value = 0;
  };
  auto node = std::make_shared<Node>();
  node->f = std::move(f);
  return [node](int64_t c, float v) {
    uint32_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    if (!node->valid || node->c != c || node->bits != bits) {
      node->value = node->f(c, v);
      node->valid = true;
      node->c = c;
      node->bits = bits;
    }
    return node->value;
  };
}

ChainFn thenApply(ChainFn g, ChainFn h) {
  return remembered([=](int64_t c, float v) { return h(c, g(c, v)); });
}

ChainFn combineFn(llvm::StringRef op, ChainFn g, ChainFn h) {
  if (op == "Add")
    return remembered([=](int64_t c, float v) { return g(c, v) + h(c, v); });
  if (op == "Sub")
    return remembered([=](int64_t c, float v) { return g(c, v) - h(c, v); });
  if (op == "Mul")
    return remembered([=](int64_t c, float v) { return g(c, v) * h(c, v); });
  return remembered([=](int64_t c, float v) { return g(c, v) / h(c, v); });
}

ChainFn clipFn(ChainFn g, bool relu, std::optional<double> lo, std::optional<double> hi) {
  float l = lo ? float(*lo) : -std::numeric_limits<float>::infinity();
  float h = hi ? float(*hi) : std::numeric_limits<float>::infinity();
  return remembered([=](int64_t c, float v) {
    float r = g(c, v);
    return relu ? std::max(r, 0.0f) : std::min(std::max(r, l), h);
  });
}

std::vector<float> tableValues(const ChainFn &f, const QInfo &in, int64_t channels) {
  int64_t size = int64_t(1) << storageWidth(in.storage);
  bool isSigned = isSignedStorage(in.storage);
  float sx = float(in.scales[0]);
  int32_t zx = int32_t(in.zeroPoints[0]);
  std::vector<float> values(size * channels);
  for (int64_t c = 0; c < size; ++c) {
    int64_t code = isSigned && c >= size / 2 ? c - size : c;
    for (int64_t k = 0; k < channels; ++k)
      values[c * channels + k] = f(k, float(code - zx) * sx);
  }
  return values;
}

std::pair<int32_t, int32_t> codeBounds(const QInfo &q) {
  auto [lo, hi] = storageRange(q.storage);
  return {int32_t(q.qmin.value_or(lo)), int32_t(q.qmax.value_or(hi))};
}

std::vector<int32_t> tableCodes(const std::vector<float> &values, const QInfo &out,
                                int32_t cmin, int32_t cmax) {
  auto [qmin, qmax] = codeBounds(out);
  std::vector<int32_t> codes;
  codes.reserve(values.size());
  for (float v : values)
    codes.push_back(std::clamp(
        quantizeFloat(v, float(out.scales[0]), int32_t(out.zeroPoints[0]), qmin, qmax), cmin,
        cmax));
  return codes;
}

std::string wideTableParams(const std::vector<float> &values, QInfo &q) {
  q = QInfo();
  for (float v : values)
    if (!std::isfinite(v))
      return "a float function read here is not finite at every code of its input (it reaches " +
             (std::isnan(v) ? std::string("NaN") : numberText(v)) +
             "), so no 16-bit table holds it; quantize it (QuantizeLinear) first";
  auto [lo, hi] = std::minmax_element(values.begin(), values.end());
  double largest = std::max(std::fabs(double(*lo)), std::fabs(double(*hi)));
  q.storage = *lo >= 0 ? kUInt16 : kInt16;
  float scale = largest > 0 ? float(largest / (*lo >= 0 ? 65535.0 : 32767.0)) : 1.0f;
  q.scales = {double(scale)};
  q.zeroPoints = {0};
  if (!std::isnormal(scale))
    return "a float function read here is at most " + numberText(largest) +
           " in magnitude, too small for a 16-bit table's float32 scale; quantize it "
           "(QuantizeLinear) first";
  return {};
}

} // namespace npc::onnx
