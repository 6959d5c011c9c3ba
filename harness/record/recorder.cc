#include "harness/record/recorder.h"

#include <memory>
#include <optional>
#include <utility>

#include "harness/checks/exchange_view.h"
#include "harness/runner/runner.h"
#include "salesforce/redactor.h"

namespace sfh::harness::record {
namespace {

// What the Runner hands the target and the client, kept: the runner itself keeps only redacted
// transcripts, and the recording needs the exchanges as they were.
struct Capture {
  std::optional<std::vector<mock::Exchange>> exchanges;
  std::optional<Endpoint> endpoint;
  std::optional<ClientRun> client;
};

class CapturingStage : public StagedScenario {
 public:
  CapturingStage(std::unique_ptr<StagedScenario> inner, Capture& capture)
      : inner_(std::move(inner)), capture_(capture) {
    capture_.endpoint = inner_->endpoint();
  }
  const Endpoint& endpoint() const override { return inner_->endpoint(); }
  std::vector<mock::Exchange> Exchanges() const override {
    auto exchanges = inner_->Exchanges();
    capture_.exchanges = exchanges;
    return exchanges;
  }
  const salesforce::Redactor& redactor() const override { return inner_->redactor(); }
  void Stop() override { inner_->Stop(); }

 private:
  std::unique_ptr<StagedScenario> inner_;
  Capture& capture_;
};

class CapturingTarget : public Target {
 public:
  CapturingTarget(Target& inner, Capture& capture) : inner_(inner), capture_(capture) {}
  std::optional<std::string> SkipReason(const Scenario& scenario) const override {
    return inner_.SkipReason(scenario);
  }
  std::expected<std::unique_ptr<StagedScenario>, std::string> Stage(
      const Scenario& scenario) override {
    auto staged = inner_.Stage(scenario);
    if (!staged) return std::unexpected(staged.error());
    return std::make_unique<CapturingStage>(std::move(*staged), capture_);
  }

 private:
  Target& inner_;
  Capture& capture_;
};

class CapturingClient : public Client {
 public:
  CapturingClient(Client& inner, Capture& capture) : inner_(inner), capture_(capture) {}
  std::string label() const override { return inner_.label(); }
  ClientRun Run(const ClientEnvironment& env, std::chrono::milliseconds timeout) override {
    ClientRun run = inner_.Run(env, timeout);
    capture_.client = run;
    return run;
  }

 private:
  Client& inner_;
  Capture& capture_;
};

// The session before its outcome is known: `either`, which a live target does not skip.
Scenario SessionScenario(const RecordRequest& request) {
  Scenario scenario;
  scenario.document.id = "recording";
  scenario.document.title = "A live session, recorded";
  scenario.document.tls = true;
  scenario.workload.calls = request.calls;
  scenario.expect.client = ExpectedClientOutcome::kEither;
  return scenario;
}

}  // namespace

std::expected<Recording, std::string> RecordSession(Target& target, Client& client,
                                                    const RecordRequest& request) {
  Capture capture;
  CapturingTarget capturing_target(target, capture);
  CapturingClient capturing_client(client, capture);
  RunOptions options;
  options.client_timeout = request.client_timeout;
  options.tool_version = request.tool_version;
  Scenario scenario = SessionScenario(request);
  const RunResult run = Runner(capturing_target, capturing_client, options).Run({scenario});
  const ScenarioResult& result = run.scenarios.at(0);
  if (result.status == ScenarioStatus::kSkipped) {
    return std::unexpected("the target cannot play the session: " + result.error);
  }
  if (result.status == ScenarioStatus::kError) return std::unexpected(result.error);
  if (!capture.exchanges || !capture.endpoint || !capture.client) {
    return std::unexpected("the session ended before its exchanges were taken");
  }

  Recording recording;
  recording.exchanges = std::move(*capture.exchanges);
  recording.endpoint = std::move(*capture.endpoint);
  recording.client = std::move(*capture.client);
  recording.target_label = result.target;
  const ClientRun& c = recording.client;
  recording.client_succeeded = c.started && !c.timed_out && c.term_signal == 0 && c.exit_code == 0;

  // Judged again now that the outcome is known, as the recorded file states it, so a replay of
  // the file is compared with the same expectation.
  scenario.expect.client =
      recording.client_succeeded ? ExpectedClientOutcome::kSucceeds : ExpectedClientOutcome::kFails;
  recording.checks =
      EvaluateChecks(scenario, recording.exchanges, recording.client, recording.endpoint);
  salesforce::Redactor redactor;
  redactor.Add(recording.endpoint.client_secret, salesforce::Redactor::Kind::kSecret);
  for (const auto& e : recording.exchanges) {
    if (const auto grant = GrantOf(e)) {
      redactor.Add(grant->access_token, salesforce::Redactor::Kind::kToken);
    }
  }
  for (auto& check : recording.checks) {
    check.message = redactor.Redact(check.message);
    for (auto& evidence : check.evidence) evidence.note = redactor.Redact(evidence.note);
  }
  recording.scenario = std::move(scenario);
  return recording;
}

}  // namespace sfh::harness::record
