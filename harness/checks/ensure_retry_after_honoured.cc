#include <fmt/format.h>

#include "harness/checks/all_checks.h"
#include "harness/checks/exchange_view.h"

namespace sfh::harness {
namespace {

// Clock readings on either side of the wire: a retry this much early still counts as on time.
constexpr int64_t kToleranceMs = 50;

// 503 with Retry-After: the host asks for a pause; the next request to it must wait that long.
CheckVerdict Evaluate(const CheckInput& input) {
  const auto& xs = input.exchanges;
  std::vector<Evidence> bad;
  size_t asked = 0;
  for (size_t i = 0; i < xs.size(); ++i) {
    if (xs[i].response.status != 503) continue;
    const auto seconds = RetryAfterSecondsOf(xs[i]);
    if (!seconds) continue;
    ++asked;
    for (size_t j = i + 1; j < xs.size(); ++j) {
      if (xs[j].request.host != xs[i].request.host || xs[j].received_at < xs[i].received_at) {
        continue;
      }
      const int64_t gap = GapMs(xs[i], xs[j]);
      if (gap + kToleranceMs < *seconds * 1000) {
        bad.push_back(
            EvidenceFor(xs[j], fmt::format("came {} ms after 503 (#{}) asked for Retry-After: {}",
                                           std::max<int64_t>(gap, 0), xs[i].seq, *seconds)));
      }
      break;
    }
  }
  if (asked == 0) return CheckVerdict::Skipped("no 503 with Retry-After in this scenario");
  if (!bad.empty()) {
    std::string message =
        fmt::format("{} of {} answers with Retry-After were not waited out", bad.size(), asked);
    return CheckVerdict::Failed(std::move(message), std::move(bad));
  }
  return CheckVerdict::Passed(
      fmt::format("{} answers with Retry-After, each waited out before the next request", asked));
}

}  // namespace

const CheckDefinition kEnsureRetryAfterHonoured{
    "EnsureRetryAfterHonoured",
    "After 503 with Retry-After the client waits that long before asking the host again",
    "RFC 9110 section 10.2.3 (Retry-After); salesforce-wire.md section 3 (503 for rate limits)",
    Evaluate};

}  // namespace sfh::harness
