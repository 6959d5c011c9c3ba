#include "harness/drift/drift.h"

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>

#include "mock_server/service.h"
#include "mock_server/wire/mock_server.h"
#include "salesforce/api_versions.h"
#include "salesforce/hosts.h"
#include "salesforce/redactor.h"

namespace sfh::harness::drift {
namespace {

namespace sf = ::sfh::salesforce;
using diagnose::ProbeStatus;
using json = nlohmann::json;

// One request a side's probes sent and what came back, unredacted: it stays in memory.
struct Recorded {
  net::Request request;
  net::Outcome outcome;
};

// Sends through `send`, keeps every exchange, and teaches the redactor each token as it arrives,
// before diagnose or this file could show it.
class Recorder {
 public:
  Recorder(diagnose::Sender send, sf::Redactor& redactor)
      : send_(std::move(send)), redactor_(redactor) {}

  diagnose::Sender Bind() {
    return [this](const net::Request& request) {
      net::Outcome outcome = send_(request);
      if (outcome.result) LearnTokens(outcome.result->body);
      std::lock_guard lock(mu_);
      records_.push_back({request, outcome});
      return outcome;
    };
  }

  std::vector<Recorded> Take() {
    std::lock_guard lock(mu_);
    return std::move(records_);
  }

 private:
  void LearnTokens(std::string_view body) {
    const json doc = json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (!doc.is_object()) return;
    for (const char* key : {"access_token", "refresh_token", "id_token"}) {
      auto it = doc.find(key);
      if (it != doc.end() && it->is_string()) {
        redactor_.Add(it->get<std::string>(), sf::Redactor::Kind::kToken);
      }
    }
  }

