// Test-only: the demo org served in process on loopback port 0 over HTTP, for the nc tests to
// point the emulation at, and the journal of what reached it.
#ifndef SFH_HARNESS_NC_NC_TEST_SUPPORT_H_
#define SFH_HARNESS_NC_NC_TEST_SUPPORT_H_

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "harness/net/http_client.h"
#include "harness/net/net_test_support.h"
#include "mock_server/service.h"
#include "mock_server/wire/mock_server.h"

namespace sfh::harness::nc {

using net::EnvOf;

inline const std::string kNcTestdata = SFH_NC_TESTDATA_DIR;

class DemoOrgOnLoopback : public ::testing::Test {
 protected:
  void SetUp() override {
    mock::ScenarioDocument doc;
    doc.id = "nc-test";
    doc.org = mock::DemoOrgConfig();
    ASSERT_TRUE(service_.Load("default", doc).has_value());
    auto server = mock::MockServer::Start(service_, mock::ServeOptions{});
    ASSERT_TRUE(server.has_value()) << server.error();
    server_ = std::move(*server);
  }

  const std::string& MyDomain() const { return server_->urls().my_domain; }
  mock::MockOrg& Org() { return *service_.Find("default"); }
  std::vector<mock::Exchange> Journal() { return Org().journal().Snapshot(); }

  // The exchanges that reached the token endpoint, and the access tokens it issued.
  std::vector<mock::Exchange> TokenExchanges() {
    std::vector<mock::Exchange> out;
    for (auto& exchange : Journal()) {
      if (exchange.request.path == "/services/oauth2/token") out.push_back(exchange);
    }
    return out;
  }
  std::vector<std::string> IssuedTokens() {
    std::vector<std::string> tokens;
    for (const auto& exchange : TokenExchanges()) {
      const auto json = nlohmann::json::parse(exchange.response.body, nullptr, false);
      if (json.is_object() && json.contains("access_token")) {
        tokens.push_back(json["access_token"].get<std::string>());
      }
    }
    return tokens;
  }

  static net::ClientOptions Options() { return net::LoopbackOptions(); }

  mock::MockService service_;
  std::unique_ptr<mock::MockServer> server_;
};

}  // namespace sfh::harness::nc

#endif  // SFH_HARNESS_NC_NC_TEST_SUPPORT_H_
