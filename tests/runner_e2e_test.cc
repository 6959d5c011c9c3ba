// The runner's features through the built sfharness, as CI uses them: filters and tags, `list`,
// parallel jobs, shards (--shard and googletest's variables) merged back into one run, the
// expected-failures baseline, reruns that find flaky scenarios, and plain progress output.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <pugixml.hpp>
#include <set>

#include "harness/checks/registry.h"
#include "harness/clients/process.h"
#include "tests/tool_runner.h"

namespace sfh::tests {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

// A broken client that fails EnsureTokenIsReused (among others, perhaps) where it gets a token,
// and passes the negative setup scenarios, where the org refuses it: verdicts of both kinds.
constexpr char kBroken[] = "clients/broken/token-per-call.sh";

struct Tool {
  harness::ProcessResult process;
  int exit_code() const { return process.exit_code; }
  std::string output() const { return process.out + process.err; }
};

// Runs sfharness with `args` from the repository's root, without colour, with `env` added.
Tool Sfharness(const std::vector<std::string>& args,
               const std::map<std::string, std::string>& env = {}) {
  harness::ProcessOptions options;
  options.argv = {SFHARNESS_BIN};
  options.argv.insert(options.argv.end(), args.begin(), args.end());
  options.working_directory = SFH_SOURCE_DIR;
  options.env = env;
  options.env["NO_COLOR"] = "1";
  // A CI runner's own sharding must not leak into the runs under test.
  for (const char* name : {"GTEST_SHARD_INDEX", "GTEST_TOTAL_SHARDS", "GTEST_SHARD_STATUS_FILE"}) {
    if (!options.env.contains(name) && std::getenv(name) != nullptr) options.env[name] = "";
  }
  options.timeout = std::chrono::seconds(240);
  return {harness::RunProcess(options)};
}

// `sfharness run --out DIR --client-timeout SECONDS args...` (30 s unless given), and its
// report.json (null if none).
struct HarnessResult {
  Tool tool;
  nlohmann::json report;
};
HarnessResult RunInto(const std::string& out, const std::vector<std::string>& args,
                      const std::map<std::string, std::string>& env = {},
                      const std::string& client_timeout = "30") {
  std::vector<std::string> all = {"run", "--out", out, "--client-timeout", client_timeout};
  all.insert(all.end(), args.begin(), args.end());
  HarnessResult run{Sfharness(all, env), nullptr};
  std::ifstream in(fs::path(out) / "report.json");
  if (in) run.report = nlohmann::json::parse(in, nullptr, false);
  return run;
}

std::vector<std::string> Ids(const nlohmann::json& report) {
  std::vector<std::string> ids;
  if (!report.is_object()) return ids;
  for (const auto& s : report["scenarios"]) ids.push_back(s["id"].get<std::string>());
  return ids;
}

// "id STATUS" per scenario, in report order.
std::vector<std::string> Verdicts(const nlohmann::json& report) {
  std::vector<std::string> out;
  if (!report.is_object()) return out;
  for (const auto& s : report["scenarios"]) {
    out.push_back(s["id"].get<std::string>() + " " + s["status"].get<std::string>());
  }
  return out;
}

const nlohmann::json* FindScenario(const nlohmann::json& report, const std::string& id) {
  for (const auto& s : report["scenarios"]) {
    if (s["id"] == id) return &s;
  }
  return nullptr;
}

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::trunc) << text;
}

// --- selection ---------------------------------------------------------------------------------

TEST(RunnerE2E, FiltersAndTagsSelectScenarios) {
  TempDir dir("sfh-runner-e2e-filter");
  const HarnessResult run =
      RunInto(dir / "out",
              {"--filter", "session/*", "--filter=-session/revoked*", "--filter", "happy/http"});
  EXPECT_EQ(run.tool.exit_code(), 0) << run.tool.output();
  EXPECT_THAT(Ids(run.report),
              ElementsAre("happy/http", "session/concurrent-calls", "session/expires-mid-run"));

  const HarnessResult tagged = RunInto(dir / "tags", {"--tags", "moves,negative"});
  EXPECT_EQ(tagged.tool.exit_code(), 0) << tagged.tool.output();
  const auto ids = Ids(tagged.report);
  ASSERT_THAT(ids, Not(IsEmpty()));
  for (const auto& id : ids) {
    EXPECT_TRUE(id.starts_with("moves/") || id.starts_with("setup/")) << id;
  }
}

