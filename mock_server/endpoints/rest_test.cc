// The REST data API without sockets: requests in, exact responses out.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "mock_server/endpoints/endpoint_test_support.h"
#include "mock_server/mock_org.h"
#include "mock_server/org/query_cursors.h"
#include "salesforce/form.h"
#include "salesforce/record_id.h"

namespace sfh::mock {
namespace {

namespace sf = ::sfh::salesforce;
using Json = nlohmann::ordered_json;
using ::testing::HasSubstr;

constexpr char kNotFound[] =
    R"([{"errorCode":"NOT_FOUND","message":"The requested resource does not exist"}])";
constexpr char kExpired[] =
    R"([{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}])";
constexpr char kBadLocator[] =
    R"([{"message":"invalid query locator","errorCode":"INVALID_QUERY_LOCATOR"}])";

RecordConfig Rec(std::string id, Json fields) {
  return RecordConfig{std::move(id), std::move(fields)};
}

OrgConfig RestOrg() {
  OrgConfig org;
  org.org_id = "00DS7000000oxzoMAA";
  org.users.push_back({"integration@acme.test", "005S7000000AbCdIAK", true});
  AppConfig app;
  app.name = "Billing";
  app.client_id = "3MVG9restTestClientId";
  app.client_secret = "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF";
  app.run_as = "integration@acme.test";
  org.apps.push_back(app);
  org.records["Account"] = {
      Rec("001S7000001AcmEIAS",
          {{"Name", "Acme"}, {"Industry", "Retail"}, {"Region__c", "EMEA"}, {"Score__c", 7}}),
      Rec("001S7000001GlbXIAS", {{"Name", "Globex"}, {"Industry", "Energy"}}),
      Rec("001S7000001InTcIAK", {{"Name", "Initech"}, {"Industry", "Technology"}}),
      Rec("001S7000001UmbRIAS", {{"Name", "Umbrella"}, {"Industry", nullptr}}),
      Rec("001S7000001StRkIAK", {{"Name", "Stark O'Brien"}, {"Industry", "Retail"}}),
  };
  org.records["Contact"] = {
      Rec("003S7000002JoHnIAK",
          {{"FirstName", "John"}, {"LastName", "Doe"}, {"AccountId", "001S7000001AcmEIAS"}})};
  org.records["Opportunity"] = {Rec("006S7000004BiGdIAK", {{"Name", "Big Deal"},
                                                           {"StageName", "Prospecting"},
                                                           {"CloseDate", "2024-06-30"},
                                                           {"Amount", 50000}})};
  org.records["Lead"] = {
      Rec("00QS7000003LeAdMAK", {{"LastName", "Smith"}, {"Company", "Kore"}, {"Status", "Open"}})};
  return org;
}

class RestTest : public ::testing::Test {
 protected:
  explicit RestTest(OrgConfig config = RestOrg())
      : clock_(std::make_shared<ManualClock>()), mock_(std::move(config), {}, clock_) {
    mock_.org().SetHostUrls({"https://127.0.0.1:1001", "https://127.0.0.1:1002", ""});
    token_ = NewToken("api");
  }

  // A live access token with `scope`.
  std::string NewToken(std::string scope) {
    const Org& org = mock_.org();
    return mock_.org()
        .IssueSession(org.config().apps[0], org.config().users[0], {.scope = std::move(scope)})
        .access_token;
  }

  HttpResponse Send(const std::string& method, const std::string& target,
                    std::optional<std::string> token, Headers extra = {}) {
    HttpRequest r;
    r.method = method;
    r.target = target;
    const auto [path, query] = sf::SplitTarget(target);
    r.path = std::string(path);
    r.query = std::string(query);
    if (token) r.headers.Add("Authorization", "Bearer " + *token);
    for (const auto& [name, value] : extra.fields()) r.headers.Add(name, value);
    return mock_.handler().Handle(r);
  }
  HttpResponse Get(const std::string& target, Headers extra = {}) {
    return Send("GET", target, token_, std::move(extra));
  }
  HttpResponse Query(const std::string& soql, Headers extra = {}) {
    return Get("/services/data/v65.0/query?q=" + sf::PercentEncode(soql), std::move(extra));
  }
  // The names in a query's records, in order.
  std::vector<std::string> QueryNames(const std::string& soql) {
    const auto r = Query(soql);
    EXPECT_EQ(r.status, 200) << soql << "\n" << r.body;
    std::vector<std::string> names;
    if (r.status != 200) return names;
    const Json body = Json::parse(r.body);
    for (const auto& rec : body["records"]) {
      names.push_back(rec.contains("Name") ? rec["Name"].get<std::string>() : "?");
    }
    return names;
  }

  std::shared_ptr<ManualClock> clock_;
  MockOrg mock_;
  std::string token_;
};

// An org changed by `change`, for the tests that need another configuration.
template <typename F>
OrgConfig RestOrgWith(F change) {
  OrgConfig org = RestOrg();
  change(org);
  return org;
}

// --- versions, latest, resources -------------------------------------------------------------

class OldOrgTest : public RestTest {
 protected:
  OldOrgTest() : RestTest(RestOrgWith([](OrgConfig& o) { o.latest_api_version = 33; })) {}
};

TEST_F(OldOrgTest, VersionsNeedNoSessionAndAreNotCounted) {
  const auto r = Send("GET", "/services/data/", std::nullopt);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.headers.Get("Content-Type"), "application/json;charset=UTF-8");
  EXPECT_EQ(r.body, R"([{"label":"Summer '14","url":"/services/data/v31.0","version":"31.0"},)"
                    R"({"label":"Winter '15","url":"/services/data/v32.0","version":"32.0"},)"
                    R"({"label":"Spring '15","url":"/services/data/v33.0","version":"33.0"}])");
  EXPECT_FALSE(r.headers.Get("Sforce-Limit-Info").has_value());
  EXPECT_EQ(Send("GET", "/services/data", std::nullopt).body, r.body);
  EXPECT_EQ(mock_.org().api_usage(), 0);
  const auto post = Send("POST", "/services/data/", std::nullopt);
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(
      post.body,
      R"([{"message":"HTTP Method 'POST' not allowed. Allowed are GET,HEAD","errorCode":"METHOD_NOT_ALLOWED"}])");
  // The newest version of this org is v33.0.
  EXPECT_EQ(Get("/services/data/v34.0/").status, 404);
  EXPECT_EQ(Json::parse(Get("/services/data/latest").body)["query"], "/services/data/v33.0/query");
}

TEST_F(RestTest, LatestIsTheNewestVersionEverywhere) {
  const auto resources = Get("/services/data/latest");
  ASSERT_EQ(resources.status, 200) << resources.body;
  EXPECT_EQ(Json::parse(resources.body)["sobjects"], "/services/data/v67.0/sobjects");
  const auto query = Get("/services/data/latest/query?q=SELECT+Name+FROM+Lead");
  EXPECT_EQ(query.status, 200);
  EXPECT_EQ(
      query.body,
      R"({"totalSize":1,"done":true,"records":[{"attributes":{"type":"Lead","url":"/services/data/v67.0/sobjects/Lead/00QS7000003LeAdMAK"},"Name":"Smith"}]})");
  EXPECT_EQ(Get("/services/data/latest/sobjects/Lead/00QS7000003LeAdMAK").status, 200);
  EXPECT_EQ(Get("/services/data/latest/limits").status, 200);
}

TEST_F(RestTest, ResourcesNameTheVersionAndTheSessionsIdentity) {
  const auto r = Get("/services/data/v65.0/");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.headers.Get("Sforce-Limit-Info"), "api-usage=1/15000");
  const auto body = Json::parse(r.body);
  EXPECT_EQ(body.size(), 38u);
  EXPECT_EQ(body.begin().key(), "tooling");
  EXPECT_EQ(body["query"], "/services/data/v65.0/query");
  EXPECT_EQ(body["queryAll"], "/services/data/v65.0/queryAll");
  EXPECT_EQ(body["limits"], "/services/data/v65.0/limits");
  EXPECT_EQ(body["identity"], "https://127.0.0.1:1002/id/00DS7000000oxzoMAA/005S7000000AbCdIAK");
}

TEST_F(RestTest, UnknownVersionsAndPathsAreNotFound) {
  for (const char* target :
       {"/services/data/v99.0/", "/services/data/v30.0/", "/services/data/v65/",
        "/services/data/65.0/", "/services/data/v65.0/nothing", "/services/data/v65.0/limits/x",
        "/services/data/v65.0/sobjects/Account/001S7000001AcmEIAS/extra"}) {
    const auto r = Get(target);
    EXPECT_EQ(r.status, 404) << target;
    EXPECT_EQ(r.body, kNotFound) << target;
  }
}

// --- access ---------------------------------------------------------------------------------

TEST_F(RestTest, MissingUnknownOrExpiredTokensAreInvalidSessions) {
  for (const auto& token : std::vector<std::optional<std::string>>{std::nullopt, "00Dxx!nope"}) {
    const auto r = Send("GET", "/services/data/v65.0/limits", token);
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.body, kExpired);
    EXPECT_FALSE(r.headers.Get("Sforce-Limit-Info").has_value());
  }
  EXPECT_EQ(Get("/services/data/v65.0/limits").status, 200);
  clock_->Advance(std::chrono::minutes(121));
  EXPECT_EQ(Get("/services/data/v65.0/limits").body, kExpired);
  EXPECT_EQ(mock_.org().api_usage(), 1);
}

