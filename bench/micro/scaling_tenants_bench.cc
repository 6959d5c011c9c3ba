// Scaling of MockService with its tenants (isolated orgs, 1 to 1,000: ServiceOptions' default
// max_tenants), and of one org with the tokens it has issued (100 to 100,000). Loading
// tenants, the per-request routing cost by consumer key, by an opaque token and by a token no
// tenant knows, and a whole token POST; then the next token and a redaction after n tokens.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "bench/micro/bench_support.h"
#include "mock_server/service.h"
#include "salesforce/token_format.h"

namespace sfh::bench {
namespace {

void TenantSizes(benchmark::internal::Benchmark* b) {
  for (int64_t n : Sizes(1, 1000)) b->Arg(n);
}

// The scenarios of n tenants: distinct org ids and consumer keys, three accounts each.
const std::vector<mock::ScenarioDocument>& TenantScenarios(size_t n) {
  static std::vector<mock::ScenarioDocument> scenarios;
  while (scenarios.size() < n) {
    const size_t i = scenarios.size();
    scenarios.push_back(BenchScenario(BenchOrg(3, i), fmt::format("bench/tenant-{}", i)));
  }
  return scenarios;
}

std::string TenantName(size_t i) { return fmt::format("tenant-{}", i); }

// A MockService serving n tenants, with room for one more.
std::unique_ptr<mock::MockService> ServiceWith(size_t n) {
  mock::ServiceOptions options;
  options.max_tenants = n + 1;
  auto service = std::make_unique<mock::MockService>(std::move(options));
  service->SetHostUrls(kHostUrls);
  const auto& scenarios = TenantScenarios(n);
  for (size_t i = 0; i < n; ++i) {
    auto loaded = service->Load(TenantName(i), scenarios[i]);
    if (!loaded) SetupFailed("Load", loaded.error());
  }
  return service;
}

// Loading n tenants into an empty service. Linear would be a constant cost per tenant.
void BM_Tenants_LoadN(benchmark::State& state) {
  const size_t n = static_cast<size_t>(state.range(0));
  const auto& scenarios = TenantScenarios(n);
  double heap_per_tenant = 0;
  for (auto _ : state) {
    state.PauseTiming();
    const size_t heap_before = HeapBytes();
    auto service = std::make_unique<mock::MockService>();
    service->SetHostUrls(kHostUrls);
    state.ResumeTiming();
    for (size_t i = 0; i < n; ++i) {
      auto loaded = service->Load(TenantName(i), scenarios[i]);
      if (!loaded) state.SkipWithError(loaded.error().c_str());
    }
    state.PauseTiming();
    heap_per_tenant = static_cast<double>(HeapBytes() - heap_before) / static_cast<double>(n);
    service.reset();
    state.ResumeTiming();
  }
  state.SetComplexityN(state.range(0));
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.counters["heap_per_tenant"] = heap_per_tenant;
}
BENCHMARK(BM_Tenants_LoadN)->Apply(TenantSizes)->Complexity()->Unit(benchmark::kMillisecond);

// Loading one more tenant into a service holding n, then removing it (both timed): the cost of
// one PUT /__admin/scenario and one DELETE as the service grows.
void BM_Tenants_LoadOneMore(benchmark::State& state) {
  const size_t n = static_cast<size_t>(state.range(0));
  auto service = ServiceWith(n);
  const auto extra = TenantScenarios(n + 1)[n];
  for (auto _ : state) {
    auto loaded = service->Load("extra", extra);
    if (!loaded) state.SkipWithError(loaded.error().c_str());
    service->Remove("extra");
  }
  state.SetComplexityN(state.range(0));
}
BENCHMARK(BM_Tenants_LoadOneMore)->Apply(TenantSizes)->Complexity()->Unit(benchmark::kMicrosecond);

// Routes `request` once per iteration; a route to any tenant but `expected` is an error.
void RouteLoop(benchmark::State& state, const mock::MockService& service,
               const mock::HttpRequest& request, const std::shared_ptr<mock::MockOrg>& expected) {
  for (auto _ : state) {
    auto routed = service.Route(request);
    if (routed != expected) state.SkipWithError("routed to the wrong tenant");
    benchmark::DoNotOptimize(routed);
  }
  state.SetComplexityN(state.range(0));
}

// MockService::Route for a request of the middle tenant, named by its consumer key.
void BM_Tenants_Route_ConsumerKey(benchmark::State& state) {
  const size_t n = static_cast<size_t>(state.range(0));
  auto service = ServiceWith(n);
  const HttpRequest request = TokenPost(BenchClientId(n / 2), BenchClientSecret(n / 2));
  const auto expected = service->Find(TenantName(n / 2));
  RouteLoop(state, *service, request, expected);
}
BENCHMARK(BM_Tenants_Route_ConsumerKey)->Apply(TenantSizes)->Complexity();

void BM_Tenants_Route_OpaqueToken(benchmark::State& state) {
  const size_t n = static_cast<size_t>(state.range(0));
  auto service = ServiceWith(n);
  const std::string token = ObtainToken(*service, n / 2);
  const HttpRequest request = Get(QueryTarget("SELECT Id FROM Account"), token);
  const auto expected = service->Find(TenantName(n / 2));
  RouteLoop(state, *service, request, expected);
}
BENCHMARK(BM_Tenants_Route_OpaqueToken)->Apply(TenantSizes)->Complexity();

// A well-formed opaque token of an org no tenant serves (a client still holding a token from a
// tenant that was replaced, or from another sfmock): no tenant, after searching for one.
void BM_Tenants_Route_UnknownToken(benchmark::State& state) {
  const size_t n = static_cast<size_t>(state.range(0));
  auto service = ServiceWith(n);
  const std::string token = salesforce::NewOpaqueAccessToken("00DS7000000zzzzMAA");
  const HttpRequest request = Get(QueryTarget("SELECT Id FROM Account"), token);
  for (auto _ : state) {
    auto routed = service->Route(request);
    benchmark::DoNotOptimize(routed);
  }
  state.SetComplexityN(state.range(0));
}
BENCHMARK(BM_Tenants_Route_UnknownToken)->Apply(TenantSizes)->Complexity();

// A whole token POST (route, issue, journal) for the middle tenant.
void BM_Tenants_Serve_TokenPost(benchmark::State& state) {
  const size_t n = static_cast<size_t>(state.range(0));
  auto service = ServiceWith(n);
  const HttpRequest request = TokenPost(BenchClientId(n / 2), BenchClientSecret(n / 2));
  for (auto _ : state) {
    HttpResponse response = service->Serve(request);
    if (response.status != 200) state.SkipWithError(response.body.c_str());
    benchmark::DoNotOptimize(response);
  }
  state.SetComplexityN(state.range(0));
}
BENCHMARK(BM_Tenants_Serve_TokenPost)->Apply(TenantSizes)->Complexity();

// One org that has issued n tokens: the cost of the next token POST, and the memory each token
// costs (sessions, the redactor's entries, the journal's ring).
void TokenSizes(benchmark::internal::Benchmark* b) {
  for (int64_t n : Sizes(100, 100000)) b->Arg(n);
}

struct BusyOrg {
  std::unique_ptr<mock::MockOrg> org = NewMockOrg(BenchOrg(3));
  HttpRequest request = TokenPost(BenchClientId(0), BenchClientSecret(0));
  double heap_per_token = 0;
  explicit BusyOrg(size_t tokens) {
    const size_t before = HeapBytes();
    for (size_t i = 0; i < tokens; ++i) (void)org->Serve(request);
    heap_per_token = static_cast<double>(HeapBytes() - before) / static_cast<double>(tokens);
  }
};

void BM_Tokens_NextTokenAfterN(benchmark::State& state) {
  BusyOrg busy(static_cast<size_t>(state.range(0)));
  for (auto _ : state) {
    HttpResponse response = busy.org->Serve(busy.request);
    if (response.status != 200) state.SkipWithError(response.body.c_str());
    benchmark::DoNotOptimize(response);
  }
  state.SetComplexityN(state.range(0));
  state.counters["heap_per_token"] = busy.heap_per_token;
}
BENCHMARK(BM_Tokens_NextTokenAfterN)->Apply(TokenSizes)->Complexity()->Iterations(1000);

// The org's redactor on a token response body after n tokens: every journal export and report
// line goes through it.
void BM_Tokens_RedactAfterN(benchmark::State& state) {
  BusyOrg busy(static_cast<size_t>(state.range(0)));
  const std::string body = busy.org->Serve(busy.request).body;
  for (auto _ : state) {
    auto redacted = busy.org->org().redactor().Redact(body);
    benchmark::DoNotOptimize(redacted);
  }
  state.SetComplexityN(state.range(0));
}
BENCHMARK(BM_Tokens_RedactAfterN)->Apply(TokenSizes)->Complexity();

}  // namespace
}  // namespace sfh::bench
