// Which metadata causes which answer (salesforce-wire.md, provenance as labelled there):
// - token.scope_parameter_not_supported: the External Credential's Scope AuthParameter, which
//   the runtime sends as `scope` (INFERRED, §1.1, §7.2 "Leave it empty when calling Salesforce's
//   own token endpoint", §8 g).
// - token.request_not_supported_on_this_domain: an AuthProviderUrl on login/test.salesforce.com
//   instead of the My Domain (INFERRED, §1.2, §8 b).
// - An AuthProviderUrl whose path is not /services/oauth2/token: the URL is used exactly as given,
//   nothing is appended (INFERRED, §8 e).
// - invalid_client_id / invalid_client: the principal's client id and secret, which are not
//   metadata (INFERRED, §7.2, §2.1).
// - Callout NOT_FOUND: the Named Credential's Url is the API base the path is appended to
//   (INFERRED, §7.2); INVALID_SESSION_ID after a fresh token: the token's org is not the Url's.
#include "harness/nc/nc_verdict.h"

#include <fmt/format.h>

namespace sfh::harness::nc {
namespace {

constexpr std::string_view kTokenPath = "/services/oauth2/token";

std::string Plural(int n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

std::string TokenPathOf(const std::string& url) {
  auto parsed = net::ParseUrl(url);
  if (!parsed) return "";
  return parsed->target.substr(0, parsed->target.find('?'));
}

void AddTokenRemedies(const ResolvedNamedCredential& r, Cause& cause) {
  const std::string id = cause.entry != nullptr ? std::string(cause.entry->id) : "";
  if (id == "token.scope_parameter_not_supported" && r.scope) {
    cause.remedies.push_back(
        {r.scope_at, fmt::format("remove the AuthParameter Scope (value \"{}\") from External "
                                 "Credential {}: the runtime sends it as `scope`, and scopes for "
                                 "client credentials come from the app's configuration",
                                 *r.scope, r.external_credential)});
  }
  if (id == "token.request_not_supported_on_this_domain") {
    cause.remedies.push_back(
        {r.token_url_at,
         fmt::format("change AuthProviderUrl of External Credential {} ({}) to the org's My "
                     "Domain token URL, https://<mydomain>.my.salesforce.com{}: client "
                     "credentials are refused on login.salesforce.com and test.salesforce.com",
                     r.external_credential, r.token_url, kTokenPath)});
  }
  if (id == "token.invalid_client_id" || id == "token.invalid_client") {
    cause.remedies.push_back(
        {{},
         fmt::format("not metadata: the client id and secret of principal {} (Setup > Named "
                     "Credentials > External Credentials > {} > Principals > {}); here they came "
                     "from --client-id or SF_CLIENT_ID and --client-secret-file or "
                     "SF_CLIENT_SECRET",
                     r.principal, r.external_credential, r.principal)});
  }
  if (const std::string path = TokenPathOf(r.token_url); path != kTokenPath) {
    cause.remedies.push_back(
        {r.token_url_at,
         fmt::format("AuthProviderUrl of External Credential {} has the path \"{}\": it is used "
                     "exactly as given, nothing is appended; Salesforce's token endpoint is "
                     "https://<mydomain>.my.salesforce.com{}",
                     r.external_credential, path, kTokenPath)});
  }
  if (cause.kind == Cause::Kind::kTransport) {
    cause.remedies.push_back(
        {r.token_url_at, fmt::format("check AuthProviderUrl {} of External Credential {} (with "
                                     "sfmock: --map its origin to the mock's URL)",
                                     r.token_url, r.external_credential)});
  }
}

void AddCalloutRemedies(const ResolvedNamedCredential& r, Cause& cause) {
  const std::string id = cause.entry != nullptr ? std::string(cause.entry->id) : "";
  if (cause.status == 401 && !r.generate_authorization_header) {
    cause.remedies.push_back(
        {r.named_credential_at,
         fmt::format("Named Credential {} has generateAuthorizationHeader false, so no token "
                     "was sent: set it true (or add the token in Apex through a $Credential "
                     "merge field, which is not emulated)",
                     r.named_credential)});
  } else if (id.starts_with("rest.INVALID_SESSION_ID")) {
    cause.remedies.push_back(
        {r.url_at, fmt::format("the token from AuthProviderUrl ({}) is not accepted by the Named "
                               "Credential's host {}: both must be the same org",
                               r.token_url_at.Display(), r.url)});
  }
  if (id == "rest.NOT_FOUND" || cause.status == 404) {
    cause.remedies.push_back(
        {r.url_at, fmt::format("check the Url of Named Credential {} ({}, the API base the "
                               "callout's path is appended to) and --path",
                               r.named_credential, r.url)});
  }
  if (cause.kind == Cause::Kind::kTransport) {
    cause.remedies.push_back(
        {r.url_at, fmt::format("check the Url {} of Named Credential {} (with sfmock: --map its "
                               "origin to the mock's URL)",
                               r.url, r.named_credential)});
  }
}

Cause CauseOf(const ResolvedNamedCredential& resolved, const NamedCredentialRuntime& runtime,
              const CalloutResult& result) {
  Cause cause;
  cause.exchange = result.exchange;
  const RecordedExchange& exchange = runtime.exchanges().at(result.exchange);
  cause.token_request = exchange.kind == RecordedExchange::Kind::kToken;
  if (!exchange.outcome.result) {
    cause.kind = Cause::Kind::kTransport;
    cause.failure = exchange.outcome.result.error();
  } else {
    const net::Response& response = *exchange.outcome.result;
    cause.status = response.status;
    if (!result.detail.empty()) {
      cause.kind = Cause::Kind::kNoToken;
      cause.detail = result.detail;
    } else {
      cause.entry = salesforce::RecognizeErrorResponse(
          response.status, response.body, net::HeaderValue(response.headers, "Location"));
      cause.kind = cause.entry != nullptr ? Cause::Kind::kCatalogue : Cause::Kind::kUnknownAnswer;
    }
  }
  if (cause.token_request) {
    AddTokenRemedies(resolved, cause);
  } else {
    AddCalloutRemedies(resolved, cause);
  }
  return cause;
}

std::string Why(const Cause& cause) {
  if (cause.kind == Cause::Kind::kTransport) {
    return fmt::format("did not get through ({}: {})", net::ToString(cause.failure.kind),
                       cause.failure.detail);
  }
  if (cause.kind == Cause::Kind::kNoToken) {
    return fmt::format("was answered {} without an access_token", cause.status);
  }
  if (cause.entry != nullptr) {
    return fmt::format("was answered {} {}: {}", cause.status, cause.entry->code,
                       cause.entry->description);
  }
  return fmt::format("was answered {} (not in the catalogue)", cause.status);
}

}  // namespace

Verdict Judge(const ResolvedNamedCredential& resolved, const NamedCredentialRuntime& runtime,
              const std::vector<CalloutResult>& results, int calls_requested) {
  Verdict verdict;
  verdict.calls_requested = calls_requested;
  verdict.token_requests = runtime.token_requests();
  for (const RecordedExchange& exchange : runtime.exchanges()) {
    if (exchange.kind == RecordedExchange::Kind::kCallout && !exchange.retry) ++verdict.calls_made;
  }
  const CalloutResult* first_failure = nullptr;
  for (const CalloutResult& result : results) {
    if (result.status == CalloutStatus::kSucceeded) {
      ++verdict.calls_succeeded;
    } else if (first_failure == nullptr) {
      first_failure = &result;
    }
  }
  verdict.passed = first_failure == nullptr && verdict.calls_succeeded == calls_requested;
  const std::string tally = fmt::format("{} of {} succeeded, {}", verdict.calls_succeeded,
                                        Plural(calls_requested, "callout"),
                                        Plural(verdict.token_requests, "token request"));
  if (verdict.passed) {
    verdict.summary = "PASSED: " + tally;
    return verdict;
  }
  if (first_failure == nullptr) {
    verdict.summary = "FAILED: " + tally;
    return verdict;
  }
  verdict.cause = CauseOf(resolved, runtime, *first_failure);
  const RecordedExchange& exchange = runtime.exchanges().at(first_failure->exchange);
  const std::string what = verdict.cause->token_request
                               ? fmt::format("the token request for callout {}", exchange.call)
                               : fmt::format("callout {}{}", exchange.call,
                                             exchange.retry ? " (retried after 401)" : "");
  verdict.summary = fmt::format("FAILED: {} {}; {}", what, Why(*verdict.cause), tally);
  if (verdict.cause->token_request) {
    const int not_made = calls_requested - verdict.calls_made;
    if (not_made > 0) {
      verdict.summary += fmt::format("; {} not made (each would ask for a token again)",
                                     Plural(not_made, "callout"));
    }
  }
  return verdict;
}

}  // namespace sfh::harness::nc
