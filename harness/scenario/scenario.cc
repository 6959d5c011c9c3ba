#include "harness/scenario/scenario.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "harness/checks/registry.h"

namespace sfh::harness {
namespace {

void ReadWorkload(const nlohmann::json& json, const mock::ScenarioDocument& doc,
                  ClientWorkload& workload, mock::JsonErrors& errors) {
  mock::ObjectReader r(json, "/client", errors);
  workload.calls = static_cast<int>(r.Int("calls", 0, 1000).value_or(workload.calls));
  workload.concurrency =
      static_cast<int>(r.Int("concurrency", 1, 64).value_or(workload.concurrency));
  workload.request_timeout_seconds =
      r.Number("request_timeout_seconds", 0.1, 600).value_or(workload.request_timeout_seconds);
  if (auto scope = r.String("scope")) {
    if (scope->empty()) {
      r.Error("scope", "expected the scopes, separated by spaces; leave the key out for none");
    }
    workload.scope = *scope;
  }
  if (auto app = r.String("app")) {
    const auto it = std::find_if(doc.org.apps.begin(), doc.org.apps.end(),
                                 [&](const auto& a) { return a.name == *app; });
    if (it == doc.org.apps.end()) {
      r.Error("app", fmt::format("no app named \"{}\" in /org/apps", *app));
    } else {
      workload.app = static_cast<size_t>(it - doc.org.apps.begin());
    }
  }
  r.Finish();
}

void ReadExpectation(const nlohmann::json& json, Expectation& expect, mock::JsonErrors& errors) {
  mock::ObjectReader r(json, "/expect", errors);
  if (auto client = r.String("client")) {
    if (*client == "succeeds") {
      expect.client = ExpectedClientOutcome::kSucceeds;
    } else if (*client == "fails") {
      expect.client = ExpectedClientOutcome::kFails;
    } else if (*client == "either") {
      expect.client = ExpectedClientOutcome::kEither;
    } else {
      r.Error("client",
              fmt::format("expected \"succeeds\", \"fails\" or \"either\", got \"{}\"", *client));
    }
  }
  for (auto& c : r.ObjectArray("checks")) {
    CheckSelection selection;
    const auto id = c.String("check", true);
    selection.id = id.value_or("");
    const CheckDefinition* check = id ? FindCheck(selection.id) : nullptr;
    if (id && check == nullptr) {
      c.Error("check",
              fmt::format("no check named \"{}\" (`sfharness list` shows them)", selection.id));
    }
    if (check != nullptr) selection.severity = check->severity;
    if (auto severity = c.String("severity")) {
      if (*severity == "warning" || *severity == "failure") {
        selection.severity = *severity == "warning" ? Severity::kWarning : Severity::kFailure;
      } else {
        c.Error("severity",
                fmt::format("expected \"failure\" or \"warning\", got \"{}\"", *severity));
      }
    }
    c.Finish();
    expect.checks.push_back(std::move(selection));
  }
  r.Finish();
}

void CollectFiles(const std::filesystem::path& path, std::vector<std::filesystem::path>& out,
                  std::vector<std::string>& errors) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    std::vector<std::filesystem::path> found;
    for (auto it = std::filesystem::recursive_directory_iterator(path, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (it->is_regular_file() && name.ends_with(".json") && !name.ends_with(".schema.json")) {
        found.push_back(it->path());
      }
    }
    if (ec) errors.push_back(fmt::format("{}: cannot list: {}", path.string(), ec.message()));
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  } else if (std::filesystem::exists(path, ec)) {
    out.push_back(path);
  } else {
    errors.push_back(fmt::format("{}: no such file or directory", path.string()));
  }
}

}  // namespace

std::expected<Scenario, std::string> LoadScenario(const std::filesystem::path& file,
                                                  const std::filesystem::path& root) {
  auto document = mock::LoadScenarioFile(file, root);
  if (!document) return std::unexpected(document.error());
  Scenario scenario;
  scenario.document = std::move(*document);
  scenario.display_file = file.string();
  mock::JsonErrors errors;
  ReadWorkload(scenario.document.client, scenario.document, scenario.workload, errors);
  ReadExpectation(scenario.document.expect, scenario.expect, errors);
  if (!errors.empty()) return std::unexpected(errors.Format(file.string()));
  return scenario;
}

std::expected<std::vector<Scenario>, std::string> LoadScenarios(
    const std::vector<std::filesystem::path>& paths, const std::filesystem::path& scenario_root) {
  std::vector<std::string> errors;
  std::vector<Scenario> scenarios;
  std::set<std::string> ids;
  for (const auto& root : paths) {
    std::vector<std::filesystem::path> files;
    CollectFiles(root, files, errors);
    const bool is_directory = std::filesystem::is_directory(root);
    for (const auto& file : files) {
      auto scenario = LoadScenario(file, !scenario_root.empty() ? scenario_root
                                         : is_directory         ? root
                                                                : std::filesystem::path());
      if (!scenario) {
        errors.push_back(scenario.error());
        continue;
      }
      if (std::filesystem::is_directory(root)) {
        scenario->display_file = std::filesystem::relative(file, root).string();
      }
      if (!ids.insert(scenario->document.id).second) {
        errors.push_back(fmt::format("{}: /id: \"{}\" is used by another scenario too",
                                     file.string(), scenario->document.id));
        continue;
      }
      scenarios.push_back(std::move(*scenario));
    }
  }
  if (!errors.empty()) {
    std::string text;
    for (const auto& e : errors) text += (text.empty() ? "" : "\n") + e;
    return std::unexpected(text);
  }
  if (scenarios.empty()) return std::unexpected(std::string("no scenario files found"));
  return scenarios;
}

}  // namespace sfh::harness
