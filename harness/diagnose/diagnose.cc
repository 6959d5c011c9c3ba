#include "harness/diagnose/diagnose.h"

#include <arpa/inet.h>
#include <fmt/format.h>
#include <netdb.h>

#include <algorithm>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "salesforce/api_versions.h"
#include "salesforce/catalogue.h"
#include "salesforce/encoding.h"
#include "salesforce/form.h"
#include "salesforce/hosts.h"
#include "salesforce/redactor.h"
#include "salesforce/token_format.h"

namespace sfh::harness::diagnose {
namespace {

namespace sf = ::sfh::salesforce;
using json = nlohmann::json;

constexpr size_t kMaxShownBody = 2048;

std::optional<json> ParseJson(std::string_view body) {
  json doc = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return std::nullopt;
  return doc;
}

std::string StringField(const json& doc, const char* key) {
  if (!doc.is_object()) return "";
  auto it = doc.find(key);
  return it != doc.end() && it->is_string() ? it->get<std::string>() : "";
}

bool IsIpLiteral(const std::string& host) {
  unsigned char buf[sizeof(in6_addr)];
  return inet_pton(AF_INET, host.c_str(), buf) == 1 || inet_pton(AF_INET6, host.c_str(), buf) == 1;
}

// getaddrinfo has no timeout of its own: it runs on a thread of its own, and a resolver that
// does not answer in time is given up on (the thread finishes on its own later).
std::expected<std::vector<std::string>, std::string> ResolveWithin(
    const std::string& host, std::chrono::milliseconds timeout) {
  struct State {
    std::mutex mu;
    std::condition_variable cv;
    bool done = false;
    int rc = 0;
    std::vector<std::string> addresses;
  };
  auto state = std::make_shared<State>();
  std::thread([state, host] {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* result = nullptr;
    const int rc = getaddrinfo(host.c_str(), nullptr, &hints, &result);
    std::vector<std::string> addresses;
    for (addrinfo* ai = result; ai != nullptr; ai = ai->ai_next) {
      char text[INET6_ADDRSTRLEN] = {};
      const void* addr =
          ai->ai_family == AF_INET
              ? static_cast<const void*>(&reinterpret_cast<sockaddr_in*>(ai->ai_addr)->sin_addr)
              : static_cast<const void*>(&reinterpret_cast<sockaddr_in6*>(ai->ai_addr)->sin6_addr);
      if (inet_ntop(ai->ai_family, addr, text, sizeof text) != nullptr &&
          std::ranges::find(addresses, text) == addresses.end()) {
        addresses.emplace_back(text);
      }
    }
    if (result != nullptr) freeaddrinfo(result);
    std::lock_guard lock(state->mu);
    state->done = true;
    state->rc = rc;
    state->addresses = std::move(addresses);
    state->cv.notify_all();
  }).detach();
  std::unique_lock lock(state->mu);
  if (!state->cv.wait_for(lock, timeout, [&] { return state->done; })) {
    return std::unexpected(
        fmt::format("no answer from the resolver within {} ms", timeout.count()));
  }
  if (state->rc != 0) return std::unexpected(std::string(gai_strerror(state->rc)));
  return state->addresses;
}

class Prober {
 public:
  Prober(const DiagnoseOptions& options, Sender send) : options_(options), send_(std::move(send)) {
    redactor_.Add(options_.client_secret, sf::Redactor::Kind::kSecret);
  }

  Report Run() {
    report_.domain = options_.domain;
    Target();
    Dns();
    Connection();
    Org();
    Discovery();
    Token();
    Identity();
    RestRead();
    Limits();
    Introspect();
    Revoke();
    return std::move(report_);
  }

 private:
  // ----- the probes, in order -----