  diagnose::Sender send_;
  sf::Redactor& redactor_;
  std::mutex mu_;
  std::vector<Recorded> records_;
};

// One side's run: diagnose's report, and for each probe the exchange it made (or shares).
struct SideRun {
  diagnose::Report report;
  std::vector<Recorded> records;
  std::vector<std::optional<size_t>> exchange_of;  // per probe: an index into records
  ShapeContext context;
};

bool SameExchange(const diagnose::ProbeExchange& a, const diagnose::ProbeExchange& b) {
  return a.method == b.method && a.url == b.url && a.status == b.status && a.failure == b.failure &&
         a.elapsed == b.elapsed;
}

// Probes send at most one request each, in order; a probe that reuses an earlier probe's answer
// (`org` reads `connection`'s) carries a copy of its exchange.
std::vector<std::optional<size_t>> PairExchanges(const diagnose::Report& report,
                                                 const std::vector<Recorded>& records) {
  std::vector<std::optional<size_t>> out;
  size_t next = 0;
  const diagnose::ProbeExchange* previous = nullptr;
  std::optional<size_t> previous_index;
  for (const auto& probe : report.probes) {
    if (!probe.exchange) {
      out.emplace_back();
      continue;
    }
    if (previous != nullptr && SameExchange(*previous, *probe.exchange)) {
      out.push_back(previous_index);
      continue;
    }
    if (next < records.size() && records[next].request.method == probe.exchange->method) {
      previous_index = next++;
      previous = &*probe.exchange;
      out.push_back(previous_index);
    } else {
      out.emplace_back();
    }
  }
  return out;
}

SideRun RunSide(const diagnose::DiagnoseOptions& options, diagnose::Sender send,
                sf::Redactor& redactor) {
  if (!send) {
    send = [net = options.net](const net::Request& request) { return net::Send(request, net); };
  }
  Recorder recorder(std::move(send), redactor);
  SideRun run;
  run.report = diagnose::Diagnose(options, recorder.Bind());
  run.records = recorder.Take();
  run.exchange_of = PairExchanges(run.report, run.records);
  run.context.origin = run.report.base_url;
  return run;
}

const diagnose::ProbeResult* FindProbe(const diagnose::Report& report, std::string_view id) {
  for (const auto& probe : report.probes) {
    if (probe.id == id) return &probe;
  }
  return nullptr;
}

const Recorded* ExchangeOf(const SideRun& run, std::string_view id) {
  for (size_t i = 0; i < run.report.probes.size(); ++i) {
    if (run.report.probes[i].id == id && run.exchange_of[i])
      return &run.records[*run.exchange_of[i]];
  }
  return nullptr;
}

std::optional<json> AnswerJson(const Recorded* recorded) {
  if (recorded == nullptr || !recorded->outcome.result) return std::nullopt;
  json doc = json::parse(recorded->outcome.result->body, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return std::nullopt;
  return doc;
}

// The newest version /services/data/ listed, e.g. 67.
std::optional<int> LatestVersion(const SideRun& live) {
  const auto doc = AnswerJson(ExchangeOf(live, "org"));
  if (!doc || !doc->is_array()) return std::nullopt;
  std::optional<int> newest;
  for (const json& entry : *doc) {
    if (!entry.is_object() || !entry.contains("version") || !entry["version"].is_string()) continue;
    const auto major = sf::ParseVersionSegment("v" + entry["version"].get<std::string>());
    if (major && (!newest || *major > *newest)) newest = major;
  }
  return newest;
}

std::optional<sf::OrgKind> KindOfHost(std::string_view url) {
  switch (sf::ClassifyHost(url).host_class) {
    case sf::HostClass::kMyDomain:
      return sf::OrgKind::kProduction;
    case sf::HostClass::kSandboxMyDomain:
      return sf::OrgKind::kSandbox;
    case sf::HostClass::kDeveloperMyDomain:
      return sf::OrgKind::kDeveloper;
    case sf::HostClass::kScratchMyDomain:
      return sf::OrgKind::kScratch;
    default:
      return std::nullopt;
  }
}

// The healthy demo org, configured like the live org where configuration shows on the wire: its
// kind (from the host name), its latest API version, and the token format its app issues.
mock::ScenarioDocument DefaultScenario(const SideRun& live, std::string& described) {
  mock::ScenarioDocument doc;
  doc.id = "drift/default";
  doc.title = "A healthy org configured like the live org";
  doc.org = mock::DemoOrgConfig();
  const auto kind = KindOfHost(live.report.base_url);
  doc.org.kind = kind.value_or(sf::OrgKind::kProduction);
  const auto latest = LatestVersion(live);
  if (latest && *latest >= 31 && *latest <= 99) doc.org.latest_api_version = *latest;
  const auto token = AnswerJson(ExchangeOf(live, "token"));
  const bool jwt = token && token->is_object() && token->value("token_format", "") == "jwt";
  doc.org.apps.front().jwt_access_tokens = jwt;
  described = fmt::format(
      "the default healthy org: {}{}, latest API v{}.0{}, {} access tokens",
      sf::ToString(doc.org.kind), kind ? "" : " (the host name does not say; assumed)",
      doc.org.latest_api_version, latest ? "" : " (the live org did not list its versions)",
      jwt ? "JWT-based" : "opaque");
  return doc;
}

// What the comparison treats as one verdict: a warning passed (warnings come from values, such as
// an allowance running low, or from answers compared below anyway).
std::string_view Outcome(ProbeStatus status) {
  switch (status) {
    case ProbeStatus::kPassed:
    case ProbeStatus::kWarning:
      return "succeeded";
    case ProbeStatus::kFailed:
      return "failed";
    case ProbeStatus::kSkipped:
      return "skipped";
  }
  return "skipped";
}

std::string StatusLabel(const diagnose::ProbeResult& probe) {
  if (probe.status == ProbeStatus::kSkipped) return fmt::format("skipped ({})", probe.saw);
  if (probe.status == ProbeStatus::kFailed && probe.cause) {
    return fmt::format("failed ({})", probe.cause->id);
  }
  return std::string(diagnose::ToString(probe.status));
}

std::string AnswerLabel(const net::Outcome& outcome) {
  if (outcome.result) return fmt::format("HTTP {}", outcome.result->status);
  return fmt::format("no answer ({})", net::ToString(outcome.result.error().kind));
}

ProbeSide SideOf(const diagnose::ProbeResult& probe, const Recorded* recorded,
                 const ShapeContext& context) {
  ProbeSide side{.status = probe.status, .saw = probe.saw};
  if (recorded != nullptr) {
    std::string url = UrlShape(recorded->request.url, context);
    side.request = recorded->request.method + " " + (url.empty() ? "?" : url);
    side.answer = AnswerLabel(recorded->outcome);
  }
  return side;
}

std::vector<Difference> CompareExchanges(const Recorded* live, const SideRun& live_run,
                                         const Recorded* mock, const SideRun& mock_run) {
  if (live == nullptr && mock == nullptr) return {};
  if (live == nullptr || mock == nullptr) {
    const auto shown = [](const Recorded* r, const SideRun& run) {
      if (r == nullptr) return std::string("none sent");
      return r->request.method + " " + UrlShape(r->request.url, run.context);
    };
    return {{"request", shown(live, live_run), shown(mock, mock_run)}};
  }
  if (!live->outcome.result || !mock->outcome.result) {
    const std::string l = AnswerLabel(live->outcome), m = AnswerLabel(mock->outcome);
    if (l == m) return {};
    return {{"answer", l, m}};
  }
  return CompareShapes(AnswerShape(*live->outcome.result, live_run.context),
                       AnswerShape(*mock->outcome.result, mock_run.context));
}

// The first live failure the mock did not share, when it made later live probes skip that ran on
// the mock: the live org's configuration stopped the probes.
std::optional<size_t> StoppingFailure(const diagnose::Report& live, const diagnose::Report& mock) {
  for (size_t i = 0; i < live.probes.size(); ++i) {
    const auto& probe = live.probes[i];
    if (IsPathProbe(probe.id) || probe.status != ProbeStatus::kFailed) continue;
    const auto* twin = FindProbe(mock, probe.id);
    if (twin != nullptr && twin->status == ProbeStatus::kFailed) continue;
    for (size_t j = i + 1; j < live.probes.size(); ++j) {
      const auto* later = FindProbe(mock, live.probes[j].id);
      if (live.probes[j].status == ProbeStatus::kSkipped && later != nullptr &&
          later->status != ProbeStatus::kSkipped) {
        return i;
      }
    }
  }
  return std::nullopt;
}

void Compare(const SideRun& live, const SideRun& mock, DriftReport& report) {
  const std::optional<size_t> stop = StoppingFailure(live.report, mock.report);
  if (stop) {
    const auto& failed = live.report.probes[*stop];
    report.stopped = StoppedAt{.probe = failed.id,
                               .saw = failed.saw,
                               .cause = failed.cause ? failed.cause->id : "",
                               .fix = failed.cause ? failed.cause->fix : ""};
  }
  for (size_t i = 0; i < live.report.probes.size(); ++i) {
    const auto& lp = live.report.probes[i];
    const auto* mp = FindProbe(mock.report, lp.id);
    const Recorded* lr = live.exchange_of[i] ? &live.records[*live.exchange_of[i]] : nullptr;
    const Recorded* mr = ExchangeOf(mock, lp.id);
    ProbeDrift drift{.id = lp.id, .title = lp.title, .live = SideOf(lp, lr, live.context)};
    if (mp != nullptr) drift.mock = SideOf(*mp, mr, mock.context);
    if (IsPathProbe(lp.id)) {
      drift.verdict = ProbeVerdict::kNotCompared;
      drift.reason = lp.id == "connection"
                         ? "TLS and the network path, not the org; its answer is compared under org"
                         : "the host name and the network path, not the org";
    } else if (stop && i >= *stop) {
      drift.verdict = ProbeVerdict::kNotCompared;
      drift.reason = i == *stop
                         ? fmt::format(
                               "the live org failed it ({}) and the mock did not: a "
                               "configuration of the org, not drift",
                               report.stopped->cause)
                         : fmt::format("the live probes stopped at {}", report.stopped->probe);
    } else if (mp == nullptr) {
      drift.verdict = ProbeVerdict::kDiffers;
      drift.differences.push_back({"probe", StatusLabel(lp), "absent"});
    } else {
      if (Outcome(lp.status) != Outcome(mp->status)) {
        drift.differences.push_back({"probe", StatusLabel(lp), StatusLabel(*mp)});
      }
      // A probe skipped on one side sent nothing there: its status says why, and its exchange
      // on the other side has nothing to be compared with.
      if (lp.status != ProbeStatus::kSkipped && mp->status != ProbeStatus::kSkipped) {
        auto answer = CompareExchanges(lr, live, mr, mock);
        drift.differences.insert(drift.differences.end(), answer.begin(), answer.end());
      }
      drift.verdict = drift.differences.empty() ? ProbeVerdict::kSame : ProbeVerdict::kDiffers;
    }
    report.probes.push_back(std::move(drift));
  }
}

// Nothing leaves without passing the redactor that knows both secrets and every token.
void RedactReport(DriftReport& report, const sf::Redactor& redactor) {
  const auto r = [&](std::string& text) { text = redactor.Redact(text); };
  for (std::string* text :
       {&report.domain, &report.live_base_url, &report.proxy, &report.mock_base_url,
        &report.mock_org, &report.unreachable, &report.mock_error}) {
    r(*text);
  }
  if (report.stopped) {
    r(report.stopped->saw);
    r(report.stopped->fix);
  }
  for (ProbeDrift& probe : report.probes) {
    r(probe.reason);
    for (ProbeSide* side : {&probe.live, &probe.mock}) {
      r(side->saw);
      r(side->request);
      r(side->answer);
    }
    for (Difference& d : probe.differences) {
      r(d.path);
      r(d.live);
      r(d.mock);
    }
  }
}

// Why the live org could not be probed: its connection probe failed or never ran.
std::string Unreachable(const diagnose::Report& live) {
  const auto* connection = FindProbe(live, "connection");
  if (connection != nullptr && connection->status != ProbeStatus::kFailed &&
      connection->status != ProbeStatus::kSkipped) {
    return "";
  }
  const auto* blamed = connection;
  if (connection == nullptr || connection->status == ProbeStatus::kSkipped) {
    const auto* first = live.FirstFailure();
    if (first != nullptr) blamed = first;
  }
  if (blamed == nullptr) return "no connection probe ran";
  return fmt::format("{}: {}{}", blamed->id, blamed->saw,
                     blamed->cause ? fmt::format(" ({})", blamed->cause->id) : "");
}

}  // namespace

std::string_view ToString(ProbeVerdict verdict) {
  switch (verdict) {
    case ProbeVerdict::kSame:
      return "same";
    case ProbeVerdict::kDiffers:
      return "differs";
    case ProbeVerdict::kNotCompared:
      return "not_compared";
  }
  return "not_compared";
}

bool IsPathProbe(std::string_view probe_id) {
  return probe_id == "target" || probe_id == "dns" || probe_id == "connection";
}

bool DriftReport::HasDrift() const {
  return std::ranges::any_of(
      probes, [](const ProbeDrift& probe) { return probe.verdict == ProbeVerdict::kDiffers; });
}

int DriftReport::ExitCode() const {
  if (!unreachable.empty() || !mock_error.empty()) return 2;
  if (HasDrift()) return 1;
  return stopped ? 2 : 0;
}

DriftReport RunDrift(const DriftOptions& options, const diagnose::Sender& live_send) {
  sf::Redactor redactor;
  redactor.Add(options.live.client_secret, sf::Redactor::Kind::kSecret);
  DriftReport report;
  report.domain = options.live.domain;
  report.live_client_id = options.live.client_id;

  const SideRun live = RunSide(options.live, live_send, redactor);
  report.live_base_url = live.report.base_url;
  report.proxy = live.report.proxy;
  report.unreachable = Unreachable(live.report);
  if (!report.unreachable.empty()) {
    RedactReport(report, redactor);
    return report;
  }

  mock::ScenarioDocument scenario;
  if (options.mock_scenario) {
    scenario = *options.mock_scenario;
    report.mock_org = fmt::format("the scenario {} ({})", options.mock_scenario_label,
                                  scenario.id.empty() ? "no id" : scenario.id);
  } else {
    scenario = DefaultScenario(live, report.mock_org);
  }
  const auto live_url = net::ParseUrl(live.report.base_url);
  scenario.tls = live_url && live_url->scheme == "https";
  if (scenario.org.apps.empty()) {
    report.mock_error = "the mock's scenario has no app to ask for a token";
    RedactReport(report, redactor);
    return report;
  }
  const mock::AppConfig& app = scenario.org.apps.front();
  redactor.Add(app.client_secret, sf::Redactor::Kind::kSecret);
  report.mock_client_id = app.client_id;

  mock::MockService service;
  auto loaded = service.Load(std::string(mock::kDefaultTenant), scenario);
  if (!loaded) {
    report.mock_error = "the embedded mock cannot load its org: " + loaded.error();
    RedactReport(report, redactor);
    return report;
  }
  mock::ServeOptions serve;
  serve.tls = scenario.tls;
  auto server = mock::MockServer::Start(service, serve);
  if (!server) {
    report.mock_error = "the embedded mock did not start: " + server.error();
    RedactReport(report, redactor);
    return report;
  }
  diagnose::DiagnoseOptions mock_options;
  mock_options.domain = (*server)->urls().my_domain;
  mock_options.client_id = app.client_id;
  mock_options.client_secret = app.client_secret;
  mock_options.api_version = options.live.api_version;
  mock_options.basic_auth = options.live.basic_auth;
  mock_options.net.ca_file = (*server)->urls().ca_file;
  mock_options.net.proxy = std::optional<net::Proxy>();  // loopback: never through a proxy
  mock_options.net.connect_timeout = options.live.net.connect_timeout;
  mock_options.net.io_timeout = options.live.net.io_timeout;
  const SideRun mock = RunSide(mock_options, nullptr, redactor);
  (*server)->Stop();
  report.mock_base_url = mock.report.base_url;
  if (!Unreachable(mock.report).empty()) {
    report.mock_error = "the embedded mock did not answer: " + Unreachable(mock.report);
    RedactReport(report, redactor);
    return report;
  }
  Compare(live, mock, report);
  RedactReport(report, redactor);
  return report;
}

std::vector<std::string_view> FactsOf(std::string_view probe_id) {
  // Kept in step with the table in docs/DRIFT.md.
  if (probe_id == "org") {
    return {
        "`/services/data/` answers its version list without a session, with the headers the mock "
        "sends (salesforce-wire.md 9.6; wire-choices: the same on the login host is UNVERIFIED)",
    };
  }
  if (probe_id == "discovery") {
    return {
        "the My Domain discovery document's keys (salesforce-wire.md 9.4: a Postman sample plus "
        "one live capture) and its endpoints' paths, `jwks_uri` at `/id/keys` "
        "(`/services/oauth2/keys` as an alias is UNVERIFIED, salesforce-wire.md 10)",
    };
  }
  if (probe_id == "token") {
    return {
        "the `Cache-Control` of token responses (INFERRED: seen on "
        "`/.well-known/auth-configuration`, assumed for `/token`)",
        "the success fields for client credentials: `scope` sent, no `refresh_token` or "
        "`expires_in`; `api_instance_url` only with `sfap_api`/`mcp_api` (INFERRED, "
        "salesforce-wire.md 1.3)",
        "with an app issuing JWT-based tokens: whether the response carries `signature` "
        "(UNVERIFIED, salesforce-wire.md 10) and `id`/`instance_url` (INFERRED, 9.2)",
        "the `id` URL's host (not the My Domain) and path `/id/{orgId}/{userId}`",
        "with a wrong secret and a mock scenario whose token request answers "
        "`token.invalid_client`: its HTTP status, 400 or 401 (UNVERIFIED, salesforce-wire.md 10)",
        "with the org and a mock scenario misconfigured alike: the exact error for the flow off in "
        "the policies, an inactive, frozen or locked Run As user, and whether "
        "`invalid_app_access` applies to the Run As user (UNVERIFIED, salesforce-wire.md 10)",
    };
  }
  if (probe_id == "identity") {
    return {
        "the identity response's keys and its `urls` path shapes (salesforce-wire.md 4.3; the "
        "values the mock does not configure are placeholders)",
    };
  }
  if (probe_id == "rest_read") {
    return {
        "`Sforce-Limit-Info`'s form `api-usage=N/M`, and whether a per-app part follows (not "
        "modelled by the mock)",
        "describe global's keys per object",
    };
  }
  if (probe_id == "limits") {
    return {
        "the `/limits` keys and their `Max`/`Remaining` shape; a Run As user who may not read "
        "them gets `INSUFFICIENT_ACCESS` (message UNVERIFIED, catalogue "
        "`rest.INSUFFICIENT_ACCESS`)",
    };
  }
  if (probe_id == "introspect") {
    return {
        "introspection's fields for an active access token and its headers (salesforce-wire.md "
        "4.2, 9.5)",
    };
  }
  if (probe_id == "revoke") {
    return {
        "a revoke answers 200 with an empty body, and the headers of that answer "
        "(salesforce-wire.md 9.5; the content type of revoke answers is UNVERIFIED, 10)",
    };
  }
  return {};
}

}  // namespace sfh::harness::drift
