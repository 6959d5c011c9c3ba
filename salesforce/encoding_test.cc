#include "salesforce/encoding.h"

#include <gtest/gtest.h>

namespace sfh::salesforce {
namespace {

TEST(Base64, MatchesRfc4648Vectors) {
  EXPECT_EQ(Base64Encode(""), "");
  EXPECT_EQ(Base64Encode("f"), "Zg==");
  EXPECT_EQ(Base64Encode("fo"), "Zm8=");
  EXPECT_EQ(Base64Encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(Base64Decode("Zg=="), "f");
  EXPECT_EQ(Base64Decode("Zm8="), "fo");
  EXPECT_EQ(Base64Decode("Zm9vYmFy"), "foobar");
}

TEST(Base64, RejectsInvalidInput) {
  EXPECT_FALSE(Base64Decode("Zg=").has_value());
  EXPECT_FALSE(Base64Decode("Z=g=").has_value());
  EXPECT_FALSE(Base64Decode("Zm9v*mFy").has_value());
}

TEST(Sha256, MatchesFips180Vector) {
  // FIPS 180-2 appendix B.1; and RFC 7636 appendix B: the S256 challenge of its verifier.
  EXPECT_EQ(Base64Encode(Sha256("abc")), "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
}

TEST(HmacSha256, MatchesRfc4231TestCase2) {
  const std::string mac = HmacSha256("Jefe", "what do ya want for nothing?");
  std::string hex;
  for (unsigned char c : mac) hex += "0123456789abcdef"[c >> 4], hex += "0123456789abcdef"[c & 15];
  EXPECT_EQ(hex, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(ConstantTimeEquals, ComparesContentAndLength) {
  EXPECT_TRUE(ConstantTimeEquals("secret", "secret"));
  EXPECT_FALSE(ConstantTimeEquals("secret", "secreT"));
  EXPECT_FALSE(ConstantTimeEquals("secret", "secrets"));
}

TEST(RandomString, UsesOnlyTheAlphabetAndVaries) {
  const std::string a = RandomString(64, "xy");
  EXPECT_EQ(a.size(), 64u);
  EXPECT_EQ(a.find_first_not_of("xy"), std::string::npos);
  EXPECT_NE(RandomString(32, "abcdef0123456789"), RandomString(32, "abcdef0123456789"));
}

}  // namespace
}  // namespace sfh::salesforce
