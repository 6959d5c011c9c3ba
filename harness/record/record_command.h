// `sfharness record`: runs a client once against a live org through the recording proxy and
// writes the session as a scenario file that replays against the mock, with everything that
// could identify the org left out or replaced (scenario_writer.h). Prints a short summary, never
// a secret or token.
//
// Exit status: 0 written; 1 written, but the client failed against the org (a failing session is
// what a bug report needs); 2 a usage error (an existing file without --force, a directory that
// does not exist, a client that cannot be started) or the org cannot be reached: nothing written.
#ifndef SFH_HARNESS_RECORD_RECORD_COMMAND_H_
#define SFH_HARNESS_RECORD_RECORD_COMMAND_H_

#include <ostream>
#include <string>

#include "harness/target/target.h"

namespace sfh::harness::record {

inline constexpr int kRecordExitWritten = 0;
inline constexpr int kRecordExitClientFailed = 1;
inline constexpr int kRecordExitUsage = 2;

struct RecordArgs {
  std::string client_command;  // empty: the built-in reference client
  int client_timeout_seconds = 60;
  int calls = 3;
  std::string id;  // empty: recorded/<UTC date-time>
  std::string out;
  bool force = false;  // overwrite `out`
  std::string tool_version = "sfharness";
};

// Records from the org `live` names (LiveTargetOptions, as `run --target live` reads them).
int RunRecordCommand(const LiveTargetOptions& live, const RecordArgs& args, std::ostream& out,
                     std::ostream& err);

// The same on any target; `domain` gives the org's kind (salesforce::ClassifyHost).
int RunRecordCommand(Target& target, const std::string& domain, const RecordArgs& args,
                     std::ostream& out, std::ostream& err);

}  // namespace sfh::harness::record

#endif  // SFH_HARNESS_RECORD_RECORD_COMMAND_H_
