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
std::string Suffix(std::string_view id15) {
  constexpr std::string_view kMap = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
  std::string suffix;
  for (size_t chunk = 0; chunk < 3; ++chunk) {
    int mask = 0;
    for (size_t i = 0; i < 5; ++i) {
      const char c = id15[chunk * 5 + i];
      if (c >= 'A' && c <= 'Z') mask |= 1 << i;
    }
    suffix.push_back(kMap[static_cast<size_t>(mask)]);
  }
  return suffix;
}

}  // namespace

std::optional<std::string> To18(std::string_view id) {
  if (!IsAlphaNumeric(id)) return std::nullopt;
  if (id.size() == 18) return std::string(id);
  if (id.size() != 15) return std::nullopt;
  return std::string(id) + Suffix(id);
}

std::optional<std::string> To15(std::string_view id) {
  if (!IsAlphaNumeric(id) || (id.size() != 15 && id.size() != 18)) return std::nullopt;
  return std::string(id.substr(0, 15));
}

bool SameId(std::string_view a, std::string_view b) {
  const auto a15 = To15(a);
  const auto b15 = To15(b);
  if (!a15 || !b15) return false;
  // A 15-character id is case-sensitive; an 18-character id's suffix restores the case
  // of its first 15, so comparing the 15-character forms exactly is right for both.
  if (a.size() == 18 && Suffix(*a15) != a.substr(15)) return false;
  if (b.size() == 18 && Suffix(*b15) != b.substr(15)) return false;
  return *a15 == *b15;
}

std::string NewRecordId(std::string_view key_prefix) {
  // Real ids carry a pod and a counter after the prefix; a zero run keeps them recognisable.
  std::string id15 = std::string(key_prefix).substr(0, 3) + "S7" + "0000" +
                     RandomString(6, kAlphaNumeric);
  return *To18(id15);
}

}  // namespace sfh::salesforce
