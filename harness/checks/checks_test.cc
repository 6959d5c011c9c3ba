// Every check against a good journal and against named bad ones.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <nlohmann/json.hpp>

#include "harness/checks/all_checks.h"
#include "harness/checks/registry.h"
#include "salesforce/form.h"
#include "salesforce/token_format.h"

namespace sfh::harness {
namespace {

using mock::Exchange;
using mock::VirtualHost;
using ::testing::HasSubstr;

constexpr char kSecret[] = "SECRETSECRETSECRET";
const mock::HostUrls kHosts{"https://127.0.0.1:1001", "https://127.0.0.1:1002",
                            "https://127.0.0.1:1003"};

class Journal {
 public:
  Journal& Token(std::string token = "00D000000000001!AQ1", int status = 200,
                 VirtualHost host = VirtualHost::kMyDomain, std::string method = "POST",
                 std::string content_type = "application/x-www-form-urlencoded",
                 std::string target = "/services/oauth2/token",
                 std::string instance_url = kHosts.my_domain) {
    Exchange e = Make(host, std::move(method), std::move(target));
    e.request.headers.Add("Content-Type", std::move(content_type));
    e.request.body =
        std::string("grant_type=client_credentials&client_id=id&client_secret=") + kSecret;
    e.response.status = status;
    e.response.body = status == 200 ? R"({"access_token":")" + token + R"(","instance_url":")" +
                                          instance_url + R"("})"
                                    : R"({"error":"invalid_grant"})";
    return Add(std::move(e));
  }
  Journal& Rest(std::string token = "00D000000000001!AQ1", int status = 200,
                VirtualHost host = VirtualHost::kMyDomain, std::string scheme = "Bearer",
                std::string target = "/services/data/v65.0/query?q=SELECT+Id+FROM+Account") {
    Exchange e = Make(host, "GET", std::move(target));
    if (!scheme.empty()) e.request.headers.Add("Authorization", scheme + " " + token);
    e.response.status = status;
    e.response.body =
        status == 401
            ? R"([{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}])"
            : R"({"totalSize":0,"done":true,"records":[]})";
    return Add(std::move(e));
  }
  Journal& Revoke(std::string token = "00D000000000001!AQ1") {
    Exchange e = Make(VirtualHost::kMyDomain, "POST", "/services/oauth2/revoke");
    e.request.headers.Add("Content-Type", "application/x-www-form-urlencoded");
    e.request.body = "token=" + salesforce::PercentEncode(token);
    e.response.status = 200;
    return Add(std::move(e));
  }
  // Changes the last exchange's request (a header added, a body rewritten).
  Journal& Edit(const std::function<void(mock::HttpRequest&)>& edit) {
    edit(xs_.back().request);
    return *this;
  }
  // Changes the last exchange itself (its response, its wire fault).
  Journal& EditExchange(const std::function<void(Exchange&)>& edit) {
    edit(xs_.back());
    return *this;
  }
  // The last exchange arrived `at_ms` after the epoch and took `took_ms` to answer.
  Journal& At(int64_t at_ms, int64_t took_ms = 1) {
    xs_.back().received_at =
        std::chrono::system_clock::time_point(std::chrono::milliseconds(at_ms));
    xs_.back().elapsed = std::chrono::milliseconds(took_ms);
    return *this;
  }
  const std::vector<Exchange>& exchanges() const { return xs_; }

 private:
  Exchange Make(VirtualHost host, std::string method, std::string target) {
    Exchange e;
    e.request.host = host;
    e.request.method = std::move(method);
    e.request.target = target;
    const size_t question = target.find('?');
    e.request.path = target.substr(0, question);
    if (question != std::string::npos) e.request.query = target.substr(question + 1);
    return e;
  }
  Journal& Add(Exchange e) {
    e.seq = xs_.size() + 1;
    xs_.push_back(std::move(e));
    return *this;
  }
  std::vector<Exchange> xs_;
};

