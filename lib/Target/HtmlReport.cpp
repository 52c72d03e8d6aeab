//===- HtmlReport.cpp - the report of an artifact as one HTML page --------===//
//
// One self-contained page: inline CSS and SVG, no scripts. Everything is
// computed from the manifest (tiles, layers, transfers, target) and its
// report (summary, layers, core_memory); docs/noc.md gives the link ids.
//
//===----------------------------------------------------------------------===//
#include "npc/Target/HtmlReport.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

using namespace npc;
namespace json = llvm::json;

namespace {

//===----------------------------------------------------------------------===//
// Text and numbers
//===----------------------------------------------------------------------===//

/// Escapes text for HTML content and attribute values (both quote kinds);
/// control characters become U+FFFD, invalid UTF-8 is repaired.
std::string esc(llvm::StringRef in) {
  std::string fixed = json::isUTF8(in) ? in.str() : json::fixUTF8(in);
  std::string out;
  out.reserve(fixed.size() + 8);
  for (char c : fixed) {
    switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    case '\'': out += "&#39;"; break;
    default:
      if ((static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n') || c == 0x7f)
        out += "\xEF\xBF\xBD";
      else
        out += c;
    }
  }
  return out;
}

std::string fixed(double v, int prec) {
  if (!std::isfinite(v))
    v = 0;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", prec, v);
  return buf;
}

/// SVG coordinates: one decimal, no trailing ".0".
std::string co(double v) {
  std::string s = fixed(v, 1);
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0)
    s.resize(s.size() - 2);
  return s == "-0" ? "0" : s;
}

/// A fraction as a percentage with a precision that fits its size.
std::string pct(double frac) {
  double p = std::isfinite(frac) ? frac * 100 : 0;
  if (p == 0)
    return "0%";
  if (p < 0.001)
    return "&lt;0.001%";
  char buf[64];
  if (p >= 10)
    std::snprintf(buf, sizeof buf, "%.1f%%", p);
  else if (p >= 0.1)
    std::snprintf(buf, sizeof buf, "%.2f%%", p);
  else
    std::snprintf(buf, sizeof buf, "%.2g%%", p);
  return buf;
}

/// A legend tick: a percentage with at most three significant digits.
std::string tick(double percent) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", percent);
  return buf;
}

/// The smallest of 0.1, 0.2, 0.5, 1, 2, 5 ... 100 % at or above `frac`.
double niceScale(double frac) {
  for (double p = 0.001; p < 1.0; p *= 10)
    for (double f : {1.0, 2.0, 5.0})
      if (frac <= p * f + 1e-12)
        return std::min(1.0, p * f);
  return 1.0;
}

/// 1234567 -> "1,234,567" (display only; ids carry the plain figures).
std::string grouped(int64_t v) {
  std::string digits = std::to_string(v < 0 ? -v : v), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0)
      out += ',';
    out += digits[i];
  }
  return v < 0 ? "-" + out : out;
}

std::string bytesText(int64_t b) {
  if (b >= 10 * 1024 * 1024)
    return fixed(double(b) / (1024 * 1024), 1) + " MiB";
  if (b >= 10 * 1024)
    return fixed(double(b) / 1024, 1) + " KiB";
  return grouped(b) + " B";
}

double num(const json::Object *o, llvm::StringRef k) {
  return o ? o->getNumber(k).value_or(0.0) : 0.0;
}
int64_t integer(const json::Object *o, llvm::StringRef k) {
  if (!o)
    return 0;
  if (auto i = o->getInteger(k))
    return *i;
  return int64_t(std::llround(num(o, k)));
}

//===----------------------------------------------------------------------===//
// Colours
//===----------------------------------------------------------------------===//

constexpr uint32_t kViridis[] = {0x440154, 0x482878, 0x3e4989, 0x31688e, 0x26828e,
                                 0x1f9e89, 0x35b779, 0x6ece58, 0xb5de2b, 0xfde725};
constexpr uint32_t kPlasma[] = {0x0d0887, 0x46039f, 0x7201a8, 0x9c179e, 0xbd3786,
                                0xd8576b, 0xed7953, 0xfb9f3a, 0xfdca26, 0xf0f921};
constexpr uint32_t kLoad[] = {0xfdd49e, 0xfdbb84, 0xfc8d59, 0xef6548,
                              0xd7301f, 0xb30000, 0x7f0000};
constexpr const char *kNoData = "#e3e3e3"; // cores without data, idle links

std::string hexColor(int r, int g, int b) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", std::clamp(r, 0, 255), std::clamp(g, 0, 255),
                std::clamp(b, 0, 255));
  return buf;
}

std::string hexColor(uint32_t rgb) {
  return hexColor(int(rgb >> 16) & 255, int(rgb >> 8) & 255, int(rgb) & 255);
}

/// `t` in [0, 1] along the stops, linearly in RGB.
std::string rampColor(llvm::ArrayRef<uint32_t> stops, double t) {
  if (!std::isfinite(t))
    t = 0;
  t = std::clamp(t, 0.0, 1.0);
  double pos = t * double(stops.size() - 1);
  size_t i = std::min(size_t(pos), stops.size() - 2);
  double f = pos - double(i);
  auto ch = [&](int shift) {
    double a = (stops[i] >> shift) & 255, b = (stops[i + 1] >> shift) & 255;
    return int(std::lround(a + (b - a) * f));
  };
  return hexColor(ch(16), ch(8), ch(0));
}

