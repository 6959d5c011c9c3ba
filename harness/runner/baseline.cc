#include "harness/runner/baseline.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <system_error>
#include <tuple>

#include "harness/checks/registry.h"

namespace sfh::harness {
namespace {

using Json = nlohmann::ordered_json;

std::string Key(const std::string& scenario, const std::string& check) {
  return scenario + '\n' + check;
}

// One entry of "expected_failures"; `at` is its JSON pointer.
std::expected<ExpectedFailure, std::string> ParseEntry(const Json& json, const std::string& at) {
  if (!json.is_object()) return std::unexpected(at + ": expected an object");
  ExpectedFailure entry;
  for (const auto& [key, value] : json.items()) {
    std::string* field = key == "scenario" ? &entry.scenario
                         : key == "check"  ? &entry.check
                         : key == "reason" ? &entry.reason
                                           : nullptr;
    if (field == nullptr) {
      return std::unexpected(fmt::format(
          "{}/{}: unknown key (an entry has \"scenario\", \"check\" and \"reason\")", at, key));
    }
    if (!value.is_string())
      return std::unexpected(fmt::format("{}/{}: expected a string", at, key));
    *field = value.get<std::string>();
  }
  if (entry.scenario.empty()) {
    return std::unexpected(at + "/scenario: required, the scenario's id");
  }
  if (json.contains("check") && FindCheck(entry.check) == nullptr) {
    return std::unexpected(fmt::format(
        "{}/check: '{}' is not a check (`sfharness list` shows them; leave \"check\" out to "
        "expect the whole scenario to fail)",
        at, entry.check));
  }
  return entry;
}

}  // namespace

std::expected<Baseline, std::string> Baseline::Parse(std::string_view text, std::string_view name) {
  const Json json = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  auto fail = [&](const std::string& what) {
    return std::unexpected(fmt::format("{}: {}", name, what));
  };
  if (json.is_discarded()) return fail("not valid JSON");
  if (!json.is_object()) return fail("expected an object with \"expected_failures\"");
  for (const auto& [key, value] : json.items()) {
    if (key == "schema") {
      if (value != kBaselineSchema) {
        return fail(
            fmt::format("/schema: expected \"{}\", found {}", kBaselineSchema, value.dump()));
      }
    } else if (key != "expected_failures") {
      return fail(
          fmt::format("/{}: unknown key (expected \"schema\" or \"expected_failures\")", key));
    }
  }
  if (!json.contains("expected_failures") || !json["expected_failures"].is_array()) {
    return fail("/expected_failures: required, an array of entries");
  }
  std::vector<ExpectedFailure> entries;
  std::set<std::string> seen;
  const Json& list = json["expected_failures"];
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string at = fmt::format("/expected_failures/{}", i);
    auto entry = ParseEntry(list[i], at);
    if (!entry) return fail(entry.error());
    if (!seen.insert(Key(entry->scenario, entry->check)).second) {
      return fail(fmt::format("{}: {} {} is listed twice", at, entry->scenario,
                              entry->check.empty() ? "(whole scenario)" : entry->check));
    }
    entries.push_back(std::move(*entry));
  }
  return Baseline(std::move(entries));
}

std::expected<Baseline, std::string> Baseline::Load(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return std::unexpected(fmt::format("{}: cannot read: {}", file.string(), std::strerror(errno)));
  }
  std::ostringstream text;
  text << in.rdbuf();
  return Parse(text.str(), file.string());
}

const ExpectedFailure* Baseline::Find(const std::string& scenario, const std::string& check) const {
  for (const auto& entry : entries_) {
    if (entry.scenario == scenario && entry.check == check) return &entry;
  }
  return nullptr;
}

void Baseline::Apply(ScenarioResult& result) const {
  if (result.status != ScenarioStatus::kFailed) return;
  const ExpectedFailure* whole = Find(result.id, "");
  bool all_expected = true;
  bool any_failed_check = false;
  for (auto& check : result.checks) {
    if (check.status != CheckStatus::kFailed) continue;
    any_failed_check = true;
    const ExpectedFailure* entry = Find(result.id, check.id);
    if (entry == nullptr) entry = whole;
    if (entry == nullptr) {
      all_expected = false;
      continue;
    }
    check.expected_failure = true;
    check.expected_failure_reason = entry->reason;
  }
  // A scenario FAILED without a failed check is expected only as a whole.
  result.expected_failure = all_expected && (any_failed_check || whole != nullptr);
  if (result.expected_failure && whole != nullptr) result.expected_failure_reason = whole->reason;
}

