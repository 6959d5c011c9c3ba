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

TEST(RecordId, NewIdsCarryPrefixAndValidChecksum) {
  const std::string id = NewRecordId(kAccountKeyPrefix);
  ASSERT_EQ(id.size(), 18u);
  EXPECT_EQ(id.substr(0, 3), "001");
  EXPECT_EQ(To18(id.substr(0, 15)), id);
  EXPECT_NE(NewRecordId(kUserKeyPrefix), NewRecordId(kUserKeyPrefix));
}

}  // namespace
}  // namespace sfh::salesforce
