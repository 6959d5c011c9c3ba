#include "salesforce/record_id.h"

#include <gtest/gtest.h>

namespace sfh::salesforce {
namespace {

TEST(RecordId, AddsTheChecksumSuffix) {
  // The org id of salesforce-wire.md section 9.1 and a well-known account id.
  EXPECT_EQ(To18("00DS7000000oxzo"), "00DS7000000oxzoMAA");
  EXPECT_EQ(To18("001A0000006Vm9r"), "001A0000006Vm9rIAC");
  EXPECT_EQ(To18("001A0000006Vm9rIAC"), "001A0000006Vm9rIAC");
}

TEST(RecordId, RejectsWrongLengthsAndCharacters) {
  EXPECT_FALSE(To18("001A0000006Vm9").has_value());
  EXPECT_FALSE(To18("001A0000006Vm9r!").has_value());
  EXPECT_FALSE(To15("001-0000006Vm9r").has_value());
}

TEST(RecordId, SameIdHonoursCaseAndChecksum) {
  EXPECT_TRUE(SameId("001A0000006Vm9r", "001A0000006Vm9rIAC"));
  EXPECT_FALSE(SameId("001a0000006Vm9r", "001A0000006Vm9r"));
  EXPECT_FALSE(SameId("001A0000006Vm9rAAA", "001A0000006Vm9r"));
}

TEST(RecordId, EighteenCharacterIdsIgnoreCase) {
  // The suffix IAS says which of the first 15 characters are upper-case: 001S7000001AcmE.
  EXPECT_TRUE(SameId("001S7000001AcmEIAS", "001s7000001acmeias"));
  EXPECT_TRUE(SameId("001S7000001ACMEIAS", "001s7000001acmeias"));
  EXPECT_TRUE(SameId("001s7000001acmeias", "001S7000001AcmE"));
  EXPECT_TRUE(SameId("001S7000001AcmE", "001S7000001ACMEIAS"));
  EXPECT_EQ(To15("001s7000001acmeias"), "001S7000001AcmE");
  EXPECT_EQ(To15("001S7000001ACMEIAS"), "001S7000001AcmE");
  EXPECT_EQ(To15("001S7000001AcmEias"), "001S7000001AcmE");
  EXPECT_EQ(To15("001S7000001AcmEIAS"), "001S7000001AcmE");
  EXPECT_EQ(To15("00ds7000000oxzomaa"), "00DS7000000oxzo");
}

TEST(RecordId, FifteenCharacterIdsStayCaseSensitive) {
  EXPECT_EQ(To15("001s7000001acme"), "001s7000001acme");
  EXPECT_FALSE(SameId("001s7000001acme", "001S7000001AcmE"));
  EXPECT_FALSE(SameId("001s7000001acme", "001S7000001AcmEIAS"));
  EXPECT_FALSE(SameId("001s7000001acme", "001s7000001acmeias"));
  EXPECT_TRUE(SameId("001s7000001acme", "001s7000001acme"));
}

TEST(RecordId, ASuffixThatMatchesNoCasingIsInvalid) {
  // Q sets the upper-case bit of the fifth character, the digit 7.
  EXPECT_FALSE(To15("001S7000001AcmEQAS").has_value());
  EXPECT_FALSE(To15("001s7000001acmeqas").has_value());
  EXPECT_FALSE(SameId("001S7000001AcmEQAS", "001S7000001AcmEQAS"));
  EXPECT_FALSE(SameId("001S7000001AcmEQAS", "001S7000001AcmE"));
  // 6 to 9 are not suffix characters.
  EXPECT_FALSE(To15("001S7000001AcmEI9S").has_value());
  // A suffix for another casing of the same characters names another record.
  EXPECT_EQ(To15("001A0000006Vm9rAAA"), "001a0000006vm9r");
  EXPECT_TRUE(SameId("001A0000006Vm9rAAA", "001a0000006vm9r"));
}

TEST(RecordId, NewIdsCarryPrefixAndValidChecksum) {
  const std::string id = NewRecordId(kAccountKeyPrefix);
  ASSERT_EQ(id.size(), 18u);
  EXPECT_EQ(id.substr(0, 3), "001");
  EXPECT_EQ(To18(id.substr(0, 15)), id);
  EXPECT_EQ(To15(id), id.substr(0, 15));
  EXPECT_NE(NewRecordId(kUserKeyPrefix), NewRecordId(kUserKeyPrefix));
}

}  // namespace
}  // namespace sfh::salesforce