TEST(RunnerE2E, AFilterThatSelectsNothingIsAUsageError) {
  TempDir dir("sfh-runner-e2e-empty");
  const HarnessResult run = RunInto(dir / "out", {"--filter", "sesion/*"});
  EXPECT_EQ(run.tool.exit_code(), 2);
  EXPECT_THAT(run.tool.process.err, HasSubstr("--filter 'sesion/*' matches no scenario"));
  EXPECT_TRUE(run.report.is_null());

  const HarnessResult excluded = RunInto(dir / "out", {"--filter", "happy/*", "--filter=-happy/*"});
  EXPECT_EQ(excluded.tool.exit_code(), 2);
  EXPECT_THAT(excluded.tool.process.err, HasSubstr("select no scenario"));

  const HarnessResult tag = RunInto(dir / "out", {"--tags", "no-such-tag"});
  EXPECT_EQ(tag.tool.exit_code(), 2);
  EXPECT_THAT(tag.tool.process.err, HasSubstr("no scenario has the tag 'no-such-tag'"));
}

// --- list --------------------------------------------------------------------------------------

TEST(RunnerE2E, ListPrintsScenariosAndChecksAsText) {
  const Tool list = Sfharness({"list", "--filter", "happy/*"});
  ASSERT_EQ(list.exit_code(), 0) << list.output();
  const std::string& out = list.process.out;
  EXPECT_THAT(out, HasSubstr("Scenarios (3):\n  happy/http  [happy]\n"));
  EXPECT_THAT(out, HasSubstr("  happy/https  [happy,tls]\n"));
  EXPECT_THAT(out, HasSubstr("      happy/http.json\n"));
  EXPECT_THAT(out, Not(HasSubstr("session/")));
  EXPECT_THAT(out, HasSubstr(fmt::format("Checks ({}):\n", harness::AllChecks().size())));
  EXPECT_THAT(out, HasSubstr("  EnsureTokenRevokedAtExit  (warning)\n      The client revokes"));
  EXPECT_THAT(out, HasSubstr("  EnsureNoSecretInUrl  (failure)\n"));
}

TEST(RunnerE2E, ListPrintsJson) {
  const Tool list = Sfharness({"list", "--format", "json", "--tags", "session"});
  ASSERT_EQ(list.exit_code(), 0) << list.output();
  const auto json = nlohmann::json::parse(list.process.out, nullptr, false);
  ASSERT_TRUE(json.is_object()) << list.process.out;
  EXPECT_EQ(json["schema"], "sfharness-list/1");
  ASSERT_THAT(json["scenarios"], Not(IsEmpty()));
  for (const auto& s : json["scenarios"]) {
    EXPECT_TRUE(s["id"].get<std::string>().starts_with("session/")) << s;
    EXPECT_THAT(s["tags"], ::testing::Contains("session"));
    EXPECT_FALSE(s["title"].get<std::string>().empty());
    EXPECT_EQ(s["file"], s["id"].get<std::string>() + ".json");
  }
  ASSERT_EQ(json["checks"].size(), harness::AllChecks().size());
  for (size_t i = 0; i < json["checks"].size(); ++i) {
    const auto* check = harness::AllChecks()[i];
    EXPECT_EQ(json["checks"][i]["id"], std::string(check->id));
    EXPECT_EQ(json["checks"][i]["description"], std::string(check->description));
    EXPECT_EQ(json["checks"][i]["severity"], std::string(harness::ToString(check->severity)));
  }
  EXPECT_EQ(Sfharness({"list", "--filter", "nothing/*"}).exit_code(), 2);
}

// --- parallel ----------------------------------------------------------------------------------

