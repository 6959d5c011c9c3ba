// grant_type=client_credentials (salesforce-wire.md sections 1 and 2.1).
#ifndef SFH_MOCK_SERVER_ENDPOINTS_GRANTS_CLIENT_CREDENTIALS_H_
#define SFH_MOCK_SERVER_ENDPOINTS_GRANTS_CLIENT_CREDENTIALS_H_

#include "mock_server/endpoints/token.h"

namespace sfh::mock {

// Authenticates the client (HTTP Basic, or client_id and client_secret parameters), checks
// the app's settings and policies, and issues an opaque access token for the Run As user.
HttpResponse HandleClientCredentials(Org& org, const TokenRequest& request);

}  // namespace sfh::mock

#endif  // SFH_MOCK_SERVER_ENDPOINTS_GRANTS_CLIENT_CREDENTIALS_H_
