// The check definitions, one per file in this directory.
#ifndef SFH_HARNESS_CHECKS_ALL_CHECKS_H_
#define SFH_HARNESS_CHECKS_ALL_CHECKS_H_

#include "harness/checks/check.h"

namespace sfh::harness {

extern const CheckDefinition kEnsureTokenRequestIsFormEncodedPost;
extern const CheckDefinition kEnsureNoSecretInUrl;
extern const CheckDefinition kEnsureClientAuthenticatesOnce;
extern const CheckDefinition kEnsureNoAuthorizationCodeParameters;
extern const CheckDefinition kEnsureNoSecretInClientOutput;
extern const CheckDefinition kEnsureTokenRevokedAtExit;
extern const CheckDefinition kEnsureTokenRequestedFromMyDomain;
extern const CheckDefinition kEnsureRestCallsUseInstanceUrl;
extern const CheckDefinition kEnsureRestCallsSendBearerToken;
extern const CheckDefinition kEnsureTokenIsReused;
extern const CheckDefinition kEnsureReauthenticatesOnceAfterInvalidSession;
extern const CheckDefinition kEnsureRequestedCallsSucceed;
extern const CheckDefinition kEnsureClientExitStatusMatches;
extern const CheckDefinition kEnsureNoScopeUnlessConfigured;
extern const CheckDefinition kEnsureSignatureVerified;
extern const CheckDefinition kEnsureNoTokenRequestStorm;
extern const CheckDefinition kEnsureNoHotRetryAfterLimitExceeded;
extern const CheckDefinition kEnsureRetryAfterHonoured;
extern const CheckDefinition kEnsureBoundedRetriesWithBackoff;
extern const CheckDefinition kEnsureHangCutByClientTimeout;
extern const CheckDefinition kEnsureNoSecretInHeaders;

}  // namespace sfh::harness

#endif  // SFH_HARNESS_CHECKS_ALL_CHECKS_H_
