#include "mock_server/endpoints/token.h"

#include "mock_server/endpoints/grants/grants.h"
#include "mock_server/endpoints/responses.h"

namespace sfh::mock {

HttpResponse HandleToken(Org& org, const HttpRequest& request) {
  if (request.method != "POST") return CatalogueError("token.must_use_post");
  // A body that is not form-encoded (JSON, say) carries no parameters Salesforce can read, so
  // grant_type is missing and the answer is unsupported_grant_type (INFERRED, wire.md 1.1).
  // Parameters in the query string of the POST are read too, as Salesforce does for the many
  // old examples that put them there; checks flag a secret in a URL.
  const auto& params = RequestParams(request);
  if (!params) return CatalogueError("token.unsupported_grant_type");

  const TokenRequest token_request{request, *params};
  const auto grant_type = token_request.params.Get("grant_type");
  if (grant_type == "client_credentials") return HandleClientCredentials(org, token_request);
  if (grant_type == "authorization_code") return HandleAuthorizationCode(org, token_request);
  if (grant_type == "refresh_token") return HandleRefreshToken(org, token_request);
  if (grant_type == "urn:ietf:params:oauth:grant-type:jwt-bearer") {
    return HandleJwtBearer(org, token_request);
  }
  return CatalogueError("token.unsupported_grant_type");
}

}  // namespace sfh::mock
