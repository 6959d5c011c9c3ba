// The configuration of a mock org: what a scenario's "org" section says. Plain values; the
// parser fills defaults so the org model never sees a missing field. The format is documented
// in scenarios/FORMAT.md.
#ifndef SFH_MOCK_SERVER_ORG_ORG_CONFIG_H_
#define SFH_MOCK_SERVER_ORG_ORG_CONFIG_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "mock_server/scenario/json_reader.h"

namespace sfh::mock {

enum class OrgKind {
  kProduction,  // identity URLs on login.salesforce.com
  kSandbox,     // identity URLs on test.salesforce.com
};

// Which host the token response's instance_url names.
enum class InstanceUrlHost {
  kMyDomain,        // the default since enhanced domains (CONFIRMED, salesforce-wire.md 6)
  kLegacyInstance,  // a pre-enhanced-domains instance host such as na123.salesforce.com
};

struct UserConfig {
  std::string username;
  std::string id;  // 18-character 005 id; generated when absent
  bool active = true;
};

// An External Client App (or classic Connected App) as the org sees it.
struct AppConfig {
  std::string name;
  std::string client_id;      // generated when absent
  std::string client_secret;  // generated when absent
  // The owner's switch: ExtlClntAppGlobalOauthSettings.isClientCredentialsFlowEnabled.
  bool settings_client_credentials = true;
  // The admin's switch: ExtlClntAppOauthConfigurablePolicies.isClientCredentialsFlowEnabled.
  bool policies_client_credentials = true;
  // ExtlClntAppOauthConfigurablePolicies.clientCredentialsFlowUser; nullopt when unset.
  std::optional<std::string> run_as;
  // Wire scope names configured on the app (ExtlClntAppOauthSettings.commaSeparatedOauthScopes).
  std::vector<std::string> scopes = {"api"};
  bool credentials_generated = false;  // client_id/secret were made up at load, not given
};

struct RecordConfig {
  std::string id;  // 18 characters; generated when absent
  std::map<std::string, std::string> fields;  // "Name" -> "Acme"; Id is not repeated here
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
};

struct OrgConfig {
  std::string my_domain = "acme";  // the My Domain name: acme.my.salesforce.com
  OrgKind kind = OrgKind::kProduction;
  std::string org_id;              // 18-character 00D id; generated when absent
  int session_timeout_minutes = 120;
  int latest_api_version = 67;
  int daily_api_limit = 15000;
  InstanceUrlHost instance_url = InstanceUrlHost::kMyDomain;
  std::vector<UserConfig> users;
  std::vector<AppConfig> apps;
  std::vector<RecordConfig> accounts;  // the Account records
  WireChoices choices;
};

// Reads an "org" object. Fills generated ids and credentials, and the default data set
// (three accounts, one integration user) when the section leaves them out.
OrgConfig ReadOrgConfig(ObjectReader& reader);

// The built-in demo org: one app whose credentials are fixed, documented mock values.
OrgConfig DemoOrgConfig();

inline constexpr char kDemoClientId[] =
    "3MVG9sfmockDEMO.ConsumerKey.NotASecret.UseOnlyWithTheMock.0000000000000000000000000000";
inline constexpr char kDemoClientSecret[] =
    "SFMOCKDEMOSECRET0000000000000000000000000000000000000000000000000";

}  // namespace sfh::mock

#endif  // SFH_MOCK_SERVER_ORG_ORG_CONFIG_H_