// docs/BAD_INPUT.md, the REST API: only Bearer and OAuth are read, in any case; another scheme
// is a missing token; of two Authorization headers the first counts.
TEST_F(RestTest, OnlyBearerAndOAuthAreReadAndTheFirstHeaderCounts) {
  const std::string limits = "/services/data/v65.0/limits";
  const auto with = [&](Headers headers) { return Send("GET", limits, std::nullopt, headers); };
  for (const std::string scheme : {"Bearer ", "bearer ", "OAuth ", "oauth "}) {
    EXPECT_EQ(with({{"Authorization", scheme + token_}}).status, 200) << scheme;
  }
  for (const std::string& value : {"Basic " + token_, "Token " + token_, token_}) {
    const auto r = with({{"Authorization", value}});
    EXPECT_EQ(r.status, 401) << value;
    EXPECT_EQ(r.body, kExpired) << value;
  }
  EXPECT_EQ(
      with({{"Authorization", "Bearer " + token_}, {"Authorization", "Bearer 00Dxx!nope"}}).status,
      200);
  EXPECT_EQ(
      with({{"Authorization", "Bearer 00Dxx!nope"}, {"Authorization", "Bearer " + token_}}).body,
      kExpired);
}

// A % without two hex digits in q= is kept as written, and the SOQL parser sees it.
TEST_F(RestTest, ABrokenEscapeInTheQueryReachesTheParserAsWritten) {
  const auto r = Get("/services/data/v65.0/query?q=SELECT+Id+FROM+Account+WHERE+Name+%zz");
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_THAT(r.body, HasSubstr("MALFORMED_QUERY"));
  EXPECT_THAT(r.body, HasSubstr("%zz"));
  EXPECT_EQ(Json::parse(Get("/services/data/v65.0/query?q=SELECT+Id+FROM+Account+WHERE+Name+"
                            "LIKE+'Ac%zz'")
                            .body)["totalSize"],
            0);
}

TEST_F(RestTest, TheOldestSessionsAreForgottenBeyondTheBound) {
  // token_ is the first; as many more as the default bound push it out, and only it.
  const size_t bound = OrgLimits{}.max_sessions;
  std::string second;
  for (size_t i = 0; i < bound; ++i) {
    const std::string t = NewToken("api");
    if (i == 0) second = t;
  }
  EXPECT_EQ(Get("/services/data/v65.0/limits").body, kExpired);
  EXPECT_EQ(Send("GET", "/services/data/v65.0/limits", second).status, 200);
  EXPECT_EQ(mock_.org().SessionCount(), bound);
}

TEST_F(RestTest, ASessionWithoutTheApiScopeIsNotForRest) {
  constexpr char kNotForRest[] =
      R"([{"message":"This session is not valid for use with the REST API","errorCode":"INVALID_SESSION_ID"}])";
  for (const char* scope : {"refresh_token", "id web openid", "", "apis"}) {
    const auto r = Send("GET", "/services/data/v65.0/limits", NewToken(scope));
    EXPECT_EQ(r.status, 401) << scope;
    EXPECT_EQ(r.body, kNotForRest) << scope;
  }
  EXPECT_EQ(mock_.org().api_usage(), 0);
  EXPECT_EQ(Send("GET", "/services/data/v65.0/limits", NewToken("full")).status, 200);
  EXPECT_EQ(Send("GET", "/services/data/v65.0/limits", NewToken("refresh_token api")).status, 200);
}

class ApiDisabledTest : public RestTest {
 protected:
  ApiDisabledTest() : RestTest(RestOrgWith([](OrgConfig& o) { o.api_enabled = false; })) {}
};

TEST_F(ApiDisabledTest, EveryVersionedCallIsRefusedAfterAuthentication) {
  for (const char* target :
       {"/services/data/v65.0/", "/services/data/v65.0/query?q=SELECT+Id+FROM+Account",
        "/services/data/v99.0/"}) {
    const auto r = Get(target);
    EXPECT_EQ(r.status, 403) << target;
    EXPECT_EQ(
        r.body,
        R"([{"message":"The REST API is not enabled for this Organization.","errorCode":"API_DISABLED_FOR_ORG"}])");
    EXPECT_FALSE(r.headers.Get("Sforce-Limit-Info").has_value());
  }
  EXPECT_EQ(mock_.org().api_usage(), 0);
  EXPECT_EQ(Send("GET", "/services/data/v65.0/", "00Dxx!nope").body, kExpired);
  EXPECT_EQ(Send("GET", "/services/data/", std::nullopt).status, 200);
}

class LowLimitTest : public RestTest {
 protected:
  LowLimitTest() : RestTest(RestOrgWith([](OrgConfig& o) { o.daily_api_limit = 3; })) {}
};

