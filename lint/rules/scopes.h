// The scopes of ExtlClntAppOauthSettings.commaSeparatedOauthScopes as the client-credentials
// flow sees them (salesforce-wire.md §1.7).
#ifndef SFH_LINT_RULES_SCOPES_H_
#define SFH_LINT_RULES_SCOPES_H_

#include <string>
#include <string_view>
#include <vector>

#include "lint/eca_project.h"

namespace sfh::lint {

struct ConfiguredScopes {
  const XmlFile* file = nullptr;   // the .ecaOauth file; nullptr when the app has none
  pugi::xml_node node;             // <commaSeparatedOauthScopes>, possibly empty
  std::vector<std::string> names;  // metadata names, trimmed, in order
};

// The app's scopes; names is empty when there is no file or no element.
ConfiguredScopes ScopesOf(const EcaApp& app);

// The wire name of a metadata scope name that Winter '26 drops for client credentials
// ("refresh_token", "offline_access", "full"), or "" for any other. Case-insensitive.
std::string_view DroppedScopeWireName(std::string_view metadata_name);

// Whether `metadata_name` is Api (the wire's `api`), case-insensitive.
bool IsApiScope(std::string_view metadata_name);

}  // namespace sfh::lint

#endif  // SFH_LINT_RULES_SCOPES_H_
