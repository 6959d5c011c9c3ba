#include "salesforce/catalogue.h"

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <vector>

#include "salesforce/form.h"

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
     "The consumer key is right but the consumer secret is wrong or rotated. A client that sends "
     "credentials both in the body and in HTTP Basic may be judged by either (which one "
     "Salesforce reads is unverified), so a wrong secret in one of them can cause this.",
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
    {"token.inactive_user_refresh", S::kToken, 400, "invalid_grant", "inactive user", P::kInferred,
     "restforce/restforce#303 ('invalid_grant: inactive user' for some users whose "
     "omniauth-salesforce tokens restforce refreshes; restforce prints 'error: "
     "error_description'); Marketo Sales Connect's Salesforce sync errors (AdobeDocs/marketo.*: "
     "INACTIVE_USER, 'invalid_grant: inactive user', the Salesforce user is no longer active); "
     "Crossbeam's Salesforce troubleshooting notes "
     "(the connecting user deactivated or removed); the 400 status is assumed like every token "
     "error. Whether client credentials answers it for an inactive Run As user is UNVERIFIED",
     "Refresh token flow: the user who authorized the app, and whose refresh token the client "
     "holds, has been deactivated since.",
     "Reactivate the user (Setup > Users > Edit > Active), or have an active user authorize the "
     "app again and store the new refresh token. For an unattended integration use a dedicated "
     "integration user: for client credentials the Run As user "
     "(ExtlClntAppOauthConfigurablePolicies.clientCredentialsFlowUser)."},
    {"token.audience_validation_failed", S::kToken, 400, "invalid_grant",
     "Audience validation failed", P::kConfirmed,
     "help.salesforce.com xcloud.remoteaccess_oauth_flow_errors.htm",
     "JWT or SAML bearer: the assertion's audience is not one the host accepts (help's wording; "
     "field captures more often show 'audience is invalid', token.audience_is_invalid).",
     "Set the assertion's aud to https://login.salesforce.com (production, Developer Edition) or "
     "https://test.salesforce.com (sandboxes); field reports say a My Domain URL is refused."},
    {"token.audience_is_invalid", S::kToken, 400, "invalid_grant", "audience is invalid",
     P::kInferred,
     "omniphx/forrest#302 (this exact body, 400, for aud the My Domain URL); "
     "salesforce.stackexchange.com q/184363; a Confluent Salesforce connector log; "
     "forcedotcom/datacloud-jdbc#132 (aud sent as an array). The help's JWT example says "
     "'Audience validation failed' (token.audience_validation_failed); field captures outnumber it",
     "JWT bearer flow: the assertion's aud is not an audience the host posted to accepts: a My "
     "Domain URL, https://login.salesforce.com posted to test.salesforce.com for a sandbox (or "
     "the reverse), http instead of https, a path such as /services/oauth2/token, or an array "
     "instead of one string.",
     "Set aud to one string: https://login.salesforce.com for a production or Developer Edition "
     "org, https://test.salesforce.com for a sandbox (Setup > Sandboxes lists them), and post to "
     "that host or the org's My Domain. No Setup page or app setting "
     "(ExtlClntAppGlobalOauthSettings) changes the accepted audiences."},
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
    {"token.must_use_post", S::kToken, 400, "invalid_request", "must use HTTP POST", P::kInferred,
     "amazon-connect/amazon-connect-salesforce-cti#43 logs this pair from the token endpoint; "
     "the 400 status is assumed like every other token error (not in salesforce-wire.md)",
     "The token request was sent with GET (or another method) instead of POST.",
     "Send the token request as an HTTP POST with an application/x-www-form-urlencoded body."},
    // JWT bearer and private_key_jwt assertions (the JWT rows of section 2.1, found since).
    {"token.invalid_assertion", S::kToken, 400, "invalid_grant", "invalid assertion", P::kInferred,
     "frankkessler/salesforce-laravel-oauth2-rest#68 (400 from /services/oauth2/token); "
     "forcedotcom/sfdx-travisci#135 (the CLI reports it; fixed by the key matching the app's "
     "certificate); salesforce.stackexchange.com 'Authorization via JWT yields an invalid "
     "assertion error' (400, the private key sent as the assertion); airbytehq/airbyte#80788 lists "
     "it among Salesforce's documented JWT invalid_grant descriptions",
     "JWT bearer flow or private_key_jwt: the assertion's signature does not verify with the "
     "certificate uploaded to the app (another or a regenerated key pair); the assertion is not a "
     "signed JWT at all (the private key or a bare claims set was sent); or it is malformed (not "
     "three base64url segments, alg other than RS256).",
     "Sign the assertion RS256 with the private key whose certificate is on the app: Setup > "
     "External Client App Manager > the app > Settings > OAuth Settings, upload the certificate "
     "(ExtlClntAppGlobalOauthSettings.certificate; for a Connected App, Use digital signatures, "
     "ConnectedApp oauthConfig.certificate). After regenerating the key pair, upload the new "
     "certificate."},
    {"token.jwt_expired", S::kToken, 400, "invalid_grant", "expired authorization code",
     P::kInferred,
     "salesforce.stackexchange.com q/282513 (JWT bearer through Auth.JWTBearerTokenExchange: an "
     "assertion whose exp had passed on arrival got this pair, 400); q/18039 (SAML bearer: clock "
     "skew gave the same pair). The same pair as token.expired_authorization_code, which a "
     "matcher finds first",
     "JWT or SAML bearer flow: the assertion's exp is already past when Salesforce checks it: a "
     "validity of seconds, exp computed in the wrong unit or time zone, or the client's clock "
     "running behind.",
     "Set exp a few minutes ahead, in seconds since the epoch (RFC 7519 NumericDate), and keep the "
     "client's clock synchronised (NTP). Nothing in Setup or in the app's metadata changes this "
     "check."},
    // Codes from older Salesforce docs (section 2.1): descriptions UNVERIFIED.
    {"token.inactive_user", S::kToken, 400, "inactive_user", "user is inactive", P::kUnverified,
     "code: older Salesforce OAuth error-code table (bayyabuzz.blogspot.com copy, "
     "salesforce-wire.md 2.1); description UNVERIFIED, chosen for this catalogue; status assumed "
     "400 like every token error",
     "The user the token would be issued to is deactivated: for client credentials the Run As "
     "(execution) user.",
     "Activate the user (Setup > Users > Edit > Active) or set Run As to an active integration "
     "user (Policies > OAuth Policies > Client Credentials Flow; "
     "ExtlClntAppOauthConfigurablePolicies.clientCredentialsFlowUser)."},
    {"token.inactive_org", S::kToken, 400, "inactive_org",
     "organization is locked, closed, or suspended", P::kUnverified,
     "code: older Salesforce OAuth error-code table (bayyabuzz.blogspot.com copy, "
     "salesforce-wire.md 2.1); description UNVERIFIED, chosen for this catalogue; status assumed "
     "400 like every token error",
     "The org is locked, closed or suspended: an expired trial, a deactivated Developer Edition, a "
     "deleted sandbox, or an account hold.",
     "No Setup page or metadata setting can fix this from inside the org: the org's admin or "
     "Salesforce must reactivate it; for a sandbox, refresh or create it again and use its new "
     "My Domain and consumer key."},
    {"token.rate_limit_exceeded", S::kToken, 400, "rate_limit_exceeded",
     "number of logins exceeded", P::kUnverified,
     "code: older Salesforce OAuth error-code table (bayyabuzz.blogspot.com copy, "
     "salesforce-wire.md 2.1); description UNVERIFIED, chosen for this catalogue; status assumed "
     "400 like every token error",
     "Too many logins for one user: a client that requests a new token for every call instead of "
     "reusing it until INVALID_SESSION_ID.",
     "Reuse the access token until the REST API answers 401 INVALID_SESSION_ID; Setup > Login "
     "History shows the failures. No setting or metadata raises the limit."},
    {"token.login_rate_exceeded", S::kToken, 400, "invalid_grant", "login rate exceeded",
     P::kUnverified,
     "limit CONFIRMED: help.salesforce.com KB 000233559 (3,600 logins per user per hour; Login "
     "History shows 'Login Rate Exceeded'); the token endpoint's body is UNVERIFIED "
     "(salesforce-wire.md 2.1 and 10): this pair was chosen for this catalogue",
     "More than 3,600 logins in an hour for the Run As user: every client credentials token "
     "request is a login, so a client that fetches a token per API call reaches it.",
     "Cache the token and reuse it until INVALID_SESSION_ID, then fetch one new token; spread "
     "integrations over several Run As users if they really need that many logins "
     "(clientCredentialsFlowUser per app). Setup > Login History shows 'Login Rate Exceeded'."},
    // Revoke (section 4.1). The body encoding is UNVERIFIED; JSON like the token endpoint.
    {"revoke.invalid_token", S::kRevoke, 400, "invalid_token", "Token was invalid", P::kConfirmed,
     "developer.salesforce.com Mobile SDK oauth-revoking-tokens; body encoding UNVERIFIED",
     "The token is unknown, already revoked or expired.",
     "Nothing to fix for a token that is gone; otherwise send the exact token as token=..."},
    {"revoke.unsupported_token_type", S::kRevoke, 400, "unsupported_token_type",
     "Token type not supported", P::kConfirmed,
     "developer.salesforce.com Mobile SDK oauth-revoking-tokens; body encoding UNVERIFIED",
     "The value sent is not an access or refresh token.",
     "Send an access token or a refresh token as token=..."},
    // Authorize endpoint (sections 2.2 and 9.3). 302 entries redirect to the callback.
    {"authorize.access_denied", S::kAuthorize, 302, "access_denied",
     "end-user denied authorization", P::kConfirmed,
     "help.salesforce.com xcloud.remoteaccess_oauth_flow_errors.htm (web server flow: the error "
     "in the callback's query; the page spells it error=access-denied, taken as a typo); the "
     "description and its form encoding as in salesforce-wire.md 2.2 and 9.3",
     "The user clicked Deny on the approval page, or closed it; the app asked for consent the "
     "user did not give.",
     "Nothing to fix in the app: ask the user again. To skip the approval page, set Permitted "
     "Users to 'Admin approved users are pre-authorized' and assign the users' profiles or "
     "permission sets (ExtlClntAppOauthConfigurablePolicies.permittedUsersPolicyType: "
     "AdminApprovedPreAuthorized, commaSeparatedProfile / commaSeparatedPermissionSet). Client "
     "credentials has no approval page."},
    {"authorize.redirect_uri_mismatch", S::kAuthorize, 400, "redirect_uri_mismatch",
     "redirect_uri must match configuration", P::kInferred,
     "PTC ServiceMax troubleshooting doc and a Java client comment (salesforce-wire.md 2.2); "
     "answered on Salesforce's own page, not redirected, since the URI is the wrong one; "
     "integrators record it as error=redirect_uri_mismatch&error_description=redirect_uri%20must"
     "%20match%20configuration (%20 and + decode alike); the 400 status is assumed",
     "redirect_uri is not exactly one of the app's Callback URLs: another scheme, host, port, "
     "path or trailing slash, or a URL that was never added.",
     "Add the exact redirect_uri to the app's Callback URL list (Setup > External Client App "
     "Manager > the app > Settings > OAuth Settings > Callback URL; "
     "ExtlClntAppGlobalOauthSettings.callbackUrl), or send one that is listed."},
    {"authorize.OAUTH_EC_APP_NOT_FOUND", S::kAuthorize, 302, "OAUTH_EC_APP_NOT_FOUND",
     "External client app is not installed in this org", P::kInferred,
     "salesforce-wire.md 2.1 and 9.3 (redirect form of app_not_found, several repos in public "
     "code)",
     "The External Client App is not installed in, or not reachable from, the org the user logs "
     "in to: the wrong login host or My Domain, or an app of another org.",
     "Install the app's package in the org (Setup > External Client App Manager lists it), or "
     "send the user to the My Domain of the org that owns the app."},
    {"authorize.OAUTH_APP_ACCESS_DENIED", S::kAuthorize, 302, "OAUTH_APP_ACCESS_DENIED",
     "user is not admin approved to access this app", P::kInferred,
     "Microsoft Sales Copilot troubleshooting doc (salesforce-wire.md 2.1: "
     "error=OAUTH_APP_ACCESS_DENIED&error_description=user is not admin approved to access this "
     "app); the redirect form of token.invalid_app_access",
     "Permitted Users is 'Admin approved users are pre-authorized' and the user's profile or "
     "permission set is not assigned to the app.",
     "Assign the user's profile or a permission set to the app in Policies > OAuth Policies "
     "(ExtlClntAppOauthConfigurablePolicies.commaSeparatedProfile / "
     "commaSeparatedPermissionSet), or set Permitted Users to 'All users may self-authorize' "
     "(permittedUsersPolicyType: AllSelfAuthorized)."},
    {"authorize.invalid_client_id", S::kAuthorize, 400, "invalid_client_id",
     "client identifier invalid", P::kInferred,
     "salesforce-wire.md 2.2 (a bad client_id at /authorize gives this JSON; not a redirect, "
     "since an unknown app has no callback to trust); the 400 status is assumed like the token "
     "endpoint's",
     "client_id is not the consumer key of an app in this org: a typo, another org's or "
     "sandbox's key, or an app created minutes ago that has not propagated.",
     "Copy the Consumer Key from Setup > External Client App Manager > the app > Settings > "
     "OAuth Settings > Consumer Key and Secret (ExtlClntAppGlobalOauthSettings.consumerKey); a "
     "refreshed sandbox has its own key.",
     /*error_code_first=*/false, /*json_body=*/true},
    {"authorize.unsupported_response_type", S::kAuthorize, 302, "unsupported_response_type",
     "response type not supported", P::kUnverified,
     "code from RFC 6749 4.1.2.1; description UNVERIFIED, chosen for this catalogue after the "
     "wording of Salesforce's older OAuth error tables; the redirect is assumed (RFC 6749 "
     "redirects once client_id and redirect_uri are valid)",
     "response_type is missing or not one Salesforce serves: discovery lists code, token and "
     "'token id_token' (response_types_supported, CONFIRMED, salesforce-wire.md 3).",
     "Send response_type=code for the web server flow. The app's settings have no switch for "
     "this; client credentials never calls /authorize."},
    {"authorize.missing_code_challenge", S::kAuthorize, 302, "invalid_request",
     "missing required code challenge", P::kUnverified,
     "isPkceRequired (default true) CONFIRMED, Metadata API ExtlClntAppGlobalOauthSettings "
     "(salesforce-wire.md 2.2); the error and description UNVERIFIED, chosen for this catalogue",
     "The External Client App requires PKCE and the authorize request carried no "
     "code_challenge.",
     "Send code_challenge (the S256 hash of a random code_verifier) with "
     "code_challenge_method=S256, and the code_verifier to the token endpoint. Turning off "
     "Require Proof Key for Code Exchange (ExtlClntAppGlobalOauthSettings.isPkceRequired: false) "
     "also silences it and weakens the app."},
    // REST API (sections 5 and 9.6).
    {"rest.INVALID_SESSION_ID", S::kRest, 401, "INVALID_SESSION_ID", "Session expired or invalid",
     P::kConfirmed, "Scala client fixture; jsforce test/http-api.test.ts",
     "The access token expired (session timeout), was revoked, belongs to another org, or is "
     "missing from the Authorization header.",
     "Request a new token with client credentials and retry the call once; the session lifetime "
     "is the app's Session Timeout "
     "(ExtlClntAppOauthConfigurablePolicies.sessionTimeoutInMinutes)."},
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
     "Camel exception dump; errorcodes.md", "Too many long-running requests at once for the org.",
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
    {"rest.SERVER_UNAVAILABLE", S::kRest, 503, "SERVER_UNAVAILABLE",
     "Server temporarily unavailable. Please try again later.", P::kUnverified,
     "status CONFIRMED for the Connect REST rate limit (chatterapi intro_rate_limits.htm); "
     "SERVER_UNAVAILABLE is an API fault code (SOAP API ExceptionCode); the REST body is assumed",
     "Salesforce is briefly unavailable: maintenance, an instance under load, or a rate limit.",
     "Wait as long as Retry-After says (when sent), then retry with backoff; nothing to change "
     "in the org."},
    // Messages that vary per request are templates: "{}" is one value (section 5).
    {"rest.MALFORMED_QUERY", S::kRest, 400, "MALFORMED_QUERY", "unexpected token: {}", P::kInferred,
     "salesforce-wire.md 5; Salesforce Inspector's tests against a real org record "
     "[{\"message\":\"unexpected token: 'invalid'\",\"errorCode\":\"MALFORMED_QUERY\"}] with 400. "
     "Real messages often start with the query and 'ERROR at Row:1:Column:N' lines, which this "
     "template does not match",
     "The SOQL in q= does not parse: a misspelt keyword (FORM), a missing FROM or field list, a "
     "trailing comma, or q= not URL-encoded.",
     "Fix the SOQL (try it in the Developer Console's Query Editor) and URL-encode it in q=. No "
     "Setup or metadata change is involved."},
    {"rest.INVALID_FIELD", S::kRest, 400, "INVALID_FIELD",
     "No such column '{}' on entity '{}'. If you are attempting to use a custom field, be sure to "
     "append the '__c' after the custom field name. Please reference your WSDL or the describe "
     "call for the appropriate names.",
     P::kInferred,
     "salesforce-wire.md 5 ('No such column 'Nam' on entity 'Account'...'); the long form is the "
     "widely seen text the mock already served",
     "A field in the query does not exist on the object, is misspelt, lacks its __c suffix, or is "
     "hidden from the Run As user by field-level security.",
     "Check the name in GET /services/data/vXX.X/sobjects/<Object>/describe; grant the Run As "
     "user read access in Setup > Object Manager > the field > Set Field-Level Security, or in a "
     "permission set (PermissionSet fieldPermissions readable)."},
    {"rest.INVALID_TYPE", S::kRest, 400, "INVALID_TYPE",
     "sObject type '{}' is not supported. If you are attempting to use a custom object, be sure "
     "to append the '__c' after the entity name. Please reference your WSDL or the describe call "
     "for the appropriate names.",
     P::kInferred,
     "salesforce-wire.md 5 ('sObject type 'X' is not supported.'); the long form is the widely "
     "seen text the mock already served",
     "The object in FROM does not exist, is misspelt, lacks its __c suffix, or the Run As user "
     "has no read access to it.",
     "Check GET /services/data/vXX.X/sobjects for the name; give the Run As user Read on the "
     "object in a permission set (Setup > Permission Sets > Object Settings; PermissionSet "
     "objectPermissions allowRead)."},
    {"rest.INVALID_QUERY_LOCATOR", S::kRest, 400, "INVALID_QUERY_LOCATOR", "invalid query locator",
     P::kInferred,
     "restforce/restforce#67 ('INVALID_QUERY_LOCATOR: invalid query locator' following "
     "nextRecordsUrl); simple-salesforce#95 and SalesforceMobileSDK-iOS#1450 (open cursor "
     "limit); the 400 status is assumed",
     "The nextRecordsUrl's query locator is unknown or gone: it expired after inactivity, the user "
     "opened too many query cursors (older ones are closed), or the URL was altered or built by "
     "hand.",
     "Follow nextRecordsUrl exactly as returned, promptly and in order; on this error run the "
     "query again. Avoid many parallel paged queries for the same Run As user. No Setup or "
     "metadata setting changes the cursor limits."},
    {"rest.METHOD_NOT_ALLOWED", S::kRest, 405, "METHOD_NOT_ALLOWED",
     "HTTP Method '{}' not allowed. Allowed are {}", P::kInferred,
     "OpenFn job-writing docs quoting jsforce's error 'METHOD_NOT_ALLOWED: HTTP Method 'PATCH' not "
     "allowed. Allowed are GET,HEAD,POST'; notes in public code record 'Allowed are GET,HEAD'; the "
     "405 status per the REST API's status-code table (errorcodes.md)",
     "The resource does not take that HTTP method: for example POST or PATCH to query, or DELETE "
     "to a read-only resource.",
     "Use a method the message lists (GET for query and for reading a record). No Setup or "
     "metadata change is involved."},
    {"rest.INSUFFICIENT_ACCESS", S::kRest, 403, "INSUFFICIENT_ACCESS",
     "You do not have permission to view this record.", P::kUnverified,
     "code and 403 INFERRED (salesforce-wire.md 5; restforce/restforce#798 reports it from "
     "Salesforce); the message is UNVERIFIED: seen only in a third-party note citing the REST API "
     "Developer Guide; real messages vary with the resource",
     "The Run As user lacks the permission, object access or record sharing the resource needs "
     "(for example a setup object, or a record outside the user's sharing).",
     "Give the Run As user the permission in a permission set (Setup > Permission Sets; "
     "PermissionSet userPermissions / objectPermissions) or share the records with them; check "
     "with GET /services/data/vXX.X/sobjects/<Object>/describe as that user."},
    // Identity URL and userinfo (section 4.3 and 4.4): a 403 and one word of plain text.
    {"identity.Bad_OAuth_Token", S::kIdentity, 403, "Bad_OAuth_Token", "Bad_OAuth_Token",
     P::kInferred,
     "Drupal salesforce module issue #3191597 ('POST https://login.salesforce.com/id/... resulted "
     "in a 403 Forbidden response: Bad_OAuth_Token'); jottley/spring-social-salesforce "
     "SalesforceErrorHandler (a bare Bad_OAuth_Token body on 403); nforce (a plain-string body); "
     "forcedotcom/salesforcedx-vscode checks for it after an access-token login; "
     "forcedotcom/SalesforceMobileSDK-Android#2430 and -iOS#3398 (userinfo answers 403 for an "
     "invalid or expired token). Content type UNVERIFIED",
     "The access token sent to the identity URL or userinfo expired, was revoked, belongs to "
     "another org (or a refreshed sandbox), or is not a token at all.",
     "Request a new token and call again; unlike the REST API's 401 INVALID_SESSION_ID this is a "
     "403, so treat 403 Bad_OAuth_Token here as 'token no longer valid'. The session lifetime is "
     "the app's Session Timeout (ExtlClntAppOauthConfigurablePolicies.sessionTimeoutInMinutes)."},
    {"identity.Missing_OAuth_Token", S::kIdentity, 403, "Missing_OAuth_Token",
     "Missing_OAuth_Token", P::kInferred,
     "richardvanhook/omniauth-salesforce#13 and realdoug/omniauth-salesforce#12 (a POST to "
     "https://login.salesforce.com/id/... whose token Salesforce did not read got this body; GET "
     "fixed it); the 403 status is assumed like Bad_OAuth_Token's (UNVERIFIED). Content type "
     "UNVERIFIED",
     "No token reached the identity URL or userinfo: no Authorization: Bearer header and no "
     "oauth_token parameter, the token sent in a POST body, or the header dropped when a redirect "
     "was followed to another host.",
     "Send GET with Authorization: Bearer <access token> (the identity URL also takes "
     "?oauth_token=); when following a redirect, resend the header to the Salesforce host. No "
     "Setup or metadata change is involved."},
};