class CheckTest : public ::testing::Test {
 protected:
  CheckTest() {
    scenario_.workload.calls = 3;
    client_.started = true;
    client_.exit_code = 0;
  }
  CheckVerdict Judge(const CheckDefinition& check, const Journal& journal) {
    const CheckInput input{journal.exchanges(), client_, scenario_, kHosts, "id", kSecret};
    return check.evaluate(input);
  }
  // A correct client: one token, three reads, the token revoked.
  static Journal Good() { return std::move(Journal().Token().Rest().Rest().Rest().Revoke()); }
  // A correct client in an expiry scenario: the second read is rejected, one token, a retry.
  static Journal GoodWithExpiry() {
    return std::move(Journal()
                         .Token()
                         .Rest()
                         .Rest("00D000000000001!AQ1", 401)
                         .Token("00D000000000001!AQ2")
                         .Rest("00D000000000001!AQ2")
                         .Rest("00D000000000001!AQ2")
                         .Revoke("00D000000000001!AQ2"));
  }
  Scenario scenario_;
  ClientRun client_;
};

TEST_F(CheckTest, EveryCheckPassesOrSkipsForACorrectClient) {
  for (const auto* check : AllChecks()) {
    for (const Journal& journal : {Good(), GoodWithExpiry()}) {
      const auto verdict = Judge(*check, journal);
      EXPECT_NE(verdict.status, CheckStatus::kFailed) << check->id << ": " << verdict.message;
    }
  }
}

TEST_F(CheckTest, RegistryIdsAreUniqueAndDescribed) {
  std::set<std::string_view> ids;
  for (const auto* check : AllChecks()) {
    EXPECT_TRUE(ids.insert(check->id).second);
    EXPECT_TRUE(check->id.starts_with("Ensure"));
    EXPECT_FALSE(check->description.empty());
    EXPECT_FALSE(check->reference.empty());
    EXPECT_EQ(FindCheck(check->id), check);
  }
  EXPECT_EQ(FindCheck("Nope"), nullptr);
}

TEST_F(CheckTest, FormEncodedPostFailsForJsonAndGet) {
  auto json = Journal().Token("t", 400, VirtualHost::kMyDomain, "POST", "application/json");
  EXPECT_EQ(Judge(kEnsureTokenRequestIsFormEncodedPost, json).status, CheckStatus::kFailed);
  auto get = Journal().Token("t", 400, VirtualHost::kMyDomain, "GET");
  const auto verdict = Judge(kEnsureTokenRequestIsFormEncodedPost, get);
  EXPECT_EQ(verdict.status, CheckStatus::kFailed);
  EXPECT_THAT(verdict.message, HasSubstr("1 of 1 token requests"));
  ASSERT_EQ(verdict.evidence.size(), 1u);
  EXPECT_EQ(verdict.evidence[0].exchange, 1u);
  EXPECT_THAT(verdict.evidence[0].note, HasSubstr("not POST"));
  EXPECT_EQ(Judge(kEnsureTokenRequestIsFormEncodedPost, Journal()).status, CheckStatus::kSkipped);
  // A POST with no Content-Type at all.
  auto untyped = Journal().Token().Edit([](mock::HttpRequest& r) { r.headers = mock::Headers(); });
  const auto missing = Judge(kEnsureTokenRequestIsFormEncodedPost, untyped);
  EXPECT_EQ(missing.status, CheckStatus::kFailed);
  ASSERT_EQ(missing.evidence.size(), 1u);
  EXPECT_THAT(missing.evidence[0].note, HasSubstr("Content-Type is missing"));
}

TEST_F(CheckTest, SecretInUrlFailsEvenPercentEncoded) {
  auto plain =
      Journal().Token("t", 200, VirtualHost::kMyDomain, "POST", "application/x-www-form-urlencoded",
                      std::string("/services/oauth2/token?client_secret=") + kSecret);
  EXPECT_EQ(Judge(kEnsureNoSecretInUrl, plain).status, CheckStatus::kFailed);
  auto encoded = Journal().Rest("t", 200, VirtualHost::kMyDomain, "Bearer",
                                "/services/data/v65.0/?x=SECRET%53ECRETSECRET");
  EXPECT_EQ(Judge(kEnsureNoSecretInUrl, encoded).status, CheckStatus::kFailed);
}

