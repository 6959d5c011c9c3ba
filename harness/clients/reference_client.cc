// The reference client: what a correct client-credentials integration does, in C++ with
// cpp-httplib. The harness's own suite must pass with it.
#include <fmt/format.h>
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

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

// How the reference client retries: a 5xx answer or a broken connection is retried up to
// kMaxRetries times after kFirstBackoff, doubling; a 503 with Retry-After waits what it asks.
// REQUEST_LIMIT_EXCEEDED is not retried: the daily limit does not come back within a run.
constexpr int kMaxRetries = 3;
constexpr std::chrono::milliseconds kFirstBackoff{250};

class Session {
 public:
  Session(const ClientEnvironment& env, Clock::time_point deadline)
      : env_(env), deadline_(deadline) {}

  // Every line the client would print; the runner redacts it.
  void Log(const std::string& line) {
    std::lock_guard lock(log_mu_);
    log_ += line;
  }
  std::string TakeLog() {
    std::lock_guard lock(log_mu_);
    return log_;
  }

  std::unique_ptr<httplib::Client> Connect(const std::string& base) const {
    auto client = std::make_unique<httplib::Client>(base);
    client->set_connection_timeout(5, 0);
    // SF_REQUEST_TIMEOUT bounds each answer; the run's deadline bounds them all.
    const auto per_request = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::duration<double>(env_.workload.request_timeout_seconds));
    const auto left =
        std::chrono::duration_cast<std::chrono::microseconds>(deadline_ - Clock::now());
    const auto timeout = std::max(std::chrono::microseconds(1000), std::min(per_request, left));
    client->set_read_timeout(timeout);
    client->set_write_timeout(timeout);
    client->set_url_encode(false);
    client->set_keep_alive(false);
    if (!env_.endpoint.ca_file.empty()) client->set_ca_cert_path(env_.endpoint.ca_file.c_str());
    client->enable_server_certificate_verification(true);
    return client;
  }

  bool TimeLeft() const { return Clock::now() < deadline_; }

  // Sleeps `pause`, or less when the deadline comes first; false when no time is left after it.
  bool PauseFor(std::chrono::milliseconds pause) const {
    const auto until = std::min(Clock::now() + pause, deadline_);
    std::this_thread::sleep_until(until);
    return TimeLeft();
  }

  // Sends with `send` until an answer that is not worth retrying, at most kMaxRetries retries.
  httplib::Result WithRetries(const std::string& what,
                              const std::function<httplib::Result()>& send) {
    auto backoff = kFirstBackoff;
    for (int attempt = 0;; ++attempt) {
      httplib::Result res = send();
      const bool transient = !res || res->status >= 500;
      if (!transient || attempt == kMaxRetries || !TimeLeft()) return res;
      std::chrono::milliseconds pause = backoff;
      if (res && res->status == 503 && res->has_header("Retry-After")) {
        const auto asked = std::atoi(res->get_header_value("Retry-After").c_str());
        pause = std::max(pause, std::chrono::milliseconds(std::chrono::seconds(asked)));
      }
      Log(fmt::format("{}: {}, retrying in {} ms\n", what,
                      res ? fmt::format("HTTP {}", res->status) : httplib::to_string(res.error()),
                      pause.count()));
      if (!PauseFor(pause)) return res;
      backoff *= 2;
    }
  }

  // Discovery names the token endpoint; SF_TOKEN_URL is the fallback.
  std::string TokenUrl() {
    auto res = WithRetries("discovery", [&] {
      return Connect(env_.endpoint.hosts.my_domain)->Get("/.well-known/openid-configuration");
    });
    if (res && res->status == 200) {
      const auto doc = nlohmann::json::parse(res->body, nullptr, false);
      if (doc.is_object() && doc.contains("jwks_uri") && doc["jwks_uri"].is_string()) {
        jwks_uri_ = doc["jwks_uri"];
      }
      if (doc.is_object() && doc.contains("token_endpoint") && doc["token_endpoint"].is_string()) {
        return doc["token_endpoint"];
      }
    }
    Log("discovery: unavailable, using SF_TOKEN_URL\n");
    return env_.endpoint.token_url;
  }

  std::optional<Token> RequestToken(const std::string& token_url) {
    const auto url = SplitUrl(token_url);
    if (!url) {
      Log(fmt::format("token: cannot parse token URL {}\n", token_url));
      return std::nullopt;
    }
    std::vector<sf::FormField> form = {{"grant_type", "client_credentials"},
                                       {"client_id", env_.endpoint.client_id},
                                       {"client_secret", env_.endpoint.client_secret}};
    // Scopes come from the app; a scope goes on the request only when one was configured.
    if (!env_.workload.scope.empty()) form.emplace_back("scope", env_.workload.scope);
    const std::string body = sf::EncodeForm(form);
    auto res = WithRetries("token", [&] {
      return Connect(url->base)->Post(url->path, body, "application/x-www-form-urlencoded");
    });
    if (!res) {
      Log(fmt::format("token: request failed: {}\n", httplib::to_string(res.error())));
      return std::nullopt;
    }
    if (res->status != 200) {
      Log(fmt::format("token: HTTP {}: {}\n", res->status, res->body));
      return std::nullopt;
    }
    const auto doc = nlohmann::json::parse(res->body, nullptr, false);
    if (!doc.is_object() || !doc.contains("access_token") || !doc.contains("instance_url") ||
        !doc["access_token"].is_string() || !doc["instance_url"].is_string()) {
      Log("token: the response has no access_token or instance_url\n");
      return std::nullopt;
    }
    if (!Trusted(doc)) {
      // Not ours to use, but live until its session times out: end it.
      Revoke(Token{doc["access_token"], doc["instance_url"]});
      return std::nullopt;
    }
    Log(fmt::format("token: granted for {}\n", doc["instance_url"].get<std::string>()));
    return Token{doc["access_token"], doc["instance_url"]};
  }

  // The signature proves id and issued_at came from the org that knows our secret. A JWT-based
  // token may come without one (whether Salesforce sends it is unverified); the JWT is then
  // verified against the org's published keys (discovery's jwks_uri) instead.
  bool Trusted(const nlohmann::json& doc) {
    auto text = [&doc](const char* key) {
      const auto it = doc.find(key);
      if (it == doc.end()) return std::string();
      return it->is_string() ? it->get<std::string>() : it->dump();
    };
    if (doc.contains("signature") || doc.value("token_format", "") != "jwt") {
      const std::string expected =
          sf::TokenSignature(env_.endpoint.client_secret, text("id"), text("issued_at"));
      if (sf::ConstantTimeEquals(expected, text("signature"))) return true;
      Log("token: the signature does not match id + issued_at; refusing the token\n");
      return false;
    }
    if (VerifiedByOrgKeys(doc["access_token"].get<std::string>())) return true;
    Log("token: the JWT access token does not verify with the org's keys; refusing it\n");
    return false;
  }

  bool VerifiedByOrgKeys(const std::string& token) {
    const auto jwt = sf::DecodeJwt(token);
    const auto url = SplitUrl(jwks_uri_);
    if (!jwt || !url) return false;
    auto res = WithRetries("keys", [&] { return Connect(url->base)->Get(url->path); });
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
    return WithRetries("call", [&] {
      return Connect(token.instance_url)
          ->Get(path, {{"Authorization", "Bearer " + token.access_token}});
    });
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
    Log(fmt::format("revoke: {}\n", res ? std::to_string(res->status) : "no answer"));
  }

 private:
  const ClientEnvironment& env_;
  Clock::time_point deadline_;
  std::string jwks_uri_;  // from discovery; verifies JWT-based access tokens
  std::mutex log_mu_;
  std::string log_;
};

