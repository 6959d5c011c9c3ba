// Runs a program with a deadline and captures its output: the command client's engine.
// Every wait is bounded; the child and everything it started are killed when time runs out.
// Thread-safe: each call is independent.
#ifndef SFH_HARNESS_CLIENTS_PROCESS_H_
#define SFH_HARNESS_CLIENTS_PROCESS_H_

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace sfh::harness {

struct ProcessOptions {
  // argv[0] is looked up in PATH when it has no '/'. Must not be empty.
  std::vector<std::string> argv;
  // Variables set (or replaced) on top of the harness's own environment.
  std::map<std::string, std::string> env;
  // Working directory; empty means the harness's own.
  std::string working_directory;
  // After this, the process group gets SIGTERM, then SIGKILL after kill_grace.
  std::chrono::milliseconds timeout{60000};
  std::chrono::milliseconds kill_grace{2000};
  // At most this many bytes of each stream are kept; the rest is read and dropped.
  size_t max_capture_bytes = 1 << 20;
};

struct ProcessResult {
  bool started = false;         // false: spawn_error says why (nothing ran)
  std::string spawn_error;
  int exit_code = -1;           // the exit status when the process exited normally
  int term_signal = 0;          // the signal that ended it, 0 when it exited normally
  bool timed_out = false;       // the harness killed it at the deadline
  std::string out;              // captured stdout (up to max_capture_bytes)
  std::string err;              // captured stderr (up to max_capture_bytes)
  bool out_truncated = false;
  bool err_truncated = false;
  std::chrono::milliseconds elapsed{0};
};

// Starts argv in a new process group with stdin from /dev/null, stdout and stderr captured,
// and waits until it exits and both streams are closed, or until the deadline. Never throws;
// a program that cannot be started yields started == false.
[[nodiscard]] ProcessResult RunProcess(const ProcessOptions& options);

}  // namespace sfh::harness

#endif  // SFH_HARNESS_CLIENTS_PROCESS_H_