  void Target() {
    ProbeResult& probe = Begin("target", "The domain is the org's My Domain");
    std::string text = options_.domain;
    if (text.find("://") == std::string::npos) text = "https://" + text;
    auto url = net::ParseUrl(text);
    if (!url) return Fail(probe, url.error(), DiagnoseCause("input.bad_domain"));
    url_ = *url;
    report_.base_url = url_->Origin();
    if (url_->target != "/") {
      probe.details.push_back(
          fmt::format("the path {} is ignored: probes use the host's own paths", url_->target));
    }
    const sf::HostInfo host = sf::ClassifyHost(url_->host);
    const std::string note(host.note);
    using H = sf::HostClass;
    switch (host.host_class) {
      case H::kMyDomain:
      case H::kSandboxMyDomain:
      case H::kDeveloperMyDomain:
      case H::kScratchMyDomain:
        return Pass(probe, fmt::format("{} is a My Domain host: {}", url_->host, note));
      case H::kLoopback:
        return Pass(probe, fmt::format("{} is this machine: a mock or a local proxy, probed as "
                                       "the My Domain",
                                       url_->host));
      case H::kLogin:
      case H::kTest:
      case H::kSetupDomain:
        return Fail(
            probe, note,
            CatalogueCause(sf::CatalogueEntryById("token.request_not_supported_on_this_domain")));
      case H::kLegacyInstance:
        return Fail(probe, note, DiagnoseCause("host.legacy_instance"));
      case H::kLegacySandboxMyDomain:
        return Fail(probe, note, DiagnoseCause("host.legacy_sandbox"));
      case H::kLightning:
        return Fail(probe, note, DiagnoseCause("host.lightning"));
      case H::kSite:
        return Fail(probe, note, DiagnoseCause("host.site"));
      case H::kApiPlatform:
        return Fail(probe, note, DiagnoseCause("host.api_platform"));
      case H::kUnknown:
        return Warn(probe, fmt::format("{} is not a Salesforce host name", url_->host),
                    DiagnoseCause("host.not_salesforce"));
    }
  }

  void Dns() {
    ProbeResult& probe = Begin("dns", "The host name resolves");
    if (!url_) return Skip(probe, "no host to resolve");
    if (IsIpLiteral(url_->host)) return Skip(probe, fmt::format("{} is an address", url_->host));
    auto proxy = ProxyInUse();
    if (proxy) return Skip(probe, fmt::format("the proxy {} resolves it", *proxy));
    auto addresses = ResolveWithin(url_->host, options_.net.connect_timeout);
    if (!addresses) {
      return Fail(probe, fmt::format("{} does not resolve: {}", url_->host, addresses.error()),
                  DiagnoseCause("network.dns"));
    }
    std::vector<std::string> shown(addresses->begin(),
                                   addresses->begin() + std::min<size_t>(addresses->size(), 4));
    Pass(probe, fmt::format("{} resolves to {}", url_->host, fmt::join(shown, ", ")));
  }

  // One GET /services/data/ tells both whether TLS holds and whether the host is an org.
  void Connection() {
    ProbeResult& connection = Begin("connection", "A connection is made, over verified TLS");
    if (!url_) return Skip(connection, "no host to connect to");
    if (Failed("dns")) return Skip(connection, "the name does not resolve");
    const net::Outcome outcome = SendOne(connection, {.url = Base() + "/services/data/"});
    if (!outcome.result) {
      return Fail(connection, outcome.result.error().detail,
                  TransportCause(outcome.result.error()));
    }
    if (url_->scheme == "https") {
      if (options_.net.insecure) {
        Warn(connection, "TLS was NOT verified (--insecure)", DiagnoseCause("tls.not_verified"));
      } else {
        Pass(connection, options_.net.ca_file.empty()
                             ? "TLS verified against the system's CA certificates"
                             : fmt::format("TLS verified against {}", options_.net.ca_file));
      }
    } else if (sf::ClassifyHost(url_->host).host_class == sf::HostClass::kLoopback) {
      Pass(connection, "plain HTTP to this machine (a mock); real orgs answer over HTTPS only");
    } else {
      Warn(connection, "plain HTTP: the secret would cross the network unencrypted",
           DiagnoseCause("transport.plain_http"));
    }
    if (!outcome.proxy.empty()) {
      connection.details.push_back(fmt::format("through the proxy {}", outcome.proxy));
    }
    versions_answer_ = *outcome.result;
    versions_exchange_ = connection.exchange;
  }

