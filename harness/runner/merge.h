// Merging the results of several runs, typically the shards of one run (`sfharness merge`), into
// one RunResult, as if it had been one run. Pure; thread-safe.
#ifndef SFH_HARNESS_RUNNER_MERGE_H_
#define SFH_HARNESS_RUNNER_MERGE_H_

#include <expected>
#include <string>
#include <vector>

#include "harness/runner/result.h"

namespace sfh::harness {

struct NamedRun {
  std::string name;  // where it came from, for messages: "shard-1/report.json"
  RunResult run;
};

// One run from `runs`:
//   - scenarios of all runs, ordered by file, then id: an unsharded run over one scenario
//     directory lists them in that order too;
//   - started_at the earliest, elapsed from it to the latest end;
//   - stale_expected_failures the union, in order, each once; shard unset.
// Errors (each naming the runs concerned): no runs; runs of different clients or tool versions;
// a scenario id in two runs; some runs shards and some not; shards of different totals; a shard
// twice; a shard missing (every shard 1..N must be given).
[[nodiscard]] std::expected<RunResult, std::string> MergeRuns(std::vector<NamedRun> runs);

}  // namespace sfh::harness

#endif  // SFH_HARNESS_RUNNER_MERGE_H_
