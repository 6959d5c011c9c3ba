#include "lint/rules/all_rules.h"

namespace sfh::lint {

// Made by LoadProject, not by a check.
const Rule kXmlUnparseable = {
    "xml-unparseable", Severity::kError,
    "A metadata file is not well-formed XML (or cannot be read); its rules were not checked",
    "pugixml's parser", nullptr};

const std::vector<Rule>& AllRules() {
  static const std::vector<Rule> rules = {
      kXmlUnparseable,
      // External Client Apps
      kFlowEnabledInBothPlaces,
      kRunAsUserSet,
      kNoConsumerSecretCommitted,
      kSomeValidScope,
      kNoDroppedScopes,
      kApiScopeGranted,
      // Connected Apps
      kCaRunAsUserSet,
      kCaNoConsumerSecretCommitted,
      kCaSomeValidScope,
      kCaNoDroppedScopes,
      kCaApiScopeGranted,
      // External Credentials
      kXcKnownProtocol,
      kXcKnownVariant,
      kXcOauthParametersPresent,
      kXcParameterTypes,
      kXcTokenUrlPath,
      kXcTokenHost,
      kXcNoScopeForSalesforce,
      kXcScopeSpaceSeparated,
      // Named Credentials
      kNcExternalCredentialElement,
      kNcExternalCredentialKnown,
      kNcUrlPresent,
      kNcUrlHttps,
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
