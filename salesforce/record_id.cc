#include "salesforce/record_id.h"

#include <cctype>

#include "salesforce/encoding.h"

namespace sfh::salesforce {
namespace {

constexpr std::string_view kAlphaNumeric =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

bool IsAlphaNumeric(std::string_view s) {
  for (unsigned char c : s) {
    if (!std::isalnum(c)) return false;
  }
  return true;
}

// The checksum: for each 5-character chunk, a 5-bit mask of which characters are upper-case
// (bit i for character i), mapped onto "A".."Z" then "0".."5".
constexpr std::string_view kSuffixMap = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

std::string Suffix(std::string_view id15) {
  std::string suffix;
  for (size_t chunk = 0; chunk < 3; ++chunk) {
    int mask = 0;
    for (size_t i = 0; i < 5; ++i) {
      const char c = id15[chunk * 5 + i];
      if (c >= 'A' && c <= 'Z') mask |= 1 << i;
    }
    suffix.push_back(kSuffixMap[static_cast<size_t>(mask)]);
  }
  return suffix;
}

// The first 15 characters of an alphanumeric 18-character id in the case its suffix encodes. The
// suffix is read ignoring case, so any casing of the id gives the same answer. nullopt when the
// suffix encodes no casing of those characters: a character outside the map ('6' to '9'), or an
// upper-case bit on a digit.
std::optional<std::string> RestoreCase(std::string_view id18) {
  std::string id15(id18.substr(0, 15));
  for (size_t chunk = 0; chunk < 3; ++chunk) {
    const auto code = static_cast<char>(std::toupper(static_cast<unsigned char>(id18[15 + chunk])));
    const size_t mask = kSuffixMap.find(code);
    if (mask == std::string_view::npos) return std::nullopt;
    for (size_t i = 0; i < 5; ++i) {
      const auto c = static_cast<unsigned char>(id15[chunk * 5 + i]);
      const bool upper = ((mask >> i) & 1) != 0;
      if (std::isalpha(c)) {
        id15[chunk * 5 + i] = static_cast<char>(upper ? std::toupper(c) : std::tolower(c));
      } else if (upper) {
        return std::nullopt;
      }
    }
  }
  return id15;
}

}  // namespace

std::optional<std::string> To18(std::string_view id) {
  if (!IsAlphaNumeric(id)) return std::nullopt;
  if (id.size() == 18) return std::string(id);
  if (id.size() != 15) return std::nullopt;
  return std::string(id) + Suffix(id);
}

std::optional<std::string> To15(std::string_view id) {
  if (!IsAlphaNumeric(id)) return std::nullopt;
  if (id.size() == 15) return std::string(id);
  if (id.size() != 18) return std::nullopt;
  return RestoreCase(id);
}

bool SameId(std::string_view a, std::string_view b) {
  // A 15-character id is case-sensitive; an 18-character id's suffix restores the case of its
  // first 15 whatever case it was written in, so comparing the 15-character forms exactly is
  // right for both.
  const auto a15 = To15(a);
  const auto b15 = To15(b);
  return a15 && b15 && *a15 == *b15;
}

std::string NewRecordId(std::string_view key_prefix) {
  // Real ids carry a pod and a counter after the prefix; a zero run keeps them recognisable.
  std::string id15 = std::string(key_prefix).substr(0, 3) + "S7" + "0000" +
                     RandomString(6, kAlphaNumeric);
  return *To18(id15);
}

}  // namespace sfh::salesforce
