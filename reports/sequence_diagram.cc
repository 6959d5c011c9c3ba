#include "reports/sequence_diagram.h"

#include <fmt/core.h>

#include <algorithm>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "reports/report_text.h"

namespace sfh::reports {
namespace {

using harness::CheckStatus;
using harness::TranscriptEntry;

// Geometry, in SVG user units (CSS pixels at the natural size).
constexpr int kGutter = 44;     // left of the client's box: the exchanges' "#seq"
constexpr int kBoxWidth = 170;  // a lane's header box; "login.salesforce.com" fits
constexpr int kBoxHeight = 26;
constexpr int kTop = 8;
constexpr int kLaneGap = 280;  // between two lifelines
constexpr int kFirstRow = kTop + kBoxHeight + 14;
constexpr int kRowHeight = 52;  // a request arrow and its return arrow
constexpr int kNoteLine = 16;   // one marker in the notes column
constexpr int kNotesWidth = 300;
constexpr int kFooterLine = 20;
constexpr int kHead = 8;  // an arrowhead's length
// Labels are 12px monospace (about 7.2px a character): what fits between two lifelines.
constexpr size_t kLabelChars = 36;
constexpr size_t kNoteChars = 40;
constexpr size_t kLaneLabelChars = 22;

constexpr char kInk[] = "#24292f";
constexpr char kMuted[] = "#57606a";
constexpr char kLifeline[] = "#8c959f";
constexpr char kBoxFill[] = "#f6f8fa";
constexpr char kBoxStroke[] = "#d0d7de";
constexpr char kOk[] = "#1a7f37";        // 1xx-3xx
constexpr char kError[] = "#cf222e";     // 4xx, 5xx; FAILED checks
constexpr char kNoAnswer[] = "#bc4c00";  // status 0; faults
constexpr char kWarning[] = "#9a6700";   // WARNING checks
constexpr char kFailedTint[] = "#ffebe9";
constexpr char kWarningTint[] = "#fff8c5";

// The hosts the harness knows, in lane order, with their labels.
constexpr std::pair<std::string_view, std::string_view> kKnownHosts[] = {
    {"my_domain", "My Domain"},
    {"login", "login.salesforce.com"},
    {"test", "test.salesforce.com"},
    {"legacy_instance", "legacy instance"},
};

// `text` (made XML-safe) cut to `max` characters, the last of them "…". Counts UTF-8 code
// points, so a character is never split.
std::string Shorten(std::string_view text, size_t max) {
  const std::string safe = XmlSafe(text);
  size_t chars = 0;
  size_t cut = std::string::npos;  // byte offset after max - 1 characters
  for (size_t i = 0; i < safe.size(); ++i) {
    if ((static_cast<unsigned char>(safe[i]) & 0xC0) == 0x80) continue;
    if (chars == max - 1) cut = i;
    if (++chars > max) return safe.substr(0, cut) + "…";
  }
  return safe;
}

pugi::xml_node El(pugi::xml_node parent, const char* name) { return parent.append_child(name); }

void Attr(pugi::xml_node node, const char* name, std::string_view value) {
  node.append_attribute(name).set_value(XmlSafe(value).c_str());
}

void Attr(pugi::xml_node node, const char* name, int value) {
  node.append_attribute(name).set_value(value);
}

pugi::xml_node Text(pugi::xml_node parent, int x, int y, std::string_view text,
                    std::string_view fill = kInk, std::string_view anchor = "start") {
  pugi::xml_node node = El(parent, "text");
  Attr(node, "x", x);
  Attr(node, "y", y);
  Attr(node, "fill", fill);
  if (anchor != "start") Attr(node, "text-anchor", anchor);
  node.text().set(XmlSafe(text).c_str());
  return node;
}

void Line(pugi::xml_node parent, int x1, int y1, int x2, int y2, std::string_view stroke,
          bool dashed = false) {
  pugi::xml_node line = El(parent, "line");
  Attr(line, "x1", x1);
  Attr(line, "y1", y1);
  Attr(line, "x2", x2);
  Attr(line, "y2", y2);
  Attr(line, "stroke", stroke);
  if (dashed) Attr(line, "stroke-dasharray", "6 4");
}

// A horizontal arrow from x `from` to x `to` at height y, head at `to`; its label above it,
// starting beside the client's lifeline.
pugi::xml_node Arrow(pugi::xml_node parent, const char* cls, int from, int to, int y,
                     std::string_view colour, bool dashed, std::string_view label, int label_x) {
  pugi::xml_node g = El(parent, "g");
  Attr(g, "class", cls);
  const int dir = to > from ? 1 : -1;
  Line(g, from, y, to - dir * kHead, y, colour, dashed);
  pugi::xml_node head = El(g, "path");
  Attr(head, "d", fmt::format("M{},{} l{},-4 v8 z", to, y, -dir * kHead));
  Attr(head, "fill", colour);
  Text(g, label_x, y - 5, label, colour);
  return g;
}

std::string Plural(size_t n, std::string_view one) {
  return fmt::format("{} {}{}", n, one, n == 1 ? "" : "s");
}

// "A", "A and B", "A, B and C".
std::string JoinAnd(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    out += (i == 0 ? "" : i + 1 == items.size() ? " and " : ", ") + items[i];
  }
  return out;
}

struct Mark {
  std::string check;
  CheckStatus status;
  bool expected;
};

struct Row {
  const TranscriptEntry* entry;
  int top;
  int height;
  std::vector<std::pair<std::string, std::string_view>> notes;  // text, colour
  std::string_view tint;                                        // "" when none
};

std::string StatusLabel(int status) { return status == 0 ? "no answer" : std::to_string(status); }

std::string_view StatusColour(int status) {
  return status == 0 ? kNoAnswer : status >= 400 ? kError : kOk;
}

}  // namespace

