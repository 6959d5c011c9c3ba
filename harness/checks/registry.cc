#include "harness/checks/registry.h"

#include "harness/checks/all_checks.h"

namespace sfh::harness {
namespace {

// Report order: the token request, then how its answer is used, then the session's life.
const CheckDefinition* const kAll[] = {
    &kEnsureTokenRequestIsFormEncodedPost,
    &kEnsureNoSecretInUrl,
    &kEnsureClientAuthenticatesOnce,
    &kEnsureNoAuthorizationCodeParameters,
    &kEnsureTokenRequestedFromMyDomain,
    &kEnsureRestCallsUseInstanceUrl,
    &kEnsureRestCallsSendBearerToken,
    &kEnsureTokenIsReused,
    &kEnsureReauthenticatesOnceAfterInvalidSession,
    &kEnsureRequestedCallsSucceed,
    &kEnsureClientExitStatusMatches,
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
