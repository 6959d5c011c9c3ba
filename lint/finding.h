// What `sfharness lint` reports: a finding at a place in a metadata file, and the rules that
// produce findings.
#ifndef SFH_LINT_FINDING_H_
#define SFH_LINT_FINDING_H_

#include <string>
#include <string_view>

namespace sfh::lint {

// kError fails the run (exit 1); kWarning and kNote are reported only.
enum class Severity { kError, kWarning, kNote };

// "error", "warning", "note": also SARIF 2.1.0's result.level values.
std::string_view ToString(Severity severity);

struct Finding {
  std::string file;  // relative to the linted directory, with '/' separators
  int line = 1;      // 1-based
  int column = 1;    // 1-based, in bytes
  std::string rule_id;
  Severity severity = Severity::kError;
  std::string message;
  std::string fix_setup;     // the fix as an admin does it in Setup
  std::string fix_metadata;  // the fix in the metadata files
};

}  // namespace sfh::lint

#endif  // SFH_LINT_FINDING_H_
