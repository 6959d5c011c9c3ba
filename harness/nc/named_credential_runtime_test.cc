// The emulation against the demo org served in process: what reached the mock (its journal)
// for each variant, the token cache, the 401 retry; and the verdict on answers the mock does not
// give (a fake SendFunction).
#include "harness/nc/named_credential_runtime.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "harness/nc/nc_output.h"
#include "harness/nc/nc_test_support.h"
#include "harness/nc/nc_verdict.h"
#include "mock_server/org/org_config.h"
#include "salesforce/form.h"

namespace sfh::harness::nc {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class RuntimeTest : public DemoOrgOnLoopback {
 protected:
  RuntimeConfig Config(ClientAuthentication authentication) const {
    RuntimeConfig config;
    config.external_credential = "Acme_Client_Credentials";
    config.principal = "Integration";
    config.client_authentication = authentication;
    config.token_url = MyDomain() + "/services/oauth2/token";
    config.base_url = MyDomain();
    return config;
  }

  NamedCredentialRuntime Runtime(RuntimeConfig config) {
    return NamedCredentialRuntime(
        std::move(config), {mock::kDemoClientId, mock::kDemoClientSecret},
        [](const net::Request& request) { return net::Send(request, Options()); }, redactor_);
  }

  salesforce::Redactor redactor_;
};

constexpr char kLimits[] = "/services/data/v67.0/limits";

TEST_F(RuntimeTest, BodyVariantSendsTheCredentialsInTheBodyAndNoAuthorization) {
  auto runtime = Runtime(Config(ClientAuthentication::kBody));
  const CalloutResult result = runtime.Callout("GET", kLimits);
  EXPECT_EQ(result.status, CalloutStatus::kSucceeded);

  const auto tokens = TokenExchanges();
  ASSERT_EQ(tokens.size(), 1u);
  const mock::HttpRequest& request = tokens[0].request;
  EXPECT_EQ(request.method, "POST");
  EXPECT_FALSE(request.headers.Get("Authorization").has_value());
  EXPECT_EQ(request.headers.Get("Content-Type"), "application/x-www-form-urlencoded");
  auto form = salesforce::ParseForm(request.body);
  ASSERT_TRUE(form.has_value());
  EXPECT_EQ(form->Get("grant_type"), "client_credentials");
  EXPECT_EQ(form->Get("client_id"), mock::kDemoClientId);
  EXPECT_EQ(form->Get("client_secret"), mock::kDemoClientSecret);
  EXPECT_FALSE(form->Has("scope"));

  // The callout went to the Named Credential's URL with the token as Bearer.
  const auto journal = Journal();
  ASSERT_EQ(journal.size(), 2u);
  EXPECT_EQ(journal[1].request.target, kLimits);
  EXPECT_EQ(journal[1].request.headers.Get("Authorization"), "Bearer " + IssuedTokens().at(0));
  EXPECT_EQ(journal[1].response.status, 200);
}

TEST_F(RuntimeTest, BasicVariantSendsBasicAndOnlyTheGrantInTheBody) {
  auto runtime = Runtime(Config(ClientAuthentication::kBasic));
  EXPECT_EQ(runtime.Callout("GET", kLimits).status, CalloutStatus::kSucceeded);

  const auto tokens = TokenExchanges();
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0].request.body, "grant_type=client_credentials");
  const auto authorization = tokens[0].request.headers.Get("Authorization");
  ASSERT_TRUE(authorization.has_value());
  auto basic = salesforce::ParseBasicAuthorization(*authorization);
  ASSERT_TRUE(basic.has_value() && basic->has_value());
  EXPECT_EQ((*basic)->client_id, mock::kDemoClientId);
  EXPECT_EQ((*basic)->client_secret, mock::kDemoClientSecret);
}

TEST_F(RuntimeTest, ScopeIsSentAndRefused) {
  RuntimeConfig config = Config(ClientAuthentication::kBasic);
  config.scope = "api";
  auto runtime = Runtime(config);
  const CalloutResult result = runtime.Callout("GET", kLimits);
  EXPECT_EQ(result.status, CalloutStatus::kTokenFailed);
  const auto tokens = TokenExchanges();
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0].request.body, "grant_type=client_credentials&scope=api");
  EXPECT_EQ(tokens[0].response.status, 400);
  EXPECT_THAT(tokens[0].response.body, HasSubstr("scope parameter not supported"));
  EXPECT_EQ(Journal().size(), 1u);  // no callout without a token
}

TEST_F(RuntimeTest, EmptyScopeIsNotSent) {
  RuntimeConfig config = Config(ClientAuthentication::kBody);
  config.scope = "";
  auto runtime = Runtime(config);
  EXPECT_EQ(runtime.Callout("GET", kLimits).status, CalloutStatus::kSucceeded);
  EXPECT_THAT(TokenExchanges().at(0).request.body, Not(HasSubstr("scope")));
}