  void Org() {
    ProbeResult& probe = Begin("org", "The host answers as a Salesforce org (/services/data/)");
    if (!versions_answer_) return Skip(probe, "the host was not reached");
    const net::Response& answer = *versions_answer_;
    probe.exchange = versions_exchange_;
    if (answer.status >= 300 && answer.status < 400) {
      const std::string location = net::HeaderValue(answer.headers, "Location");
      probe.details.push_back("Location: " + location);
      return Fail(probe, fmt::format("HTTP {} to {}", answer.status, location),
                  DiagnoseCause("host.redirects"));
    }
    const auto doc = ParseJson(answer.body);
    if (answer.status == 200 && doc && doc->is_array() && !doc->empty() && (*doc)[0].is_object() &&
        (*doc)[0].contains("version")) {
      int newest = 0;
      std::string newest_text;
      for (const json& v : *doc) {
        const std::string version = StringField(v, "version");
        const auto major = sf::ParseVersionSegment("v" + version);
        if (major && *major > newest) {
          newest = *major;
          newest_text = version;
        }
        if (!options_.api_version.empty() && version == options_.api_version) {
          api_version_ = version;
        }
      }
      const std::string listed = fmt::format("the org lists API versions {} to {}",
                                             StringField((*doc)[0], "version"), newest_text);
      if (!options_.api_version.empty() && api_version_.empty()) {
        api_version_ = newest_text;
        return Warn(probe,
                    fmt::format("{}; v{} is not among them, v{} is used", listed,
                                options_.api_version, newest_text),
                    DiagnoseCause("org.api_version_not_served"));
      }
      if (api_version_.empty()) api_version_ = newest_text;
      return Pass(probe, listed);
    }
    SetAnswerBody(probe, answer);
    if (const auto* entry = sf::RecognizeErrorResponse(answer.status, answer.body)) {
      if (entry->code == "INVALID_SESSION_ID") {
        return Fail(probe, "INVALID_SESSION_ID to a request without a session",
                    DiagnoseCause("host.not_current_instance"));
      }
      return Fail(probe, Summary(answer, entry), CatalogueCause(*entry));
    }
    Fail(probe,
         fmt::format("HTTP {} ({}), not a list of API versions", answer.status,
                     ContentTypeOf(answer)),
         DiagnoseCause("host.not_an_org"));
  }

  void Discovery() {
    ProbeResult& probe =
        Begin("discovery",
              "OpenID discovery names the token endpoint (/.well-known/openid-configuration)");
    if (!Reached()) return Skip(probe, "the host was not reached");
    const net::Outcome outcome =
        SendOne(probe, {.url = Base() + "/.well-known/openid-configuration"});
    if (!outcome.result) {
      return Warn(probe, outcome.result.error().detail, TransportCause(outcome.result.error()));
    }
    const auto doc = ParseJson(outcome.result->body);
    const std::string token_endpoint = doc ? StringField(*doc, "token_endpoint") : "";
    if (outcome.result->status != 200 || token_endpoint.empty()) {
      SetAnswerBody(probe, *outcome.result);
      return Warn(probe, fmt::format("HTTP {} without token_endpoint", outcome.result->status),
                  DiagnoseCause("discovery.unavailable"));
    }
    for (const char* key :
         {"issuer", "revocation_endpoint", "introspection_endpoint", "jwks_uri"}) {
      if (const std::string value = StringField(*doc, key); !value.empty()) {
        probe.details.push_back(fmt::format("{}: {}", key, value));
      }
    }
    Pass(probe, "token_endpoint: " + token_endpoint);
    const auto endpoint = net::ParseUrl(token_endpoint);
    if (endpoint && endpoint->Origin() != Base()) {
      probe.details.push_back(fmt::format(
          "token_endpoint is on {}, not on the host probed: clients reading discovery go there",
          endpoint->Origin()));
    }
  }