/// Distinct colours for layers: golden-angle hues, two lightness levels.
std::string layerColor(size_t i) {
  double h = std::fmod(double(i) * 137.508 + 200.0, 360.0) / 60.0;
  double s = 0.62, l = i % 2 ? 0.42 : 0.55;
  double c = (1 - std::fabs(2 * l - 1)) * s, x = c * (1 - std::fabs(std::fmod(h, 2.0) - 1));
  double r = 0, g = 0, b = 0;
  switch (int(h) % 6) {
  case 0: r = c, g = x; break;
  case 1: r = x, g = c; break;
  case 2: g = c, b = x; break;
  case 3: g = x, b = c; break;
  case 4: r = x, b = c; break;
  default: r = c, b = x; break;
  }
  double mm = l - c / 2;
  return hexColor(int(std::lround((r + mm) * 255)), int(std::lround((g + mm) * 255)),
                  int(std::lround((b + mm) * 255)));
}

/// A colour bar from 0 to `scaleMax` (a fraction) with five ticks,
/// optionally a grey swatch.
void legend(llvm::raw_ostream &os, llvm::StringRef gradId, llvm::ArrayRef<uint32_t> stops,
            llvm::StringRef caption, llvm::StringRef greyLabel, double scaleMax = 1.0) {
  const double w = 260, x0 = 8;
  os << "<div class=\"legend\"><span class=\"legend-caption\">" << esc(caption)
     << "</span><svg class=\"legend-bar\" width=\"" << co(x0 * 2 + w + (greyLabel.empty() ? 0 : 190))
     << "\" height=\"34\" role=\"img\" aria-label=\"" << esc(caption) << "\"><defs><linearGradient id=\""
     << gradId << "\" x1=\"0\" x2=\"1\" y1=\"0\" y2=\"0\">";
  for (size_t i = 0; i < stops.size(); ++i)
    os << "<stop offset=\"" << fixed(double(i) / double(stops.size() - 1), 3) << "\" stop-color=\""
       << hexColor(stops[i]) << "\"/>";
  os << "</linearGradient></defs><rect x=\"" << co(x0) << "\" y=\"2\" width=\"" << co(w)
     << "\" height=\"14\" fill=\"url(#" << gradId << ")\" stroke=\"#888\" stroke-width=\"0.5\"/>";
  for (int k = 0; k <= 4; ++k) {
    double x = x0 + w * k / 4;
    os << "<line x1=\"" << co(x) << "\" x2=\"" << co(x) << "\" y1=\"16\" y2=\"20\" stroke=\"#666\"/>"
       << "<text x=\"" << co(x) << "\" y=\"31\" text-anchor=\"middle\">" << tick(scaleMax * 25 * k)
       << "%</text>";
  }
  if (!greyLabel.empty())
    os << "<rect x=\"" << co(x0 + w + 24) << "\" y=\"2\" width=\"14\" height=\"14\" fill=\"" << kNoData
       << "\" stroke=\"#888\" stroke-width=\"0.5\"/><text x=\"" << co(x0 + w + 44)
       << "\" y=\"13\">" << esc(greyLabel) << "</text>";
  os << "</svg></div>\n";
}

//===----------------------------------------------------------------------===//
// The core array
//===----------------------------------------------------------------------===//

struct Cell {
  std::string fill;  // empty: no data (grey)
  std::string title; // escaped
  std::string text;  // escaped; drawn inside the cell when it is large enough
  bool darkFill = true;
};

/// gridCols x gridRows squares of side `cell`, row 0 at the top; with axes,
/// column numbers above and row numbers on the left.
void coreGrid(llvm::raw_ostream &os, llvm::StringRef id, const TargetDesc &t, double cell,
              bool axes, llvm::StringRef label, llvm::function_ref<Cell(int64_t)> cellOf) {
  double ml = axes ? 24 : 1, mt = axes ? 16 : 1;
  double w = ml + double(t.gridCols) * cell + 1, h = mt + double(t.gridRows) * cell + 1;
  double gap = cell >= 8 ? 1 : 0.5;
  os << "<svg id=\"" << id << "\" class=\"grid\" width=\"" << co(w) << "\" height=\"" << co(h)
     << "\" viewBox=\"0 0 " << co(w) << " " << co(h) << "\" role=\"img\" aria-label=\""
     << esc(label) << "\">";
  if (axes) {
    int64_t every = cell >= 18 ? 1 : cell >= 9 ? 2 : 4;
    for (int64_t x = 0; x < t.gridCols; x += every)
      os << "<text class=\"axis\" x=\"" << co(ml + (double(x) + 0.5) * cell)
         << "\" y=\"11\" text-anchor=\"middle\">" << x << "</text>";
    for (int64_t y = 0; y < t.gridRows; y += every)
      os << "<text class=\"axis\" x=\"" << co(ml - 4) << "\" y=\""
         << co(mt + (double(y) + 0.5) * cell + 4) << "\" text-anchor=\"end\">" << y << "</text>";
  }
  for (int64_t c = 0; c < t.numCores(); ++c) {
    int64_t x = c % t.gridCols, y = c / t.gridCols;
    Cell v = cellOf(c);
    os << "<rect x=\"" << co(ml + double(x) * cell) << "\" y=\"" << co(mt + double(y) * cell)
       << "\" width=\"" << co(cell - gap) << "\" height=\"" << co(cell - gap) << "\" fill=\""
       << (v.fill.empty() ? std::string(kNoData) : v.fill) << "\"><title>" << v.title
       << "</title></rect>";
    if (!v.text.empty() && cell >= 40)
      os << "<text class=\"cell\" x=\"" << co(ml + (double(x) + 0.5) * cell - gap / 2) << "\" y=\""
         << co(mt + (double(y) + 0.5) * cell + 3.5) << "\" text-anchor=\"middle\" style=\"fill:"
         << (v.darkFill ? "#ffffff" : "#1f2328") << "\">" << v.text << "</text>";
  }
  os << "</svg>";
}

