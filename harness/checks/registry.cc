#include "harness/checks/registry.h"

#include "harness/checks/all_checks.h"

namespace sfh::harness {
namespace {

// Report order: the token request, how its answer is used, the session's life, limits and
// faults, the outcome, secrets.
const CheckDefinition* const kAll[] = {
    &kEnsureTokenRequestIsFormEncodedPost,
    &kEnsureNoSecretInUrl,
    &kEnsureClientAuthenticatesOnce,
    &kEnsureNoAuthorizationCodeParameters,
    &kEnsureNoScopeUnlessConfigured,
    &kEnsureTokenRequestedFromMyDomain,
    &kEnsureRestCallsUseInstanceUrl,
    &kEnsureRestCallsSendBearerToken,
    &kEnsureSignatureVerified,
    &kEnsureTokenIsReused,
    &kEnsureNoTokenRequestStorm,
    &kEnsureReauthenticatesOnceAfterInvalidSession,
    &kEnsureNoHotRetryAfterLimitExceeded,
    &kEnsureRetryAfterHonoured,
    &kEnsureBoundedRetriesWithBackoff,
    &kEnsureHangCutByClientTimeout,
    &kEnsureRequestedCallsSucceed,
    &kEnsureClientExitStatusMatches,
    &kEnsureNoSecretInHeaders,
    &kEnsureNoSecretInClientOutput,
    &kEnsureTokenRevokedAtExit,
};

}  // namespace

std::span<const CheckDefinition* const> AllChecks() { return kAll; }

const CheckDefinition* FindCheck(std::string_view id) {
  for (const auto* check : kAll) {
    if (check->id == id) return check;
  }
  return nullptr;
}

}  // namespace sfh::harness