  void Token() {
    ProbeResult& probe = Begin("token", "The client credentials token request succeeds");
    if (!Reached()) return Skip(probe, "the host was not reached");
    std::vector<sf::FormField> form = {{"grant_type", "client_credentials"}};
    net::Request request{.method = "POST",
                         .url = Base() + "/services/oauth2/token",
                         .headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                                     {"Accept", "application/json"}}};
    AddClientAuthentication(request, form);
    request.body = sf::EncodeForm(form);
    probe.details.push_back(fmt::format("client id {}, credentials in {}",
                                        ShortId(options_.client_id),
                                        options_.basic_auth ? "HTTP Basic" : "the form body"));
    const net::Outcome outcome = SendOne(probe, request);
    if (!outcome.result) {
      return Fail(probe, outcome.result.error().detail, TransportCause(outcome.result.error()));
    }
    const net::Response& answer = *outcome.result;
    const auto doc = ParseJson(answer.body);
    if (answer.status != 200 || !doc || !doc->is_object()) return FailWithAnswer(probe, answer);
    const std::string access_token = StringField(*doc, "access_token");
    if (!access_token.empty()) redactor_.Add(access_token, sf::Redactor::Kind::kToken);
    token_ = access_token;
    instance_url_ = StringField(*doc, "instance_url");
    identity_url_ = StringField(*doc, "id");
    if (access_token.empty() || instance_url_.empty() || identity_url_.empty()) {
      SetAnswerBody(probe, answer);
      return Fail(probe, "HTTP 200 without access_token, instance_url or id",
                  DiagnoseCause("token.not_a_token_response"));
    }
    const std::string issued_at = StringField(*doc, "issued_at");
    const std::string signature = StringField(*doc, "signature");
    const std::string scope = StringField(*doc, "scope");
    probe.details.push_back("instance_url: " + instance_url_);
    probe.details.push_back("id: " + identity_url_);
    if (!scope.empty()) probe.details.push_back("scope: " + scope);
    if (signature.empty()) {
      probe.details.push_back(
          "no signature to verify (JWT-based tokens are verified against /id/keys instead)");
    } else if (!sf::ConstantTimeEquals(signature, sf::TokenSignature(options_.client_secret,
                                                                     identity_url_, issued_at))) {
      return Fail(probe, "the signature does not verify with the consumer secret",
                  DiagnoseCause("token.signature_mismatch"));
    } else {
      probe.details.push_back("signature verified (HMAC-SHA256 of id + issued_at)");
    }
    const sf::HostInfo instance_host = sf::ClassifyHost(instance_url_);
    if (instance_host.host_class == sf::HostClass::kLegacyInstance) {
      return Warn(
          probe,
          fmt::format("a token, but instance_url names a legacy instance host ({})", instance_url_),
          DiagnoseCause("host.legacy_instance"));
    }
    const bool jwt = std::ranges::count(access_token, '.') == 2;
    Pass(probe, fmt::format("{} token{}", jwt ? "a JWT-based" : "an opaque",
                            scope.empty() ? "" : fmt::format(" with scope '{}'", scope)));
  }

  void Identity() {
    ProbeResult& probe = Begin("identity", "The identity URL names the Run As user");
    if (token_.empty()) return Skip(probe, "needs a token");
    const net::Outcome outcome = SendOne(probe, Bearer({.url = identity_url_}));
    if (!outcome.result) {
      return Fail(probe, outcome.result.error().detail, TransportCause(outcome.result.error()));
    }
    const auto doc = ParseJson(outcome.result->body);
    if (outcome.result->status != 200 || !doc || !doc->is_object()) {
      return FailWithAnswer(probe, *outcome.result);
    }
    const std::string username = StringField(*doc, "username");
    for (const char* key : {"user_id", "organization_id", "user_type"}) {
      if (const std::string value = StringField(*doc, key); !value.empty()) {
        probe.details.push_back(fmt::format("{}: {}", key, value));
      }
    }
    if (doc->contains("active") && (*doc)["active"].is_boolean() && !(*doc)["active"].get<bool>()) {
      probe.details.push_back("the identity service says the user is not active");
    }
    Pass(probe,
         fmt::format("the Run As user is {}", username.empty() ? "(no username)" : username));
  }

