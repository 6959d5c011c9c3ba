#include "lint/linter.h"

#include <algorithm>
#include <tuple>

#include "lint/project.h"
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
  auto project = LoadProject(dir);
  if (!project) return std::unexpected(project.error());
  LintResult result;
  result.files = project->FileCount();
  result.apps = project->apps.size() + project->connected_apps.size();
  result.credentials = project->external_credentials.size() + project->named_credentials.size();
  result.findings = std::move(project->unreadable);
  const auto add = [&](std::vector<Finding> findings) {
    for (Finding& finding : findings) result.findings.push_back(std::move(finding));
  };
  for (const Rule& rule : AllRules()) {
    if (rule.check != nullptr) {
      for (const EcaApp& app : project->apps) add(rule.check(app));
    }
    if (rule.check_connected_app != nullptr) {
      for (const ConnectedApp& app : project->connected_apps) add(rule.check_connected_app(app));
    }
    if (rule.check_external_credential != nullptr) {
      for (const ExternalCredential& credential : project->external_credentials) {
        add(rule.check_external_credential(credential));
      }
    }
    if (rule.check_named_credential != nullptr) {
      for (const NamedCredential& credential : project->named_credentials) {
        add(rule.check_named_credential(credential, *project));
      }
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