TEST_F(CheckTest, AuthenticatingTwiceFails) {
  auto both = Journal().Token().Edit([](mock::HttpRequest& r) {
    r.headers.Add("Authorization", "Basic aWQ6U0VDUkVUU0VDUkVUU0VDUkVU");
  });
  const auto verdict = Judge(kEnsureClientAuthenticatesOnce, both.Rest());
  EXPECT_EQ(verdict.status, CheckStatus::kFailed);
  ASSERT_EQ(verdict.evidence.size(), 1u);
  EXPECT_THAT(verdict.evidence[0].note, HasSubstr("HTTP Basic and client_secret in the form"));
  // Basic alone, with the client_id (not a way to authenticate) in the form, is one way.
  auto basic = Journal().Token().Edit([](mock::HttpRequest& r) {
    r.headers.Add("Authorization", "Basic aWQ6U0VDUkVUU0VDUkVUU0VDUkVU");
    r.body = "grant_type=client_credentials&client_id=id";
  });
  EXPECT_EQ(Judge(kEnsureClientAuthenticatesOnce, basic.Rest()).status, CheckStatus::kPassed);
  auto secret_and_assertion =
      Journal().Token().Edit([](mock::HttpRequest& r) { r.body += "&client_assertion=a.b.c"; });
  EXPECT_EQ(Judge(kEnsureClientAuthenticatesOnce, secret_and_assertion).status,
            CheckStatus::kFailed);
  // Two Basic headers are two ways, even with nothing in the form.
  auto two_basic = Journal().Token().Edit([](mock::HttpRequest& r) {
    r.body = "grant_type=client_credentials";
    r.headers.Add("Authorization", "Basic aWQ6U0VDUkVUU0VDUkVUU0VDUkVU");
    r.headers.Add("Authorization", "Basic aWQ6U0VDUkVUU0VDUkVUU0VDUkVU");
  });
  const auto twice = Judge(kEnsureClientAuthenticatesOnce, two_basic.Rest());
  EXPECT_EQ(twice.status, CheckStatus::kFailed);
  ASSERT_EQ(twice.evidence.size(), 1u);
  EXPECT_THAT(twice.evidence[0].note, HasSubstr("HTTP Basic and HTTP Basic"));
}

TEST_F(CheckTest, AuthorizationCodeParametersFail) {
  auto pkce = Journal().Token().Edit([](mock::HttpRequest& r) {
    r.body += "&redirect_uri=https%3A%2F%2Flocalhost%2Fcb&code_verifier=abc";
  });
  const auto verdict = Judge(kEnsureNoAuthorizationCodeParameters, pkce.Rest());
  EXPECT_EQ(verdict.status, CheckStatus::kFailed);
  ASSERT_EQ(verdict.evidence.size(), 1u);
  EXPECT_THAT(verdict.evidence[0].note, HasSubstr("sent redirect_uri, code_verifier"));
  // In the query string too.
  auto query =
      Journal().Token("t", 200, VirtualHost::kMyDomain, "POST", "application/x-www-form-urlencoded",
                      "/services/oauth2/token?code_challenge=x");
  EXPECT_EQ(Judge(kEnsureNoAuthorizationCodeParameters, query).status, CheckStatus::kFailed);
  // Another grant may carry them; only client-credentials requests are judged.
  auto code_grant = Journal().Token().Edit(
      [](mock::HttpRequest& r) { r.body = "grant_type=authorization_code&code=c&redirect_uri=x"; });
  EXPECT_EQ(Judge(kEnsureNoAuthorizationCodeParameters, code_grant).status, CheckStatus::kSkipped);
}

TEST_F(CheckTest, PrintingTheSecretOrATokenFails) {
  EXPECT_EQ(Judge(kEnsureNoSecretInClientOutput, Good()).status, CheckStatus::kPassed);
  client_.stderr_text = "token: granted\ntoken: 00D000000000001!AQ1\n";
  auto verdict = Judge(kEnsureNoSecretInClientOutput, Good());
  EXPECT_EQ(verdict.status, CheckStatus::kFailed);
  ASSERT_EQ(verdict.evidence.size(), 1u);
  EXPECT_EQ(verdict.evidence[0].note, "stderr line 2 holds an access token in full");
  client_.stderr_text.clear();
  client_.stdout_text = std::string("secret=") + kSecret;
  verdict = Judge(kEnsureNoSecretInClientOutput, Good());
  EXPECT_EQ(verdict.status, CheckStatus::kFailed);
  EXPECT_EQ(verdict.evidence[0].note, "stdout line 1 holds the client secret in full");
  client_.started = false;
  EXPECT_EQ(Judge(kEnsureNoSecretInClientOutput, Good()).status, CheckStatus::kSkipped);
}

