// Salesforce record ids: 15 case-sensitive characters, or 18 with a 3-character checksum
// suffix that makes them case-insensitive. The first three characters are the key prefix
// (00D organization, 005 user, 001 account). Pure functions, thread-safe.
#ifndef SFH_SALESFORCE_RECORD_ID_H_
#define SFH_SALESFORCE_RECORD_ID_H_

#include <optional>
#include <string>
#include <string_view>

namespace sfh::salesforce {

inline constexpr std::string_view kOrgKeyPrefix = "00D";
inline constexpr std::string_view kUserKeyPrefix = "005";
inline constexpr std::string_view kAccountKeyPrefix = "001";

// The 18-character form of a 15-character id (an 18-character id is returned unchanged);
// nullopt when `id` is neither 15 nor 18 alphanumeric characters.
std::optional<std::string> To18(std::string_view id);
// The 15-character form of a valid 15- or 18-character id.
std::optional<std::string> To15(std::string_view id);
// Whether two ids denote the same record (15 vs 18 characters, checksum honoured).
bool SameId(std::string_view a, std::string_view b);
// A new random 18-character id with the given 3-character key prefix.
std::string NewRecordId(std::string_view key_prefix);

}  // namespace sfh::salesforce

#endif  // SFH_SALESFORCE_RECORD_ID_H_