void AppendSequenceDiagram(pugi::xml_node parent, const harness::ScenarioResult& scenario,
                           size_t max_exchanges) {
  const auto& transcript = scenario.transcript;
  if (transcript.empty()) return;
  const size_t drawn = std::min(transcript.size(), std::max<size_t>(max_exchanges, 1));

  // Lanes: the known hosts in their order, then any other host in order of appearance.
  std::vector<std::pair<std::string, std::string>> lanes;  // host, label
  for (const auto& [host, label] : kKnownHosts) {
    if (std::any_of(transcript.begin(), transcript.begin() + drawn,
                    [&](const TranscriptEntry& x) { return x.host == host; })) {
      lanes.emplace_back(host, label);
    }
  }
  for (size_t i = 0; i < drawn; ++i) {
    const std::string& host = transcript[i].host;
    if (std::none_of(lanes.begin(), lanes.end(), [&](const auto& l) { return l.first == host; })) {
      lanes.emplace_back(host, Shorten(host.empty() ? "(unknown host)" : host, kLaneLabelChars));
    }
  }
  const auto lane_x = [&](size_t lane) { return kGutter + kBoxWidth / 2 + int(lane) * kLaneGap; };
  // The host's lane, 1-based (the client's is 0). Every drawn host has one.
  const auto lane_of = [&](const std::string& host) {
    size_t i = 0;
    while (i + 1 < lanes.size() && lanes[i].first != host) ++i;
    return i + 1;
  };
  const int client_x = lane_x(0);
  const int notes_x = lane_x(lanes.size()) + 24;  // right of the last lifeline
  const int width = notes_x + kNotesWidth;

  // Which checks name which exchange: Evidence::exchange is the journal's sequence number.
  std::map<uint64_t, std::vector<Mark>> marks;
  for (const auto& check : scenario.checks) {
    if (check.status != CheckStatus::kFailed && check.status != CheckStatus::kWarning) continue;
    for (const auto& e : check.evidence) {
      if (e.exchange == 0) continue;
      auto& list = marks[e.exchange];
      if (std::none_of(list.begin(), list.end(),
                       [&](const Mark& m) { return m.check == check.id; }))
        list.push_back({check.id, check.status, check.expected_failure});
    }
  }

  std::vector<Row> rows;
  std::vector<std::string> marked;  // check ids marked on a drawn exchange
  size_t faults = 0;
  size_t errors = 0;
  int y = kFirstRow;
  for (size_t i = 0; i < drawn; ++i) {
    Row row{&transcript[i], y, kRowHeight, {}, ""};
    if (!row.entry->fault.empty()) {
      ++faults;
      row.notes.emplace_back(Shorten("⚡ fault: " + row.entry->fault, kNoteChars), kNoAnswer);
    }
    if (row.entry->status >= 400) ++errors;
    if (auto it = marks.find(row.entry->seq); it != marks.end()) {
      for (const Mark& m : it->second) {
        const bool failed = m.status == CheckStatus::kFailed;
        row.notes.emplace_back(
            Shorten(fmt::format("{} {}{}", failed ? "✗" : "⚠", m.check,
                                failed ? (m.expected ? " (expected)" : "") : " (warning)"),
                    kNoteChars),
            failed ? kError : kWarning);
        if (failed) row.tint = kFailedTint;
        if (!failed && row.tint.empty()) row.tint = kWarningTint;
        marked.push_back(m.check);
      }
    }
    row.height = std::max(kRowHeight, int(row.notes.size()) * kNoteLine + 12);
    y += row.height;
    rows.push_back(std::move(row));
  }
  const int rows_end = y;

  // Under the diagram: what was not drawn, and flagged checks that name no drawn exchange.
  std::vector<std::pair<std::string, std::string_view>> footer;
  if (drawn < transcript.size()) {
    footer.emplace_back(fmt::format("… {} in the transcript below",
                                    Plural(transcript.size() - drawn, "more exchange")),
                        kMuted);
  }
  std::vector<std::string> failed_ids;
  for (const auto& check : scenario.checks) {
    const bool failed = check.status == CheckStatus::kFailed;
    if (failed) failed_ids.push_back(check.id);
    if (!failed && check.status != CheckStatus::kWarning) continue;
    if (std::find(marked.begin(), marked.end(), check.id) != marked.end()) continue;
    footer.emplace_back(fmt::format("{} {} {}, not tied to an exchange drawn here",
                                    failed ? "✗" : "⚠", check.id, failed ? "failed" : "warned"),
                        failed ? kError : kWarning);
  }
  const int height = rows_end + 8 + int(footer.size()) * kFooterLine + (footer.empty() ? 0 : 4);

  // The summary, for screen readers and as the tooltip of the whole picture.
  std::vector<std::string> hosts;
  for (const auto& lane : lanes) hosts.push_back(lane.second);
  std::string summary = fmt::format("Sequence of {}: client to {}",
                                    Plural(transcript.size(), "exchange"), JoinAnd(hosts));
  if (drawn < transcript.size()) summary += fmt::format(" (first {} drawn)", drawn);
  if (faults > 0) summary += "; " + Plural(faults, "fault");
  if (errors > 0) summary += "; " + Plural(errors, "error answer") + " (4xx/5xx)";
  if (!failed_ids.empty()) summary += "; failed: " + JoinAnd(failed_ids);

  pugi::xml_node svg = El(parent, "svg");
  Attr(svg, "xmlns", "http://www.w3.org/2000/svg");
  Attr(svg, "class", "sequence-diagram");
  Attr(svg, "role", "img");
  Attr(svg, "aria-label", summary);
  Attr(svg, "width", width);
  Attr(svg, "height", height);
  Attr(svg, "viewBox", fmt::format("0 0 {} {}", width, height));
  Attr(svg, "font-family", "ui-monospace,Menlo,Consolas,monospace");
  Attr(svg, "font-size", 12);
  El(svg, "title").text().set(XmlSafe(summary).c_str());

  for (const Row& row : rows) {
    if (row.tint.empty()) continue;
    pugi::xml_node rect = El(svg, "rect");
    Attr(rect, "class", "sd-tint");
    Attr(rect, "x", 0);
    Attr(rect, "y", row.top);
    Attr(rect, "width", width);
    Attr(rect, "height", row.height);
    Attr(rect, "fill", row.tint);
  }

  // Lanes: a header box and a lifeline each.
  pugi::xml_node lanes_g = El(svg, "g");
  Attr(lanes_g, "class", "sd-lanes");
  for (size_t i = 0; i <= lanes.size(); ++i) {
    const int x = lane_x(i);
    pugi::xml_node lane = El(lanes_g, "g");
    Attr(lane, "class", "sd-lane");
    Line(lane, x, kTop + kBoxHeight, x, rows_end, kLifeline);
    pugi::xml_node box = El(lane, "rect");
    Attr(box, "x", x - kBoxWidth / 2);
    Attr(box, "y", kTop);
    Attr(box, "width", kBoxWidth);
    Attr(box, "height", kBoxHeight);
    Attr(box, "rx", 3);
    Attr(box, "fill", kBoxFill);
    Attr(box, "stroke", kBoxStroke);
    pugi::xml_node label =
        Text(lane, x, kTop + 17, i == 0 ? "Client" : lanes[i - 1].second, kInk, "middle");
    Attr(label, "font-family", "system-ui,sans-serif");
    Attr(label, "font-weight", "bold");
  }

  for (const Row& row : rows) {
    const TranscriptEntry& x = *row.entry;
    const size_t lane = lane_of(x.host);
    const int target_x = lane_x(lane);
    pugi::xml_node g = El(svg, "g");
    Attr(g, "class", "sd-exchange");
    Attr(g, "data-seq", fmt::format("{}", x.seq));
    std::string title = fmt::format("#{} {} {} → {} ({}, {})", x.seq, x.method, x.target,
                                    StatusLabel(x.status), lanes[lane - 1].second, x.scheme);
    if (!x.fault.empty()) title += "; fault: " + x.fault;
    El(g, "title").text().set(XmlSafe(title).c_str());

    const int request_y = row.top + 20;
    const int response_y = row.top + 42;
    Text(g, kGutter - 6, request_y + 4, fmt::format("#{}", x.seq), kMuted, "end");
    const std::string path = x.target.substr(0, x.target.find('?'));
    Arrow(g, "sd-request", client_x, target_x, request_y, kInk, /*dashed=*/false,
          Shorten(x.method + " " + path, kLabelChars), client_x + 8);
    pugi::xml_node response =
        Arrow(g, "sd-response", target_x, client_x, response_y, StatusColour(x.status),
              /*dashed=*/true, StatusLabel(x.status), client_x + 8);
    if (x.status >= 400 || x.status == 0) {
      Attr(response.child("text"), "font-weight", "bold");
    }
    int note_y = row.top + 16;
    for (const auto& [text, colour] : row.notes) {
      pugi::xml_node note = Text(g, notes_x, note_y, text, colour);
      Attr(note, "class", "sd-note");
      Attr(note, "font-family", "system-ui,sans-serif");
      note_y += kNoteLine;
    }
  }

  int footer_y = rows_end + 20;
  for (const auto& [text, colour] : footer) {
    pugi::xml_node line = Text(svg, 8, footer_y, text, colour);
    Attr(line, "class", "sd-footnote");
    Attr(line, "font-family", "system-ui,sans-serif");
    footer_y += kFooterLine;
  }
}

}  // namespace sfh::reports
