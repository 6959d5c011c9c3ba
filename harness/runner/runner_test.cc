// The runner with the real embedded mock and in-process clients: parallel runs, reruns and the
// baseline. Clients here wrap the reference client, so a scenario passes unless a test breaks it.
#include "harness/runner/runner.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>

#include "harness/runner/baseline.h"

#ifndef SFH_SCENARIO_DIR
#error "SFH_SCENARIO_DIR must name this repository's scenarios directory"
#endif

namespace sfh::harness {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;

std::vector<Scenario> Load(const std::vector<std::string>& ids) {
  std::vector<std::filesystem::path> files;
  for (const auto& id : ids)
    files.push_back(std::filesystem::path(SFH_SCENARIO_DIR) / (id + ".json"));
  auto scenarios = LoadScenarios(files, SFH_SCENARIO_DIR);
  EXPECT_TRUE(scenarios) << scenarios.error();
  return scenarios ? *scenarios : std::vector<Scenario>{};
}

// Ends without a single request: EnsureRequestedCallsSucceed fails the scenario.
ClientRun DoNothing(const std::string& label) {
  ClientRun run;
  run.label = label;
  run.started = true;
  run.exit_code = 0;
  return run;
}

// The reference client, except that the first `broken_attempts` runs of each scenario do nothing.
class FailsFirst : public Client {
 public:
  explicit FailsFirst(int broken_attempts) : broken_attempts_(broken_attempts) {}
  std::string label() const override { return "fails first"; }
  ClientRun Run(const ClientEnvironment& env, std::chrono::milliseconds timeout) override {
    {
      std::lock_guard lock(mu_);
      if (runs_[env.scenario_id]++ < broken_attempts_) return DoNothing(label());
    }
    return reference_.Run(env, timeout);
  }
  int runs(const std::string& id) {
    std::lock_guard lock(mu_);
    return runs_[id];
  }

 private:
  int broken_attempts_;
  std::mutex mu_;
  std::map<std::string, int> runs_;
  ReferenceClient reference_;
};

// The reference client, but the first two runs wait (bounded) until both are in flight: with
// two jobs they meet; the test then knows runs overlapped, without measuring time.
class Rendezvous : public Client {
 public:
  std::string label() const override { return "rendezvous"; }
  ClientRun Run(const ClientEnvironment& env, std::chrono::milliseconds timeout) override {
    {
      std::unique_lock lock(mu_);
      ++in_flight_;
      max_in_flight_ = std::max(max_in_flight_, in_flight_);
      if (++arrived_ <= 2) {
        met_.notify_all();
        met_.wait_for(lock, std::chrono::seconds(20), [&] { return arrived_ >= 2; });
      }
    }
    ClientRun run = reference_.Run(env, timeout);
    std::lock_guard lock(mu_);
    --in_flight_;
    return run;
  }
  int max_in_flight() {
    std::lock_guard lock(mu_);
    return max_in_flight_;
  }

 private:
  std::mutex mu_;
  std::condition_variable met_;
  int in_flight_ = 0, max_in_flight_ = 0, arrived_ = 0;
  ReferenceClient reference_;
};

class Throws : public Client {
 public:
  std::string label() const override { return "throws"; }
  ClientRun Run(const ClientEnvironment&, std::chrono::milliseconds) override {
    throw std::runtime_error("client blew up");
  }
};

// Records every event with the thread it came on.
class Recorder : public RunListener {
 public:
  void OnRunStart(const RunPlan& plan) override {
    threads.insert(std::this_thread::get_id());
    jobs = plan.jobs;
  }
  void OnScenarioStart(const std::string& id, const std::string&) override {
    threads.insert(std::this_thread::get_id());
    started.push_back(id);
  }
  void OnScenarioEnd(const ScenarioResult& result) override {
    threads.insert(std::this_thread::get_id());
    ended.push_back(result.id);
  }
  void OnRunEnd(const RunResult&) override { threads.insert(std::this_thread::get_id()); }

