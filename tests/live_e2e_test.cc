// `sfharness run --target live` and `sfharness diagnose` with the built tools: a background sfmock
// over HTTPS stands in for the org, a real client program talks to it through the harness's
// recording proxy. Pointed at a live org, both send it only reads and the OAuth requests (a token,
// its introspection, its revocation), and leave no token of theirs live: the stand-in's journal
// holds every request that reached it, and its org state counts the live tokens.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "harness/clients/process.h"
#include "tests/tool_runner.h"

namespace sfh::tests {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

struct LiveRun {
  harness::ProcessResult process;
  nlohmann::json report;
};

LiveRun RunLive(const BackgroundMock& org, const std::vector<std::string>& extra,
                const TempDir& out) {
  harness::ProcessOptions options;
  options.argv = {SFHARNESS_BIN, "run",
                  "--target",    "live",
                  "--domain",    org.ready()["my_domain_url"],
                  "--client-id", org.ready()["client_id"],
                  "--ca-file",   org.ready()["ca_file"],
                  "--out",       out.path().string(),
                  "-j",          "2"};
  options.argv.insert(options.argv.end(), extra.begin(), extra.end());
  options.env = {
      {"SF_CLIENT_SECRET", org.ready()["client_secret"]}, {"NO_PROXY", "*"}, {"NO_COLOR", "1"}};
  options.working_directory = SFH_SOURCE_DIR;
  options.timeout = std::chrono::seconds(180);
  LiveRun run{harness::RunProcess(options), nullptr};
  run.report = nlohmann::json::parse(ReadFile(out.path() / "report.json"), nullptr, false);
  return run;
}

std::map<std::string, std::string> StatusById(const nlohmann::json& report) {
  std::map<std::string, std::string> out;
  if (!report.is_object()) return out;
  for (const auto& scenario : report["scenarios"]) out[scenario["id"]] = scenario["status"];
  return out;
}

TEST(LiveTarget, ACommandClientIsJudgedThroughTheProxy) {
  BackgroundMock org({"--tls"});
  ASSERT_TRUE(org.ok()) << org.error();
  TempDir out("sfh-live-e2e");
  const LiveRun run = RunLive(org, {"--client", "clients/curl/sfclient.sh"}, out);
  EXPECT_EQ(run.process.exit_code, 0) << run.process.out << run.process.err;
  const auto statuses = StatusById(run.report);
  ASSERT_FALSE(statuses.empty()) << run.process.out;
  EXPECT_EQ(statuses.at("happy/http"), "PASSED");
  EXPECT_EQ(statuses.at("session/concurrent-calls"), "PASSED");
  EXPECT_EQ(statuses.at("faults/hang"), "SKIPPED");
  EXPECT_EQ(statuses.at("setup/no-run-as-user"), "SKIPPED");
  for (const auto& [id, status] : statuses) EXPECT_NE(status, "FAILED") << id;
  // The secret and the org's real address stay out of every report.
  for (const char* file : {"report.json", "junit.xml", "report.html", "summary.md"}) {
    const std::string text = ReadFile(out.path() / file);
    EXPECT_THAT(text, Not(HasSubstr(org.ready()["client_secret"].get<std::string>()))) << file;
  }
}

TEST(LiveTarget, UsageErrorsExitTwo) {
  TempDir out("sfh-live-e2e-usage");
  harness::ProcessOptions options;
  options.argv = {SFHARNESS_BIN, "run", "--target", "live", "--out", out.path().string()};
  options.env = {{"SF_CLIENT_SECRET", "x"}, {"SF_CLIENT_ID", "x"}};
  options.timeout = std::chrono::seconds(30);
  const auto no_domain = harness::RunProcess(options);
  EXPECT_EQ(no_domain.exit_code, 2);
  EXPECT_THAT(no_domain.err, HasSubstr("--domain"));

  options.argv = {SFHARNESS_BIN,      "run", "--domain", "acme.my.salesforce.com", "--out",
                  out.path().string()};
  const auto domain_without_live = harness::RunProcess(options);
  EXPECT_EQ(domain_without_live.exit_code, 2);
  EXPECT_THAT(domain_without_live.err, HasSubstr("--target live"));
}

// An org that cannot be reached (nothing listens on the port): every scenario that runs on a live
// org is ERROR, naming the org and the failure, and the run exits 2 (docs/BAD_INPUT.md).
TEST(LiveTarget, AnOrgThatCannotBeReachedIsAnErrorNotAFailure) {
  TempDir out("sfh-live-e2e-unreachable");
  harness::ProcessOptions options;
  options.argv = {
      SFHARNESS_BIN,        "run",   "--target",          "live",     "--domain",
      "http://127.0.0.1:9", "--out", out.path().string(), "--client", "clients/curl/sfclient.sh"};
  options.env = {
      {"SF_CLIENT_SECRET", "x"}, {"SF_CLIENT_ID", "x"}, {"NO_PROXY", "*"}, {"NO_COLOR", "1"}};
  options.working_directory = SFH_SOURCE_DIR;
  options.timeout = std::chrono::seconds(120);
  const auto run = harness::RunProcess(options);
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
  const auto report = nlohmann::json::parse(ReadFile(out.path() / "report.json"), nullptr, false);
  ASSERT_TRUE(report.is_object()) << run.out << run.err;
  size_t errors = 0;
  for (const auto& scenario : report["scenarios"]) {
    EXPECT_NE(scenario["status"], "PASSED") << scenario["id"];
    EXPECT_NE(scenario["status"], "FAILED") << scenario["id"];
    if (scenario["status"] == "ERROR") {
      ++errors;
      EXPECT_THAT(scenario["error"].get<std::string>(), HasSubstr("cannot be reached: connect"))
          << scenario["id"];
    }
  }
  EXPECT_GT(errors, 0u);
}

// GET admin_url + path from the stand-in org, through curl (its certificate is the mock's CA).
nlohmann::json AdminGet(const BackgroundMock& org, const std::string& path) {
  harness::ProcessOptions options;
  options.argv = {"curl",
                  "--silent",
                  "--show-error",
                  "--max-time",
                  "10",
                  "--cacert",
                  org.ready()["ca_file"],
                  org.ready()["admin_url"].get<std::string>() + path};
  options.env = {{"NO_PROXY", "*"}};
  options.timeout = std::chrono::seconds(20);
  const harness::ProcessResult got = harness::RunProcess(options);
  return nlohmann::json::parse(got.out, nullptr, false);
}

// "METHOD path" of every request the stand-in org received, and the ones that are not a read or
// an OAuth token, introspection or revocation request.
struct Traffic {
  std::set<std::string> requests;
  std::vector<std::string> writes;
};

Traffic TrafficOf(const BackgroundMock& org) {
  Traffic traffic;
  const nlohmann::json journal = AdminGet(org, "/journal");
  if (!journal.is_object()) return traffic;
  for (const auto& e : journal["exchanges"]) {
    const std::string method = e["method"];
    const std::string path = e["path"];
    traffic.requests.insert(method + " " + path);
    const bool read = method == "GET" || method == "HEAD";
    const bool oauth = method == "POST" &&
                       (path == "/services/oauth2/token" || path == "/services/oauth2/introspect" ||
                        path == "/services/oauth2/revoke");
    if (!read && !oauth) traffic.writes.push_back(method + " " + path);
  }
  return traffic;
}

int LiveSessions(const BackgroundMock& org) {
  const nlohmann::json state = AdminGet(org, "/org");
  return state.is_object() ? state.value("sessions", -1) : -1;
}

// The curl client, trying every write method on a record before it revokes its token.
std::string WriteAttemptingClient(const TempDir& dir) {
  const std::string path = dir / "writes.sh";
  std::ofstream(path) << "#!/usr/bin/env bash\n"
                      << "source '" << SFH_SOURCE_DIR << "/clients/curl/sfclient.sh'\n"
                      << R"SH(sf_request_token || exit 1
sf_call "$(sf_query_path)" || exit 1
record="$(sf_rest_base)/services/data/v$SF_API_VERSION/sobjects/Account/001S7000001AbcdIAC"
for method in POST PUT PATCH DELETE; do
  printf 'Authorization: %s\n' "$(sf_authorization)" |
    "${SF_CURL[@]}" -o /dev/null -w "$method %{http_code}\n" -X "$method" -H @- \
      -H 'Content-Type: application/json' --data '{"Name":"Changed"}' "$record"
done
sf_revoke
)SH";
  return path;
}

