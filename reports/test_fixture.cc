#include "reports/test_fixture.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>

#ifndef SFH_REPORTS_TESTDATA_DIR
#error "SFH_REPORTS_TESTDATA_DIR must name the reports/testdata directory"
#endif

namespace sfh::reports::testing {

using namespace std::chrono_literals;
using harness::CheckResult;
using harness::CheckStatus;
using harness::ScenarioStatus;
using harness::Severity;
using harness::TranscriptEntry;

namespace {

const std::chrono::system_clock::time_point kStart =
    std::chrono::sys_days{std::chrono::year{2026} / 11 / 28} + 18h + 30min;

harness::ClientRun Client(bool started, int exit_code, std::chrono::milliseconds elapsed) {
  harness::ClientRun client;
  client.label = "reference client";
  client.started = started;
  client.exit_code = exit_code;
  client.elapsed = elapsed;
  return client;
}

CheckResult Check(std::string id, std::string description, CheckStatus status,
                  std::string message = "") {
  CheckResult check;
  check.id = std::move(id);
  check.description = std::move(description);
  check.reference = "RFC 6749 §4.4.2";
  check.status = status;
  check.message = std::move(message);
  return check;
}

TranscriptEntry TokenExchange(uint64_t seq, std::string scheme, std::string host) {
  TranscriptEntry x;
  x.seq = seq;
  x.host = std::move(host);
  x.scheme = std::move(scheme);
  x.method = "POST";
  x.target = "/services/oauth2/token";
  x.status = 200;
  x.request_headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                       {"Authorization", "Basic [REDACTED]"}};
  x.request_body = "grant_type=client_credentials";
  x.response_headers = {{"Content-Type", "application/json;charset=UTF-8"}};
  x.response_body = R"({"access_token":"00D5g000004Xyz1![REDACTED]",)"
                    R"("instance_url":"https://acme.my.salesforce.com","token_type":"Bearer"})";
  x.elapsed = 12345us;
  return x;
}

harness::ScenarioResult Happy() {
  harness::ScenarioResult s;
  s.id = "happy/http";
  s.title = "Happy path over HTTP";
  s.teaches = "A client-credentials client posts its id and secret once, then reuses the token.";
  s.file = "happy/http.json";
  s.target = "embedded mock (http)";
  s.status = ScenarioStatus::kPassed;
  s.client = Client(/*started=*/true, /*exit_code=*/0, 100ms);
  s.client.stdout_text = "token obtained\n3 reads ok\n";
  s.checks.push_back(
      Check("EnsureTokenRequestIsPost", "The token request uses POST", CheckStatus::kPassed));
  CheckResult tls = Check("EnsureHttpsUsed", "Every request goes over HTTPS", CheckStatus::kWarning,
                          "2 of 2 requests used plain HTTP");
  tls.severity = Severity::kWarning;
  tls.reference =
      "https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_client_credentials_flow"
      ".htm&type=5";
  tls.evidence = {{1, "POST over http"}, {2, "GET over http"}};
  s.checks.push_back(tls);
  s.transcript.push_back(TokenExchange(1, "http", "my_domain"));
  TranscriptEntry read;
  read.seq = 2;
  read.host = "my_domain";
  read.scheme = "http";
  read.method = "GET";
  read.target = "/services/data/v62.0/limits";
  read.status = 200;
  read.request_headers = {{"Authorization", "Bearer 00D5g000004Xyz1![REDACTED]"}};
  read.response_headers = {{"Content-Type", "application/json"}};
  read.response_body = R"({"DailyApiRequests":{"Max":15000,"Remaining":14999}})";
  read.elapsed = 2500us;
  s.transcript.push_back(read);
  s.started_at = kStart;
  s.elapsed = 120ms;
  return s;
}

harness::ScenarioResult SecretInUrl() {
  harness::ScenarioResult s;
  s.id = "security/secret-in-url";
  s.title = "Secret stays out of the URL";
  s.teaches =
      R"(Parameters in a URL end up in "access logs" & proxies; send <client_secret> in the body.)";
  s.file = "security/secret-in-url.json";
  s.target = "embedded mock (https)";
  s.status = ScenarioStatus::kFailed;
  s.client = Client(/*started=*/true, /*exit_code=*/1, 1400ms);
  s.client.stderr_text = "error: invalid_client <\"bad\"> & more, Zoë\n\x1b[31mred\x1b[0m\n";
  CheckResult secret = Check("EnsureNoSecretInUrl", "The client secret never appears in a URL",
                             CheckStatus::kFailed, "client_secret was sent in the query string");
  secret.evidence = {
      {1, "query parameter client_secret=[REDACTED] in \"/services/oauth2/token?…\""},
      {0, "the secret reached the server's access log"}};
  s.checks.push_back(secret);
  s.checks.push_back(
      Check("EnsureTokenRequestIsPost", "The token request uses POST", CheckStatus::kPassed));
  s.checks.push_back(Check("EnsureReauthenticatesOnce", "One new token after INVALID_SESSION_ID",
                           CheckStatus::kSkipped, "no session expired in this scenario"));
  TranscriptEntry token = TokenExchange(1, "https", "login");
  token.target = "/services/oauth2/token?grant_type=client_credentials&client_secret=[REDACTED]";
  token.status = 400;
  token.request_headers = {{"User-Agent", R"(my-client/1.0 (Zoë's <test> & "quoted"))"}};
  token.request_body = "";
  token.response_body =
      R"({"error":"invalid_client","error_description":"invalid client credentials"})";
  s.transcript.push_back(token);
  TranscriptEntry reset = TokenExchange(2, "https", "login");
  reset.status = 0;
  reset.response_headers.clear();
  reset.response_body.clear();
  reset.fault = "connection_reset";
  reset.elapsed = 800us;
  s.transcript.push_back(reset);
  s.started_at = kStart + 120ms;
  s.elapsed = 1500ms;
  return s;
}

harness::ScenarioResult Error() {
  harness::ScenarioResult s;
  s.id = "session/expires-mid-run";
  s.title = "Session expires mid-run";
  s.file = "session/expires-mid-run.json";
  s.target = "embedded mock (https)";
  s.status = ScenarioStatus::kError;
  s.error = "the mock could not listen on 127.0.0.1: Address already in use";
  s.client = Client(/*started=*/false, /*exit_code=*/-1, 0ms);
  s.started_at = kStart + 1620ms;
  s.elapsed = 30ms;
  return s;
}

harness::ScenarioResult Skipped() {
  harness::ScenarioResult s;
  s.id = "tls/legacy-instance";
  s.title = "Old instance host";
  s.file = "tls/legacy-instance.json";
  s.target = "live org";
  s.status = ScenarioStatus::kSkipped;
  s.error = "the target cannot migrate the instance";
  s.client = Client(/*started=*/false, /*exit_code=*/-1, 0ms);
  s.started_at = kStart + 1650ms;
  s.elapsed = 0ms;
  return s;
}

}  // namespace

