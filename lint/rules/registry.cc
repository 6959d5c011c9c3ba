#include "lint/rules/all_rules.h"

namespace sfh::lint {

// Made by LoadEcaProject, not by a check.
const Rule kXmlUnparseable = {
    "xml-unparseable", Severity::kError,
    "A metadata file is not well-formed XML (or cannot be read); its rules were not checked",
    "pugixml's parser", nullptr};

const std::vector<Rule>& AllRules() {
  static const std::vector<Rule> rules = {
      kXmlUnparseable, kFlowEnabledInBothPlaces, kRunAsUserSet,    kNoConsumerSecretCommitted,
      kSomeValidScope, kNoDroppedScopes,         kApiScopeGranted,
  };
  return rules;
}

const Rule* FindRule(std::string_view id) {
  for (const Rule& rule : AllRules()) {
    if (rule.id == id) return &rule;
  }
  return nullptr;
}

}  // namespace sfh::lint
