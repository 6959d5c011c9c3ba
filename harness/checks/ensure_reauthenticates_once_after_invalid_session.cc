#include "harness/checks/all_checks.h"
#include "harness/checks/exchange_view.h"

namespace sfh::harness {
namespace {

// After each INVALID_SESSION_ID: the client's next requests must be exactly one token request
// and then the same call again. Other requests in between (discovery, say) are ignored.
CheckVerdict Evaluate(const CheckInput& input) {
  const auto& xs = input.exchanges;
  std::vector<Evidence> bad;
  size_t rejections = 0;
  for (size_t i = 0; i < xs.size(); ++i) {
    if (!IsRestCall(xs[i]) || !IsInvalidSession(xs[i])) continue;
    ++rejections;
    size_t token_requests = 0;
    const mock::Exchange* next_call = nullptr;
    for (size_t j = i + 1; j < xs.size() && next_call == nullptr; ++j) {
      if (IsTokenRequest(xs[j])) ++token_requests;
      if (IsRestCall(xs[j])) next_call = &xs[j];
    }
    if (token_requests == 0) {
      bad.push_back(EvidenceFor(xs[i], next_call == nullptr
                                           ? "the client stopped without requesting a new token"
                                           : "the next call (#" + std::to_string(next_call->seq) +
                                                 ") came without a new token"));
    } else if (token_requests > 1) {
      bad.push_back(EvidenceFor(
          xs[i], std::to_string(token_requests) + " token requests followed it, not one"));
    } else if (next_call == nullptr) {
      bad.push_back(EvidenceFor(xs[i], "the call was not retried after the new token"));
    } else if (next_call->request.method != xs[i].request.method ||
               next_call->request.target != xs[i].request.target) {
      bad.push_back(EvidenceFor(xs[i], "the next call (#" + std::to_string(next_call->seq) +
                                           ") was not a retry of the rejected one"));
    }
  }
  if (rejections == 0) {
    return CheckVerdict::Skipped("the org never answered INVALID_SESSION_ID in this scenario");
  }
  if (!bad.empty()) {
    std::string message = std::to_string(bad.size()) + " of " + std::to_string(rejections) +
                          " INVALID_SESSION_ID answers were not followed by exactly "
                          "one new token and a retry";
    return CheckVerdict::Failed(std::move(message), std::move(bad));
  }
  return CheckVerdict::Passed(std::to_string(rejections) +
                              " INVALID_SESSION_ID answers, each followed by one new token and "
                              "a retry");
}

}  // namespace

const CheckDefinition kEnsureReauthenticatesOnceAfterInvalidSession{
    "EnsureReauthenticatesOnceAfterInvalidSession",
    "After INVALID_SESSION_ID the client requests exactly one new token, then retries the call",
    "Salesforce REST API Developer Guide: Status Codes and Error Responses (401 "
    "INVALID_SESSION_ID); salesforce-wire.md section 1.6",
    Evaluate};

}  // namespace sfh::harness