std::vector<ExpectedFailure> Baseline::Stale(const std::vector<ScenarioResult>& scenarios) const {
  std::vector<ExpectedFailure> stale;
  for (const auto& entry : entries_) {
    const auto scenario =
        std::find_if(scenarios.begin(), scenarios.end(),
                     [&](const ScenarioResult& s) { return s.id == entry.scenario; });
    if (scenario == scenarios.end()) continue;
    if (scenario->status != ScenarioStatus::kPassed &&
        scenario->status != ScenarioStatus::kFailed) {
      continue;
    }
    bool failed = scenario->status == ScenarioStatus::kFailed;
    if (!entry.check.empty()) {
      failed = std::any_of(scenario->checks.begin(), scenario->checks.end(), [&](const auto& c) {
        return c.id == entry.check && c.status == CheckStatus::kFailed;
      });
    }
    if (!failed) stale.push_back(entry);
  }
  return stale;
}

std::vector<ExpectedFailure> FailuresAsBaseline(const RunResult& run, const Baseline* previous) {
  std::map<std::string, const ScenarioResult*> judged;
  for (const auto& s : run.scenarios) {
    if (s.status == ScenarioStatus::kPassed || s.status == ScenarioStatus::kFailed) {
      judged[s.id] = &s;
    }
  }
  std::map<std::pair<std::string, std::string>, std::string> reasons;
  std::vector<ExpectedFailure> out;
  if (previous != nullptr) {
    for (const auto& entry : previous->entries()) {
      reasons[{entry.scenario, entry.check}] = entry.reason;
      if (!judged.contains(entry.scenario)) out.push_back(entry);
    }
  }
  auto reason_for = [&](const std::string& scenario, const std::string& check) {
    const auto it = reasons.find({scenario, check});
    return it == reasons.end() ? std::string(kWriteBaselineReason) : it->second;
  };
  for (const auto& [id, s] : judged) {
    if (s->status != ScenarioStatus::kFailed) continue;
    std::vector<std::string> failed;
    for (const auto& c : s->checks) {
      if (c.status == CheckStatus::kFailed) failed.push_back(c.id);
    }
    if (failed.empty() || reasons.contains({id, ""})) {
      out.push_back({id, "", reason_for(id, "")});
      continue;
    }
    for (const auto& check : failed) out.push_back({id, check, reason_for(id, check)});
  }
  std::sort(out.begin(), out.end(), [](const ExpectedFailure& a, const ExpectedFailure& b) {
    return std::tie(a.scenario, a.check) < std::tie(b.scenario, b.check);
  });
  return out;
}

std::string BaselineJson(const std::vector<ExpectedFailure>& entries) {
  Json list = Json::array();
  for (const auto& entry : entries) {
    Json item = {{"scenario", entry.scenario}};
    if (!entry.check.empty()) item["check"] = entry.check;
    item["reason"] = entry.reason;
    list.push_back(std::move(item));
  }
  const Json doc = {{"schema", kBaselineSchema}, {"expected_failures", std::move(list)}};
  return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::expected<void, std::string> WriteBaseline(const std::filesystem::path& file,
                                               const std::vector<ExpectedFailure>& entries) {
  const std::string text = BaselineJson(entries);
  std::filesystem::path temp = file;
  temp += ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) {
      return std::unexpected(fmt::format("{}: cannot create {}: {}", file.string(), temp.string(),
                                         std::strerror(errno)));
    }
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.close();
    if (!out) {
      std::error_code ignored;
      std::filesystem::remove(temp, ignored);
      return std::unexpected(fmt::format("{}: write failed", file.string()));
    }
  }
  std::error_code ec;
  std::filesystem::rename(temp, file, ec);
  if (ec) {
    std::error_code ignored;
    std::filesystem::remove(temp, ignored);
    return std::unexpected(fmt::format("{}: cannot rename {} into place: {}", file.string(),
                                       temp.string(), ec.message()));
  }
  return {};
}

}  // namespace sfh::harness
