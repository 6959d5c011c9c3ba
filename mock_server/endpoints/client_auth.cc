#include "mock_server/endpoints/client_auth.h"

#include "salesforce/encoding.h"

namespace sfh::mock {

namespace sf = ::sfh::salesforce;

namespace {

// RFC 7523 section 2.2: the only client_assertion_type there is.
constexpr std::string_view kJwtAssertionType =
    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

std::expected<const AppConfig*, std::string> FindInstalledApp(const Org& org,
                                                              std::string_view client_id) {
  const AppConfig* app = org.FindApp(client_id);
  if (app == nullptr) return std::unexpected("token.invalid_client_id");
  if (app->NotInstalled()) return std::unexpected("token.app_not_found");
  return app;
}

}  // namespace

std::expected<ClientAuth, std::string> AuthenticateClient(const Org& org,
                                                          const HttpRequest& request,
                                                          const sf::Form& params,
                                                          ClientProof proof) {
  ClientAuth auth;
  std::string client_id;
  std::optional<std::string> client_secret;
  if (const auto authorization = request.headers.Get("Authorization")) {
    if (auto basic = sf::ParseBasicAuthorization(*authorization)) {
      if (!basic->has_value()) return std::unexpected("token.invalid_client");
      client_id = (*basic)->client_id;
      client_secret = (*basic)->client_secret;
      auth.method = ClientAuthMethod::kSecretBasic;
      if (org.config().choices.basic_and_body_must_agree) {
        const auto body_id = params.Get("client_id");
        const auto body_secret = params.Get("client_secret");
        if ((body_id && *body_id != client_id) ||
            (body_secret && !sf::ConstantTimeEquals(*body_secret, *client_secret))) {
          return std::unexpected("token.invalid_client");
        }
      }
    }
  }
  if (auth.method == ClientAuthMethod::kNone) {
    if (const auto assertion = params.Get("client_assertion")) {
      if (params.Get("client_assertion_type") != kJwtAssertionType) {
        return std::unexpected("token.invalid_client");
      }
      auto app = VerifyClientAssertion(org, request, *assertion);
      if (!app) return std::unexpected(app.error());
      auth.app = *app;
      auth.method = ClientAuthMethod::kPrivateKeyJwt;
      return auth;
    }
    client_id = params.Get("client_id").value_or("");
    client_secret = params.Get("client_secret");
    if (client_secret) auth.method = ClientAuthMethod::kSecretPost;
  }
  auto app = FindInstalledApp(org, client_id);
  if (!app) return std::unexpected(app.error());
  auth.app = *app;
  if (!client_secret) {
    if (proof == ClientProof::kRequired) return std::unexpected("token.invalid_client");
    return auth;
  }
  if (!sf::ConstantTimeEquals(*client_secret, auth.app->client_secret)) {
    return std::unexpected("token.invalid_client");
  }
  return auth;
}

}  // namespace sfh::mock