TEST_F(LowLimitTest, CallsPastTheDailyLimitAreRefusedAndCounted) {
  EXPECT_EQ(Get("/services/data/v65.0/").headers.Get("Sforce-Limit-Info"), "api-usage=1/3");
  const auto limits = Get("/services/data/v65.0/limits");
  EXPECT_EQ(limits.headers.Get("Sforce-Limit-Info"), "api-usage=2/3");
  EXPECT_EQ(Json::parse(limits.body)["DailyApiRequests"].dump(), R"({"Max":3,"Remaining":1})");
  EXPECT_EQ(Get("/services/data/v65.0/").status, 200);
  for (int usage : {4, 5}) {
    const auto refused = Get("/services/data/v65.0/query?q=SELECT+Id+FROM+Account");
    EXPECT_EQ(refused.status, 403);
    EXPECT_EQ(
        refused.body,
        R"([{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}])");
    EXPECT_EQ(refused.headers.Get("Sforce-Limit-Info"), fmt::format("api-usage={}/3", usage));
  }
  EXPECT_EQ(Send("GET", "/services/data/", std::nullopt).status, 200);
}

TEST_F(RestTest, OnlyGetAndHeadAreAllowed) {
  const auto post = Send("POST", "/services/data/v65.0/query?q=SELECT+Id+FROM+Account", token_);
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(
      post.body,
      R"([{"message":"HTTP Method 'POST' not allowed. Allowed are GET,HEAD","errorCode":"METHOD_NOT_ALLOWED"}])");
  EXPECT_EQ(post.headers.Get("Sforce-Limit-Info"), "api-usage=1/15000");
  const auto del =
      Send("DELETE", "/services/data/v65.0/sobjects/Account/001S7000001AcmEIAS", token_);
  EXPECT_EQ(del.status, 405);
  EXPECT_EQ(
      del.body,
      R"([{"message":"HTTP Method 'DELETE' not allowed. Allowed are GET,HEAD","errorCode":"METHOD_NOT_ALLOWED"}])");
  EXPECT_EQ(Send("PATCH", "/services/data/v65.0/nothing", token_).status, 404);

  const auto head = Send("HEAD", "/services/data/v65.0/query?q=SELECT+Id+FROM+Account", token_);
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.body, "");
  EXPECT_EQ(head.headers.Get("Content-Type"), "application/json;charset=UTF-8");
  EXPECT_EQ(head.headers.Get("Sforce-Limit-Info"), "api-usage=4/15000");
  const auto head_versions = Send("HEAD", "/services/data/", std::nullopt);
  EXPECT_EQ(head_versions.status, 200);
  EXPECT_EQ(head_versions.body, "");
}

// --- limits ----------------------------------------------------------------------------------

TEST_F(RestTest, LimitsFollowTheOrgsUsage) {
  Get("/services/data/v65.0/");
  const auto r = Get("/services/data/v65.0/limits");
  ASSERT_EQ(r.status, 200);
  const auto body = Json::parse(r.body);
  EXPECT_EQ(body["DailyApiRequests"].dump(), R"({"Max":15000,"Remaining":14998})");
  EXPECT_EQ(body["DailyBulkApiBatches"].dump(), R"({"Max":15000,"Remaining":15000})");
  EXPECT_EQ(body["ConcurrentAsyncGetReportInstances"].dump(), R"({"Max":200,"Remaining":200})");
  EXPECT_EQ(body["DataStorageMB"].dump(), R"({"Max":5,"Remaining":5})");
  const std::vector<std::string> keys = testing::Keys(body);
  EXPECT_TRUE(std::is_sorted(keys.begin(), keys.end())) << r.body;
  EXPECT_EQ(keys.size(), 39u);
}

// --- sObjects --------------------------------------------------------------------------------

constexpr char kAccountSummary[] =
    R"({"activateable":false,"associateEntityType":null,"associateParentEntity":null,"createable":true,"custom":false,"customSetting":false,"deepCloneable":false,"deletable":true,"deprecatedAndHidden":false,"feedEnabled":true,"hasSubtypes":false,"isInterface":false,"isSubtype":false,"keyPrefix":"001","label":"Account","labelPlural":"Accounts","layoutable":true,"mergeable":true,"mruEnabled":true,"name":"Account","queryable":true,"replicateable":true,"retrieveable":true,"searchable":true,"triggerable":true,"undeletable":true,"updateable":true,"urls":{"compactLayouts":"/services/data/v65.0/sobjects/Account/describe/compactLayouts","rowTemplate":"/services/data/v65.0/sobjects/Account/{ID}","approvalLayouts":"/services/data/v65.0/sobjects/Account/describe/approvalLayouts","listviews":"/services/data/v65.0/sobjects/Account/listviews","describe":"/services/data/v65.0/sobjects/Account/describe","quickActions":"/services/data/v65.0/sobjects/Account/quickActions","layouts":"/services/data/v65.0/sobjects/Account/describe/layouts","sobject":"/services/data/v65.0/sobjects/Account"}})";

TEST_F(RestTest, DescribeGlobalListsTheObjects) {
  const auto r = Get("/services/data/v65.0/sobjects");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.body.starts_with(R"({"encoding":"UTF-8","maxBatchSize":200,"sobjects":[)"));
  const auto body = Json::parse(r.body);
  std::vector<std::string> names;
  for (const auto& o : body["sobjects"]) names.push_back(o["name"]);
  EXPECT_EQ(names, (std::vector<std::string>{"Account", "Case", "Contact", "Lead", "Opportunity"}));
  EXPECT_EQ(body["sobjects"][0].dump(), kAccountSummary);
  EXPECT_EQ(body["sobjects"][4]["labelPlural"], "Opportunities");
  EXPECT_EQ(body["sobjects"][1]["keyPrefix"], "500");
  EXPECT_EQ(Get("/services/data/v65.0/sobjects/").body, r.body);
}

TEST_F(RestTest, BasicInformationHasTheSummaryAndRecentItems) {
  const auto lead = Get("/services/data/v65.0/sobjects/Lead");
  ASSERT_EQ(lead.status, 200);
  const auto body = Json::parse(lead.body);
  EXPECT_EQ(
      body["recentItems"].dump(),
      R"([{"attributes":{"type":"Lead","url":"/services/data/v65.0/sobjects/Lead/00QS7000003LeAdMAK"},"Id":"00QS7000003LeAdMAK","Name":"Smith"}])");
  EXPECT_EQ(body["objectDescribe"]["name"], "Lead");
  EXPECT_EQ(body.begin().key(), "objectDescribe");
  const auto account = Json::parse(Get("/services/data/v65.0/sobjects/account").body);
  EXPECT_EQ(account["objectDescribe"].dump(), kAccountSummary);
  EXPECT_EQ(account["recentItems"].size(), 5u);
  EXPECT_EQ(Json::parse(Get("/services/data/v65.0/sobjects/Case").body)["recentItems"].dump(),
            "[]");
  const auto widget = Get("/services/data/v65.0/sobjects/Widget");
  EXPECT_EQ(widget.status, 404);
  EXPECT_EQ(widget.body, kNotFound);
}

