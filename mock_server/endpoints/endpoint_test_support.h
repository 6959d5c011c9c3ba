// Test support: a MockOrg driven without sockets, and requests built the way clients send
// them. Header-only, for the endpoint tests.
#ifndef SFH_MOCK_SERVER_ENDPOINTS_ENDPOINT_TEST_SUPPORT_H_
#define SFH_MOCK_SERVER_ENDPOINTS_ENDPOINT_TEST_SUPPORT_H_

#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "mock_server/mock_org.h"
#include "salesforce/form.h"

namespace sfh::mock::testing {

// The listener URLs the tests pretend the org is served on.
inline const HostUrls kTestHostUrls = {"https://127.0.0.1:1001", "https://127.0.0.1:1002",
                                       "https://127.0.0.1:1003", ""};

// An org, its manual clock, and request helpers.
class EndpointClient {
 public:
  explicit EndpointClient(OrgConfig config)
      : clock_(std::make_shared<ManualClock>()), mock_(std::move(config), {}, clock_) {
    mock_.org().SetHostUrls(kTestHostUrls);
  }

  Org& org() { return mock_.org(); }
  ManualClock& clock() { return *clock_; }

  HttpResponse Send(HttpRequest request) {
    const auto [path, query] = salesforce::SplitTarget(request.target);
    request.path = std::string(path);
    request.query = std::string(query);
    if (request.remote.empty()) request.remote = "127.0.0.1:50000";
    return mock_.handler().Handle(request);
  }

  HttpResponse PostForm(const std::string& target, const std::vector<salesforce::FormField>& fields,
                        VirtualHost host = VirtualHost::kMyDomain) {
    HttpRequest r;
    r.host = host;
    r.method = "POST";
    r.target = target;
    r.headers.Add("Content-Type", "application/x-www-form-urlencoded");
    r.body = salesforce::EncodeForm(fields);
    return Send(std::move(r));
  }

  HttpResponse Token(const std::vector<salesforce::FormField>& fields,
                     VirtualHost host = VirtualHost::kMyDomain) {
    return PostForm("/services/oauth2/token", fields, host);
  }

  HttpResponse Get(const std::string& target, const std::string& token = "",
                   VirtualHost host = VirtualHost::kMyDomain) {
    HttpRequest r;
    r.host = host;
    r.method = "GET";
    r.target = target;
    if (!token.empty()) r.headers.Add("Authorization", "Bearer " + token);
    return Send(std::move(r));
  }

 private:
  std::shared_ptr<ManualClock> clock_;
  MockOrg mock_;
};

// The JSON body of a response; a test failure when it is not JSON.
inline nlohmann::ordered_json JsonBody(const HttpResponse& response) {
  auto body = nlohmann::ordered_json::parse(response.body, nullptr, false);
  EXPECT_FALSE(body.is_discarded()) << "not JSON: " << response.body;
  return body;
}

// The keys of a JSON object, in order.
inline std::vector<std::string> Keys(const nlohmann::ordered_json& object) {
  std::vector<std::string> keys;
  for (const auto& item : object.items()) keys.push_back(item.key());
  return keys;
}

}  // namespace sfh::mock::testing

#endif  // SFH_MOCK_SERVER_ENDPOINTS_ENDPOINT_TEST_SUPPORT_H_
