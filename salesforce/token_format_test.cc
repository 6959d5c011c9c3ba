#include "salesforce/token_format.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "salesforce/encoding.h"

namespace sfh::salesforce {
namespace {

TEST(TokenFormat, OpaqueTokensStartWithThe15CharacterOrgId) {
  const std::string token = NewOpaqueAccessToken("00DS7000000oxzoMAA");
  EXPECT_EQ(token.substr(0, 16), "00DS7000000oxzo!");
  EXPECT_TRUE(LooksLikeOpaqueAccessToken(token));
  EXPECT_NE(token, NewOpaqueAccessToken("00DS7000000oxzoMAA"));
}

TEST(TokenFormat, RecognisesOpaqueShape) {
  EXPECT_TRUE(LooksLikeOpaqueAccessToken("00DS7000000oxzo!AR8AQ.x_y"));
  EXPECT_FALSE(LooksLikeOpaqueAccessToken("eyJhbGciOiJSUzI1NiJ9.e30.sig"));
  EXPECT_FALSE(LooksLikeOpaqueAccessToken("00DS7000000oxzo"));
  // The org id part: 12 to 15 word characters after "00D".
  EXPECT_TRUE(LooksLikeOpaqueAccessToken("00D123456789012!x"));
  EXPECT_TRUE(LooksLikeOpaqueAccessToken("00D123456789012345!x"));
  EXPECT_FALSE(LooksLikeOpaqueAccessToken("00D12345678901!x"));
  EXPECT_FALSE(LooksLikeOpaqueAccessToken("00D1234567890123456!x"));
  EXPECT_FALSE(LooksLikeOpaqueAccessToken("00DS7000000-xzo!x"));
  // After "!": word characters and dots, at least one.
  EXPECT_FALSE(LooksLikeOpaqueAccessToken("00DS7000000oxzo!"));
  EXPECT_FALSE(LooksLikeOpaqueAccessToken("00DS7000000oxzo!AQ x"));
  EXPECT_FALSE(LooksLikeOpaqueAccessToken("00DS7000000oxzo!AQ!x"));
  EXPECT_FALSE(LooksLikeOpaqueAccessToken("00ds7000000oxzo!AQx"));
  // A token of a megabyte is judged like any other (no recursion per character).
  EXPECT_TRUE(LooksLikeOpaqueAccessToken("00DS7000000oxzo!" + std::string(1 << 20, 'A')));
}

TEST(TokenFormat, WordCharactersAreAsciiLettersDigitsAndUnderscore) {
  const std::string word = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_";
  for (int c = 0; c < 256; ++c) {
    const char ch = static_cast<char>(c);
    EXPECT_EQ(IsTokenWordChar(ch), word.find(ch) != std::string::npos) << c;
  }
}

TEST(TokenFormat, RecognisesJwtShape) {
  EXPECT_TRUE(LooksLikeJwtAccessToken("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln-_"));
  EXPECT_FALSE(LooksLikeJwtAccessToken("00DS7000000oxzo!AR8AQ.x_y"));
  EXPECT_FALSE(LooksLikeJwtAccessToken("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0"));     // two segments
  EXPECT_FALSE(LooksLikeJwtAccessToken("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0."));    // no signature
  EXPECT_FALSE(LooksLikeJwtAccessToken("eyJhbGciOiJSUzI1NiJ9..c2ln"));               // no payload
  EXPECT_FALSE(LooksLikeJwtAccessToken("eyJhbGciOiJSUzI1NiJ9.eyJ9.c2ln.c2ln"));      // four
  EXPECT_FALSE(LooksLikeJwtAccessToken("abcGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln"));  // not eyJ
  EXPECT_FALSE(LooksLikeJwtAccessToken("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2l+"));   // '+'
  EXPECT_FALSE(LooksLikeJwtAccessToken("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0=.c2ln"));  // '='
}

TEST(TokenFormat, SignatureIsBase64HmacOfIdAndIssuedAt) {
  const std::string id = "https://login.salesforce.com/id/00DS7000000oxzoMAA/005S7000000AbCdQAK";
  const std::string sig = TokenSignature("secret", id, "1678833535086");
  EXPECT_EQ(sig, Base64Encode(HmacSha256("secret", id + "1678833535086")));
  EXPECT_EQ(sig.size(), 44u);
  EXPECT_EQ(sig.back(), '=');
  EXPECT_NE(sig, TokenSignature("other", id, "1678833535086"));
}

TEST(Scope, SplitsOnSpacesOnly) {
  EXPECT_THAT(SplitScope("api  refresh_token sfap_api "),
              ::testing::ElementsAre("api", "refresh_token", "sfap_api"));
  EXPECT_TRUE(SplitScope("").empty());
  EXPECT_TRUE(HasScope("cdp_api api", "api"));
  EXPECT_FALSE(HasScope("cdp_api", "api"));  // whole scopes, not substrings
  EXPECT_FALSE(HasScope("api,web", "api"));  // commas are not separators
}

}  // namespace
}  // namespace sfh::salesforce