std::string coreName(const TargetDesc &t, int64_t c) {
  return "(" + std::to_string(c % t.gridCols) + ", " + std::to_string(c / t.gridCols) + ")";
}

//===----------------------------------------------------------------------===//
// NoC links
//===----------------------------------------------------------------------===//

struct LinkLoad {
  int64_t busy = 0, transfers = 0, bytes = 0;
};

/// "core (x, y) east -> (x+1, y)", or the frame-buffer links.
std::string linkName(const TargetDesc &t, int64_t link) {
  int64_t cores = t.numCores();
  if (link == 4 * cores)
    return "frame buffer &#8594; core (0, 0)";
  if (link == 4 * cores + 1)
    return "core (0, 0) &#8594; frame buffer";
  int64_t c = link / 4, dir = link % 4;
  int64_t x = c % t.gridCols, y = c / t.gridCols;
  static const char *names[] = {"east", "west", "south", "north"};
  int64_t nx = x + (dir == 0) - (dir == 1), ny = y + (dir == 2) - (dir == 3);
  return "core (" + std::to_string(x) + ", " + std::to_string(y) + ") " + names[dir] +
         " &#8594; (" + std::to_string(nx) + ", " + std::to_string(ny) + ")";
}

/// An arrow from (x0, y0) to (x1, y1), shaft width `w`, as one polygon.
void arrow(llvm::raw_ostream &os, double x0, double y0, double x1, double y1, double w,
           const std::string &fill, const std::string &title) {
  double dx = x1 - x0, dy = y1 - y0, len = std::hypot(dx, dy);
  if (len <= 0)
    return;
  dx /= len;
  dy /= len;
  double nx = -dy, ny = dx;
  double head = std::min(len * 0.45, 2.0 * w + 3), hw = w / 2 + 1.8 + w * 0.4;
  double qx = x1 - dx * head, qy = y1 - dy * head;
  auto pt = [&](double x, double y) { os << co(x) << "," << co(y) << " "; };
  os << "<polygon points=\"";
  pt(x0 + nx * w / 2, y0 + ny * w / 2);
  pt(qx + nx * w / 2, qy + ny * w / 2);
  pt(qx + nx * hw, qy + ny * hw);
  pt(x1, y1);
  pt(qx - nx * hw, qy - ny * hw);
  pt(qx - nx * w / 2, qy - ny * w / 2);
  pt(x0 - nx * w / 2, y0 - ny * w / 2);
  os << "\" fill=\"" << fill << "\"><title>" << title << "</title></polygon>";
}

