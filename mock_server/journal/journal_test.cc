#include "mock_server/journal/journal.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace sfh::mock {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

Exchange Make(std::string target) {
  Exchange e;
  e.request.method = "GET";
  e.request.target = e.request.path = std::move(target);
  e.response.status = 200;
  return e;
}

TEST(Journal, NumbersExchangesAndKeepsABoundedRing) {
  Journal journal(3);
  for (int i = 0; i < 5; ++i) journal.Record(Make("/" + std::to_string(i)));
  const auto kept = journal.Snapshot();
  ASSERT_EQ(kept.size(), 3u);
  EXPECT_EQ(kept.front().seq, 3u);
  EXPECT_EQ(kept.front().request.target, "/2");
  EXPECT_EQ(kept.back().seq, 5u);
  EXPECT_EQ(journal.total(), 5u);
  EXPECT_EQ(journal.dropped(), 2u);
  journal.Clear();
  EXPECT_TRUE(journal.Snapshot().empty());
  journal.Record(Make("/after"));
  EXPECT_EQ(journal.Snapshot().front().seq, 6u);
}

TEST(Journal, ExportRedactsSecretsAndTokens) {
  salesforce::Redactor redactor;
  const std::string secret = "SUPERSECRETVALUE123";
  const std::string token = "00DS7000000oxzo!AQtokenvalue0123456789";
  redactor.Add(secret, salesforce::Redactor::Kind::kSecret);
  redactor.Add(token, salesforce::Redactor::Kind::kToken);
  Journal journal;
  Exchange e = Make("/services/oauth2/token?client_secret=" + secret);
  e.request.headers.Add("Authorization", "Bearer " + token);
  e.request.body = "grant_type=client_credentials&client_secret=" + secret;
  e.response.body = R"({"access_token":")" + token + R"("})";
  journal.Record(e);
  const std::string exported = journal.ExportJson(redactor);
  EXPECT_THAT(exported, Not(HasSubstr(secret)));
  EXPECT_THAT(exported, Not(HasSubstr(token)));
  EXPECT_THAT(exported, Not(HasSubstr("AQtokenvalue")));
  EXPECT_THAT(exported, HasSubstr("Bearer [REDACTED]"));
  EXPECT_THAT(exported, HasSubstr("grant_type=client_credentials"));
}

TEST(Journal, ExportSurvivesInvalidUtf8) {
  Journal journal;
  Exchange e = Make("/x");
  e.request.body = std::string("\xff\xfe broken");
  journal.Record(e);
  EXPECT_THAT(journal.ExportJson(salesforce::Redactor()), HasSubstr("broken"));
}

}  // namespace
}  // namespace sfh::mock
