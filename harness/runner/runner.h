// The runner: for each scenario, stage it on the target, run the client, judge the journal
// with the scenario's checks, and tell the listeners. It knows no report format. Everything it
// hands to listeners is redacted.
//
// With RunOptions::jobs > 1 several scenarios run at once on worker threads: Target::Stage and
// Client::Run are then called concurrently (the embedded mock stages a fresh server per call;
// CommandClient spawns one process per call; ReferenceClient keeps no state between calls).
// Listeners are still called from the thread that called Run only, and the RunResult lists the
// scenarios in the order given, whatever order they finished in.
#ifndef SFH_HARNESS_RUNNER_RUNNER_H_
#define SFH_HARNESS_RUNNER_RUNNER_H_

#include <chrono>
#include <optional>
#include <vector>

#include "harness/clients/client.h"
#include "harness/runner/listener.h"
#include "harness/scenario/scenario.h"
#include "harness/target/target.h"

namespace sfh::harness {

class Baseline;

struct RunOptions {
  std::chrono::milliseconds client_timeout{60000};
  std::string tool_version = "sfharness";
  // How many scenarios run at once (at least 1).
  size_t jobs = 1;
  // A scenario that FAILED (not as the baseline expects; not ERROR) runs again, up to this many
  // more times; if a later attempt passes it is flaky: PASSED with flaky set.
  int reruns = 0;
  // Marks expected failures and finds stale entries; not owned, may be null.
  const Baseline* baseline = nullptr;
  // Recorded in the RunResult: which shard of the selection the given scenarios are.
  std::optional<ShardSpec> shard;
};

class Runner {
 public:
  // `target` and `client` must outlive the runner.
  Runner(Target& target, Client& client, RunOptions options);
  // Not owned; called in the order added.
  void AddListener(RunListener* listener) { listeners_.push_back(listener); }
  RunResult Run(const std::vector<Scenario>& scenarios);

 private:
  // RunOne, again while it fails and reruns are left; the baseline applied. Never throws: an
  // exception becomes an ERROR result.
  ScenarioResult RunWithReruns(const Scenario& scenario);
  ScenarioResult RunOne(const Scenario& scenario);
  void RunSequential(const std::vector<Scenario>& scenarios, std::vector<ScenarioResult>& results);
  void RunParallel(const std::vector<Scenario>& scenarios, std::vector<ScenarioResult>& results);
  Target* target_;
  Client* client_;
  RunOptions options_;
  std::vector<RunListener*> listeners_;
};

// One journal exchange as every report shows it: redacted with `redactor`, bodies cut at 8 KiB.
TranscriptEntry ToTranscript(const mock::Exchange& exchange, const salesforce::Redactor& redactor);

// Judges one scenario's exchanges and client run with its checks (every registered check when
// the scenario names none). Results are unredacted; pure, for tests.
std::vector<CheckResult> EvaluateChecks(const Scenario& scenario,
                                        const std::vector<mock::Exchange>& exchanges,
                                        const ClientRun& client, const Endpoint& endpoint);

}  // namespace sfh::harness

#endif  // SFH_HARNESS_RUNNER_RUNNER_H_
