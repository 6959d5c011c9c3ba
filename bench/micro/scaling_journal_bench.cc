// Scaling of the journal with the exchanges it holds, 1,000 to 100,000 (its capacity raised to
// hold them all; sfmock's default ring keeps 5,000): appending, selecting and exporting the few
// exchanges after a sequence number (what the viewer and a poller ask every second), exporting
// everything, and the memory each exchange costs.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "bench/micro/bench_support.h"
#include "mock_server/journal/journal.h"
#include "salesforce/redactor.h"

namespace sfh::bench {
namespace {

using mock::Journal;

// Exchanges of a real mock: a token POST, a discovery GET and a query GET, with the org's
// redactor (which knows the secret and the token) for exports.
struct Traffic {
  std::unique_ptr<mock::MockOrg> org = NewMockOrg(BenchOrg(3));
  std::vector<mock::Exchange> exchanges;
  Traffic() {
    const std::string token = ObtainToken(*org);
    (void)org->Serve(Get("/.well-known/openid-configuration"));
    (void)org->Serve(Get(QueryTarget("SELECT Id, Name FROM Account"), token));
    exchanges = org->journal().Snapshot();
  }
  const salesforce::Redactor& redactor() const { return org->org().redactor(); }
};

const Traffic& SharedTraffic() {
  static const Traffic traffic;
  return traffic;
}

// A journal holding `n` exchanges, none dropped.
std::unique_ptr<Journal> FilledJournal(size_t n) {
  const auto& exchanges = SharedTraffic().exchanges;
  auto journal = std::make_unique<Journal>(n, std::numeric_limits<size_t>::max());
  for (size_t i = 0; i < n; ++i) journal->Record(exchanges[i % exchanges.size()]);
  return journal;
}

void JournalSizes(benchmark::internal::Benchmark* b) {
  for (int64_t n : Sizes(1000, 100000)) b->Arg(n);
}

// Appending n exchanges to an empty journal. Linear means a constant cost per append.
void BM_Journal_AppendN(benchmark::State& state) {
  const size_t n = static_cast<size_t>(state.range(0));
  const auto& exchanges = SharedTraffic().exchanges;
  double heap_per_entry = 0;
  double counted_per_entry = 0;
  for (auto _ : state) {
    state.PauseTiming();
    const size_t heap_before = HeapBytes();
    auto journal = std::make_unique<Journal>(n, std::numeric_limits<size_t>::max());
    state.ResumeTiming();
    for (size_t i = 0; i < n; ++i) journal->Record(exchanges[i % exchanges.size()]);
    state.PauseTiming();
    heap_per_entry = static_cast<double>(HeapBytes() - heap_before) / static_cast<double>(n);
    counted_per_entry = static_cast<double>(journal->bytes()) / static_cast<double>(n);
    journal.reset();
    state.ResumeTiming();
  }
  state.SetComplexityN(state.range(0));
  state.SetItemsProcessed(state.iterations() * state.range(0));
  // bytes() is what the journal counts against its 64 MiB bound; heap is what malloc holds.
  state.counters["bytes_per_entry"] = counted_per_entry;
  state.counters["heap_per_entry"] = heap_per_entry;
}
BENCHMARK(BM_Journal_AppendN)->Apply(JournalSizes)->Complexity()->Unit(benchmark::kMillisecond);

// Select(since = last - 10): the ten newest exchanges of a journal holding n.
void BM_Journal_SelectNewest10(benchmark::State& state) {
  const auto journal = FilledJournal(static_cast<size_t>(state.range(0)));
  const mock::JournalQuery query{.since = journal->total() - 10};
  for (auto _ : state) {
    auto selected = journal->Select(query);
    if (selected.size() != 10) state.SkipWithError("expected 10 exchanges");
    benchmark::DoNotOptimize(selected);
  }
  state.SetComplexityN(state.range(0));
}
BENCHMARK(BM_Journal_SelectNewest10)->Apply(JournalSizes)->Complexity();

// ExportJson(since = last - 10): what GET /__admin/journal?since=... costs a poller.
void BM_Journal_ExportNewest10(benchmark::State& state) {
  const auto journal = FilledJournal(static_cast<size_t>(state.range(0)));
  const mock::JournalQuery query{.since = journal->total() - 10};
  for (auto _ : state) {
    auto json = journal->ExportJson(SharedTraffic().redactor(), query);
    benchmark::DoNotOptimize(json);
  }
  state.SetComplexityN(state.range(0));
}
BENCHMARK(BM_Journal_ExportNewest10)->Apply(JournalSizes)->Complexity();

// ExportJson of every exchange (redacted, explained): linear at best; 100 to 10,000.
void BM_Journal_ExportAll(benchmark::State& state) {
  const auto journal = FilledJournal(static_cast<size_t>(state.range(0)));
  size_t bytes = 0;
  for (auto _ : state) {
    auto json = journal->ExportJson(SharedTraffic().redactor());
    bytes = json.size();
    benchmark::DoNotOptimize(json);
  }
  state.SetComplexityN(state.range(0));
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(bytes));
}
BENCHMARK(BM_Journal_ExportAll)
    ->Apply([](benchmark::internal::Benchmark* b) {
      for (int64_t n : Sizes(100, 10000)) b->Arg(n);
      if (!QuickRun()) b->Arg(5000);
    })
    ->Complexity()
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace sfh::bench
