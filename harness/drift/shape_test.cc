#include "harness/drift/shape.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace sfh::harness::drift {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using json = nlohmann::json;

const ShapeContext kLive{"https://acme.my.salesforce.com"};
const ShapeContext kMock{"https://127.0.0.1:43121"};

std::vector<std::string> Lines(const std::vector<Difference>& differences) {
  std::vector<std::string> out;
  for (const auto& d : differences) out.push_back(d.path + ": live " + d.live + ", mock " + d.mock);
  return out;
}

std::vector<std::string> CompareJson(const json& live, const json& mock) {
  return Lines(CompareShapes(JsonShape(live, kLive), JsonShape(mock, kMock)));
}

net::Response Answer(int status, net::HeaderList headers, std::string body) {
  return net::Response{.status = status, .headers = std::move(headers), .body = std::move(body)};
}

TEST(UrlShape, MasksHostsIdsVersionsAndQueryValues) {
  EXPECT_EQ(
      UrlShape("https://login.salesforce.com/id/00DS7000000sfmkMAC/005S7000000sfmkQAC", kLive),
      "https://{host}/id/{orgId}/{userId}");
  EXPECT_EQ(UrlShape("https://acme.my.salesforce.com/services/data/v67.0/limits", kLive),
            "https://{my_domain}/services/data/v{version}/limits");
  EXPECT_EQ(UrlShape("https://127.0.0.1:43121/services/data/v62.0/limits", kMock),
            "https://{my_domain}/services/data/v{version}/limits");
  // Another port of the same address is another host (the mock's login listener).
  EXPECT_EQ(UrlShape("https://127.0.0.1:43122/id/keys", kMock), "https://{host}/id/keys");
  EXPECT_EQ(UrlShape("/services/data/v64.0/sobjects/Account/001S7000001AbCdIAK", kLive),
            "/services/data/v{version}/sobjects/Account/{id}");
  EXPECT_EQ(
      UrlShape("https://acme.my.salesforce.com/services/Soap/c/{version}/00DS7000000sfmk", kLive),
      "https://{my_domain}/services/Soap/c/{version}/{orgId}");
  EXPECT_EQ(UrlShape("https://acme.my.salesforce.com/x?token=00D!abc&flag#frag", kLive),
            "https://{my_domain}/x?token={}&flag");
  EXPECT_EQ(UrlShape("/services/data/v67.0/query/01gD0000002HU6KIAW-2000", kLive),
            "/services/data/v{version}/query/01gD0000002HU6KIAW-2000");
  EXPECT_EQ(UrlShape("https://acme.my.salesforce.com", kLive), "https://{my_domain}");
  EXPECT_EQ(UrlShape("https://acme.my.salesforce.com/", kLive), "https://{my_domain}/");
  EXPECT_EQ(UrlShape("not a url", kLive), "");
  EXPECT_EQ(UrlShape("Bearer", kLive), "");
  EXPECT_EQ(UrlShape("//evil.example/x", kLive), "");
  // Base64 (a token signature) may start with '/'.
  EXPECT_EQ(UrlShape("/Q4AOehZ/001S7000001AbCdIAK/u2zZFDVNESTjfRA=", kLive), "");
  EXPECT_EQ(UrlShape("/abcdefgh/ijklmnopqrstuvwxyz0123456789abcdef=", kLive), "");
  EXPECT_EQ(UrlShape("/services/data/v67.0/query?q=SELECT+Id+FROM+Account", kLive),
            "/services/data/v{version}/query?q={}");
}

TEST(LimitInfoForm, MasksNumbersAndTheAppName) {
  EXPECT_EQ(LimitInfoForm("api-usage=18/5000"), "api-usage={n}/{n}");
  EXPECT_EQ(LimitInfoForm(" api-usage=18/5000; per-app-api-usage=17/250(appName=sample-app)"),
            "api-usage={n}/{n}; per-app-api-usage={n}/{n}(appName={name})");
}

