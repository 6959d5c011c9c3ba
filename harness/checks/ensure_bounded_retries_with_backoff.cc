#include <fmt/format.h>

#include "harness/checks/all_checks.h"
#include "harness/checks/exchange_view.h"

namespace sfh::harness {
namespace {

constexpr int64_t kMinPauseMs = 100;
constexpr int kMaxRetries = 5;

// A 5xx answer or a broken connection may be retried, but not at once and not forever. A
// retry is the next request with the same method, host and target; a run of failures of one
// request counts its retries.
CheckVerdict Evaluate(const CheckInput& input) {
  const auto& xs = input.exchanges;
  std::vector<Evidence> bad;
  size_t failures = 0;
  std::vector<int> run(xs.size(), 0);  // failures of this request so far, ending at i
  for (size_t i = 0; i < xs.size(); ++i) {
    if (!IsTransientFailure(xs[i])) continue;
    ++failures;
    run[i] += 1;
    for (size_t j = i + 1; j < xs.size(); ++j) {
      if (!SameRequest(xs[i], xs[j]) || xs[j].received_at < xs[i].received_at) continue;
      const int64_t gap = GapMs(xs[i], xs[j]);
      if (gap < kMinPauseMs) {
        bad.push_back(EvidenceFor(xs[j], fmt::format("retried {} ms after #{} failed",
                                                     std::max<int64_t>(gap, 0), xs[i].seq)));
      }
      if (run[i] == kMaxRetries + 1) {
        bad.push_back(EvidenceFor(
            xs[j],
            fmt::format("retry {} of one request: more than {} retries", run[i], kMaxRetries)));
      }
      if (IsTransientFailure(xs[j])) run[j] = run[i];
      break;
    }
  }
  if (failures == 0) {
    return CheckVerdict::Skipped("no 5xx answer or broken connection in this scenario");
  }
  if (!bad.empty()) {
    std::string message = fmt::format(
        "the client retried failed requests at once or without end ({} problems "
        "over {} failures)",
        bad.size(), failures);
    return CheckVerdict::Failed(std::move(message), std::move(bad));
  }
  return CheckVerdict::Passed(fmt::format(
      "{} failed requests; every retry waited at least {} ms, at most {} retries per request",
      failures, kMinPauseMs, kMaxRetries));
}

}  // namespace

const CheckDefinition kEnsureBoundedRetriesWithBackoff{
    "EnsureBoundedRetriesWithBackoff",
    "After a 5xx answer or a broken connection the client pauses at least 100 ms before a "
    "retry, and retries a request at most 5 times",
    "RFC 9110 section 9.2.2 (idempotent requests may be retried); AWS Architecture Blog: "
    "Exponential Backoff and Jitter",
    Evaluate};

}  // namespace sfh::harness
