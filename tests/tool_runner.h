// Running the built tools from tests: sfharness to completion, sfmock in the background,
// headless Chromium on a page; and the files and directories the tests share.
#ifndef SFH_TESTS_TOOL_RUNNER_H_
#define SFH_TESTS_TOOL_RUNNER_H_

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "harness/clients/process.h"

namespace sfh::tests {

struct HarnessRun {
  harness::ProcessResult process;
  nlohmann::json report;  // report.json, or null when it was not written
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

// The whole of a file, or "" when it cannot be read.
std::string ReadFile(const std::filesystem::path& path);

// How `text` appears as character data in serialized HTML (&, < and > escaped), as a browser's
// DOM dump writes it.
std::string EscapeText(std::string_view text);

// Writes dir/scenario.json: a shipped scenario (`extends`, under scenarios/) given its own id and
// title and the first app's credentials the test knows, so the test can look for them. Run it
// with --scenario-root scenarios/.
std::filesystem::path WriteScenarioWithCredentials(const std::filesystem::path& dir,
                                                   const std::string& extends,
                                                   const std::string& id, const std::string& title,
                                                   const std::string& client_id,
                                                   const std::string& client_secret);

// A fresh directory, <temp>/<name>-<pid>, removed with everything in it at the end.
class TempDir {
 public:
  explicit TempDir(const std::string& name);
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  // The path of `name` in it, as a string.
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// Chromium's path from PATH, or "" when it is not installed.
std::string FindChromium();

// Whether RunChromium leaves Chromium the network. kOff points it at a proxy that is not there,
// so a file page that needed anything from elsewhere renders without it.
enum class ChromiumNetwork { kOn, kOff };

// Headless Chromium on `url` with extra arguments, bounded (60 s), in a fresh profile, giving
// the page `virtual_time_budget` of virtual time to settle.
harness::ProcessResult RunChromium(const std::string& chromium,
                                   const std::filesystem::path& profile,
                                   const std::vector<std::string>& args, const std::string& url,
                                   std::chrono::milliseconds virtual_time_budget,
                                   ChromiumNetwork network);

}  // namespace sfh::tests

#endif  // SFH_TESTS_TOOL_RUNNER_H_
