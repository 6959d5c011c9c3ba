// Every check the harness knows, in report order.
#ifndef SFH_HARNESS_CHECKS_REGISTRY_H_
#define SFH_HARNESS_CHECKS_REGISTRY_H_

#include <span>
#include <string_view>

#include "harness/checks/check.h"

namespace sfh::harness {

std::span<const CheckDefinition* const> AllChecks();
// The check with that id, or nullptr.
const CheckDefinition* FindCheck(std::string_view id);

}  // namespace sfh::harness

#endif  // SFH_HARNESS_CHECKS_REGISTRY_H_
