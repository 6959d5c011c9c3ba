#include "lint/linter.h"

#include <algorithm>
#include <tuple>

#include "lint/eca_project.h"
#include "lint/rules/rule.h"

namespace sfh::lint {

std::string_view ToString(Severity severity) {
  switch (severity) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kNote:
      return "note";
  }
  return "error";
}

std::expected<LintResult, std::string> Lint(const std::filesystem::path& dir) {
  auto project = LoadEcaProject(dir);
  if (!project) return std::unexpected(project.error());
  LintResult result;
  result.findings = std::move(project->unreadable);
  result.files = result.findings.size();
  result.apps = project->apps.size();
  for (const EcaApp& app : project->apps) {
    result.files += app.files.size();
    for (const Rule& rule : AllRules()) {
      if (rule.check == nullptr) continue;
      for (Finding& finding : rule.check(app)) result.findings.push_back(std::move(finding));
    }
  }
  std::stable_sort(result.findings.begin(), result.findings.end(),
                   [](const Finding& a, const Finding& b) {
                     return std::tie(a.file, a.line, a.column, a.rule_id) <
                            std::tie(b.file, b.line, b.column, b.rule_id);
                   });
  return result;
}

bool HasErrors(const LintResult& result) {
  return std::ranges::any_of(result.findings,
                             [](const Finding& f) { return f.severity == Severity::kError; });
}

}  // namespace sfh::lint
