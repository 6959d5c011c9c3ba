// What Salesforce's runtime sends, and where each fact comes from (salesforce-wire.md):
// - The token request is POST to the External Credential's AuthProviderUrl used exactly as given,
//   nothing appended (INFERRED, §8 e), form-encoded with grant_type=client_credentials (CONFIRMED,
//   §1.1).
// - ClientCredentialsClientSecret puts client_id and client_secret in the body;
//   ClientCredentialsClientSecretBasic sends them as HTTP Basic and only grant_type in the body
//   (CONFIRMED, §7.2: Apex Reference ConnectApi.CredentialAuthenticationProtocolVariant; both
//   forms accepted by Salesforce, CONFIRMED §1.1). Basic encodes each part form-encoded before
//   Base64 (RFC 6749 2.3.1; salesforce::MakeBasicAuthorization).
// - A Scope AuthParameter with a value is sent as `scope` (INFERRED, §1.1 and §7.2: teams hit
//   "scope parameter not supported" from Named/External Credentials that had a Scope set).
// - The callout goes to the Named Credential's Url with the path appended (INFERRED, §7.2: the Url
//   is the API base), with Authorization: Bearer <token> when generateAuthorizationHeader is true
//   (CONFIRMED as an option, Connect REST API "Named Credential Input" calloutOptions; its default
//   of true INFERRED, lint/credentials.cc).
// - The token is reused for every callout of the run while it works (INFERRED: a client-
//   credentials token carries no expires_in to go by, §0 fact 2, so it is kept until refused).
// - On a 401 answer the runtime fetches a new token once and retries the callout once:
//   INFERRED/UNVERIFIED (no Salesforce source describes the runtime's retry; it is what a token
//   cache must do once the session expired and REST answers 401 INVALID_SESSION_ID, §0 fact 7,
//   §9.6). The documented default; --no-retry-on-401 switches it off.
// - With generateAuthorizationHeader false no token is fetched and no Authorization is sent:
//   UNVERIFIED (Apex code would then add the token itself through a $Credential merge field,
//   which this emulation does not do).
#include "harness/nc/named_credential_runtime.h"

#include <nlohmann/json.hpp>

namespace sfh::harness::nc {
namespace {

bool IsSuccess(const net::Outcome& outcome) {
  return outcome.result.has_value() && outcome.result->status >= 200 &&
         outcome.result->status < 300;
}

}  // namespace

NamedCredentialRuntime::NamedCredentialRuntime(RuntimeConfig config,
                                               PrincipalCredentials credentials, SendFunction send,
                                               salesforce::Redactor& redactor)
    : config_(std::move(config)),
      credentials_(std::move(credentials)),
      send_(std::move(send)),
      redactor_(&redactor) {
  redactor_->Add(credentials_.client_secret, salesforce::Redactor::Kind::kSecret);
}

int NamedCredentialRuntime::token_requests() const {
  int count = 0;
  for (const RecordedExchange& exchange : exchanges_) {
    count += exchange.kind == RecordedExchange::Kind::kToken ? 1 : 0;
  }
  return count;
}

std::vector<salesforce::FormField> NamedCredentialRuntime::TokenForm() const {
  std::vector<salesforce::FormField> form = {{"grant_type", "client_credentials"}};
  if (config_.client_authentication == ClientAuthentication::kBody) {
    form.emplace_back("client_id", credentials_.client_id);
    form.emplace_back("client_secret", credentials_.client_secret);
  }
  if (config_.scope && !config_.scope->empty()) form.emplace_back("scope", *config_.scope);
  return form;
}

std::string NamedCredentialRuntime::CalloutUrl(std::string_view path) const {
  return ApplyOriginMappings(config_.base_url + std::string(path), config_.mappings);
}

std::optional<std::string> NamedCredentialRuntime::Token(int call, bool retry,
                                                         CalloutResult& result) {
  const std::string key = config_.external_credential + "/" + config_.principal;
  if (auto cached = tokens_.find(key); cached != tokens_.end()) return cached->second;

  RecordedExchange exchange;
  exchange.kind = RecordedExchange::Kind::kToken;
  exchange.call = call;
  exchange.retry = retry;
  exchange.request.method = "POST";
  exchange.request.url = config_.token_url;
  exchange.request.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  if (config_.client_authentication == ClientAuthentication::kBasic) {
    exchange.request.headers.emplace_back(
        "Authorization",
        salesforce::MakeBasicAuthorization(credentials_.client_id, credentials_.client_secret));
  }
  exchange.request.body = salesforce::EncodeForm(TokenForm());
  exchange.outcome = send_(exchange.request);
  exchanges_.push_back(std::move(exchange));
  const RecordedExchange& sent = exchanges_.back();
  result.exchange = exchanges_.size() - 1;
  result.status = CalloutStatus::kTokenFailed;

  if (!IsSuccess(sent.outcome)) return std::nullopt;
  const auto json = nlohmann::json::parse(sent.outcome.result->body, nullptr, false);
  if (json.is_discarded() || !json.is_object() || !json.contains("access_token") ||
      !json["access_token"].is_string() || json["access_token"].get<std::string>().empty()) {
    result.detail =
        "the token response has no access_token (a JSON object with a non-empty "
        "access_token string was expected, salesforce-wire.md §1.3)";
    return std::nullopt;
  }
  std::string token = json["access_token"].get<std::string>();
  redactor_->Add(token, salesforce::Redactor::Kind::kToken);
  tokens_[key] = token;
  result.status = CalloutStatus::kSucceeded;
  return token;
}

CalloutResult NamedCredentialRuntime::Callout(std::string_view method, std::string_view path) {
  const int call = ++calls_;
  CalloutResult result;
  for (bool retry : {false, true}) {
    std::optional<std::string> token;
    if (config_.generate_authorization_header) {
      token = Token(call, retry, result);
      if (!token) return result;
    }
    RecordedExchange exchange;
    exchange.kind = RecordedExchange::Kind::kCallout;
    exchange.call = call;
    exchange.retry = retry;
    exchange.request.method = std::string(method);
    exchange.request.url = CalloutUrl(path);
    if (token) exchange.request.headers.emplace_back("Authorization", "Bearer " + *token);
    exchange.outcome = send_(exchange.request);
    exchanges_.push_back(std::move(exchange));
    const RecordedExchange& sent = exchanges_.back();
    result.exchange = exchanges_.size() - 1;
    result.detail.clear();
    if (IsSuccess(sent.outcome)) {
      result.status = CalloutStatus::kSucceeded;
      return result;
    }
    result.status = CalloutStatus::kCalloutFailed;
    const bool unauthorized = sent.outcome.result.has_value() && sent.outcome.result->status == 401;
    if (retry || !unauthorized || !token || !config_.retry_on_401) return result;
    // The token no longer works: forget it, so the retry asks for a new one.
    tokens_.erase(config_.external_credential + "/" + config_.principal);
  }
  return result;
}

}  // namespace sfh::harness::nc