TEST_F(RestTest, DescribeListsStandardAndCustomFields) {
  const auto r = Get("/services/data/v65.0/sobjects/Account/describe");
  ASSERT_EQ(r.status, 200);
  const auto body = Json::parse(r.body);
  const std::vector<std::string> keys = testing::Keys(body);
  EXPECT_EQ(keys, (std::vector<std::string>{"actionOverrides",
                                            "activateable",
                                            "associateEntityType",
                                            "associateParentEntity",
                                            "childRelationships",
                                            "compactLayoutable",
                                            "createable",
                                            "custom",
                                            "customSetting",
                                            "deepCloneable",
                                            "defaultImplementation",
                                            "deletable",
                                            "deprecatedAndHidden",
                                            "extendedBy",
                                            "extendsInterfaces",
                                            "feedEnabled",
                                            "fields",
                                            "hasSubtypes",
                                            "implementedBy",
                                            "implementsInterfaces",
                                            "isInterface",
                                            "isSubtype",
                                            "keyPrefix",
                                            "label",
                                            "labelPlural",
                                            "layoutable",
                                            "listviewable",
                                            "lookupLayoutable",
                                            "mergeable",
                                            "mruEnabled",
                                            "name",
                                            "namedLayoutInfos",
                                            "networkScopeFieldName",
                                            "queryable",
                                            "recordTypeInfos",
                                            "replicateable",
                                            "retrieveable",
                                            "searchLayoutable",
                                            "searchable",
                                            "sobjectDescribeOption",
                                            "supportedScopes",
                                            "triggerable",
                                            "undeletable",
                                            "updateable",
                                            "urls"}));
  std::vector<std::string> fields;
  for (const auto& f : body["fields"]) fields.push_back(f["name"]);
  EXPECT_EQ(fields, (std::vector<std::string>{"Id", "Name", "Type", "Industry", "Phone", "Website",
                                              "BillingCity", "Region__c", "Score__c"}));
  EXPECT_EQ(
      body["fields"][1].dump(),
      R"({"aggregatable":true,"aiPredictionField":false,"autoNumber":false,"byteLength":765,"calculated":false,"calculatedFormula":null,"cascadeDelete":false,"caseSensitive":false,"compoundFieldName":null,"controllerName":null,"createable":true,"custom":false,"defaultValue":null,"defaultValueFormula":null,"defaultedOnCreate":false,"dependentPicklist":false,"deprecatedAndHidden":false,"digits":0,"displayLocationInDecimal":false,"encrypted":false,"externalId":false,"extraTypeInfo":null,"filterable":true,"filteredLookupInfo":null,"formulaTreatNullNumberAsZero":false,"groupable":true,"highScaleNumber":false,"htmlFormatted":false,"idLookup":true,"inlineHelpText":null,"label":"Account Name","length":255,"mask":null,"maskType":null,"name":"Name","nameField":true,"namePointing":false,"nillable":false,"permissionable":false,"picklistValues":[],"polymorphicForeignKey":false,"precision":0,"queryByDistance":false,"referenceTargetField":null,"referenceTo":[],"relationshipName":null,"relationshipOrder":null,"restrictedDelete":false,"restrictedPicklist":false,"scale":0,"searchPrefilterable":false,"soapType":"xsd:string","sortable":true,"type":"string","unique":false,"updateable":true,"writeRequiresMasterRead":false})");
  const auto& region = body["fields"][7];
  EXPECT_EQ(region["label"], "Region");
  EXPECT_EQ(region["custom"], true);
  EXPECT_EQ(region["type"], "string");
  EXPECT_EQ(region["length"], 255);
  const auto& score = body["fields"][8];
  EXPECT_EQ(score["type"], "double");
  EXPECT_EQ(score["soapType"], "xsd:double");
  EXPECT_EQ(score["precision"], 18);
  EXPECT_EQ(
      body["childRelationships"][1].dump(),
      R"({"cascadeDelete":true,"childSObject":"Contact","deprecatedAndHidden":false,"field":"AccountId","junctionIdListNames":[],"junctionReferenceTo":[],"relationshipName":"Contacts","restrictedDelete":false})");
  EXPECT_EQ(body["recordTypeInfos"][0]["urls"]["layout"],
            "/services/data/v65.0/sobjects/Account/describe/layouts/012000000000000AAA");
  EXPECT_EQ(body["urls"]["uiNewRecord"], "https://127.0.0.1:1001/001/e");
  EXPECT_EQ(
      body["supportedScopes"].dump(),
      R"([{"label":"All accounts","name":"everything"},{"label":"My accounts","name":"mine"}])");

  const auto contact = Json::parse(Get("/services/data/v65.0/sobjects/Contact/describe").body);
  const auto& account_id = contact["fields"][6];
  EXPECT_EQ(account_id["name"], "AccountId");
  EXPECT_EQ(account_id["referenceTo"].dump(), R"(["Account"])");
  EXPECT_EQ(account_id["relationshipName"], "Account");
  EXPECT_EQ(contact["childRelationships"].dump(), "[]");
  EXPECT_EQ(Get("/services/data/v65.0/sobjects/Widget/describe").body, kNotFound);
}

TEST_F(RestTest, RecordByFifteenOrEighteenCharacterId) {
  constexpr char kAcme[] =
      R"({"attributes":{"type":"Account","url":"/services/data/v65.0/sobjects/Account/001S7000001AcmEIAS"},"Id":"001S7000001AcmEIAS","Name":"Acme","Type":null,"Industry":"Retail","Phone":null,"Website":null,"BillingCity":null,"Region__c":"EMEA","Score__c":7})";
  const auto r18 = Get("/services/data/v65.0/sobjects/Account/001S7000001AcmEIAS");
  EXPECT_EQ(r18.status, 200);
  EXPECT_EQ(r18.body, kAcme);
  EXPECT_EQ(Get("/services/data/v65.0/sobjects/Account/001S7000001AcmE").body, kAcme);
  // A 15-character id is case-sensitive.
  EXPECT_EQ(Get("/services/data/v65.0/sobjects/Account/001s7000001acmE").body, kNotFound);
  EXPECT_EQ(Get("/services/data/v65.0/sobjects/Account/001S7000001ZZZZIAK").body, kNotFound);
  // A Contact's id under Account.
  EXPECT_EQ(Get("/services/data/v65.0/sobjects/Account/003S7000002JoHnIAK").body, kNotFound);
  const auto external = Get("/services/data/v65.0/sobjects/Account/abc");
  EXPECT_EQ(external.status, 404);
  EXPECT_EQ(
      external.body,
      R"([{"errorCode":"NOT_FOUND","message":"Provided external ID field does not exist or is not accessible: abc"}])");
  EXPECT_EQ(Get("/services/data/v65.0/sobjects/Widget/001S7000001AcmEIAS").body, kNotFound);
  EXPECT_THAT(
      Get("/services/data/v65.0/sobjects/Contact/003S7000002JoHn").body,
      HasSubstr(
          R"("Name":"John Doe","Email":null,"Phone":null,"AccountId":"001S7000001AcmEIAS"})"));
}

TEST_F(RestTest, RecordFieldsParameterSelectsFields) {
  EXPECT_EQ(
      Get("/services/data/v65.0/sobjects/Account/001S7000001AcmEIAS?fields=Name,industry").body,
      R"({"attributes":{"type":"Account","url":"/services/data/v65.0/sobjects/Account/001S7000001AcmEIAS"},"Name":"Acme","Industry":"Retail","Id":"001S7000001AcmEIAS"})");
  EXPECT_EQ(
      Get("/services/data/v65.0/sobjects/Account/001S7000001AcmEIAS?fields=Id%2CRegion__c").body,
      R"({"attributes":{"type":"Account","url":"/services/data/v65.0/sobjects/Account/001S7000001AcmEIAS"},"Id":"001S7000001AcmEIAS","Region__c":"EMEA"})");
  const auto bad = Get("/services/data/v65.0/sobjects/Account/001S7000001AcmEIAS?fields=Name,Nam");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(
      bad.body,
      R"([{"message":"No such column 'Nam' on entity 'Account'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.","errorCode":"INVALID_FIELD"}])");
}