TEST(JsonShape, KeepsKeysAndTypesAndMasksValues) {
  const json live = {
      {"access_token", "00DS7000000sfmk!AQ4AQLiveToken"},
      {"signature", "nUFHwtfIGLKDTHcLWmDBG8frv0t+HQGl/iCZFIQUarE="},
      {"instance_url", "https://acme.my.salesforce.com"},
      {"id", "https://login.salesforce.com/id/00DS7000000sfmkMAC/005S7000000sfmkQAC"},
      {"token_type", "Bearer"},
      {"issued_at", "1678833535086"}};
  const json mock = {{"access_token", "00DS7000000abcd!OtherToken"},
                     {"signature", "Zm9vYmFy"},
                     {"instance_url", "https://127.0.0.1:43121"},
                     {"id", "https://127.0.0.1:43122/id/00DS7000000abcdMAC/005S7000000abcdQAC"},
                     {"token_type", "Bearer"},
                     {"issued_at", "1700000000000"}};
  EXPECT_THAT(CompareJson(live, mock), IsEmpty());
  const Shape shape = JsonShape(live, kLive);
  EXPECT_EQ(shape.at("body"), "object");
  EXPECT_EQ(shape.at("body.access_token"), "string");
  EXPECT_EQ(shape.at("body.instance_url"), "url https://{my_domain}");
  EXPECT_EQ(shape.at("body.id"), "url https://{host}/id/{orgId}/{userId}");
  EXPECT_EQ(shape.at("body.token_type"), "string \"Bearer\"");
  for (const auto& [path, label] : shape) {
    EXPECT_THAT(label, ::testing::Not(::testing::HasSubstr("LiveToken"))) << path;
  }
}

TEST(JsonShape, ReportsMissingKeysAndOtherTypes) {
  const json live = {{"signature", "x"}, {"issued_at", "1678833535086"}, {"active", true}};
  const json mock = {{"issued_at", 1678833535086}, {"active", "true"}, {"scope", "api"}};
  EXPECT_THAT(CompareJson(live, mock), ElementsAre("body.active: live boolean, mock string",
                                                   "body.issued_at: live string, mock number",
                                                   "body.scope: live absent, mock string",
                                                   "body.signature: live string, mock absent"));
}

TEST(JsonShape, ANumberIsANumberWhateverItsValue) {
  EXPECT_THAT(
      CompareJson({{"Max", 15000}, {"Remaining", 14998}}, {{"Max", 5000.5}, {"Remaining", 0}}),
      IsEmpty());
}

TEST(JsonShape, ReportsAWholeMissingObjectOnce) {
  const json live = {{"DailyApiRequests", {{"Max", 1}, {"Remaining", 1}}},
                     {"DataStorageMB", {{"Max", 1}, {"Remaining", 1}}}};
  const json mock = {{"DailyApiRequests", {{"Max", 1}, {"Remaining", 1}}}};
  EXPECT_THAT(CompareJson(live, mock), ElementsAre("body.DataStorageMB: live object, mock absent"));
}

TEST(JsonShape, ComparesArraysByTheUnionOfTheirElements) {
  const json live = json::array({{{"a", 1}}, {{"b", "x"}}, {{"a", 2}, {"b", "y"}}});
  const json mock = json::array({{{"a", 7}, {"b", "z"}}});
  EXPECT_THAT(CompareJson(live, mock), IsEmpty());
  const json mixed = json::array({{{"a", 1}}, {{"a", nullptr}}});
  EXPECT_THAT(CompareJson(mixed, mock), ElementsAre("body[].a: live null|number, mock number",
                                                    "body[].b: live absent, mock string"));
}

TEST(JsonShape, AnEmptyArrayIsOneDifferenceNotOnePerElementKey) {
  const json live = {{"records", json::array()}};
  const json mock = {{"records", json::array({{{"Id", "001"}, {"Name", "Acme"}}})}};
  EXPECT_THAT(CompareJson(live, mock), ElementsAre("body.records: live array(empty), mock array"));
}

TEST(JsonShape, ElementsWithTheirOwnUrlsAreOneShapeButAVersionListIsExact) {
  const json sobjects = {
      {"sobjects",
       json::array(
           {{{"name", "Account"}, {"urls", {{"sobject", "/services/data/v67.0/sobjects/Account"}}}},
            {{"name", "Case"}, {"urls", {{"sobject", "/services/data/v67.0/sobjects/Case"}}}}})}};
  EXPECT_EQ(JsonShape(sobjects, kLive).at("body.sobjects[].urls.sobject"), "url (varies)");
  const json versions = json::array({{{"label", "Summer '25"}, {"url", "/services/data/v64.0"}},
                                     {{"label", "Summer '26"}, {"url", "/services/data/v67.0"}}});
  EXPECT_EQ(JsonShape(versions, kLive).at("body[].url"), "url /services/data/v{version}");
}

TEST(JsonShape, KeysThatNameDataAreOneName) {
  const json live = {
      {"DailyApiRequests",
       {{"Max", 1}, {"Salesforce CLI", {{"Max", 1}}}, {"Data Loader", {{"Max", 2}}}}}};
  const json mock = {{"DailyApiRequests", {{"Max", 1}, {"Workbench App", {{"Max", 3}}}}}};
  EXPECT_THAT(CompareJson(live, mock), IsEmpty());
  EXPECT_TRUE(JsonShape(live, kLive).contains("body.DailyApiRequests.{name}.Max"));
}