  void RestRead() {
    ProbeResult& probe = Begin("rest_read", "One REST read succeeds (describe global)");
    if (token_.empty()) return Skip(probe, "needs a token");
    const net::Outcome outcome = SendOne(probe, Bearer({.url = DataUrl("/sobjects/")}));
    if (!outcome.result) {
      return Fail(probe, outcome.result.error().detail, TransportCause(outcome.result.error()));
    }
    const auto doc = ParseJson(outcome.result->body);
    if (outcome.result->status != 200 || !doc || !doc->contains("sobjects")) {
      return FailWithAnswer(probe, *outcome.result);
    }
    if (const std::string usage = net::HeaderValue(outcome.result->headers, "Sforce-Limit-Info");
        !usage.empty()) {
      probe.details.push_back("Sforce-Limit-Info: " + usage);
    }
    const size_t objects = (*doc)["sobjects"].is_array() ? (*doc)["sobjects"].size() : 0;
    Pass(probe, fmt::format("GET {} answered {} objects", Path(DataUrl("/sobjects/")), objects));
  }

  void Limits() {
    ProbeResult& probe = Begin("limits", "The daily API request allowance has room (/limits)");
    if (token_.empty()) return Skip(probe, "needs a token");
    const net::Outcome outcome = SendOne(probe, Bearer({.url = DataUrl("/limits")}));
    if (!outcome.result) {
      return Fail(probe, outcome.result.error().detail, TransportCause(outcome.result.error()));
    }
    const auto doc = ParseJson(outcome.result->body);
    if (outcome.result->status != 200 || !doc || !doc->is_object()) {
      const auto* entry = sf::RecognizeErrorResponse(outcome.result->status, outcome.result->body);
      if (entry != nullptr && entry->code == "INSUFFICIENT_ACCESS") {
        SetAnswerBody(probe, *outcome.result);
        return Warn(probe, "the Run As user may not read /limits", CatalogueCause(*entry));
      }
      return FailWithAnswer(probe, *outcome.result);
    }
    const json daily = doc->value("DailyApiRequests", json::object());
    const auto max = daily.value("Max", -1LL);
    const auto remaining = daily.value("Remaining", -1LL);
    if (max < 0 || remaining < 0) {
      return Pass(probe, "answered, without DailyApiRequests");
    }
    const std::string saw = fmt::format("DailyApiRequests: {} of {} remaining", remaining, max);
    if (remaining <= 0) {
      return Fail(probe, saw,
                  CatalogueCause(sf::CatalogueEntryById("rest.REQUEST_LIMIT_EXCEEDED")));
    }
    if (remaining * 20 < max) return Warn(probe, saw, DiagnoseCause("limits.running_low"));
    Pass(probe, saw);
  }

  void Introspect() {
    ProbeResult& probe = Begin("introspect", "Introspection says the token is active");
    if (token_.empty()) return Skip(probe, "needs a token");
    std::vector<sf::FormField> form = {{"token", token_}, {"token_type_hint", "access_token"}};
    net::Request request{.method = "POST",
                         .url = Base() + "/services/oauth2/introspect",
                         .headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                                     {"Accept", "application/json"}}};
    AddClientAuthentication(request, form);
    request.body = sf::EncodeForm(form);
    const net::Outcome outcome = SendOne(probe, request);
    if (!outcome.result) {
      return Fail(probe, outcome.result.error().detail, TransportCause(outcome.result.error()));
    }
    const auto doc = ParseJson(outcome.result->body);
    if (outcome.result->status != 200 || !doc || !doc->contains("active")) {
      return FailWithAnswer(probe, *outcome.result);
    }
    if (!(*doc)["active"].is_boolean() || !(*doc)["active"].get<bool>()) {
      return Fail(probe, "active: false", DiagnoseCause("introspect.inactive"));
    }
    const std::string username = StringField(*doc, "username");
    Pass(probe, fmt::format("active{}", username.empty() ? "" : ", for " + username));
  }

