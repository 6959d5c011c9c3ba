// Listeners on the runner's event stream (googletest's TestEventListener idea): the console,
// JUnit XML, JSON and HTML writers are all listeners. The runner knows no report format.
// Events arrive on one thread (the one that called Runner::Run), in order: OnRunStart, then per
// scenario OnScenarioStart and OnScenarioEnd, then OnRunEnd. With several jobs, scenarios'
// events interleave (several may have started before one ends) and ends come in the order the
// scenarios finished; the RunResult of OnRunEnd lists them in the order given.
#ifndef SFH_HARNESS_RUNNER_LISTENER_H_
#define SFH_HARNESS_RUNNER_LISTENER_H_

#include <cstddef>
#include <string>

#include "harness/runner/result.h"

namespace sfh::harness {

struct RunPlan {
  std::string client;  // the client label
  size_t scenario_count = 0;
  size_t jobs = 1;  // how many scenarios run at once
};

class RunListener {
 public:
  virtual ~RunListener() = default;
  virtual void OnRunStart(const RunPlan& /*plan*/) {}
  virtual void OnScenarioStart(const std::string& /*id*/, const std::string& /*title*/) {}
  virtual void OnScenarioEnd(const ScenarioResult& /*result*/) {}
  virtual void OnRunEnd(const RunResult& /*result*/) {}
};

}  // namespace sfh::harness

#endif  // SFH_HARNESS_RUNNER_LISTENER_H_
