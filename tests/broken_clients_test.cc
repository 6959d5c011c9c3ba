// Every check is proven: a deliberately broken client violates exactly its rule, and the
// report names that check, and only that check, as FAILED.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <pugixml.hpp>
#include <set>

#include "harness/checks/registry.h"
#include "tests/tool_runner.h"

namespace sfh::tests {
namespace {

using ::testing::Each;
using ::testing::EndsWith;
using ::testing::IsEmpty;
using ::testing::Not;

struct BrokenClient {
  const char* script;  // under clients/broken/
  const char* check;   // the one check it must fail
};

const BrokenClient kBrokenClients[] = {
    {"json-token-request.sh", "EnsureTokenRequestIsFormEncodedPost"},
    {"secret-in-query-string.sh", "EnsureNoSecretInUrl"},
    {"basic-and-body-credentials.sh", "EnsureClientAuthenticatesOnce"},
    {"code-flow-parameters.sh", "EnsureNoAuthorizationCodeParameters"},
    {"token-from-login-host.sh", "EnsureTokenRequestedFromMyDomain"},
    {"rest-on-my-domain-url.sh", "EnsureRestCallsUseInstanceUrl"},
    {"oauth-authorization-scheme.sh", "EnsureRestCallsSendBearerToken"},
    {"token-per-call.sh", "EnsureTokenIsReused"},
    {"retry-with-rejected-token.sh", "EnsureReauthenticatesOnceAfterInvalidSession"},
    {"one-call-only.sh", "EnsureRequestedCallsSucceed"},
    {"exits-nonzero-on-success.sh", "EnsureClientExitStatusMatches"},
    {"prints-the-token.sh", "EnsureNoSecretInClientOutput"},
    {"keeps-token-live.sh", "EnsureTokenRevokedAtExit"},
    {"scope-without-configuration.sh", "EnsureNoScopeUnlessConfigured"},
    {"skips-signature-check.sh", "EnsureSignatureVerified"},
    {"token-per-worker.sh", "EnsureNoTokenRequestStorm"},
    {"retries-at-limit.sh", "EnsureNoHotRetryAfterLimitExceeded"},
    {"ignores-retry-after.sh", "EnsureRetryAfterHonoured"},
    {"hot-retry.sh", "EnsureBoundedRetriesWithBackoff"},
    {"no-request-timeout.sh", "EnsureHangCutByClientTimeout"},
    {"token-in-referer.sh", "EnsureNoSecretInHeaders"},
};

void PrintTo(const BrokenClient& b, std::ostream* os) { *os << b.script; }

TEST(BrokenClients, EveryCheckHasABrokenClient) {
  std::set<std::string> proven;
  for (const auto& b : kBrokenClients) proven.insert(b.check);
  for (const auto* check : harness::AllChecks()) {
    EXPECT_TRUE(proven.contains(std::string(check->id)))
        << check->id << " has no deliberately broken client that makes it fail";
  }
}

class BrokenClientTest : public ::testing::TestWithParam<BrokenClient> {};

TEST_P(BrokenClientTest, FailsExactlyItsCheck) {
  const BrokenClient& b = GetParam();
  const auto run = RunHarness({"--client", std::string("clients/broken/") + b.script},
                              std::string("broken-") + b.check);
  ASSERT_TRUE(run.process.started) << run.process.spawn_error;
  ASSERT_TRUE(run.report.is_object()) << "no report.json: " << run.process.err;
  const auto* check = harness::FindCheck(b.check);
  ASSERT_NE(check, nullptr);

  if (check->severity == harness::Severity::kWarning) {
    // A check that warns by default: the run passes, and the report warns of this check only.
    EXPECT_EQ(run.process.exit_code, 0) << run.process.out << run.process.err;
    EXPECT_THAT(FailedChecks(run.report), IsEmpty());
    std::vector<std::string> warned;
    for (const auto& scenario : run.report["scenarios"]) {
      for (const auto& c : scenario["checks"]) {
        if (c["status"] == "WARNING") warned.push_back(c["id"].get<std::string>());
      }
    }
    EXPECT_THAT(warned, Not(IsEmpty())) << b.check << " did not warn";
    EXPECT_THAT(warned, Each(::testing::Eq(std::string(b.check))));
    std::filesystem::remove_all(run.out_dir);
    return;
  }

  EXPECT_EQ(run.process.exit_code, 1) << run.process.out << run.process.err;
  const auto failed = FailedChecks(run.report);
  EXPECT_THAT(failed, Not(IsEmpty())) << b.check << " did not fail";
  EXPECT_THAT(failed, Each(EndsWith(std::string(" ") + b.check)))
      << "other checks failed too: " << ::testing::PrintToString(failed);

  // The JUnit report names the check in a <failure> as well.
  pugi::xml_document junit;
  ASSERT_TRUE(junit.load_file((run.out_dir / "junit.xml").c_str()));
  const auto failure =
      junit.select_node((std::string("//testcase[@name='") + b.check + "']/failure").c_str());
  EXPECT_TRUE(failure) << "junit.xml has no failure for " << b.check;
  std::filesystem::remove_all(run.out_dir);
}

INSTANTIATE_TEST_SUITE_P(AllChecks, BrokenClientTest, ::testing::ValuesIn(kBrokenClients),
                         [](const auto& info) { return std::string(info.param.check); });

}  // namespace
}  // namespace sfh::tests
