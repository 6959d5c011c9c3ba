// The standard objects the mock org knows: their names, labels, key prefixes and the fields a
// record may have. Records, queries and describe read this table. Immutable, thread-safe.
#ifndef SFH_MOCK_SERVER_ORG_SOBJECTS_H_
#define SFH_MOCK_SERVER_ORG_SOBJECTS_H_

#include <span>
#include <string_view>

namespace sfh::mock {

struct SObjectField {
  std::string_view name;   // "Name"
  std::string_view type;   // describe's field type: "id", "string", "email", "phone", ...
  std::string_view label;  // "Account Name"
};

struct SObjectType {
  std::string_view name;                 // "Account"
  std::string_view label;                // "Account"
  std::string_view label_plural;         // "Accounts"
  std::string_view key_prefix;           // "001"
  std::span<const SObjectField> fields;  // Id first
};

// Every object the mock serves, in describe-global order (alphabetical).
std::span<const SObjectType> SObjectTypes();
// The object named `name` (case-insensitive, as the REST API is), or nullptr.
const SObjectType* FindSObjectType(std::string_view name);
// The field of `type` named `name` (case-insensitive), or nullptr.
const SObjectField* FindSObjectField(const SObjectType& type, std::string_view name);

}  // namespace sfh::mock

#endif  // SFH_MOCK_SERVER_ORG_SOBJECTS_H_
