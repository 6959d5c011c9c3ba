#include "mock_server/admin/admin.h"

#include <nlohmann/json.hpp>

#include "mock_server/admin/viewer.h"
#include "mock_server/endpoints/responses.h"

namespace sfh::mock {
namespace {

HttpResponse AdminJson(int status, const nlohmann::ordered_json& body) {
  return JsonResponse(status, body.dump());
}

}  // namespace

bool IsAdminPath(std::string_view path) {
  return path == kAdminPrefix || path.starts_with(std::string(kAdminPrefix) + "/");
}

HttpResponse HandleAdmin(MockOrg& mock, const HttpRequest& request) {
  const std::string_view route = std::string_view(request.path).substr(kAdminPrefix.size());
  if (route == "/ui" || route.starts_with("/ui/")) {
    if (auto asset = ServeViewerAsset(route)) return *asset;
  }
  if (route == "/health" && request.method == "GET") {
    return AdminJson(200, {{"status", "ok"}});
  }
  if (route == "/journal" && request.method == "GET") {
    return JsonResponse(200, mock.journal().ExportJson(mock.org().redactor()));
  }
  if (route == "/journal" && request.method == "DELETE") {
    mock.journal().Clear();
    HttpResponse r;
    r.status = 204;
    return r;
  }
  if (route == "/org" && request.method == "GET") {
    const Org& org = mock.org();
    nlohmann::ordered_json apps = nlohmann::ordered_json::array();
    for (const auto& app : org.config().apps) {
      apps.push_back({{"name", app.name}, {"client_id", app.client_id}});
    }
    return AdminJson(200, {{"org_id", org.config().org_id},
                           {"my_domain", org.config().my_domain},
                           {"apps", apps},
                           {"sessions", org.SessionCount()},
                           {"api_usage", org.api_usage()}});
  }
  return AdminJson(404, {{"error", "no such admin route"},
                         {"routes", {"GET /__admin/health", "GET /__admin/journal",
                                     "DELETE /__admin/journal", "GET /__admin/org"}}});
}

}  // namespace sfh::mock
