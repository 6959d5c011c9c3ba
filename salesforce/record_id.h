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
// The 15-character form of a valid 15- or 18-character id. A 15-character id is returned as it
// is. An 18-character id is case-insensitive: its first 15 characters come back in the case its
// suffix encodes, the suffix itself read ignoring case ("001s7000001acmeias" gives
// "001S7000001AcmE"); nullopt when the suffix encodes no casing of them.
std::optional<std::string> To15(std::string_view id);
// Whether two ids denote the same record: their 15-character forms (To15) are equal. 15 and 18
// characters mix; an 18-character id matches in any case; an invalid id matches nothing.
bool SameId(std::string_view a, std::string_view b);
// A new random 18-character id with the given 3-character key prefix.
std::string NewRecordId(std::string_view key_prefix);

}  // namespace sfh::salesforce

#endif  // SFH_SALESFORCE_RECORD_ID_H_
