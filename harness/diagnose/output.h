// How a diagnose report is shown: text for a terminal, JSON for scripts (documented in
// docs/DIAGNOSE.md), Markdown for a ticket or a pull request. Everything in a Report is already
// redacted; these only arrange it.
#ifndef SFH_HARNESS_DIAGNOSE_OUTPUT_H_
#define SFH_HARNESS_DIAGNOSE_OUTPUT_H_

#include <nlohmann/json.hpp>
#include <string>

#include "harness/diagnose/diagnose.h"

namespace sfh::harness::diagnose {

// One line per probe ("PASS  token  a opaque token ..."), the cause and fix under each warning
// and failure, then the verdict naming the likely cause (the first failure's).
std::string FormatText(const Report& report);

// {"format": "sfharness-diagnose/1", "domain", "base_url", "proxy", "healthy", "likely_cause",
//  "probes": [{"id", "title", "status", "saw", "details", "exchange", "cause"}]}.
nlohmann::ordered_json ToJson(const Report& report);
// ToJson as `sfharness diagnose --format json` prints it, indented with 2 spaces. Answers are
// shown as the org sent them, cut at 2 KiB: bytes that are not valid UTF-8 (a cut inside a
// character among them) are written as U+FFFD, so the output is always valid JSON.
std::string FormatJson(const Report& report);

// A heading, a table of the probes, then one section per warning or failure.
std::string FormatMarkdown(const Report& report);

// `text` as one Markdown table cell: pipes escaped, line breaks as spaces.
std::string MarkdownCell(std::string_view text);

}  // namespace sfh::harness::diagnose

#endif  // SFH_HARNESS_DIAGNOSE_OUTPUT_H_