// --- query -----------------------------------------------------------------------------------

TEST_F(RestTest, QueryAnswersRecordsUnderTheirApiNames) {
  const auto r = Query("select id, name from account where name = 'Globex'");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.headers.Get("Content-Type"), "application/json;charset=UTF-8");
  EXPECT_EQ(
      r.body,
      R"({"totalSize":1,"done":true,"records":[{"attributes":{"type":"Account","url":"/services/data/v65.0/sobjects/Account/001S7000001GlbXIAS"},"Id":"001S7000001GlbXIAS","Name":"Globex"}]})");
  EXPECT_EQ(
      Query("SELECT Name, Industry, Region__c FROM Account WHERE Name = 'Umbrella'").body,
      R"({"totalSize":1,"done":true,"records":[{"attributes":{"type":"Account","url":"/services/data/v65.0/sobjects/Account/001S7000001UmbRIAS"},"Name":"Umbrella","Industry":null,"Region__c":null}]})");
  EXPECT_EQ(Query("SELECT Id FROM Account WHERE Name = 'Nobody'").body,
            R"({"totalSize":0,"done":true,"records":[]})");
}

TEST_F(RestTest, WhereFilters) {
  using V = std::vector<std::string>;
  EXPECT_EQ(QueryNames("SELECT Name FROM Account WHERE Industry = 'retail'"),
            (V{"Acme", "Stark O'Brien"}));
  EXPECT_EQ(QueryNames("SELECT Name FROM Account WHERE Industry != 'Retail'"),
            (V{"Globex", "Initech", "Umbrella"}));
  EXPECT_EQ(QueryNames("SELECT Name FROM Account WHERE Industry <> 'Retail'"),
            (V{"Globex", "Initech", "Umbrella"}));
  EXPECT_EQ(QueryNames("SELECT Name FROM Account WHERE Industry = null"), (V{"Umbrella"}));
  EXPECT_EQ(QueryNames("SELECT Name FROM Account WHERE Industry != null AND Name LIKE 'ac%'"),
            (V{"Acme"}));
  EXPECT_EQ(QueryNames("SELECT Name FROM Account WHERE Name LIKE '%o%'"),
            (V{"Globex", "Stark O'Brien"}));
  EXPECT_EQ(QueryNames("SELECT Name FROM Account WHERE Name LIKE 'In_tech'"), (V{"Initech"}));
  EXPECT_EQ(QueryNames("SELECT Name FROM Account WHERE Industry IN ('Energy','technology')"),
            (V{"Globex", "Initech"}));
  EXPECT_EQ(QueryNames("SELECT Name FROM Account WHERE Industry NOT IN ('Energy', 'Technology')"),
            (V{"Acme", "Umbrella", "Stark O'Brien"}));
  EXPECT_EQ(QueryNames("SELECT Name FROM Account WHERE (Industry = 'Retail' AND Name != 'Acme') OR "
                       "Name = 'Globex'"),
            (V{"Globex", "Stark O'Brien"}));
  EXPECT_EQ(QueryNames("SELECT Name FROM Account WHERE NOT Industry = 'Retail'"),
            (V{"Globex", "Initech", "Umbrella"}));
  EXPECT_EQ(QueryNames("SELECT Name FROM Account WHERE Name = 'Stark O\\'Brien'"),
            (V{"Stark O'Brien"}));
  EXPECT_EQ(QueryNames("SELECT Name FROM Account WHERE Name > 'H' AND Name < 'T'"),
            (V{"Initech", "Stark O'Brien"}));
  EXPECT_EQ(QueryNames("SELECT Name FROM Account WHERE Score__c > 5"), (V{"Acme"}));
  EXPECT_EQ(QueryNames("SELECT Name FROM Account WHERE Region__c = 'emea'"), (V{"Acme"}));
  EXPECT_EQ(QueryNames("SELECT a.Name FROM Account a WHERE a.Industry = 'Energy'"), (V{"Globex"}));
  EXPECT_EQ(QueryNames("SELECT Account.Name FROM Account WHERE Account.Name = 'Acme'"),
            (V{"Acme"}));
  EXPECT_EQ(QueryNames("SELECT Name FROM Opportunity WHERE CloseDate < 2024-07-01 AND Amount >= "
                       "50000"),
            (V{"Big Deal"}));
  EXPECT_EQ(QueryNames("SELECT Name FROM Opportunity WHERE CloseDate > 2024-07-01"), (V{}));
}

TEST_F(RestTest, IdsCompareAsRecords) {
  using V = std::vector<std::string>;
  EXPECT_EQ(QueryNames("SELECT Name FROM Account WHERE Id = '001S7000001InTc'"), (V{"Initech"}));
  EXPECT_EQ(QueryNames("SELECT Name FROM Account WHERE Id = '001s7000001inTc'"), (V{}));
  EXPECT_EQ(QueryNames("SELECT Name FROM Account WHERE Id IN ('001S7000001AcmE', "
                       "'001S7000001GlbXIAS')"),
            (V{"Acme", "Globex"}));
  const auto contact = Query("SELECT LastName FROM Contact WHERE AccountId = '001S7000001AcmE'");
  EXPECT_EQ(Json::parse(contact.body)["totalSize"], 1);
}

TEST_F(RestTest, OrderByLimitAndOffset) {
  using V = std::vector<std::string>;
  // Nulls first by default in both directions; sorting ignores case; ties keep their order.
  EXPECT_EQ(QueryNames("SELECT Name FROM Account ORDER BY Industry"),
            (V{"Umbrella", "Globex", "Acme", "Stark O'Brien", "Initech"}));
  EXPECT_EQ(QueryNames("SELECT Name FROM Account ORDER BY Industry DESC"),
            (V{"Umbrella", "Initech", "Acme", "Stark O'Brien", "Globex"}));
  EXPECT_EQ(QueryNames("SELECT Name FROM Account ORDER BY Industry NULLS LAST, Name DESC LIMIT 3"),
            (V{"Globex", "Stark O'Brien", "Acme"}));
  EXPECT_EQ(QueryNames("SELECT Name FROM Account ORDER BY Name LIMIT 2 OFFSET 1"),
            (V{"Globex", "Initech"}));
  EXPECT_EQ(QueryNames("SELECT Name FROM Account ORDER BY Name OFFSET 4"), (V{"Umbrella"}));
  EXPECT_EQ(QueryNames("SELECT Name FROM Account LIMIT 0"), (V{}));
  EXPECT_EQ(QueryNames("SELECT Name FROM Account ORDER BY Score__c DESC NULLS LAST LIMIT 1"),
            (V{"Acme"}));
}

TEST_F(RestTest, CountQueries) {
  EXPECT_EQ(Query("SELECT COUNT() FROM Account WHERE Industry = 'Retail'").body,
            R"({"totalSize":2,"done":true,"records":[]})");
  EXPECT_EQ(Query("SELECT COUNT() FROM Account LIMIT 3").body,
            R"({"totalSize":3,"done":true,"records":[]})");
  EXPECT_EQ(
      Query("SELECT COUNT(Industry) FROM Account").body,
      R"({"totalSize":1,"done":true,"records":[{"attributes":{"type":"AggregateResult"},"expr0":4}]})");
}