TEST(JsonShape, ComparesOAuthErrorStringsExactly) {
  const json live = {{"error", "invalid_client"},
                     {"error_description", "invalid client credentials"}};
  EXPECT_THAT(CompareJson(live, live), IsEmpty());
  const json mock = {{"error", "invalid_grant"}, {"error_description", "authentication failure"}};
  EXPECT_THAT(
      CompareJson(live, mock),
      ElementsAre("body.error: live string \"invalid_client\", mock string \"invalid_grant\"",
                  "body.error_description: live string \"invalid client credentials\", "
                  "mock string \"authentication failure\""));
}

TEST(JsonShape, ComparesRestErrorStringsExactly) {
  const json live = json::array(
      {{{"message", "TotalRequests Limit exceeded."}, {"errorCode", "REQUEST_LIMIT_EXCEEDED"}}});
  const json mock = json::array(
      {{{"errorCode", "REQUEST_LIMIT_EXCEEDED"}, {"message", "TotalRequests Limit Exceeded"}}});
  EXPECT_THAT(CompareJson(live, mock),
              ElementsAre("body[].message: live string \"TotalRequests Limit exceeded.\", mock "
                          "string \"TotalRequests Limit Exceeded\""));
}

TEST(AnswerShape, ComparesStatusAndTheHeadersThatCarryFacts) {
  const net::Response live =
      Answer(200,
             {{"Content-Type", "application/json;charset=UTF-8"},
              {"Cache-Control", "no-cache,must-revalidate,max-age=0,no-store,private"},
              {"Sforce-Limit-Info", "api-usage=18/5000"},
              {"Date", "Tue, 01 Jul 2025 10:00:00 GMT"}},
             R"({"a":1})");
  const net::Response same =
      Answer(200,
             {{"content-type", "application/json; charset=utf-8"},
              {"Cache-Control", "no-cache, must-revalidate, max-age=0, no-store, private"},
              {"Sforce-Limit-Info", "api-usage=1/15000"},
              {"Date", "Wed, 02 Jul 2025 11:00:00 GMT"}},
             R"({"a":2})");
  EXPECT_THAT(CompareShapes(AnswerShape(live, kLive), AnswerShape(same, kMock)), IsEmpty());

  const net::Response other =
      Answer(201, {{"Content-Type", "application/json"}, {"Location", "/x"}}, R"({"a":2})");
  EXPECT_THAT(
      Lines(CompareShapes(AnswerShape(live, kLive), AnswerShape(other, kMock))),
      ElementsAre(
          "header.Cache-Control: live no-cache,must-revalidate,max-age=0,no-store,private, mock "
          "absent",
          "header.Content-Type: live application/json;charset=utf-8, mock application/json",
          "header.Location: live absent, mock present",
          "header.Sforce-Limit-Info: live api-usage={n}/{n}, mock absent",
          "http.status: live 200, mock 201"));
}

TEST(AnswerShape, ComparesTextErrorsExactlyAndMasksOtherText) {
  const auto shape = [](int status, std::string body) {
    return AnswerShape(Answer(status, {}, std::move(body)), kLive);
  };
  EXPECT_EQ(shape(403, "Bad_OAuth_Token\n").at("body"), "text \"Bad_OAuth_Token\"");
  EXPECT_EQ(shape(200, "cb({});").at("body"), "text");
  EXPECT_EQ(shape(200, "  ").at("body"), "empty");
  EXPECT_THAT(Lines(CompareShapes(shape(400, "error=invalid_token"),
                                  shape(400, R"({"error":"invalid_token"})"))),
              ElementsAre("body: live text \"error=invalid_token\", mock object"));
}

// An error body that is not UTF-8, or whose cut at 300 bytes splits a character, is shown with
// U+FFFD in their place (it used to throw out of drift).
TEST(AnswerShape, TextErrorsThatAreNotUtf8AreShownNotThrown) {
  const auto shape = [](std::string body) {
    return AnswerShape(Answer(500, {}, std::move(body)), kLive).at("body");
  };
  EXPECT_EQ(shape("bad \xff byte"),
            "text \"bad \xEF\xBF\xBD"
            " byte\"");
  const std::string cut = shape(std::string(299, 'a') + "\xC3\xA9 and more");
  EXPECT_EQ(cut, "text \"" + std::string(299, 'a') + "\xEF\xBF\xBD [cut]\"");
}

}  // namespace
}  // namespace sfh::harness::drift
