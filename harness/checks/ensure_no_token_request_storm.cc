#include <fmt/format.h>

#include <algorithm>

#include "harness/checks/all_checks.h"
#include "harness/checks/exchange_view.h"

namespace sfh::harness {
namespace {

struct Grant {
  const mock::Exchange* exchange;
  std::string token;
};

// Calls that start at once need one token between them. The sign of a storm: a token is
// requested while the one granted before it has not been tried yet. A token the client cannot
// use (spoiled by a fault) or revoked itself does not count as unused.
CheckVerdict Evaluate(const CheckInput& input) {
  std::vector<Grant> grants;
  for (const auto& e : input.exchanges) {
    if (auto g = GrantOf(e)) grants.push_back({&e, g->access_token});
  }
  std::ranges::stable_sort(grants, {}, [](const Grant& g) { return g.exchange->received_at; });
  if (grants.empty()) return CheckVerdict::Skipped("no token was granted");

  // When a token was first presented (a call with it, or its revocation).
  auto first_use = [&input](const std::string& token) {
    std::optional<std::chrono::system_clock::time_point> first;
    for (const auto& e : input.exchanges) {
      const bool uses =
          PresentedTokenOf(e) == token ||
          (e.request.path == "/services/oauth2/revoke" && ParamsOf(e).Get("token") == token);
      if (uses && (!first || e.received_at < *first)) first = e.received_at;
    }
    return first;
  };
  std::vector<Evidence> bad;
  for (size_t i = 1; i < grants.size(); ++i) {
    const Grant& previous = grants[i - 1];
    if (!previous.exchange->response.fault.empty()) continue;
    const auto used = first_use(previous.token);
    if (!used || *used > grants[i].exchange->received_at) {
      bad.push_back(
          EvidenceFor(*grants[i].exchange,
                      fmt::format("a new token while the one granted at #{} had not been used yet",
                                  previous.exchange->seq)));
    }
  }
  if (!bad.empty()) {
    std::string message = fmt::format(
        "{} of {} tokens were requested while another was still unused: calls that "
        "start together should wait for one token request",
        bad.size(), grants.size());
    return CheckVerdict::Failed(std::move(message), std::move(bad));
  }
  return CheckVerdict::Passed(
      fmt::format("{} tokens granted, each after the one before it was used", grants.size()));
}

}  // namespace

const CheckDefinition kEnsureNoTokenRequestStorm{
    "EnsureNoTokenRequestStorm",
    "Calls that start at once share one token request: no token is requested while the last "
    "one granted is still unused",
    "Salesforce KB 000233559 (3,600 logins per user per hour); salesforce-wire.md section 1.6",
    Evaluate};

}  // namespace sfh::harness
