#include "salesforce/token_format.h"

#include <algorithm>

#include "salesforce/encoding.h"
#include "salesforce/record_id.h"

namespace sfh::salesforce {

std::string NewOpaqueAccessToken(std::string_view org_id) {
  // Real session keys after the '!' are about 110 characters of [A-Za-z0-9._], starting "AQ".
  constexpr std::string_view kSessionAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._";
  constexpr size_t kRandom = 108;
  const auto org15 = To15(org_id);
  const std::string_view org = org15 ? std::string_view(*org15) : org_id;
  std::string token;
  token.reserve(org.size() + 3 + kRandom);
  token.append(org).append("!AQ");
  AppendRandom(token, kRandom, kSessionAlphabet);
  return token;
}

bool LooksLikeOpaqueAccessToken(std::string_view token) {
  // "00D" + 12 to 15 word characters + "!" + word characters and dots. A loop rather than
  // std::regex, as for JWTs below: it runs on every routed bearer token, whatever its length.
  if (!token.starts_with("00D")) return false;
  const size_t bang = token.find('!');
  if (bang == std::string_view::npos || bang < 15 || bang > 18 || bang + 1 == token.size()) {
    return false;
  }
  return std::all_of(token.begin() + 3, token.begin() + static_cast<std::ptrdiff_t>(bang),
                     IsTokenWordChar) &&
         std::all_of(token.begin() + static_cast<std::ptrdiff_t>(bang) + 1, token.end(),
                     [](char c) { return IsTokenWordChar(c) || c == '.'; });
}

bool LooksLikeJwtAccessToken(std::string_view token) {
  // A loop rather than std::regex: libstdc++'s regex recurses per character, and these tokens run
  // to kilobytes.
  if (!token.starts_with("eyJ")) return false;
  int dots = 0;
  size_t segment_length = 0;
  for (char c : token) {
    if (c == '.') {
      if (segment_length == 0) return false;
      ++dots;
      segment_length = 0;
    } else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '_') {
      ++segment_length;
    } else {
      return false;
    }
  }
  return dots == 2 && segment_length > 0;
}

std::string TokenSignature(std::string_view consumer_secret, std::string_view identity_url,
                           std::string_view issued_at) {
  std::string message(identity_url);
  message += issued_at;
  return Base64Encode(HmacSha256(consumer_secret, message));
}

std::vector<std::string_view> SplitScope(std::string_view scope) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start < scope.size()) {
    size_t end = scope.find(' ', start);
    if (end == std::string_view::npos) end = scope.size();
    if (end > start) out.push_back(scope.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

bool HasScope(std::string_view scope, std::string_view wanted) {
  size_t start = 0;
  while (start < scope.size()) {
    size_t end = scope.find(' ', start);
    if (end == std::string_view::npos) end = scope.size();
    if (end > start && scope.substr(start, end - start) == wanted) return true;
    start = end + 1;
  }
  return false;
}

}  // namespace sfh::salesforce
