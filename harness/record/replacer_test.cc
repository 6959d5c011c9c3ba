// The stand-ins of a recording: ids keep their key prefix and are valid 18-character ids, the
// same live value always maps to the same stand-in, and nothing of the original survives.
#include "harness/record/replacer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "salesforce/record_id.h"

namespace sfh::harness::record {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

namespace sf = ::sfh::salesforce;

TEST(ReplacerLooksLikeId, TellsIdsFromWords) {
  EXPECT_TRUE(Replacer::LooksLikeId("001S7000001AcmE"));
  EXPECT_TRUE(Replacer::LooksLikeId(*sf::To18("001S7000001AcmE")));
  EXPECT_TRUE(Replacer::LooksLikeId(*sf::To18("00DS7000000sfmk")));
  EXPECT_FALSE(Replacer::LooksLikeId("openid-configuration"));
  EXPECT_FALSE(Replacer::LooksLikeId("ApexTestResults"));     // 15 letters, no digit
  EXPECT_FALSE(Replacer::LooksLikeId("001S7000001AcmEZZZ"));  // a suffix of another casing
  EXPECT_FALSE(Replacer::LooksLikeId("v62.0"));
  EXPECT_FALSE(Replacer::LooksLikeId(""));
}

TEST(ReplacerId, KeepsThePrefixAndMakesValid18CharacterIds) {
  Replacer replacer;
  for (const std::string live : {"001S7000001AcmE", "00DS7000000sfmk", "005S7000000sfmk",
                                 "a01S7000000wXyZ", "00QS7000000lead"}) {
    const std::string fake = replacer.Id(live);
    SCOPED_TRACE(live + " -> " + fake);
    EXPECT_EQ(fake.size(), 18u);
    EXPECT_EQ(fake.substr(0, 3), live.substr(0, 3));
    EXPECT_EQ(sf::To18(fake.substr(0, 15)), fake);  // the checksum suffix is right
    EXPECT_FALSE(sf::SameId(fake, live));
    EXPECT_THAT(fake, Not(HasSubstr(live.substr(3))));
  }
}

TEST(ReplacerId, OneRecordInAnyFormGetsOneStandIn) {
  Replacer replacer;
  const std::string id15 = "001S7000001AcmE";
  const std::string id18 = *sf::To18(id15);
  std::string upper = id18;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const std::string fake = replacer.Id(id15);
  EXPECT_EQ(replacer.Id(id18), fake);
  EXPECT_EQ(replacer.Id(upper), fake);  // an 18-character id is case-insensitive
  EXPECT_NE(replacer.Id("001S7000001AcmF"), fake);
  EXPECT_NE(replacer.Id("001S7000001acme"), fake);  // a 15-character one is not
  EXPECT_EQ(replacer.ids_replaced(), 3u);
}

TEST(ReplacerValue, NumbersValuesPerFieldAndRepeatsThem) {
  Replacer replacer;
  EXPECT_EQ(replacer.Value("Name", "Quuxcorp Holdings"), "Name 1");
  EXPECT_EQ(replacer.Value("Name", "Frobnitz Labs"), "Name 2");
  EXPECT_EQ(replacer.Value("Name", "Quuxcorp Holdings"), "Name 1");
  EXPECT_EQ(replacer.Value("BillingCity", "Quuxcorp Holdings"), "BillingCity 1");
  EXPECT_EQ(replacer.values_replaced(), 3u);
}

TEST(ReplacerValue, NeverHandsOutAValueItHasSeen) {
  Replacer replacer;
  EXPECT_EQ(replacer.Value("Name", "Name 1"), "Name 2");
  EXPECT_EQ(replacer.Value("Name", "Acme"), "Name 3");
  EXPECT_EQ(replacer.Value("Name", "Name 1"), "Name 2");
}

TEST(ReplacerPath, KeepsTheApisWordsAndReplacesTheOrgs) {
  Replacer replacer;
  const std::string account = "001S7000001AcmE";
  const std::string fake = replacer.Id(account);
  EXPECT_EQ(replacer.Path("/services/data/v62.0/sobjects/Account/" + *sf::To18(account)),
            "/services/data/v62.0/sobjects/Account/" + fake);
  EXPECT_EQ(replacer.Path("/services/data/v62.0/query"), "/services/data/v62.0/query");
  EXPECT_EQ(replacer.Path("/.well-known/openid-configuration"),
            "/.well-known/openid-configuration");
  EXPECT_EQ(replacer.Path("/services/data/"), "/services/data/");
  const std::string identity =
      replacer.Path("/id/" + *sf::To18("00DS7000000sfmk") + "/" + *sf::To18("005S7000000sfmk"));
  EXPECT_THAT(identity, ::testing::MatchesRegex("/id/00D[0-9A-Z]{15}/005[0-9A-Z]{15}"));
  EXPECT_THAT(identity, Not(HasSubstr("sfmk")));
  EXPECT_EQ(replacer.Path("/services/data/v62.0/sobjects/Quuxcorp_Invoice__c/describe"),
            "/services/data/v62.0/sobjects/*/describe");
  EXPECT_EQ(replacer.Path("/services/apexrest/QuuxcorpSync/run"), "/services/apexrest/*/*");
  EXPECT_EQ(replacer.Path("/services/data/v62.0/query/01gS7000000qcurs-2000"),
            "/services/data/v62.0/query/*");
}

TEST(ReplacerPath, GlobsMatchWhateverIdsTheReplayGives) {
  EXPECT_EQ(Replacer::PathGlob("/id/" + *sf::To18("00DS7000000sfmk") + "/005S7000000sfmk"),
            "/id/*/*");
  EXPECT_EQ(Replacer::PathGlob("/services/oauth2/token"), "/services/oauth2/token");
  EXPECT_EQ(Replacer::PathGlob("/services/data/v62.0/sobjects/Account/001S7000001AcmE"),
            "/services/data/v62.0/sobjects/Account/*");
}

}  // namespace
}  // namespace sfh::harness::record