TEST_F(RuntimeTest, ThreeCalloutsShareOneTokenRequest) {
  auto runtime = Runtime(Config(ClientAuthentication::kBody));
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(runtime.Callout("GET", kLimits).status, CalloutStatus::kSucceeded);
  }
  EXPECT_EQ(TokenExchanges().size(), 1u);
  EXPECT_EQ(Journal().size(), 4u);
  EXPECT_EQ(runtime.token_requests(), 1);
}

// The session expires before the second callout: the runtime gets one new token and retries.
TEST_F(RuntimeTest, A401GetsOneNewTokenAndOneRetry) {
  mock::FaultRule expire;
  expire.method = "GET";
  expire.path = "/services/data/v*";
  expire.nth = 2;
  expire.times = 1;
  expire.action = mock::FaultAction::kExpireSessions;
  Org().faults().Arm(expire);

  auto runtime = Runtime(Config(ClientAuthentication::kBody));
  EXPECT_EQ(runtime.Callout("GET", kLimits).status, CalloutStatus::kSucceeded);
  EXPECT_EQ(runtime.Callout("GET", kLimits).status, CalloutStatus::kSucceeded);

  const auto journal = Journal();
  std::vector<std::string> seen;
  for (const auto& exchange : journal) {
    seen.push_back(exchange.request.method + " " + exchange.request.path + " " +
                   std::to_string(exchange.response.status));
  }
  EXPECT_THAT(seen, ::testing::ElementsAre(
                        "POST /services/oauth2/token 200", std::string("GET ") + kLimits + " 200",
                        std::string("GET ") + kLimits + " 401", "POST /services/oauth2/token 200",
                        std::string("GET ") + kLimits + " 200"));
  const auto tokens = IssuedTokens();
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_NE(tokens[0], tokens[1]);
  EXPECT_EQ(journal[4].request.headers.Get("Authorization"), "Bearer " + tokens[1]);
  EXPECT_TRUE(runtime.exchanges().back().retry);
}

TEST_F(RuntimeTest, WithoutRetryA401FailsTheCallout) {
  mock::FaultRule expire;
  expire.path = "/services/data/v*";
  expire.action = mock::FaultAction::kExpireSessions;
  Org().faults().Arm(expire);

  RuntimeConfig config = Config(ClientAuthentication::kBody);
  config.retry_on_401 = false;
  auto runtime = Runtime(config);
  EXPECT_EQ(runtime.Callout("GET", kLimits).status, CalloutStatus::kCalloutFailed);
  EXPECT_EQ(TokenExchanges().size(), 1u);
  EXPECT_EQ(Journal().size(), 2u);
}

TEST_F(RuntimeTest, NoAuthorizationHeaderMeansNoToken) {
  RuntimeConfig config = Config(ClientAuthentication::kBody);
  config.generate_authorization_header = false;
  auto runtime = Runtime(config);
  EXPECT_EQ(runtime.Callout("GET", "/services/data/").status, CalloutStatus::kSucceeded);
  const auto journal = Journal();
  ASSERT_EQ(journal.size(), 1u);
  EXPECT_FALSE(journal[0].request.headers.Get("Authorization").has_value());
}

// An answer the catalogue does not know is shown raw and called unknown.
TEST(RuntimeVerdict, UnknownAnswerIsShownRaw) {
  salesforce::Redactor redactor;
  RuntimeConfig config;
  config.token_url = "http://127.0.0.1:9/services/oauth2/token";
  config.base_url = "http://127.0.0.1:9";
  NamedCredentialRuntime runtime(
      config, {"client", "a-very-secret-value"},
      [](const net::Request&) {
        net::Outcome outcome{net::Response{418, {{"Content-Type", "text/plain"}}, "I'm a teapot"}};
        return outcome;
      },
      redactor);
  const std::vector<CalloutResult> results = {runtime.Callout("GET", "/services/data/")};
  ResolvedNamedCredential resolved;
  resolved.token_url = config.token_url;
  const Verdict verdict = Judge(resolved, runtime, results, 1);
  EXPECT_FALSE(verdict.passed);
  ASSERT_TRUE(verdict.cause.has_value());
  EXPECT_EQ(verdict.cause->kind, Cause::Kind::kUnknownAnswer);
  EXPECT_TRUE(verdict.cause->token_request);
  const std::string text =
      FormatText(RunView{resolved, runtime, verdict, "GET", "/services/data/"}, redactor);
  EXPECT_THAT(text, HasSubstr("Cause: unknown: this answer (HTTP 418) is not in the catalogue"));
  EXPECT_THAT(text, HasSubstr("  I'm a teapot"));
  EXPECT_THAT(text, Not(HasSubstr("a-very-secret-value")));
}

}  // namespace
}  // namespace sfh::harness::nc
