// Reading the journal the way checks need it: which exchange is a token request or a REST
// call, what a token response granted, which token a call presented. Pure functions.
#ifndef SFH_HARNESS_CHECKS_EXCHANGE_VIEW_H_
#define SFH_HARNESS_CHECKS_EXCHANGE_VIEW_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
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
// Whether the answer is a REST error list ([{"message", "errorCode"}, ...]) naming `code`.
bool HasErrorCode(const mock::Exchange& e, std::string_view code);
// A response of 401 INVALID_SESSION_ID.
bool IsInvalidSession(const mock::Exchange& e);
bool IsSuccess(const mock::Exchange& e);  // 2xx

// When the exchange ended for the client: received_at + elapsed, plus a wire delay, plus the
// time a hang held the connection (until the client or the mock gave up).
std::chrono::system_clock::time_point AnsweredAt(const mock::Exchange& e);
// Milliseconds from `earlier`'s answer to `later`'s arrival (negative when they overlapped).
int64_t GapMs(const mock::Exchange& earlier, const mock::Exchange& later);

// The client got no usable answer: a connection reset, closed or held without a response, or a
// body broken on the wire (wire faults).
bool IsConnectionFault(const mock::Exchange& e);
// A 5xx answer, or a connection fault: worth a bounded retry after a pause.
bool IsTransientFailure(const mock::Exchange& e);
// An answer carrying REQUEST_LIMIT_EXCEEDED (403 for the daily and concurrent limits).
bool IsLimitExceeded(const mock::Exchange& e);
// The whole seconds of a Retry-After header in delta form; nullopt when absent or a date.
std::optional<int> RetryAfterSecondsOf(const mock::Exchange& e);
// Another request for the same method and target: a retry of `e` when it follows it.
bool SameRequest(const mock::Exchange& a, const mock::Exchange& b);

struct GrantedToken {
  std::string access_token;
  std::string instance_url;
  std::string id;         // the identity URL
  std::string issued_at;  // as sent (a string of milliseconds)
  std::optional<std::string> signature;
};
// What a successful token response granted; nullopt for anything else.
std::optional<GrantedToken> GrantOf(const mock::Exchange& e);

// The parameters a request sent, as the token endpoint reads them (mock::RequestParams); none
// when they are malformed.
salesforce::Form ParamsOf(const mock::Exchange& e);
// A token request for the client credentials grant.
bool IsClientCredentialsRequest(const mock::Exchange& e);

// The credential an exchange presented in Authorization under any scheme but Basic ("Bearer
// x", "OAuth x"): the token it used, rightly or not; nullopt when none.
std::optional<std::string> PresentedTokenOf(const mock::Exchange& e);
// The token an exchange presented with "Bearer" (any case), or nullopt.
std::optional<std::string> BearerTokenOf(const mock::Exchange& e);
// The Authorization scheme an exchange used ("Bearer", "OAuth", ...), or nullopt.
std::optional<std::string> AuthorizationSchemeOf(const mock::Exchange& e);

// Whether `text` holds `secret`, as is or once percent-decoded: %-escapes must not hide it.
bool ContainsSecret(std::string_view text, std::string_view secret);

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
