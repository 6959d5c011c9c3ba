#include <fmt/format.h>

#include "harness/checks/all_checks.h"
#include "harness/checks/exchange_view.h"
#include "salesforce/encoding.h"
#include "salesforce/token_format.h"

namespace sfh::harness {
namespace {

// `signature` is an HMAC-SHA256 of id + issued_at with the consumer secret: a client that
// checks it knows the answer came from the org that holds its secret. One that does not will
// use a token whose signature is wrong.
CheckVerdict Evaluate(const CheckInput& input) {
  std::vector<std::pair<const mock::Exchange*, std::string>> spoiled;  // grant, token
  for (const auto& e : input.exchanges) {
    const auto g = GrantOf(e);
    if (!g || !g->signature) continue;
    const std::string expected =
        salesforce::TokenSignature(input.client_secret, g->id, g->issued_at);
    if (!salesforce::ConstantTimeEquals(expected, *g->signature)) {
      spoiled.emplace_back(&e, g->access_token);
    }
  }
  if (spoiled.empty()) {
    return CheckVerdict::Skipped("every token response in this scenario had a good signature");
  }
  std::vector<Evidence> bad;
  for (const auto& e : input.exchanges) {
    const auto token = PresentedTokenOf(e);
    if (!token) continue;
    for (const auto& [grant, spoiled_token] : spoiled) {
      if (*token == spoiled_token) {
        bad.push_back(EvidenceFor(
            e,
            fmt::format("used the token from #{}, whose signature does not verify", grant->seq)));
        break;
      }
    }
  }
  if (!bad.empty()) {
    std::string message = fmt::format(
        "the client used a token whose signature does not match HMAC-SHA256(secret, "
        "id + issued_at) in {} calls",
        bad.size());
    return CheckVerdict::Failed(std::move(message), std::move(bad));
  }
  return CheckVerdict::Passed(fmt::format(
      "{} token responses with a bad signature, none of their tokens used", spoiled.size()));
}

}  // namespace

const CheckDefinition kEnsureSignatureVerified{
    "EnsureSignatureVerified",
    "The client verifies the token response's signature and does not use a token whose "
    "signature is wrong",
    "Salesforce help: OAuth 2.0 Client Credentials Flow, token response (signature: "
    "Base64-encoded HMAC-SHA256 of id and issued_at with the consumer secret); "
    "salesforce-wire.md section 1.3",
    Evaluate, Severity::kWarning};

}  // namespace sfh::harness
