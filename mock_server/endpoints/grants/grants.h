// The grants of POST /services/oauth2/token, one file each. Each takes the parsed request and
// answers the token response or a catalogue error.
#ifndef SFH_MOCK_SERVER_ENDPOINTS_GRANTS_GRANTS_H_
#define SFH_MOCK_SERVER_ENDPOINTS_GRANTS_GRANTS_H_

#include "mock_server/endpoints/token.h"

namespace sfh::mock {

// grant_type=client_credentials (salesforce-wire.md 1 and 2.1): authenticates the client, checks
// the app's settings and policies and the Run As user, and issues an access token for that user.
HttpResponse HandleClientCredentials(Org& org, const TokenRequest& request);

// grant_type=authorization_code: redeems a code from /services/oauth2/authorize once, checking
// redirect_uri and the PKCE code_verifier (wire.md 2.2).
HttpResponse HandleAuthorizationCode(Org& org, const TokenRequest& request);

// grant_type=refresh_token: a new access token from a live refresh token.
HttpResponse HandleRefreshToken(Org& org, const TokenRequest& request);

// grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer: an access token for the user a JWT
// signed with the app's certificate names (RFC 7523; wire.md 2.1 lists its errors).
HttpResponse HandleJwtBearer(Org& org, const TokenRequest& request);

}  // namespace sfh::mock

#endif  // SFH_MOCK_SERVER_ENDPOINTS_GRANTS_GRANTS_H_
