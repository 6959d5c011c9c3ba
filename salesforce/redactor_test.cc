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

TEST(Redactor, TokensSharingTheirStartAreToldApart) {
  // Refresh tokens all start "5Aep861": the registered values are matched from where they end.
  Redactor r;
  for (int i = 0; i < 1000; ++i) {
    r.Add("5Aep861token" + std::to_string(1000000 + i), Redactor::Kind::kToken);
  }
  EXPECT_EQ(r.Redact("x 5Aep861token1000500 y 5Aep861token9999999"),
            "x [REDACTED] y 5Aep861token9999999");
}

TEST(Redactor, ForgetsTheOldestTokensBeyondItsBoundButNeverASecret) {
  Redactor r;
  r.Add("the-consumer-secret", Redactor::Kind::kSecret);
  const std::string first = "5Aep861first-token-of-all";
  r.Add(first, Redactor::Kind::kToken);
  for (size_t i = 0; i < Redactor::kMaxTokens; ++i) {
    r.Add("5Aep861" + std::to_string(i) + "-later-token", Redactor::Kind::kToken);
  }
  EXPECT_LE(r.size(), 1 + 3 * Redactor::kMaxTokens);
  EXPECT_EQ(r.Redact(first), first) << "the oldest token is forgotten";
  EXPECT_EQ(r.Redact("the-consumer-secret"), "[REDACTED]");
  EXPECT_EQ(r.Redact("Authorization: Bearer " + first), "Authorization: Bearer [REDACTED]")
      << "and still masked where tokens travel";
  const std::string last = "5Aep861" + std::to_string(Redactor::kMaxTokens - 1) + "-later-token";
  EXPECT_EQ(r.Redact(last), "[REDACTED]");
}

TEST(Redactor, MasksAccessTokenShapesWithoutRegisteringThem) {
  Redactor r;
  for (int i = 0; i < 100; ++i) {
    r.Add("00DS7000000oxzo!AQtoken" + std::to_string(i), Redactor::Kind::kToken);
    r.Add("eyJhbGci.eyJzdWIi.sig" + std::to_string(i), Redactor::Kind::kToken);
  }
  EXPECT_EQ(r.size(), 0u) << "shapes are masked as shapes, not remembered";
  // Opaque: the org id (15 or 18 characters) and '!' stay, the session key goes, wherever it is.
  EXPECT_EQ(r.Redact("x 00DS7000000oxzo!AQnever.registered y"), "x 00DS7000000oxzo![REDACTED] y");
  EXPECT_EQ(r.Redact("<00DS7000000oxzoEAA!AQk>"), "<00DS7000000oxzoEAA![REDACTED]>");
  EXPECT_EQ(r.Redact("/x?t=00DS7000000oxzo%21AQkey&y=1"), "/x?t=00DS7000000oxzo%21[REDACTED]&y=1");
  EXPECT_EQ(r.Redact("a00DS7000000oxzo!AQkey"), "a00DS7000000oxzo![REDACTED]");
  // JWTs: all of it, at least three segments.
  EXPECT_EQ(r.Redact("Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln-_x end"),
            "Bearer [REDACTED] end");
  EXPECT_EQ(r.Redact("[eyJa.b.c.d.e]"), "[[REDACTED]]");
  // Not tokens: left alone.
  EXPECT_EQ(r.Redact("Hello! 00Dshort!AQkey 00DS7000000oxzo! 00DS7000000oxzo!!"),
            "Hello! 00Dshort!AQkey 00DS7000000oxzo! 00DS7000000oxzo!!");
  EXPECT_EQ(r.Redact("eyJhbGci.only-two-segments eyJ eyJ..."),
            "eyJhbGci.only-two-segments eyJ [REDACTED]");
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
