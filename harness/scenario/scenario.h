// A scenario as the harness runs it: the mock's part (org, faults, transport) plus what the
// client is asked to do and what is expected of it.
#ifndef SFH_HARNESS_SCENARIO_SCENARIO_H_
#define SFH_HARNESS_SCENARIO_SCENARIO_H_

#include <expected>
#include <filesystem>
#include <string>
#include <vector>

#include "harness/runner/result.h"
#include "mock_server/scenario/scenario_file.h"

namespace sfh::harness {

struct ClientWorkload {
  int calls = 3;   // SF_CALLS: how many REST reads the client makes
  size_t app = 0;  // which of the org's apps the client is given credentials for
  // SF_CONCURRENCY: how many of the reads may be in flight at once (a client that cannot run
  // them in parallel runs them one after another).
  int concurrency = 1;
  // SF_REQUEST_TIMEOUT: seconds a client should wait for one answer before it gives up on it.
  double request_timeout_seconds = 30;
  // SF_SCOPE: the scope the integrator configured for the token request; empty: none, and
  // the request should carry no `scope` parameter.
  std::string scope;
};

enum class ExpectedClientOutcome {
  kSucceeds,  // the org lets the client work: it must exit 0
  kFails,     // the org refuses it (misconfigured): it must exit non-zero, promptly
  kEither,    // both are right (an optional strictness): it must only end by itself, promptly
};

struct CheckSelection {
  std::string id;
  Severity severity = Severity::kFailure;
};

struct Expectation {
  ExpectedClientOutcome client = ExpectedClientOutcome::kSucceeds;
  // The checks that judge this scenario; empty means every registered check, as failures.
  std::vector<CheckSelection> checks;
};

struct Scenario {
  mock::ScenarioDocument document;
  ClientWorkload workload;
  Expectation expect;
  std::string display_file;  // the file relative to the scenario root, for reports
};

// Reads one scenario file; errors name the file, the JSON pointer and what was expected. `root`
// is the scenario root its references resolve against (empty: the file's directory).
[[nodiscard]] std::expected<Scenario, std::string> LoadScenario(
    const std::filesystem::path& file, const std::filesystem::path& root = {});

// Every scenario under `paths` (files, or directories searched recursively for *.json other
// than *.schema.json), in path order. References resolve against `root` when given, else
// against the directory named in `paths`, or a file's own directory. All problems are
// collected: the error lists every broken file, and duplicate ids.
[[nodiscard]] std::expected<std::vector<Scenario>, std::string> LoadScenarios(
    const std::vector<std::filesystem::path>& paths, const std::filesystem::path& root = {});

}  // namespace sfh::harness

#endif  // SFH_HARNESS_SCENARIO_SCENARIO_H_