constexpr std::string_view kPlaceholder = "{}";
constexpr std::string_view kJsonContentType = "application/json;charset=UTF-8";
constexpr std::string_view kFormContentType = "application/x-www-form-urlencoded";
// UNVERIFIED: the sources record the bare word and the 403, not the Content-Type header.
constexpr std::string_view kTextContentType = "text/plain;charset=UTF-8";

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Whether `text` is `pattern` with each "{}" standing for any text (possibly empty). The first
// piece is a prefix, the last a suffix, and the pieces between are found left to right: for a
// pattern whose only wildcard matches anything, the leftmost match never loses a solution.
bool MatchesPattern(std::string_view pattern, std::string_view text) {
  size_t hole = pattern.find(kPlaceholder);
  if (hole == std::string_view::npos) return pattern == text;
  const std::string_view head = pattern.substr(0, hole);
  if (!text.starts_with(head)) return false;
  text.remove_prefix(head.size());
  pattern.remove_prefix(hole + kPlaceholder.size());
  const size_t last_hole = pattern.rfind(kPlaceholder);
  const std::string_view tail =
      last_hole == std::string_view::npos ? pattern : pattern.substr(last_hole + 2);
  if (text.size() < tail.size() || !text.ends_with(tail)) return false;
  text.remove_suffix(tail.size());
  if (last_hole == std::string_view::npos) return true;
  std::string_view middle = pattern.substr(0, last_hole);
  while (true) {
    hole = middle.find(kPlaceholder);
    const std::string_view piece = middle.substr(0, hole);
    const size_t at = text.find(piece);
    if (at == std::string_view::npos) return false;
    text.remove_prefix(at + piece.size());
    if (hole == std::string_view::npos) return true;
    middle.remove_prefix(hole + kPlaceholder.size());
  }
}

