#include "harness/target/recording_proxy.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "salesforce/encoding.h"
#include "salesforce/form.h"
#include "salesforce/hosts.h"
#include "salesforce/token_format.h"

namespace sfh::harness {
namespace {

namespace sf = ::sfh::salesforce;
using mock::HttpRequest;
using mock::HttpResponse;

// Headers that belong to one connection, or that the proxy recomputes (RFC 9110 7.6.1).
bool IsHopByHop(std::string_view name) {
  for (std::string_view hop :
       {"Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authorization", "TE", "Trailer",
        "Transfer-Encoding", "Upgrade", "Host", "Content-Length"}) {
    if (mock::EqualsIgnoreCase(name, hop)) return true;
  }
  return false;
}

// Not forwarded to the org: Accept-Encoding too, so that it answers uncompressed (answers are
// rewritten). The request's own Content-Encoding goes with its body.
bool DropFromRequest(std::string_view name) {
  return IsHopByHop(name) || mock::EqualsIgnoreCase(name, "Accept-Encoding");
}

// Not passed back to the client: Content-Encoding too, since the body passed back is the one
// the HTTP client decoded.
bool DropFromResponse(std::string_view name) {
  return IsHopByHop(name) || mock::EqualsIgnoreCase(name, "Content-Encoding");
}

std::string OriginOf(std::string_view url) {
  auto parsed = net::ParseUrl(url);
  return parsed ? parsed->Origin() : "";
}

void ReplaceAll(std::string& text, std::string_view from, std::string_view to) {
  if (from.empty()) return;
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

// "https://a.b" as JSON writes it when it escapes slashes, as Salesforce does in some answers.
std::string JsonEscapedSlashes(std::string_view origin) {
  std::string out(origin);
  ReplaceAll(out, "/", "\\/");
  return out;
}

HttpResponse HarnessError(int status, std::string_view code, std::string message) {
  HttpResponse response;
  response.status = status;
  response.headers.Add("Content-Type", "application/json;charset=UTF-8");
  nlohmann::json body = nlohmann::json::array();
  body.push_back({{"message", std::move(message)}, {"errorCode", code}});
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return response;
}

bool IsOAuthPost(const HttpRequest& request) {
  return request.method == "POST" &&
         (request.path == "/services/oauth2/token" || request.path == "/services/oauth2/revoke" ||
          request.path == "/services/oauth2/introspect");
}

}  // namespace

RecordingProxy::RecordingProxy(RecordingProxyOptions options, Sender send)
    : options_(std::move(options)), send_(std::move(send)) {
  options_.my_domain = OriginOf(options_.my_domain);
  if (!send_) {
    send_ = [net = options_.net](const net::Request& request) { return net::Send(request, net); };
  }
  if (!options_.identity_host.empty()) {
    identity_upstream_ = OriginOf(options_.identity_host);
  } else {
    // Sandboxes and scratch orgs keep their identity URLs on test.salesforce.com (CONFIRMED for
    // sandboxes, salesforce-wire.md 1.3); the first `id` seen corrects a wrong guess.
    const auto host_class = sf::ClassifyHost(options_.my_domain).host_class;
    const bool on_test = host_class == sf::HostClass::kSandboxMyDomain ||
                         host_class == sf::HostClass::kScratchMyDomain;
    identity_upstream_ = fmt::format("https://{}", on_test ? sf::kTestHost : sf::kLoginHost);
  }
}

void RecordingProxy::SetHostUrls(mock::HostUrls urls) {
  std::lock_guard lock(mu_);
  proxy_urls_ = std::move(urls);
}

void RecordingProxy::AddSecret(std::string_view secret) {
  redactor_.Add(secret, sf::Redactor::Kind::kSecret);
  std::lock_guard lock(mu_);
  if (!secret.empty()) secrets_.emplace_back(secret);
}

std::string RecordingProxy::UpstreamOf(mock::VirtualHost host) const {
  std::lock_guard lock(mu_);
  switch (host) {
    case mock::VirtualHost::kMyDomain:
      return options_.my_domain;
    case mock::VirtualHost::kLogin:
    case mock::VirtualHost::kTest:
      return identity_upstream_;
    case mock::VirtualHost::kLegacyInstance:
      return instance_upstream_;
  }
  return "";
}

std::map<std::string, std::string> RecordingProxy::Mappings() const {
  std::lock_guard lock(mu_);
  std::map<std::string, std::string> out;
  out[proxy_urls_.my_domain] = options_.my_domain;
  out[proxy_urls_.login] = identity_upstream_;
  out[proxy_urls_.test] = identity_upstream_;
  if (!instance_upstream_.empty()) out[proxy_urls_.legacy_instance] = instance_upstream_;
  return out;
}

std::string RecordingProxy::Rewrite(std::string text) const {
  std::lock_guard lock(mu_);
  const std::pair<const std::string*, const std::string*> pairs[] = {
      {&options_.my_domain, &proxy_urls_.my_domain},
      {&identity_upstream_, &proxy_urls_.login},
      {&instance_upstream_, &proxy_urls_.legacy_instance},
  };
  for (const auto& [upstream, proxy] : pairs) {
    if (upstream->empty() || proxy->empty() || *upstream == *proxy) continue;
    ReplaceAll(text, *upstream, *proxy);
    ReplaceAll(text, JsonEscapedSlashes(*upstream), JsonEscapedSlashes(*proxy));
  }
  return text;
}

// The body with the org's hosts replaced. A token response's `signature` covers `id`
// (Base64(HMAC-SHA256(secret, id + issued_at)), salesforce-wire.md 1.4), so once `id` names the
// proxy the signature is made again with the secret the harness was given, but only when the
// org's own signature verified: a signature that was bad at the org stays bad for the client.
std::string RecordingProxy::RewriteBody(const HttpRequest& request, const std::string& body) const {
  std::string rewritten = Rewrite(body);
  if (request.path != "/services/oauth2/token" || rewritten == body) return rewritten;
  const auto original = nlohmann::json::parse(body, nullptr, false);
  const auto changed = nlohmann::json::parse(rewritten, nullptr, false);
  if (!original.is_object() || !changed.is_object()) return rewritten;
  const std::string signature = original.value("signature", "");
  const std::string issued_at = original.value("issued_at", "");
  if (signature.empty() || original.value("id", "") == changed.value("id", "")) return rewritten;
  std::vector<std::string> secrets;
  {
    std::lock_guard lock(mu_);
    secrets = secrets_;
  }
  for (const std::string& secret : secrets) {
    if (!sf::ConstantTimeEquals(signature,
                                sf::TokenSignature(secret, original.value("id", ""), issued_at))) {
      continue;
    }
    const std::string resigned = sf::TokenSignature(secret, changed.value("id", ""), issued_at);
    ReplaceAll(rewritten, signature, resigned);
    ReplaceAll(rewritten, JsonEscapedSlashes(signature), JsonEscapedSlashes(resigned));
    break;
  }
  return rewritten;
}

// What the org's answers teach: where its identity URLs and its instance live, which tokens it
// issued, which were revoked.
void RecordingProxy::Learn(const HttpRequest& request, const HttpResponse& response) {
  if (request.path == "/services/oauth2/revoke" && response.status == 200) {
    auto form = sf::ParseForm(request.method == "GET" ? request.query : request.body);
    const std::string token(form ? form->Get("token").value_or("") : "");
    std::lock_guard lock(mu_);
    std::erase(live_tokens_, token);
    return;
  }
  if (request.path != "/services/oauth2/token" || response.status != 200) return;
  const auto doc = nlohmann::json::parse(response.body, nullptr, false);
  if (!doc.is_object()) return;
  const std::string token = doc.value("access_token", "");
  if (!token.empty()) redactor_.Add(token, sf::Redactor::Kind::kToken);
  if (const std::string refresh = doc.value("refresh_token", ""); !refresh.empty()) {
    redactor_.Add(refresh, sf::Redactor::Kind::kToken);
  }
  std::lock_guard lock(mu_);
  if (!token.empty() && std::ranges::find(live_tokens_, token) == live_tokens_.end()) {
    live_tokens_.push_back(token);
  }
  if (const std::string id = OriginOf(doc.value("id", "")); !id.empty()) identity_upstream_ = id;
  if (const std::string instance = OriginOf(doc.value("instance_url", ""));
      !instance.empty() && instance != options_.my_domain) {
    instance_upstream_ = instance;
  }
}

HttpResponse RecordingProxy::Serve(HttpRequest request) {
  const auto received_at = std::chrono::system_clock::now();
  const auto start = std::chrono::steady_clock::now();
  HttpResponse response;
  const std::string upstream = UpstreamOf(request.host);
  if (!options_.allow_writes && request.method != "GET" && request.method != "HEAD" &&
      request.method != "OPTIONS" && !IsOAuthPost(request)) {
    response = HarnessError(
        403, "SFHARNESS_READ_ONLY",
        fmt::format("sfharness kept this {} from the live org: runs are read-only unless "
                    "--allow-writes is given",
                    request.method));
  } else if (upstream.empty()) {
    response = HarnessError(
        502, "SFHARNESS_NO_UPSTREAM",
        fmt::format("the org has no {} host to forward this to", mock::ToString(request.host)));
  } else {
    net::Request forward{.method = request.method, .url = upstream + request.target};
    for (const auto& [name, value] : request.headers.fields()) {
      if (!DropFromRequest(name)) forward.headers.emplace_back(name, value);
    }
    forward.body = request.body;
    const net::Outcome outcome = send_(forward);
    if (!outcome.result) {
      response = HarnessError(
          502, "SFHARNESS_UPSTREAM",
          fmt::format("the org could not be reached: {}: {}",
                      net::ToString(outcome.result.error().kind), outcome.result.error().detail));
    } else {
      response.status = outcome.result->status;
      for (const auto& [name, value] : outcome.result->headers) {
        if (!DropFromResponse(name)) response.headers.Add(name, value);
      }
      response.body = outcome.result->body;
      Learn(request, response);
      response.body = RewriteBody(request, response.body);
      if (auto location = response.headers.Get("Location")) {
        response.headers.Set("Location", Rewrite(std::string(*location)));
      }
    }
  }
  response.journal_seq = journal_.Record(request, response, received_at,
                                         std::chrono::duration_cast<std::chrono::microseconds>(
                                             std::chrono::steady_clock::now() - start));
  return response;
}

std::vector<std::string> RecordingProxy::LiveTokens() const {
  std::lock_guard lock(mu_);
  return live_tokens_;
}

size_t RecordingProxy::RevokeLiveTokens() {
  size_t revoked = 0;
  for (const std::string& token : LiveTokens()) {
    const net::Outcome outcome =
        send_({.method = "POST",
               .url = options_.my_domain + "/services/oauth2/revoke",
               .headers = {{"Content-Type", "application/x-www-form-urlencoded"}},
               .body = sf::EncodeForm({{"token", token}})});
    if (outcome.result && outcome.result->status == 200) {
      ++revoked;
      std::lock_guard lock(mu_);
      std::erase(live_tokens_, token);
    }
  }
  return revoked;
}

}  // namespace sfh::harness
