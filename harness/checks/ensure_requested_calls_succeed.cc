#include "harness/checks/all_checks.h"
#include "harness/checks/exchange_view.h"

namespace sfh::harness {
namespace {

CheckVerdict Evaluate(const CheckInput& input) {
  const int wanted = input.scenario.workload.calls;
  if (input.scenario.expect.client == ExpectedClientOutcome::kFails) {
    return CheckVerdict::Skipped("the org refuses the client in this scenario");
  }
  if (input.scenario.expect.client == ExpectedClientOutcome::kEither) {
    return CheckVerdict::Skipped("the client may stop or go on in this scenario");
  }
  if (wanted == 0) return CheckVerdict::Skipped("the scenario asks for no REST call");
  int succeeded = 0;
  for (const auto& e : input.exchanges) {
    if (IsRestCall(e) && e.request.method == "GET" && IsSuccess(e)) ++succeeded;
  }
  if (succeeded < wanted) {
    return CheckVerdict::Failed("the client was asked (SF_CALLS) for " + std::to_string(wanted) +
                                " REST reads and completed " + std::to_string(succeeded));
  }
  return CheckVerdict::Passed(std::to_string(succeeded) + " successful REST reads of " +
                              std::to_string(wanted) + " asked for");
}

}  // namespace

const CheckDefinition kEnsureRequestedCallsSucceed{
    "EnsureRequestedCallsSucceed", "The client completes the SF_CALLS REST reads it was asked for",
    "The harness's client contract (docs/ARCHITECTURE.md)", Evaluate};

}  // namespace sfh::harness
