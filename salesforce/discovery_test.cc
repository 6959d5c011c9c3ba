#include "salesforce/discovery.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace sfh::salesforce {
namespace {

TEST(Discovery, MyDomainDocumentPointsAtItsOwnHost) {
  const auto doc = nlohmann::json::parse(
      DiscoveryDocument("https://127.0.0.1:8443", DiscoveryHost::kMyDomain));
  EXPECT_EQ(doc["issuer"], "https://127.0.0.1:8443");
  EXPECT_EQ(doc["token_endpoint"], "https://127.0.0.1:8443/services/oauth2/token");
  EXPECT_EQ(doc["jwks_uri"], "https://127.0.0.1:8443/id/keys");
  EXPECT_EQ(doc["end_session_endpoint"], "https://127.0.0.1:8443/services/auth/idp/oidc/logout");
  EXPECT_EQ(doc["frontchannel_logout_supported"], true);
  EXPECT_FALSE(doc.contains("grant_types_supported"));
  EXPECT_FALSE(doc.contains("code_challenge_methods_supported"));
  EXPECT_EQ(doc["token_endpoint_auth_methods_supported"],
            nlohmann::json({"client_secret_post", "client_secret_basic", "private_key_jwt"}));
}

TEST(Discovery, LoginDocumentHasNoLogoutKeysAndKeepsOrder) {
  const std::string text = DiscoveryDocument("http://127.0.0.1:9", DiscoveryHost::kLogin);
  const auto doc = nlohmann::json::parse(text);
  EXPECT_FALSE(doc.contains("end_session_endpoint"));
  EXPECT_FALSE(doc.contains("frontchannel_logout_supported"));
  EXPECT_EQ(text.rfind(R"({"issuer":"http://127.0.0.1:9","authorization_endpoint")", 0), 0u);
}

}  // namespace
}  // namespace sfh::salesforce
