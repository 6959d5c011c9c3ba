#include <fmt/format.h>

#include "harness/checks/all_checks.h"
#include "harness/checks/exchange_view.h"

namespace sfh::harness {
namespace {

// The daily limit is a rolling 24 hours and the concurrent one frees up in seconds at best:
// asking again at once only spends more of the limit (and, for the daily one, never works).
constexpr int64_t kMinPauseMs = 1000;
constexpr size_t kMaxLimitAnswers = 3;

CheckVerdict Evaluate(const CheckInput& input) {
  const auto& xs = input.exchanges;
  std::vector<Evidence> bad;
  size_t limits = 0;
  for (size_t i = 0; i < xs.size(); ++i) {
    if (!IsRestCall(xs[i]) || !IsLimitExceeded(xs[i])) continue;
    if (++limits == kMaxLimitAnswers + 1) {
      bad.push_back(EvidenceFor(
          xs[i], fmt::format("the client kept calling after {} REQUEST_LIMIT_EXCEEDED answers",
                             kMaxLimitAnswers)));
    }
    for (size_t j = i + 1; j < xs.size(); ++j) {
      if (!IsRestCall(xs[j]) || xs[j].received_at < xs[i].received_at) continue;
      const int64_t gap = GapMs(xs[i], xs[j]);
      if (gap < kMinPauseMs) {
        bad.push_back(
            EvidenceFor(xs[j], fmt::format("called again {} ms after REQUEST_LIMIT_EXCEEDED (#{})",
                                           std::max<int64_t>(gap, 0), xs[i].seq)));
      }
      break;
    }
  }
  if (limits == 0) {
    return CheckVerdict::Skipped("the org never answered REQUEST_LIMIT_EXCEEDED in this scenario");
  }
  if (!bad.empty()) {
    std::string message = fmt::format(
        "the client did not hold back after REQUEST_LIMIT_EXCEEDED ({} problems over {} such "
        "answers); each retry spends the limit it ran out of",
        bad.size(), limits);
    return CheckVerdict::Failed(std::move(message), std::move(bad));
  }
  return CheckVerdict::Passed(fmt::format(
      "{} REQUEST_LIMIT_EXCEEDED answers, none retried within {} ms", limits, kMinPauseMs));
}

}  // namespace

const CheckDefinition kEnsureNoHotRetryAfterLimitExceeded{
    "EnsureNoHotRetryAfterLimitExceeded",
    "After REQUEST_LIMIT_EXCEEDED the client waits at least 1 s before calling again, and stops "
    "after 3 such answers",
    "Salesforce Developer Limits and Allocations Quick Reference (API request limits); REST API "
    "Developer Guide: Status Codes and Error Responses (403 REQUEST_LIMIT_EXCEEDED)",
    Evaluate};

}  // namespace sfh::harness
