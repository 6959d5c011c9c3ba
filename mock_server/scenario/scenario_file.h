// Scenario files: one JSON document per situation (scenarios/FORMAT.md). The mock reads the
// parts it plays (the org, the faults, the transport); the harness reads "client" and
// "expect", which are kept here as raw JSON and checked by the harness.
//
// A scenario may extend another ("extends": "happy/http") and name files ("certificate_file").
// Both are paths relative to the scenario root, and must stay under it: a scenario cannot read
// a file outside the tree it was loaded from, whoever wrote it.
#ifndef SFH_MOCK_SERVER_SCENARIO_SCENARIO_FILE_H_
#define SFH_MOCK_SERVER_SCENARIO_SCENARIO_FILE_H_

#include <expected>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "mock_server/faults/fault.h"
#include "mock_server/org/org_config.h"

namespace sfh::mock {

struct ScenarioDocument {
  std::filesystem::path file;  // where it was loaded from; empty for built-in documents
  std::string id;              // "session/expires-mid-run"
  std::string title;
  std::string teaches;
  std::vector<std::string> tags;
  std::vector<std::string> extends;  // the chain of scenarios it extends, nearest first
  bool tls = false;                  // "transport": "https"
  OrgConfig org;
  std::vector<FaultRule> faults;
  nlohmann::json client = nlohmann::json::object();  // interpreted by the harness
  nlohmann::json expect = nlohmann::json::object();  // interpreted by the harness
};

// Files larger than this are refused before parsing.
inline constexpr size_t kMaxScenarioFileBytes = 1 << 20;
// How deep `extends` may chain.
inline constexpr int kMaxExtendsDepth = 8;

// Reads and validates a scenario file. `root` is the scenario root that `extends` and file
// references resolve against; empty means the file's own directory. The error lists every
// problem, one per line, each as "<file>: <JSON pointer>: <what was expected>" (or the parser's
// position for bad JSON).
[[nodiscard]] std::expected<ScenarioDocument, std::string> LoadScenarioFile(
    const std::filesystem::path& file, const std::filesystem::path& root = {});

// The same, from an already parsed document; `origin` names it in errors. With an empty `root`
// a document that extends another or names a file is refused.
[[nodiscard]] std::expected<ScenarioDocument, std::string> ParseScenario(
    const nlohmann::json& document, const std::string& origin,
    const std::filesystem::path& root = {});

// Merges `patch` into `base` the way `extends` does: objects merge key by key (null removes a
// key); arrays of objects merge element by element when elements share a "name", "username" or
// "Id", and otherwise gain the patch's elements at the end; anything else is replaced.
void MergeScenarioJson(nlohmann::json& base, const nlohmann::json& patch);

}  // namespace sfh::mock

#endif  // SFH_MOCK_SERVER_SCENARIO_SCENARIO_FILE_H_
