// Which scenarios a run plays: filters over ids (--filter), tags (--tags) and sharding across
// machines (--shard I/N, or googletest's GTEST_SHARD_INDEX / GTEST_TOTAL_SHARDS convention).
// Pure functions over the loaded scenarios; thread-safe.
#ifndef SFH_HARNESS_RUNNER_SELECTION_H_
#define SFH_HARNESS_RUNNER_SELECTION_H_

#include <expected>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/runner/result.h"
#include "harness/scenario/scenario.h"

namespace sfh::harness {

// Whether `text` matches the glob `pattern`: `*` matches any run of characters (slashes
// included, as in googletest's filters), `?` any one character; everything else literally.
bool GlobMatch(std::string_view pattern, std::string_view text);

struct ScenarioFilter {
  // Globs over scenario ids; one with a leading '-' excludes what it matches. A scenario is
  // selected when it matches one of the positive patterns (or there are none) and no negative.
  std::vector<std::string> patterns;
  // A scenario is selected when it has one of these tags (or there are none).
  std::vector<std::string> tags;
  bool empty() const { return patterns.empty() && tags.empty(); }
};

// The scenarios `filter` selects, in their given order. An error, naming the culprit, when a
// positive pattern matches no scenario, a tag is on no scenario, or the filter as a whole
// selects nothing (a usage error: a typo must not turn into an empty, green run).
[[nodiscard]] std::expected<std::vector<Scenario>, std::string> SelectScenarios(
    std::vector<Scenario> scenarios, const ScenarioFilter& filter);

// "I/N" with 1 <= I <= N: shard I (1-based) of N. An error says what is wrong with `text`.
[[nodiscard]] std::expected<ShardSpec, std::string> ParseShard(std::string_view text);

// googletest's convention: GTEST_SHARD_INDEX (0-based) and GTEST_TOTAL_SHARDS, read through
// `getenv`. Neither set (or set empty): no sharding (nullopt); one without the other, or values
// that are not 0 <= index < total: an error. The result's index is 1-based, like --shard.
[[nodiscard]] std::expected<std::optional<ShardSpec>, std::string> ShardFromEnvironment(
    const std::function<const char*(const char*)>& getenv);

// The scenarios of shard `shard`, in their given order. Assignment is round-robin over the
// scenarios sorted by id: the k-th id (0-based) goes to shard k % total + 1, so each scenario is
// in exactly one shard, and every shard must be given the same selection. A shard may be empty.
std::vector<Scenario> ShardScenarios(std::vector<Scenario> scenarios, const ShardSpec& shard);

}  // namespace sfh::harness

#endif  // SFH_HARNESS_RUNNER_SELECTION_H_
