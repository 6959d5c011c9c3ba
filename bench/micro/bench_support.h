// What the micro and scaling benchmarks share: orgs built in code (scenarios/FORMAT.md's "org"
// without a file, so sizes beyond a scenario file's 1 MiB are possible), requests built the way
// clients send them, and a token obtained through the org's own token endpoint. Header-only.
//
// Every org here lifts the limits a long benchmark would otherwise hit (the daily API limit, the
// session timeout) and runs on a ManualClock, so results do not depend on the wall clock.
#ifndef SFH_BENCH_MICRO_BENCH_SUPPORT_H_
#define SFH_BENCH_MICRO_BENCH_SUPPORT_H_

#include <fmt/format.h>
#include <malloc.h>

#include <climits>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mock_server/mock_org.h"
#include "mock_server/org/org_config.h"
#include "mock_server/scenario/scenario_file.h"
#include "salesforce/form.h"
#include "salesforce/record_id.h"

namespace sfh::bench {

using mock::HttpRequest;
using mock::HttpResponse;

// The listener URLs the benchmarks pretend the org is served on (no sockets are opened).
inline const mock::HostUrls kHostUrls = {"https://127.0.0.1:1001", "https://127.0.0.1:1002",
                                         "https://127.0.0.1:1003", ""};

// The consumer key and secret of app `index` (85 and 64 characters, like generated ones).
inline std::string BenchClientId(size_t index) {
  return fmt::format("3MVG9bench.ConsumerKey.{:0>62}", index);
}
inline std::string BenchClientSecret(size_t index) { return fmt::format("{:0>64X}", index + 1); }

// An org with one External Client App (client credentials on, Run As set, scope api), one user,
// and `accounts` Account records named "Account 000042" (three default accounts when 0 is not
// asked for: pass the count you want). `index` makes the ids and credentials distinct, so many
// such orgs can be tenants of one MockService.
inline mock::OrgConfig BenchOrg(size_t accounts = 3, size_t index = 0, bool jwt_tokens = false) {
  mock::OrgConfig org;
  org.my_domain = fmt::format("bench{}", index);
  org.org_id = salesforce::NewRecordId(salesforce::kOrgKeyPrefix);
  org.daily_api_limit = INT_MAX;          // a benchmark makes far more than 15,000 calls
  org.session_timeout_minutes = 24 * 60;  // tokens outlive any run
  mock::UserConfig user;
  user.username = fmt::format("integration@bench{}.test", index);
  user.email = user.username;
  user.id = salesforce::NewRecordId(salesforce::kUserKeyPrefix);
  org.users.push_back(user);
  mock::AppConfig app;
  app.name = "Bench Integration";
  app.client_id = BenchClientId(index);
  app.client_secret = BenchClientSecret(index);
  app.run_as = user.username;
  app.jwt_access_tokens = jwt_tokens;
  org.apps.push_back(std::move(app));
  std::vector<mock::RecordConfig> records;
  records.reserve(accounts);
  for (size_t i = 0; i < accounts; ++i) {
    mock::RecordConfig record{salesforce::NewRecordId(salesforce::kAccountKeyPrefix),
                              nlohmann::ordered_json::object()};
    // Names in a scrambled order, so ORDER BY has work to do.
    record.fields["Name"] = fmt::format("Account {:06}", (i * 7919) % (accounts + 1));
    record.fields["Industry"] = i % 2 == 0 ? "Technology" : "Banking";
    record.fields["AnnualRevenue"] = static_cast<double>(i) * 1000.0;
    records.push_back(std::move(record));
  }
  org.records["Account"] = std::move(records);
  return org;
}

// A scenario document serving `org` (for MockService::Load).
inline mock::ScenarioDocument BenchScenario(mock::OrgConfig org, std::string id = "bench/org") {
  mock::ScenarioDocument doc;
  doc.id = std::move(id);
  doc.title = "benchmark org";
  doc.org = std::move(org);
  return doc;
}

// Fills path and query from target, and a remote address, as the wire layer does.
inline HttpRequest Finish(HttpRequest r) {
  const auto [path, query] = salesforce::SplitTarget(r.target);
  r.path = std::string(path);
  r.query = std::string(query);
  if (r.remote.empty()) r.remote = "127.0.0.1:50000";
  return r;
}

// POST /services/oauth2/token, grant_type=client_credentials, credentials in the form body.
inline HttpRequest TokenPost(const std::string& client_id, const std::string& client_secret) {
  HttpRequest r;
  r.method = "POST";
  r.target = "/services/oauth2/token";
  r.headers.Add("Host", "bench.my.salesforce.com");
  r.headers.Add("Content-Type", "application/x-www-form-urlencoded");
  r.headers.Add("Accept", "application/json");
  r.body = salesforce::EncodeForm({{"grant_type", "client_credentials"},
                                   {"client_id", client_id},
                                   {"client_secret", client_secret}});
  return Finish(std::move(r));
}

// GET `target`, with a Bearer token when one is given.
inline HttpRequest Get(const std::string& target, const std::string& token = "") {
  HttpRequest r;
  r.method = "GET";
  r.target = target;
  r.headers.Add("Host", "bench.my.salesforce.com");
  r.headers.Add("Accept", "application/json");
  if (!token.empty()) r.headers.Add("Authorization", "Bearer " + token);
  return Finish(std::move(r));
}

// The query URL for `soql` (form-encoded, as clients send it).
inline std::string QueryTarget(std::string_view soql, int version = 67) {
  return fmt::format("/services/data/v{}.0/query?q={}", version, salesforce::PercentEncode(soql));
}

// Exits with a message: a benchmark whose setup failed measures nothing worth printing.
[[noreturn]] inline void SetupFailed(std::string_view what, std::string_view detail) {
  std::fprintf(stderr, "benchmark setup failed: %.*s: %.*s\n", static_cast<int>(what.size()),
               what.data(), static_cast<int>(detail.size()), detail.data());
  std::exit(2);
}

// Asks `serve` (a MockOrg or MockService) for a token for app `index` and returns it.
template <typename Servable>
std::string ObtainToken(Servable& serve, size_t index = 0) {
  HttpResponse r = serve.Serve(TokenPost(BenchClientId(index), BenchClientSecret(index)));
  if (r.status != 200) SetupFailed("token request", r.body);
  return nlohmann::json::parse(r.body).at("access_token").get<std::string>();
}

// A MockOrg on a ManualClock pointed at kHostUrls.
inline std::unique_ptr<mock::MockOrg> NewMockOrg(
    mock::OrgConfig config, size_t journal_capacity = mock::Journal::kDefaultCapacity) {
  auto org = std::make_unique<mock::MockOrg>(
      std::move(config), std::vector<mock::FaultRule>{}, std::make_shared<mock::ManualClock>(),
      mock::MockLimits{.journal_capacity = journal_capacity});
  org->org().SetHostUrls(kHostUrls);
  return org;
}

// Bytes the allocator holds for the program right now (glibc's mallinfo2).
inline size_t HeapBytes() {
  const struct mallinfo2 info = mallinfo2();
  return info.uordblks + info.hblkhd;
}

// Whether SFH_BENCH_QUICK is set (the CTest smoke run): scaling ranges keep their two smallest
// sizes, so every benchmark still runs but in well under a second.
inline bool QuickRun() {
  const char* quick = std::getenv("SFH_BENCH_QUICK");
  return quick != nullptr && *quick != '\0' && std::string_view(quick) != "0";
}

// Sizes lo, lo*step, ... up to hi (each a benchmark argument), or the first two when QuickRun().
inline std::vector<int64_t> Sizes(int64_t lo, int64_t hi, int64_t step = 10) {
  std::vector<int64_t> out;
  for (int64_t n = lo; n <= hi; n *= step) out.push_back(n);
  if (QuickRun() && out.size() > 2) out.resize(2);
  return out;
}

}  // namespace sfh::bench

#endif  // SFH_BENCH_MICRO_BENCH_SUPPORT_H_
