// Minting access tokens: opaque "00D...!..." strings, or RS256 JWTs when the app issues
// JWT-based access tokens (salesforce-wire.md 1.5), and the key that signs them.
#include <cstdio>
#include <cstdlib>

#include "mock_server/org/org.h"
#include "mock_server/org/signing_key.h"
#include "salesforce/encoding.h"
#include "salesforce/record_id.h"
#include "salesforce/token_format.h"

namespace sfh::mock {

namespace sf = ::sfh::salesforce;

Org::~Org() = default;

const SigningKey& Org::signing_key() const {
  std::call_once(key_once_, [this] {
    auto key = sf::RsaKey::Generate(2048);
    if (!key) {
      // Key generation fails only when OpenSSL itself is broken; nothing sensible can follow.
      std::fprintf(stderr, "sfmock: cannot make the JWT signing key: %s\n", key.error().c_str());
      std::abort();
    }
    signing_key_ = std::make_shared<const SigningKey>(std::move(*key), "250");
  });
  return *signing_key_;
}

std::string Org::MintAccessToken(const AppConfig& app, const Session& session) const {
  if (session.format == TokenFormat::kOpaque) return sf::NewOpaqueAccessToken(config_.org_id);
  // The claims of a JWT-based access token. Salesforce documents the token as RS256-signed and
  // usable for REST only (CONFIRMED, wire.md 1.5); the claim set below is INFERRED from the
  // standard JWT claims plus Salesforce's scp/client_id, and a random jti keeps tokens unique.
  const auto seconds = [](auto tp) {
    return std::chrono::duration_cast<std::chrono::seconds>(tp.time_since_epoch()).count();
  };
  nlohmann::ordered_json claims;
  claims["iss"] = host_urls()->my_domain;
  claims["sub"] = "uid:" + session.user_id;
  claims["aud"] = nlohmann::ordered_json::array({host_urls()->my_domain});
  claims["client_id"] = app.client_id;
  nlohmann::ordered_json scp = nlohmann::ordered_json::array();
  for (std::string_view s : sf::SplitScope(session.scope)) scp.push_back(s);
  claims["scp"] = std::move(scp);
  claims["tnk"] = "core/prod/" + config_.org_id;
  claims["iat"] = seconds(session.issued_at);
  claims["nbf"] = seconds(session.issued_at);
  claims["exp"] = seconds(session.expires_at);
  claims["jti"] =
      sf::RandomString(24, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
  const SigningKey& key = signing_key();
  auto token = sf::SignJwt(key.key(), claims, key.kid());
  if (!token) {
    std::fprintf(stderr, "sfmock: cannot sign a JWT access token: %s\n", token.error().c_str());
    std::abort();
  }
  return *token;
}

}  // namespace sfh::mock