TEST_F(CheckTest, LeavingTheLastTokenLiveFailsAndWarnsByDefault) {
  EXPECT_EQ(kEnsureTokenRevokedAtExit.severity, Severity::kWarning);
  auto kept = Journal().Token().Rest();
  auto verdict = Judge(kEnsureTokenRevokedAtExit, kept);
  EXPECT_EQ(verdict.status, CheckStatus::kFailed);
  ASSERT_EQ(verdict.evidence.size(), 1u);
  EXPECT_EQ(verdict.evidence[0].exchange, 1u);
  // Revoking an earlier token is not revoking the one held last.
  auto earlier = Journal().Token().Rest().Token("00D000000000001!AQ2").Revoke();
  EXPECT_EQ(Judge(kEnsureTokenRevokedAtExit, earlier).status, CheckStatus::kFailed);
  EXPECT_EQ(Judge(kEnsureTokenRevokedAtExit, Journal().Token("t", 400)).status,
            CheckStatus::kSkipped);
}

TEST_F(CheckTest, TokenFromLoginHostFails) {
  auto journal = Journal().Token("t", 400, VirtualHost::kLogin).Token().Rest();
  const auto verdict = Judge(kEnsureTokenRequestedFromMyDomain, journal);
  EXPECT_EQ(verdict.status, CheckStatus::kFailed);
  EXPECT_THAT(verdict.evidence.at(0).note, HasSubstr("login host"));
}

TEST_F(CheckTest, RestCallsElsewhereThanInstanceUrlFail) {
  auto journal =
      Journal()
          .Token("t", 200, VirtualHost::kMyDomain, "POST", "application/x-www-form-urlencoded",
                 "/services/oauth2/token", kHosts.legacy_instance)
          .Rest("t", 200, VirtualHost::kMyDomain);
  EXPECT_EQ(Judge(kEnsureRestCallsUseInstanceUrl, journal).status, CheckStatus::kFailed);
  auto right =
      Journal()
          .Token("t", 200, VirtualHost::kMyDomain, "POST", "application/x-www-form-urlencoded",
                 "/services/oauth2/token", kHosts.legacy_instance)
          .Rest("t", 200, VirtualHost::kLegacyInstance);
  EXPECT_EQ(Judge(kEnsureRestCallsUseInstanceUrl, right).status, CheckStatus::kPassed);
}

TEST_F(CheckTest, BearerFailsForOtherSchemesMissingHeadersAndUnknownTokens) {
  EXPECT_EQ(
      Judge(kEnsureRestCallsSendBearerToken,
            Journal().Token().Rest("00D000000000001!AQ1", 200, VirtualHost::kMyDomain, "OAuth"))
          .status,
      CheckStatus::kFailed);
  EXPECT_EQ(Judge(kEnsureRestCallsSendBearerToken,
                  Journal().Token().Rest("x", 200, VirtualHost::kMyDomain, ""))
                .status,
            CheckStatus::kFailed);
  EXPECT_EQ(Judge(kEnsureRestCallsSendBearerToken, Journal().Token().Rest("made-up")).status,
            CheckStatus::kFailed);
  EXPECT_EQ(
      Judge(kEnsureRestCallsSendBearerToken,
            Journal().Token().Rest("00D000000000001!AQ1", 200, VirtualHost::kMyDomain, "bearer"))
          .status,
      CheckStatus::kPassed);
}

TEST_F(CheckTest, TokenPerCallFailsReuse) {
  auto journal = Journal().Token().Rest().Token("00D000000000001!AQ2").Rest("00D000000000001!AQ2");
  const auto verdict = Judge(kEnsureTokenIsReused, journal);
  EXPECT_EQ(verdict.status, CheckStatus::kFailed);
  EXPECT_THAT(verdict.message, HasSubstr("1 of 2 tokens"));
  EXPECT_EQ(verdict.evidence.at(0).exchange, 3u);
}

