// A check: one small named rule, a pure function of what crossed the wire (the journal) and
// how the client program ended. The name reads as an assertion and is the report line; the
// description is used verbatim in every report. A check never throws and never redacts: the
// runner redacts its message and evidence before anything leaves the process.
#ifndef SFH_HARNESS_CHECKS_CHECK_H_
#define SFH_HARNESS_CHECKS_CHECK_H_

#include <string>
#include <string_view>
#include <vector>

#include "harness/runner/result.h"
#include "harness/scenario/scenario.h"
#include "mock_server/journal/journal.h"
#include "mock_server/org/org.h"

namespace sfh::harness {

// What a check may look at.
struct CheckInput {
  const std::vector<mock::Exchange>& exchanges;  // oldest first, unredacted
  const ClientRun& client;                       // unredacted
  const Scenario& scenario;
  mock::HostUrls hosts;   // base URL of each virtual host the target served
  std::string client_id;  // the credentials the client was given
  std::string client_secret;
};

// A check's verdict before severity is applied: kPassed, kFailed or kSkipped.
struct CheckVerdict {
  CheckStatus status = CheckStatus::kPassed;
  std::string message;
  std::vector<Evidence> evidence;

  static CheckVerdict Passed(std::string message) {
    return {CheckStatus::kPassed, std::move(message), {}};
  }
  static CheckVerdict Skipped(std::string message) {
    return {CheckStatus::kSkipped, std::move(message), {}};
  }
  static CheckVerdict Failed(std::string message, std::vector<Evidence> evidence = {}) {
    return {CheckStatus::kFailed, std::move(message), std::move(evidence)};
  }
};

struct CheckDefinition {
  std::string_view id;           // "EnsureNoSecretInUrl"
  std::string_view description;  // one line
  std::string_view reference;    // the RFC section or Salesforce page behind it
  CheckVerdict (*evaluate)(const CheckInput& input);
  // How a failure counts when a scenario does not say: a failure fails the scenario, a warning
  // is reported and does not.
  Severity severity = Severity::kFailure;
};

}  // namespace sfh::harness

#endif  // SFH_HARNESS_CHECKS_CHECK_H_