void nocSection(llvm::raw_ostream &os, const Manifest &m, const std::set<int64_t> &usedCores) {
  const TargetDesc &t = m.target;
  int64_t cores = t.numCores(), links = 4 * cores + 2;
  // Busy fraction per frame period (frames overlap when pipelined).
  double cycles = double(std::max<int64_t>(1, m.period));
  // Per NoC: busy cycles, transfers and bytes of every directed link; a
  // multicast counts once per link.
  std::map<int64_t, std::vector<LinkLoad>> loads;
  std::set<std::pair<int64_t, int64_t>> multicastLinks;
  int64_t local = 0;
  for (const ManifestTransfer &x : m.transfers) {
    if (x.route.empty()) {
      ++local;
      continue;
    }
    auto &v = loads[x.noc];
    if (v.empty())
      v.resize(size_t(links));
    for (int64_t l : x.route)
      if (l >= 0 && l < links && (x.group < 0 || multicastLinks.insert({x.group, l}).second)) {
        v[size_t(l)].busy += x.arrive - x.start;
        v[size_t(l)].transfers += 1;
        v[size_t(l)].bytes += x.bytes;
      }
  }
  if (loads.empty())
    loads[int64_t(NocKind::Activation)].resize(size_t(links));

  os << "<section><h2>NoC link load</h2>\n<p class=\"note\">Every directed link of the mesh as "
        "an arrow between neighbouring cores (two per neighbour pair, one each way; X-then-Y "
        "routes), coloured and thickened by its busy fraction: the durations of the transfers "
        "routed over it divided by the "
     << m.period << " cycles between frames. The frame buffer hangs off core (0, 0)'s west port. "
     << m.transfers.size() << " transfers, " << local << " of them local copies (no links).</p>\n";
  int64_t maxBusy = 0;
  for (auto &entry : loads)
    for (const LinkLoad &ld : entry.second)
      maxBusy = std::max(maxBusy, ld.busy);
  double linkScale = niceScale(maxBusy > 0 ? double(maxBusy) / cycles : 1.0);
  if (linkScale < 1.0)
    os << "<p class=\"note\">The colour scale ends at " << tick(linkScale * 100)
       << "% of the frame, the first round step at or above the busiest link.</p>\n";
  legend(os, "grad-link", kLoad, "link busy fraction (of the frame)", "idle link", linkScale);

  double pitch = std::clamp(720.0 / double(std::max(t.gridCols, t.gridRows)), 26.0, 96.0);
  double side = pitch * 0.42, off = pitch * 0.11, gap = pitch * 0.04;
  double fbX = 22, fbW = std::max(26.0, pitch * 0.8);
  double ml = fbX + fbW + pitch * 0.35, mt = 18;
  double width = ml + double(t.gridCols) * pitch + 4, height = mt + double(t.gridRows) * pitch + 4;
  bool first = true;
  for (auto &entry : loads) {
    int64_t noc = entry.first;
    const std::vector<LinkLoad> &load = entry.second;
    std::string id = first ? "noc-links"
                           : std::string("noc-links-") + nocName(NocKind(std::clamp<int64_t>(noc, 0, 3)));
    first = false;
    os << "<h3>" << nocName(NocKind(std::clamp<int64_t>(noc, 0, 3))) << " NoC</h3>\n";
    os << "<svg id=\"" << id << "\" class=\"mesh\" width=\"" << co(width) << "\" height=\""
       << co(height) << "\" viewBox=\"0 0 " << co(width) << " " << co(height)
       << "\" role=\"img\" aria-label=\"NoC link load\">";
    auto cx = [&](int64_t x) { return ml + (double(x) + 0.5) * pitch; };
    auto cy = [&](int64_t y) { return mt + (double(y) + 0.5) * pitch; };
    int64_t every = pitch >= 30 ? 1 : 2;
    for (int64_t x = 0; x < t.gridCols; x += every)
      os << "<text class=\"axis\" x=\"" << co(cx(x)) << "\" y=\"11\" text-anchor=\"middle\">" << x
         << "</text>";
    for (int64_t y = 0; y < t.gridRows; y += every)
      os << "<text class=\"axis\" x=\"" << co(fbX - 5) << "\" y=\""
         << co(cy(y) + 4) << "\" text-anchor=\"end\">" << y << "</text>";
    // Cores.
    for (int64_t c = 0; c < cores; ++c) {
      int64_t x = c % t.gridCols, y = c / t.gridCols;
      bool used = usedCores.count(c);
      os << "<rect x=\"" << co(cx(x) - side / 2) << "\" y=\"" << co(cy(y) - side / 2)
         << "\" width=\"" << co(side) << "\" height=\"" << co(side) << "\" rx=\"2\" fill=\""
         << (used ? "#ffffff" : "#f1f1f1") << "\" stroke=\"" << (used ? "#555" : "#bbb")
         << "\" stroke-width=\"1\"><title>core " << coreName(t, c)
         << (used ? "" : " (idle)") << "</title></rect>";
    }
    // The frame buffer, left of core (0, 0).
    double fbY = cy(0) - side / 2;
    os << "<rect x=\"" << co(fbX) << "\" y=\"" << co(fbY) << "\" width=\"" << co(fbW)
       << "\" height=\"" << co(side) << "\" rx=\"2\" fill=\"#fff7e6\" stroke=\"#a0522d\">"
       << "<title>frame buffer</title></rect><text class=\"axis\" x=\"" << co(fbX + fbW / 2)
       << "\" y=\"" << co(fbY + side / 2 + 4) << "\" text-anchor=\"middle\">FB</text>";
    auto drawLink = [&](int64_t l, double x0, double y0, double x1, double y1) {
      const LinkLoad &ld = load[size_t(l)];
      double frac = double(ld.busy) / cycles;
      std::string title = "link " + std::to_string(l) + ": " + linkName(t, l) + ", busy " +
                          pct(frac) + " (" + std::to_string(ld.busy) + " cycles), " +
                          std::to_string(ld.transfers) + " transfers, " + bytesText(ld.bytes);
      if (ld.busy == 0)
        arrow(os, x0, y0, x1, y1, 1.0, "#cfcfcf", title);
      else
        arrow(os, x0, y0, x1, y1, 1.4 + std::min(1.0, frac / linkScale) * pitch * 0.1,
              rampColor(kLoad, frac / linkScale), title);
    };
    double in = side / 2 + gap, outer = pitch - side / 2 - gap;
    for (int64_t c = 0; c < cores; ++c) {
      int64_t x = c % t.gridCols, y = c / t.gridCols;
      double X = cx(x), Y = cy(y);
      if (x + 1 < t.gridCols)
        drawLink(c * 4 + 0, X + in, Y - off, X + outer, Y - off);
      if (x > 0)
        drawLink(c * 4 + 1, X - in, Y + off, X - outer, Y + off);
      if (y + 1 < t.gridRows)
        drawLink(c * 4 + 2, X + off, Y + in, X + off, Y + outer);
      if (y > 0)
        drawLink(c * 4 + 3, X - off, Y - in, X - off, Y - outer);
    }
    drawLink(4 * cores, fbX + fbW + gap, cy(0) - off, cx(0) - in, cy(0) - off);
    drawLink(4 * cores + 1, cx(0) - in, cy(0) + off, fbX + fbW + gap, cy(0) + off);
    os << "</svg>\n";

    // The busiest links by name.
    std::vector<int64_t> order;
    for (int64_t l = 0; l < links; ++l)
      if (load[size_t(l)].busy > 0)
        order.push_back(l);
    std::sort(order.begin(), order.end(), [&](int64_t a, int64_t b) {
      int64_t ba = load[size_t(a)].busy, bb = load[size_t(b)].busy;
      return ba != bb ? ba > bb : a < b;
    });
    os << "<p class=\"note\">" << order.size() << " of " << links
       << " links carry traffic.</p>\n";
    if (!order.empty()) {
      os << "<table class=\"small\"><thead><tr><th>busiest links</th><th>id</th><th>busy</th>"
            "<th>busy cycles</th><th>transfers</th><th>bytes</th></tr></thead><tbody>\n";
      for (size_t i = 0; i < std::min<size_t>(order.size(), 8); ++i) {
        const LinkLoad &ld = load[size_t(order[i])];
        os << "<tr><td>" << linkName(t, order[i]) << "</td><td class=\"num\">" << order[i]
           << "</td><td class=\"num\">" << pct(double(ld.busy) / cycles) << "</td><td class=\"num\">"
           << ld.busy << "</td><td class=\"num\">" << ld.transfers << "</td><td class=\"num\">"
           << ld.bytes << "</td></tr>\n";
      }
      os << "</tbody></table>\n";
    }
  }
  os << "</section>\n";
}