// The token the workers share. One worker at a time asks for a token; the others wait for it
// and use it, so calls that start together, or fail together, cost one token request.
class SharedToken {
 public:
  SharedToken(Session& session, std::string token_url)
      : session_(session), token_url_(std::move(token_url)) {}

  // The current token, requested first when there is none.
  std::optional<Token> Get() {
    std::lock_guard lock(mu_);
    if (!token_ && !failed_) Renew();
    return token_;
  }

  // The org rejected `rejected`: a new token, unless another worker already replaced it.
  std::optional<Token> Replace(const Token& rejected) {
    std::lock_guard lock(mu_);
    if (token_ && token_->access_token == rejected.access_token && !failed_) Renew();
    return token_;
  }

  std::optional<Token> Last() {
    std::lock_guard lock(mu_);
    return token_;
  }

 private:
  void Renew() {
    token_ = session_.RequestToken(token_url_);
    failed_ = !token_;
  }

  Session& session_;
  std::string token_url_;
  std::mutex mu_;
  std::optional<Token> token_;
  bool failed_ = false;  // the org refused: nobody asks again
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
    run.stdout_text = session.TakeLog();
    run.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
    return run;
  };

  SharedToken shared(session, session.TokenUrl());
  if (!shared.Get()) return finish(1);
  const std::string query = fmt::format("/services/data/v{}/query?q={}", env.endpoint.api_version,
                                        sf::PercentEncode("SELECT Id, Name FROM Account", false));

  // One read: after INVALID_SESSION_ID (timeout or revocation), one new token and one retry.
  auto read = [&](int i) {
    if (!session.TimeLeft()) return false;
    auto token = shared.Get();
    if (!token) return false;
    auto res = session.Get(*token, query);
    if (Session::IsInvalidSession(res)) {
      session.Log(fmt::format("call {}: INVALID_SESSION_ID, requesting a new token\n", i));
      token = shared.Replace(*token);
      if (!token) return false;
      res = session.Get(*token, query);
    }
    if (!res || res->status != 200) {
      session.Log(fmt::format("call {}: failed: {}\n", i,
                              res ? fmt::format("HTTP {} {}", res->status, res->body)
                                  : httplib::to_string(res.error())));
      return false;
    }
    session.Log(fmt::format("call {}: HTTP 200\n", i));
    return true;
  };

  // SF_CONCURRENCY workers take the reads in turn; the first failure stops them all.
  std::atomic<int> next{1};
  std::atomic<bool> ok{true};
  {
    std::vector<std::jthread> workers;
    const int n = std::clamp(env.workload.concurrency, 1, std::max(1, env.workload.calls));
    for (int w = 0; w < n; ++w) {
      workers.emplace_back([&] {
        for (int i = next++; i <= env.workload.calls && ok; i = next++) {
          if (!read(i)) ok = false;
        }
      });
    }
  }
  // Done, or stopped by a failure: either way the token is no longer needed.
  if (auto last = shared.Last()) session.Revoke(*last);
  return finish(ok ? 0 : 1);
}

}  // namespace sfh::harness
