#include <fmt/format.h>

#include <set>

#include "harness/checks/all_checks.h"
#include "harness/checks/exchange_view.h"
#include "mock_server/endpoints/responses.h"

namespace sfh::harness {
namespace {

bool AnyRequest(const mock::Exchange&) { return true; }

// Authorization is where credentials and tokens belong; any other header (Referer above all,
// which browsers and proxies pass on and log) must not carry them, plain or percent-encoded.
CheckVerdict Evaluate(const CheckInput& input) {
  std::vector<std::pair<std::string, std::string>> secrets;  // what, value
  if (!input.client_secret.empty()) secrets.emplace_back("the client secret", input.client_secret);
  std::set<std::string> seen;
  for (const auto& e : input.exchanges) {
    if (auto grant = GrantOf(e); grant && seen.insert(grant->access_token).second) {
      secrets.emplace_back("an access token", grant->access_token);
    }
  }
  if (secrets.empty()) return CheckVerdict::Skipped("no secret or token to look for");
  auto problem = [&secrets](const mock::Exchange& e) -> std::optional<std::string> {
    for (const auto& [name, value] : e.request.headers.fields()) {
      if (mock::EqualsIgnoreCase(name, "Authorization")) continue;
      for (const auto& [what, secret] : secrets) {
        if (ContainsSecret(value, secret))
          return fmt::format("the {} header carries {}", name, what);
      }
    }
    return std::nullopt;
  };
  return JudgeEach(input.exchanges, AnyRequest, problem,
                   {"requests", "the client sent no request",
                    "carried a secret or token in a header other than Authorization, where "
                    "proxies, servers and browsers log and pass it on",
                    "secrets and tokens only in Authorization"});
}

}  // namespace

const CheckDefinition kEnsureNoSecretInHeaders{
    "EnsureNoSecretInHeaders",
    "No header but Authorization (Referer, Cookie, custom headers) carries the secret or a token",
    "RFC 6750 section 5.3 (don't pass bearer tokens in page URLs; Referer leaks them); RFC 6749 "
    "section 10.3",
    Evaluate};

}  // namespace sfh::harness