TEST(RunnerE2E, TwoJobsGiveTheVerdictsAndOrderOfOne) {
  TempDir dir("sfh-runner-e2e-jobs");
  // The reference client (in process) over every scenario.
  const HarnessResult one = RunInto(dir / "ref1", {"-j", "1"});
  const HarnessResult two = RunInto(dir / "ref2", {"--jobs", "2"});
  ASSERT_THAT(Verdicts(one.report), Not(IsEmpty())) << one.tool.output();
  EXPECT_EQ(Verdicts(two.report), Verdicts(one.report)) << two.tool.output();
  EXPECT_EQ(two.tool.exit_code(), one.tool.exit_code());
  EXPECT_THAT(two.tool.process.out, HasSubstr("with reference client, 2 at a time"));

  // A command client (one process per scenario), with failures and passes.
  const std::vector<std::string> args = {"--client", kBroken,    "--filter",
                                         "happy/*",  "--filter", "setup/*"};
  auto with = [&](std::vector<std::string> extra) {
    extra.insert(extra.begin(), args.begin(), args.end());
    return extra;
  };
  const HarnessResult serial = RunInto(dir / "cmd1", with({}));
  const HarnessResult parallel = RunInto(dir / "cmd2", with({"-j", "2"}));
  EXPECT_EQ(serial.tool.exit_code(), 1) << serial.tool.output();
  EXPECT_EQ(parallel.tool.exit_code(), 1) << parallel.tool.output();
  EXPECT_EQ(Verdicts(parallel.report), Verdicts(serial.report));
  EXPECT_EQ(FailedChecks(parallel.report), FailedChecks(serial.report));
}

// --- shards ------------------------------------------------------------------------------------

TEST(RunnerE2E, ShardsPartitionTheRunAndMergeBackIntoIt) {
  TempDir dir("sfh-runner-e2e-shards");
  const std::vector<std::string> select = {"--client", kBroken,    "--filter",
                                           "happy/*",  "--filter", "setup/*"};
  auto with = [&](std::vector<std::string> extra) {
    extra.insert(extra.begin(), select.begin(), select.end());
    return extra;
  };
  const HarnessResult whole = RunInto(dir / "whole", with({}));
  ASSERT_EQ(whole.tool.exit_code(), 1) << whole.tool.output();
  EXPECT_TRUE(whole.report["shard"].is_null());

  std::multiset<std::string> seen;
  std::vector<std::string> shard_dirs;
  for (int i = 1; i <= 3; ++i) {
    const std::string out = dir / ("shard" + std::to_string(i));
    const HarnessResult shard = RunInto(out, with({"--shard", std::to_string(i) + "/3"}));
    ASSERT_TRUE(shard.report.is_object()) << shard.tool.output();
    EXPECT_EQ(shard.report["shard"]["index"], i);
    EXPECT_EQ(shard.report["shard"]["total"], 3);
    for (const auto& id : Ids(shard.report)) seen.insert(id);
    shard_dirs.push_back(out);
  }
  const auto all = Ids(whole.report);
  EXPECT_EQ(seen, std::multiset<std::string>(all.begin(), all.end()));

  std::vector<std::string> merge = {"merge", "--out", dir / "merged"};
  merge.insert(merge.end(), shard_dirs.rbegin(), shard_dirs.rend());  // any order
  const Tool merged = Sfharness(merge);
  EXPECT_EQ(merged.exit_code(), whole.tool.exit_code()) << merged.output();
  std::ifstream in(dir.path() / "merged" / "report.json");
  const auto report = nlohmann::json::parse(in, nullptr, false);
  ASSERT_TRUE(report.is_object());
  EXPECT_EQ(Verdicts(report), Verdicts(whole.report));
  EXPECT_EQ(FailedChecks(report), FailedChecks(whole.report));
  EXPECT_TRUE(report["shard"].is_null());
  for (const char* file : {"junit.xml", "report.html"}) {
    EXPECT_TRUE(fs::exists(dir.path() / "merged" / file)) << file;
  }

  // A shard twice, or one missing: clear errors, exit 2.
  const Tool twice = Sfharness(
      {"merge", "--out", dir / "bad", shard_dirs[0], shard_dirs[0], shard_dirs[1], shard_dirs[2]});
  EXPECT_EQ(twice.exit_code(), 2);
  EXPECT_THAT(twice.process.err, HasSubstr("shard 1/3 is given twice"));
  const Tool missing = Sfharness({"merge", "--out", dir / "bad", shard_dirs[0], shard_dirs[2]});
  EXPECT_EQ(missing.exit_code(), 2);
  EXPECT_THAT(missing.process.err, HasSubstr("shard 2/3 missing"));
  // Not a report of this schema.
  WriteFile(dir / "other.json", R"({"schema": "sfharness-report/9"})");
  const Tool schema = Sfharness({"merge", "--out", dir / "bad", dir / "other.json"});
  EXPECT_EQ(schema.exit_code(), 2);
  EXPECT_THAT(schema.process.err, HasSubstr("/schema"));
}

