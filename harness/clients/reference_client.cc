// The reference client: what a correct client-credentials integration does, in C++ with
// cpp-httplib. The harness's own suite must pass with it.
#include <fmt/format.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "harness/clients/client.h"
#include "salesforce/encoding.h"
#include "salesforce/form.h"
#include "salesforce/jwt.h"
#include "salesforce/token_format.h"

namespace sfh::harness {
namespace {

namespace sf = ::sfh::salesforce;
using Clock = std::chrono::steady_clock;

struct Url {
  std::string base;  // scheme://host:port
  std::string path;  // from the first '/' after the host, with the query
};

std::optional<Url> SplitUrl(const std::string& url) {
  const size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return std::nullopt;
  const size_t path_start = url.find('/', scheme_end + 3);
  if (path_start == std::string::npos) return Url{url, "/"};
  return Url{url.substr(0, path_start), url.substr(path_start)};
}

struct Token {
  std::string access_token;
  std::string instance_url;
};

class Session {
 public:
  Session(const ClientEnvironment& env, Clock::time_point deadline)
      : env_(env), deadline_(deadline) {}

  // Every line the client would print; the runner redacts it.
  std::string log;

  std::unique_ptr<httplib::Client> Connect(const std::string& base) const {
    auto client = std::make_unique<httplib::Client>(base);
    client->set_connection_timeout(5, 0);
    const auto left = std::chrono::duration_cast<std::chrono::seconds>(deadline_ - Clock::now());
    client->set_read_timeout(std::max<long>(1, std::min<long>(30, left.count())), 0);
    client->set_url_encode(false);
    client->set_keep_alive(false);
    if (!env_.endpoint.ca_file.empty()) client->set_ca_cert_path(env_.endpoint.ca_file.c_str());
    client->enable_server_certificate_verification(true);
    return client;
  }

  bool TimeLeft() const { return Clock::now() < deadline_; }

  // Discovery names the token endpoint; SF_TOKEN_URL is the fallback.
  std::string TokenUrl() {
    auto client = Connect(env_.endpoint.hosts.my_domain);
    auto res = client->Get("/.well-known/openid-configuration");
    if (res && res->status == 200) {
      const auto doc = nlohmann::json::parse(res->body, nullptr, false);
      if (doc.is_object() && doc.contains("jwks_uri") && doc["jwks_uri"].is_string()) {
        jwks_uri_ = doc["jwks_uri"];
      }
      if (doc.is_object() && doc.contains("token_endpoint") && doc["token_endpoint"].is_string()) {
        return doc["token_endpoint"];
      }
    }
    log += "discovery: unavailable, using SF_TOKEN_URL\n";
    return env_.endpoint.token_url;
  }

  std::optional<Token> RequestToken(const std::string& token_url) {
    const auto url = SplitUrl(token_url);
    if (!url) {
      log += fmt::format("token: cannot parse token URL {}\n", token_url);
      return std::nullopt;
    }
    auto client = Connect(url->base);
    const std::string body = sf::EncodeForm({{"grant_type", "client_credentials"},
                                             {"client_id", env_.endpoint.client_id},
                                             {"client_secret", env_.endpoint.client_secret}});
    auto res = client->Post(url->path, body, "application/x-www-form-urlencoded");
    if (!res) {
      log += fmt::format("token: request failed: {}\n", httplib::to_string(res.error()));
      return std::nullopt;
    }
    if (res->status != 200) {
      log += fmt::format("token: HTTP {}: {}\n", res->status, res->body);
      return std::nullopt;
    }
    const auto doc = nlohmann::json::parse(res->body, nullptr, false);
    if (!doc.is_object() || !doc.contains("access_token") || !doc.contains("instance_url") ||
        !doc["access_token"].is_string() || !doc["instance_url"].is_string()) {
      log += "token: the response has no access_token or instance_url\n";
      return std::nullopt;
    }
    if (!Trusted(doc)) return std::nullopt;
    log += fmt::format("token: granted for {}\n", doc["instance_url"].get<std::string>());
    return Token{doc["access_token"], doc["instance_url"]};
  }

