#include "harness/runner/merge.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>

namespace sfh::harness {
namespace {

std::string ShardName(const ShardSpec& shard) {
  return fmt::format("{}/{}", shard.index, shard.total);
}

// Every run is a shard of the same total, each once, none missing; or none is a shard.
std::expected<void, std::string> CheckShards(const std::vector<NamedRun>& runs) {
  const NamedRun& first = runs.front();
  std::map<size_t, const NamedRun*> by_index;
  for (const NamedRun& r : runs) {
    if (r.run.shard.has_value() != first.run.shard.has_value()) {
      const NamedRun& sharded = r.run.shard ? r : first;
      const NamedRun& whole = r.run.shard ? first : r;
      return std::unexpected(fmt::format("{} is shard {} but {} is not a shard", sharded.name,
                                         ShardName(*sharded.run.shard), whole.name));
    }
    if (!r.run.shard) continue;
    if (r.run.shard->total != first.run.shard->total) {
      return std::unexpected(fmt::format("{} is shard {} but {} is shard {}: not the same sharding",
                                         first.name, ShardName(*first.run.shard), r.name,
                                         ShardName(*r.run.shard)));
    }
    const auto [it, inserted] = by_index.emplace(r.run.shard->index, &r);
    if (!inserted) {
      return std::unexpected(fmt::format("shard {} is given twice: {} and {}",
                                         ShardName(*r.run.shard), it->second->name, r.name));
    }
  }
  if (!first.run.shard) return {};
  std::string missing;
  for (size_t i = 1; i <= first.run.shard->total; ++i) {
    if (by_index.contains(i)) continue;
    missing += fmt::format("{}{}/{}", missing.empty() ? "" : ", ", i, first.run.shard->total);
  }
  if (!missing.empty()) {
    return std::unexpected(fmt::format(
        "shard {} missing: merge the reports of every shard, or the result is not the whole run",
        missing));
  }
  return {};
}

}  // namespace

std::expected<RunResult, std::string> MergeRuns(std::vector<NamedRun> runs) {
  if (runs.empty()) return std::unexpected("no reports to merge");
  const NamedRun& first = runs.front();
  for (const NamedRun& r : runs) {
    if (r.run.client != first.run.client) {
      return std::unexpected(fmt::format("{} and {} are runs of different clients ('{}' and '{}')",
                                         first.name, r.name, first.run.client, r.run.client));
    }
    if (r.run.tool_version != first.run.tool_version) {
      return std::unexpected(fmt::format("{} and {} come from different tools ('{}' and '{}')",
                                         first.name, r.name, first.run.tool_version,
                                         r.run.tool_version));
    }
  }
  if (auto shards = CheckShards(runs); !shards) return std::unexpected(shards.error());

  RunResult merged;
  merged.tool_version = first.run.tool_version;
  merged.client = first.run.client;
  merged.started_at = first.run.started_at;
  auto end = first.run.started_at + first.run.elapsed;
  std::map<std::string, std::string> seen;  // scenario id -> the run it came from
  for (NamedRun& r : runs) {
    merged.started_at = std::min(merged.started_at, r.run.started_at);
    end = std::max(end, r.run.started_at + r.run.elapsed);
    for (ScenarioResult& s : r.run.scenarios) {
      const auto [it, inserted] = seen.emplace(s.id, r.name);
      if (!inserted) {
        return std::unexpected(
            fmt::format("scenario '{}' is in both {} and {}", s.id, it->second, r.name));
      }
      merged.scenarios.push_back(std::move(s));
    }
    for (ExpectedFailure& entry : r.run.stale_expected_failures) {
      auto& stale = merged.stale_expected_failures;
      if (std::find(stale.begin(), stale.end(), entry) == stale.end()) stale.push_back(entry);
    }
  }
  merged.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(end - merged.started_at);
  std::stable_sort(merged.scenarios.begin(), merged.scenarios.end(),
                   [](const ScenarioResult& a, const ScenarioResult& b) {
                     return std::tie(a.file, a.id) < std::tie(b.file, b.id);
                   });
  return merged;
}

}  // namespace sfh::harness