TEST(LiveSafety, ARunForwardsNoWriteAndLeavesNoTokenLive) {
  BackgroundMock org({"--tls"});
  ASSERT_TRUE(org.ok()) << org.error();
  TempDir dir("sfh-live-safety");
  const LiveRun run = RunLive(
      org, {"--filter", "happy/http", "--client", "bash " + WriteAttemptingClient(dir)}, dir);
  ASSERT_FALSE(run.process.timed_out) << run.process.err;

  // The client's writes were answered by the harness, not forwarded; its reads and its OAuth
  // requests were.
  ASSERT_TRUE(run.report.is_object()) << run.process.out << run.process.err;
  const std::string statuses = run.report["scenarios"][0]["client"].value("stdout", "");
  EXPECT_EQ(statuses, "POST 403\nPUT 403\nPATCH 403\nDELETE 403\n");
  const Traffic traffic = TrafficOf(org);
  EXPECT_THAT(traffic.writes, IsEmpty());
  EXPECT_THAT(traffic.requests, Contains("POST /services/oauth2/token"));
  EXPECT_THAT(traffic.requests, Contains("POST /services/oauth2/revoke"));
  EXPECT_THAT(traffic.requests, Contains("GET /services/data/v67.0/query"));
  EXPECT_EQ(LiveSessions(org), 0);
}

TEST(LiveSafety, DiagnoseSendsOnlyReadsAndRevokesItsToken) {
  BackgroundMock org({"--tls"});
  ASSERT_TRUE(org.ok()) << org.error();
  harness::ProcessOptions options;
  options.argv = {SFHARNESS_BIN, "diagnose",
                  "--domain",    org.ready()["my_domain_url"],
                  "--client-id", org.ready()["client_id"],
                  "--ca-file",   org.ready()["ca_file"]};
  options.env = {{"SF_CLIENT_SECRET", org.ready()["client_secret"]}, {"NO_PROXY", "*"}};
  options.timeout = std::chrono::seconds(60);
  const harness::ProcessResult diagnosed = harness::RunProcess(options);
  EXPECT_EQ(diagnosed.exit_code, 0) << diagnosed.out << diagnosed.err;

  const Traffic traffic = TrafficOf(org);
  EXPECT_THAT(traffic.writes, IsEmpty());
  EXPECT_THAT(traffic.requests, Contains("POST /services/oauth2/token"));
  EXPECT_THAT(traffic.requests, Contains("POST /services/oauth2/revoke"));
  EXPECT_GE(traffic.requests.size(), 4u) << "diagnose probed too little to prove anything";
  EXPECT_EQ(LiveSessions(org), 0);
}

}  // namespace
}  // namespace sfh::tests
