#include "salesforce/catalogue.h"

#include <gtest/gtest.h>

#include <set>

namespace sfh::salesforce {
namespace {

TEST(Catalogue, TokenBodiesAreExact) {
  EXPECT_EQ(ErrorBody(CatalogueEntryById("token.no_client_credentials_user")),
            R"({"error":"invalid_grant","error_description":"no client credentials user enabled"})");
  EXPECT_EQ(ErrorBody(CatalogueEntryById("token.request_not_supported_on_this_domain")),
            R"({"error":"invalid_grant","error_description":"request not supported on this domain"})");
  EXPECT_EQ(ErrorBody(CatalogueEntryById("token.invalid_client_id")),
            R"({"error":"invalid_client_id","error_description":"client identifier invalid"})");
}

TEST(Catalogue, RestBodiesAreArraysInSalesforceKeyOrder) {
  const auto& session = CatalogueEntryById("rest.INVALID_SESSION_ID");
  EXPECT_EQ(session.http_status, 401);
  EXPECT_EQ(ErrorBody(session),
            R"([{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}])");
  EXPECT_EQ(ErrorBody(CatalogueEntryById("rest.NOT_FOUND")),
            R"([{"errorCode":"NOT_FOUND","message":"The requested resource does not exist"}])");
  EXPECT_EQ(CatalogueEntryById("rest.REQUEST_LIMIT_EXCEEDED").http_status, 403);
}

TEST(Catalogue, EveryEntryIsCompleteAndIdsAreUnique) {
  std::set<std::string_view> ids;
  for (const auto& e : Catalogue()) {
    EXPECT_TRUE(ids.insert(e.id).second) << e.id;
    EXPECT_FALSE(e.code.empty()) << e.id;
    EXPECT_FALSE(e.description.empty()) << e.id;
    EXPECT_FALSE(e.source.empty()) << e.id;
    EXPECT_FALSE(e.causes.empty()) << e.id;
    EXPECT_FALSE(e.fix.empty()) << e.id;
    EXPECT_GE(e.http_status, 400) << e.id;
  }
}

TEST(Catalogue, FindsByIdCodeOrDescription) {
  EXPECT_EQ(FindCatalogueEntry("invalid_client_id")->id, "token.invalid_client_id");
  EXPECT_EQ(FindCatalogueEntry("No Client Credentials User Enabled")->id,
            "token.no_client_credentials_user");
  EXPECT_EQ(FindCatalogueEntry("nothing like this"), nullptr);
  EXPECT_EQ(MatchCatalogueEntry("invalid_grant", "ip restricted")->id, "token.ip_restricted");
  EXPECT_EQ(MatchCatalogueEntry("invalid_grant", "something new"), nullptr);
}

}  // namespace
}  // namespace sfh::salesforce
