#include "salesforce/form.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace sfh::salesforce {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;

TEST(ParseForm, DecodesPlusPercentAndLowerCaseEscapes) {
  auto form = ParseForm("grant_type=client_credentials&scope=api+web&x=a%2fb%2Bc&empty=&flag");
  ASSERT_TRUE(form.has_value()) << form.error();
  EXPECT_THAT(form->fields(),
              ElementsAre(Pair("grant_type", "client_credentials"), Pair("scope", "api web"),
                          Pair("x", "a/b+c"), Pair("empty", ""), Pair("flag", "")));
}

TEST(ParseForm, KeepsDuplicatesInOrder) {
  auto form = ParseForm("a=1&a=2&&b=3");
  ASSERT_TRUE(form.has_value());
  EXPECT_EQ(form->Count("a"), 2u);
  EXPECT_EQ(form->Get("a"), "1");
  EXPECT_EQ(form->Get("b"), "3");
  EXPECT_FALSE(form->Has("c"));
}

TEST(ParseForm, RejectsBrokenPercentEncodingWithItsPlace) {
  auto form = ParseForm("client_id=abc&client_secret=12%G4");
  ASSERT_FALSE(form.has_value());
  EXPECT_THAT(form.error(), HasSubstr("client_secret"));
  EXPECT_THAT(form.error(), HasSubstr("offset 2"));
  EXPECT_FALSE(ParseForm("a=%4").has_value());
}

// Runs between escapes are copied whole: escapes at either end, next to each other, alone, and
// '+' as a space only when asked.
TEST(PercentDecode, EscapesAnywhereInTheRun) {
  EXPECT_EQ(PercentDecode("%41bc%42", true), "AbcB");
  EXPECT_EQ(PercentDecode("%41%42%43", true), "ABC");
  EXPECT_EQ(PercentDecode("plain", true), "plain");
  EXPECT_EQ(PercentDecode("", true), "");
  EXPECT_EQ(PercentDecode("++a+", true), "  a ");
  EXPECT_EQ(PercentDecode("a+b%2B", false), "a+b+");
  const auto cut = PercentDecode("abc%", true);
  ASSERT_FALSE(cut.has_value());
  EXPECT_THAT(cut.error(), HasSubstr("offset 3"));
  EXPECT_FALSE(PercentDecode("abc%4", true).has_value());
}

TEST(EncodeForm, RoundTripsThroughParseForm) {
  const std::vector<FormField> fields = {{"client_secret", "a b&c=d/é+"}, {"k", ""}};
  auto form = ParseForm(EncodeForm(fields));
  ASSERT_TRUE(form.has_value());
  EXPECT_EQ(form->fields(), fields);
  EXPECT_EQ(EncodeForm({{"a b", "c"}}), "a+b=c");
}

TEST(BasicAuthorization, ParsesFormEncodedCredentials) {
  // RFC 6749 section 2.3.1: id and secret are form-encoded before Base64.
  const std::string header = MakeBasicAuthorization("my id", "s:e%cret");
  auto parsed = ParseBasicAuthorization(header);
  ASSERT_TRUE(parsed.has_value());
  ASSERT_TRUE(parsed->has_value()) << parsed->error();
  EXPECT_EQ((*parsed)->client_id, "my id");
  EXPECT_EQ((*parsed)->client_secret, "s:e%cret");
}

TEST(BasicAuthorization, SchemeIsCaseInsensitive) {
  auto parsed = ParseBasicAuthorization("bAsIc YWJjOmRlZg==");
  ASSERT_TRUE(parsed.has_value() && parsed->has_value());
  EXPECT_EQ((*parsed)->client_id, "abc");
  EXPECT_EQ((*parsed)->client_secret, "def");
}

TEST(BasicAuthorization, OtherSchemesAreNotBasic) {
  EXPECT_FALSE(ParseBasicAuthorization("Bearer abc").has_value());
  EXPECT_FALSE(ParseBasicAuthorization("Basicx abc").has_value());
}

TEST(BasicAuthorization, MalformedBasicIsAnError) {
  auto not_base64 = ParseBasicAuthorization("Basic !!!");
  ASSERT_TRUE(not_base64.has_value());
  EXPECT_FALSE(not_base64->has_value());
  auto no_colon = ParseBasicAuthorization("Basic YWJj");  // "abc"
  ASSERT_TRUE(no_colon.has_value());
  EXPECT_FALSE(no_colon->has_value());
}

TEST(IsFormMediaType, IgnoresCaseAndParameters) {
  EXPECT_TRUE(IsFormMediaType("application/x-www-form-urlencoded"));
  EXPECT_TRUE(IsFormMediaType("Application/X-WWW-Form-URLEncoded; charset=UTF-8"));
  EXPECT_FALSE(IsFormMediaType("application/json"));
  EXPECT_FALSE(IsFormMediaType("application/x-www-form-urlencodedx"));
  EXPECT_FALSE(IsFormMediaType(""));
}

TEST(SplitTarget, SeparatesPathAndQuery) {
  EXPECT_EQ(SplitTarget("/a/b?x=1&y=2"),
            std::make_pair(std::string_view("/a/b"), std::string_view("x=1&y=2")));
  EXPECT_EQ(SplitTarget("/a").second, "");
}

}  // namespace
}  // namespace sfh::salesforce
