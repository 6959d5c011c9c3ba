// Running the built tools from tests: sfharness to completion, sfmock in the background.
#ifndef SFH_TESTS_TOOL_RUNNER_H_
#define SFH_TESTS_TOOL_RUNNER_H_

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "harness/clients/process.h"

namespace sfh::tests {

struct HarnessRun {
  harness::ProcessResult process;
  nlohmann::json report;           // report.json, or null when it was not written
  std::filesystem::path out_dir;
};

// Runs `sfharness run` with extra arguments and an output directory of its own.
HarnessRun RunHarness(const std::vector<std::string>& args, const std::string& name);

// The FAILED checks of a report as "scenario-id CheckId", sorted.
std::vector<std::string> FailedChecks(const nlohmann::json& report);

// sfmock in the background: Start waits (bounded) for its ready line; the destructor sends
// SIGTERM and waits (bounded) for it to exit.
class BackgroundMock {
 public:
  explicit BackgroundMock(const std::vector<std::string>& args);
  ~BackgroundMock();
  const nlohmann::json& ready() const { return ready_; }
  bool ok() const { return !ready_.is_null(); }
  const std::string& error() const { return error_; }
  // SIGTERM, then the exit status (or -1 when it did not exit within `wait`).
  int Terminate(std::chrono::milliseconds wait = std::chrono::seconds(10));

 private:
  pid_t pid_ = -1;
  int out_fd_ = -1;
  nlohmann::json ready_;
  std::string error_;
};

}  // namespace sfh::tests

#endif  // SFH_TESTS_TOOL_RUNNER_H_
