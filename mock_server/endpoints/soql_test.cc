#include "mock_server/endpoints/soql.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace sfh::mock {
namespace {

std::vector<std::string> Names(const std::vector<SoqlName>& names) {
  std::vector<std::string> out;
  for (const auto& n : names) out.push_back(n.text);
  return out;
}

std::string ErrorOf(std::string_view text) {
  auto q = ParseSoql(text);
  return q ? "<parsed>" : q.error().message;
}

TEST(Soql, ParsesFieldsObjectAndLimit) {
  auto q = ParseSoql("select Id,Name , Industry FROM Account LIMIT 10");
  ASSERT_TRUE(q.has_value()) << q.error().message;
  EXPECT_EQ(Names(q->fields), (std::vector<std::string>{"Id", "Name", "Industry"}));
  EXPECT_EQ(q->object.text, "Account");
  EXPECT_EQ(q->object.offset, 31u);
  EXPECT_EQ(q->limit, 10);
  EXPECT_FALSE(q->offset.has_value());
  EXPECT_EQ(q->select, SoqlQuery::Select::kFields);
}

TEST(Soql, ParsesEveryClause) {
  auto q = ParseSoql(
      "SELECT Name FROM Account a WHERE (Industry = 'Retail' OR Industry IN ('Media','Energy')) "
      "AND NOT Name LIKE 'Ac%' AND Id != null ORDER BY Industry DESC NULLS LAST, Name "
      "LIMIT 5 OFFSET 2");
  ASSERT_TRUE(q.has_value()) << q.error().message;
  EXPECT_EQ(q->alias, "a");
  ASSERT_TRUE(q->where.has_value());
  const SoqlCondition& where = *q->where;
  EXPECT_EQ(where.kind, SoqlCondition::Kind::kAnd);
  ASSERT_EQ(where.children.size(), 3u);
  EXPECT_EQ(where.children[0].kind, SoqlCondition::Kind::kOr);
  EXPECT_EQ(where.children[0].children[1].op, SoqlOperator::kIn);
  EXPECT_EQ(where.children[0].children[1].values.size(), 2u);
  EXPECT_EQ(where.children[0].children[1].values[1].text, "Energy");
  EXPECT_EQ(where.children[1].kind, SoqlCondition::Kind::kNot);
  EXPECT_EQ(where.children[1].children[0].op, SoqlOperator::kLike);
  EXPECT_EQ(where.children[2].op, SoqlOperator::kNotEquals);
  EXPECT_EQ(where.children[2].values[0].kind, SoqlLiteral::Kind::kNull);
  ASSERT_EQ(q->order_by.size(), 2u);
  EXPECT_EQ(q->order_by[0].field.text, "Industry");
  EXPECT_TRUE(q->order_by[0].descending);
  EXPECT_TRUE(q->order_by[0].nulls_last);
  EXPECT_FALSE(q->order_by[1].descending);
  EXPECT_FALSE(q->order_by[1].nulls_last);
  EXPECT_EQ(q->limit, 5);
  EXPECT_EQ(q->offset, 2);
}

TEST(Soql, KeywordsIgnoreCase) {
  auto q = ParseSoql("sElEcT name fRoM account wHeRe name = 'x' oRdEr bY name aSc LiMiT 1");
  ASSERT_TRUE(q.has_value()) << q.error().message;
  EXPECT_EQ(q->object.text, "account");
}

TEST(Soql, CountForms) {
  auto count = ParseSoql("SELECT COUNT() FROM Account");
  ASSERT_TRUE(count.has_value());
  EXPECT_EQ(count->select, SoqlQuery::Select::kCount);
  EXPECT_TRUE(count->fields.empty());
  auto field = ParseSoql("select count(Industry) from Account");
  ASSERT_TRUE(field.has_value());
  EXPECT_EQ(field->select, SoqlQuery::Select::kCountField);
  EXPECT_EQ(Names(field->fields), (std::vector<std::string>{"Industry"}));
  EXPECT_EQ(ErrorOf("SELECT COUNT(), Name FROM Account"), "unexpected token: ','");
}

TEST(Soql, StringLiteralsResolveEscapes) {
  auto q = ParseSoql(
      R"(SELECT Id FROM Account WHERE Name = 'O\'Brien \\ \"x\"\n' OR Name LIKE '50\%\_off%')");
  ASSERT_TRUE(q.has_value()) << q.error().message;
  const auto& eq = q->where->children[0].values[0];
  EXPECT_EQ(eq.kind, SoqlLiteral::Kind::kString);
  EXPECT_EQ(eq.text, "O'Brien \\ \"x\"\n");
  const auto& like = q->where->children[1].values[0];
  EXPECT_EQ(like.text, "50%_off%");
  EXPECT_EQ(like.like_pattern, "50\\%\\_off%");
}

TEST(Soql, OtherLiterals) {
  auto q = ParseSoql(
      "SELECT Id FROM Opportunity WHERE Amount >= -12.5 AND CloseDate < 2024-01-31 AND "
      "X__c = TRUE AND Y__c <> false AND Z__c <= 2024-01-31T10:00:00Z");
  ASSERT_TRUE(q.has_value()) << q.error().message;
  const auto& c = q->where->children;
  EXPECT_EQ(c[0].op, SoqlOperator::kGreaterOrEqual);
  EXPECT_EQ(c[0].values[0].kind, SoqlLiteral::Kind::kNumber);
  EXPECT_DOUBLE_EQ(c[0].values[0].number, -12.5);
  EXPECT_EQ(c[1].values[0].kind, SoqlLiteral::Kind::kDate);
  EXPECT_EQ(c[1].values[0].text, "2024-01-31");
  EXPECT_TRUE(c[2].values[0].boolean);
  EXPECT_EQ(c[3].op, SoqlOperator::kNotEquals);
  EXPECT_FALSE(c[3].values[0].boolean);
  EXPECT_EQ(c[4].values[0].text, "2024-01-31T10:00:00Z");
}

TEST(Soql, ReportsTheUnexpectedTokenQuoted) {
  EXPECT_EQ(ErrorOf("SELECT Id FORM Account"), "unexpected token: 'FORM'");
  EXPECT_EQ(ErrorOf("SELECT Id, FROM Account"), "unexpected token: 'FROM'");
  EXPECT_EQ(ErrorOf("SELECT Id Account"), "unexpected token: 'Account'");
  EXPECT_EQ(ErrorOf("SELECT Id FROM"), "unexpected token: '<EOF>'");
  EXPECT_EQ(ErrorOf("SELECT Id FROM Account WHERE"), "unexpected token: '<EOF>'");
  EXPECT_EQ(ErrorOf("SELECT Id FROM Account LIMIT x"), "unexpected token: 'x'");
  EXPECT_EQ(ErrorOf("SELECT Id FROM Account LIMIT -1"), "unexpected token: '-1'");
  EXPECT_EQ(ErrorOf("SELECT * FROM Account"), "unexpected token: '*'");
  EXPECT_EQ(ErrorOf("SELECT Id FROM Account ORDER Name"), "unexpected token: 'Name'");
  EXPECT_EQ(ErrorOf("SELECT Id FROM Account WHERE Name LIKE 5"), "unexpected token: '5'");
  EXPECT_EQ(ErrorOf("SELECT Id FROM Account WHERE (Name = 'a'"), "unexpected token: '<EOF>'");
}

TEST(Soql, SummerTwentyFourMessages) {
  // The Summer '24 release notes' examples of the new messages.
  EXPECT_EQ(ErrorOf("SELECT Id FROM Account USING everything"), "unexpected token: 'everything'");
  EXPECT_EQ(ErrorOf("SELECT ParentId, Value FROM InteractionRefOrValue WHERE ParentId IN ()"),
            "unexpected token: 'ParentId IN ()'");
  EXPECT_EQ(ErrorOf("SELECT FROM ServicePresenceStatus"), "unexpected token: 'SELECT FROM'");
  EXPECT_EQ(ErrorOf("SELECT annualrevenue , parentid FROM Account WHERE (isDeleted = false AND "
                    "NumberOfEmployees != 100) OR (isDeleted = false AND Site = '999') AND "
                    "ParentId = '000000000000000' LIMIT 50000 OFFSET 0"),
            "unexpected token: 'AND'");
  EXPECT_EQ(ErrorOf("SELECT Id FROM Lead WHERE A__c = 'x' AND B__c = 'y' OR C__c = 'z'"),
            "unexpected token: 'OR'");
}

TEST(Soql, ErrorsAtTheFirstTokenAreNotPositioned) {
  auto invalid = ParseSoql("invalid");
  ASSERT_FALSE(invalid.has_value());
  EXPECT_EQ(invalid.error().message, "unexpected token: 'invalid'");
  EXPECT_FALSE(invalid.error().positioned);
  EXPECT_EQ(invalid.error().unexpected_token, "invalid");
  auto later = ParseSoql("SELECT Id FORM Account");
  ASSERT_FALSE(later.has_value());
  EXPECT_TRUE(later.error().positioned);
  EXPECT_EQ(later.error().offset, 10u);
}

TEST(Soql, LexicalErrors) {
  auto unterminated = ParseSoql("SELECT Id FROM Account WHERE Name = 'Acme");
  ASSERT_FALSE(unterminated.has_value());
  EXPECT_EQ(unterminated.error().message, "line 1:41 mismatched character '<EOF>' expecting '''");
  EXPECT_FALSE(unterminated.error().unexpected_token.has_value());
  auto escape = ParseSoql(R"(SELECT Id FROM Account WHERE Name = 'a\qb')");
  ASSERT_FALSE(escape.has_value());
  EXPECT_EQ(escape.error().message,
            R"(Invalid string literal ''a\q'. Illegal character sequence '\q' in string literal.)");
}

TEST(Soql, PositionedMessageMatchesCaptures) {
  // Simon Fell's sample on the developer forums.
  EXPECT_EQ(PositionedMessage("select id,name,type from accountx", 25,
                              "sObject type 'accountx' is not supported."),
            "\nselect id,name,type from accountx\n                         ^\nERROR at "
            "Row:1:Column:26\nsObject type 'accountx' is not supported.");
  // The end of the query.
  EXPECT_EQ(PositionedMessage("SELECT Id FROM Account WHERE", 28, "unexpected token: '<EOF>'"),
            "\nSELECT Id FROM Account WHERE\n                            ^\nERROR at "
            "Row:1:Column:29\nunexpected token: '<EOF>'");
  // A long line is cut to whole tokens around the error ("ORG-VERIFIED" capture).
  EXPECT_EQ(PositionedMessage("SELECT Id, DepProbeField__c FROM Account LIMIT 1", 11, "m"),
            "\nSELECT Id, DepProbeField__c FROM Account LIMIT\n           ^\nERROR at "
            "Row:1:Column:12\nm");
  const std::string long_query =
      "SELECT Id, Name, OwnerId, CreatedDate, LastModifiedDate, SystemModstamp, CreatedById,"
      "OCE__ActualCap__c,TPI_Product__c,Name,OCE__JobId__c,OCE__Status__c FROM "
      "OCE__ActivityPlan__c";
  const size_t at = long_query.find("TPI_Product__c");
  EXPECT_EQ(PositionedMessage(long_query, at, "m"),
            fmt::format("\nCreatedById,OCE__ActualCap__c,TPI_Product__c,Name,OCE__JobId__c\n{}^"
                        "\nERROR at Row:1:Column:{}\nm",
                        std::string(30, ' '), at + 1));
}

TEST(Soql, PositionedMessageCountsRows) {
  EXPECT_EQ(PositionedMessage("SELECT Id\nFROM Account\nWHERE Nope__c = 1", 29, "m"),
            "\nWHERE Nope__c = 1\n      ^\nERROR at Row:3:Column:7\nm");
}

TEST(Soql, LikeMatching) {
  EXPECT_TRUE(MatchesLike("Acme", "Ac%"));
  EXPECT_TRUE(MatchesLike("acme", "AC%"));
  EXPECT_TRUE(MatchesLike("Acme", "%m_"));
  EXPECT_TRUE(MatchesLike("Acme", "%"));
  EXPECT_FALSE(MatchesLike("Acme", "Ac"));
  EXPECT_FALSE(MatchesLike("Globex", "Ac%"));
  EXPECT_TRUE(MatchesLike("50%_off", "50\\%\\_off"));
  EXPECT_FALSE(MatchesLike("50x_off", "50\\%\\_off"));
  EXPECT_TRUE(MatchesLike("a\\b", "a\\\\b"));
}

}  // namespace
}  // namespace sfh::mock
