#include "reports/html_writer.h"

#include <fmt/core.h>

#include <cctype>
#include <pugixml.hpp>
#include <set>
#include <sstream>
#include <string_view>

#include "reports/report_text.h"
#include "reports/sequence_diagram.h"

namespace sfh::reports {
namespace {

using harness::CheckStatus;
using harness::ScenarioResult;
using harness::ScenarioStatus;

// Kept free of '<', '>' and '&': inside <style> the browser does not decode the entities the
// XML serialiser would write for them.
constexpr char kCss[] = R"(
body{font:14px/1.45 system-ui,sans-serif;color:#222;max-width:75em;margin:1.5em auto;padding:0 1em}
h1{font-size:1.5em;margin:0 0 .3em}h2{font-size:1.2em}h3{font-size:1.05em;margin:1em 0 .3em}
h4{font-size:.95em;margin:.6em 0 .2em}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #d0d7de;padding:.25em .5em;text-align:left;vertical-align:top;
 overflow-wrap:anywhere}
th{background:#f6f8fa}
code,pre{font:12px/1.4 ui-monospace,Menlo,Consolas,monospace}
pre{background:#f6f8fa;border:1px solid #d0d7de;padding:.5em;margin:.2em 0;
 white-space:pre-wrap;overflow-wrap:anywhere}
.badge{display:inline-block;min-width:5em;padding:0 .4em;border-radius:3px;color:#fff;
 font:bold 12px/1.6 sans-serif;text-align:center;
 -webkit-print-color-adjust:exact;print-color-adjust:exact}
.b-passed{background:#1a7f37}.b-failed{background:#cf222e}.b-error{background:#d65d0e}
.b-skipped{background:#8c959f}.b-warning{background:#d4a72c;color:#222}
details{border:1px solid #d0d7de;border-radius:4px;margin:1em 0;padding:.2em .8em .6em}
summary{cursor:pointer;font-weight:bold;padding:.3em 0}
.muted{color:#57606a}.problem{color:#a40e26;font-weight:bold}
ul.evidence{margin:.2em 0;padding-left:1.2em}
tr.check-failed td{background:#ffebe9}tr.check-warning td{background:#fff8c5}
.exchange{border-top:1px dashed #d0d7de;margin-top:.6em;padding-top:.3em}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:.8em}
.sequence{margin:.4em 0}.sequence svg{display:block;max-width:100%;height:auto}
@media print{body{max-width:none}.pair{display:block}
 details::details-content{content-visibility:visible}}
)";

pugi::xml_node El(pugi::xml_node parent, const char* name, std::string_view cls = {}) {
  pugi::xml_node node = parent.append_child(name);
  if (!cls.empty()) node.append_attribute("class").set_value(std::string(cls).c_str());
  return node;
}

pugi::xml_node Text(pugi::xml_node parent, const char* name, std::string_view text,
                    std::string_view cls = {}) {
  pugi::xml_node node = El(parent, name, cls);
  node.text().set(XmlSafe(text).c_str());
  return node;
}

// Appends text to mixed content: <p>Client <code>x</code> (text here)</p>.
void Append(pugi::xml_node parent, std::string_view text) {
  parent.append_child(pugi::node_pcdata).set_value(XmlSafe(text).c_str());
}

void Attr(pugi::xml_node node, const char* name, std::string_view value) {
  node.append_attribute(name).set_value(XmlSafe(value).c_str());
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// `status` is a ToString value; its badge class is "b-" and the lower-case status.
void Badge(pugi::xml_node parent, std::string_view status, std::string_view label = {}) {
  Text(parent, "span", label.empty() ? status : label, "badge b-" + Lower(status));
}

// An HTML parser drops one newline right after <pre>; give it one to drop.
void Pre(pugi::xml_node parent, std::string_view text) {
  Text(parent, "pre", (!text.empty() && text.front() == '\n') ? "\n" + std::string(text) : text);
}

std::string AnchorId(const std::string& scenario_id, std::set<std::string>& used) {
  std::string id = "scenario-";
  for (char c : scenario_id) id += std::isalnum(static_cast<unsigned char>(c)) ? c : '-';
  std::string unique = id;
  for (int n = 2; !used.insert(unique).second; ++n) unique = fmt::format("{}-{}", id, n);
  return unique;
}

std::string CheckCounts(const ScenarioResult& scenario) {
  std::string out;
  for (CheckStatus status :
       {CheckStatus::kPassed, CheckStatus::kFailed, CheckStatus::kWarning, CheckStatus::kSkipped}) {
    size_t n = 0;
    for (const auto& check : scenario.checks) n += check.status == status ? 1 : 0;
    if (n == 0) continue;
    out += fmt::format("{}{} {}", out.empty() ? "" : ", ", n, Lower(harness::ToString(status)));
  }
  return out.empty() ? "none" : out;
}

// Flaky (passed on a rerun) and expected failure (--baseline), in the existing badge colours.
void RunnerBadges(pugi::xml_node parent, const ScenarioResult& s) {
  if (s.flaky) Badge(parent, harness::ToString(CheckStatus::kWarning), "FLAKY");
  if (s.status == ScenarioStatus::kFailed && s.expected_failure) {
    Badge(parent, harness::ToString(CheckStatus::kSkipped), "EXPECTED");
  }
}

bool HasWarning(const ScenarioResult& scenario) {
  for (const auto& check : scenario.checks) {
    if (check.status == CheckStatus::kWarning) return true;
  }
  return false;
}

void Header(pugi::xml_node body, const harness::RunResult& run) {
  pugi::xml_node header = El(body, "header");
  Text(header, "h1", "sfharness report");
  pugi::xml_node p = El(header, "p");
  Append(p, "Client ");
  Text(p, "code", run.client);
  Append(p, fmt::format(" · {} · started {} · {} s", run.tool_version, IsoUtc(run.started_at),
                        Seconds(run.elapsed)));
  p = El(header, "p");
  Append(p, fmt::format("Scenarios ({}):", run.scenarios.size()));
  for (ScenarioStatus s : {ScenarioStatus::kPassed, ScenarioStatus::kFailed, ScenarioStatus::kError,
                           ScenarioStatus::kSkipped}) {
    Append(p, " ");
    Badge(p, ToString(s), fmt::format("{} {}", run.CountScenarios(s), ToString(s)));
  }
  if (run.shard) {
    Text(header, "p", fmt::format("Shard {} of {}", run.shard->index, run.shard->total), "muted");
  }
  for (const auto& entry : run.stale_expected_failures) {
    pugi::xml_node stale = El(header, "p", "problem");
    Append(stale, "Stale baseline entry: ");
    Text(stale, "code", entry.check.empty() ? entry.scenario : entry.scenario + " " + entry.check);
    Append(stale, " was expected to fail but did not; fixed? remove it from the baseline.");
  }
  p = El(header, "p");
  Append(p, "Checks:");
  for (CheckStatus s :
       {CheckStatus::kPassed, CheckStatus::kFailed, CheckStatus::kWarning, CheckStatus::kSkipped}) {
    Append(p, " ");
    Badge(p, ToString(s), fmt::format("{} {}", run.CountChecks(s), ToString(s)));
  }
}

void ScenarioTable(pugi::xml_node parent, const harness::RunResult& run,
                   const std::vector<std::string>& anchors) {
  pugi::xml_node table = El(parent, "table", "scenarios");
  pugi::xml_node row = El(El(table, "thead"), "tr");
  for (const char* heading : {"Status", "Scenario", "Title", "Checks", "Client", "Time (s)"}) {
    Text(row, "th", heading);
  }
  pugi::xml_node tbody = El(table, "tbody");
  for (size_t i = 0; i < run.scenarios.size(); ++i) {
    const ScenarioResult& s = run.scenarios[i];
    row = El(tbody, "tr");
    pugi::xml_node status = El(row, "td");
    Badge(status, harness::ToString(s.status));
    if (HasWarning(s)) Badge(status, harness::ToString(CheckStatus::kWarning));
    RunnerBadges(status, s);
    pugi::xml_node link = El(El(row, "td"), "a");
    Attr(link, "href", "#" + anchors[i]);
    Text(link, "code", s.id);
    Text(row, "td", s.title);
    Text(row, "td", CheckCounts(s));
    Text(row, "td", s.status == ScenarioStatus::kSkipped ? "" : ClientOutcome(s.client));
    Text(row, "td", Seconds(s.elapsed));
  }
}

void Checks(pugi::xml_node parent, const ScenarioResult& scenario) {
  Text(parent, "h3", "Checks");
  if (scenario.checks.empty()) {
    Text(parent, "p", "No checks ran.", "muted");
    return;
  }
  pugi::xml_node table = El(parent, "table", "checks");
  pugi::xml_node row = El(El(table, "thead"), "tr");
  for (const char* heading : {"Status", "Check", "Description", "Result", "Reference"}) {
    Text(row, "th", heading);
  }
  pugi::xml_node tbody = El(table, "tbody");
  for (const auto& check : scenario.checks) {
    // A failed or warned check stands out among the passed ones.
    row = El(tbody, "tr",
             check.status == CheckStatus::kFailed    ? "check-failed"
             : check.status == CheckStatus::kWarning ? "check-warning"
                                                     : "");
    pugi::xml_node status = El(row, "td");
    Badge(status, harness::ToString(check.status));
    if (check.expected_failure) Badge(status, harness::ToString(CheckStatus::kSkipped), "EXPECTED");
    Text(El(row, "td"), "code", check.id);
    Text(row, "td", check.description);
    pugi::xml_node result = El(row, "td");
    if (check.expected_failure) {
      Text(result, "div", "Expected failure: " + check.expected_failure_reason, "muted");
    }
    if (!check.message.empty()) Text(result, "div", check.message);
    if (!check.evidence.empty()) {
      pugi::xml_node list = El(result, "ul", "evidence");
      for (const auto& e : check.evidence) Text(list, "li", EvidenceLine(e));
    }
    pugi::xml_node reference = El(row, "td");
    if (check.reference.starts_with("https://") || check.reference.starts_with("http://")) {
      Attr(Text(reference, "a", check.reference), "href", check.reference);
    } else {
      Append(reference, check.reference);
    }
  }
}

void Client(pugi::xml_node parent, const harness::ClientRun& client) {
  Text(parent, "h3", "Client");
  pugi::xml_node p = El(parent, "p");
  Text(p, "code", client.label);
  Append(p, fmt::format(" {} ({} s)", ClientOutcome(client), Seconds(client.elapsed)));
  for (const auto& [name, text] :
       {std::pair{"stdout", &client.stdout_text}, std::pair{"stderr", &client.stderr_text}}) {
    if (text->empty()) {
      Text(parent, "p", fmt::format("{}: empty", name), "muted");
    } else {
      Text(parent, "h4", name);
      Pre(parent, *text);
    }
  }
}

std::string Message(const harness::HeaderList& headers, const std::string& body) {
  std::string out;
  for (const auto& [name, value] : headers) out += name + ": " + value + "\n";
  if (!body.empty()) out += (out.empty() ? "" : "\n") + body;
  return out.empty() ? "(empty)" : out;
}

void Transcript(pugi::xml_node parent, const ScenarioResult& scenario) {
  Text(parent, "h3", "Transcript");
  if (scenario.transcript.empty()) {
    Text(parent, "p", "No exchanges.", "muted");
    return;
  }
  AppendSequenceDiagram(El(parent, "div", "sequence"), scenario);
  for (const auto& x : scenario.transcript) {
    pugi::xml_node div = El(parent, "div", "exchange");
    pugi::xml_node line = El(div, "p");
    Text(line, "b", fmt::format("#{}", x.seq));
    Append(line, " ");
    Text(line, "code", fmt::format("{} {}", x.method, x.target));
    Append(line, fmt::format(" → {} · {} {} · {}.{} ms",
                             x.status == 0 ? "no response" : std::to_string(x.status), x.scheme,
                             x.host, x.elapsed.count() / 1000, x.elapsed.count() % 1000 / 100));
    if (!x.fault.empty()) {
      Append(line, " · ");
      Text(line, "span", "fault: " + x.fault, "problem");
    }
    pugi::xml_node pair = El(div, "div", "pair");
    pugi::xml_node half = El(pair, "div");
    Text(half, "h4", "Request");
    Pre(half, Message(x.request_headers, x.request_body));
    half = El(pair, "div");
    Text(half, "h4", "Response");
    Pre(half, Message(x.response_headers, x.response_body));
  }
}

void Scenario(pugi::xml_node parent, const ScenarioResult& s, const std::string& anchor) {
  pugi::xml_node section = El(parent, "section", "scenario");
  Attr(section, "id", anchor);
  pugi::xml_node details = El(section, "details");
  if (s.status == ScenarioStatus::kFailed || s.status == ScenarioStatus::kError) {
    Attr(details, "open", "open");
  }
  pugi::xml_node summary = El(details, "summary");
  Badge(summary, harness::ToString(s.status));
  RunnerBadges(summary, s);
  Append(summary, " ");
  Text(summary, "code", s.id);
  Append(summary, ": " + s.title);
  if (!s.teaches.empty()) Text(details, "p", s.teaches);
  Text(details, "p",
       fmt::format("File {} · target {} · started {} · {} s", s.file, s.target,
                   IsoUtc(s.started_at), Seconds(s.elapsed)),
       "muted");
  if (!s.error.empty()) {
    Text(details, "p", fmt::format("{}: {}", harness::ToString(s.status), s.error), "problem");
  }
  if (!s.expected_failure_reason.empty()) {
    Text(details, "p", "Expected failure: " + s.expected_failure_reason, "muted");
  }
  for (size_t i = 0; i < s.previous_attempts.size(); ++i) {
    const auto& attempt = s.previous_attempts[i];
    std::string checks;
    for (const auto& id : attempt.failed_checks) checks += (checks.empty() ? "" : ", ") + id;
    Text(details, "p",
         fmt::format("Attempt {} of {}: {}{}{} ({} s)", i + 1, s.attempts,
                     harness::ToString(attempt.status), checks.empty() ? "" : ": ", checks,
                     Seconds(attempt.elapsed)),
         "problem");
  }
  Checks(details, s);
  if (s.status != ScenarioStatus::kSkipped || s.client.started) Client(details, s.client);
  Transcript(details, s);
}

bool IsVoid(std::string_view name) {
  static const std::set<std::string_view> kVoid = {"area",   "base",  "br",    "col",  "embed",
                                                   "hr",     "img",   "input", "link", "meta",
                                                   "source", "track", "wbr"};
  return kVoid.contains(name);
}

// pugixml writes a childless element as "<td />", which HTML reads as an unclosed <td>.
void CloseEmptyElements(pugi::xml_node node) {
  for (pugi::xml_node child : node.children()) {
    if (child.type() != pugi::node_element) continue;
    if (!child.first_child() && !IsVoid(child.name())) {
      child.append_child(pugi::node_pcdata);
    } else {
      CloseEmptyElements(child);
    }
  }
}

}  // namespace

std::string ReportHtml(const harness::RunResult& run) {
  pugi::xml_document doc;
  pugi::xml_node html = El(doc, "html");
  Attr(html, "lang", "en");
  pugi::xml_node head = El(html, "head");
  Attr(El(head, "meta"), "charset", "utf-8");
  pugi::xml_node viewport = El(head, "meta");
  Attr(viewport, "name", "viewport");
  Attr(viewport, "content", "width=device-width, initial-scale=1");
  Text(head, "title", "sfharness report: " + run.client);
  Text(head, "style", kCss);

  pugi::xml_node body = El(html, "body");
  Header(body, run);
  pugi::xml_node main = El(body, "main");
  std::set<std::string> used;
  std::vector<std::string> anchors;
  for (const auto& s : run.scenarios) anchors.push_back(AnchorId(s.id, used));
  Text(main, "h2", "Scenarios");
  ScenarioTable(main, run, anchors);
  for (size_t i = 0; i < run.scenarios.size(); ++i) Scenario(main, run.scenarios[i], anchors[i]);
  CloseEmptyElements(doc);

  std::ostringstream out;
  out << "<!DOCTYPE html>\n";
  doc.save(out, " ", pugi::format_indent | pugi::format_no_declaration, pugi::encoding_utf8);
  return out.str();
}

}  // namespace sfh::reports
