#include "salesforce/discovery.h"

#include <map>
#include <string>
#include <utility>

#include "mock_server/endpoints/endpoints.h"
#include "mock_server/endpoints/responses.h"

namespace sfh::mock {
namespace {

// DiscoveryDocument is a pure function of its arguments: each worker thread keeps the documents
// it has built (a handful: one per listener and tenant it served), so a poll for discovery
// costs a lookup, not a JSON build.
const std::string& CachedDiscovery(const std::string& base, salesforce::DiscoveryHost host) {
  thread_local std::map<std::pair<std::string, salesforce::DiscoveryHost>, std::string> cache;
  if (cache.size() > 64) cache.clear();
  auto [it, added] = cache.try_emplace({base, host});
  if (added) it->second = salesforce::DiscoveryDocument(base, host);
  return it->second;
}

}  // namespace

HttpResponse HandleDiscovery(const Org& org, const HttpRequest& request) {
  const auto urls = org.host_urls();
  // Every URL in it is the listener's own, so clients on this machine can follow them.
  if (IsLoginHost(request.host)) {
    const std::string& base = request.host == VirtualHost::kTest ? urls->test : urls->login;
    return JsonResponse(200, CachedDiscovery(base, salesforce::DiscoveryHost::kLogin));
  }
  const std::string& base =
      request.host == VirtualHost::kLegacyInstance ? urls->legacy_instance : urls->my_domain;
  return JsonResponse(200, CachedDiscovery(base, salesforce::DiscoveryHost::kMyDomain));
}

}  // namespace sfh::mock
