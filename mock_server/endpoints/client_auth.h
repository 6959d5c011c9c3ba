// Client authentication at the token, introspection and revocation endpoints: HTTP Basic
// (client_secret_basic), client_id and client_secret in the body (client_secret_post), or a
// signed client assertion (private_key_jwt), the three methods discovery lists (CONFIRMED,
// salesforce-wire.md 3).
#ifndef SFH_MOCK_SERVER_ENDPOINTS_CLIENT_AUTH_H_
#define SFH_MOCK_SERVER_ENDPOINTS_CLIENT_AUTH_H_

#include <expected>
#include <string>

#include "mock_server/http/message.h"
#include "mock_server/org/org.h"
#include "salesforce/form.h"

namespace sfh::mock {

enum class ClientAuthMethod { kNone, kSecretBasic, kSecretPost, kPrivateKeyJwt };

struct ClientAuth {
  const AppConfig* app = nullptr;
  ClientAuthMethod method = ClientAuthMethod::kNone;
};

// kRequired: the client must prove itself. kOptional: a client_id alone names the app (public
// clients with PKCE, refresh); a secret, when sent, must still be right.
enum class ClientProof { kRequired, kOptional };

// The app the request authenticates as, or the catalogue id of the error to answer:
// token.invalid_client_id (unknown consumer key), token.invalid_client (wrong secret, malformed
// Basic header), token.app_not_found (an External Client App not installed here), or an
// assertion error. HTTP Basic wins when both Basic and body credentials are sent, unless the
// org's choices say they must agree (WireChoices::basic_and_body_must_agree).
std::expected<ClientAuth, std::string> AuthenticateClient(const Org& org,
                                                          const HttpRequest& request,
                                                          const salesforce::Form& params,
                                                          ClientProof proof);

// Verifies a private_key_jwt client assertion for the app it names (iss and sub are the consumer
// key). Defined in grants/jwt_bearer.cc beside the JWT bearer grant, which reads assertions the
// same way.
std::expected<const AppConfig*, std::string> VerifyClientAssertion(const Org& org,
                                                                   const HttpRequest& request,
                                                                   std::string_view assertion);

}  // namespace sfh::mock

#endif  // SFH_MOCK_SERVER_ENDPOINTS_CLIENT_AUTH_H_
