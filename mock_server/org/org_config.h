// The configuration of a mock org: what a scenario's "org" section says. Plain values; the
// parser fills defaults so the org model never sees a missing field. The format is documented
// in scenarios/FORMAT.md.
#ifndef SFH_MOCK_SERVER_ORG_ORG_CONFIG_H_
#define SFH_MOCK_SERVER_ORG_ORG_CONFIG_H_

#include <cstdint>
#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "mock_server/scenario/json_reader.h"
#include "salesforce/hosts.h"

namespace sfh::mock {

// The kind of org: production (acme.my.salesforce.com; identity URLs on login.salesforce.com),
// sandbox (acme--uat.sandbox.my.salesforce.com; identity on test.salesforce.com), Developer
// Edition (acme-dev-ed.develop.my.salesforce.com; identity on login) or scratch
// (acme-dev-ed.scratch.my.salesforce.com; identity on test, INFERRED).
using OrgKind = salesforce::OrgKind;

// Which host the token response's instance_url names.
enum class InstanceUrlHost {
  kMyDomain,        // the default since enhanced domains (CONFIRMED, salesforce-wire.md 6)
  kLegacyInstance,  // a pre-enhanced-domains instance host such as na123.salesforce.com
};

// An IPv4 range, both ends included, as Setup writes them (start and end address).
struct IpRange {
  uint32_t first = 0;
  uint32_t last = 0;
  bool Contains(uint32_t address) const { return first <= address && address <= last; }
};
// "10.0.0.1" as a number; nullopt when it is not a dotted IPv4 address.
std::optional<uint32_t> ParseIpv4(std::string_view text);

struct UserConfig {
  std::string username;
  std::string id;  // 18-character 005 id; generated when absent
  bool active = true;
  bool frozen = false;  // Setup > Users > Freeze: the user cannot log in
  std::string first_name = "Integration";
  std::string last_name = "User";
  std::string email;  // defaults to the username
  std::string profile = "Minimum Access - API Only Integrations";
  std::vector<std::string> permission_sets;
  // The profile's Login IP Ranges; empty means no restriction.
  std::vector<IpRange> login_ip_ranges;
  // Apps (by name) this user has approved interactively: what the JWT bearer flow needs when the
  // app lets users self-authorize.
  std::vector<std::string> approved_apps;
};

enum class AppKind {
  kExternalClientApp,  // ExternalClientApplication + its settings and policies (API v59.0+)
  kConnectedApp,       // a classic Connected App (no new ones from Spring '26, CONFIRMED)
};

// ExtlClntAppOauthConfigurablePolicies.permittedUsersPolicyType.
enum class PermittedUsers {
  kAllSelfAuthorized,           // AllSelfAuthorized
  kAdminApprovedPreAuthorized,  // AdminApprovedPreAuthorized
};

// ExtlClntAppOauthConfigurablePolicies.ipRelaxationPolicyType.
enum class IpRelaxation { kEnforce, kBypass, kBypass2Factor, kEnforceRelaxRefresh };

// An External Client App (or classic Connected App) as the org sees it.
struct AppConfig {
  std::string name;
  AppKind kind = AppKind::kExternalClientApp;
  // An External Client App packaged elsewhere and not installed here answers app_not_found.
  bool installed = true;
  std::string client_id;               // generated when absent
  std::string client_secret;           // generated when absent
  bool credentials_generated = false;  // client_id/secret were made up at load, not given

  // The owner's settings (ExtlClntAppGlobalOauthSettings).
  bool settings_client_credentials = true;  // isClientCredentialsFlowEnabled
  std::vector<std::string> callback_urls;   // callbackUrl; the code flow needs one
  bool pkce_required = true;                // isPkceRequired (default true for ECAs, CONFIRMED)
  bool jwt_access_tokens = false;           // isNamedUserJwtEnabled
  bool introspect_all_tokens = false;       // isIntrospectAllTokens
  std::string certificate_pem;              // certificate: JWT bearer and private_key_jwt

  // OAuth settings (ExtlClntAppOauthSettings).
  std::vector<std::string> scopes = {"api"};  // wire names of commaSeparatedOauthScopes
  std::vector<IpRange> trusted_ip_ranges;     // trustedIpRanges

  // The admin's policies (ExtlClntAppOauthConfigurablePolicies).
  bool policies_client_credentials = true;  // isClientCredentialsFlowEnabled
  std::optional<std::string> run_as;        // clientCredentialsFlowUser; nullopt when unset
  PermittedUsers permitted_users = PermittedUsers::kAllSelfAuthorized;
  std::vector<std::string> profiles;         // commaSeparatedProfile (pre-authorized)
  std::vector<std::string> permission_sets;  // commaSeparatedPermissionSet (pre-authorized)
  IpRelaxation ip_relaxation = IpRelaxation::kEnforce;
  std::optional<int> session_timeout_minutes;  // sessionTimeoutInMinutes; the org's when unset
  std::optional<int> jwt_timeout_minutes;      // namedUserJwtTimeout (Custom); session when unset

