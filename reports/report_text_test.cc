#include "reports/report_text.h"

#include <gtest/gtest.h>

namespace sfh::reports {
namespace {

using namespace std::chrono_literals;

TEST(IsoUtcTest, WholeSecondsWithOrWithoutZone) {
  const auto t =
      std::chrono::sys_days{std::chrono::year{2026} / 11 / 28} + 18h + 30min + 5s + 999ms;
  EXPECT_EQ(IsoUtc(t), "2026-11-28T18:30:05Z");
  EXPECT_EQ(IsoUtc(t, /*zulu=*/false), "2026-11-28T18:30:05");
  EXPECT_EQ(IsoUtc(std::chrono::system_clock::time_point{}), "1970-01-01T00:00:00Z");
}

TEST(SecondsTest, ExactDecimals) {
  EXPECT_EQ(Seconds(1234ms), "1.234");
  EXPECT_EQ(Seconds(1234ms, 2), "1.23");
  EXPECT_EQ(Seconds(5ms), "0.005");
  EXPECT_EQ(Seconds(0ms), "0.000");
  EXPECT_EQ(Seconds(-5ms), "0.000");
}

TEST(XmlSafeTest, KeepsValidTextAndMarkupCharacters) {
  EXPECT_EQ(XmlSafe("a<b & \"c\"\tZoë €\r\n"), "a<b & \"c\"\tZoë €\r\n");
  EXPECT_EQ(XmlSafe("\xF0\x9F\x94\x91"), "\xF0\x9F\x94\x91");  // U+1F511, four bytes
}

TEST(XmlSafeTest, ShowsControlCharacters) {
  EXPECT_EQ(XmlSafe("\x1b[31mred"), "\\x1b[31mred");
  EXPECT_EQ(XmlSafe(std::string_view("a\0b", 3)), "a\\x00b");
}

TEST(XmlSafeTest, ReplacesInvalidUtf8AndNonCharacters) {
  EXPECT_EQ(XmlSafe("a\xFFz"), "a\xEF\xBF\xBDz");
  EXPECT_EQ(XmlSafe("\xC3"), "\xEF\xBF\xBD");                                  // truncated sequence
  EXPECT_EQ(XmlSafe("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");                  // overlong '/'
  EXPECT_EQ(XmlSafe("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
  EXPECT_EQ(XmlSafe("\xEF\xBF\xBF"), "\xEF\xBF\xBD");                          // U+FFFF
}

TEST(EvidenceLineTest, NamesTheExchangeWhenThereIsOne) {
  EXPECT_EQ(EvidenceLine({3, "secret in query"}), "#3 secret in query");
  EXPECT_EQ(EvidenceLine({0, "no exchange"}), "no exchange");
}

TEST(ClientOutcomeTest, DescribesEveryEnding) {
  harness::ClientRun client;
  EXPECT_EQ(ClientOutcome(client), "did not start");
  EXPECT_TRUE(ClientFailed(client));
  client.started = true;
  client.exit_code = 0;
  EXPECT_EQ(ClientOutcome(client), "exited with code 0");
  EXPECT_FALSE(ClientFailed(client));
  client.term_signal = 9;
  EXPECT_EQ(ClientOutcome(client), "killed by signal 9");
  client.timed_out = true;
  EXPECT_EQ(ClientOutcome(client), "timed out (killed by signal 9)");
  EXPECT_TRUE(ClientFailed(client));
}

}  // namespace
}  // namespace sfh::reports