harness::RunResult FixtureRun() {
  harness::RunResult run;
  run.tool_version = "sfharness 0.1.0";
  run.client = "reference client";
  run.started_at = kStart;
  run.elapsed = 1750ms;
  run.scenarios = {Happy(), SecretInUrl(), Error(), Skipped()};
  return run;
}

harness::RunResult FixtureRunWithBaselineAndReruns() {
  harness::RunResult run = FixtureRun();
  harness::ScenarioResult& failed = run.scenarios[1];  // security/secret-in-url
  failed.expected_failure = true;
  failed.checks[0].expected_failure = true;
  failed.checks[0].expected_failure_reason = "library sends the secret in the query";
  harness::ScenarioResult whole;
  whole.id = "odd/expected";
  whole.title = "Expected to fail as a whole";
  whole.file = "odd/expected.json";
  whole.target = "embedded mock (http)";
  whole.status = ScenarioStatus::kFailed;
  whole.expected_failure = true;
  whole.expected_failure_reason = "known";
  whole.client = Client(/*started=*/true, /*exit_code=*/1, 10ms);
  whole.started_at = kStart + 1700ms;
  whole.elapsed = 20ms;
  run.scenarios.push_back(whole);
  harness::ScenarioResult& happy = run.scenarios[0];  // happy/http, passed
  happy.attempts = 2;
  happy.flaky = true;
  happy.previous_attempts = {{ScenarioStatus::kFailed, {"EnsureTokenRequestIsPost"}, 90ms}};
  run.stale_expected_failures = {{"tls/legacy-instance", "EnsureNoSecretInUrl", "fixed in 2.0"}};
  return run;
}

void ExpectMatchesGolden(const std::string& actual, const std::string& name) {
  const std::filesystem::path path = std::filesystem::path(SFH_REPORTS_TESTDATA_DIR) / name;
  const char* update = std::getenv("SFH_UPDATE_GOLDEN");
  if (update != nullptr && std::string_view(update) == "1") {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << actual;
    ASSERT_TRUE(out.good()) << "cannot write " << path;
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in.good()) << "missing golden file " << path
                         << "; run the test with SFH_UPDATE_GOLDEN=1 to create it";
  std::stringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(expected.str(), actual)
      << "differs from " << path << "; if the change is intended, rerun with SFH_UPDATE_GOLDEN=1";
}

}  // namespace sfh::reports::testing
