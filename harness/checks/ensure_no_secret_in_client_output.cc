#include <fmt/format.h>

#include <algorithm>

#include "harness/checks/all_checks.h"
#include "harness/checks/exchange_view.h"

namespace sfh::harness {
namespace {

// The first line (1-based) of `text` that holds `value`, or 0.
size_t LineHolding(std::string_view text, std::string_view value) {
  const size_t at = text.find(value);
  if (value.empty() || at == std::string_view::npos) return 0;
  return 1 + std::count(text.begin(), text.begin() + at, '\n');
}

CheckVerdict Evaluate(const CheckInput& input) {
  if (!input.client.started) return CheckVerdict::Skipped("the client did not start");
  // What must never be printed: the secret, and every token the org granted.
  std::vector<std::pair<std::string, std::string>> secrets;  // value, what it is
  if (!input.client_secret.empty()) secrets.emplace_back(input.client_secret, "the client secret");
  for (const auto& e : input.exchanges) {
    if (auto grant = GrantOf(e)) secrets.emplace_back(grant->access_token, "an access token");
  }
  CheckVerdict verdict;
  for (const auto& [stream, text] :
       {std::pair<std::string_view, const std::string&>{"stdout", input.client.stdout_text},
        {"stderr", input.client.stderr_text}}) {
    for (const auto& [value, what] : secrets) {
      if (const size_t line = LineHolding(text, value); line != 0) {
        verdict.evidence.push_back(
            {0, fmt::format("{} line {} holds {} in full", stream, line, what)});
      }
    }
  }
  if (verdict.evidence.empty()) {
    verdict.message = "neither stdout nor stderr holds the client secret or a token";
    return verdict;
  }
  verdict.status = CheckStatus::kFailed;
  verdict.message = fmt::format(
      "the client printed a secret in full {} time(s); logs keep what a client prints, so mask "
      "secrets and tokens before logging",
      verdict.evidence.size());
  return verdict;
}

}  // namespace

const CheckDefinition kEnsureNoSecretInClientOutput{
    "EnsureNoSecretInClientOutput",
    "The client never prints the client secret or an access token in full",
    "OWASP Logging Cheat Sheet (data to exclude: access tokens, passwords); Salesforce help: "
    "Protect Your Consumer Secret",
    Evaluate};

}  // namespace sfh::harness
