// Micro-benchmarks of mock_server/: token issue (opaque and JWT), response serialisation, the
// journal (alone and with two threads appending), the session table when full, the SOQL parser,
// and whole requests through MockService::Serve with no sockets, so the mock's own cost per
// request is known apart from the network's.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bench/micro/bench_support.h"
#include "mock_server/endpoints/grants/token_response.h"
#include "mock_server/endpoints/soql.h"
#include "mock_server/journal/journal.h"
#include "mock_server/mock_org.h"
#include "mock_server/org/session_table.h"
#include "mock_server/service.h"
#include "salesforce/token_format.h"

namespace sfh::bench {
namespace {

using mock::Journal;

// An org with its app and Run As user, for calling Org methods directly.
struct OrgFixture {
  std::unique_ptr<mock::MockOrg> mock;
  const mock::AppConfig* app;
  const mock::UserConfig* user;
  explicit OrgFixture(bool jwt_tokens = false)
      : mock(NewMockOrg(BenchOrg(3, 0, jwt_tokens))),
        app(&mock->org().config().apps.front()),
        user(&mock->org().config().users.front()) {}
};

// Org::IssueSession for an opaque token: a random token, its registration with the redactor and
// the session table. No HTTP, no JSON.
void BM_IssueSession_Opaque(benchmark::State& state) {
  OrgFixture f;
  for (auto _ : state) {
    auto session = f.mock->org().IssueSession(*f.app, *f.user, {.scope = "api"});
    benchmark::DoNotOptimize(session);
  }
}
BENCHMARK(BM_IssueSession_Opaque);

// The same for a JWT-based access token: claims, RS256 with the org's key (made before timing),
// base64url. Compare with BM_SignJwt_RS256 and BM_RawOpenSslRs256.
void BM_IssueSession_Jwt(benchmark::State& state) {
  OrgFixture f(/*jwt_tokens=*/true);
  (void)f.mock->org().IssueSession(*f.app, *f.user, {.scope = "api"});  // makes the key
  for (auto _ : state) {
    auto session = f.mock->org().IssueSession(*f.app, *f.user, {.scope = "api"});
    benchmark::DoNotOptimize(session);
  }
}
BENCHMARK(BM_IssueSession_Jwt)->Unit(benchmark::kMicrosecond);

// The token response body: the signature (HMAC-SHA256) and the JSON, as every grant writes it.
void BM_TokenResponseJson(benchmark::State& state) {
  OrgFixture f;
  const auto session = f.mock->org().IssueSession(*f.app, *f.user, {.scope = "api"});
  for (auto _ : state) {
    auto response = mock::TokenSuccess(f.mock->org(), *f.app, session, "");
    benchmark::DoNotOptimize(response);
  }
}
BENCHMARK(BM_TokenResponseJson);

// A query result page of `records` accounts as rest_query.cc builds it (attributes, Id, Name,
// Industry per record), built and serialised.
nlohmann::ordered_json QueryPage(int64_t records) {
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (int64_t i = 0; i < records; ++i) {
    nlohmann::ordered_json row;
    const std::string id = "001S7000001AcmEIAS";
    row["attributes"] = {{"type", "Account"},
                         {"url", "/services/data/v67.0/sobjects/Account/" + id}};
    row["Id"] = id;
    row["Name"] = fmt::format("Account {:06}", i);
    row["Industry"] = "Technology";
    rows.push_back(std::move(row));
  }
  nlohmann::ordered_json page;
  page["totalSize"] = records;
  page["done"] = true;
  page["records"] = std::move(rows);
  return page;
}

void BM_QueryPageJson_BuildAndDump(benchmark::State& state) {
  size_t bytes = 0;
  for (auto _ : state) {
    const std::string body = QueryPage(state.range(0)).dump();
    bytes = body.size();
    benchmark::DoNotOptimize(body);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(bytes));
}
BENCHMARK(BM_QueryPageJson_BuildAndDump)->Arg(200)->Arg(2000)->Unit(benchmark::kMicrosecond);

void BM_QueryPageJson_DumpOnly(benchmark::State& state) {
  const auto page = QueryPage(state.range(0));
  size_t bytes = 0;
  for (auto _ : state) {
    const std::string body = page.dump();
    bytes = body.size();
    benchmark::DoNotOptimize(body);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(bytes));
}
BENCHMARK(BM_QueryPageJson_DumpOnly)->Arg(200)->Arg(2000)->Unit(benchmark::kMicrosecond);

// Three real exchanges (token POST, discovery GET, query GET) taken from a mock's journal.
const std::vector<mock::Exchange>& TypicalExchanges() {
  static const std::vector<mock::Exchange> exchanges = [] {
    auto org = NewMockOrg(BenchOrg(3));
    const std::string token = ObtainToken(*org);
    (void)org->Serve(Get("/.well-known/openid-configuration"));
    (void)org->Serve(Get(QueryTarget("SELECT Id, Name FROM Account"), token));
    return org->journal().Snapshot();
  }();
  return exchanges;
}

// Copying an exchange, which each BM_JournalRecord iteration does before recording; subtract it.
void BM_ExchangeCopy(benchmark::State& state) {
  const auto& exchanges = TypicalExchanges();
  size_t i = 0;
  for (auto _ : state) {
    mock::Exchange copy = exchanges[i++ % exchanges.size()];
    benchmark::DoNotOptimize(copy);
  }
}
BENCHMARK(BM_ExchangeCopy);

// Journal::Record in the steady state of a full ring (the default 5,000 exchanges: every append
// drops the oldest). With ->Threads(2) both threads append to one journal: its mutex contended.
void BM_JournalRecord(benchmark::State& state) {
  static Journal journal;  // one for every run; runs of a benchmark never overlap
  const auto& exchanges = TypicalExchanges();
  if (state.thread_index() == 0) {
    journal.Clear();
    for (size_t i = 0; i < Journal::kDefaultCapacity; ++i) {
      journal.Record(exchanges[i % exchanges.size()]);
    }
  }
  // Google Benchmark holds every thread at the loop's start until all arrive, so the other
  // thread sees the journal filled.
  size_t i = static_cast<size_t>(state.thread_index());
  for (auto _ : state) {
    benchmark::DoNotOptimize(journal.Record(exchanges[i++ % exchanges.size()]));
  }
  state.SetItemsProcessed(state.iterations());
  if (state.thread_index() == 0) {
    state.counters["bytes_per_entry"] =
        static_cast<double>(journal.bytes()) / Journal::kDefaultCapacity;
  }
}
BENCHMARK(BM_JournalRecord)->Threads(1)->Threads(2)->UseRealTime();

// SessionTable::Put on a full table of the org's default size (OrgLimits::max_sessions): every
// token stored forgets the oldest, as on a mock that has issued tokens for a while. Tokens are
// opaque access tokens, drawn before timing from a pool four times the table, so each is new when
// put. The counter longest_put_us is the slowest single Put of the run, timed with steady_clock
// (which adds its own cost to every iteration): the index's in-place clean-ups of tombstones show
// there.
void BM_SessionTable_PutFull(benchmark::State& state) {
  const size_t capacity = mock::OrgLimits{}.max_sessions;
  std::vector<std::string> tokens(4 * capacity);
  for (auto& token : tokens) token = salesforce::NewOpaqueAccessToken("00DS7000000sfmkMAA");
  mock::SessionTable table(capacity);
  const auto shape = std::make_shared<const mock::Session>();
  for (size_t i = 0; i < capacity; ++i) table.Put(tokens[i], shape, {}, {}, false);
  size_t next = capacity;
  std::chrono::steady_clock::duration longest{};
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    table.Put(tokens[next], shape, {}, {}, false);
    longest = std::max(longest, std::chrono::steady_clock::now() - start);
    next = (next + 1) % tokens.size();
  }
  state.counters["longest_put_us"] = std::chrono::duration<double, std::micro>(longest).count();
}
BENCHMARK(BM_SessionTable_PutFull);

void BM_ParseSoql(benchmark::State& state, const char* soql) {
  for (auto _ : state) {
    auto query = mock::ParseSoql(soql);
    benchmark::DoNotOptimize(query);
  }
}
BENCHMARK_CAPTURE(BM_ParseSoql, simple, "SELECT Id, Name FROM Account");
BENCHMARK_CAPTURE(BM_ParseSoql, where_order_limit,
                  "SELECT Id, Name, Industry FROM Account a WHERE (Name LIKE 'Acme%' OR "
                  "Industry IN ('Technology', 'Banking')) AND NOT AnnualRevenue < 1000 "
                  "ORDER BY Name DESC NULLS LAST, Id LIMIT 10 OFFSET 5");

// A MockService with one tenant, as sfmock serves it; requests go in with no sockets.
struct ServiceFixture {
  mock::MockService service;
  std::string token;
  explicit ServiceFixture(bool jwt_tokens = false) {
    service.SetHostUrls(kHostUrls);
    auto loaded = service.Load("default", BenchScenario(BenchOrg(3, 0, jwt_tokens)),
                               std::make_shared<mock::ManualClock>());
    if (!loaded) SetupFailed("Load", loaded.error());
    token = ObtainToken(service);
  }
};

void BM_Serve_TokenPost(benchmark::State& state) {
  ServiceFixture f;
  const HttpRequest request = TokenPost(BenchClientId(0), BenchClientSecret(0));
  for (auto _ : state) {
    HttpResponse response = f.service.Serve(request);
    if (response.status != 200) state.SkipWithError(response.body.c_str());
    benchmark::DoNotOptimize(response);
  }
}
BENCHMARK(BM_Serve_TokenPost);

void BM_Serve_TokenPost_Jwt(benchmark::State& state) {
  ServiceFixture f(/*jwt_tokens=*/true);
  const HttpRequest request = TokenPost(BenchClientId(0), BenchClientSecret(0));
  for (auto _ : state) {
    HttpResponse response = f.service.Serve(request);
    if (response.status != 200) state.SkipWithError(response.body.c_str());
    benchmark::DoNotOptimize(response);
  }
}
BENCHMARK(BM_Serve_TokenPost_Jwt)->Unit(benchmark::kMicrosecond);

void BM_Serve_Discovery(benchmark::State& state) {
  ServiceFixture f;
  const HttpRequest request = Get("/.well-known/openid-configuration");
  for (auto _ : state) {
    HttpResponse response = f.service.Serve(request);
    if (response.status != 200) state.SkipWithError(response.body.c_str());
    benchmark::DoNotOptimize(response);
  }
}
BENCHMARK(BM_Serve_Discovery);

// GET .../query?q=SELECT Id, Name FROM Account: the happy path's REST read (three accounts).
void BM_Serve_Query(benchmark::State& state) {
  ServiceFixture f;
  const HttpRequest request = Get(QueryTarget("SELECT Id, Name FROM Account"), f.token);
  for (auto _ : state) {
    HttpResponse response = f.service.Serve(request);
    if (response.status != 200) state.SkipWithError(response.body.c_str());
    benchmark::DoNotOptimize(response);
  }
}
BENCHMARK(BM_Serve_Query);

}  // namespace
}  // namespace sfh::bench
