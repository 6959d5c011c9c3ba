#include "salesforce/token_format.h"

#include <regex>

#include "salesforce/encoding.h"
#include "salesforce/record_id.h"

namespace sfh::salesforce {

std::string NewOpaqueAccessToken(std::string_view org_id) {
  // Real session keys after the '!' are about 110 characters of [A-Za-z0-9._], starting "AQ".
  constexpr std::string_view kSessionAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._";
  const auto org15 = To15(org_id);
  return (org15 ? *org15 : std::string(org_id)) + "!AQ" + RandomString(108, kSessionAlphabet);
}

bool LooksLikeOpaqueAccessToken(std::string_view token) {
  static const std::regex kOpaque(R"(^00D\w{12,15}![.\w]+$)");
  return std::regex_match(token.begin(), token.end(), kOpaque);
}

std::string TokenSignature(std::string_view consumer_secret, std::string_view identity_url,
                           std::string_view issued_at) {
  std::string message(identity_url);
  message += issued_at;
  return Base64Encode(HmacSha256(consumer_secret, message));
}

}  // namespace sfh::salesforce
