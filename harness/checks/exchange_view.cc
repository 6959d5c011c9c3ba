#include "harness/checks/exchange_view.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "mock_server/endpoints/responses.h"

namespace sfh::harness {

bool IsTokenRequest(const mock::Exchange& e) { return e.request.path == "/services/oauth2/token"; }

salesforce::Form ParamsOf(const mock::Exchange& e) {
  return mock::ParseRequestParams(e.request).value_or(salesforce::Form());
}

bool IsClientCredentialsRequest(const mock::Exchange& e) {
  return IsTokenRequest(e) && ParamsOf(e).Get("grant_type") == "client_credentials";
}

bool IsRestCall(const mock::Exchange& e) { return e.request.path.starts_with("/services/data/v"); }

bool IsSuccess(const mock::Exchange& e) {
  return e.response.status >= 200 && e.response.status < 300;
}

bool HasErrorCode(const mock::Exchange& e, std::string_view code) {
  const auto body = nlohmann::json::parse(e.response.body, nullptr, false);
  if (!body.is_array()) return false;
  for (const auto& item : body) {
    if (item.is_object() && item.value("errorCode", "") == code) return true;
  }
  return false;
}

bool IsInvalidSession(const mock::Exchange& e) {
  return e.response.status == 401 && HasErrorCode(e, "INVALID_SESSION_ID");
}

std::optional<GrantedToken> GrantOf(const mock::Exchange& e) {
  if (!IsTokenRequest(e) || e.response.status != 200) return std::nullopt;
  const auto body = nlohmann::json::parse(e.response.body, nullptr, false);
  if (!body.is_object() || !body.contains("access_token") || !body["access_token"].is_string()) {
    return std::nullopt;
  }
  auto text = [&body](const char* key) -> std::optional<std::string> {
    const auto it = body.find(key);
    if (it == body.end() || it->is_null()) return std::nullopt;
    return it->is_string() ? it->get<std::string>() : it->dump();
  };
  return GrantedToken{body["access_token"], text("instance_url").value_or(""),
                      text("id").value_or(""), text("issued_at").value_or(""), text("signature")};
}

std::chrono::system_clock::time_point AnsweredAt(const mock::Exchange& e) {
  auto at = e.received_at + e.elapsed;
  if (e.response.wire.kind == mock::WireFault::Kind::kDelay) at += e.response.wire.delay;
  if (e.response.wire.kind == mock::WireFault::Kind::kHang && e.hang_ended) at += e.hang_held;
  return at;
}

int64_t GapMs(const mock::Exchange& earlier, const mock::Exchange& later) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(later.received_at -
                                                               AnsweredAt(earlier))
      .count();
}

bool IsConnectionFault(const mock::Exchange& e) {
  using Kind = mock::WireFault::Kind;
  const Kind k = e.response.wire.kind;
  return k == Kind::kHang || k == Kind::kReset || k == Kind::kEmpty || k == Kind::kMalformed ||
         k == Kind::kTruncated;
}

bool IsTransientFailure(const mock::Exchange& e) {
  return IsConnectionFault(e) || e.response.status >= 500;
}

bool IsLimitExceeded(const mock::Exchange& e) {
  return e.response.status >= 400 && HasErrorCode(e, "REQUEST_LIMIT_EXCEEDED");
}

std::optional<int> RetryAfterSecondsOf(const mock::Exchange& e) {
  const auto value = e.response.headers.Get("Retry-After");
  if (!value || value->empty() || value->size() > 9) return std::nullopt;
  int seconds = 0;
  for (char c : *value) {
    if (c < '0' || c > '9') return std::nullopt;
    seconds = seconds * 10 + (c - '0');
  }
  return seconds;
}

bool SameRequest(const mock::Exchange& a, const mock::Exchange& b) {
  return a.request.host == b.request.host && a.request.method == b.request.method &&
         a.request.target == b.request.target;
}

std::optional<std::string> AuthorizationSchemeOf(const mock::Exchange& e) {
  const auto header = e.request.headers.Get("Authorization");
  if (!header) return std::nullopt;
  return std::string(header->substr(0, header->find(' ')));
}

std::optional<std::string> BearerTokenOf(const mock::Exchange& e) {
  const auto header = e.request.headers.Get("Authorization");
  const auto scheme = AuthorizationSchemeOf(e);
  if (!header || !scheme || !mock::EqualsIgnoreCase(*scheme, "Bearer") ||
      header->size() <= scheme->size() + 1) {
    return std::nullopt;
  }
  return std::string(header->substr(scheme->size() + 1));
}

bool ContainsSecret(std::string_view text, std::string_view secret) {
  if (secret.empty()) return false;
  if (text.find(secret) != std::string_view::npos) return true;
  const auto decoded = salesforce::PercentDecode(text, true);
  return decoded && decoded->find(secret) != std::string::npos;
}

std::optional<std::string> PresentedTokenOf(const mock::Exchange& e) {
  const auto header = e.request.headers.Get("Authorization");
  const auto scheme = AuthorizationSchemeOf(e);
  if (!header || !scheme || mock::EqualsIgnoreCase(*scheme, "Basic") ||
      header->size() <= scheme->size() + 1) {
    return std::nullopt;
  }
  return std::string(header->substr(scheme->size() + 1));
}

std::string BaseUrlOf(const mock::Exchange& e, const mock::HostUrls& hosts) {
  switch (e.request.host) {
    case mock::VirtualHost::kMyDomain:
      return hosts.my_domain;
    case mock::VirtualHost::kLogin:
      return hosts.login;
    case mock::VirtualHost::kTest:
      return hosts.test;
    case mock::VirtualHost::kLegacyInstance:
      return hosts.legacy_instance;
  }
  return hosts.my_domain;
}

std::string Describe(const mock::Exchange& e) {
  return fmt::format("{} {} {} -> {}", e.request.method, mock::ToString(e.request.host),
                     e.request.target, e.response.status);
}

Evidence EvidenceFor(const mock::Exchange& e, std::string note) {
  std::string text = Describe(e);
  if (!note.empty()) text += ": " + note;
  return Evidence{e.seq, std::move(text)};
}

CheckVerdict JudgeEach(
    const std::vector<mock::Exchange>& exchanges, bool (*select)(const mock::Exchange&),
    const std::function<std::optional<std::string>(const mock::Exchange&)>& problem,
    const EachWording& wording) {
  std::vector<Evidence> bad;
  size_t seen = 0;
  for (const auto& e : exchanges) {
    if (!select(e)) continue;
    ++seen;
    if (auto note = problem(e)) bad.push_back(EvidenceFor(e, std::move(*note)));
  }
  if (seen == 0) return CheckVerdict::Skipped(std::string(wording.none));
  if (bad.empty()) {
    return CheckVerdict::Passed(fmt::format("{} {}, {}", seen, wording.what, wording.success));
  }
  std::string message =
      fmt::format("{} of {} {} {}", bad.size(), seen, wording.what, wording.failure);
  return CheckVerdict::Failed(std::move(message), std::move(bad));
}

}  // namespace sfh::harness
