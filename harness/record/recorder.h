// One live session, kept: a client run once on a target (a LiveTarget in `sfharness record`)
// through the Runner, with one minimal in-memory scenario carrying the workload, and what
// crossed the wire taken unredacted, so scenario_writer.h can build a scenario of it.
#ifndef SFH_HARNESS_RECORD_RECORDER_H_
#define SFH_HARNESS_RECORD_RECORDER_H_

#include <chrono>
#include <expected>
#include <string>
#include <vector>

#include "harness/clients/client.h"
#include "harness/runner/result.h"
#include "harness/scenario/scenario.h"
#include "harness/target/target.h"
#include "mock_server/journal/journal.h"

namespace sfh::harness::record {

struct RecordRequest {
  int calls = 3;  // SF_CALLS
  std::chrono::milliseconds client_timeout{60000};
  std::string tool_version = "sfharness";
};

struct Recording {
  // Unredacted: they hold the org's tokens and the client's credentials. Never print them.
  std::vector<mock::Exchange> exchanges;
  Endpoint endpoint;
  ClientRun client;
  // The client exited 0 by itself.
  bool client_succeeded = false;
  // The session as a scenario: the workload, and `expect.client` as the client did.
  Scenario scenario;
  // That scenario's checks judged on the live exchanges (EvaluateChecks, as the Runner judges);
  // messages and evidence redacted. What a replay of the recorded file must find again.
  std::vector<CheckResult> checks;
  std::string target_label;  // "live org https://... (through the recording proxy)"
};

// Runs `client` once on `target` with `request`'s workload. An error (the target could not stage
// the session: the org cannot be reached; the client could not be started) says why, redacted.
[[nodiscard]] std::expected<Recording, std::string> RecordSession(Target& target, Client& client,
                                                                  const RecordRequest& request);

}  // namespace sfh::harness::record

#endif  // SFH_HARNESS_RECORD_RECORDER_H_
