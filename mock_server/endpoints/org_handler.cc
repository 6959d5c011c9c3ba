#include "mock_server/endpoints/endpoints.h"
#include "mock_server/endpoints/responses.h"
#include "mock_server/endpoints/token.h"

namespace sfh::mock {
namespace {

bool IsDataPath(std::string_view path) {
  return path == "/services/data" || path.starts_with("/services/data/");
}

// What a host the org has left answers (choices.moved_instance, docs/wire-choices.md).
HttpResponse MovedInstanceAnswer(const Org& org, const HttpRequest& request) {
  if (org.config().choices.moved_instance_redirects) {
    return Redirect(org.InstanceUrl() + request.target);
  }
  return CatalogueError("rest.INVALID_SESSION_ID");
}

}  // namespace

HttpResponse OrgHandler::Handle(const HttpRequest& request) {
  const auto config_lock = org_->ReadLock();
  // The instance host serves the org only while the org lives there (faults can move it).
  if (request.host == VirtualHost::kLegacyInstance &&
      org_->config().instance_url != InstanceUrlHost::kLegacyInstance) {
    return MovedInstanceAnswer(*org_, request);
  }
  const std::string_view path(request.path);
  if (path == "/services/oauth2/token") return HandleToken(*org_, request);
  if (path == "/.well-known/openid-configuration") return HandleDiscovery(*org_, request);
  if (path == "/services/oauth2/revoke") return HandleRevoke(*org_, request);
  if (path == "/services/oauth2/authorize") return HandleAuthorize(*org_, request);
  if (path == "/services/oauth2/introspect") return HandleIntrospect(*org_, request);
  if (path == "/services/oauth2/userinfo") return HandleUserInfo(*org_, request);
  if (path == "/.well-known/auth-configuration") return HandleAuthConfiguration(*org_, request);
  if (path == "/id/keys") return HandleKeys(*org_, request);
  if (path.starts_with("/id/")) return HandleIdentity(*org_, request);
  if (IsDataPath(path)) {
    // The login host lists versions (no session needed) but serves no org's data.
    if (IsLoginHost(request.host) && path != "/services/data" && path != "/services/data/") {
      return CatalogueError("rest.NOT_FOUND");
    }
    return HandleRest(*org_, request);
  }
  return CatalogueError("rest.NOT_FOUND");
}

}  // namespace sfh::mock