TEST_F(RestTest, QueryStringEncodings) {
  constexpr char kAcme[] =
      R"({"totalSize":1,"done":true,"records":[{"attributes":{"type":"Account","url":"/services/data/v65.0/sobjects/Account/001S7000001AcmEIAS"},"Id":"001S7000001AcmEIAS","Name":"Acme"}]})";
  EXPECT_EQ(
      Get("/services/data/v65.0/query?q=SELECT+Id,+Name+FROM+Account+WHERE+Name+%3D+%27Acme%27")
          .body,
      kAcme);
  EXPECT_EQ(Get("/services/data/v65.0/"
                "query?q=SELECT%20Id%2C%20Name%20FROM%20Account%20WHERE%20Name%20%3D%20%27Acme%27")
                .body,
            kAcme);
  EXPECT_EQ(Get("/services/data/v65.0/"
                "query?q=select%20id%2cname%20from%20account%20where%20name%20%3d%20%27acme%27")
                .body,
            kAcme);
  EXPECT_EQ(Get("/services/data/v65.0/query/?q=SELECT+Id,Name+FROM+Account+WHERE+Name='Acme'").body,
            kAcme);
  EXPECT_EQ(
      Get("/services/data/v65.0/query?other=1&q=SELECT+Id,Name+FROM+Account+WHERE+Name+LIKE+'Ac%'")
          .body,
      kAcme);
  EXPECT_EQ(
      Get("/services/data/v65.0/queryAll?q=SELECT+Id,Name+FROM+Account+WHERE+Name='Acme'").body,
      kAcme);
}

TEST_F(RestTest, MalformedQueries) {
  auto expect = [&](const std::string& target, const char* body) {
    const auto r = Get(target);
    EXPECT_EQ(r.status, 400) << target;
    EXPECT_EQ(r.body, body) << target;
  };
  expect(
      "/services/data/v65.0/query?q=SELECT+Id+FORM+Account",
      R"([{"message":"\nSELECT Id FORM Account\n          ^\nERROR at Row:1:Column:11\nunexpected token: 'FORM'","errorCode":"MALFORMED_QUERY"}])");
  expect("/services/data/v65.0/query?q=SELEC+Id+FROM+Account",
         R"([{"message":"unexpected token: 'SELEC'","errorCode":"MALFORMED_QUERY"}])");
  expect(
      "/services/data/v65.0/query?q=SELECT+Id+FROM+Account+WHERE",
      R"([{"message":"\nSELECT Id FROM Account WHERE\n                            ^\nERROR at Row:1:Column:29\nunexpected token: '<EOF>'","errorCode":"MALFORMED_QUERY"}])");
  expect(
      "/services/data/v65.0/query?q=SELECT+*+FROM+Account",
      R"([{"message":"\nSELECT * FROM Account\n       ^\nERROR at Row:1:Column:8\nunexpected token: '*'","errorCode":"MALFORMED_QUERY"}])");
  expect("/services/data/v65.0/query",
         R"([{"message":"A query string has to be specified","errorCode":"MALFORMED_QUERY"}])");
  expect(
      "/services/data/v65.0/query?q=",
      R"([{"message":"SOQL statements cannot be empty or null","errorCode":"MALFORMED_QUERY"}])");
  expect(
      "/services/data/v65.0/query?q=+%20+",
      R"([{"message":"SOQL statements cannot be empty or null","errorCode":"MALFORMED_QUERY"}])");
  expect(
      "/services/data/v65.0/query?q=SELECT+Id+FROM+Account+WHERE+Id+%3D+%27abc%27",
      R"([{"message":"\nSELECT Id FROM Account WHERE Id = 'abc'\n                                  ^\nERROR at Row:1:Column:35\ninvalid ID field: abc","errorCode":"MALFORMED_QUERY"}])");
}

// A query that is not UTF-8 is refused as Salesforce refuses a bad query, its bytes shown as
// U+FFFD in the message quoting it, and never as a 500.
TEST_F(RestTest, QueriesThatAreNotUtf8AreRefusedNotFailed) {
  for (const std::string q : {"SELECT+%FF+FROM+Account", "SELECT+Id+FROM+Acc%FFount",
                              "SELECT+Id+FROM+Account+WHERE+Name+%3D+%27%C3%28%27+AND"}) {
    const auto r = Get("/services/data/v65.0/query?q=" + q);
    EXPECT_EQ(r.status, 400) << q;
    const Json body = Json::parse(r.body, nullptr, false);
    ASSERT_TRUE(body.is_array()) << q << ": " << r.body;
    EXPECT_THAT(body[0]["errorCode"], ::testing::AnyOf("MALFORMED_QUERY", "INVALID_TYPE")) << q;
    EXPECT_THAT(body[0]["message"].get<std::string>(), HasSubstr("\xEF\xBF\xBD")) << q;
  }
}

