#include "salesforce/catalogue.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "salesforce/form.h"

namespace sfh::salesforce {
namespace {

TEST(Catalogue, TokenBodiesAreExact) {
  EXPECT_EQ(
      ErrorBody(CatalogueEntryById("token.no_client_credentials_user")),
      R"({"error":"invalid_grant","error_description":"no client credentials user enabled"})");
  EXPECT_EQ(
      ErrorBody(CatalogueEntryById("token.request_not_supported_on_this_domain")),
      R"({"error":"invalid_grant","error_description":"request not supported on this domain"})");
  EXPECT_EQ(ErrorBody(CatalogueEntryById("token.invalid_client_id")),
            R"({"error":"invalid_client_id","error_description":"client identifier invalid"})");
  EXPECT_EQ(ErrorBody(CatalogueEntryById("token.invalid_assertion")),
            R"({"error":"invalid_grant","error_description":"invalid assertion"})");
  const auto& inactive = CatalogueEntryById("token.inactive_user");
  EXPECT_EQ(inactive.provenance, Provenance::kUnverified);
  EXPECT_EQ(ContentType(inactive), "application/json;charset=UTF-8");
}

TEST(Catalogue, RestBodiesAreArraysInSalesforceKeyOrder) {
  const auto& session = CatalogueEntryById("rest.INVALID_SESSION_ID");
  EXPECT_EQ(session.http_status, 401);
  EXPECT_EQ(ErrorBody(session),
            R"([{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}])");
  EXPECT_EQ(ErrorBody(CatalogueEntryById("rest.NOT_FOUND")),
            R"([{"errorCode":"NOT_FOUND","message":"The requested resource does not exist"}])");
  EXPECT_EQ(CatalogueEntryById("rest.REQUEST_LIMIT_EXCEEDED").http_status, 403);
  EXPECT_EQ(ContentType(session), "application/json;charset=UTF-8");
  EXPECT_EQ(ErrorBody(CatalogueEntryById("rest.INVALID_QUERY_LOCATOR")),
            R"([{"message":"invalid query locator","errorCode":"INVALID_QUERY_LOCATOR"}])");
}

TEST(Catalogue, AuthorizeErrorsTravelInTheRedirectQuery) {
  const auto& not_found = CatalogueEntryById("authorize.OAUTH_EC_APP_NOT_FOUND");
  EXPECT_EQ(not_found.surface, ErrorSurface::kAuthorize);
  EXPECT_EQ(not_found.http_status, 302);
  EXPECT_TRUE(IsRedirect(not_found));
  EXPECT_EQ(ContentType(not_found), "application/x-www-form-urlencoded");
  EXPECT_EQ(ErrorBody(not_found),
            "error=OAUTH_EC_APP_NOT_FOUND&error_description="
            "External+client+app+is+not+installed+in+this+org");

  const auto& denied = CatalogueEntryById("authorize.access_denied");
  EXPECT_EQ(denied.provenance, Provenance::kConfirmed);
  EXPECT_EQ(ErrorBody(denied),
            "error=access_denied&error_description=end-user+denied+authorization");
  EXPECT_EQ(AuthorizeErrorLocation(denied, "https://client/cb", "xyz"),
            "https://client/cb?error=access_denied&error_description=end-user+denied+"
            "authorization&state=xyz");
  EXPECT_EQ(AuthorizeErrorLocation(denied, "https://client/cb?app=1"),
            "https://client/cb?app=1&error=access_denied&error_description=end-user+denied+"
            "authorization");
  // The body decodes back to the exact code and description.
  const auto form = ParseForm(ErrorBody(CatalogueEntryById("authorize.OAUTH_APP_ACCESS_DENIED")));
  ASSERT_TRUE(form.has_value());
  EXPECT_EQ(form->Get("error"), "OAUTH_APP_ACCESS_DENIED");
  EXPECT_EQ(form->Get("error_description"), "user is not admin approved to access this app");

  // Salesforce cannot redirect to a wrong URI, so the mismatch is answered directly.
  const auto& mismatch = CatalogueEntryById("authorize.redirect_uri_mismatch");
  EXPECT_EQ(mismatch.http_status, 400);
  EXPECT_FALSE(IsRedirect(mismatch));
  EXPECT_EQ(ErrorBody(mismatch),
            "error=redirect_uri_mismatch&error_description=redirect_uri+must+match+configuration");

  // An unknown client id is answered with the token endpoint's JSON.
  const auto& client = CatalogueEntryById("authorize.invalid_client_id");
  EXPECT_EQ(client.http_status, 400);
  EXPECT_TRUE(client.json_body);
  EXPECT_FALSE(IsRedirect(client));
  EXPECT_EQ(ContentType(client), "application/json;charset=UTF-8");
  EXPECT_EQ(ErrorBody(client),
            R"({"error":"invalid_client_id","error_description":"client identifier invalid"})");

  EXPECT_EQ(CatalogueEntryById("authorize.missing_code_challenge").code, "invalid_request");
  EXPECT_EQ(CatalogueEntryById("authorize.missing_code_challenge").provenance,
            Provenance::kUnverified);
  EXPECT_EQ(CatalogueEntryById("authorize.unsupported_response_type").provenance,
            Provenance::kUnverified);
}

TEST(Catalogue, IdentityErrorsArePlainWords) {
  const auto& bad = CatalogueEntryById("identity.Bad_OAuth_Token");
  EXPECT_EQ(bad.surface, ErrorSurface::kIdentity);
  EXPECT_EQ(bad.http_status, 403);
  EXPECT_EQ(ErrorBody(bad), "Bad_OAuth_Token");
  EXPECT_EQ(ContentType(bad), "text/plain;charset=UTF-8");
  EXPECT_EQ(ErrorBody(CatalogueEntryById("identity.Missing_OAuth_Token")), "Missing_OAuth_Token");
  EXPECT_EQ(FindCatalogueEntry("bad_oauth_token"), &bad);
  EXPECT_EQ(MatchCatalogueEntry("Bad_OAuth_Token", "Bad_OAuth_Token"), &bad);
}

TEST(Catalogue, TemplatesAreFilledInOrder) {
  const auto& field = CatalogueEntryById("rest.INVALID_FIELD");
  EXPECT_TRUE(IsTemplate(field));
  EXPECT_EQ(field.http_status, 400);
  const std::string message =
      "No such column 'Nam' on entity 'Account'. If you are attempting to use a custom field, be "
      "sure to append the '__c' after the custom field name. Please reference your WSDL or the "
      "describe call for the appropriate names.";
  EXPECT_EQ(ErrorMessage(field, {"Nam", "Account"}), message);
  EXPECT_EQ(ErrorBody(field, {"Nam", "Account"}),
            nlohmann::ordered_json::array({{{"message", message}, {"errorCode", "INVALID_FIELD"}}})
                .dump());
  const std::vector<std::string> args = {"Nam", "Account"};
  EXPECT_EQ(ErrorBody(field, args), ErrorBody(field, {"Nam", "Account"}));

  const auto& method = CatalogueEntryById("rest.METHOD_NOT_ALLOWED");
  EXPECT_EQ(method.http_status, 405);
  EXPECT_EQ(ErrorBody(method, {"POST", "GET,HEAD"}),
            R"([{"message":"HTTP Method 'POST' not allowed. Allowed are GET,HEAD",)"
            R"("errorCode":"METHOD_NOT_ALLOWED"}])");
  // Missing values leave their placeholder; extra values are ignored.
  EXPECT_EQ(ErrorMessage(method, {"POST"}), "HTTP Method 'POST' not allowed. Allowed are {}");
  EXPECT_EQ(ErrorMessage(CatalogueEntryById("rest.MALFORMED_QUERY"), {"FROM", "extra"}),
            "unexpected token: FROM");
  EXPECT_EQ(ErrorMessage(CatalogueEntryById("rest.INVALID_TYPE"), {"Acount"}).substr(0, 36),
            "sObject type 'Acount' is not support");
  EXPECT_FALSE(IsTemplate(CatalogueEntryById("rest.NOT_FOUND")));
}

TEST(Catalogue, MatchesObservedMessagesAgainstTemplates) {
  EXPECT_EQ(MatchCatalogueEntry("MALFORMED_QUERY", "unexpected token: 'invalid'")->id,
            "rest.MALFORMED_QUERY");
  EXPECT_EQ(MatchCatalogueEntry("INVALID_FIELD",
                                "No such column 'Foo__c' on entity 'Contact'. If you are "
                                "attempting to use a custom field, be sure to append the '__c' "
                                "after the custom field name. Please reference your WSDL or the "
                                "describe call for the appropriate names.")
                ->id,
            "rest.INVALID_FIELD");
  EXPECT_EQ(MatchCatalogueEntry("METHOD_NOT_ALLOWED",
                                "HTTP Method 'PATCH' not allowed. Allowed are GET,HEAD,POST")
                ->id,
            "rest.METHOD_NOT_ALLOWED");
  // The code must agree, and the text around the placeholders must be there.
  EXPECT_EQ(MatchCatalogueEntry("INVALID_TYPE", "unexpected token: 'invalid'"), nullptr);
  EXPECT_EQ(MatchCatalogueEntry("INVALID_FIELD", "No such column 'Foo' on entity 'Contact'."),
            nullptr);
  EXPECT_EQ(MatchCatalogueEntry("METHOD_NOT_ALLOWED", "HTTP Method 'PATCH' not allowed."), nullptr);
  const auto& field = CatalogueEntryById("rest.INVALID_FIELD");
  EXPECT_TRUE(MatchesDescription(field, field.description));
  EXPECT_TRUE(MatchesDescription(CatalogueEntryById("rest.MALFORMED_QUERY"), "unexpected token: "));
  EXPECT_FALSE(MatchesDescription(CatalogueEntryById("rest.MALFORMED_QUERY"), "unexpected token"));
}

TEST(Catalogue, MatchesSoqlMessagesThatQuoteTheQuery) {
  const std::string positioned =
      "\nSELECT Nam FROM Account\n       ^\nERROR at Row:1:Column:8\nNo such column 'Nam' on "
      "entity 'Account'. If you are attempting to use a custom field, be sure to append the '__c' "
      "after the custom field name. Please reference your WSDL or the describe call for the "
      "appropriate names.";
  EXPECT_EQ(MatchCatalogueEntry("INVALID_FIELD", positioned),
            &CatalogueEntryById("rest.INVALID_FIELD"));
  // Only the position block is skipped: other text before the message still fails to match.
  EXPECT_EQ(MatchCatalogueEntry("INVALID_FIELD", "oops " + positioned.substr(1)), nullptr);
}

TEST(Catalogue, MatchesWithinASurface) {
  EXPECT_EQ(MatchCatalogueEntry("invalid_client_id", "client identifier invalid")->id,
            "token.invalid_client_id");
  EXPECT_EQ(MatchCatalogueEntry(ErrorSurface::kAuthorize, "invalid_client_id",
                                "client identifier invalid")
                ->id,
            "authorize.invalid_client_id");
  EXPECT_EQ(MatchCatalogueEntry(ErrorSurface::kAuthorize, "redirect_uri_mismatch",
                                "redirect_uri must match configuration")
                ->id,
            "authorize.redirect_uri_mismatch");
  EXPECT_EQ(MatchCatalogueEntry(ErrorSurface::kRest, "MALFORMED_QUERY", "unexpected token: x")->id,
            "rest.MALFORMED_QUERY");
  EXPECT_EQ(MatchCatalogueEntry(ErrorSurface::kToken, "MALFORMED_QUERY", "unexpected token: x"),
            nullptr);
}

TEST(Catalogue, EveryEntryIsCompleteAndIdsAreUnique) {
  std::set<std::string_view> ids;
  for (const auto& e : Catalogue()) {
    EXPECT_TRUE(ids.insert(e.id).second) << e.id;
    EXPECT_TRUE(e.id.starts_with(ToString(e.surface))) << e.id;
    EXPECT_FALSE(e.code.empty()) << e.id;
    EXPECT_FALSE(e.description.empty()) << e.id;
    EXPECT_FALSE(e.source.empty()) << e.id;
    EXPECT_FALSE(e.causes.empty()) << e.id;
    EXPECT_FALSE(e.fix.empty()) << e.id;
    EXPECT_EQ(&CatalogueEntryById(e.id), &e) << e.id;
    // Errors are 4xx, except authorize errors redirected to the callback and Salesforce
    // being unavailable.
    if (IsRedirect(e)) {
      EXPECT_EQ(e.http_status, 302) << e.id;
    } else if (e.id == "rest.SERVER_UNAVAILABLE") {
      EXPECT_EQ(e.http_status, 503);
    } else {
      EXPECT_GE(e.http_status, 400) << e.id;
      EXPECT_LT(e.http_status, 500) << e.id;
    }
    EXPECT_FALSE(e.json_body && e.surface != ErrorSurface::kAuthorize) << e.id;
    EXPECT_FALSE(e.error_code_first && e.surface != ErrorSurface::kRest) << e.id;
    // Only REST messages vary per request.
    EXPECT_FALSE(IsTemplate(e) && e.surface != ErrorSurface::kRest) << e.id;
    // Every JSON body parses; every entry finds itself by id and matches its own pair.
    if (ContentType(e).starts_with("application/json")) {
      EXPECT_FALSE(nlohmann::json::parse(ErrorBody(e), nullptr, false).is_discarded()) << e.id;
    }
    EXPECT_EQ(FindCatalogueEntry(e.id), &e) << e.id;
    const auto* match = MatchCatalogueEntry(e.surface, e.code, e.description);
    ASSERT_NE(match, nullptr) << e.id;
    EXPECT_EQ(match->code, e.code) << e.id;
  }
  EXPECT_EQ(ToString(ErrorSurface::kIdentity), "identity");
}

TEST(Catalogue, EveryRequestedIdExists) {
  for (const char* id : {"authorize.access_denied",
                         "authorize.redirect_uri_mismatch",
                         "authorize.OAUTH_EC_APP_NOT_FOUND",
                         "authorize.OAUTH_APP_ACCESS_DENIED",
                         "authorize.invalid_client_id",
                         "authorize.unsupported_response_type",
                         "authorize.missing_code_challenge",
                         "token.invalid_assertion",
                         "token.jwt_expired",
                         "token.invalid_code_verifier",
                         "token.inactive_user",
                         "token.inactive_org",
                         "token.rate_limit_exceeded",
                         "token.login_rate_exceeded",
                         "rest.MALFORMED_QUERY",
                         "rest.INVALID_FIELD",
                         "rest.INVALID_TYPE",
                         "rest.INVALID_QUERY_LOCATOR",
                         "rest.METHOD_NOT_ALLOWED",
                         "rest.INSUFFICIENT_ACCESS",
                         "rest.REQUEST_LIMIT_EXCEEDED",
                         "identity.Bad_OAuth_Token",
                         "identity.Missing_OAuth_Token"}) {
    bool found = false;
    for (const auto& e : Catalogue()) found = found || e.id == id;
    EXPECT_TRUE(found) << id;
  }
}

TEST(Catalogue, FindsByIdCodeOrDescription) {
  EXPECT_EQ(FindCatalogueEntry("invalid_client_id")->id, "token.invalid_client_id");
  EXPECT_EQ(FindCatalogueEntry("No Client Credentials User Enabled")->id,
            "token.no_client_credentials_user");
  EXPECT_EQ(FindCatalogueEntry("nothing like this"), nullptr);
  EXPECT_EQ(MatchCatalogueEntry("invalid_grant", "ip restricted")->id, "token.ip_restricted");
  EXPECT_EQ(MatchCatalogueEntry("invalid_grant", "something new"), nullptr);
  EXPECT_EQ(FindCatalogueEntry("authorize.OAUTH_EC_APP_NOT_FOUND")->id,
            "authorize.OAUTH_EC_APP_NOT_FOUND");
  EXPECT_EQ(FindCatalogueEntry("OAUTH_APP_ACCESS_DENIED")->id, "authorize.OAUTH_APP_ACCESS_DENIED");
  EXPECT_EQ(FindCatalogueEntry("end-user denied authorization")->id, "authorize.access_denied");
  EXPECT_EQ(FindCatalogueEntry("invalid assertion")->id, "token.invalid_assertion");
  EXPECT_EQ(FindCatalogueEntry("INVALID_QUERY_LOCATOR")->id, "rest.INVALID_QUERY_LOCATOR");
  // A filled-in message finds its template, ignoring case.
  EXPECT_EQ(FindCatalogueEntry("sobject type 'Acount' is not supported. If you are attempting to "
                               "use a custom object, be sure to append the '__c' after the entity "
                               "name. Please reference your WSDL or the describe call for the "
                               "appropriate names.")
                ->id,
            "rest.INVALID_TYPE");
  EXPECT_EQ(FindCatalogueEntry("unexpected token: FORM")->id, "rest.MALFORMED_QUERY");
  // The expired-JWT pair is the authorization code's: the earlier entry wins.
  EXPECT_EQ(MatchCatalogueEntry("invalid_grant", "expired authorization code")->id,
            "token.expired_authorization_code");
}

TEST(Catalogue, RecognizesEveryEntryFromItsOwnAnswer) {
  for (const auto& entry : Catalogue()) {
    SCOPED_TRACE(std::string(entry.id));
    const std::string body = ErrorBody(entry);
    const std::string location =
        IsRedirect(entry) ? AuthorizeErrorLocation(entry, "https://client.example/cb", "s1") : "";
    const CatalogueEntry* found =
        RecognizeErrorResponse(entry.http_status, IsRedirect(entry) ? "" : body, location);
    ASSERT_NE(found, nullptr);
    // Token and revoke share some answers; the first such entry is the one recognised.
    EXPECT_EQ(found->code, entry.code);
    EXPECT_EQ(found->description, entry.description);
  }
}

TEST(Catalogue, RecognizesNothingInSuccessesOrUnknownAnswers) {
  EXPECT_EQ(RecognizeErrorResponse(200, R"({"access_token":"x"})"), nullptr);
  EXPECT_EQ(RecognizeErrorResponse(302, "", "https://client.example/cb?code=abc"), nullptr);
  EXPECT_EQ(RecognizeErrorResponse(400, R"({"error":"made_up","error_description":"no"})"),
            nullptr);
  EXPECT_EQ(RecognizeErrorResponse(500, "<html>down</html>"), nullptr);
  EXPECT_EQ(RecognizeErrorResponse(500, ""), nullptr);
  const auto* expired = RecognizeErrorResponse(
      401, R"([{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}])");
  ASSERT_NE(expired, nullptr);
  EXPECT_EQ(expired->code, "INVALID_SESSION_ID");
}

}  // namespace
}  // namespace sfh::salesforce
