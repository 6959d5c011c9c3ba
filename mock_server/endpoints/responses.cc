#include "mock_server/endpoints/responses.h"

#include "salesforce/form.h"

namespace sfh::mock {

HttpResponse JsonResponse(int status, std::string body) {
  HttpResponse r;
  r.status = status;
  r.headers.Add("Content-Type", kJsonContentType);
  r.body = std::move(body);
  return r;
}

HttpResponse OAuthJsonResponse(int status, std::string body) {
  HttpResponse r = JsonResponse(status, std::move(body));
  r.headers.Add("Cache-Control", kOAuthCacheControl);
  return r;
}

HttpResponse CatalogueError(std::string_view entry_id) {
  namespace sf = ::sfh::salesforce;
  const auto& entry = sf::CatalogueEntryById(entry_id);
  HttpResponse r;
  r.status = entry.http_status;
  r.headers.Add("Content-Type", std::string(sf::ContentType(entry)));
  switch (entry.surface) {
    case sf::ErrorSurface::kToken:
    case sf::ErrorSurface::kRevoke:
    case sf::ErrorSurface::kAuthorize:
      r.headers.Add("Cache-Control", kOAuthCacheControl);
      break;
    case sf::ErrorSurface::kRest:
    case sf::ErrorSurface::kIdentity:
      break;
  }
  r.body = sf::ErrorBody(entry);
  return r;
}

HttpResponse Redirect(std::string location) {
  HttpResponse r;
  r.status = 302;
  r.headers.Add("Location", std::move(location));
  r.headers.Add("Cache-Control", kOAuthCacheControl);
  return r;
}

std::optional<std::string> BearerTokenOf(const HttpRequest& request) {
  const auto header = request.headers.Get("Authorization");
  if (!header) return std::nullopt;
  const size_t space = header->find(' ');
  if (space == std::string::npos) return std::nullopt;
  const std::string_view scheme(header->data(), space);
  // "OAuth" is the older scheme the REST API still accepts (INFERRED: older guide examples).
  if (!EqualsIgnoreCase(scheme, "Bearer") && !EqualsIgnoreCase(scheme, "OAuth")) {
    return std::nullopt;
  }
  const size_t start = header->find_first_not_of(' ', space);
  if (start == std::string::npos) return std::nullopt;
  return std::string(header->substr(start));
}

HttpResponse RestError(int status, std::string_view error_code, std::string_view message) {
  return JsonResponse(status, salesforce::RestErrorBody(error_code, message));
}

bool IsFormContentType(const HttpRequest& request) {
  const auto type = request.headers.Get("Content-Type");
  return type && salesforce::IsFormMediaType(*type);
}

std::expected<salesforce::Form, std::string> ParseRequestParams(const HttpRequest& request) {
  std::vector<salesforce::FormField> fields;
  if (IsFormContentType(request)) {
    auto body = salesforce::ParseForm(request.body);
    if (!body) return std::unexpected("the form body: " + body.error());
    fields = std::move(*body).fields();
  }
  auto query = salesforce::ParseForm(request.query);
  if (!query) return std::unexpected("the query string: " + query.error());
  fields.insert(fields.end(), query->fields().begin(), query->fields().end());
  return salesforce::Form(std::move(fields));
}

const std::expected<salesforce::Form, std::string>& RequestParams(const HttpRequest& request) {
  if (!request.params) request.params = ParseRequestParams(request);
  return *request.params;
}

}  // namespace sfh::mock
