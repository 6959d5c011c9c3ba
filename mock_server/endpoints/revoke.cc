#include <cctype>

#include "mock_server/endpoints/endpoints.h"
#include "mock_server/endpoints/responses.h"
#include "salesforce/catalogue.h"
#include "salesforce/form.h"

namespace sfh::mock {
namespace {

// A JSONP callback name: a JavaScript identifier path such as "cb" or "app.onRevoke".
bool IsCallbackName(std::string_view name) {
  if (name.empty() || name.size() > 128) return false;
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '$' && c != '.') {
      return false;
    }
  }
  return !std::isdigit(static_cast<unsigned char>(name.front()));
}

// GET ...&callback=fn answers JSONP: fn({}) on success, fn({"error":"invalid_token"}) on
// failure (CONFIRMED bodies, wire.md 4.1). The status of a JSONP error and the content type
// are UNVERIFIED: 200 (a script tag cannot read a status) and application/javascript.
HttpResponse Jsonp(std::string_view callback, std::string_view json) {
  HttpResponse r;
  r.status = 200;
  r.headers.Add("Content-Type", "application/javascript;charset=UTF-8");
  r.headers.Add("Cache-Control", kOAuthCacheControl);
  r.body = std::string(callback) + "(" + std::string(json) + ");";
  return r;
}

}  // namespace

HttpResponse HandleRevoke(Org& org, const HttpRequest& request) {
  // POST with a form body, or GET with ?token= (CONFIRMED, salesforce-wire.md 4.1).
  std::optional<std::string> token;
  if (request.method == "POST" && IsFormContentType(request)) {
    if (auto form = salesforce::ParseForm(request.body)) token = form->Get("token");
  }
  const auto query = salesforce::ParseForm(request.query).value_or(salesforce::Form());
  if (!token) token = query.Get("token");
  const auto callback = request.method == "GET" ? query.Get("callback") : std::nullopt;
  const bool jsonp = callback && IsCallbackName(*callback);

  // Which of the two documented errors answers a missing token is UNVERIFIED; with no token
  // there is nothing of a supported type, so unsupported_token_type. Any unknown value is
  // invalid_token.
  const char* error = nullptr;
  if (!token || token->empty()) {
    error = "revoke.unsupported_token_type";
  } else if (!org.Revoke(*token)) {
    error = "revoke.invalid_token";
  }
  if (error != nullptr) {
    if (jsonp) {
      const auto& entry = salesforce::CatalogueEntryById(error);
      return Jsonp(*callback, R"({"error":")" + std::string(entry.code) + R"("})");
    }
    return CatalogueError(error);
  }
  if (jsonp) return Jsonp(*callback, "{}");
  HttpResponse ok;
  ok.status = 200;
  ok.headers.Add("Cache-Control", kOAuthCacheControl);
  return ok;
}

}  // namespace sfh::mock
