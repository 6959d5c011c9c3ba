// Reading the journal the way checks need it: which exchange is a token request or a REST
// call, what a token response granted, which token a call presented. Pure functions.
#ifndef SFH_HARNESS_CHECKS_EXCHANGE_VIEW_H_
#define SFH_HARNESS_CHECKS_EXCHANGE_VIEW_H_

#include <optional>
#include <string>

#include "harness/runner/result.h"
#include "mock_server/journal/journal.h"
#include "mock_server/org/org.h"

namespace sfh::harness {

bool IsTokenRequest(const mock::Exchange& e);
// A call to the versioned data API (/services/data/vNN.N/...), which needs a session.
bool IsRestCall(const mock::Exchange& e);
// A response of 401 INVALID_SESSION_ID.
bool IsInvalidSession(const mock::Exchange& e);
bool IsSuccess(const mock::Exchange& e);  // 2xx

struct GrantedToken {
  std::string access_token;
  std::string instance_url;
};
// What a successful token response granted; nullopt for anything else.
std::optional<GrantedToken> GrantOf(const mock::Exchange& e);

// The token an exchange presented with "Bearer" (any case), or nullopt.
std::optional<std::string> BearerTokenOf(const mock::Exchange& e);
// The Authorization scheme an exchange used ("Bearer", "OAuth", ...), or nullopt.
std::optional<std::string> AuthorizationSchemeOf(const mock::Exchange& e);

// The base URL of the virtual host that received `e`.
std::string BaseUrlOf(const mock::Exchange& e, const mock::HostUrls& hosts);

// "POST login /services/oauth2/token -> 400": one line about an exchange for evidence.
std::string Describe(const mock::Exchange& e);
Evidence EvidenceFor(const mock::Exchange& e, std::string note = "");

}  // namespace sfh::harness

#endif  // SFH_HARNESS_CHECKS_EXCHANGE_VIEW_H_