  void Revoke() {
    ProbeResult& probe = Begin("revoke", "The probes' own token is revoked");
    if (token_.empty()) return Skip(probe, "no token was obtained");
    const net::Outcome outcome =
        SendOne(probe, {.method = "POST",
                        .url = Base() + "/services/oauth2/revoke",
                        .headers = {{"Content-Type", "application/x-www-form-urlencoded"}},
                        .body = sf::EncodeForm({{"token", token_}})});
    if (!outcome.result) {
      return Fail(probe, outcome.result.error().detail, TransportCause(outcome.result.error()));
    }
    if (outcome.result->status != 200) return FailWithAnswer(probe, *outcome.result);
    Pass(probe, "revoked (HTTP 200)");
  }

  // ----- helpers -----

  ProbeResult& Begin(std::string id, std::string title) {
    report_.probes.push_back(ProbeResult{.id = std::move(id), .title = std::move(title)});
    return report_.probes.back();
  }
  void Pass(ProbeResult& probe, std::string saw) { Set(probe, ProbeStatus::kPassed, saw, {}); }
  void Skip(ProbeResult& probe, std::string saw) { Set(probe, ProbeStatus::kSkipped, saw, {}); }
  void Warn(ProbeResult& probe, std::string saw, Cause cause) {
    Set(probe, ProbeStatus::kWarning, saw, std::move(cause));
  }
  void Fail(ProbeResult& probe, std::string saw, Cause cause) {
    Set(probe, ProbeStatus::kFailed, saw, std::move(cause));
  }
  void Set(ProbeResult& probe, ProbeStatus status, const std::string& saw,
           std::optional<Cause> cause) {
    probe.status = status;
    probe.saw = redactor_.Redact(saw);
    for (auto& line : probe.details) line = redactor_.Redact(line);
    if (cause) {
      cause->likely_cause = redactor_.Redact(cause->likely_cause);
      probe.cause = std::move(cause);
    }
  }

  // A failed answer: its catalogue entry, or shown raw as unknown.
  void FailWithAnswer(ProbeResult& probe, const net::Response& answer) {
    SetAnswerBody(probe, answer);
    const std::string location = net::HeaderValue(answer.headers, "Location");
    if (const auto* entry = sf::RecognizeErrorResponse(answer.status, answer.body, location)) {
      return Fail(probe, Summary(answer, entry), CatalogueCause(*entry));
    }
    Fail(probe, fmt::format("HTTP {} ({})", answer.status, ContentTypeOf(answer)),
         UnknownAnswer(answer.status, probe.exchange ? probe.exchange->body : ""));
  }

  static std::string Summary(const net::Response& answer, const sf::CatalogueEntry* entry) {
    return fmt::format("HTTP {} {}: {}", answer.status, entry->code, entry->description);
  }

  static std::string ContentTypeOf(const net::Response& answer) {
    const std::string type = net::HeaderValue(answer.headers, "Content-Type");
    return type.empty() ? "no content type" : type;
  }

  void SetAnswerBody(ProbeResult& probe, const net::Response& answer) {
    if (!probe.exchange) return;
    std::string body = redactor_.Redact(answer.body);
    if (body.size() > kMaxShownBody) body = body.substr(0, kMaxShownBody) + " [cut]";
    probe.exchange->body = std::move(body);
  }