  // The signature proves id and issued_at came from the org that knows our secret. A JWT-based
  // token may come without one (whether Salesforce sends it is unverified); the JWT is then
  // verified against the org's published keys (discovery's jwks_uri) instead.
  bool Trusted(const nlohmann::json& doc) {
    const std::string id = doc.value("id", "");
    const std::string issued_at = doc.value("issued_at", "");
    if (doc.contains("signature") || doc.value("token_format", "") != "jwt") {
      const std::string expected = sf::TokenSignature(env_.endpoint.client_secret, id, issued_at);
      if (sf::ConstantTimeEquals(expected, doc.value("signature", ""))) return true;
      log += "token: the signature does not match id + issued_at; refusing the token\n";
      return false;
    }
    if (VerifiedByOrgKeys(doc["access_token"].get<std::string>())) return true;
    log += "token: the JWT access token does not verify with the org's keys; refusing it\n";
    return false;
  }

  bool VerifiedByOrgKeys(const std::string& token) {
    const auto jwt = sf::DecodeJwt(token);
    const auto url = SplitUrl(jwks_uri_);
    if (!jwt || !url) return false;
    auto res = Connect(url->base)->Get(url->path);
    if (!res || res->status != 200) return false;
    const auto jwks = nlohmann::json::parse(res->body, nullptr, false);
    if (!jwks.is_object() || !jwks.contains("keys") || !jwks["keys"].is_array()) return false;
    for (const auto& jwk : jwks["keys"]) {
      if (!jwk.is_object() || jwk.find("kid") == jwk.end() ||
          jwt->header.find("kid") == jwt->header.end() || jwk["kid"] != jwt->header["kid"]) {
        continue;
      }
      const auto key = sf::RsaKey::FromJwk(jwk);
      if (key && sf::VerifyJwt(*key, *jwt)) return true;
    }
    return false;
  }

  httplib::Result Get(const Token& token, const std::string& path) {
    auto client = Connect(token.instance_url);
    return client->Get(path, {{"Authorization", "Bearer " + token.access_token}});
  }

  static bool IsInvalidSession(const httplib::Result& res) {
    return res && res->status == 401 &&
           res->body.find("\"INVALID_SESSION_ID\"") != std::string::npos;
  }

  void Revoke(const Token& token) {
    auto client = Connect(env_.endpoint.hosts.my_domain);
    auto res =
        client->Post("/services/oauth2/revoke", sf::EncodeForm({{"token", token.access_token}}),
                     "application/x-www-form-urlencoded");
    log += fmt::format("revoke: {}\n", res ? std::to_string(res->status) : "no answer");
  }

 private:
  const ClientEnvironment& env_;
  Clock::time_point deadline_;
  std::string jwks_uri_;  // from discovery; verifies JWT-based access tokens
};

}  // namespace

ClientRun ReferenceClient::Run(const ClientEnvironment& env, std::chrono::milliseconds timeout) {
  ClientRun run;
  run.label = label();
  run.started = true;
  const auto start = Clock::now();
  Session session(env, start + timeout);
  auto finish = [&](int exit_code) {
    run.exit_code = exit_code;
    run.timed_out = !session.TimeLeft();
    run.stdout_text = session.log;
    run.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
    return run;
  };

  const std::string token_url = session.TokenUrl();
  auto token = session.RequestToken(token_url);
  if (!token) return finish(1);
  const std::string query = fmt::format("/services/data/v{}/query?q={}", env.endpoint.api_version,
                                        sf::PercentEncode("SELECT Id, Name FROM Account", false));
  for (int i = 1; i <= env.calls; ++i) {
    if (!session.TimeLeft()) return finish(1);
    auto res = session.Get(*token, query);
    if (Session::IsInvalidSession(res)) {
      // The session ended (timeout or revocation): one new token, one retry.
      session.log += fmt::format("call {}: INVALID_SESSION_ID, requesting a new token\n", i);
      token = session.RequestToken(token_url);
      if (!token) return finish(1);
      res = session.Get(*token, query);
    }
    if (!res || res->status != 200) {
      session.log += fmt::format("call {}: failed: {}\n", i,
                                 res ? fmt::format("HTTP {} {}", res->status, res->body)
                                     : httplib::to_string(res.error()));
      return finish(1);
    }
    session.log += fmt::format("call {}: HTTP 200\n", i);
  }
  session.Revoke(*token);
  return finish(0);
}

}  // namespace sfh::harness
