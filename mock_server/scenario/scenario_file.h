// Scenario files: one JSON document per situation (scenarios/FORMAT.md). The mock reads the
// parts it plays (the org, the faults, the transport); the harness reads "client" and
// "expect", which are kept here as raw JSON and checked by the harness.
#ifndef SFH_MOCK_SERVER_SCENARIO_SCENARIO_FILE_H_
#define SFH_MOCK_SERVER_SCENARIO_SCENARIO_FILE_H_

#include <expected>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "mock_server/faults/fault.h"
#include "mock_server/org/org_config.h"

namespace sfh::mock {

struct ScenarioDocument {
  std::filesystem::path file;  // where it was loaded from; empty for built-in documents
  std::string id;              // "session/expires-mid-run"
  std::string title;
  std::string teaches;
  std::vector<std::string> tags;
  bool tls = false;            // "transport": "https"
  OrgConfig org;
  std::vector<FaultRule> faults;
  nlohmann::json client = nlohmann::json::object();  // interpreted by the harness
  nlohmann::json expect = nlohmann::json::object();  // interpreted by the harness
};

// Files larger than this are refused before parsing.
inline constexpr size_t kMaxScenarioFileBytes = 1 << 20;

// Reads and validates a scenario file. The error lists every problem, one per line, each as
// "<file>: <JSON pointer>: <what was expected>" (or the parser's position for bad JSON).
[[nodiscard]] std::expected<ScenarioDocument, std::string> LoadScenarioFile(
    const std::filesystem::path& file);

// The same, from an already parsed document; `origin` names it in errors.
[[nodiscard]] std::expected<ScenarioDocument, std::string> ParseScenario(
    const nlohmann::json& document, const std::string& origin);

}  // namespace sfh::mock

#endif  // SFH_MOCK_SERVER_SCENARIO_SCENARIO_FILE_H_