  net::Outcome SendOne(ProbeResult& probe, const net::Request& request) {
    net::Outcome outcome = send_(request);
    if (!outcome.proxy.empty()) report_.proxy = outcome.proxy;
    ProbeExchange exchange{
        .method = request.method, .url = redactor_.Redact(request.url), .elapsed = outcome.elapsed};
    if (outcome.result) {
      exchange.status = outcome.result->status;
    } else {
      exchange.failure = fmt::format("{}: {}", net::ToString(outcome.result.error().kind),
                                     redactor_.Redact(outcome.result.error().detail));
    }
    probe.exchange = std::move(exchange);
    return outcome;
  }

  void AddClientAuthentication(net::Request& request, std::vector<sf::FormField>& form) const {
    if (options_.basic_auth) {
      request.headers.emplace_back(
          "Authorization", sf::MakeBasicAuthorization(options_.client_id, options_.client_secret));
    } else {
      form.push_back({"client_id", options_.client_id});
      form.push_back({"client_secret", options_.client_secret});
    }
  }

  net::Request Bearer(net::Request request) const {
    request.headers.emplace_back("Authorization", "Bearer " + token_);
    request.headers.emplace_back("Accept", "application/json");
    return request;
  }

  std::string DataUrl(std::string_view rest) const {
    const std::string version =
        api_version_.empty() ? fmt::format("{}.0", sf::kLatestKnownApiVersion) : api_version_;
    return fmt::format("{}/services/data/v{}{}", instance_url_, version, rest);
  }

  static std::string Path(const std::string& url) {
    auto parsed = net::ParseUrl(url);
    return parsed ? parsed->target : url;
  }

  std::string Base() const { return url_->Origin(); }

  bool Failed(std::string_view id) const {
    for (const auto& probe : report_.probes) {
      if (probe.id == id) return probe.status == ProbeStatus::kFailed;
    }
    return false;
  }
  // Whether the host answered /services/data/ at all (whatever it said).
  bool Reached() const {
    for (const auto& probe : report_.probes) {
      if (probe.id == "connection")
        return probe.status != ProbeStatus::kFailed && probe.status != ProbeStatus::kSkipped;
    }
    return false;
  }

  std::optional<std::string> ProxyInUse() const {
    if (options_.net.proxy) {
      return *options_.net.proxy ? std::optional((*options_.net.proxy)->display) : std::nullopt;
    }
    auto proxy = net::ProxyFor(*url_, options_.net.environment);
    if (proxy && *proxy) return (*proxy)->display;
    return std::nullopt;
  }

  static std::string ShortId(const std::string& id) {
    if (id.size() <= 16) return id;
    return id.substr(0, 10) + "…" + id.substr(id.size() - 4);
  }

  const DiagnoseOptions& options_;
  Sender send_;
  sf::Redactor redactor_;
  Report report_;
  std::optional<net::Url> url_;
  std::optional<net::Response> versions_answer_;  // GET /services/data/, when answered
  std::optional<ProbeExchange> versions_exchange_;
  std::string api_version_;
  std::string token_;
  std::string instance_url_;
  std::string identity_url_;
};

}  // namespace

std::string_view ToString(ProbeStatus status) {
  switch (status) {
    case ProbeStatus::kPassed:
      return "passed";
    case ProbeStatus::kWarning:
      return "warning";
    case ProbeStatus::kFailed:
      return "failed";
    case ProbeStatus::kSkipped:
      return "skipped";
  }
  return "skipped";
}

const ProbeResult* Report::FirstFailure() const {
  for (const auto& probe : probes) {
    if (probe.status == ProbeStatus::kFailed) return &probe;
  }
  return nullptr;
}

Report Diagnose(const DiagnoseOptions& options, const Sender& send) {
  Sender sender = send;
  if (!sender) {
    sender = [&options](const net::Request& request) { return net::Send(request, options.net); };
  }
  return Prober(options, std::move(sender)).Run();
}

}  // namespace sfh::harness::diagnose