TEST_F(CheckTest, ReauthFailsWhenRetryingWithTheRejectedToken) {
  auto journal = Journal()
                     .Token()
                     .Rest("00D000000000001!AQ1", 401)
                     .Rest("00D000000000001!AQ1", 401)
                     .Token("00D000000000001!AQ2")
                     .Rest("00D000000000001!AQ2");
  const auto verdict = Judge(kEnsureReauthenticatesOnceAfterInvalidSession, journal);
  EXPECT_EQ(verdict.status, CheckStatus::kFailed);
  EXPECT_THAT(verdict.message, HasSubstr("1 of 2 INVALID_SESSION_ID answers"));
  EXPECT_THAT(verdict.evidence.at(0).note, HasSubstr("without a new token"));
}

TEST_F(CheckTest, ReauthFailsWhenGivingUpOrAskingTwice) {
  auto gave_up = Journal().Token().Rest("00D000000000001!AQ1", 401);
  EXPECT_THAT(Judge(kEnsureReauthenticatesOnceAfterInvalidSession, gave_up).evidence.at(0).note,
              HasSubstr("stopped without"));
  auto twice = Journal()
                   .Token()
                   .Rest("00D000000000001!AQ1", 401)
                   .Token("00D000000000001!AQ2")
                   .Token("00D000000000001!AQ3")
                   .Rest("00D000000000001!AQ3");
  EXPECT_THAT(Judge(kEnsureReauthenticatesOnceAfterInvalidSession, twice).evidence.at(0).note,
              HasSubstr("2 token requests"));
  EXPECT_EQ(Judge(kEnsureReauthenticatesOnceAfterInvalidSession, Good()).status,
            CheckStatus::kSkipped);
}

TEST_F(CheckTest, TooFewCallsFail) {
  EXPECT_EQ(Judge(kEnsureRequestedCallsSucceed, Journal().Token().Rest()).status,
            CheckStatus::kFailed);
  scenario_.expect.client = ExpectedClientOutcome::kFails;
  EXPECT_EQ(Judge(kEnsureRequestedCallsSucceed, Journal().Token("t", 400)).status,
            CheckStatus::kSkipped);
}

TEST_F(CheckTest, ExitStatusMustMatchTheExpectation) {
  client_.exit_code = 1;
  EXPECT_EQ(Judge(kEnsureClientExitStatusMatches, Good()).status, CheckStatus::kFailed);
  scenario_.expect.client = ExpectedClientOutcome::kFails;
  EXPECT_EQ(Judge(kEnsureClientExitStatusMatches, Good()).status, CheckStatus::kPassed);
  client_.exit_code = -1;
  client_.timed_out = true;
  EXPECT_THAT(Judge(kEnsureClientExitStatusMatches, Good()).message, HasSubstr("killed"));
}

// ---- limits, faults, storms, scope, signature, headers ----

void Answer(Exchange& e, int status, std::string body, std::string retry_after = "") {
  e.response.status = status;
  e.response.body = std::move(body);
  if (!retry_after.empty()) e.response.headers.Add("Retry-After", std::move(retry_after));
}

constexpr char kLimitBody[] =
    R"([{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}])";

TEST_F(CheckTest, ScopeFailsUnlessConfiguredAndThenOnlyAsConfigured) {
  EXPECT_EQ(Judge(kEnsureNoScopeUnlessConfigured, Good()).status, CheckStatus::kPassed);
  auto scoped = Journal().Token().Edit([](mock::HttpRequest& r) { r.body += "&scope=api"; });
  auto verdict = Judge(kEnsureNoScopeUnlessConfigured, scoped);
  EXPECT_EQ(verdict.status, CheckStatus::kFailed);
  ASSERT_EQ(verdict.evidence.size(), 1u);
  EXPECT_THAT(verdict.evidence[0].note, HasSubstr("scope=\"api\""));
  scenario_.workload.scope = "api";
  EXPECT_EQ(Judge(kEnsureNoScopeUnlessConfigured, scoped).status, CheckStatus::kPassed);
  scenario_.workload.scope = "api refresh_token";
  EXPECT_EQ(Judge(kEnsureNoScopeUnlessConfigured, scoped).status, CheckStatus::kFailed);
}

