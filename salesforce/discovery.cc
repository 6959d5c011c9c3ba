#include "salesforce/discovery.h"

#include <nlohmann/json.hpp>

namespace sfh::salesforce {

std::string DiscoveryDocument(std::string_view base_url, DiscoveryHost host) {
  const std::string base(base_url);
  nlohmann::ordered_json doc;
  doc["issuer"] = base;
  doc["authorization_endpoint"] = base + "/services/oauth2/authorize";
  doc["token_endpoint"] = base + "/services/oauth2/token";
  doc["revocation_endpoint"] = base + "/services/oauth2/revoke";
  doc["userinfo_endpoint"] = base + "/services/oauth2/userinfo";
  doc["jwks_uri"] = base + "/id/keys";
  doc["registration_endpoint"] = base + "/services/oauth2/register";
  doc["introspection_endpoint"] = base + "/services/oauth2/introspect";
  if (host == DiscoveryHost::kMyDomain) {
    doc["end_session_endpoint"] = base + "/services/auth/idp/oidc/logout";
    doc["frontchannel_logout_supported"] = true;
    doc["frontchannel_logout_session_supported"] = false;
  }
  doc["scopes_supported"] = {
      "cdp_ingest_api", "custom_permissions", "cdp_segment_api", "content", "cdp_api",
      "chatbot_api", "cdp_identityresolution_api", "interaction_api", "wave_api", "web",
      "cdp_calculated_insight_api", "einstein_gpt_api", "offline_access", "id", "api",
      "data_cloud_user_claims", "eclair_api", "email", "pardot_api", "lightning", "visualforce",
      "cdp_query_api", "sfap_api", "address", "openid", "profile", "scrt_api", "cdp_profile_api",
      "refresh_token", "phone", "user_registration_api", "pwdless_login_api", "chatter_api",
      "mcp_api", "full", "forgot_password"};
  doc["response_types_supported"] = {"code", "token", "token id_token"};
  doc["subject_types_supported"] = {"public"};
  doc["id_token_signing_alg_values_supported"] = {"RS256"};
  doc["dpop_signing_alg_values_supported"] = {"RS256", "RS384", "RS512", "ES256",
                                              "ES384", "ES512", "EdDSA"};
  doc["display_values_supported"] = {"page", "popup", "touch"};
  doc["token_endpoint_auth_methods_supported"] = {"client_secret_post", "client_secret_basic",
                                                  "private_key_jwt"};
  doc["claims_supported"] = {
      "active", "address", "email", "email_verified", "family_name", "given_name",
      "is_app_installed", "language", "locale", "name", "nickname", "organization_id",
      "phone_number", "phone_number_verified", "photos", "picture", "preferred_username",
      "profile", "sub", "updated_at", "urls", "user_id", "user_type", "zoneinfo"};
  return doc.dump();
}

}  // namespace sfh::salesforce
