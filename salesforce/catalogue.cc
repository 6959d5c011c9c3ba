#include "salesforce/catalogue.h"

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

namespace sfh::salesforce {
namespace {

using P = Provenance;
using S = ErrorSurface;

constexpr CatalogueEntry kEntries[] = {
    // Token endpoint, client credentials (salesforce-wire.md sections 2.1 and 9.3).
    {"token.invalid_client_id", S::kToken, 400, "invalid_client_id", "client identifier invalid",
     P::kInferred, "Scala and Python client fixtures; Sumo Logic Salesforce source docs",
     "The consumer key is unknown in this org: a typo, the key of another org or sandbox, or an "
     "app created minutes ago that has not propagated yet.",
     "Copy the Consumer Key from Setup > External Client App Manager > the app > Settings > "
     "OAuth Settings > Consumer Key and Secret (ExtlClntAppGlobalOauthSettings.consumerKey); a "
     "refreshed sandbox has its own key. Wait a few minutes after creating an app."},
    {"token.invalid_client", S::kToken, 400, "invalid_client", "invalid client credentials",
     P::kInferred, "restforce/restforce#338; Sumo Logic docs",
     "The consumer key is right but the consumer secret is wrong, rotated, or was sent in both "
     "the body and the Authorization header with different values.",
     "Copy the Consumer Secret again from the app's Consumer Key and Secret page "
     "(ExtlClntAppGlobalOauthSettings.consumerSecret); after a rotation use the new secret. Send "
     "it once, in the body or in HTTP Basic."},
    {"token.no_client_credentials_user", S::kToken, 400, "invalid_grant",
     "no client credentials user enabled", P::kInferred,
     "Sumo Logic Salesforce source troubleshooting; tap-salesforce tests; many READMEs",
     "The app has no Run As (execution) user for the client credentials flow, or the Run As "
     "value does not name an existing user (an email address instead of a username).",
     "In Setup > External Client App Manager > the app > Policies > OAuth Policies > Client "
     "Credentials Flow, set Run As to the integration user's username "
     "(ExtlClntAppOauthConfigurablePolicies.clientCredentialsFlowUser); for a Connected App, "
     "Manage > Edit Policies > Client Credentials Flow > Run As."},
    {"token.request_not_supported_on_this_domain", S::kToken, 400, "invalid_grant",
     "request not supported on this domain", P::kInferred,
     "pozil/pub-sub-api-node-client#58; simple-salesforce login.py refuses login/test",
     "The token request went to login.salesforce.com, test.salesforce.com or the setup domain; "
     "the client credentials flow only works on the org's My Domain.",
     "Send the token request to https://<MyDomain>.my.salesforce.com/services/oauth2/token (the "
     "sandbox or Developer Edition variant where it applies); read it from the org's "
     "/.well-known/openid-configuration token_endpoint."},
    {"token.no_valid_scopes_defined", S::kToken, 400, "invalid_grant", "no valid scopes defined",
     P::kInferred, "cloudwithabhi.com 2025-10-17; repos hitting the exact string",
     "Since Winter '26 full, refresh_token and offline_access are dropped for client credentials, "
     "and the app has no other scope left.",
     "Add the api scope (and any other needed scope) in the app's OAuth Settings > Selected "
     "OAuth Scopes (ExtlClntAppOauthSettings.commaSeparatedOauthScopes: Api)."},
    {"token.invalid_app_access", S::kToken, 400, "invalid_app_access",
     "user is not admin approved to access this app", P::kInferred,
     "several repos in public code; redirect form OAUTH_APP_ACCESS_DENIED",
     "Permitted Users is 'Admin approved users are pre-authorized' and the Run As user's profile "
     "or permission set is not assigned to the app.",
     "Assign the Run As user's profile or a permission set to the app in Policies > OAuth "
     "Policies (ExtlClntAppOauthConfigurablePolicies.commaSeparatedProfile / "
     "commaSeparatedPermissionSet), or set Permitted Users to 'All users may self-authorize'."},
    {"token.app_not_found", S::kToken, 400, "app_not_found",
     "External client app is not installed in this org", P::kInferred,
     "several repos in public code; redirect form OAUTH_EC_APP_NOT_FOUND",
     "The External Client App is not installed in, or not reachable from, the org the request "
     "went to; or it is used from another org.",
     "Install the app's package in the target org (Setup > External Client App Manager shows it), "
     "or send the request to the org that owns the app."},
    {"token.ip_restricted", S::kToken, 400, "invalid_grant", "ip restricted", P::kInferred,
     "MetaDeploy tests; Java samples",
     "The caller's IP address is outside the org's login IP ranges or the app's trusted ranges, "
     "and the app enforces IP restrictions.",
     "Relax IP restrictions in the app's OAuth Policies (ExtlClntAppOauthConfigurablePolicies."
     "ipRelaxationPolicyType: Bypass) or add the caller's range to "
     "ExtlClntAppOauthSettings.trustedIpRanges or the profile's Login IP Ranges."},
    {"token.authentication_failure", S::kToken, 400, "invalid_grant", "authentication failure",
     P::kUnverified,
     "CONFIRMED for the password flow (omniphx/forrest#146, simple-salesforce#753); UNVERIFIED "
     "for an inactive or frozen Run As user in the client credentials flow",
     "For client credentials, the Run As user is inactive, frozen or locked (assumed).",
     "Activate or unfreeze the Run As user in Setup > Users, or choose another active "
     "integration user as Run As (clientCredentialsFlowUser)."},
    {"token.user_not_approved", S::kToken, 400, "invalid_grant",
     "user hasn't approved this consumer", P::kConfirmed,
     "simple-salesforce login.py special-cases this exact string",
     "JWT bearer flow: the user is not pre-authorized for the app.",
     "Pre-authorize the user's profile or permission set in the app's OAuth Policies."},
    {"token.expired_token", S::kToken, 400, "invalid_grant", "expired access/refresh token",
     P::kConfirmed, "help.salesforce.com xcloud.remoteaccess_oauth_flow_errors.htm",
     "Refresh token flow: the refresh token expired or was revoked.",
     "Authorize again; client credentials never needs a refresh token."},
    {"token.audience_validation_failed", S::kToken, 400, "invalid_grant",
     "Audience validation failed", P::kConfirmed,
     "help.salesforce.com xcloud.remoteaccess_oauth_flow_errors.htm",
     "JWT or SAML bearer: the assertion's audience is not the login or My Domain URL.",
     "Set the assertion's aud to https://login.salesforce.com, https://test.salesforce.com or "
     "the My Domain URL."},
    {"token.unsupported_grant_type", S::kToken, 400, "unsupported_grant_type",
     "grant type not supported", P::kConfirmed,
     "string: forcedotcom plugin-info doctor fixture, aaronhuggins/sf-jwt-token#1; triggers "
     "INFERRED",
     "grant_type is missing or misspelled; the body is JSON instead of "
     "application/x-www-form-urlencoded; or (reported) the flow is not enabled on the app.",
     "POST grant_type=client_credentials as application/x-www-form-urlencoded; enable Client "
     "Credentials Flow in the app's OAuth Settings (ExtlClntAppGlobalOauthSettings."
     "isClientCredentialsFlowEnabled) and Policies (ExtlClntAppOauthConfigurablePolicies."
     "isClientCredentialsFlowEnabled)."},
    {"token.scope_parameter_not_supported", S::kToken, 400, "invalid_request",
     "scope parameter not supported", P::kInferred,
     "Named Credential troubleshooting notes; a Go test fixture",
     "The token request carries a scope parameter; client credentials takes its scopes from the "
     "app's configuration.",
     "Remove scope from the token request (for a Named Credential, leave the External "
     "Credential's Scope empty) and set scopes on the app instead."},
    {"token.redirect_uri_mismatch", S::kToken, 400, "redirect_uri_mismatch",
     "redirect_uri must match configuration", P::kInferred,
     "PTC ServiceMax troubleshooting doc; a Java client comment",
     "Authorization code flow: redirect_uri differs from the app's Callback URL.",
     "Make redirect_uri equal to a Callback URL of the app (ExtlClntAppGlobalOauthSettings."
     "callbackUrl); client credentials sends no redirect_uri at all."},
    {"token.invalid_authorization_code", S::kToken, 400, "invalid_grant",
     "invalid authorization code", P::kInferred, "Java client comment",
     "Authorization code flow: the code is unknown or was already used.",
     "Start the authorization again and exchange the new code once."},
    {"token.expired_authorization_code", S::kToken, 400, "invalid_grant",
     "expired authorization code", P::kInferred, "Java client comment",
     "Authorization code flow: the code was exchanged too late.",
     "Exchange the code as soon as the redirect arrives."},
    {"token.invalid_code_verifier", S::kToken, 400, "invalid_grant", "invalid code verifier",
     P::kUnverified, "only non-Salesforce mocks use this string",
     "Authorization code flow with PKCE: code_verifier does not match code_challenge.",
     "Send the code_verifier whose S256 hash was the code_challenge."},
    {"token.must_use_post", S::kToken, 400, "invalid_request", "must use HTTP POST",
     P::kInferred,
     "amazon-connect/amazon-connect-salesforce-cti#43 logs this pair from the token endpoint; "
     "the 400 status is assumed like every other token error (not in salesforce-wire.md)",
     "The token request was sent with GET (or another method) instead of POST.",
     "Send the token request as an HTTP POST with an application/x-www-form-urlencoded body."},
    // Revoke (section 4.1). The body encoding is UNVERIFIED; JSON like the token endpoint.
    {"revoke.invalid_token", S::kRevoke, 400, "invalid_token", "Token was invalid",
     P::kConfirmed,
     "developer.salesforce.com Mobile SDK oauth-revoking-tokens; body encoding UNVERIFIED",
     "The token is unknown, already revoked or expired.",
     "Nothing to fix for a token that is gone; otherwise send the exact token as token=..."},
    {"revoke.unsupported_token_type", S::kRevoke, 400, "unsupported_token_type",
     "Token type not supported", P::kConfirmed,
     "developer.salesforce.com Mobile SDK oauth-revoking-tokens; body encoding UNVERIFIED",
     "The value sent is not an access or refresh token.",
     "Send an access token or a refresh token as token=..."},
    // REST API (sections 5 and 9.6).
    {"rest.INVALID_SESSION_ID", S::kRest, 401, "INVALID_SESSION_ID", "Session expired or invalid",
     P::kConfirmed, "Scala client fixture; jsforce test/http-api.test.ts",
     "The access token expired (session timeout), was revoked, belongs to another org, or is "
     "missing from the Authorization header.",
     "Request a new token with client credentials and retry the call once; the session lifetime "
     "is the app's Session Timeout (ExtlClntAppOauthConfigurablePolicies.sessionTimeoutInMinutes)."},
    {"rest.INVALID_SESSION_ID.not_for_rest", S::kRest, 401, "INVALID_SESSION_ID",
     "This session is not valid for use with the REST API", P::kConfirmed,
     "jsforce src/http-api.ts isSessionExpired; tsmztech/mcp-server-salesforce#8",
     "The token lacks the api scope, or is a token of the wrong kind. A new token will not help.",
     "Add the api scope to the app (ExtlClntAppOauthSettings.commaSeparatedOauthScopes: Api)."},
    {"rest.REQUEST_LIMIT_EXCEEDED", S::kRest, 403, "REQUEST_LIMIT_EXCEEDED",
     "TotalRequests Limit exceeded.", P::kConfirmed,
     "Camel exception dump; C# client comment; errorcodes.md (403)",
     "The org's rolling 24-hour API request limit is used up.",
     "Back off and retry later; reduce calls or buy more API capacity. Do not retry at once."},
    {"rest.REQUEST_LIMIT_EXCEEDED.concurrent", S::kRest, 403, "REQUEST_LIMIT_EXCEEDED",
     "ConcurrentPerOrgLongTxn Limit exceeded.", P::kConfirmed,
     "Camel exception dump; errorcodes.md",
     "Too many long-running requests at once for the org.",
     "Retry with backoff and fewer concurrent long requests."},
    {"rest.API_DISABLED_FOR_ORG", S::kRest, 403, "API_DISABLED_FOR_ORG",
     "The REST API is not enabled for this Organization.", P::kInferred,
     "many client fixtures in public code",
     "The org's edition or the Run As user's profile does not have API access.",
     "Use an edition with API access and give the Run As user the API Enabled permission."},
    {"rest.NOT_FOUND", S::kRest, 404, "NOT_FOUND", "The requested resource does not exist",
     P::kInferred, "well known", "The URL names no resource: a wrong path, version or record id.",
     "Check the path, the API version (GET /services/data/ lists them) and the record id.",
     /*error_code_first=*/true},
};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::string_view ToString(Provenance p) {
  switch (p) {
    case Provenance::kConfirmed:
      return "CONFIRMED";
    case Provenance::kInferred:
      return "INFERRED";
    case Provenance::kUnverified:
      return "UNVERIFIED";
  }
  return "UNVERIFIED";
}

std::span<const CatalogueEntry> Catalogue() { return kEntries; }

const CatalogueEntry& CatalogueEntryById(std::string_view id) {
  for (const auto& e : kEntries) {
    if (e.id == id) return e;
  }
  std::fprintf(stderr, "internal error: no catalogue entry '%.*s'\n", static_cast<int>(id.size()),
               id.data());
  std::abort();
}

const CatalogueEntry* FindCatalogueEntry(std::string_view text) {
  const std::string needle = Lower(text);
  for (const auto& e : kEntries) {
    if (Lower(e.id) == needle || Lower(e.code) == needle || Lower(e.description) == needle) {
      return &e;
    }
  }
  return nullptr;
}

const CatalogueEntry* MatchCatalogueEntry(std::string_view code, std::string_view description) {
  for (const auto& e : kEntries) {
    if (e.code == code && e.description == description) return &e;
  }
  return nullptr;
}

std::string ErrorBody(const CatalogueEntry& entry) {
  if (entry.surface == ErrorSurface::kRest) {
    if (entry.error_code_first) {
      nlohmann::ordered_json item = {{"errorCode", entry.code}, {"message", entry.description}};
      return nlohmann::ordered_json::array({item}).dump();
    }
    return RestErrorBody(entry.code, entry.description);
  }
  nlohmann::ordered_json body = {{"error", entry.code}, {"error_description", entry.description}};
  return body.dump();
}

std::string RestErrorBody(std::string_view error_code, std::string_view message) {
  nlohmann::ordered_json item = {{"message", message}, {"errorCode", error_code}};
  return nlohmann::ordered_json::array({item}).dump();
}

}  // namespace sfh::salesforce