TEST(RunnerE2E, GoogleTestShardVariablesAreHonoured) {
  TempDir dir("sfh-runner-e2e-gtest-shards");
  const HarnessResult by_flag = RunInto(dir / "flag", {"--shard", "2/3"});
  const std::string status_file = dir / "status";
  const HarnessResult by_env = RunInto(dir / "env", {},
                                       {{"GTEST_SHARD_INDEX", "1"},
                                        {"GTEST_TOTAL_SHARDS", "3"},
                                        {"GTEST_SHARD_STATUS_FILE", status_file}});
  ASSERT_EQ(by_env.tool.exit_code(), 0) << by_env.tool.output();
  EXPECT_EQ(by_env.report["shard"]["index"], 2);  // 0-based in the variable, 1-based in reports
  EXPECT_EQ(by_env.report["shard"]["total"], 3);
  EXPECT_THAT(Ids(by_env.report), Not(IsEmpty()));
  EXPECT_EQ(Ids(by_env.report), Ids(by_flag.report));
  EXPECT_TRUE(fs::exists(status_file));

  // --shard wins over the variables.
  const HarnessResult both = RunInto(dir / "both", {"--shard", "2/3"},
                                     {{"GTEST_SHARD_INDEX", "0"}, {"GTEST_TOTAL_SHARDS", "3"}});
  EXPECT_EQ(Ids(both.report), Ids(by_flag.report));

  const HarnessResult half = RunInto(dir / "half", {}, {{"GTEST_SHARD_INDEX", "1"}});
  EXPECT_EQ(half.tool.exit_code(), 2);
  EXPECT_THAT(half.tool.process.err, HasSubstr("GTEST_TOTAL_SHARDS (unset)"));
  const HarnessResult bad = RunInto(dir / "bad", {"--shard", "4/3"});
  EXPECT_EQ(bad.tool.exit_code(), 2);
  EXPECT_THAT(bad.tool.process.err, HasSubstr("--shard '4/3'"));
}

// --- baseline ----------------------------------------------------------------------------------

// The broken client on happy/http: its failed checks, as baseline entries.
std::string BaselineOf(const std::vector<std::string>& failed, const std::string& extra = "") {
  nlohmann::json entries = nlohmann::json::array();
  for (const auto& line : failed) {
    const auto space = line.find(' ');
    entries.push_back({{"scenario", line.substr(0, space)},
                       {"check", line.substr(space + 1)},
                       {"reason", "token-per-call asks for a token per call"}});
  }
  if (!extra.empty()) entries.push_back(nlohmann::json::parse(extra));
  return nlohmann::json{{"expected_failures", entries}}.dump(2);
}

