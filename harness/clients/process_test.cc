#include "harness/clients/process.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <sstream>
#include <string>

namespace sfh::harness {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

// Valgrind runs posix_spawn's CLONE_VFORK child as a plain fork, so glibc cannot hand exec and
// chdir errors back to the parent: the child just exits 127. Only those assertions are skipped.
bool UnderValgrind() {
  const char* preload = getenv("LD_PRELOAD");
  return preload != nullptr && std::string(preload).find("vgpreload") != std::string::npos;
}

ProcessOptions Shell(const std::string& script) {
  ProcessOptions options;
  options.argv = {"/bin/sh", "-c", script};
  options.timeout = milliseconds(20000);  // a bound for broken runs, never expected to hit
  return options;
}

TEST(RunProcessTest, CapturesStdoutAndStderrSeparately) {
  ProcessResult r = RunProcess(Shell("echo out; echo err >&2"));
  ASSERT_TRUE(r.started) << r.spawn_error;
  EXPECT_EQ(r.out, "out\n");
  EXPECT_EQ(r.err, "err\n");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.term_signal, 0);
  EXPECT_FALSE(r.timed_out);
  EXPECT_FALSE(r.out_truncated);
  EXPECT_FALSE(r.err_truncated);
}

TEST(RunProcessTest, ReportsNonZeroExitCode) {
  ProcessResult r = RunProcess(Shell("exit 7"));
  ASSERT_TRUE(r.started) << r.spawn_error;
  EXPECT_EQ(r.exit_code, 7);
  EXPECT_EQ(r.term_signal, 0);
}

TEST(RunProcessTest, SearchesPathAndGivesEmptyStdin) {
  ProcessOptions options;
  options.argv = {"cat"};  // would hang on an inherited terminal; /dev/null gives EOF at once
  options.timeout = milliseconds(20000);
  ProcessResult r = RunProcess(options);
  ASSERT_TRUE(r.started) << r.spawn_error;
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "");
  EXPECT_FALSE(r.timed_out);
}

TEST(RunProcessTest, PassesInheritedAndOverriddenEnvironment) {
  ASSERT_EQ(setenv("SFH_PROCESS_TEST_INHERITED", "kept", 1), 0);
  ProcessOptions options =
      Shell(R"(printf '%s|%s|%s' "$FOO" "$HOME" "$SFH_PROCESS_TEST_INHERITED")");
  options.env = {{"FOO", "bar baz"}, {"HOME", "/nonexistent/sfh-home"}};
  ProcessResult r = RunProcess(options);
  unsetenv("SFH_PROCESS_TEST_INHERITED");
  ASSERT_TRUE(r.started) << r.spawn_error;
  EXPECT_EQ(r.out, "bar baz|/nonexistent/sfh-home|kept");
}

TEST(RunProcessTest, HonoursWorkingDirectory) {
  char tmpl[] = "/tmp/sfh-process-test-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  const std::string dir = std::filesystem::canonical(tmpl).string();
  ProcessOptions options = Shell("pwd -P");
  options.working_directory = dir;
  ProcessResult r = RunProcess(options);
  rmdir(tmpl);
  ASSERT_TRUE(r.started) << r.spawn_error;
  EXPECT_EQ(r.out, dir + "\n");
}

TEST(RunProcessTest, MissingWorkingDirectoryIsASpawnError) {
  if (UnderValgrind()) GTEST_SKIP() << "spawn errors are not reported under valgrind";
  ProcessOptions options = Shell("true");
  options.working_directory = "/nonexistent/sfh-dir";
  ProcessResult r = RunProcess(options);
  EXPECT_FALSE(r.started);
  EXPECT_NE(r.spawn_error.find("/nonexistent/sfh-dir"), std::string::npos) << r.spawn_error;
}

TEST(RunProcessTest, KillsProgramAtTimeout) {
  ProcessOptions options = Shell("sleep 30");
  options.timeout = milliseconds(300);
  ProcessResult r = RunProcess(options);
  ASSERT_TRUE(r.started) << r.spawn_error;
  EXPECT_TRUE(r.timed_out);
  EXPECT_EQ(r.term_signal, SIGTERM);
  EXPECT_GE(r.elapsed, milliseconds(300));
  EXPECT_LT(r.elapsed, seconds(10));
}

