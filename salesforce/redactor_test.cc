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
