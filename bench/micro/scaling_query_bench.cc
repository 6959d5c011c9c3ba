// Scaling of a REST query with the records behind it, 10 to 100,000 Accounts (an org built in
// code: a scenario file's 1 MiB bound holds about 20,000 records of an Id and a Name). Whole
// requests through MockOrg::Serve (faults, org, journal; no sockets), in batches of 2,000: the
// first page, every page in turn, and the first page of a sorted and of a filtered query. A
// counter says how much memory one open query cursor holds.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "bench/micro/bench_support.h"

namespace sfh::bench {
namespace {

// An org with n accounts and a token for it.
struct QueryOrg {
  std::unique_ptr<mock::MockOrg> org;
  std::string token;
  explicit QueryOrg(size_t n) : org(NewMockOrg(BenchOrg(n))), token(ObtainToken(*org)) {}
};

void RecordSizes(benchmark::internal::Benchmark* b) {
  for (int64_t n : Sizes(10, 100000)) b->Arg(n);
}

// Serves the first page of `soql` per iteration. A result larger than a batch (2,000) opens a
// query cursor, which is closed untimed so cursors do not pile up; the counter says how much heap
// one open cursor keeps. Smaller results open none, and nothing is paused.
void FirstPage(benchmark::State& state, const std::string& soql) {
  const size_t n = static_cast<size_t>(state.range(0));
  QueryOrg q(n);
  const HttpRequest request = Get(QueryTarget(soql), q.token);
  size_t body_bytes = 0;
  double cursor_heap = 0;
  // mallinfo2 walks the allocator's bins: it is kept out of the timed part.
  size_t heap_before = HeapBytes();
  for (auto _ : state) {
    HttpResponse response = q.org->Serve(request);
    if (response.status != 200) state.SkipWithError(response.body.c_str());
    body_bytes = response.body.size();
    if (q.org->org().query_cursors().size() == 0) continue;
    state.PauseTiming();
    response = {};
    // What stays allocated once the answer is gone: the open cursor (every row as JSON) and,
    // until the journal reaches its bounds, its copy of the exchange.
    cursor_heap = static_cast<double>(HeapBytes()) - static_cast<double>(heap_before);
    q.org->org().query_cursors().Clear();
    heap_before = HeapBytes();
    state.ResumeTiming();
  }
  state.SetComplexityN(state.range(0));
  state.SetItemsProcessed(state.iterations() * state.range(0));  // records behind the query
  state.counters["page_bytes"] = static_cast<double>(body_bytes);
  state.counters["cursor_heap"] = cursor_heap;
}

void BM_Query_FirstPage(benchmark::State& state) {
  FirstPage(state, "SELECT Id, Name FROM Account");
}
BENCHMARK(BM_Query_FirstPage)->Apply(RecordSizes)->Complexity()->Unit(benchmark::kMicrosecond);

void BM_Query_FirstPage_OrderBy(benchmark::State& state) {
  FirstPage(state, "SELECT Id, Name FROM Account ORDER BY Name");
}
BENCHMARK(BM_Query_FirstPage_OrderBy)
    ->Apply(RecordSizes)
    ->Complexity()
    ->Unit(benchmark::kMicrosecond);

void BM_Query_FirstPage_Where(benchmark::State& state) {
  FirstPage(state, "SELECT Id, Name FROM Account WHERE Industry = 'Banking'");
}
BENCHMARK(BM_Query_FirstPage_Where)
    ->Apply(RecordSizes)
    ->Complexity()
    ->Unit(benchmark::kMicrosecond);

// nextRecordsUrl of a page, found without parsing the page (the client's cost is not the
// mock's); "" on the last page.
std::string NextRecordsUrl(const std::string& body) {
  constexpr std::string_view kKey = "\"nextRecordsUrl\":\"";
  const size_t at = body.find(kKey);
  if (at == std::string::npos) return "";
  const size_t start = at + kKey.size();
  return body.substr(start, body.find('"', start) - start);
}

// The query and every nextRecordsUrl after it, until done: the whole result fetched.
void BM_Query_WalkAllPages(benchmark::State& state) {
  const size_t n = static_cast<size_t>(state.range(0));
  QueryOrg q(n);
  const HttpRequest first = Get(QueryTarget("SELECT Id, Name FROM Account"), q.token);
  const int64_t expected_pages = std::max<int64_t>(1, (state.range(0) + 1999) / 2000);
  int64_t pages = 0;
  for (auto _ : state) {
    pages = 0;
    HttpResponse response = q.org->Serve(first);
    while (response.status == 200) {
      ++pages;
      const std::string next = NextRecordsUrl(response.body);
      if (next.empty()) break;
      response = q.org->Serve(Get(next, q.token));
    }
    if (response.status != 200) state.SkipWithError(response.body.c_str());
    if (pages != expected_pages) state.SkipWithError("unexpected number of pages");
  }
  state.SetComplexityN(state.range(0));
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.counters["pages"] = static_cast<double>(pages);
}
BENCHMARK(BM_Query_WalkAllPages)->Apply(RecordSizes)->Complexity()->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace sfh::bench
