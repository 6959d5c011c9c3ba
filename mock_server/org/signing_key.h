// The key pair an org signs JWT-based access tokens with; /id/keys publishes its public half.
#ifndef SFH_MOCK_SERVER_ORG_SIGNING_KEY_H_
#define SFH_MOCK_SERVER_ORG_SIGNING_KEY_H_

#include <string>

#include "salesforce/jwt.h"

namespace sfh::mock {

class SigningKey {
 public:
  SigningKey(salesforce::RsaKey key, std::string kid)
      : key_(std::move(key)), kid_(std::move(kid)) {}
  const salesforce::RsaKey& key() const { return key_; }
  // Salesforce's key ids are short numbers ("188", later "2xx": CONFIRMED, wire.md 3).
  const std::string& kid() const { return kid_; }

 private:
  salesforce::RsaKey key_;
  std::string kid_;
};

}  // namespace sfh::mock

#endif  // SFH_MOCK_SERVER_ORG_SIGNING_KEY_H_
