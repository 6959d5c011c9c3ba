// The rules, one per file in lint/rules/.
#ifndef SFH_LINT_RULES_ALL_RULES_H_
#define SFH_LINT_RULES_ALL_RULES_H_

#include "lint/rules/rule.h"

namespace sfh::lint {

extern const Rule kXmlUnparseable;
extern const Rule kFlowEnabledInBothPlaces;
extern const Rule kRunAsUserSet;
extern const Rule kNoConsumerSecretCommitted;
extern const Rule kNoDroppedScopes;
extern const Rule kSomeValidScope;
extern const Rule kApiScopeGranted;

// Connected Apps (ca-).
extern const Rule kCaRunAsUserSet;
extern const Rule kCaNoConsumerSecretCommitted;
extern const Rule kCaSomeValidScope;
extern const Rule kCaNoDroppedScopes;
extern const Rule kCaApiScopeGranted;

// External Credentials (xc-).
extern const Rule kXcKnownProtocol;
extern const Rule kXcKnownVariant;
extern const Rule kXcOauthParametersPresent;
extern const Rule kXcParameterTypes;
extern const Rule kXcTokenUrlPath;
extern const Rule kXcTokenHost;
extern const Rule kXcNoScopeForSalesforce;
extern const Rule kXcScopeSpaceSeparated;

// Named Credentials (nc-).
extern const Rule kNcExternalCredentialElement;
extern const Rule kNcExternalCredentialKnown;
extern const Rule kNcUrlPresent;
extern const Rule kNcUrlHttps;

}  // namespace sfh::lint

#endif  // SFH_LINT_RULES_ALL_RULES_H_
