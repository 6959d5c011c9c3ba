// Reading the journal the way checks need it: which exchange is a token request or a REST
// call, what a token response granted, which token a call presented. Pure functions.
#ifndef SFH_HARNESS_CHECKS_EXCHANGE_VIEW_H_
#define SFH_HARNESS_CHECKS_EXCHANGE_VIEW_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "harness/checks/check.h"
#include "harness/runner/result.h"
#include "mock_server/journal/journal.h"
#include "mock_server/org/org.h"
#include "salesforce/form.h"

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

// The parameters a request sent, as the token endpoint reads them (mock::RequestParams); none
// when they are malformed.
salesforce::Form ParamsOf(const mock::Exchange& e);
// A token request for the client credentials grant.
bool IsClientCredentialsRequest(const mock::Exchange& e);

// The token an exchange presented with "Bearer" (any case), or nullopt.
std::optional<std::string> BearerTokenOf(const mock::Exchange& e);
// The Authorization scheme an exchange used ("Bearer", "OAuth", ...), or nullopt.
std::optional<std::string> AuthorizationSchemeOf(const mock::Exchange& e);

// The base URL of the virtual host that received `e`.
std::string BaseUrlOf(const mock::Exchange& e, const mock::HostUrls& hosts);

// "POST login /services/oauth2/token -> 400": one line about an exchange for evidence.
std::string Describe(const mock::Exchange& e);
Evidence EvidenceFor(const mock::Exchange& e, std::string note = "");

// The words of a JudgeEach verdict: "<n> of <seen> <what> <failure>" when some exchange broke
// the rule, "<seen> <what>, <success>" when none did, `none` when none was judged.
struct EachWording {
  std::string_view what;     // "token requests"
  std::string_view none;     // "the client made no token request"
  std::string_view failure;  // "did not go to the My Domain; ..."
  std::string_view success;  // "all to the My Domain"
};

// The verdict of a rule every exchange that `select` picks must keep: `problem` returns a note
// for an exchange that breaks it, nullopt for one that keeps it. SKIPPED when nothing was
// picked, FAILED with one evidence line per offending exchange, PASSED otherwise.
CheckVerdict JudgeEach(
    const std::vector<mock::Exchange>& exchanges, bool (*select)(const mock::Exchange&),
    const std::function<std::optional<std::string>(const mock::Exchange&)>& problem,
    const EachWording& wording);

}  // namespace sfh::harness

#endif  // SFH_HARNESS_CHECKS_EXCHANGE_VIEW_H_