TEST_F(RestTest, UnknownFieldsAndObjects) {
  auto expect = [&](const std::string& soql, const char* body) {
    const auto r = Query(soql);
    EXPECT_EQ(r.status, 400) << soql;
    EXPECT_EQ(r.body, body) << soql;
  };
  expect(
      "SELECT Id, Nam FROM Account",
      R"([{"message":"\nSELECT Id, Nam FROM Account\n           ^\nERROR at Row:1:Column:12\nNo such column 'Nam' on entity 'Account'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.","errorCode":"INVALID_FIELD"}])");
  expect(
      "SELECT Id FROM Account WHERE Industri = 'x'",
      R"([{"message":"\nSELECT Id FROM Account WHERE Industri = 'x'\n                             ^\nERROR at Row:1:Column:30\nNo such column 'Industri' on entity 'Account'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.","errorCode":"INVALID_FIELD"}])");
  expect(
      "select id,name,type from accountx",
      R"([{"message":"\nselect id,name,type from accountx\n                         ^\nERROR at Row:1:Column:26\nsObject type 'accountx' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.","errorCode":"INVALID_TYPE"}])");
  expect(
      "SELECT Owner.Name FROM Account",
      R"([{"message":"\nSELECT Owner.Name FROM Account\n       ^\nERROR at Row:1:Column:8\nDidn't understand relationship 'Owner' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.","errorCode":"INVALID_FIELD"}])");
  expect(
      "SELECT Name FROM Opportunity WHERE CloseDate > '2024-01-01'",
      R"([{"message":"\nSELECT Name FROM Opportunity WHERE CloseDate > '2024-01-01'\n                                   ^\nERROR at Row:1:Column:36\nvalue of filter criterion for field 'CloseDate' must be of type date and should not be enclosed in quotes","errorCode":"INVALID_FIELD"}])");
  // The custom field exists on Account records only.
  EXPECT_EQ(Query("SELECT Region__c FROM Contact").status, 400);
}

// --- paging ----------------------------------------------------------------------------------

class PagingTest : public RestTest {
 protected:
  PagingTest()
      : RestTest(RestOrgWith([](OrgConfig& o) {
          o.query_batch_size = 2;
          o.users.push_back({"other@acme.test", "005S7000000OtHrIAK", true});
        })) {}

  // The locator of a nextRecordsUrl, checking its form.
  static std::string LocatorOf(const std::string& next, const std::string& resource,
                               size_t offset) {
    static const std::regex kForm(
        R"(/services/data/v65\.0/(query|queryAll)/(01g[0-9A-Za-z]{15})-(\d+))");
    std::smatch m;
    EXPECT_TRUE(std::regex_match(next, m, kForm)) << next;
    if (m.empty()) return "";
    EXPECT_EQ(m[1], resource);
    EXPECT_EQ(m[3], std::to_string(offset));
    EXPECT_TRUE(sf::To18(m[2].str()).has_value());
    return m[2];
  }
};

constexpr char kAcmeGlobex[] =
    R"({"attributes":{"type":"Account","url":"/services/data/v65.0/sobjects/Account/001S7000001AcmEIAS"},"Name":"Acme"},{"attributes":{"type":"Account","url":"/services/data/v65.0/sobjects/Account/001S7000001GlbXIAS"},"Name":"Globex"})";
constexpr char kInitechUmbrella[] =
    R"({"attributes":{"type":"Account","url":"/services/data/v65.0/sobjects/Account/001S7000001InTcIAK"},"Name":"Initech"},{"attributes":{"type":"Account","url":"/services/data/v65.0/sobjects/Account/001S7000001UmbRIAS"},"Name":"Umbrella"})";
constexpr char kStark[] =
    R"({"attributes":{"type":"Account","url":"/services/data/v65.0/sobjects/Account/001S7000001StRkIAK"},"Name":"Stark O'Brien"})";

TEST_F(PagingTest, FiveRecordsInBatchesOfTwo) {
  const auto first = Query("SELECT Name FROM Account");
  ASSERT_EQ(first.status, 200);
  const std::string next1 = Json::parse(first.body)["nextRecordsUrl"];
  const std::string locator = LocatorOf(next1, "query", 2);
  EXPECT_EQ(first.body,
            fmt::format(R"({{"totalSize":5,"done":false,"nextRecordsUrl":"{}","records":[{}]}})",
                        next1, kAcmeGlobex));

  const auto second = Get(next1);
  ASSERT_EQ(second.status, 200) << second.body;
  const std::string next2 = Json::parse(second.body)["nextRecordsUrl"];
  EXPECT_EQ(LocatorOf(next2, "query", 4), locator);
  EXPECT_EQ(second.body,
            fmt::format(R"({{"totalSize":5,"done":false,"nextRecordsUrl":"{}","records":[{}]}})",
                        next2, kInitechUmbrella));

  const auto third = Get(next2);
  ASSERT_EQ(third.status, 200) << third.body;
  EXPECT_EQ(third.body, fmt::format(R"({{"totalSize":5,"done":true,"records":[{}]}})", kStark));
  EXPECT_EQ(third.headers.Get("Sforce-Limit-Info"), "api-usage=3/15000");

  // The last batch closed the cursor.
  const auto again = Get(next2);
  EXPECT_EQ(again.status, 400);
  EXPECT_EQ(again.body, kBadLocator);
}

TEST_F(PagingTest, LimitCountsAndQueryAllPagesUnderQuery) {
  const auto limited = Json::parse(Query("SELECT Name FROM Account LIMIT 3").body);
  EXPECT_EQ(limited["totalSize"], 3);
  EXPECT_EQ(limited["done"], false);
  const auto all = Get("/services/data/v65.0/queryAll?q=SELECT+Name+FROM+Account");
  const std::string next = Json::parse(all.body)["nextRecordsUrl"];
  const std::string locator = LocatorOf(next, "query", 2);
  // The next batch is served under queryAll too.
  const auto more = Get("/services/data/v65.0/queryAll/" + locator + "-2");
  EXPECT_EQ(more.status, 200) << more.body;
  EXPECT_EQ(Json::parse(more.body)["records"].dump(), fmt::format("[{}]", kInitechUmbrella));
  // Any offset inside the result works, also under another version.
  const auto jump = Get("/services/data/v60.0/query/" + locator + "-4");
  EXPECT_EQ(jump.body,
            fmt::format(R"({{"totalSize":5,"done":true,"records":[{}]}})", std::string(kStark)));
}

TEST_F(PagingTest, BadLocatorsAreInvalid) {
  const std::string next = Json::parse(Query("SELECT Name FROM Account").body)["nextRecordsUrl"];
  const std::string locator = LocatorOf(next, "query", 2);
  for (const std::string& tail : {locator + "-5", locator + "-99", locator + "-x", locator + "-",
                                  locator, std::string("01gS70000ZZZZZZAAA-2"),
                                  std::string("nonsense"), locator.substr(0, 15) + "-2"}) {
    const auto r = Get("/services/data/v65.0/query/" + tail);
    EXPECT_EQ(r.status, 400) << tail;
    EXPECT_EQ(r.body, kBadLocator) << tail;
  }
  // Another user's cursor.
  const Org& org = mock_.org();
  const std::string other =
      mock_.org()
          .IssueSession(org.config().apps[0], org.config().users[1], {.scope = "api"})
          .access_token;
  EXPECT_EQ(Send("GET", next, other).body, kBadLocator);
  // Still there for its owner.
  EXPECT_EQ(Get(next).status, 200);
}

TEST_F(PagingTest, LocatorsExpireAfterTwoDays) {
  const std::string next = Json::parse(Query("SELECT Name FROM Account").body)["nextRecordsUrl"];
  clock_->Advance(std::chrono::hours(47));
  token_ = NewToken("api");
  const auto alive = Get(next);
  EXPECT_EQ(alive.status, 200) << alive.body;
  const std::string next2 = Json::parse(alive.body)["nextRecordsUrl"];
  clock_->Advance(std::chrono::hours(1) + std::chrono::seconds(1));
  token_ = NewToken("api");
  EXPECT_EQ(Get(next2).body, kBadLocator);
}

// Rows are written as JSON text: each selected field once, under its API name, where it was
// first selected; values escaped as JSON escapes them (quotes, backslashes, control characters,
// non-ASCII); the attributes as a record's own answer gives them.
class RowsTest : public RestTest {
 protected:
  RowsTest()
      : RestTest(RestOrgWith([](OrgConfig& o) {
          o.records["Account"].push_back(
              Rec("001S7000001QuOtIAK", {{"Name", "Say \"hi\" \\ \t é"}, {"Score__c", 2.5}}));
        })) {}
};

TEST_F(RowsTest, WrittenAsTheJsonOfTheRecord) {
  const auto r = Query(
      "SELECT name, Id, NAME, Score__c, Industry FROM Account WHERE Id = '001S7000001QuOtIAK'");
  ASSERT_EQ(r.status, 200) << r.body;
  const Json body = Json::parse(r.body);
  EXPECT_EQ(body.dump(), r.body);
  ASSERT_EQ(body["records"].size(), 1u);
  const Json& record = body["records"][0];
  std::vector<std::string> keys;
  for (const auto& item : record.items()) keys.push_back(item.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"attributes", "Name", "Id", "Score__c", "Industry"}));
  EXPECT_EQ(record["Name"], "Say \"hi\" \\ \t é");
  EXPECT_EQ(record["Score__c"], 2.5);
  EXPECT_TRUE(record["Industry"].is_null());
  const Json own =
      Json::parse(Get("/services/data/v65.0/sobjects/Account/001S7000001QuOtIAK").body);
  EXPECT_EQ(record["attributes"], own["attributes"]);
}

