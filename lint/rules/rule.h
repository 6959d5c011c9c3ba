// A lint rule: a pure function from one subject (an External Client App's files, a Connected
// App, an External Credential, or a Named Credential with the project it is in) to findings,
// with the id, default severity and one-line summary every output uses, and where the fact comes
// from (a section of shared/reference/salesforce-wire.md, or a Salesforce doc), with its
// provenance label.
#ifndef SFH_LINT_RULES_RULE_H_
#define SFH_LINT_RULES_RULE_H_

#include <string_view>
#include <vector>

#include "lint/finding.h"
#include "lint/project.h"

namespace sfh::lint {

struct Rule {
  std::string_view id;
  Severity severity;         // the rule's default; a finding may carry its own
  std::string_view summary;  // one line, used verbatim in reports (SARIF shortDescription)
  // "salesforce-wire.md §… (CONFIRMED|INFERRED|UNVERIFIED)", or the Salesforce document with
  // its label.
  std::string_view reference;
  // Exactly one check is set, the one for the rule's subject; none for findings made while
  // loading (xml-unparseable). Checks never throw.
  std::vector<Finding> (*check)(const EcaApp& app) = nullptr;
  std::vector<Finding> (*check_connected_app)(const ConnectedApp& app) = nullptr;
  std::vector<Finding> (*check_external_credential)(const ExternalCredential& credential) = nullptr;
  std::vector<Finding> (*check_named_credential)(const NamedCredential& credential,
                                                 const MetadataProject& project) = nullptr;
};

// Every rule, in a fixed order (the order of SARIF's tool.driver.rules).
const std::vector<Rule>& AllRules();

// The rule with `id`, or nullptr.
const Rule* FindRule(std::string_view id);

// `name`'s child of the file's root element; empty when the file or the element is missing.
inline pugi::xml_node ChildOf(const XmlFile* file, const char* name) {
  return file == nullptr ? pugi::xml_node() : file->root().child(name);
}

// What the ECA and Connected App rules say alike: the org's answer without a Run As user
// (salesforce-wire.md §2.1, INFERRED) and the risk of a committed secret (§7.1).
inline constexpr std::string_view kNoRunAsUserAnswer =
    "the org answers invalid_grant / no client credentials user enabled";
inline constexpr std::string_view kSecretCommittedRisk =
    "anyone with the repository can mint tokens as the Run As user";

// Whether `node` has non-empty text (a value is set).
inline bool HasText(pugi::xml_node node) { return *node.text().as_string() != '\0'; }

// Whether isClientCredentialsFlowEnabled is true in the file.
inline bool FlowEnabledIn(const XmlFile* file) {
  return ChildOf(file, "isClientCredentialsFlowEnabled").text().as_bool();
}

// Whether either the global OAuth settings or the OAuth policies switch the flow on: the rules
// about scopes and the Run As user concern only such apps.
inline bool UsesClientCredentials(const EcaApp& app) {
  return FlowEnabledIn(app.file(EcaFileKind::kGlobalOauth)) ||
         FlowEnabledIn(app.file(EcaFileKind::kOauthPolicies));
}

}  // namespace sfh::lint

#endif  // SFH_LINT_RULES_RULE_H_
