#include "salesforce/discovery.h"

#include "mock_server/endpoints/endpoints.h"
#include "mock_server/endpoints/responses.h"

namespace sfh::mock {

HttpResponse HandleDiscovery(const Org& org, const HttpRequest& request) {
  const HostUrls urls = org.host_urls();
  // Every URL in it is the listener's own, so clients on this machine can follow them.
  if (IsLoginHost(request.host)) {
    const std::string& base = request.host == VirtualHost::kTest ? urls.test : urls.login;
    return JsonResponse(200,
                        salesforce::DiscoveryDocument(base, salesforce::DiscoveryHost::kLogin));
  }
  const std::string& base =
      request.host == VirtualHost::kLegacyInstance ? urls.legacy_instance : urls.my_domain;
  return JsonResponse(200,
                      salesforce::DiscoveryDocument(base, salesforce::DiscoveryHost::kMyDomain));
}

}  // namespace sfh::mock
