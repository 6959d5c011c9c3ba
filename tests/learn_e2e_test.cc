// `sfharness learn` as users run it: every lesson with --no-pause (exit 0, nothing secret shown),
// --list, --answer, usage errors, and the interactive mode in a real terminal (tmux, which
// scripts/install-deps installs).
#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "harness/clients/process.h"

namespace sfh::tests {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

harness::ProcessResult Learn(const std::vector<std::string>& args) {
  harness::ProcessOptions options;
  options.argv = {SFHARNESS_BIN, "learn"};
  options.argv.insert(options.argv.end(), args.begin(), args.end());
  options.timeout = std::chrono::seconds(120);
  return harness::RunProcess(options);
}

TEST(LearnE2e, EveryLessonRunsToTheEndWithoutPausing) {
  // stdin is not a terminal here, so even without --no-pause nothing waits.
  for (const auto& args : {std::vector<std::string>{"--no-pause"}, std::vector<std::string>{}}) {
    const auto run = Learn(args);
    ASSERT_TRUE(run.started) << run.spawn_error;
    EXPECT_FALSE(run.timed_out);
    EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
    EXPECT_THAT(run.out, Not(HasSubstr("Enter to continue")));
    EXPECT_THAT(run.out, Not(HasSubstr("✗")));
    EXPECT_THAT(run.out, HasSubstr("lessons played; every expectation held"));
    EXPECT_THAT(run.out, HasSubstr("> Authorization: Basic [REDACTED]"));
    EXPECT_THAT(run.out, HasSubstr("client_secret=[REDACTED]"));
    EXPECT_FALSE(std::regex_search(run.out, std::regex("00D[A-Za-z0-9]{12}![.A-Za-z0-9_]{6,}")));
  }
}

TEST(LearnE2e, ListsTheLessons) {
  const auto run = Learn({"--list"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("flow/discovery"));
  EXPECT_THAT(run.out, HasSubstr("myth/scope-parameter"));
  EXPECT_THAT(run.out, HasSubstr("break-it/flow-off-in-policies"));
}

TEST(LearnE2e, AnswerRevealsTheBreakItFix) {
  const auto hidden = Learn({"--no-pause", "--lesson", "break-it/flow-off-in-policies"});
  EXPECT_EQ(hidden.exit_code, 0) << hidden.out << hidden.err;
  EXPECT_THAT(hidden.out, Not(HasSubstr("Answer:")));
  const auto shown = Learn({"--no-pause", "--answer", "--lesson", "break-it/flow-off-in-policies"});
  EXPECT_EQ(shown.exit_code, 0) << shown.out << shown.err;
  EXPECT_THAT(shown.out, HasSubstr("Answer: The admin's policies"));
  EXPECT_THAT(shown.out, HasSubstr("The catalogue's fix (token.unsupported_grant_type)"));
}

TEST(LearnE2e, UsageErrorsExitTwo) {
  EXPECT_EQ(Learn({"--lesson", "no/such-lesson"}).exit_code, 2);
  EXPECT_EQ(Learn({"--lessons", "/nonexistent-lessons-dir"}).exit_code, 2);
  EXPECT_EQ(Learn({"--bogus-option"}).exit_code, 2);
}

// ----- the interactive mode in a real terminal -----

bool HaveTmux() { return std::system("command -v tmux >/dev/null 2>&1") == 0; }

// Whether this machine can give a program a pseudo-terminal at all: some containers and chroots
// have no devpts, and there no terminal program (tmux included) can run.
bool CanOpenPseudoTerminal() {
  const int master = ::posix_openpt(O_RDWR | O_NOCTTY);
  if (master < 0) return false;
  bool ok = ::grantpt(master) == 0 && ::unlockpt(master) == 0;
  if (ok) {
    const char* name = ::ptsname(master);
    const int follower = name != nullptr ? ::open(name, O_RDWR | O_NOCTTY) : -1;
    ok = follower >= 0;
    if (follower >= 0) ::close(follower);
  }
  ::close(master);
  return ok;
}

class Tmux {
 public:
  Tmux() : socket_("sfh-learn-" + std::to_string(::getpid())) {}
  ~Tmux() { (void)Run({"kill-server"}); }
  harness::ProcessResult Run(const std::vector<std::string>& args) const {
    harness::ProcessOptions options;
    options.argv = {"tmux", "-L", socket_, "-f", "/dev/null"};
    options.argv.insert(options.argv.end(), args.begin(), args.end());
    options.timeout = std::chrono::seconds(20);
    return harness::RunProcess(options);
  }
  std::string Screen() const {
    return Run({"capture-pane", "-p", "-J", "-S", "-", "-t", "learn"}).out;
  }
  // Waits (at most 20 s) until the pane shows `text` `times` times.
  bool WaitFor(const std::string& text, size_t times = 1) const {
    for (int i = 0; i < 200; ++i) {
      const std::string screen = Screen();
      size_t found = 0;
      for (size_t at = screen.find(text); at != std::string::npos; at = screen.find(text, at + 1)) {
        ++found;
      }
      if (found >= times) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }

 private:
  std::string socket_;
};

TEST(LearnE2e, InteractiveModePausesInATerminalAndQuitsOnQ) {
  if (!CanOpenPseudoTerminal()) {
    GTEST_SKIP() << "this machine cannot open a pseudo-terminal (no devpts), so no terminal "
                    "program can run here";
  }
  // scripts/install-deps installs tmux: without it this test fails rather than pass unseen.
  ASSERT_TRUE(HaveTmux()) << "tmux is not installed (scripts/install-deps installs it)";
  Tmux tmux;
  const std::string command =
      std::string(SFHARNESS_BIN) + " learn --lesson flow/discovery; echo LEARN-EXIT=$?; sleep 60";
  const auto started =
      tmux.Run({"new-session", "-d", "-s", "learn", "-x", "200", "-y", "50", command});
  ASSERT_EQ(started.exit_code, 0) << started.err;
  ASSERT_TRUE(tmux.WaitFor("Enter to continue, q to quit")) << tmux.Screen();
  EXPECT_THAT(tmux.Screen(), Not(HasSubstr("Step 2 of 3"))) << "it waits for Enter";
  ASSERT_EQ(tmux.Run({"send-keys", "-t", "learn", "Enter"}).exit_code, 0);
  ASSERT_TRUE(tmux.WaitFor("Enter to continue, q to quit", 2)) << tmux.Screen();
  EXPECT_THAT(tmux.Screen(), HasSubstr("Step 2 of 3"));
  ASSERT_EQ(tmux.Run({"send-keys", "-t", "learn", "q", "Enter"}).exit_code, 0);
  ASSERT_TRUE(tmux.WaitFor("LEARN-EXIT=0")) << tmux.Screen();
  EXPECT_THAT(tmux.Screen(), Not(HasSubstr("Step 3 of 3")));
}

}  // namespace
}  // namespace sfh::tests
