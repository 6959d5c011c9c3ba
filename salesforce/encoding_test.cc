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

std::string Hex(std::string_view bytes) {
  std::string hex;
  for (unsigned char c : bytes) {
    hex += "0123456789abcdef"[c >> 4];
    hex += "0123456789abcdef"[c & 15];
  }
  return hex;
}

TEST(HmacSha256, MatchesRfc4231TestCase2) {
  EXPECT_EQ(Hex(HmacSha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(HmacSha256, EachCallUsesOnlyItsOwnKey) {
  // The context is reused per thread: a long key, then an empty one, then the RFC's again.
  EXPECT_EQ(HmacSha256(std::string(200, 'k'), "x").size(), 32u);
  EXPECT_EQ(Hex(HmacSha256("", "")),
            "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
  EXPECT_EQ(Hex(HmacSha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

// The context keeps its key between calls with the same one: a key repeated, a key that only
// shares a prefix or a length with the last, and the empty key after a non-empty one.
TEST(HmacSha256, RepeatedKeysGiveTheSameAnswerAsFreshOnes) {
  const std::string rfc = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
  const std::string empty = "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad";
  const std::string message = "what do ya want for nothing?";
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Hex(HmacSha256("Jefe", message)), rfc) << i;
  const std::string jeff = Hex(HmacSha256("Jeff", message));
  EXPECT_NE(jeff, rfc);
  EXPECT_NE(Hex(HmacSha256("Jef", message)), rfc);
  EXPECT_EQ(Hex(HmacSha256("Jefe", message)), rfc);
  EXPECT_EQ(Hex(HmacSha256("", "")), empty);
  EXPECT_EQ(Hex(HmacSha256("", "")), empty);
  EXPECT_EQ(Hex(HmacSha256("Jeff", message)), jeff);
  EXPECT_EQ(Hex(HmacSha256("Jefe", message)), rfc);
  EXPECT_EQ(Hex(HmacSha256("Jefe", "")), Hex(HmacSha256(std::string("Jefe"), "")));
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

TEST(RandomString, ReachesEveryCharacterOfTheAlphabet) {
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  const std::string a = RandomString(20000, alphabet);
  for (char c : alphabet) EXPECT_NE(a.find(c), std::string::npos) << c;
  EXPECT_EQ(RandomString(50, "z"), std::string(50, 'z'));
}

TEST(RandomString, LongerThanOneDrawOfRandomBytes) {
  // Bytes are drawn 4 KiB at a time: a string across several draws neither repeats nor stops.
  const std::string a = RandomString(10000, "0123456789abcdef");
  ASSERT_EQ(a.size(), 10000u);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(a.substr(0, 4096), a.substr(4096, 4096));
  EXPECT_EQ(RandomString(0, "ab"), "");
}

TEST(AppendRandom, KeepsWhatTheStringHeldAndAppendsAcrossDraws) {
  std::string s = "prefix!";
  AppendRandom(s, 5000, "xy");
  ASSERT_EQ(s.size(), 7u + 5000u);
  EXPECT_TRUE(s.starts_with("prefix!"));
  EXPECT_EQ(s.find_first_not_of("xy", 7), std::string::npos);
  EXPECT_NE(s.find('x', 7), std::string::npos);
  EXPECT_NE(s.find('y', 7), std::string::npos);
  AppendRandom(s, 0, "xy");
  EXPECT_EQ(s.size(), 7u + 5000u);
}

}  // namespace
}  // namespace sfh::salesforce
