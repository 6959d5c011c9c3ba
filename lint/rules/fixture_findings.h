// Test helper: the findings `Lint` makes on a fixture project under lint/testdata/, one string
// per finding ("rule file:line:column severity", the file relative to force-app/main/default/),
// so a test states the whole expected list.
#ifndef SFH_LINT_RULES_FIXTURE_FINDINGS_H_
#define SFH_LINT_RULES_FIXTURE_FINDINGS_H_

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "lint/linter.h"

namespace sfh::lint::testing {

inline std::string FixturePath(std::string_view fixture) {
  return std::string(SFH_LINT_TESTDATA_DIR) + "/" + std::string(fixture);
}

inline std::vector<std::string> FindingsIn(std::string_view fixture) {
  constexpr std::string_view kDefault = "force-app/main/default/";
  auto result = Lint(FixturePath(fixture));
  EXPECT_TRUE(result.has_value()) << result.error();
  std::vector<std::string> out;
  if (!result) return out;
  for (const Finding& f : result->findings) {
    std::string_view file = f.file;
    if (file.starts_with(kDefault)) file.remove_prefix(kDefault.size());
    out.push_back(f.rule_id + " " + std::string(file) + ":" + std::to_string(f.line) + ":" +
                  std::to_string(f.column) + " " + std::string(ToString(f.severity)));
  }
  return out;
}

inline std::string At(std::string_view rule, std::string_view file, int line, int column,
                      std::string_view severity) {
  return std::string(rule) + " " + std::string(file) + ":" + std::to_string(line) + ":" +
         std::to_string(column) + " " + std::string(severity);
}

// Every text a finding of `fixture` prints (message and fixes), for checking what it never says.
inline std::vector<std::string> TextsIn(std::string_view fixture) {
  std::vector<std::string> texts;
  auto result = Lint(FixturePath(fixture));
  EXPECT_TRUE(result.has_value());
  if (!result) return texts;
  for (const Finding& f : result->findings) {
    texts.insert(texts.end(), {f.message, f.fix_setup, f.fix_metadata});
  }
  return texts;
}

}  // namespace sfh::lint::testing

#endif  // SFH_LINT_RULES_FIXTURE_FINDINGS_H_
