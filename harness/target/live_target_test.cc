// The recording proxy and the live target, with an sfmock over HTTPS (its own CA) standing in for
// the org: what crosses the proxy, what it rewrites and refuses, and that a client judged through
// it gets the verdicts it gets against the mock directly.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "harness/clients/client.h"
#include "harness/net/net_test_support.h"
#include "harness/runner/runner.h"
#include "harness/target/recording_proxy.h"
#include "harness/target/target.h"
#include "mock_server/service.h"
#include "mock_server/wire/mock_server.h"
#include "salesforce/token_format.h"

#ifndef SFH_SCENARIO_DIR
#error "SFH_SCENARIO_DIR must name this repository's scenarios directory"
#endif

namespace sfh::harness {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

Scenario LoadShipped(const std::string& id) {
  auto scenario =
      LoadScenario(std::filesystem::path(SFH_SCENARIO_DIR) / (id + ".json"), SFH_SCENARIO_DIR);
  EXPECT_TRUE(scenario.has_value()) << scenario.error();
  return scenario ? *scenario : Scenario{};
}

// An sfmock over HTTPS playing the live org: the happy scenario's org.
class LiveOrgStandIn : public ::testing::Test {
 protected:
  void SetUp() override {
    org_scenario_ = LoadShipped("happy/http");
    auto loaded = service_.Load("default", org_scenario_.document);
    ASSERT_TRUE(loaded.has_value()) << loaded.error();
    org_ = *loaded;
    mock::ServeOptions options;
    options.tls = true;
    auto server = mock::MockServer::Start(service_, options);
    ASSERT_TRUE(server.has_value()) << server.error();
    server_ = std::move(*server);
    app_ = &org_scenario_.document.org.apps.at(0);
  }

  LiveTargetOptions LiveOptions() const {
    return {.domain = server_->urls().my_domain,
            .client_id = app_->client_id,
            .client_secret = app_->client_secret,
            .net = net::LoopbackOptions(server_->urls().ca_file)};
  }

  Scenario org_scenario_;
  mock::MockService service_;
  std::shared_ptr<mock::MockOrg> org_;
  std::unique_ptr<mock::MockServer> server_;
  const mock::AppConfig* app_ = nullptr;
};

class RecordingProxyTest : public LiveOrgStandIn {
 protected:
  void SetUp() override {
    LiveOrgStandIn::SetUp();
    proxy_ = std::make_unique<RecordingProxy>(
        RecordingProxyOptions{.my_domain = server_->urls().my_domain,
                              .net = net::LoopbackOptions(server_->urls().ca_file)});
    proxy_->AddSecret(app_->client_secret);
    mock::ServeOptions options;
    options.tls = true;
    auto proxy_server = mock::MockServer::Start(*proxy_, options);
    ASSERT_TRUE(proxy_server.has_value()) << proxy_server.error();
    proxy_server_ = std::move(*proxy_server);
  }

  net::Outcome ThroughProxy(net::Request request) const {
    return net::Send(request, net::LoopbackOptions(proxy_server_->urls().ca_file));
  }

  net::Outcome Token() const {
    return ThroughProxy({.method = "POST",
                         .url = proxy_server_->urls().my_domain + "/services/oauth2/token",
                         .headers = {{"Content-Type", "application/x-www-form-urlencoded"}},
                         .body = "grant_type=client_credentials&client_id=" + app_->client_id +
                                 "&client_secret=" + app_->client_secret});
  }