TEST(RunProcessTest, SigkillsProgramIgnoringSigterm) {
  // The `echo` proves the trap is installed before the deadline, so SIGTERM is really ignored.
  ProcessOptions options = Shell("trap '' TERM; echo ready; sleep 30");
  options.timeout = milliseconds(300);
  options.kill_grace = milliseconds(300);
  ProcessResult r = RunProcess(options);
  ASSERT_TRUE(r.started) << r.spawn_error;
  EXPECT_EQ(r.out, "ready\n");
  EXPECT_TRUE(r.timed_out);
  EXPECT_EQ(r.term_signal, SIGKILL);
  EXPECT_GE(r.elapsed, milliseconds(600));
  EXPECT_LT(r.elapsed, seconds(10));
}

TEST(RunProcessTest, GrandchildHoldingStdoutDoesNotDelayReturn) {
  ProcessOptions options = Shell("sleep 30 & echo done");
  options.timeout = milliseconds(20000);
  ProcessResult r = RunProcess(options);
  ASSERT_TRUE(r.started) << r.spawn_error;
  EXPECT_EQ(r.out, "done\n");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_FALSE(r.timed_out);
  EXPECT_LT(r.elapsed, seconds(10));
}

TEST(RunProcessTest, TruncatesLargeOutputAndKeepsDraining) {
  ProcessOptions options = Shell("head -c 5000000 /dev/zero; echo tail >&2");
  options.max_capture_bytes = 1000;
  ProcessResult r = RunProcess(options);
  ASSERT_TRUE(r.started) << r.spawn_error;
  EXPECT_EQ(r.out.size(), 1000u);
  EXPECT_EQ(r.out, std::string(1000, '\0'));
  EXPECT_TRUE(r.out_truncated);
  EXPECT_EQ(r.err, "tail\n");
  EXPECT_FALSE(r.err_truncated);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_FALSE(r.timed_out);
}

TEST(RunProcessTest, ReportsDeathBySignal) {
  ProcessResult r = RunProcess(Shell("kill -9 $$"));
  ASSERT_TRUE(r.started) << r.spawn_error;
  EXPECT_EQ(r.term_signal, 9);
  EXPECT_EQ(r.exit_code, -1);
  EXPECT_FALSE(r.timed_out);
}

TEST(RunProcessTest, MissingProgramIsNotStarted) {
  if (UnderValgrind()) GTEST_SKIP() << "spawn errors are not reported under valgrind";
  ProcessOptions options;
  options.argv = {"sfh-no-such-program-xyz"};
  ProcessResult r = RunProcess(options);
  EXPECT_FALSE(r.started);
  EXPECT_EQ(r.spawn_error, "cannot start 'sfh-no-such-program-xyz': No such file or directory");
  EXPECT_EQ(r.exit_code, -1);
}

TEST(RunProcessTest, EmptyArgvIsNotStarted) {
  ProcessResult r = RunProcess(ProcessOptions{});
  EXPECT_FALSE(r.started);
  EXPECT_FALSE(r.spawn_error.empty());
}

TEST(RunProcessTest, ChildInheritsNoExtraDescriptors) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);  // deliberately without O_CLOEXEC, like a careless listening socket
  // A high number so it cannot collide with the fd `ls` itself opens for /proc/self/fd.
  const int leaked = fcntl(fds[0], F_DUPFD, 200);
  ASSERT_GE(leaked, 200);
  ProcessOptions options;
  options.argv = {"/bin/ls", "/proc/self/fd"};
  ProcessResult r = RunProcess(options);
  close(fds[0]);
  close(fds[1]);
  close(leaked);
  ASSERT_TRUE(r.started) << r.spawn_error;
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream lines(r.out);
  bool saw_stdout = false;
  for (std::string line; std::getline(lines, line);) {
    saw_stdout = saw_stdout || line == "1";
    EXPECT_NE(line, std::to_string(leaked));
  }
  EXPECT_TRUE(saw_stdout) << r.out;
}

}  // namespace
}  // namespace sfh::harness