  // An External Client App not installed (or not reachable) in this org: app_not_found at the
  // token endpoint, OAUTH_EC_APP_NOT_FOUND at authorize (INFERRED, salesforce-wire.md 2.1).
  // Classic Connected Apps have no such state.
  bool NotInstalled() const { return kind == AppKind::kExternalClientApp && !installed; }
};

struct RecordConfig {
  std::string id;  // 18 characters; generated when absent
  // Every field but Id, in file order: "Name" -> "Acme". Values are JSON scalars.
  nlohmann::ordered_json fields = nlohmann::ordered_json::object();
};

// Where salesforce-wire.md has no confirmed answer, the mock's choice, switchable per org
// ("org": {"choices": {...}}; docs/wire-choices.md lists every such choice).
struct WireChoices {
  // A `scope` parameter on a client-credentials token request: rejected with invalid_request
  // "scope parameter not supported" (INFERRED, wire.md 1.1), or ignored (sources conflict, 10).
  bool reject_scope_parameter = true;
  // The catalogue entry answering when the flow is on in settings but off in policies.
  // UNVERIFIED; unsupported_grant_type is what integrators report for a disabled flow.
  std::string flow_off_in_policies_error = "token.unsupported_grant_type";
  // The catalogue entry answering when the Run As user is inactive. UNVERIFIED; assumed to fail
  // like a password login of an inactive user.
  std::string inactive_run_as_error = "token.authentication_failure";
  // The same for a frozen Run As user. UNVERIFIED; a frozen user cannot log in either.
  std::string frozen_run_as_error = "token.authentication_failure";
  // Whether "Admin approved users are pre-authorized" applies to the Run As user. Help says it
  // does not; integrators report invalid_app_access for ECAs (INFERRED, wire.md 2.1).
  bool permitted_users_apply_to_run_as = true;
  // Whether a second client-credentials request while a session lives returns the same token
  // (UNVERIFIED, wire.md 10). Default: a new token each time; earlier ones stay valid.
  bool reuse_live_token = false;
  // Whether JWT-format token responses carry `signature` (UNVERIFIED, wire.md 9.2 and 10).
  bool jwt_response_has_signature = false;
  // The catalogue entry answering a JWT bearer assertion whose `aud` is not accepted. Field
  // captures show "audience is invalid" (INFERRED); the help's example says "Audience validation
  // failed" (CONFIRMED as an example, token.audience_validation_failed).
  std::string jwt_audience_error = "token.audience_is_invalid";
  // What an instance host the org has left answers (after a migrate_instance fault, or the
  // legacy host of an org on its My Domain): a redirect to the same path on the current
  // instance, as while legacy redirections were maintained, or 401 INVALID_SESSION_ID, as since
  // they are switched off (Winter '26, areLgcyRdirMaintainedWntr26). UNVERIFIED either way.
  bool moved_instance_redirects = false;
  // A client that authenticates with HTTP Basic and also sends client_id or client_secret in
  // the body: false, Basic is used and the body's credentials are not read; true, a body value
  // that differs from Basic's is refused with invalid_client (the same values are accepted).
  // UNVERIFIED either way: RFC 6749 2.3 forbids using both, and no capture shows what
  // Salesforce answers.
  bool basic_and_body_must_agree = false;
};

// The user the mock's /services/oauth2/authorize acts as: the authorization-code flow needs a
// person to log in and approve, and the mock has none.
struct AuthorizeConfig {
  std::string username;  // the first user when empty
  bool approve = true;   // false: the user denies (access_denied)
};

struct OrgConfig {
  std::string my_domain = "acme";    // the My Domain name: acme.my.salesforce.com
  std::string sandbox_name = "uat";  // a sandbox's name: acme--uat.sandbox.my.salesforce.com
  OrgKind kind = OrgKind::kProduction;
  std::string org_id;  // 18-character 00D id; generated when absent
  int session_timeout_minutes = 120;
  int latest_api_version = 67;
  int daily_api_limit = 15000;
  // The mock clock's time when the org is loaded; it runs on from there. The real time when
  // absent.
  std::optional<std::chrono::system_clock::time_point> clock_start;
  bool api_enabled = true;      // false: every data call answers API_DISABLED_FOR_ORG
  int query_batch_size = 2000;  // records per query page; nextRecordsUrl beyond (CONFIRMED)
  InstanceUrlHost instance_url = InstanceUrlHost::kMyDomain;
  std::vector<UserConfig> users;
  std::vector<AppConfig> apps;
  // Records per object name ("Account" -> records), objects from sobjects.h.
  std::map<std::string, std::vector<RecordConfig>> records;
  AuthorizeConfig authorize;
  WireChoices choices;
};

// Reads an "org" object. Fills generated ids and credentials, and the default data set
// (three accounts, one integration user) when the section leaves them out.
OrgConfig ReadOrgConfig(ObjectReader& reader);

// A new consumer secret: 64 upper-case hex characters.
std::string NewConsumerSecret();

// The built-in demo org: one app whose credentials are fixed, documented mock values.
OrgConfig DemoOrgConfig();

inline constexpr char kDemoClientId[] =
    "3MVG9sfmockDEMO.ConsumerKey.NotASecret.UseOnlyWithTheMock.0000000000000000000000000000";
inline constexpr char kDemoClientSecret[] =
    "SFMOCKDEMOSECRET0000000000000000000000000000000000000000000000000";

}  // namespace sfh::mock

#endif  // SFH_MOCK_SERVER_ORG_ORG_CONFIG_H_
