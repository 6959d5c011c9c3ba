// The OpenID Connect discovery document at /.well-known/openid-configuration
// (salesforce-wire.md sections 3 and 9.4). Pure, thread-safe.
#ifndef SFH_SALESFORCE_DISCOVERY_H_
#define SFH_SALESFORCE_DISCOVERY_H_

#include <string>
#include <string_view>

namespace sfh::salesforce {

enum class DiscoveryHost {
  kMyDomain,  // adds end_session_endpoint and the frontchannel keys (CONFIRMED, Postman sample)
  kLogin,     // login.salesforce.com / test.salesforce.com: no end_session or frontchannel keys
};

// The document for a host whose base URL is `base_url` (scheme, host and port, no trailing '/'),
// compact JSON in Salesforce's key order. It has no grant_types_supported (CONFIRMED absent).
std::string DiscoveryDocument(std::string_view base_url, DiscoveryHost host);

}  // namespace sfh::salesforce

#endif  // SFH_SALESFORCE_DISCOVERY_H_
