// A lint rule: a pure function from one External Client App's files to findings, with the id,
// default severity and one-line summary every output uses, and where in
// shared/reference/salesforce-wire.md the fact comes from, with its provenance label.
#ifndef SFH_LINT_RULES_RULE_H_
#define SFH_LINT_RULES_RULE_H_

#include <string_view>
#include <vector>

#include "lint/eca_project.h"
#include "lint/finding.h"

namespace sfh::lint {

struct Rule {
  std::string_view id;
  Severity severity;           // the rule's default; a finding may carry its own
  std::string_view summary;    // one line, used verbatim in reports (SARIF shortDescription)
  std::string_view reference;  // "salesforce-wire.md §… (CONFIRMED|INFERRED|UNVERIFIED)"
  // nullptr for findings made while loading (xml-unparseable). Never throws.
  std::vector<Finding> (*check)(const EcaApp& app);
};

// Every rule, in a fixed order (the order of SARIF's tool.driver.rules).
const std::vector<Rule>& AllRules();

// The rule with `id`, or nullptr.
const Rule* FindRule(std::string_view id);

// `name`'s child of the file's root element; empty when the file or the element is missing.
inline pugi::xml_node ChildOf(const XmlFile* file, const char* name) {
  return file == nullptr ? pugi::xml_node() : file->root().child(name);
}

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