TEST(RunnerE2E, BaselineTurnsListedFailuresIntoExpectedOnes) {
  TempDir dir("sfh-runner-e2e-baseline");
  const std::vector<std::string> select = {"--client", kBroken, "--filter", "happy/http"};
  auto with = [&](std::vector<std::string> extra) {
    extra.insert(extra.begin(), select.begin(), select.end());
    return extra;
  };
  // Without a baseline: an unexpected failure, exit 1.
  const HarnessResult plain = RunInto(dir / "plain", with({}));
  ASSERT_EQ(plain.tool.exit_code(), 1) << plain.tool.output();
  const auto failed = FailedChecks(plain.report);
  ASSERT_THAT(failed, ::testing::Contains("happy/http EnsureTokenIsReused"));

  // Every failure listed, plus an entry for a scenario this run filters out (not stale): 0.
  WriteFile(dir / "listed.json",
            BaselineOf(failed, R"({"scenario": "happy/https", "reason": "not run here"})"));
  const HarnessResult listed = RunInto(dir / "listed", with({"--baseline", dir / "listed.json"}));
  EXPECT_EQ(listed.tool.exit_code(), 0) << listed.tool.output();
  const auto* scenario = FindScenario(listed.report, "happy/http");
  ASSERT_NE(scenario, nullptr);
  EXPECT_EQ((*scenario)["status"], "FAILED");
  EXPECT_EQ((*scenario)["expected_failure"], true);
  for (const auto& check : (*scenario)["checks"]) {
    if (check["status"] != "FAILED") continue;
    EXPECT_EQ(check["expected_failure"], true) << check["id"];
    EXPECT_EQ(check["expected_failure_reason"], "token-per-call asks for a token per call");
  }
  EXPECT_EQ(listed.report["summary"]["scenarios"]["expected_failures"], 1);
  EXPECT_THAT(listed.tool.process.out, HasSubstr("[ XFAIL   ] happy/http"));
  // JUnit: an expected failure is skipped with its reason, never a <failure>.
  pugi::xml_document junit;
  ASSERT_TRUE(junit.load_file((fs::path(dir / "listed") / "junit.xml").c_str()));
  const auto reused =
      junit.select_node("//testcase[@classname='happy.http'][@name='EnsureTokenIsReused']").node();
  ASSERT_TRUE(reused);
  EXPECT_FALSE(reused.child("failure"));
  EXPECT_EQ(std::string(reused.child_value("skipped")),
            "expected failure: token-per-call asks for a token per call");
  EXPECT_EQ(std::string(junit.child("testsuites").attribute("failures").value()), "0");

  // One failure left out: it is unexpected, exit 1.
  std::vector<std::string> fewer = failed;
  fewer.erase(std::find(fewer.begin(), fewer.end(), "happy/http EnsureTokenIsReused"));
  WriteFile(dir / "fewer.json", BaselineOf(fewer));
  const HarnessResult unlisted = RunInto(dir / "fewer", with({"--baseline", dir / "fewer.json"}));
  EXPECT_EQ(unlisted.tool.exit_code(), 1) << unlisted.tool.output();
  EXPECT_EQ(FindScenario(unlisted.report, "happy/http")->at("expected_failure"), false);
}

TEST(RunnerE2E, ABaselineEntryThatNoLongerFailsIsStale) {
  TempDir dir("sfh-runner-e2e-stale");
  WriteFile(dir / "baseline.json",
            BaselineOf({"happy/http EnsureTokenIsReused"},
                       R"({"scenario": "moves/instance-migrated", "reason": "filtered out"})"));
  // The reference client does not fail it: "fixed? remove it from the baseline", exit 1.
  const HarnessResult run =
      RunInto(dir / "out", {"--filter", "happy/http", "--baseline", dir / "baseline.json"});
  EXPECT_EQ(run.tool.exit_code(), 1) << run.tool.output();
  EXPECT_THAT(run.tool.process.out,
              HasSubstr("[ STALE   ] happy/http EnsureTokenIsReused: expected to fail but did "
                        "not; fixed? remove it from the baseline"));
  ASSERT_EQ(run.report["stale_expected_failures"].size(), 1u);
  EXPECT_EQ(run.report["stale_expected_failures"][0]["check"], "EnsureTokenIsReused");
  pugi::xml_document junit;
  ASSERT_TRUE(junit.load_file((fs::path(dir / "out") / "junit.xml").c_str()));
  EXPECT_TRUE(junit.select_node("//testsuite[@name='baseline']/testcase/failure"));

  // A broken baseline file is a usage error naming the problem.
  WriteFile(dir / "broken.json", R"({"expected_failures": [{"scenario": "x", "check": "Nope"}]})");
  const HarnessResult broken =
      RunInto(dir / "out2", {"--filter", "happy/http", "--baseline", dir / "broken.json"});
  EXPECT_EQ(broken.tool.exit_code(), 2);
  EXPECT_THAT(broken.tool.process.err, HasSubstr("/expected_failures/0/check: 'Nope'"));
}

TEST(RunnerE2E, WriteBaselineRoundTrips) {
  TempDir dir("sfh-runner-e2e-write-baseline");
  const std::vector<std::string> select = {"--client",   kBroken,    "--filter",
                                           "happy/http", "--filter", "setup/no-run-as-user"};
  auto with = [&](std::vector<std::string> extra) {
    extra.insert(extra.begin(), select.begin(), select.end());
    return extra;
  };
  const HarnessResult first =
      RunInto(dir / "first", with({"--write-baseline", dir / "baseline.json"}));
  EXPECT_EQ(first.tool.exit_code(), 1) << first.tool.output();
  std::ifstream in(dir / "baseline.json");
  const auto baseline = nlohmann::json::parse(in, nullptr, false);
  ASSERT_TRUE(baseline.is_object()) << first.tool.output();
  EXPECT_EQ(baseline["schema"], "sfharness-baseline/1");
  std::vector<std::string> listed;
  for (const auto& e : baseline["expected_failures"]) {
    listed.push_back(e["scenario"].get<std::string>() + " " + e["check"].get<std::string>());
  }
  EXPECT_EQ(listed, FailedChecks(first.report));

  const HarnessResult second = RunInto(dir / "second", with({"--baseline", dir / "baseline.json"}));
  EXPECT_EQ(second.tool.exit_code(), 0) << second.tool.output();
  EXPECT_TRUE(second.report["stale_expected_failures"].empty());
}

