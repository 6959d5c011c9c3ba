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

}  // namespace sfh::lint

#endif  // SFH_LINT_RULES_ALL_RULES_H_
