//===- HtmlReport.h - the report of an artifact as one HTML page --*- C++ -*-===//
//
// `npc report MODEL.npx --html REPORT.html`: one self-contained page (inline
// CSS and SVG, no scripts, no external files) showing where time and memory
// go: the summary, the core array coloured by memory fill, per layer the core
// array coloured by its tiles' MAC utilization, the load of every directed
// NoC link, the per-layer table and a timeline of the tiles on each core.
// Element ids for tools and tests: `summary`, `core-memory`,
// `layer-utilization-<i>` (i = layer index), `noc-links`, `layers` (the
// table), `timeline`.
//
//===----------------------------------------------------------------------===//
#ifndef NPC_TARGET_HTMLREPORT_H
#define NPC_TARGET_HTMLREPORT_H

#include "npc/Runtime/Manifest.h"

#include <string>

namespace npc {

/// The page for `m`: the tiles, layers and transfers of the manifest and the
/// figures of its `report` (summary, layers, core_memory). Every text taken
/// from the model (layer names) is escaped.
std::string renderHtmlReport(const Manifest &m);

} // namespace npc

#endif
