// The OAuth scopes of an app as the client-credentials flow sees them (salesforce-wire.md §1.7),
// and the findings the three scope rules of each app type share: no scope that counts, a scope
// that is dropped, no Api. External Client Apps keep their scopes in
// ExtlClntAppOauthSettings.commaSeparatedOauthScopes, Connected Apps in repeated
// ConnectedApp oauthConfig/scopes elements; the metadata names are the same.
#ifndef SFH_LINT_RULES_SCOPES_H_
#define SFH_LINT_RULES_SCOPES_H_

#include <string>
#include <string_view>
#include <vector>

#include "lint/connected_app.h"
#include "lint/eca_project.h"
#include "lint/finding.h"

namespace sfh::lint {

struct ConfiguredScopes {
  const XmlFile* file = nullptr;  // the file holding them; nullptr when the project lacks it
  // The scopes as a whole: <commaSeparatedOauthScopes> (ECA), the first <scopes> or else
  // <oauthConfig> (Connected App); possibly empty.
  pugi::xml_node node;
  std::vector<std::string> names;     // metadata names, trimmed, in order
  std::vector<pugi::xml_node> nodes;  // the element each name is in (as many as names)
};

// The app's scopes; names is empty when there is no file or no element.
ConfiguredScopes ScopesOf(const EcaApp& app);
ConfiguredScopes ScopesOf(const ConnectedApp& app);

// The wire name of a metadata scope name that Winter '26 drops for client credentials
// ("refresh_token", "offline_access", "full"), or "" for any other. Case-insensitive.
std::string_view DroppedScopeWireName(std::string_view metadata_name);

// Whether `metadata_name` is Api (the wire's `api`), case-insensitive.
bool IsApiScope(std::string_view metadata_name);

// How an app type's scopes are edited, for the fixes of the scope findings.
struct ScopeFixes {
  std::string setup;            // the Setup path to the scope list ("... > Selected OAuth Scopes")
  std::string_view type;        // the metadata type, e.g. ExtlClntAppOauthSettings
  std::string_view only_api;    // the element(s) holding only Api
  std::string_view add_api;     // how Api is added
  std::string_view remove_fmt;  // how a scope is removed; fmt pattern, {} is the metadata name
};

// The fixes for each app type, naming the app in the Setup path.
ScopeFixes ScopeFixesFor(const EcaApp& app);
ScopeFixes ScopeFixesFor(const ConnectedApp& app);

// For a client-credentials app (the caller decides that): one finding at scopes.node when no
// scope counts for the flow (only Full, RefreshToken, OfflineAccess, or none): invalid_grant /
// no valid scopes defined (§1.7, §8 a). Nothing when the scopes are not in the project.
std::vector<Finding> NoValidScopeFindings(const ConfiguredScopes& scopes, std::string_view rule_id,
                                          const ScopeFixes& fixes);
// One warning per dropped scope, at its element, when some other scope counts (else
// NoValidScopeFindings reports the app).
std::vector<Finding> DroppedScopeFindings(const ConfiguredScopes& scopes, std::string_view rule_id,
                                          const ScopeFixes& fixes);
// One warning at scopes.node when scopes count but none is Api (§1.7).
std::vector<Finding> NoApiScopeFindings(const ConfiguredScopes& scopes, std::string_view rule_id,
                                        const ScopeFixes& fixes);

}  // namespace sfh::lint

#endif  // SFH_LINT_RULES_SCOPES_H_