  std::set<std::thread::id> threads;
  std::vector<std::string> started, ended;
  size_t jobs = 0;
};

std::vector<std::pair<std::string, ScenarioStatus>> Verdicts(const RunResult& run) {
  std::vector<std::pair<std::string, ScenarioStatus>> out;
  for (const auto& s : run.scenarios) out.emplace_back(s.id, s.status);
  return out;
}

const std::vector<std::string> kFour = {"happy/http", "session/expires-mid-run",
                                        "session/revoked-mid-run", "setup/no-run-as-user"};

TEST(RunnerTest, TwoJobsOverlapKeepOrderAndCallListenersFromOneThread) {
  const auto scenarios = Load(kFour);
  ASSERT_EQ(scenarios.size(), 4u);
  EmbeddedMockTarget target;

  ReferenceClient reference;
  const RunResult serial = Runner(target, reference, {}).Run(scenarios);

  Rendezvous client;
  RunOptions options;
  options.jobs = 2;
  Runner runner(target, client, options);
  Recorder recorder;
  runner.AddListener(&recorder);
  const RunResult parallel = runner.Run(scenarios);

  EXPECT_EQ(client.max_in_flight(), 2);
  EXPECT_EQ(recorder.jobs, 2u);
  EXPECT_THAT(recorder.threads, ElementsAre(std::this_thread::get_id()));
  EXPECT_EQ(recorder.started.size(), 4u);
  EXPECT_EQ(std::set(recorder.ended.begin(), recorder.ended.end()),
            std::set(kFour.begin(), kFour.end()));
  EXPECT_EQ(Verdicts(parallel), Verdicts(serial));
  std::vector<std::string> ids;
  for (const auto& s : parallel.scenarios) ids.push_back(s.id);
  EXPECT_EQ(ids, kFour);
  for (const auto& s : parallel.scenarios) EXPECT_EQ(s.status, ScenarioStatus::kPassed) << s.id;
}

TEST(RunnerTest, ARerunThatPassesMakesTheScenarioFlaky) {
  const auto scenarios = Load({"happy/http"});
  EmbeddedMockTarget target;
  FailsFirst client(1);
  RunOptions options;
  options.reruns = 2;
  const RunResult run = Runner(target, client, options).Run(scenarios);
  ASSERT_EQ(run.scenarios.size(), 1u);
  const ScenarioResult& s = run.scenarios[0];
  EXPECT_EQ(s.status, ScenarioStatus::kPassed);
  EXPECT_TRUE(s.flaky);
  EXPECT_EQ(s.attempts, 2);
  ASSERT_EQ(s.previous_attempts.size(), 1u);
  EXPECT_EQ(s.previous_attempts[0].status, ScenarioStatus::kFailed);
  EXPECT_THAT(s.previous_attempts[0].failed_checks, Contains("EnsureRequestedCallsSucceed"));
  EXPECT_EQ(client.runs("happy/http"), 2);
  EXPECT_TRUE(run.AllPassed());
  EXPECT_EQ(run.CountFlaky(), 1u);
}

TEST(RunnerTest, AConsistentFailureStaysFailedAfterItsReruns) {
  const auto scenarios = Load({"happy/http"});
  EmbeddedMockTarget target;
  FailsFirst client(100);
  RunOptions options;
  options.reruns = 2;
  const RunResult run = Runner(target, client, options).Run(scenarios);
  const ScenarioResult& s = run.scenarios.at(0);
  EXPECT_EQ(s.status, ScenarioStatus::kFailed);
  EXPECT_FALSE(s.flaky);
  EXPECT_EQ(s.attempts, 3);
  EXPECT_EQ(s.previous_attempts.size(), 2u);
  EXPECT_EQ(client.runs("happy/http"), 3);
  EXPECT_FALSE(run.AllPassed());
}

TEST(RunnerTest, WithoutRerunsAFailureRunsOnce) {
  const auto scenarios = Load({"happy/http"});
  EmbeddedMockTarget target;
  FailsFirst client(1);
  const RunResult run = Runner(target, client, {}).Run(scenarios);
  EXPECT_EQ(run.scenarios.at(0).status, ScenarioStatus::kFailed);
  EXPECT_EQ(run.scenarios.at(0).attempts, 1);
  EXPECT_EQ(client.runs("happy/http"), 1);
}

TEST(RunnerTest, ExpectedFailuresAreMarkedNotRerunAndPassTheRun) {
  const auto scenarios = Load({"happy/http"});
  EmbeddedMockTarget target;
  FailsFirst client(100);
  const Baseline baseline({{"happy/http", "", "does nothing"}});
  RunOptions options;
  options.reruns = 2;
  options.baseline = &baseline;
  const RunResult run = Runner(target, client, options).Run(scenarios);
  const ScenarioResult& s = run.scenarios.at(0);
  EXPECT_EQ(s.status, ScenarioStatus::kFailed);
  EXPECT_TRUE(s.expected_failure);
  EXPECT_EQ(s.attempts, 1);
  EXPECT_TRUE(run.stale_expected_failures.empty());
  EXPECT_TRUE(run.AllPassed());
}

TEST(RunnerTest, ABaselineEntryThatDidNotFailIsStale) {
  const auto scenarios = Load({"happy/http"});
  EmbeddedMockTarget target;
  ReferenceClient client;
  const Baseline baseline({{"happy/http", "EnsureTokenIsReused", "was broken"},
                           {"session/expires-mid-run", "", "not run here"}});
  RunOptions options;
  options.baseline = &baseline;
  const RunResult run = Runner(target, client, options).Run(scenarios);
  EXPECT_EQ(run.scenarios.at(0).status, ScenarioStatus::kPassed);
  EXPECT_THAT(run.stale_expected_failures,
              ElementsAre(ExpectedFailure{"happy/http", "EnsureTokenIsReused", "was broken"}));
  EXPECT_FALSE(run.AllPassed());
}

TEST(RunnerTest, AnExceptionBecomesAnErrorInEitherMode) {
  const auto scenarios = Load({"happy/http", "setup/no-run-as-user"});
  EmbeddedMockTarget target;
  Throws client;
  for (size_t jobs : {1u, 2u}) {
    RunOptions options;
    options.jobs = jobs;
    const RunResult run = Runner(target, client, options).Run(scenarios);
    ASSERT_EQ(run.scenarios.size(), 2u);
    for (const auto& s : run.scenarios) {
      EXPECT_EQ(s.status, ScenarioStatus::kError) << jobs;
      EXPECT_EQ(s.error, "internal error: client blew up") << jobs;
    }
  }
}

// A client program that cannot be spawned (docs/BAD_INPUT.md): the scenario is ERROR with the
// spawn error, and no check judges a client that never ran.
class NeverStarts : public Client {
 public:
  std::string label() const override { return "never starts"; }
  ClientRun Run(const ClientEnvironment&, std::chrono::milliseconds) override {
    ClientRun run;
    run.label = label();
    run.started = false;
    run.stderr_text = "cannot start '/nonexistent/sh': No such file or directory";
    return run;
  }
};

TEST(RunnerTest, AClientThatCannotBeSpawnedIsAnErrorWithItsChecksSkipped) {
  const auto scenarios = Load({"happy/http"});
  EmbeddedMockTarget target;
  NeverStarts client;
  const RunResult run = Runner(target, client, RunOptions{}).Run(scenarios);
  ASSERT_EQ(run.scenarios.size(), 1u);
  const ScenarioResult& s = run.scenarios[0];
  EXPECT_EQ(s.status, ScenarioStatus::kError);
  EXPECT_EQ(s.error,
            "the client could not be started: cannot start '/nonexistent/sh': No such file or "
            "directory");
  ASSERT_FALSE(s.checks.empty());
  for (const auto& check : s.checks) EXPECT_EQ(check.status, CheckStatus::kSkipped) << check.id;
}

TEST(RunnerTest, ShardIsRecorded) {
  EmbeddedMockTarget target;
  ReferenceClient client;
  RunOptions options;
  options.shard = ShardSpec{2, 3};
  const RunResult run = Runner(target, client, options).Run({});
  EXPECT_EQ(run.shard, (ShardSpec{2, 3}));
  EXPECT_TRUE(run.scenarios.empty());
}

}  // namespace
}  // namespace sfh::harness
