// Progress and summary on a terminal, as a listener on the runner's events.
//
//   [==========] Running 3 scenarios with reference client
//   [ PASSED  ] happy/http: Happy path over HTTP (0.12 s)
//   [ FAILED  ] security/secret-in-url: Secret stays out of the URL (1.50 s)
//       FAILED EnsureNoSecretInUrl: <description>
//         <message>
//         #1 <evidence note>
//       client exited with code 1
//   [==========] 3 scenarios: 1 passed, 1 failed, 1 error, 0 skipped; checks: ... (2.00 s)
//
// Under each scenario line: its WARNING checks (any scenario), its FAILED checks and the client's
// ending when it was not a clean exit 0 (FAILED and ERROR scenarios), and the reason of an ERROR or
// SKIPPED scenario. A FAILED scenario whose failures the baseline expects reads
// "[ XFAIL   ] id: title (...) expected failure", each such check "FAILED (expected)" with an
// "expected: <reason>" line; a scenario that passed on a rerun reads "[ FLAKY   ] ... passed on
// attempt k", with a line per earlier attempt. The closing list names FAILED (not expected),
// ERROR and FLAKY scenarios, then each stale baseline entry as "[ STALE   ]".
//
// With `progress` (standard output is a terminal), a status line "[3/14] session/x ..." names
// the scenario running (the oldest, "(+k running)" when several are) at the bottom: it is
// rewritten in place with "\r" and an erase-line sequence, cleared before anything else is
// printed, and gone when the run ends. Without it, OnScenarioStart prints nothing and no "\r" is
// ever written. ANSI colours only when `color` is true: the caller decides (standard output is a
// TTY and NO_COLOR is unset). Not thread-safe; the runner calls listeners from one thread. `out`
// must outlive the reporter.
#ifndef SFH_REPORTS_CONSOLE_REPORTER_H_
#define SFH_REPORTS_CONSOLE_REPORTER_H_

#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "harness/runner/listener.h"

namespace sfh::reports {

class ConsoleReporter : public harness::RunListener {
 public:
  ConsoleReporter(std::ostream& out, bool color, bool progress = false);

  void OnRunStart(const harness::RunPlan& plan) override;
  void OnScenarioStart(const std::string& id, const std::string& title) override;
  void OnScenarioEnd(const harness::ScenarioResult& result) override;
  void OnRunEnd(const harness::RunResult& result) override;

 private:
  // `text` wrapped in the SGR sequence `sgr` ("32", "1;31") when colouring.
  std::string Paint(std::string_view sgr, std::string_view text) const;
  // Writes `text` with `indent` spaces before every line, control characters made visible.
  void WriteIndented(std::string_view text, int indent);
  // The progress status line: drawn for the oldest running scenario, or erased.
  void DrawStatus();
  void ClearStatus();

  std::ostream& out_;
  bool color_;
  bool progress_;
  size_t total_ = 0;
  size_t started_ = 0;
  std::vector<std::pair<std::string, size_t>> running_;  // id and its start ordinal, oldest first
  bool status_shown_ = false;
};

}  // namespace sfh::reports

#endif  // SFH_REPORTS_CONSOLE_REPORTER_H_
