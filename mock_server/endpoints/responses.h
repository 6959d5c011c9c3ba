// Building responses the way Salesforce sends them: content types, cache headers, and every
// error straight from the catalogue.
#ifndef SFH_MOCK_SERVER_ENDPOINTS_RESPONSES_H_
#define SFH_MOCK_SERVER_ENDPOINTS_RESPONSES_H_

#include <expected>
#include <optional>
#include <string>
#include <string_view>

#include "mock_server/http/message.h"
#include "salesforce/catalogue.h"
#include "salesforce/form.h"

namespace sfh::mock {

// "application/json;charset=UTF-8", the content type of every JSON answer (salesforce-wire.md 9).
inline constexpr char kJsonContentType[] = "application/json;charset=UTF-8";
// Sent on OAuth answers: seen on /.well-known/auth-configuration, assumed for /token (INFERRED).
inline constexpr char kOAuthCacheControl[] = "no-cache,must-revalidate,max-age=0,no-store,private";

HttpResponse JsonResponse(int status, std::string body);
// A JSON answer of the OAuth endpoints: adds Cache-Control.
HttpResponse OAuthJsonResponse(int status, std::string body);
// The catalogue entry's status and exact body, with the headers of its surface.
HttpResponse CatalogueError(std::string_view entry_id);
// 302 to `location` (authorize answers and their redirected errors).
HttpResponse Redirect(std::string location);
// The access token of "Authorization: Bearer <token>" (or the older "OAuth <token>").
std::optional<std::string> BearerTokenOf(const HttpRequest& request);
// A REST error whose message varies per request.
HttpResponse RestError(int status, std::string_view error_code, std::string_view message);

// Whether the request's Content-Type is application/x-www-form-urlencoded (any parameters).
bool IsFormContentType(const HttpRequest& request);
// The parameters a request sent, as the token endpoint reads them: the form body (when the
// Content-Type is form-encoded), then the query string. An error when either is malformed.
// Parsed on the first call and kept in the request (HttpRequest::params): for the thread
// serving the request. A request other threads may read (a journal's) takes ParseRequestParams.
const std::expected<salesforce::Form, std::string>& RequestParams(const HttpRequest& request);
std::expected<salesforce::Form, std::string> ParseRequestParams(const HttpRequest& request);

}  // namespace sfh::mock

#endif  // SFH_MOCK_SERVER_ENDPOINTS_RESPONSES_H_
