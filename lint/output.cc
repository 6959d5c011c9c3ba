#include "lint/output.h"

#include <fmt/format.h>

#include "lint/rules/rule.h"

namespace sfh::lint {
namespace {

constexpr char kToolName[] = "sfharness lint";
constexpr char kToolVersion[] = "0.1.0";

size_t Count(const LintResult& result, Severity severity) {
  return std::ranges::count_if(result.findings,
                               [&](const Finding& f) { return f.severity == severity; });
}

// SARIF's markdown-free help: the rule's summary and where the fact comes from (salesforce-wire.md
// lives in shared/reference/; other references name a Salesforce document).
std::string HelpText(const Rule& rule) {
  const std::string_view where =
      rule.reference.starts_with("salesforce-wire.md") ? "shared/reference/" : "";
  return fmt::format("{}. Source: {}{}. See lint/README.md.", rule.summary, where, rule.reference);
}

}  // namespace

std::string FormatText(const LintResult& result) {
  std::string out;
  for (const Finding& f : result.findings) {
    out += fmt::format("{}:{}:{}: {}: {} [{}]\n", f.file, f.line, f.column, ToString(f.severity),
                       f.message, f.rule_id);
    if (!f.fix_setup.empty()) out += fmt::format("    Fix in Setup: {}\n", f.fix_setup);
    if (!f.fix_metadata.empty()) out += fmt::format("    Fix in metadata: {}\n", f.fix_metadata);
  }
  // The credential count only when there are some: the line stays as it was for ECA projects.
  const std::string credentials =
      result.credentials == 0 ? "" : fmt::format(", {} credential(s)", result.credentials);
  out += fmt::format("{} file(s), {} app(s){}: {} error(s), {} warning(s), {} note(s)\n",
                     result.files, result.apps, credentials, Count(result, Severity::kError),
                     Count(result, Severity::kWarning), Count(result, Severity::kNote));
  return out;
}

nlohmann::json ToJson(const LintResult& result) {
  nlohmann::json findings = nlohmann::json::array();
  for (const Finding& f : result.findings) {
    findings.push_back({{"file", f.file},
                        {"line", f.line},
                        {"column", f.column},
                        {"rule", f.rule_id},
                        {"severity", ToString(f.severity)},
                        {"message", f.message},
                        {"fix", {{"setup", f.fix_setup}, {"metadata", f.fix_metadata}}}});
  }
  return {{"findings", findings},
          {"summary",
           {{"files", result.files},
            {"apps", result.apps},
            {"credentials", result.credentials},
            {"error", Count(result, Severity::kError)},
            {"warning", Count(result, Severity::kWarning)},
            {"note", Count(result, Severity::kNote)}}}};
}

nlohmann::json ToSarif(const LintResult& result) {
  nlohmann::json rules = nlohmann::json::array();
  for (const Rule& rule : AllRules()) {
    rules.push_back({{"id", rule.id},
                     {"shortDescription", {{"text", rule.summary}}},
                     {"help", {{"text", HelpText(rule)}}},
                     {"defaultConfiguration", {{"level", ToString(rule.severity)}}}});
  }
  nlohmann::json results = nlohmann::json::array();
  for (const Finding& f : result.findings) {
    const nlohmann::json location = {
        {"physicalLocation",
         {{"artifactLocation", {{"uri", f.file}, {"uriBaseId", "SRCROOT"}}},
          {"region", {{"startLine", f.line}, {"startColumn", f.column}}}}}};
    nlohmann::json entry = {{"ruleId", f.rule_id},
                            {"level", ToString(f.severity)},
                            {"message", {{"text", f.message}}},
                            {"locations", nlohmann::json::array({location})}};
    for (size_t i = 0; i < AllRules().size(); ++i) {
      if (AllRules()[i].id == f.rule_id) entry["ruleIndex"] = i;
    }
    // SARIF has no field for a fix without an edit; fixes travel as the result's properties.
    entry["properties"] = {{"fixSetup", f.fix_setup}, {"fixMetadata", f.fix_metadata}};
    results.push_back(std::move(entry));
  }
  const nlohmann::json run = {
      {"tool", {{"driver", {{"name", kToolName}, {"version", kToolVersion}, {"rules", rules}}}}},
      {"results", results}};
  return {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
          {"version", "2.1.0"},
          {"runs", nlohmann::json::array({run})}};
}

std::string FormatJson(const LintResult& result) {
  return ToJson(result).dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string FormatSarif(const LintResult& result) {
  return ToSarif(result).dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace sfh::lint
