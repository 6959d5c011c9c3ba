#include "harness/runner/selection.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <numeric>

namespace sfh::harness {
namespace {

bool IsNegative(std::string_view pattern) { return pattern.starts_with('-'); }

bool HasTag(const Scenario& scenario, const std::string& tag) {
  const auto& tags = scenario.document.tags;
  return std::find(tags.begin(), tags.end(), tag) != tags.end();
}

bool Selected(const Scenario& scenario, const ScenarioFilter& filter) {
  const std::string& id = scenario.document.id;
  bool any_positive = false;
  bool positive_match = false;
  for (const auto& pattern : filter.patterns) {
    if (IsNegative(pattern)) {
      if (GlobMatch(std::string_view(pattern).substr(1), id)) return false;
    } else {
      any_positive = true;
      positive_match = positive_match || GlobMatch(pattern, id);
    }
  }
  if (any_positive && !positive_match) return false;
  if (filter.tags.empty()) return true;
  return std::any_of(filter.tags.begin(), filter.tags.end(),
                     [&](const std::string& tag) { return HasTag(scenario, tag); });
}

// The filter as it was given on the command line, for messages.
std::string Describe(const ScenarioFilter& filter) {
  std::string out;
  for (const auto& pattern : filter.patterns) {
    out += fmt::format("{}--filter '{}'", out.empty() ? "" : " ", pattern);
  }
  if (!filter.tags.empty()) {
    std::string tags;
    for (const auto& tag : filter.tags) tags += (tags.empty() ? "" : ",") + tag;
    out += fmt::format("{}--tags '{}'", out.empty() ? "" : " ", tags);
  }
  return out;
}

std::optional<size_t> ParseCount(std::string_view text) {
  size_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

}  // namespace

bool GlobMatch(std::string_view pattern, std::string_view text) {
  // Greedy with one backtrack point: the last '*' seen absorbs one more character on mismatch.
  size_t p = 0, t = 0;
  size_t star = std::string_view::npos, star_text = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      star_text = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++star_text;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::expected<std::vector<Scenario>, std::string> SelectScenarios(std::vector<Scenario> scenarios,
                                                                  const ScenarioFilter& filter) {
  if (filter.empty()) return scenarios;
  // Each positive pattern and each tag must find something on its own: a typo in one of
  // several would otherwise go unnoticed.
  for (const auto& pattern : filter.patterns) {
    if (IsNegative(pattern)) continue;
    const bool matches = std::any_of(scenarios.begin(), scenarios.end(), [&](const Scenario& s) {
      return GlobMatch(pattern, s.document.id);
    });
    if (!matches) return std::unexpected(fmt::format("--filter '{}' matches no scenario", pattern));
  }
  for (const auto& tag : filter.tags) {
    const bool found = std::any_of(scenarios.begin(), scenarios.end(),
                                   [&](const Scenario& s) { return HasTag(s, tag); });
    if (!found) return std::unexpected(fmt::format("--tags: no scenario has the tag '{}'", tag));
  }
  std::vector<Scenario> selected;
  for (auto& scenario : scenarios) {
    if (Selected(scenario, filter)) selected.push_back(std::move(scenario));
  }
  if (selected.empty()) {
    return std::unexpected(fmt::format("{} select no scenario", Describe(filter)));
  }
  return selected;
}

std::expected<ShardSpec, std::string> ParseShard(std::string_view text) {
  const size_t slash = text.find('/');
  std::optional<size_t> index, total;
  if (slash != std::string_view::npos) {
    index = ParseCount(text.substr(0, slash));
    total = ParseCount(text.substr(slash + 1));
  }
  if (!index || !total) {
    return std::unexpected(
        fmt::format("--shard '{}' is not I/N (shard I of N, 1-based, e.g. 2/3)", text));
  }
  if (*total == 0 || *index == 0 || *index > *total) {
    return std::unexpected(fmt::format(
        "--shard '{}': the shard must be 1 to N of N shards (1-based, e.g. 1/3, 2/3, 3/3)", text));
  }
  return ShardSpec{*index, *total};
}

std::expected<std::optional<ShardSpec>, std::string> ShardFromEnvironment(
    const std::function<const char*(const char*)>& getenv) {
  // An empty value counts as unset: a wrapper may blank a variable it cannot remove.
  auto read = [&](const char* name) -> const char* {
    const char* value = getenv(name);
    return value != nullptr && *value != '\0' ? value : nullptr;
  };
  const char* index_text = read("GTEST_SHARD_INDEX");
  const char* total_text = read("GTEST_TOTAL_SHARDS");
  if (index_text == nullptr && total_text == nullptr) return std::nullopt;
  if (index_text == nullptr || total_text == nullptr) {
    return std::unexpected(
        fmt::format("GTEST_SHARD_INDEX ({}) and GTEST_TOTAL_SHARDS ({}) must be set together",
                    index_text ? index_text : "unset", total_text ? total_text : "unset"));
  }
  const auto index = ParseCount(index_text);
  const auto total = ParseCount(total_text);
  if (!index || !total || *total == 0 || *index >= *total) {
    return std::unexpected(fmt::format(
        "GTEST_SHARD_INDEX={} GTEST_TOTAL_SHARDS={}: the index must be 0 to total-1 (0-based)",
        index_text, total_text));
  }
  return ShardSpec{*index + 1, *total};
}

std::vector<Scenario> ShardScenarios(std::vector<Scenario> scenarios, const ShardSpec& shard) {
  std::vector<size_t> by_id(scenarios.size());
  std::iota(by_id.begin(), by_id.end(), size_t{0});
  std::stable_sort(by_id.begin(), by_id.end(), [&](size_t a, size_t b) {
    return scenarios[a].document.id < scenarios[b].document.id;
  });
  std::vector<bool> mine(scenarios.size(), false);
  for (size_t rank = 0; rank < by_id.size(); ++rank) {
    mine[by_id[rank]] = rank % shard.total == shard.index - 1;
  }
  std::vector<Scenario> out;
  for (size_t i = 0; i < scenarios.size(); ++i) {
    if (mine[i]) out.push_back(std::move(scenarios[i]));
  }
  return out;
}

}  // namespace sfh::harness
