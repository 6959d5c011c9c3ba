#include "harness/runner/runner.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <utility>

#include "harness/checks/registry.h"
#include "harness/runner/baseline.h"

namespace sfh::harness {
namespace {

constexpr size_t kMaxBodyShown = 8 * 1024;
constexpr size_t kMaxOutputShown = 16 * 1024;

std::string Cut(std::string text, size_t max) {
  if (text.size() <= max) return text;
  text.resize(max);
  return text + "\n[cut at " + std::to_string(max) + " bytes]";
}

// The last `max` bytes: a client's last words say why it stopped.
std::string Tail(const std::string& text, size_t max) {
  if (text.size() <= max) return text;
  return "[first " + std::to_string(text.size() - max) + " bytes cut]\n" +
         text.substr(text.size() - max);
}

HeaderList RedactHeaders(const mock::Headers& headers, const salesforce::Redactor& redactor) {
  HeaderList out;
  for (const auto& [name, value] : headers.fields()) {
    out.emplace_back(name, redactor.RedactHeader(name, value));
  }
  return out;
}

// A result for `scenario` that starts now: who it is, before anything happened.
ScenarioResult Begin(const Scenario& scenario) {
  ScenarioResult result;
  result.id = scenario.document.id;
  result.title = scenario.document.title;
  result.teaches = scenario.document.teaches;
  result.file = scenario.display_file;
  result.started_at = std::chrono::system_clock::now();
  return result;
}

ScenarioResult InternalError(const Scenario& scenario, std::string client, std::string what) {
  ScenarioResult result = Begin(scenario);
  result.status = ScenarioStatus::kError;
  result.error = "internal error: " + what;
  result.client.label = std::move(client);
  return result;
}

ScenarioStatus StatusOf(const std::vector<CheckResult>& checks) {
  for (const auto& c : checks) {
    if (c.status == CheckStatus::kFailed) return ScenarioStatus::kFailed;
  }
  return ScenarioStatus::kPassed;
}

}  // namespace

TranscriptEntry ToTranscript(const mock::Exchange& e, const salesforce::Redactor& redactor) {
  TranscriptEntry t;
  t.seq = e.seq;
  t.host = std::string(mock::ToString(e.request.host));
  t.scheme = e.request.tls ? "https" : "http";
  t.method = e.request.method;
  t.target = redactor.Redact(e.request.target);
  t.status = e.response.status;
  t.request_headers = RedactHeaders(e.request.headers, redactor);
  t.request_body = Cut(redactor.Redact(e.request.body), kMaxBodyShown);
  t.response_headers = RedactHeaders(e.response.headers, redactor);
  t.response_body = Cut(redactor.Redact(e.response.body), kMaxBodyShown);
  t.elapsed = e.elapsed;
  t.fault = e.response.fault;
  return t;
}

std::vector<CheckResult> EvaluateChecks(const Scenario& scenario,
                                        const std::vector<mock::Exchange>& exchanges,
                                        const ClientRun& client, const Endpoint& endpoint) {
  std::vector<CheckSelection> selected = scenario.expect.checks;
  if (selected.empty()) {
    for (const auto* check : AllChecks()) {
      selected.push_back({std::string(check->id), check->severity});
    }
  }
  const CheckInput input{
      exchanges, client, scenario, endpoint.hosts, endpoint.client_id, endpoint.client_secret};
  std::vector<CheckResult> results;
  for (const auto& selection : selected) {
    const CheckDefinition* check = FindCheck(selection.id);
    if (check == nullptr) continue;  // rejected when the scenario was loaded
    CheckVerdict verdict = check->evaluate(input);
    CheckResult r;
    r.id = std::string(check->id);
    r.description = std::string(check->description);
    r.reference = std::string(check->reference);
    r.severity = selection.severity;
    r.status = verdict.status == CheckStatus::kFailed && selection.severity == Severity::kWarning
                   ? CheckStatus::kWarning
                   : verdict.status;
    r.message = std::move(verdict.message);
    r.evidence = std::move(verdict.evidence);
    results.push_back(std::move(r));
  }
  return results;
}

Runner::Runner(Target& target, Client& client, RunOptions options)
    : target_(&target), client_(&client), options_(std::move(options)) {}

RunResult Runner::Run(const std::vector<Scenario>& scenarios) {
  RunResult run;
  run.tool_version = options_.tool_version;
  run.client = client_->label();
  run.shard = options_.shard;
  run.started_at = std::chrono::system_clock::now();
  const auto start = std::chrono::steady_clock::now();
  const size_t jobs = std::max<size_t>(1, std::min(options_.jobs, scenarios.size()));
  for (auto* l : listeners_) l->OnRunStart(RunPlan{run.client, scenarios.size(), jobs});
  std::vector<ScenarioResult> results(scenarios.size());
  if (jobs == 1) {
    RunSequential(scenarios, results);
  } else {
    RunParallel(scenarios, results);
  }
  run.scenarios = std::move(results);
  if (options_.baseline != nullptr) {
    run.stale_expected_failures = options_.baseline->Stale(run.scenarios);
  }
  run.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  for (auto* l : listeners_) l->OnRunEnd(run);
  return run;
}

void Runner::RunSequential(const std::vector<Scenario>& scenarios,
                           std::vector<ScenarioResult>& results) {
  for (size_t i = 0; i < scenarios.size(); ++i) {
    const Scenario& scenario = scenarios[i];
    for (auto* l : listeners_) l->OnScenarioStart(scenario.document.id, scenario.document.title);
    results[i] = RunWithReruns(scenario);
    for (auto* l : listeners_) l->OnScenarioEnd(results[i]);
  }
}

void Runner::RunParallel(const std::vector<Scenario>& scenarios,
                         std::vector<ScenarioResult>& results) {
  // Workers take the next scenario and post its start and end; this thread hands the events
  // to the listeners, so listeners never see two threads.
  struct Event {
    bool end;
    size_t index;
  };
  std::mutex mu;
  std::condition_variable posted;
  std::deque<Event> events;
  std::atomic<size_t> next{0};
  auto post = [&](Event event) {
    {
      std::lock_guard lock(mu);
      events.push_back(event);
    }
    posted.notify_one();
  };
  const size_t workers = std::min(options_.jobs, scenarios.size());
  std::vector<std::jthread> threads;
  threads.reserve(workers);
  for (size_t w = 0; w < workers; ++w) {
    threads.emplace_back([&] {
      for (size_t i = next++; i < scenarios.size(); i = next++) {
        post({false, i});
        results[i] = RunWithReruns(scenarios[i]);  // published to this thread by the mutex
        post({true, i});
      }
    });
  }
  size_t ended = 0;
  while (ended < scenarios.size()) {
    std::deque<Event> batch;
    {
      // Bounded: every worker posts each scenario's end within its client timeout.
      std::unique_lock lock(mu);
      posted.wait(lock, [&] { return !events.empty(); });
      batch.swap(events);
    }
    for (const Event& event : batch) {
      const Scenario& scenario = scenarios[event.index];
      if (event.end) {
        ++ended;
        for (auto* l : listeners_) l->OnScenarioEnd(results[event.index]);
      } else {
        for (auto* l : listeners_) {
          l->OnScenarioStart(scenario.document.id, scenario.document.title);
        }
      }
    }
  }
}

ScenarioResult Runner::RunWithReruns(const Scenario& scenario) {
  const auto started_at = std::chrono::system_clock::now();
  const auto start = std::chrono::steady_clock::now();
  auto attempt = [&] {
    ScenarioResult result;
    try {
      result = RunOne(scenario);
    } catch (const std::exception& e) {
      result = InternalError(scenario, client_->label(), e.what());
    } catch (...) {
      result = InternalError(scenario, client_->label(), "unknown exception");
    }
    if (options_.baseline != nullptr) options_.baseline->Apply(result);
    return result;
  };
  ScenarioResult result = attempt();
  std::vector<AttemptSummary> previous;
  while (result.status == ScenarioStatus::kFailed && !result.expected_failure &&
         std::cmp_less(previous.size(), options_.reruns)) {
    AttemptSummary summary{result.status, {}, result.elapsed};
    for (const auto& c : result.checks) {
      if (c.status == CheckStatus::kFailed) summary.failed_checks.push_back(c.id);
    }
    previous.push_back(std::move(summary));
    result = attempt();
  }
  result.attempts = static_cast<int>(previous.size()) + 1;
  result.flaky = !previous.empty() && result.status == ScenarioStatus::kPassed;
  if (!previous.empty()) {
    // The scenario's time is all its attempts'.
    result.started_at = started_at;
    result.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - start);
  }
  result.previous_attempts = std::move(previous);
  return result;
}