TEST_F(CheckTest, SecretOrTokenInAnotherHeaderFails) {
  EXPECT_EQ(Judge(kEnsureNoSecretInHeaders, Good()).status, CheckStatus::kPassed);
  auto referer = Good().Rest().Edit([](mock::HttpRequest& r) {
    r.headers.Add("Referer", "https://app.example/?access_token=00D000000000001%21AQ1");
  });
  auto verdict = Judge(kEnsureNoSecretInHeaders, referer);
  EXPECT_EQ(verdict.status, CheckStatus::kFailed);
  ASSERT_EQ(verdict.evidence.size(), 1u);
  EXPECT_THAT(verdict.evidence[0].note, HasSubstr("Referer header carries an access token"));
  auto custom =
      Good().Rest().Edit([](mock::HttpRequest& r) { r.headers.Add("X-Client-Secret", kSecret); });
  EXPECT_THAT(Judge(kEnsureNoSecretInHeaders, custom).evidence.at(0).note,
              HasSubstr("X-Client-Secret header carries the client secret"));
}

TEST_F(CheckTest, HotRetryAfterLimitExceededFails) {
  auto limited = [](int64_t retry_at) {
    return std::move(Journal()
                         .Token()
                         .At(0)
                         .Rest()
                         .At(10)
                         .EditExchange([](Exchange& e) { Answer(e, 403, kLimitBody); })
                         .Rest()
                         .At(retry_at)
                         .EditExchange([](Exchange& e) { Answer(e, 403, kLimitBody); }));
  };
  auto verdict = Judge(kEnsureNoHotRetryAfterLimitExceeded, limited(50));
  EXPECT_EQ(verdict.status, CheckStatus::kFailed);
  EXPECT_THAT(verdict.message, HasSubstr("1 problems over 2 such answers"));
  ASSERT_FALSE(verdict.evidence.empty());
  EXPECT_THAT(verdict.evidence[0].note, HasSubstr("called again 39 ms after"));
  EXPECT_EQ(Judge(kEnsureNoHotRetryAfterLimitExceeded, limited(1500)).status, CheckStatus::kPassed);
  // Patient but endless: a fourth limit answer is one too many.
  auto endless = limited(1500);
  for (int i = 0; i < 2; ++i) {
    endless.Rest().At(3000 + 1500 * i).EditExchange([](Exchange& e) {
      Answer(e, 403, kLimitBody);
    });
  }
  EXPECT_THAT(Judge(kEnsureNoHotRetryAfterLimitExceeded, endless).evidence.at(0).note,
              HasSubstr("kept calling after 3"));
  EXPECT_EQ(Judge(kEnsureNoHotRetryAfterLimitExceeded, Good()).status, CheckStatus::kSkipped);
}

TEST_F(CheckTest, RetryAfterMustBeWaitedOut) {
  auto unavailable = [](int64_t retry_at) {
    return std::move(Journal()
                         .Token()
                         .At(0)
                         .Rest()
                         .At(10)
                         .EditExchange([](Exchange& e) { Answer(e, 503, "[]", "2"); })
                         .Rest()
                         .At(retry_at));
  };
  auto verdict = Judge(kEnsureRetryAfterHonoured, unavailable(300));
  EXPECT_EQ(verdict.status, CheckStatus::kFailed);
  EXPECT_THAT(verdict.message, HasSubstr("1 of 1 answers"));
  EXPECT_THAT(verdict.evidence.at(0).note, HasSubstr("289 ms after 503 (#2)"));
  EXPECT_EQ(Judge(kEnsureRetryAfterHonoured, unavailable(2011)).status, CheckStatus::kPassed);
  // Other hosts are not held back by it.
  auto elsewhere = unavailable(2011);
  elsewhere.Rest("t", 200, VirtualHost::kLogin).At(20);
  EXPECT_EQ(Judge(kEnsureRetryAfterHonoured, elsewhere).status, CheckStatus::kPassed);
  EXPECT_EQ(Judge(kEnsureRetryAfterHonoured, Good()).status, CheckStatus::kSkipped);
}