//===----------------------------------------------------------------------===//
// Timeline
//===----------------------------------------------------------------------===//

/// 1, 2 or 5 times a power of ten, near `raw`.
double niceStep(double raw) {
  if (raw <= 1)
    return 1;
  double p = std::pow(10.0, std::floor(std::log10(raw)));
  double f = raw / p;
  return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * p;
}

void timelineSection(llvm::raw_ostream &os, const Manifest &m, const std::set<int64_t> &usedCores) {
  const TargetDesc &t = m.target;
  std::vector<int64_t> rows(usedCores.begin(), usedCores.end());
  size_t shown = rows.size() > 300 ? 256 : rows.size();
  std::map<int64_t, size_t> rowOf;
  for (size_t i = 0; i < shown; ++i)
    rowOf[rows[i]] = i;
  int64_t last = std::max<int64_t>(1, m.cycles);
  for (const ManifestLayer &l : m.layers)
    for (const ManifestTile &tile : l.tiles)
      last = std::max(last, tile.end);

  os << "<section><h2>Timeline</h2>\n<p class=\"note\">One row per used core, one bar per tile "
        "from its start to its end cycle (at least 1.2 px wide), coloured by layer as in the "
        "table above; hover a bar for its layer and tile. The thin grey lines under a row are "
        "the transfers into that core, from their start to their arrival: where a core waits "
        "for data. The dashed red line is the end of the frame.";
  if (shown < rows.size())
    os << " Showing the first " << shown << " of " << rows.size() << " used cores.";
  os << "</p>\n";

  double rh = shown <= 32 ? 16 : shown <= 64 ? 10 : shown <= 128 ? 6 : 4;
  double lw = 76, pw = 1160, mt = 22;
  double width = lw + pw + 12, height = mt + double(std::max<size_t>(shown, 1)) * rh + 6;
  double scale = pw / double(last);
  os << "<svg id=\"timeline\" class=\"timeline\" width=\"" << co(width) << "\" height=\""
     << co(height) << "\" viewBox=\"0 0 " << co(width) << " " << co(height)
     << "\" role=\"img\" aria-label=\"tiles per core over the frame\">";
  // Row stripes and labels.
  size_t labelEvery = size_t(std::ceil(12.0 / rh));
  for (size_t i = 0; i < shown; ++i) {
    double y = mt + double(i) * rh;
    if (i % 2 == 0)
      os << "<rect class=\"stripe\" x=\"" << co(lw) << "\" y=\"" << co(y) << "\" width=\"" << co(pw)
         << "\" height=\"" << co(rh) << "\" fill=\"#f4f6f8\"/>";
    if (i % labelEvery == 0)
      os << "<text class=\"axis\" x=\"" << co(lw - 6) << "\" y=\"" << co(y + rh / 2 + 3.5)
         << "\" text-anchor=\"end\">" << coreName(t, rows[i]) << "</text>";
  }
  // Cycle axis and grid lines.
  double step = niceStep(double(last) / 10);
  for (double c = 0; c <= double(last) + 0.5; c += step) {
    double x = lw + c * scale;
    os << "<line x1=\"" << co(x) << "\" x2=\"" << co(x) << "\" y1=\"" << co(mt - 4) << "\" y2=\""
       << co(height - 4) << "\" stroke=\"#d0d4d8\" stroke-width=\"0.6\"/><text class=\"axis\" x=\""
       << co(x) << "\" y=\"12\" text-anchor=\"middle\">" << int64_t(c) << "</text>";
  }
  double frameX = lw + double(m.cycles) * scale;
  os << "<line x1=\"" << co(frameX) << "\" x2=\"" << co(frameX) << "\" y1=\"" << co(mt - 4)
     << "\" y2=\"" << co(height - 4) << "\" stroke=\"#c0392b\" stroke-width=\"1\" "
     << "stroke-dasharray=\"3,2\"><title>end of frame: cycle " << m.cycles << "</title></line>";
  // Transfers into each shown core, under its tiles.
  double lineW = rh >= 6 ? 1.2 : 0.8;
  for (const ManifestTransfer &x : m.transfers) {
    auto it = rowOf.find(x.dst);
    if (it == rowOf.end() || x.arrive <= x.start)
      continue;
    double y = mt + double(it->second + 1) * rh - lineW;
    os << "<line class=\"xfer\" x1=\"" << co(lw + double(x.start) * scale) << "\" x2=\""
       << co(lw + double(x.arrive) * scale) << "\" y1=\"" << co(y) << "\" y2=\"" << co(y)
       << "\"/>";
  }
  // Tiles.
  double bar = rh >= 6 ? rh - 1.5 - lineW : rh - 0.5;
  for (size_t li = 0; li < m.layers.size(); ++li) {
    const ManifestLayer &l = m.layers[li];
    std::string color = layerColor(li), name = esc(l.name);
    const char *kind = kernels::layerKindName(l.geometry.kind);
    for (size_t ti = 0; ti < l.tiles.size(); ++ti) {
      const ManifestTile &tile = l.tiles[ti];
      auto it = rowOf.find(tile.core);
      if (it == rowOf.end())
        continue;
      double x = lw + double(tile.start) * scale;
      double w = std::max(1.2, double(tile.end - tile.start) * scale);
      os << "<rect class=\"tile\" x=\"" << co(x) << "\" y=\"" << co(mt + double(it->second) * rh + 0.5)
         << "\" width=\"" << fixed(w, 2) << "\" height=\"" << co(bar) << "\" fill=\"" << color
         << "\"><title>" << name << " (" << kind << "), tile " << ti << " of " << l.tiles.size()
         << " on core " << coreName(t, tile.core) << ": cycles " << tile.start << "&#8211;"
         << tile.end << " (" << (tile.end - tile.start) << "), "
         << (kernels::isMacLayer(l.geometry.kind) ? "MACs " : "elements ") << tile.macs
         << "</title></rect>";
    }
  }
  os << "</svg>\n</section>\n";
}

