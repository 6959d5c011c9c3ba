#include "tests/tool_runner.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <pugixml.hpp>
#include <sstream>
#include <thread>

extern char** environ;

namespace sfh::tests {

HarnessRun RunHarness(const std::vector<std::string>& args, const std::string& name) {
  HarnessRun run;
  run.out_dir =
      std::filesystem::temp_directory_path() / ("sfh-e2e-" + std::to_string(getpid()) + "-" + name);
  std::filesystem::remove_all(run.out_dir);
  harness::ProcessOptions options;
  options.argv = {SFHARNESS_BIN, "run", "--out", run.out_dir.string(), "--client-timeout", "30"};
  options.argv.insert(options.argv.end(), args.begin(), args.end());
  options.working_directory = SFH_SOURCE_DIR;
  options.env["NO_COLOR"] = "1";
  options.timeout = std::chrono::seconds(240);
  run.process = harness::RunProcess(options);
  std::ifstream in(run.out_dir / "report.json");
  if (in) run.report = nlohmann::json::parse(in, nullptr, false);
  return run;
}

std::vector<std::string> FailedChecks(const nlohmann::json& report) {
  std::vector<std::string> failed;
  if (!report.is_object()) return failed;
  for (const auto& scenario : report["scenarios"]) {
    for (const auto& check : scenario["checks"]) {
      if (check["status"] == "FAILED") {
        failed.push_back(scenario["id"].get<std::string>() + " " + check["id"].get<std::string>());
      }
    }
  }
  std::sort(failed.begin(), failed.end());
  return failed;
}

BackgroundMock::BackgroundMock(const std::vector<std::string>& args) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) {
    error_ = "pipe failed";
    return;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
  std::vector<std::string> argv_storage = {SFMOCK_BIN};
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_storage) argv.push_back(a.data());
  argv.push_back(nullptr);
  const int rc = posix_spawn(&pid_, SFMOCK_BIN, &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(fds[1]);
  out_fd_ = fds[0];
  if (rc != 0) {
    error_ = "cannot start sfmock";
    pid_ = -1;
    return;
  }
  // Read the ready line, bounded.
  std::string line;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (line.find('\n') == std::string::npos) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      error_ = "no ready line within 10 s";
      return;
    }
    pollfd p{out_fd_, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
    char buf[4096];
    const ssize_t n = read(out_fd_, buf, sizeof buf);
    if (n <= 0) {
      error_ = "sfmock closed stdout before its ready line: " + line;
      return;
    }
    line.append(buf, static_cast<size_t>(n));
  }
  ready_ = nlohmann::json::parse(line.substr(0, line.find('\n')), nullptr, false);
  if (ready_.is_discarded()) {
    error_ = "the ready line is not JSON: " + line;
    ready_ = nullptr;
  }
}

int BackgroundMock::Terminate(std::chrono::milliseconds wait) {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + wait;
  int status = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    const pid_t r = waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return -1;
}

BackgroundMock::~BackgroundMock() {
  Terminate();
  if (out_fd_ >= 0) close(out_fd_);
}

std::filesystem::path WriteScenarioWithCredentials(const std::filesystem::path& dir,
                                                   const std::string& extends,
                                                   const std::string& id, const std::string& title,
                                                   const std::string& client_id,
                                                   const std::string& client_secret) {
  // Apps merge by name: this keeps the base's app and replaces its credentials.
  const nlohmann::json scenario = {{"extends", extends},
                                   {"id", id},
                                   {"title", title},
                                   {"org",
                                    {{"apps",
                                      {{{"name", "Billing Integration"},
                                        {"client_id", client_id},
                                        {"client_secret", client_secret}}}}}}};
  const std::filesystem::path path = dir / "scenario.json";
  std::ofstream(path) << scenario.dump(2);
  return path;
}

std::string EscapeText(std::string_view text) {
  pugi::xml_document doc;
  doc.append_child(pugi::node_pcdata).set_value(std::string(text).c_str());
  std::ostringstream out;
  doc.print(out, "", pugi::format_raw);
  return out.str();
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TempDir::TempDir(const std::string& name)
    : path_(std::filesystem::temp_directory_path() / (name + "-" + std::to_string(getpid()))) {
  std::filesystem::remove_all(path_);
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string FindChromium() {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path != nullptr ? path : "/usr/bin:/bin");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    for (const char* name : {"chromium", "chromium-browser"}) {
      const std::filesystem::path candidate = std::filesystem::path(dir) / name;
      if (access(candidate.c_str(), X_OK) == 0) return candidate.string();
    }
  }
  return "";
}

harness::ProcessResult RunChromium(const std::string& chromium,
                                   const std::filesystem::path& profile,
                                   const std::vector<std::string>& args, const std::string& url,
                                   std::chrono::milliseconds virtual_time_budget,
                                   ChromiumNetwork network) {
  harness::ProcessOptions options;
  options.argv = {chromium,
                  "--headless",
                  "--no-sandbox",
                  "--disable-gpu",
                  "--disable-dev-shm-usage",
                  "--no-first-run",
                  "--no-default-browser-check",
                  "--disable-extensions",
                  "--disable-background-networking"};
  if (network == ChromiumNetwork::kOff) options.argv.push_back("--proxy-server=127.0.0.1:9");
  options.argv.push_back("--user-data-dir=" + profile.string());
  options.argv.push_back("--virtual-time-budget=" + std::to_string(virtual_time_budget.count()));
  options.argv.insert(options.argv.end(), args.begin(), args.end());
  options.argv.push_back(url);
  options.timeout = std::chrono::seconds(60);
  options.max_capture_bytes = 32 << 20;
  return harness::RunProcess(options);
}

}  // namespace sfh::tests
