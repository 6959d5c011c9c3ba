#include "harness/clients/process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <exception>
#include <string_view>
#include <system_error>

extern char** environ;

// SIGPIPE: the harness only ever reads from the pipes, so it cannot receive SIGPIPE from them.
// The child gets default dispositions and an empty mask (POSIX_SPAWN_SETSIGDEF/SETSIGMASK), so
// a harness that ignores SIGPIPE or blocks signals does not pass that on to clients.

namespace sfh::harness {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// After the child exits, a grandchild may still hold the pipes; wait this long for EOF.
constexpr milliseconds kPipeGrace{300};
constexpr size_t kReadChunk = 64 * 1024;

std::string ErrnoText(int err) { return std::generic_category().message(err); }

// Owns a file descriptor so that every early return closes it.
class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { Reset(); }
  int get() const { return fd_; }
  bool open() const { return fd_ >= 0; }
  void Reset() {
    if (fd_ >= 0) close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

// Kills and reaps the child if Run() is left early (e.g. bad_alloc), so no zombie or
// stray process group survives a failed call.
struct ChildGuard {
  pid_t pid = -1;
  ~ChildGuard() {
    if (pid <= 0) return;
    kill(-pid, SIGKILL);
    while (waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
    }
  }
};

struct SpawnConfig {
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
  SpawnConfig() {
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attr);
  }
  ~SpawnConfig() {
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
  }
};

// The parent's environment with `extra` added or replacing same-named variables.
std::vector<std::string> BuildEnv(const std::map<std::string, std::string>& extra) {
  std::vector<std::string> env;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    std::string_view entry(*e);
    if (extra.contains(std::string(entry.substr(0, entry.find('='))))) continue;
    env.emplace_back(entry);
  }
  for (const auto& [key, value] : extra) env.push_back(key + "=" + value);
  return env;
}

// One read per call keeps the loop responsive to the deadline even if the child floods us.
// Returns false at EOF or on a hard error (the stream is then finished).
bool ReadSome(int fd, size_t max, std::string& into, bool& truncated) {
  char buf[kReadChunk];
  ssize_t n;
  do {
    n = read(fd, buf, sizeof buf);
  } while (n < 0 && errno == EINTR);
  if (n < 0) return errno == EAGAIN || errno == EWOULDBLOCK;
  if (n == 0) return false;
  size_t keep = std::min(static_cast<size_t>(n), max - std::min(max, into.size()));
  into.append(buf, keep);
  if (keep < static_cast<size_t>(n)) truncated = true;  // keep draining so the child never blocks
  return true;
}

Clock::time_point AddSaturating(Clock::time_point t, milliseconds d) {
  if (d <= milliseconds::zero()) return t;
  if (d >= std::chrono::duration_cast<milliseconds>(Clock::time_point::max() - t)) {
    return Clock::time_point::max();
  }
  return t + d;
}

void RecordStatus(int status, ProcessResult& result) {
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.term_signal = WTERMSIG(status);
}

