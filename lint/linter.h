// `sfharness lint DIR`: the External Client App, Connected App, External Credential and Named
// Credential metadata under DIR checked by every rule.
#ifndef SFH_LINT_LINTER_H_
#define SFH_LINT_LINTER_H_

#include <cstddef>
#include <expected>
#include <filesystem>
#include <string>
#include <vector>

#include "lint/finding.h"

namespace sfh::lint {

struct LintResult {
  std::vector<Finding> findings;  // sorted by file, line, column, rule id
  size_t files = 0;               // metadata files found (parsed or not)
  size_t apps = 0;                // External Client Apps (files grouped per app) + Connected Apps
  size_t credentials = 0;         // External Credentials + Named Credentials
};

// Lints `dir`. Returns an error message only when `dir` cannot be walked (not a directory,
// unreadable); broken files are findings (xml-unparseable). Never throws.
[[nodiscard]] std::expected<LintResult, std::string> Lint(const std::filesystem::path& dir);

// Whether any finding has error severity: `sfharness lint` then exits 1.
bool HasErrors(const LintResult& result);

}  // namespace sfh::lint

#endif  // SFH_LINT_LINTER_H_