// --- reruns ------------------------------------------------------------------------------------

TEST(RunnerE2E, RerunsFindAFlakyScenarioAndKeepAConsistentFailure) {
  TempDir dir("sfh-runner-e2e-reruns");
  fs::create_directories(dir.path() / "markers");
  const std::map<std::string, std::string> env = {{"SFH_FLAKY_MARKER_DIR", dir / "markers"},
                                                  {"SFH_ALWAYS_BROKEN", "happy/https"}};
  const HarnessResult run =
      RunInto(dir / "out",
              {"--client", "tests/testdata/runner/flaky-client.sh", "--filter", "happy/http",
               "--filter", "happy/https", "--reruns", "2"},
              env);
  EXPECT_EQ(run.tool.exit_code(), 1) << run.tool.output();
  const auto* flaky = FindScenario(run.report, "happy/http");
  const auto* failing = FindScenario(run.report, "happy/https");
  ASSERT_TRUE(flaky != nullptr && failing != nullptr) << run.tool.output();
  EXPECT_EQ((*flaky)["status"], "PASSED");
  EXPECT_EQ((*flaky)["flaky"], true);
  EXPECT_EQ((*flaky)["attempts"], 2);
  ASSERT_EQ((*flaky)["previous_attempts"].size(), 1u);
  EXPECT_THAT((*flaky)["previous_attempts"][0]["failed_checks"],
              ::testing::Contains("EnsureTokenIsReused"));
  EXPECT_EQ((*failing)["status"], "FAILED");
  EXPECT_EQ((*failing)["flaky"], false);
  EXPECT_EQ((*failing)["attempts"], 3);
  EXPECT_EQ(run.report["summary"]["scenarios"]["flaky"], 1);
  EXPECT_THAT(run.tool.process.out, HasSubstr("[ FLAKY   ] happy/http"));
  pugi::xml_document junit;
  ASSERT_TRUE(junit.load_file((fs::path(dir / "out") / "junit.xml").c_str()));
  const auto suite = junit.select_node("//testsuite[@name='happy/http']").node();
  EXPECT_STREQ(suite.attribute("failures").value(), "0");
  EXPECT_TRUE(suite.select_node("properties/property[@name='scenario.flaky'][@value='true']"));

  // Flaky alone passes the run, unless --fail-on-flaky.
  fs::remove_all(dir.path() / "markers");
  fs::create_directories(dir.path() / "markers");
  const std::vector<std::string> flaky_only = {"--client", "tests/testdata/runner/flaky-client.sh",
                                               "--filter", "happy/http",
                                               "--reruns", "1"};
  const HarnessResult passes = RunInto(dir / "pass", flaky_only, env);
  EXPECT_EQ(passes.tool.exit_code(), 0) << passes.tool.output();
  fs::remove_all(dir.path() / "markers");
  fs::create_directories(dir.path() / "markers");
  std::vector<std::string> strict = flaky_only;
  strict.push_back("--fail-on-flaky");
  const HarnessResult fails = RunInto(dir / "strict", strict, env);
  EXPECT_EQ(fails.tool.exit_code(), 1) << fails.tool.output();
  EXPECT_EQ(FindScenario(fails.report, "happy/http")->at("flaky"), true);
}

// --- client programs that misbehave (docs/BAD_INPUT.md) -----------------------------------------

std::string WriteClient(const TempDir& dir, const std::string& name, const std::string& script) {
  const std::string path = dir / name;
  WriteFile(path, "#!/bin/sh\n" + script);
  fs::permissions(path, fs::perms::owner_all);
  return path;
}

const nlohmann::json* FindCheck(const nlohmann::json& scenario, const std::string& id) {
  for (const auto& c : scenario["checks"]) {
    if (c["id"] == id) return &c;
  }
  return nullptr;
}

