#include <fmt/format.h>

#include "harness/checks/all_checks.h"

namespace sfh::harness {
namespace {

std::string Ending(const ClientRun& c) {
  if (c.timed_out)
    return fmt::format("was killed after {} ms without finishing", c.elapsed.count());
  if (c.term_signal != 0) return fmt::format("was ended by signal {}", c.term_signal);
  return fmt::format("exited with status {}", c.exit_code);
}

CheckVerdict Evaluate(const CheckInput& input) {
  const ClientRun& c = input.client;
  if (!c.started) return CheckVerdict::Skipped("the client could not be started");
  const bool clean_exit = !c.timed_out && c.term_signal == 0;
  if (input.scenario.expect.client == ExpectedClientOutcome::kEither) {
    if (clean_exit) return CheckVerdict::Passed("the client ended by itself: " + Ending(c));
    return CheckVerdict::Failed("the client should end by itself, but it " + Ending(c));
  }
  if (input.scenario.expect.client == ExpectedClientOutcome::kSucceeds) {
    if (clean_exit && c.exit_code == 0) return CheckVerdict::Passed("the client exited with 0");
    return CheckVerdict::Failed("the org let the client work, but it " + Ending(c));
  }
  if (clean_exit && c.exit_code != 0) {
    return CheckVerdict::Passed("the client reported the refusal with exit status " +
                                std::to_string(c.exit_code));
  }
  return CheckVerdict::Failed("the org refused the client, which should exit non-zero, but it " +
                              Ending(c));
}

}  // namespace

const CheckDefinition kEnsureClientExitStatusMatches{
    "EnsureClientExitStatusMatches",
    "The client exits 0 when the org lets it work, and non-zero (promptly) when it refuses it",
    "The harness's client contract (docs/ARCHITECTURE.md)", Evaluate};

}  // namespace sfh::harness