  std::unique_ptr<RecordingProxy> proxy_;
  std::unique_ptr<mock::MockServer> proxy_server_;
};

TEST_F(RecordingProxyTest, ForwardsAndRewritesTheOrgsHostsToItsOwn) {
  const net::Outcome token = Token();
  ASSERT_TRUE(token.result.has_value()) << token.result.error().detail;
  ASSERT_EQ(token.result->status, 200) << token.result->body;
  const auto body = nlohmann::json::parse(token.result->body);
  EXPECT_EQ(body["instance_url"], proxy_server_->urls().my_domain);
  EXPECT_THAT(body["id"].get<std::string>(), ::testing::StartsWith(proxy_server_->urls().login));
  EXPECT_THAT(token.result->body, Not(HasSubstr(server_->urls().my_domain)));

  // The identity URL, on the proxy's login listener, reaches the org's identity host.
  const net::Outcome identity = ThroughProxy(
      {.url = body["id"],
       .headers = {{"Authorization", "Bearer " + body["access_token"].get<std::string>()}}});
  ASSERT_TRUE(identity.result.has_value());
  EXPECT_EQ(identity.result->status, 200) << identity.result->body;

  // Discovery's URLs point at the proxy too.
  const net::Outcome discovery =
      ThroughProxy({.url = proxy_server_->urls().my_domain + "/.well-known/openid-configuration"});
  ASSERT_TRUE(discovery.result.has_value());
  EXPECT_EQ(nlohmann::json::parse(discovery.result->body)["token_endpoint"],
            proxy_server_->urls().my_domain + "/services/oauth2/token");

  // The journal holds what the client sent and saw, with the host it sent it to.
  const auto exchanges = proxy_->journal().Snapshot();
  ASSERT_EQ(exchanges.size(), 3u);
  EXPECT_EQ(exchanges[0].request.host, mock::VirtualHost::kMyDomain);
  EXPECT_EQ(exchanges[0].response.body, token.result->body);
  EXPECT_EQ(exchanges[1].request.host, mock::VirtualHost::kLogin);
  EXPECT_EQ(org_->journal().Snapshot().size(), 3u);  // and the org saw each once
}

TEST_F(RecordingProxyTest, KeepsWritesFromTheOrgUnlessAllowed) {
  const net::Outcome token = Token();
  ASSERT_TRUE(token.result.has_value());
  const std::string access = nlohmann::json::parse(token.result->body)["access_token"];
  const net::Outcome write = ThroughProxy(
      {.method = "POST",
       .url = proxy_server_->urls().my_domain + "/services/data/v67.0/sobjects/Account",
       .headers = {{"Authorization", "Bearer " + access}, {"Content-Type", "application/json"}},
       .body = R"({"Name":"Written"})"});
  ASSERT_TRUE(write.result.has_value());
  EXPECT_EQ(write.result->status, 403);
  EXPECT_THAT(write.result->body, HasSubstr("SFHARNESS_READ_ONLY"));
  for (const auto& exchange : org_->journal().Snapshot()) {
    EXPECT_NE(exchange.request.path, "/services/data/v67.0/sobjects/Account");
  }
  EXPECT_EQ(proxy_->journal().Snapshot().size(), 2u);  // refused, but journaled
}

TEST_F(RecordingProxyTest, RevokesTheTokensTheClientLeftLive) {
  ASSERT_TRUE(Token().result.has_value());
  ASSERT_TRUE(Token().result.has_value());
  EXPECT_EQ(proxy_->LiveTokens().size(), 2u);
  // A token the client revokes itself is no longer live.
  const std::string first = proxy_->LiveTokens()[0];
  const net::Outcome revoke =
      ThroughProxy({.method = "POST",
                    .url = proxy_server_->urls().my_domain + "/services/oauth2/revoke",
                    .headers = {{"Content-Type", "application/x-www-form-urlencoded"}},
                    .body = "token=" + first});
  ASSERT_TRUE(revoke.result.has_value());
  EXPECT_EQ(revoke.result->status, 200);
  ASSERT_EQ(proxy_->LiveTokens().size(), 1u);
  const std::string second = proxy_->LiveTokens()[0];
  EXPECT_EQ(proxy_->RevokeLiveTokens(), 1u);
  EXPECT_TRUE(proxy_->LiveTokens().empty());
  EXPECT_FALSE(org_->org().Authenticate(second).has_value());
}

TEST_F(RecordingProxyTest, AnUnreachableOrgIsA502ThatSaysSo) {
  server_->Stop();
  const net::Outcome outcome =
      ThroughProxy({.url = proxy_server_->urls().my_domain + "/services/data/"});
  ASSERT_TRUE(outcome.result.has_value());
  EXPECT_EQ(outcome.result->status, 502);
  EXPECT_THAT(outcome.result->body, HasSubstr("SFHARNESS_UPSTREAM"));
}

// The signature covers `id`: once `id` names the proxy it is signed again, but only when the
// org's signature verified.
TEST(RecordingProxySignature, FollowsTheRewrittenIdOnlyWhenTheOrgsSignatureVerified) {
  const std::string secret = "CONSUMERSECRET0123456789";
  const std::string id = "https://login.example/id/00Dxx0000000001AAA/005xx0000000001AAA";
  const std::string issued_at = "1764400000000";
  for (const bool good : {true, false}) {
    const std::string signature =
        salesforce::TokenSignature(good ? secret : "another key", id, issued_at);
    nlohmann::json body = {{"access_token", "00Dxx0000000001!AQ0AQHarness"},
                           {"instance_url", "https://acme.example"},
                           {"id", id},
                           {"token_type", "Bearer"},
                           {"issued_at", issued_at},
                           {"signature", signature}};
    RecordingProxy proxy(
        {.my_domain = "https://acme.example", .identity_host = "https://login.example"},
        [&](const net::Request&) {
          return net::Outcome{net::Response{200, {}, body.dump()}, {}, ""};
        });
    proxy.AddSecret(secret);
    proxy.SetHostUrls({"https://127.0.0.1:1", "https://127.0.0.1:2", "https://127.0.0.1:3", ""});
    mock::HttpRequest request;
    request.method = "POST";
    request.path = request.target = "/services/oauth2/token";
    const auto answer = nlohmann::json::parse(proxy.Serve(request).body);
    const std::string new_id = answer["id"];
    EXPECT_THAT(new_id, ::testing::StartsWith("https://127.0.0.1:2/id/"));
    EXPECT_EQ(answer["signature"] == salesforce::TokenSignature(secret, new_id, issued_at), good);
  }
}

TEST(RecordingProxyHeaders, ForwardsTheRequestsOwnHeadersButNotTheConnections) {
  net::Request forwarded;
  RecordingProxy proxy({.my_domain = "https://acme.example"}, [&](const net::Request& request) {
    forwarded = request;
    return net::Outcome{net::Response{200,
                                      {{"Content-Type", "application/json"},
                                       {"Content-Encoding", "gzip"},
                                       {"Transfer-Encoding", "chunked"}},
                                      "[]"},
                        {},
                        ""};
  });
  proxy.SetHostUrls({"https://127.0.0.1:1", "https://127.0.0.1:2", "https://127.0.0.1:3", ""});
  mock::HttpRequest request;
  request.method = "GET";
  request.path = request.target = "/services/data/";
  request.headers = {{"Host", "127.0.0.1:1"},           {"Connection", "keep-alive"},
                     {"Accept-Encoding", "gzip"},       {"Content-Encoding", "identity"},
                     {"Authorization", "Bearer x.y.z"}, {"X-Custom", "kept"}};
  const mock::HttpResponse answer = proxy.Serve(request);
  EXPECT_EQ(net::HeaderValue(forwarded.headers, "Host"), "");
  EXPECT_EQ(net::HeaderValue(forwarded.headers, "Connection"), "");
  EXPECT_EQ(net::HeaderValue(forwarded.headers, "Accept-Encoding"), "");  // answers come plain
  EXPECT_EQ(net::HeaderValue(forwarded.headers, "Content-Encoding"), "identity");
  EXPECT_EQ(net::HeaderValue(forwarded.headers, "Authorization"), "Bearer x.y.z");
  EXPECT_EQ(net::HeaderValue(forwarded.headers, "X-Custom"), "kept");
  // The body passed back is the decoded one, over the proxy's own connection.
  EXPECT_FALSE(answer.headers.Get("Content-Encoding").has_value());
  EXPECT_FALSE(answer.headers.Get("Transfer-Encoding").has_value());
  EXPECT_EQ(answer.headers.Get("Content-Type").value_or(""), "application/json");
}

class LiveTargetTest : public LiveOrgStandIn {};

TEST_F(LiveTargetTest, SkipsWhatALiveOrgCannotBeMadeToDo) {
  LiveTarget target(LiveOptions());
  auto hang = target.SkipReason(LoadShipped("faults/hang"));
  ASSERT_TRUE(hang.has_value());
  EXPECT_THAT(*hang, HasSubstr("faults"));
  auto refused = target.SkipReason(LoadShipped("setup/no-run-as-user"));
  ASSERT_TRUE(refused.has_value());
  EXPECT_THAT(*refused, HasSubstr("refuse"));
  EXPECT_FALSE(target.SkipReason(LoadShipped("happy/http")).has_value());
}

TEST_F(LiveTargetTest, AClientThroughTheProxyGetsTheVerdictsItGetsDirectly) {
  const std::vector<std::string> ids = {"happy/http", "session/concurrent-calls", "faults/hang",
                                        "setup/no-run-as-user"};
  std::vector<Scenario> scenarios;
  for (const auto& id : ids) scenarios.push_back(LoadShipped(id));
  // The scenarios name their own apps' credentials; the live org has one app.
  for (auto& scenario : scenarios) scenario.document.org.apps.at(0) = *app_;

  ReferenceClient client;
  RunOptions options;
  options.client_timeout = std::chrono::seconds(30);
  LiveTarget live_target(LiveOptions());
  const RunResult live = Runner(live_target, client, options).Run(scenarios);
  EmbeddedMockTarget embedded_target;
  const RunResult direct = Runner(embedded_target, client, options).Run(scenarios);

  ASSERT_EQ(live.scenarios.size(), 4u);
  for (size_t i = 0; i < 2; ++i) {
    SCOPED_TRACE(ids[i]);
    EXPECT_EQ(live.scenarios[i].status, ScenarioStatus::kPassed) << live.scenarios[i].error;
    EXPECT_EQ(live.scenarios[i].status, direct.scenarios[i].status);
    ASSERT_EQ(live.scenarios[i].checks.size(), direct.scenarios[i].checks.size());
    for (size_t c = 0; c < live.scenarios[i].checks.size(); ++c) {
      EXPECT_EQ(live.scenarios[i].checks[c].id, direct.scenarios[i].checks[c].id);
      EXPECT_EQ(live.scenarios[i].checks[c].status, direct.scenarios[i].checks[c].status)
          << live.scenarios[i].checks[c].id << ": " << live.scenarios[i].checks[c].message;
    }
    EXPECT_THAT(live.scenarios[i].target, HasSubstr("recording proxy"));
  }
  EXPECT_EQ(live.scenarios[2].status, ScenarioStatus::kSkipped);
  EXPECT_EQ(live.scenarios[3].status, ScenarioStatus::kSkipped);
  // The reference client revoked its tokens; none is left live at the org.
  for (const auto& exchange : org_->journal().Snapshot()) {
    if (exchange.request.path != "/services/oauth2/token" || exchange.response.status != 200) {
      continue;
    }
    const std::string token = nlohmann::json::parse(exchange.response.body)["access_token"];
    EXPECT_FALSE(org_->org().Authenticate(token).has_value());
  }
}

}  // namespace
}  // namespace sfh::harness
