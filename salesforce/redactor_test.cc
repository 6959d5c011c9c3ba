#include "salesforce/redactor.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace sfh::salesforce {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(Redactor, HidesRegisteredValuesInPlainAndEncodedForms) {
  Redactor r;
  r.Add("s3cr+t value", Redactor::Kind::kSecret);
  const std::string out = r.Redact("a s3cr+t value b s3cr%2Bt+value c s3cr%2Bt%20value");
  EXPECT_THAT(out, Not(HasSubstr("s3cr")));
  EXPECT_EQ(out, "a [REDACTED] b [REDACTED] c [REDACTED]");
}

TEST(Redactor, TokensKeepTheirOrgIdPrefix) {
  Redactor r;
  const std::string token = "00DS7000000oxzo!AQabcdefghijklmnop";
  r.Add(token, Redactor::Kind::kToken);
  EXPECT_EQ(r.Redact("t=" + token), "t=00DS7000000oxzo![REDACTED]");
}

TEST(Redactor, MasksWellKnownPlacesEvenForUnknownValues) {
  Redactor r;
  EXPECT_EQ(r.Redact("grant_type=client_credentials&client_secret=abc123&client_id=x"),
            "grant_type=client_credentials&client_secret=[REDACTED]&client_id=x");
  EXPECT_EQ(r.Redact(R"({"access_token":"00Dxx!yy","instance_url":"u"})"),
            R"({"access_token":"[REDACTED]","instance_url":"u"})");
  EXPECT_EQ(r.Redact("Authorization: Bearer 00Dabc!def\nAccept: */*"),
            "Authorization: Bearer [REDACTED]\nAccept: */*");
  EXPECT_EQ(r.Redact("/services/oauth2/revoke?token=00Dabc!def"),
            "/services/oauth2/revoke?token=[REDACTED]");
}

TEST(Redactor, AValueContainingAnotherIsReplacedWholeAndOverlapsAreHidden) {
  Redactor r;
  r.Add("inner-secret", Redactor::Kind::kSecret);
  r.Add("outer-inner-secret-tail", Redactor::Kind::kSecret);
  EXPECT_EQ(r.Redact("a outer-inner-secret-tail b inner-secret c"), "a [REDACTED] b [REDACTED] c");
  // Two values overlapping: nothing of either shows.
  r.Add("abcdefghij", Redactor::Kind::kSecret);
  r.Add("ghijklmnop", Redactor::Kind::kSecret);
  EXPECT_EQ(r.Redact("<abcdefghijklmnop>"), "<[REDACTED]>");
}

TEST(Redactor, TokensOfOneOrgAreToldApartThoughTheyShareTheirStart) {
  Redactor r;
  for (int i = 0; i < 1000; ++i) {
    r.Add("00DS7000000oxzo!AQtoken" + std::to_string(1000000 + i), Redactor::Kind::kToken);
  }
  EXPECT_EQ(r.Redact("x 00DS7000000oxzo!AQtoken1000500 y 00DS7000000oxzo!AQtoken9999999"),
            "x 00DS7000000oxzo![REDACTED] y 00DS7000000oxzo!AQtoken9999999");
}

TEST(Redactor, ForgetsTheOldestTokensBeyondItsBoundButNeverASecret) {
  Redactor r;
  r.Add("the-consumer-secret", Redactor::Kind::kSecret);
  const std::string first = "00DS7000000oxzo!AQfirst-token-of-all";
  r.Add(first, Redactor::Kind::kToken);
  for (size_t i = 0; i < Redactor::kMaxTokens; ++i) {
    r.Add("00DS7000000oxzo!AQ" + std::to_string(i) + "-later-token", Redactor::Kind::kToken);
  }
  EXPECT_LE(r.size(), 1 + 3 * Redactor::kMaxTokens);
  EXPECT_EQ(r.Redact(first), first) << "the oldest token is forgotten";
  EXPECT_EQ(r.Redact("the-consumer-secret"), "[REDACTED]");
  EXPECT_EQ(r.Redact("Authorization: Bearer " + first), "Authorization: Bearer [REDACTED]")
      << "and still masked where tokens travel";
  const std::string last =
      "00DS7000000oxzo!AQ" + std::to_string(Redactor::kMaxTokens - 1) + "-later-token";
  EXPECT_EQ(r.Redact(last), "00DS7000000oxzo![REDACTED]");
}

TEST(Redactor, IgnoresValuesTooShortToBeSafe) {
  Redactor r;
  r.Add("ab", Redactor::Kind::kSecret);
  EXPECT_EQ(r.Redact("abc"), "abc");
}

TEST(Redactor, RedactsHeadersByName) {
  Redactor r;
  r.Add("SECRETVALUE", Redactor::Kind::kSecret);
  EXPECT_EQ(r.RedactHeader("authorization", "Basic abcdef"), "Basic [REDACTED]");
  EXPECT_EQ(r.RedactHeader("AUTHORIZATION", "Token"), "[REDACTED]");
  EXPECT_EQ(r.RedactHeader("X-Debug", "was SECRETVALUE"), "was [REDACTED]");
  EXPECT_EQ(r.RedactHeader("Accept", "*/*"), "*/*");
}

TEST(Redactor, RedactsAuthorizationValues) {
  EXPECT_EQ(Redactor::RedactAuthorization("Basic YWJjOmRlZg=="), "Basic [REDACTED]");
  EXPECT_EQ(Redactor::RedactAuthorization("opaque"), "[REDACTED]");
}

}  // namespace
}  // namespace sfh::salesforce