// The client command runs as `/bin/sh -c COMMAND`; this one kills that shell itself. (A script
// killed under it would be reported by the shell as exit status 137.)
TEST(RunnerE2E, AClientEndedByASignalFailsTheExitStatusCheck) {
  TempDir dir("sfh-runner-e2e-signal");
  const HarnessResult run =
      RunInto(dir / "out", {"--client", "kill -KILL $$", "--filter", "happy/http"});
  EXPECT_EQ(run.tool.exit_code(), 1) << run.tool.output();
  const nlohmann::json* scenario = FindScenario(run.report, "happy/http");
  ASSERT_NE(scenario, nullptr) << run.tool.output();
  EXPECT_EQ((*scenario)["client"]["term_signal"], 9);
  const nlohmann::json* check = FindCheck(*scenario, "EnsureClientExitStatusMatches");
  ASSERT_NE(check, nullptr);
  EXPECT_EQ((*check)["status"], "FAILED");
  EXPECT_THAT((*check)["message"].get<std::string>(), HasSubstr("was ended by signal 9"));
}

TEST(RunnerE2E, AHangingClientIsCutAtTheClientTimeout) {
  TempDir dir("sfh-runner-e2e-hang");
  const std::string client = WriteClient(dir, "hang.sh", "exec sleep 120\n");
  const HarnessResult run =
      RunInto(dir / "out", {"--client", client, "--filter", "happy/http"}, {}, "1");
  EXPECT_EQ(run.tool.exit_code(), 1) << run.tool.output();
  const nlohmann::json* scenario = FindScenario(run.report, "happy/http");
  ASSERT_NE(scenario, nullptr) << run.tool.output();
  EXPECT_EQ((*scenario)["client"]["timed_out"], true);
  const nlohmann::json* exit_status = FindCheck(*scenario, "EnsureClientExitStatusMatches");
  ASSERT_NE(exit_status, nullptr);
  EXPECT_EQ((*exit_status)["status"], "FAILED");
  EXPECT_THAT((*exit_status)["message"].get<std::string>(), HasSubstr("was killed after"));
}

TEST(RunnerE2E, AClientThatFloodsItsOutputIsCutAndItsTailShown) {
  TempDir dir("sfh-runner-e2e-flood");
  // 2 MB on stdout, ending in a line the report must show.
  const std::string client = WriteClient(
      dir, "flood.sh", "head -c 2000000 /dev/zero | tr '\\0' x\necho\necho last-words\n");
  const HarnessResult run = RunInto(dir / "out", {"--client", client, "--filter", "happy/http"});
  EXPECT_EQ(run.tool.exit_code(), 1) << run.tool.output();
  const nlohmann::json* scenario = FindScenario(run.report, "happy/http");
  ASSERT_NE(scenario, nullptr) << run.tool.output();
  const std::string out = (*scenario)["client"]["stdout"];
  // The first MiB is kept and marked cut; the report shows its last 16 KiB.
  EXPECT_THAT(out, ::testing::StartsWith("[first "));
  EXPECT_THAT(out, ::testing::EndsWith("\n[output cut by the harness]"));
  EXPECT_LE(out.size(), 16 * 1024 + 64);
  EXPECT_THAT(out, Not(HasSubstr("last-words")));  // beyond the first MiB: read and dropped
}

// --- output ------------------------------------------------------------------------------------

TEST(RunnerE2E, NotATerminalGetsOnePlainLinePerScenario) {
  TempDir dir("sfh-runner-e2e-plain");
  const HarnessResult run = RunInto(dir / "out", {"--tags", "session", "-j", "2"});
  ASSERT_EQ(run.tool.exit_code(), 0) << run.tool.output();
  const std::string& out = run.tool.process.out;
  EXPECT_EQ(out.find('\r'), std::string::npos);
  EXPECT_EQ(out.find('\x1b'), std::string::npos);
  for (const auto& id : Ids(run.report)) {
    const std::string line = "[ PASSED  ] " + id + ":";
    const size_t first = out.find(line);
    EXPECT_NE(first, std::string::npos) << id;
    EXPECT_EQ(out.find(line, first + 1), std::string::npos) << id << " printed twice";
  }
}

}  // namespace
}  // namespace sfh::tests
