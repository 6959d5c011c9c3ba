// The token endpoint's success body, shared by every grant.
#ifndef SFH_MOCK_SERVER_ENDPOINTS_GRANTS_TOKEN_RESPONSE_H_
#define SFH_MOCK_SERVER_ENDPOINTS_GRANTS_TOKEN_RESPONSE_H_

#include <string>

#include "mock_server/http/message.h"
#include "mock_server/org/org.h"

namespace sfh::mock {

// `issued_at` as Salesforce writes it: a string of epoch milliseconds (CONFIRMED, wire.md 1.3).
std::string IssuedAtMillis(const Session& session);

// 200 with the token response for `session`, in the key order of Salesforce's samples:
// access_token, refresh_token (when given), signature, token_format, scope, instance_url,
// api_instance_url (with API-platform scopes), id, token_type, issued_at (wire.md 9.1, 9.2).
// No expires_in, ever.
HttpResponse TokenSuccess(const Org& org, const AppConfig& app, const Session& session,
                          const std::string& refresh_token);

}  // namespace sfh::mock

#endif  // SFH_MOCK_SERVER_ENDPOINTS_GRANTS_TOKEN_RESPONSE_H_