std::string Fill(std::string_view pattern, std::span<const std::string_view> args) {
  std::string out;
  size_t next = 0;
  while (true) {
    const size_t hole = pattern.find(kPlaceholder);
    if (hole == std::string_view::npos || next == args.size()) break;
    out += pattern.substr(0, hole);
    out += args[next++];
    pattern.remove_prefix(hole + kPlaceholder.size());
  }
  out += pattern;
  return out;
}

std::vector<std::string_view> Views(std::span<const std::string> args) {
  return std::vector<std::string_view>(args.begin(), args.end());
}

std::string BodyWithDescription(const CatalogueEntry& entry, std::string_view description) {
  switch (entry.surface) {
    case ErrorSurface::kRest:
      if (entry.error_code_first) {
        nlohmann::ordered_json item = {{"errorCode", entry.code}, {"message", description}};
        return nlohmann::ordered_json::array({item}).dump();
      }
      return RestErrorBody(entry.code, description);
    case ErrorSurface::kAuthorize:
      if (!entry.json_body) {
        // Form encoding, '+' for spaces, as Salesforce writes the callback's query (wire.md 9.3).
        return EncodeForm(
            {{"error", std::string(entry.code)}, {"error_description", std::string(description)}});
      }
      break;
    case ErrorSurface::kIdentity:
      return std::string(description);
    case ErrorSurface::kToken:
    case ErrorSurface::kRevoke:
      break;
  }
  nlohmann::ordered_json body = {{"error", entry.code}, {"error_description", description}};
  return body.dump();
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

std::string_view ToString(ErrorSurface surface) {
  switch (surface) {
    case ErrorSurface::kToken:
      return "token";
    case ErrorSurface::kRevoke:
      return "revoke";
    case ErrorSurface::kRest:
      return "rest";
    case ErrorSurface::kAuthorize:
      return "authorize";
    case ErrorSurface::kIdentity:
      return "identity";
  }
  return "token";
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
  for (const auto& e : kEntries) {
    if (IsTemplate(e) && MatchesPattern(Lower(e.description), needle)) return &e;
  }
  return nullptr;
}

const CatalogueEntry* MatchCatalogueEntry(std::string_view code, std::string_view description) {
  for (const auto& e : kEntries) {
    if (e.code == code && e.description == description) return &e;
  }
  for (const auto& e : kEntries) {
    if (e.code == code && IsTemplate(e) && MatchesDescription(e, description)) return &e;
  }
  return nullptr;
}

const CatalogueEntry* MatchCatalogueEntry(ErrorSurface surface, std::string_view code,
                                          std::string_view description) {
  for (const auto& e : kEntries) {
    if (e.surface == surface && e.code == code && e.description == description) return &e;
  }
  for (const auto& e : kEntries) {
    if (e.surface == surface && e.code == code && IsTemplate(e) &&
        MatchesDescription(e, description)) {
      return &e;
    }
  }
  return nullptr;
}

bool IsTemplate(const CatalogueEntry& entry) {
  return entry.description.find(kPlaceholder) != std::string_view::npos;
}

namespace {

// SOQL errors quote the query with a caret under the fault before the message:
// "\nSELECT Nam FROM Account\n       ^\nERROR at Row:1:Column:8\nNo such column ..." (INFERRED,
// a Salesforce engineer's forum sample). The message proper follows the "ERROR at" line.
std::string_view WithoutQueryPosition(std::string_view text) {
  if (!text.starts_with('\n')) return text;
  const size_t at = text.find("\nERROR at Row:");
  if (at == std::string_view::npos) return text;
  const size_t end = text.find('\n', at + 1);
  return end == std::string_view::npos ? text : text.substr(end + 1);
}

}  // namespace

bool MatchesDescription(const CatalogueEntry& entry, std::string_view text) {
  if (MatchesPattern(entry.description, text)) return true;
  return entry.surface == ErrorSurface::kRest &&
         MatchesPattern(entry.description, WithoutQueryPosition(text));
}

bool IsRedirect(const CatalogueEntry& entry) {
  return entry.surface == ErrorSurface::kAuthorize && entry.http_status >= 300 &&
         entry.http_status < 400;
}

std::string_view ContentType(const CatalogueEntry& entry) {
  switch (entry.surface) {
    case ErrorSurface::kAuthorize:
      return entry.json_body ? kJsonContentType : kFormContentType;
    case ErrorSurface::kIdentity:
      return kTextContentType;
    case ErrorSurface::kToken:
    case ErrorSurface::kRevoke:
    case ErrorSurface::kRest:
      break;
  }
  return kJsonContentType;
}

std::string ErrorBody(const CatalogueEntry& entry) {
  return BodyWithDescription(entry, entry.description);
}

std::string ErrorBody(const CatalogueEntry& entry, std::span<const std::string> args) {
  return BodyWithDescription(entry, Fill(entry.description, Views(args)));
}

std::string ErrorBody(const CatalogueEntry& entry, std::initializer_list<std::string_view> args) {
  return BodyWithDescription(entry, Fill(entry.description, args));
}

std::string ErrorMessage(const CatalogueEntry& entry, std::span<const std::string> args) {
  return Fill(entry.description, Views(args));
}

std::string ErrorMessage(const CatalogueEntry& entry,
                         std::initializer_list<std::string_view> args) {
  return Fill(entry.description, args);
}

std::string AuthorizeErrorLocation(const CatalogueEntry& entry, std::string_view redirect_uri,
                                   std::string_view state) {
  std::vector<FormField> fields = {{"error", std::string(entry.code)},
                                   {"error_description", std::string(entry.description)}};
  if (!state.empty()) fields.emplace_back("state", std::string(state));
  std::string location(redirect_uri);
  location += location.find('?') == std::string::npos ? '?' : '&';
  location += EncodeForm(fields);
  return location;
}

std::string RestErrorBody(std::string_view error_code, std::string_view message) {
  nlohmann::ordered_json item = {{"message", message}, {"errorCode", error_code}};
  // A message may quote the client's input (a query), which need not be UTF-8: bytes that are
  // not are written as U+FFFD rather than failing the answer.
  return nlohmann::ordered_json::array({item}).dump(
      -1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

namespace {

// error and error_description of a form-encoded text ("error=…&error_description=…").
const CatalogueEntry* RecognizeForm(ErrorSurface surface, std::string_view text) {
  auto form = ParseForm(text);
  if (!form) return nullptr;
  auto code = form->Get("error");
  if (!code) return nullptr;
  return MatchCatalogueEntry(surface, *code, form->Get("error_description").value_or(""));
}

}  // namespace

const CatalogueEntry* RecognizeErrorResponse(int status, std::string_view body,
                                             std::string_view location) {
  if (status >= 300 && status < 400) {
    const size_t start = location.find_first_of("?#");
    if (start == std::string_view::npos) return nullptr;
    return RecognizeForm(ErrorSurface::kAuthorize, location.substr(start + 1));
  }
  if (status < 400) return nullptr;
  const auto json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (json.is_object() && json.contains("error") && json["error"].is_string()) {
    const auto description = json.value("error_description", std::string());
    return MatchCatalogueEntry(json["error"].get<std::string>(), description);
  }
  if (json.is_array() && !json.empty() && json[0].is_object()) {
    const auto& first = json[0];
    if (!first.contains("errorCode") || !first["errorCode"].is_string()) return nullptr;
    return MatchCatalogueEntry(ErrorSurface::kRest, first["errorCode"].get<std::string>(),
                               first.value("message", std::string()));
  }
  if (body.starts_with("error=")) return RecognizeForm(ErrorSurface::kAuthorize, body);
  // The identity host answers one bare word.
  if (!body.empty() && body.find_first_of(" \t\r\n{[<") == std::string_view::npos) {
    return MatchCatalogueEntry(ErrorSurface::kIdentity, body, body);
  }
  return nullptr;
}

}  // namespace sfh::salesforce