void Run(const ProcessOptions& options, Clock::time_point start, ProcessResult& result) {
  if (options.argv.empty()) {
    result.spawn_error = "cannot start: empty argv";
    return;
  }
  const std::string& program = options.argv[0];
  // O_CLOEXEC so concurrent spawns in other threads never inherit our pipe ends.
  int out_pipe[2], err_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) != 0) {
    result.spawn_error = "cannot start '" + program + "': pipe: " + ErrnoText(errno);
    return;
  }
  Fd out_r(out_pipe[0]), out_w(out_pipe[1]);
  if (pipe2(err_pipe, O_CLOEXEC) != 0) {
    result.spawn_error = "cannot start '" + program + "': pipe: " + ErrnoText(errno);
    return;
  }
  Fd err_r(err_pipe[0]), err_w(err_pipe[1]);
  // Only our read ends are non-blocking; the child's write ends stay blocking as usual.
  fcntl(out_r.get(), F_SETFL, O_NONBLOCK);
  fcntl(err_r.get(), F_SETFL, O_NONBLOCK);

  SpawnConfig cfg;
  posix_spawn_file_actions_addopen(&cfg.actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&cfg.actions, out_w.get(), 1);
  posix_spawn_file_actions_adddup2(&cfg.actions, err_w.get(), 2);
  // The harness holds listening sockets and other fds without CLOEXEC; the client gets none.
  posix_spawn_file_actions_addclosefrom_np(&cfg.actions, 3);
  if (!options.working_directory.empty()) {
    posix_spawn_file_actions_addchdir_np(&cfg.actions, options.working_directory.c_str());
  }
  sigset_t no_signals, all_signals;
  sigemptyset(&no_signals);
  sigfillset(&all_signals);
  posix_spawnattr_setflags(&cfg.attr,
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  posix_spawnattr_setpgroup(&cfg.attr, 0);  // own group, so one kill reaches its descendants
  posix_spawnattr_setsigmask(&cfg.attr, &no_signals);
  posix_spawnattr_setsigdefault(&cfg.attr, &all_signals);

  std::vector<std::string> env = BuildEnv(options.env);
  std::vector<char*> argv_p, env_p;
  for (const auto& a : options.argv) argv_p.push_back(const_cast<char*>(a.c_str()));
  for (auto& e : env) env_p.push_back(e.data());
  argv_p.push_back(nullptr);
  env_p.push_back(nullptr);

  pid_t pid = -1;
  // glibc's posix_spawnp reports exec and file-action failures (ENOENT, chdir) as its result.
  int rc =
      posix_spawnp(&pid, program.c_str(), &cfg.actions, &cfg.attr, argv_p.data(), env_p.data());
  if (rc != 0) {
    result.spawn_error = "cannot start '" + program + "': " + ErrnoText(rc);
    if (!options.working_directory.empty()) {
      result.spawn_error += " (working directory '" + options.working_directory + "')";
    }
    return;
  }
  ChildGuard guard{pid};
  result.started = true;
  out_w.Reset();  // otherwise we would never see EOF
  err_w.Reset();
  // A pidfd lets poll() wake on exit; without one (old kernel) we poll waitpid every 20 ms.
  // Raw syscall: glibc 2.36's <sys/pidfd.h> lacks extern "C" and does not link from C++.
  Fd pidfd(static_cast<int>(syscall(SYS_pidfd_open, pid, 0)));

  const Clock::time_point deadline = AddSaturating(start, options.timeout);
  Clock::time_point kill_at = Clock::time_point::max();
  Clock::time_point pipes_until = Clock::time_point::max();
  bool reaped = false;
  bool killed = false;
  while (true) {
    if (!reaped) {
      int status = 0;
      pid_t w = waitpid(pid, &status, WNOHANG);
      // ECHILD: someone set SIGCHLD to SIG_IGN and the kernel reaped it; status is unknown.
      if (w == pid || (w < 0 && errno == ECHILD)) {
        if (w == pid) RecordStatus(status, result);
        reaped = true;
        guard.pid = -1;
        pidfd.Reset();
        pipes_until = AddSaturating(Clock::now(), kPipeGrace);
      }
    }
    if (reaped && !out_r.open() && !err_r.open()) break;
    const Clock::time_point now = Clock::now();
    Clock::time_point wake;
    if (reaped) {
      if (now >= pipes_until) {
        // A descendant still holds the pipes; it must not outlive the call.
        kill(-pid, SIGKILL);
        break;
      }
      wake = pipes_until;
    } else {
      if (!result.timed_out && now >= deadline) {
        result.timed_out = true;
        kill(-pid, SIGTERM);
        kill_at = AddSaturating(now, options.kill_grace);
      }
      if (result.timed_out && !killed && now >= kill_at) {
        killed = true;
        kill(-pid, SIGKILL);
      }
      wake = killed ? now + milliseconds(100) : (result.timed_out ? kill_at : deadline);
      if (!pidfd.open()) wake = std::min(wake, now + milliseconds(20));
    }
    auto wait_ms = std::chrono::ceil<milliseconds>(wake - now).count();
    int timeout_ms = static_cast<int>(std::clamp<decltype(wait_ms)>(wait_ms, 0, 60000));

    pollfd fds[3];
    nfds_t n = 0;
    if (out_r.open()) fds[n++] = {out_r.get(), POLLIN, 0};
    if (err_r.open()) fds[n++] = {err_r.get(), POLLIN, 0};
    if (pidfd.open()) fds[n++] = {pidfd.get(), POLLIN, 0};
    poll(fds, n, timeout_ms);  // on EINTR (or any error) the loop re-checks state and deadlines
    for (nfds_t i = 0; i < n; ++i) {
      if (fds[i].revents == 0 || fds[i].fd == pidfd.get()) continue;
      const bool is_out = fds[i].fd == out_r.get();
      Fd& fd = is_out ? out_r : err_r;
      if (!ReadSome(fd.get(), options.max_capture_bytes, is_out ? result.out : result.err,
                    is_out ? result.out_truncated : result.err_truncated)) {
        fd.Reset();
      }
    }
  }
}

}  // namespace

ProcessResult RunProcess(const ProcessOptions& options) {
  const Clock::time_point start = Clock::now();
  ProcessResult result;
  try {
    Run(options, start, result);
  } catch (const std::exception& e) {
    result.spawn_error = std::string("internal error: ") + e.what();
  } catch (...) {
    result.spawn_error = "internal error";
  }
  result.elapsed = std::chrono::duration_cast<milliseconds>(Clock::now() - start);
  return result;
}

}  // namespace sfh::harness