TEST(QueryCursorsTest, KeepsAtMostTheNewestCursors) {
  for (const size_t bound : {QueryCursors::kDefaultMaxCursors, size_t{3}}) {
    QueryCursors cursors(bound);
    const auto now = std::chrono::system_clock::now();
    const std::string oldest = cursors.Open("u", {"1", "2"}, 1, now);
    for (size_t i = 1; i < bound; ++i) cursors.Open("u", {"1", "2"}, 1, now);
    EXPECT_EQ(cursors.size(), bound);
    EXPECT_TRUE(cursors.Fetch(oldest, 0, "u", now).has_value());
    cursors.Open("u", {"1", "2"}, 1, now);
    EXPECT_EQ(cursors.size(), bound);
    EXPECT_FALSE(cursors.Fetch(oldest, 1, "u", now).has_value()) << bound;
  }
  EXPECT_THROW(QueryCursors(0), std::invalid_argument);
  EXPECT_THROW(QueryCursors(1, 0), std::invalid_argument);
}

TEST(QueryCursorsTest, BatchesAreJsonArraysOfTheRowsInOrder) {
  QueryCursors cursors;
  const auto now = std::chrono::system_clock::now();
  const std::string locator = cursors.Open("u", {R"({"a":1})", R"({"b":2})", "3"}, 2, now);
  auto first = cursors.Fetch(locator, 0, "u", now);
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->records_json, R"([{"a":1},{"b":2}])");
  EXPECT_EQ(first->total, 3u);
  EXPECT_EQ(first->next_offset, 2u);
  EXPECT_FALSE(cursors.Fetch(locator, 2, "v", now).has_value());  // another user's
  auto last = cursors.Fetch(locator, 2, "u", now);
  ASSERT_TRUE(last.has_value());
  EXPECT_EQ(last->records_json, "[3]");
  EXPECT_FALSE(last->next_offset.has_value());
  EXPECT_EQ(cursors.size(), 0u);  // the last batch closed it
  EXPECT_EQ(cursors.bytes(), 0u);
}

// The rows of open cursors stay within the byte bound (the default, then a small one): the
// oldest cursors go first, and the newest is kept even when it alone is larger.
class QueryCursorBytesTest : public ::testing::TestWithParam<size_t> {};

TEST_P(QueryCursorBytesTest, KeepsTheirRowsWithinABound) {
  const size_t max_bytes = GetParam();
  QueryCursors cursors(QueryCursors::kDefaultMaxCursors, max_bytes);
  const auto now = std::chrono::system_clock::now();
  const size_t row_size = 1000;
  const size_t rows_per_cursor = max_bytes / row_size / 4;  // about a quarter
  auto rows = [&] { return std::vector<std::string>(rows_per_cursor, std::string(row_size, 'x')); };
  std::vector<std::string> locators;
  for (int i = 0; i < 6; ++i) {
    locators.push_back(cursors.Open("u", rows(), 2000, now));
    EXPECT_LE(cursors.bytes(), max_bytes) << i;
  }
  EXPECT_EQ(cursors.size(), 3u);
  EXPECT_FALSE(cursors.Fetch(locators[2], 0, "u", now).has_value());
  EXPECT_TRUE(cursors.Fetch(locators[3], 0, "u", now).has_value());
  EXPECT_TRUE(cursors.Fetch(locators[5], 0, "u", now).has_value());

  const std::string huge = cursors.Open(
      "u", std::vector<std::string>(5 * rows_per_cursor, std::string(row_size, 'y')), 2000, now);
  EXPECT_EQ(cursors.size(), 1u);
  EXPECT_GT(cursors.bytes(), max_bytes);
  EXPECT_TRUE(cursors.Fetch(huge, 0, "u", now).has_value());
  cursors.Clear();
  EXPECT_EQ(cursors.bytes(), 0u);
}

INSTANTIATE_TEST_SUITE_P(DefaultAndConfigured, QueryCursorBytesTest,
                         ::testing::Values(QueryCursors::kDefaultMaxBytes, size_t{1} << 20));

class ManyAccountsTest : public RestTest {
 protected:
  ManyAccountsTest()
      : RestTest(RestOrgWith([](OrgConfig& o) {
          o.records["Account"].clear();
          for (int i = 0; i < 450; ++i) {
            o.records["Account"].push_back(
                Rec(sf::NewRecordId("001"), {{"Name", fmt::format("A{:03}", i)}}));
          }
        })) {}

  Json QueryWithOptions(const std::string& options) {
    Headers h;
    if (!options.empty()) h.Add("Sforce-Query-Options", options);
    const auto r = Query("SELECT Name FROM Account", std::move(h));
    EXPECT_EQ(r.status, 200);
    return Json::parse(r.body);
  }
};

TEST_F(ManyAccountsTest, QueryOptionsHeaderSetsTheBatchSizeWithinBounds) {
  const auto all = QueryWithOptions("");
  EXPECT_EQ(all["records"].size(), 450u);
  EXPECT_EQ(all["done"], true);
  for (const auto& [options, batch] :
       std::vector<std::pair<std::string, size_t>>{{"batchSize=200", 200},
                                                   {"batchSize=50", 200},
                                                   {"batchSize=300, other=1", 300},
                                                   {"BatchSize = 250", 250},
                                                   {"batchSize=1000", 450},
                                                   {"batchSize=abc", 450}}) {
    const auto page = QueryWithOptions(options);
    EXPECT_EQ(page["totalSize"], 450) << options;
    EXPECT_EQ(page["records"].size(), batch) << options;
    EXPECT_EQ(page["done"], batch == 450) << options;
    if (batch < 450) {
      EXPECT_TRUE(page["nextRecordsUrl"].get<std::string>().ends_with(fmt::format("-{}", batch)))
          << options;
    }
  }
}

// Pages are written from the rows' JSON text: every page is the compact JSON a parse and dump
// gives back unchanged, its keys in Salesforce's order, and the pages together hold each record
// once, in order.
TEST_F(ManyAccountsTest, PagesAreCompactJsonInSalesforcesKeyOrder) {
  Headers h;
  h.Add("Sforce-Query-Options", "batchSize=200");
  auto response = Query("SELECT Id, Name FROM Account ORDER BY Name DESC", std::move(h));
  std::vector<std::string> names;
  for (int page = 0; page < 5; ++page) {
    ASSERT_EQ(response.status, 200) << response.body;
    const Json body = Json::parse(response.body);
    EXPECT_EQ(body.dump(), response.body);
    std::vector<std::string> keys;
    for (const auto& item : body.items()) keys.push_back(item.key());
    const bool done = body["done"];
    const std::vector<std::string> expected =
        done ? std::vector<std::string>{"totalSize", "done", "records"}
             : std::vector<std::string>{"totalSize", "done", "nextRecordsUrl", "records"};
    EXPECT_EQ(keys, expected);
    EXPECT_EQ(body["totalSize"], 450);
    for (const auto& record : body["records"]) names.push_back(record["Name"]);
    if (done) break;
    response = Get(body["nextRecordsUrl"]);
  }
  ASSERT_EQ(names.size(), 450u);
  for (size_t i = 0; i < names.size(); ++i) {
    EXPECT_EQ(names[i], fmt::format("A{:03}", 449 - i)) << i;
  }
}
}  // namespace
}  // namespace sfh::mock
