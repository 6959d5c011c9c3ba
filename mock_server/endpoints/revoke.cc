#include "mock_server/endpoints/endpoints.h"
#include "mock_server/endpoints/responses.h"
#include "salesforce/form.h"

namespace sfh::mock {

HttpResponse HandleRevoke(Org& org, const HttpRequest& request) {
  // POST with a form body, or GET with ?token= (CONFIRMED, salesforce-wire.md 4.1).
  std::optional<std::string> token;
  if (request.method == "POST" && IsFormContentType(request)) {
    if (auto form = salesforce::ParseForm(request.body)) token = form->Get("token");
  }
  if (!token) {
    if (auto query = salesforce::ParseForm(request.query)) token = query->Get("token");
  }
  // Which of the two documented errors answers a missing token is UNVERIFIED; with no token
  // there is nothing of a supported type, so unsupported_token_type. Any unknown value is
  // invalid_token.
  if (!token || token->empty()) return CatalogueError("revoke.unsupported_token_type");
  if (!org.Revoke(*token)) return CatalogueError("revoke.invalid_token");
  HttpResponse ok;
  ok.status = 200;
  ok.headers.Add("Cache-Control", kOAuthCacheControl);
  return ok;
}

}  // namespace sfh::mock