TEST_F(CheckTest, RetriesMustPauseAndStop) {
  auto failing = [](std::vector<int64_t> attempts_at) {
    Journal j;
    j.Token().At(0);
    for (size_t i = 0; i < attempts_at.size(); ++i) {
      const bool last = i + 1 == attempts_at.size();
      j.Rest().At(attempts_at[i]).EditExchange([last](Exchange& e) {
        if (!last) {
          e.response.wire.kind = mock::WireFault::Kind::kReset;
          e.response.status = 0;
        }
      });
    }
    return j;
  };
  EXPECT_EQ(Judge(kEnsureBoundedRetriesWithBackoff, failing({10, 300, 800})).status,
            CheckStatus::kPassed);
  auto hot = Judge(kEnsureBoundedRetriesWithBackoff, failing({10, 20, 300}));
  EXPECT_EQ(hot.status, CheckStatus::kFailed);
  EXPECT_THAT(hot.evidence.at(0).note, HasSubstr("retried 9 ms after #2 failed"));
  EXPECT_THAT(hot.message, HasSubstr("(1 problems over 2 failures)"));
  // A hang ends when the client gives up on it: the pause counts from there.
  auto after_hang = [](int64_t retry_at) {
    auto j = Journal().Token().At(0).Rest().At(10).EditExchange([](Exchange& e) {
      e.response.wire = {mock::WireFault::Kind::kHang, std::chrono::milliseconds(5000)};
      e.response.status = 0;
      e.hang_ended = true;
      e.client_left = true;
      e.hang_held = std::chrono::milliseconds(1000);
    });
    j.Rest().At(retry_at);
    return j;
  };
  EXPECT_THAT(Judge(kEnsureBoundedRetriesWithBackoff, after_hang(1020)).evidence.at(0).note,
              HasSubstr("retried 9 ms after #2"));
  EXPECT_EQ(Judge(kEnsureBoundedRetriesWithBackoff, after_hang(1300)).status, CheckStatus::kPassed);
  auto endless =
      Judge(kEnsureBoundedRetriesWithBackoff, failing({10, 200, 400, 600, 800, 1000, 1200, 1400}));
  EXPECT_EQ(endless.status, CheckStatus::kFailed);
  EXPECT_THAT(endless.evidence.at(0).note, HasSubstr("more than 5 retries"));
  // A 5xx counts like a broken connection.
  auto server_error =
      Journal().Token().At(0).Rest().At(10).EditExchange([](Exchange& e) { Answer(e, 500, "[]"); });
  server_error.Rest().At(15);
  EXPECT_EQ(Judge(kEnsureBoundedRetriesWithBackoff, server_error).status, CheckStatus::kFailed);
  EXPECT_EQ(Judge(kEnsureBoundedRetriesWithBackoff, Good()).status, CheckStatus::kSkipped);
}

TEST_F(CheckTest, AHangMustBeCutByTheClient) {
  auto hung = [](bool ended, bool client_left) {
    return std::move(Journal().Token().Rest().EditExchange([=](Exchange& e) {
      e.response.wire = {mock::WireFault::Kind::kHang, std::chrono::milliseconds(5000)};
      e.response.status = 0;
      e.hang_ended = ended;
      e.hang_held = std::chrono::milliseconds(client_left ? 1000 : 5000);
      e.client_left = client_left;
    }));
  };
  EXPECT_EQ(Judge(kEnsureHangCutByClientTimeout, hung(true, true)).status, CheckStatus::kPassed);
  // Still held when the client had exited: the client left it.
  EXPECT_EQ(Judge(kEnsureHangCutByClientTimeout, hung(false, false)).status, CheckStatus::kPassed);
  auto verdict = Judge(kEnsureHangCutByClientTimeout, hung(true, false));
  EXPECT_EQ(verdict.status, CheckStatus::kFailed);
  EXPECT_THAT(verdict.message, HasSubstr("1 unanswered requests, 1 not cut"));
  EXPECT_THAT(verdict.evidence.at(0).note, HasSubstr("waited 5000 ms"));
  client_.timed_out = true;
  EXPECT_EQ(Judge(kEnsureHangCutByClientTimeout, hung(false, false)).status, CheckStatus::kFailed);
  EXPECT_EQ(Judge(kEnsureHangCutByClientTimeout, Good()).status, CheckStatus::kSkipped);
}