ScenarioResult Runner::RunOne(const Scenario& scenario) {
  ScenarioResult result = Begin(scenario);
  const auto start = std::chrono::steady_clock::now();
  auto finish = [&] {
    result.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - start);
    return result;
  };

  if (auto reason = target_->SkipReason(scenario)) {
    result.status = ScenarioStatus::kSkipped;
    result.error = *std::move(reason);
    result.client.label = client_->label();
    return finish();
  }
  auto staged = target_->Stage(scenario);
  if (!staged) {
    result.status = ScenarioStatus::kError;
    result.error = staged.error();
    result.client.label = client_->label();
    return finish();
  }
  StagedScenario& stage = **staged;
  result.target = stage.endpoint().label;
  const ClientEnvironment env{stage.endpoint(), scenario.workload, scenario.document.id};
  ClientRun client = client_->Run(env, options_.client_timeout);
  const std::vector<mock::Exchange> exchanges = stage.Exchanges();
  stage.Stop();

  const salesforce::Redactor& redactor = stage.redactor();
  if (!client.started) {
    result.status = ScenarioStatus::kError;
    result.error = redactor.Redact("the client could not be started: " + client.stderr_text);
  }
  std::vector<CheckResult> checks = EvaluateChecks(scenario, exchanges, client, stage.endpoint());
  if (!client.started) {
    // Nothing ran to be judged: the scenario's ERROR says why.
    for (auto& c : checks) {
      c.status = CheckStatus::kSkipped;
      c.message = "the client could not be started";
      c.evidence.clear();
    }
  }
  for (auto& c : checks) {
    c.message = redactor.Redact(c.message);
    for (auto& e : c.evidence) e.note = redactor.Redact(e.note);
  }
  client.label = redactor.Redact(client.label);
  client.stdout_text = Tail(redactor.Redact(client.stdout_text), kMaxOutputShown);
  client.stderr_text = Tail(redactor.Redact(client.stderr_text), kMaxOutputShown);
  result.client = std::move(client);
  result.checks = std::move(checks);
  for (const auto& e : exchanges) result.transcript.push_back(ToTranscript(e, redactor));
  if (result.status != ScenarioStatus::kError) result.status = StatusOf(result.checks);
  return finish();
}

}  // namespace sfh::harness
