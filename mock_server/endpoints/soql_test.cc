#include "mock_server/endpoints/soql.h"

#include <gtest/gtest.h>

namespace sfh::mock {
namespace {

TEST(Soql, ParsesFieldsObjectAndLimit) {
  auto q = ParseSoql("select Id,Name , Industry FROM Account LIMIT 10");
  ASSERT_TRUE(q.has_value()) << q.error();
  EXPECT_EQ(q->fields, (std::vector<std::string>{"Id", "Name", "Industry"}));
  EXPECT_EQ(q->object, "Account");
  EXPECT_EQ(q->limit, 10);
}

TEST(Soql, ReportsTheUnexpectedToken) {
  EXPECT_EQ(ParseSoql("SELEC Id FROM Account").error(), "unexpected token: SELEC");
  EXPECT_EQ(ParseSoql("SELECT FROM Account").error(), "unexpected token: FROM");
  EXPECT_EQ(ParseSoql("SELECT Id Account").error(), "unexpected token: Account");
  EXPECT_EQ(ParseSoql("SELECT Id FROM").error(), "unexpected token: <EOF>");
  EXPECT_EQ(ParseSoql("SELECT Id FROM Account LIMIT x").error(), "unexpected token: x");
  EXPECT_EQ(ParseSoql("SELECT Id FROM Account WHERE").error(), "unexpected token: WHERE");
  EXPECT_EQ(ParseSoql("").error(), "unexpected token: <EOF>");
}

}  // namespace
}  // namespace sfh::mock
