// The org's endpoints, one function per endpoint family, each request in and response out.
// OrgHandler routes a request to them by virtual host, method and path.
#ifndef SFH_MOCK_SERVER_ENDPOINTS_ENDPOINTS_H_
#define SFH_MOCK_SERVER_ENDPOINTS_ENDPOINTS_H_

#include "mock_server/http/message.h"
#include "mock_server/org/org.h"

namespace sfh::mock {

// GET /.well-known/openid-configuration on the My Domain or the login host.
HttpResponse HandleDiscovery(const Org& org, const HttpRequest& request);
// POST /services/oauth2/revoke (form token=...) and GET ?token=...
HttpResponse HandleRevoke(Org& org, const HttpRequest& request);
// GET or POST /services/oauth2/authorize: the code and user-agent flows' browser step.
HttpResponse HandleAuthorize(Org& org, const HttpRequest& request);
// POST /services/oauth2/introspect.
HttpResponse HandleIntrospect(Org& org, const HttpRequest& request);
// GET /id/keys: the JWKS that verifies JWT-based access tokens.
HttpResponse HandleKeys(const Org& org, const HttpRequest& request);
// GET /id/<org>/<user>: the identity URL.
HttpResponse HandleIdentity(Org& org, const HttpRequest& request);
// GET or POST /services/oauth2/userinfo.
HttpResponse HandleUserInfo(Org& org, const HttpRequest& request);
// GET /.well-known/auth-configuration.
HttpResponse HandleAuthConfiguration(const Org& org, const HttpRequest& request);
// /services/data/...: versions (no authentication), then per version (or `latest`) the
// resources, limits, sobjects (describe global, describe, records) and query/queryAll with paging.
HttpResponse HandleRest(Org& org, const HttpRequest& request);

// The org as one Handler. Thread-safe.
class OrgHandler : public Handler {
 public:
  explicit OrgHandler(Org& org) : org_(&org) {}
  HttpResponse Handle(const HttpRequest& request) override;

 private:
  Org* org_;
};

}  // namespace sfh::mock

#endif  // SFH_MOCK_SERVER_ENDPOINTS_ENDPOINTS_H_
