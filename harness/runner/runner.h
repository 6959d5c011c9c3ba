// The runner: for each scenario, stage it on the target, run the client, judge the journal
// with the scenario's checks, and tell the listeners. It knows no report format. Everything it
// hands to listeners is redacted.
#ifndef SFH_HARNESS_RUNNER_RUNNER_H_
#define SFH_HARNESS_RUNNER_RUNNER_H_

#include <chrono>
#include <vector>

#include "harness/clients/client.h"
#include "harness/runner/listener.h"
#include "harness/scenario/scenario.h"
#include "harness/target/target.h"

namespace sfh::harness {

struct RunOptions {
  std::chrono::milliseconds client_timeout{60000};
  std::string tool_version = "sfharness";
};

class Runner {
 public:
  // `target` and `client` must outlive the runner.
  Runner(Target& target, Client& client, RunOptions options);
  // Not owned; called in the order added.
  void AddListener(RunListener* listener) { listeners_.push_back(listener); }
  RunResult Run(const std::vector<Scenario>& scenarios);

 private:
  ScenarioResult RunOne(const Scenario& scenario);
  Target* target_;
  Client* client_;
  RunOptions options_;
  std::vector<RunListener*> listeners_;
};

// Judges one scenario's exchanges and client run with its checks (every registered check when
// the scenario names none). Results are unredacted; pure, for tests.
std::vector<CheckResult> EvaluateChecks(const Scenario& scenario,
                                        const std::vector<mock::Exchange>& exchanges,
                                        const ClientRun& client, const Endpoint& endpoint);

}  // namespace sfh::harness

#endif  // SFH_HARNESS_RUNNER_RUNNER_H_
