// The three outputs of `sfharness lint`: text for people, JSON for scripts, and SARIF 2.1.0 for
// code-scanning tools (GitHub code scanning, Azure DevOps, IDE viewers).
#ifndef SFH_LINT_OUTPUT_H_
#define SFH_LINT_OUTPUT_H_

#include <nlohmann/json.hpp>
#include <string>

#include "lint/linter.h"

namespace sfh::lint {

// One block per finding ("FILE:LINE:COL: SEVERITY: MESSAGE [RULE]" and two fix lines), then a
// summary line.
std::string FormatText(const LintResult& result);

// {"findings": [{file, line, column, rule, severity, message, fix: {setup, metadata}}],
//  "summary": {files, apps, credentials, error, warning, note}}
nlohmann::json ToJson(const LintResult& result);

// A SARIF 2.1.0 log with one run: tool.driver lists every rule; each result's location is the
// file relative to the linted directory (uriBaseId SRCROOT) and its line and column.
nlohmann::json ToSarif(const LintResult& result);

// ToJson and ToSarif as `sfharness lint --format json|sarif` prints them: indented with 2 spaces.
// A finding may quote the linted files (a value, a name), whose bytes need not be UTF-8; bytes
// that are not valid UTF-8 are written as U+FFFD, so the output is always valid JSON.
std::string FormatJson(const LintResult& result);
std::string FormatSarif(const LintResult& result);

}  // namespace sfh::lint

#endif  // SFH_LINT_OUTPUT_H_