TEST_F(CheckTest, TokensRequestedTogetherAreAStormNotAReuseFailure) {
  // Four workers, four tokens before any is used.
  Journal storm;
  for (int i = 1; i <= 4; ++i) storm.Token("00D000000000001!W" + std::to_string(i)).At(i);
  storm.Rest("00D000000000001!W1").At(10).Rest("00D000000000001!W2").At(11);
  auto verdict = Judge(kEnsureNoTokenRequestStorm, storm);
  EXPECT_EQ(verdict.status, CheckStatus::kFailed);
  EXPECT_EQ(verdict.evidence.size(), 3u);
  EXPECT_THAT(verdict.message, HasSubstr("3 of 4 tokens"));
  EXPECT_THAT(verdict.evidence[0].note, HasSubstr("granted at #1 had not been used yet"));
  EXPECT_NE(Judge(kEnsureTokenIsReused, storm).status, CheckStatus::kFailed);
  // Shared, or renewed after a rejection: no storm.
  EXPECT_EQ(Judge(kEnsureNoTokenRequestStorm, GoodWithExpiry()).status, CheckStatus::kPassed);
  // A token used under another scheme was still used.
  auto oauth = Journal()
                   .Token()
                   .At(0)
                   .Rest("00D000000000001!AQ1", 200, VirtualHost::kMyDomain, "OAuth")
                   .At(5)
                   .Token("00D000000000001!AQ2")
                   .At(10);
  EXPECT_EQ(Judge(kEnsureNoTokenRequestStorm, oauth).status, CheckStatus::kPassed);
  // A token spoiled by a fault may be left unused.
  auto spoiled = Journal().Token().At(0).EditExchange(
      [](Exchange& e) { e.response.fault = "tamper_signature"; });
  spoiled.Token("00D000000000001!AQ2").At(10);
  EXPECT_EQ(Judge(kEnsureNoTokenRequestStorm, spoiled).status, CheckStatus::kPassed);
}

TEST_F(CheckTest, UsingATokenWithABadSignatureWarns) {
  const std::string id = "https://login.salesforce.com/id/00D000000000001AAA/005000000000001AAA";
  auto signed_with = [&id](const std::string& key) {
    return std::move(Journal().Token().EditExchange([&](Exchange& e) {
      e.response.body =
          nlohmann::json{{"access_token", "00D000000000001!AQ1"},
                         {"instance_url", kHosts.my_domain},
                         {"id", id},
                         {"issued_at", "1764000000000"},
                         {"signature", salesforce::TokenSignature(key, id, "1764000000000")}}
              .dump();
    }));
  };
  EXPECT_EQ(Judge(kEnsureSignatureVerified, signed_with(kSecret).Rest()).status,
            CheckStatus::kSkipped);
  EXPECT_EQ(Judge(kEnsureSignatureVerified, signed_with("another key")).status,
            CheckStatus::kPassed);
  auto verdict = Judge(kEnsureSignatureVerified, signed_with("another key").Rest());
  EXPECT_EQ(verdict.status, CheckStatus::kFailed);
  EXPECT_THAT(verdict.message, HasSubstr("in 1 calls"));
  EXPECT_THAT(verdict.evidence.at(0).note, HasSubstr("signature does not verify"));
  EXPECT_EQ(kEnsureSignatureVerified.severity, Severity::kWarning);
}

TEST_F(CheckTest, EitherOutcomeOnlyNeedsTheClientToEndByItself) {
  scenario_.expect.client = ExpectedClientOutcome::kEither;
  for (int code : {0, 1}) {
    client_.exit_code = code;
    EXPECT_EQ(Judge(kEnsureClientExitStatusMatches, Good()).status, CheckStatus::kPassed);
  }
  client_.timed_out = true;
  EXPECT_EQ(Judge(kEnsureClientExitStatusMatches, Good()).status, CheckStatus::kFailed);
  EXPECT_EQ(Judge(kEnsureRequestedCallsSucceed, Good()).status, CheckStatus::kSkipped);
}

}  // namespace
}  // namespace sfh::harness