const char *kStyle = R"css(
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#1f2328;margin:24px;max-width:1340px;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 6px;border-bottom:1px solid #d8dee4;padding-bottom:4px}
h3{font-size:14px;margin:12px 0 4px;color:#444}
.sub{color:#57606a;margin:0 0 14px}
dl#summary{display:flex;flex-wrap:wrap;gap:10px;margin:0}
dl#summary div{border:1px solid #d0d7de;border-radius:6px;padding:8px 14px;min-width:130px;background:#f6f8fa}
dl#summary dt{font-size:12px;color:#57606a}dl#summary dd{margin:2px 0 0;font-size:20px;font-weight:600}
dl#summary dd small{font-size:12px;font-weight:400;color:#57606a}
.note{color:#57606a;max-width:1100px;margin:4px 0 8px}
.legend{display:flex;align-items:center;gap:12px;margin:6px 0}.legend-caption{font-size:12px;color:#444;min-width:200px}
svg text{font:11px system-ui,"DejaVu Sans",sans-serif;fill:#333}svg text.axis{fill:#57606a;font-size:10px}svg text.cell{font-size:10px}
.multiples{display:flex;flex-wrap:wrap;gap:14px 18px}
.multiples figure{margin:0;width:min-content;min-width:124px}
.multiples figcaption{font-size:11px;color:#333;margin-top:2px;overflow-wrap:anywhere}
.multiples figcaption .kind,.kind{color:#57606a}
table{border-collapse:collapse;font-size:12.5px}
th,td{border-bottom:1px solid #e1e4e8;padding:3px 8px;text-align:left;white-space:nowrap}
th{background:#f6f8fa;position:sticky;top:0}
td.num{text-align:right;font-variant-numeric:tabular-nums}
td.name{white-space:normal;overflow-wrap:anywhere;max-width:320px}
.swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px;vertical-align:-1px}
.span{position:relative;width:160px;height:10px;background:#eef1f4;border-radius:2px}
.span div{position:absolute;top:0;height:10px;min-width:1px;border-radius:2px}
table.small{margin-top:6px}
line.xfer{stroke:#8c959f;stroke-opacity:.6;stroke-width:1}
)css";

} // namespace

std::string npc::renderHtmlReport(const Manifest &m) {
  const TargetDesc &t = m.target;
  const json::Object &r = m.report;
  const json::Object *summary = r.getObject("summary");
  const json::Array *reportLayers = r.getArray("layers");
  const json::Array *coreMemory = r.getArray("core_memory");
  int64_t cores = t.numCores();

  std::vector<int64_t> coreBytes(size_t(cores), 0);
  std::vector<bool> coreListed(size_t(cores), false);
  if (coreMemory)
    for (const json::Value &v : *coreMemory)
      if (const json::Object *o = v.getAsObject()) {
        int64_t x = integer(o, "x"), y = integer(o, "y");
        if (x >= 0 && x < t.gridCols && y >= 0 && y < t.gridRows) {
          coreBytes[size_t(y * t.gridCols + x)] = integer(o, "bytes");
          coreListed[size_t(y * t.gridCols + x)] = true;
        }
      }
  int64_t fullest = -1;
  for (int64_t c = 0; c < cores; ++c)
    if (coreListed[size_t(c)] && (fullest < 0 || coreBytes[size_t(c)] > coreBytes[size_t(fullest)]))
      fullest = c;
  std::set<int64_t> usedCores;
  for (const ManifestLayer &l : m.layers)
    for (const ManifestTile &tile : l.tiles)
      if (tile.core >= 0 && tile.core < cores)
        usedCores.insert(tile.core);

  std::string out;
  llvm::raw_string_ostream os(out);
  os << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<meta name=\"generator\" content=\"npc report --html\"><title>npc report: "
     << esc(t.name) << ", " << m.period << " cycles/frame</title><style>" << kStyle
     << "</style></head>\n<body>\n";

  //===--- Summary ---------------------------------------------------------===//
  os << "<h1>npc report &#8212; target <span id=\"target\">" << esc(t.name) << "</span></h1>\n"
     << "<p class=\"sub\">" << t.gridCols << "&#215;" << t.gridRows << " cores, "
     << bytesText(t.coreMemoryBytes) << " each, " << t.macsPerCycleInt8
     << " INT8 MACs/cycle per core, " << fixed(t.clockHz / 1e6, 0) << " MHz; "
     << m.layers.size() << " layers, " << m.transfers.size() << " NoC transfers.</p>\n";
  auto card = [&](llvm::StringRef label, llvm::StringRef id, const std::string &value,
                  const std::string &small) {
    os << "<div><dt>" << label << "</dt><dd id=\"" << id << "\">" << value << "</dd>";
    if (!small.empty())
      os << "<dd><small>" << small << "</small></dd>";
    os << "</div>";
  };
  os << "<dl id=\"summary\">";
  card("cycles / frame", "cycles-per-frame", std::to_string(m.period),
       m.period < m.cycles ? "frames overlap: a new frame starts every " +
                                 std::to_string(m.period) + " cycles"
                           : "");
  card("latency cycles", "latency-cycles", std::to_string(m.cycles), "");
  card("latency", "latency-us", fixed(num(summary, "latency_us"), 2) + " &#181;s", "");
  card("frames / s", "frames-per-second", fixed(num(summary, "frames_per_second"), 0), "");
  card("MAC utilization", "mac-utilization", pct(num(summary, "mac_utilization")),
       grouped(integer(summary, "total_macs")) + " MACs; busy MAC-array cycles over all cores' cycles");
  card("cores used", "cores-used", std::to_string(integer(summary, "cores_used")),
       "of " + std::to_string(cores));
  int64_t maxBytes = integer(summary, "max_core_bytes");
  card("fullest core", "fullest-core", std::to_string(maxBytes) + " <small>B</small>",
       "of " + std::to_string(t.coreMemoryBytes) + " (" +
           pct(double(maxBytes) / double(t.coreMemoryBytes)) + ")" +
           (fullest >= 0 ? ", core " + coreName(t, fullest) : std::string()));
  if (summary && num(summary, "energy_per_frame_uj") > 0)
    card("energy / frame", "energy-uj", fixed(num(summary, "energy_per_frame_uj"), 3) + " &#181;J",
         fixed(num(summary, "watts"), 2) + " W");
  os << "</dl>\n";
  if (!summary || !reportLayers)
    os << "<p class=\"note\">This artifact has no report: the figures above are missing.</p>\n";

  //===--- Memory ----------------------------------------------------------===//
  os << "<section><h2>Core memory</h2>\n<p class=\"note\">Bytes on each core (parameters, input "
        "windows and outputs of its tiles) as a fraction of the "
     << t.coreMemoryBytes << " bytes of core memory. Row 0 is at the top; south is down.</p>\n";
  double memScale = niceScale(fullest >= 0 ? double(coreBytes[size_t(fullest)]) /
                                                 double(t.coreMemoryBytes)
                                           : 1.0);
  if (memScale < 1.0)
    os << "<p class=\"note\">The colour scale ends at " << tick(memScale * 100)
       << "% of core memory, the first round step at or above the fullest core.</p>\n";
  legend(os, "grad-memory", kViridis, "memory fill (bytes / core memory)", "unused core",
         memScale);
  double cell = std::clamp(480.0 / double(std::max(t.gridCols, t.gridRows)), 10.0, 64.0);
  coreGrid(os, "core-memory", t, cell, true, "memory fill per core", [&](int64_t c) {
    Cell v;
    if (!coreListed[size_t(c)]) {
      v.title = "core " + coreName(t, c) + ": unused";
      return v;
    }
    double fill = double(coreBytes[size_t(c)]) / double(t.coreMemoryBytes);
    v.fill = rampColor(kViridis, fill / memScale);
    v.darkFill = fill / memScale < 0.6;
    v.text = pct(fill);
    v.title = "core " + coreName(t, c) + ": " + std::to_string(coreBytes[size_t(c)]) + " bytes, " +
              pct(fill) + " of core memory";
    return v;
  });
  os << "\n</section>\n";

  //===--- Per-layer utilization -------------------------------------------===//
  os << "<section><h2>Utilization per layer</h2>\n<p class=\"note\">Per layer, each core "
        "coloured by how well that layer's tiles on it use the core while they run: MACs / "
        "((end &#8722; start) &#215; MACs per cycle at the layer's operand width). Layers off the "
        "MAC array (pooling, add, rescale, concat, transpose) show the same ratio for the vector "
        "unit (elements / (cycles &#215; "
     << std::max<int64_t>(1, t.macsPerCycleInt8 / 8)
     << ")). Grey: no tile of the layer on that core.</p>\n";
  legend(os, "grad-util", kPlasma, "utilization of the core while its tiles run",
         "no tile of the layer");
  double small = std::clamp(136.0 / double(std::max(t.gridCols, t.gridRows)), 4.0, 20.0);
  os << "<div class=\"multiples\">\n";
  for (size_t li = 0; li < m.layers.size(); ++li) {
    const ManifestLayer &l = m.layers[li];
    bool mac = kernels::isMacLayer(l.geometry.kind);
    int64_t rate = mac ? t.macsPerCycle(int(l.geometry.operandBits))
                       : std::max<int64_t>(1, t.macsPerCycleInt8 / 8);
    struct Acc {
      int64_t work = 0, busy = 0, tiles = 0;
    };
    std::map<int64_t, Acc> perCore;
    int64_t work = 0, busy = 0;
    for (const ManifestTile &tile : l.tiles) {
      Acc &a = perCore[tile.core];
      a.work += tile.macs;
      a.busy += tile.end - tile.start;
      a.tiles += 1;
      work += tile.macs;
      busy += tile.end - tile.start;
    }
    auto util = [&](int64_t w, int64_t b) {
      return b > 0 ? std::min(1.0, double(w) / (double(b) * double(rate))) : 0.0;
    };
    std::string name = esc(l.name);
    os << "<figure>";
    coreGrid(os, "layer-utilization-" + std::to_string(li), t, small, false,
             "utilization of layer " + l.name, [&](int64_t c) {
               Cell v;
               auto it = perCore.find(c);
               if (it == perCore.end()) {
                 v.title = "core " + coreName(t, c) + ": no tile of " + name;
                 return v;
               }
               double u = util(it->second.work, it->second.busy);
               v.fill = rampColor(kPlasma, u);
               v.title = "core " + coreName(t, c) + ", " + name + ": " +
                         std::to_string(it->second.tiles) + " tile(s), " +
                         std::to_string(it->second.work) + (mac ? " MACs in " : " elements in ") +
                         std::to_string(it->second.busy) + " cycles, " + pct(u);
               return v;
             });
    os << "<figcaption><b>" << li << "</b> " << name << " <span class=\"kind\">"
       << kernels::layerKindName(l.geometry.kind);
    if (mac)
      os << ", " << l.geometry.operandBits << "-bit";
    os << "</span><br>" << pct(util(work, busy)) << (mac ? " MAC" : " vector") << ", "
       << perCore.size() << (perCore.size() == 1 ? " core" : " cores") << "</figcaption></figure>\n";
  }
  os << "</div>\n</section>\n";

  //===--- NoC -------------------------------------------------------------===//
  nocSection(os, m, usedCores);

  //===--- Layer table -----------------------------------------------------===//
  os << "<section><h2>Layers</h2>\n<p class=\"note\">From the report: MACs count "
        "multiply-accumulates (0 for layers off the MAC array); cycles run from the layer's "
        "first tile start to its last tile end; compute cycles are its longest tile; MAC "
        "utilization is MACs / (cycles &#215; cores &#215; MACs per cycle at the operand "
        "width). The bar shows the layer's span within the frame.</p>\n";
  os << "<table id=\"layers\"><thead><tr><th>#</th><th>layer</th><th>kind</th><th>tiles</th>"
        "<th>cores</th><th>MACs</th><th>start</th><th>cycles</th><th>compute cycles</th>"
        "<th>MAC util</th><th>operand bits</th><th>span in frame</th></tr></thead><tbody>\n";
  double frame = double(std::max<int64_t>(1, m.cycles));
  if (reportLayers) {
    for (size_t i = 0; i < reportLayers->size(); ++i) {
      const json::Object *l = (*reportLayers)[i].getAsObject();
      if (!l)
        continue;
      int64_t start = integer(l, "start_cycle"), cyc = integer(l, "cycles");
      std::string color = layerColor(i);
      os << "<tr><td class=\"num\">" << i << "</td><td class=\"name\"><span class=\"swatch\" "
         << "style=\"background:" << color << "\"></span>"
         << esc(l->getString("name").value_or("")) << "</td><td>"
         << esc(l->getString("kind").value_or("")) << "</td><td class=\"num\">"
         << integer(l, "tiles") << "</td><td class=\"num\">" << integer(l, "cores_used")
         << "</td><td class=\"num\">" << integer(l, "macs") << "</td><td class=\"num\">" << start
         << "</td><td class=\"num\">" << cyc << "</td><td class=\"num\">"
         << integer(l, "compute_cycles") << "</td><td class=\"num\">"
         << fixed(100 * num(l, "mac_utilization"), 2) << " %</td><td class=\"num\">"
         << integer(l, "operand_bits") << "</td><td><div class=\"span\"><div style=\"left:"
         << fixed(100 * double(start) / frame, 2) << "%;width:"
         << fixed(100 * double(cyc) / frame, 2) << "%;background:" << color
         << "\"></div></div></td></tr>\n";
    }
  }
  os << "</tbody></table>\n</section>\n";

  //===--- Timeline --------------------------------------------------------===//
  timelineSection(os, m, usedCores);

  os << "</body></html>\n";
  return out;
}
