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
  const auto& entry = salesforce::CatalogueEntryById(entry_id);
  if (entry.surface == salesforce::ErrorSurface::kRest) {
    return JsonResponse(entry.http_status, salesforce::ErrorBody(entry));
  }
  return OAuthJsonResponse(entry.http_status, salesforce::ErrorBody(entry));
}

HttpResponse RestError(int status, std::string_view error_code, std::string_view message) {
  return JsonResponse(status, salesforce::RestErrorBody(error_code, message));
}

bool IsFormContentType(const HttpRequest& request) {
  const auto type = request.headers.Get("Content-Type");
  return type && salesforce::IsFormMediaType(*type);
}

}  // namespace sfh::mock
