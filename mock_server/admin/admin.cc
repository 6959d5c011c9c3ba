#include "mock_server/admin/admin.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <charconv>
#include <nlohmann/json.hpp>

#include "mock_server/admin/viewer.h"
#include "mock_server/endpoints/responses.h"
#include "mock_server/endpoints/routes.h"
#include "mock_server/service.h"
#include "salesforce/encoding.h"
#include "salesforce/form.h"
#include "salesforce/hosts.h"

namespace sfh::mock {
namespace {

namespace sf = ::sfh::salesforce;
using Json = nlohmann::ordered_json;

HttpResponse AdminJson(int status, const Json& body) {
  return JsonResponse(status, body.dump(-1, ' ', false, Json::error_handler_t::replace));
}

HttpResponse AdminError(int status, std::string_view error, std::string message) {
  return AdminJson(status, {{"error", error}, {"message", std::move(message)}});
}

HttpResponse NoContent() {
  HttpResponse r;
  r.status = 204;
  return r;
}

// One problem per line of a loader's error text.
Json Lines(const std::string& text) {
  Json out = Json::array();
  size_t start = 0;
  while (start < text.size()) {
    const size_t nl = std::min(text.find('\n', start), text.size());
    out.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return out;
}

// One admin request: its route, parameters and tenant.
class AdminCall {
 public:
  AdminCall(MockService& service, const HttpRequest& request)
      : service(service),
        request(request),
        route(std::string_view(request.path).substr(kAdminPrefix.size())) {
    auto parsed = sf::ParseForm(request.query);
    query_ok = parsed.has_value();
    if (parsed) query = std::move(*parsed);
    if (auto header = request.headers.Get(kTenantHeader)) {
      tenant = *header;
    } else {
      tenant = query.Get("tenant").value_or(std::string(kDefaultTenant));
    }
  }
  bool Is(std::string_view method, std::string_view path) const {
    return request.method == method && route == path;
  }
  // The percent-decoded name after `prefix` in the route ("/faults/expire%20once").
  std::optional<std::string> NameAfter(std::string_view prefix) const {
    auto name = sf::PercentDecode(route.substr(prefix.size()), /*plus_is_space=*/false);
    if (!name || name->empty()) return std::nullopt;
    return *name;
  }
  std::shared_ptr<MockOrg> Mock() const { return service.Find(tenant); }
  HttpResponse NoSuchTenant() const {
    return AdminError(404, "no_tenant",
                      fmt::format("no tenant \"{}\"; load one with PUT /__admin/scenario", tenant));
  }
  // The body as JSON, or an error answer.
  std::expected<nlohmann::json, HttpResponse> Body() const {
    if (request.body.size() > kMaxAdminBodyBytes) {
      return std::unexpected(AdminError(
          413, "too_large", fmt::format("the body is larger than {} bytes", kMaxAdminBodyBytes)));
    }
    auto json = nlohmann::json::parse(request.body, nullptr, /*allow_exceptions=*/false);
    if (json.is_discarded()) {
      return std::unexpected(AdminError(400, "invalid_json", "the body is not valid JSON"));
    }
    return json;
  }

  MockService& service;
  const HttpRequest& request;
  std::string_view route;
  sf::Form query;
  bool query_ok = true;
  std::string tenant;
};

bool Authorized(const MockService& service, const HttpRequest& request) {
  const std::string& token = service.options().admin_token;
  if (token.empty()) return IsLoopbackRemote(request.remote);
  const auto sent = request.headers.Get(kAdminTokenHeader);
  return sent && sf::ConstantTimeEquals(*sent, token);
}

Json ScenarioJson(const ScenarioDocument& doc) {
  return {{"id", doc.id},
          {"title", doc.title},
          {"teaches", doc.teaches},
          {"tags", doc.tags},
          {"extends", doc.extends},
          {"file", doc.file.string()},
          {"transport", doc.tls ? "https" : "http"}};
}

Json AppsJson(const OrgConfig& config) {
  Json apps = Json::array();
  for (const auto& a : config.apps) {
    apps.push_back({{"name", a.name}, {"client_id", a.client_id}});
  }
  return apps;
}

// ---- routes ----

HttpResponse Health(AdminCall& c) {
  Json names = Json::array();
  for (const auto& t : c.service.Tenants()) names.push_back(t.name);
  return AdminJson(200, {{"status", "ok"}, {"tenants", names}});
}

HttpResponse ListTenants(AdminCall& c) {
  Json out = Json::array();
  for (const auto& t : c.service.Tenants()) {
    const Org& org = t.mock->org();
    const auto lock = org.ReadLock();
    out.push_back({{"name", t.name},
                   {"scenario", t.scenario.id},
                   {"org_id", org.config().org_id},
                   {"apps", AppsJson(org.config())}});
  }
  return AdminJson(200, out);
}

HttpResponse LoadScenario(AdminCall& c) {
  auto body = c.Body();
  if (!body) return body.error();
  auto doc = ParseScenario(*body, "scenario", c.service.options().scenario_root);
  if (!doc) {
    return AdminJson(400, {{"error", "invalid_scenario"},
                           {"message", "the scenario does not load; see problems"},
                           {"problems", Lines(doc.error())}});
  }
  if (c.tenant.empty() || c.tenant.size() > 100) {
    return AdminError(400, "invalid_name", "a tenant name has 1 to 100 characters");
  }
  const bool replaced = c.Mock() != nullptr;
  auto loaded = c.service.Load(c.tenant, std::move(*doc));
  if (!loaded) return AdminError(409, "conflict", loaded.error());
  const auto tenant = c.service.FindTenant(c.tenant);
  const Org& org = (*loaded)->org();
  const auto lock = org.ReadLock();
  return AdminJson(replaced ? 200 : 201, {{"tenant", c.tenant},
                                          {"scenario", ScenarioJson(tenant->scenario)},
                                          {"org_id", org.config().org_id},
                                          {"apps", AppsJson(org.config())}});
}

HttpResponse GetScenario(AdminCall& c) {
  const auto tenant = c.service.FindTenant(c.tenant);
  if (!tenant) return c.NoSuchTenant();
  return AdminJson(200, ScenarioJson(tenant->scenario));
}

HttpResponse ListFaults(MockOrg& mock) {
  Json faults = Json::array();
  for (const auto& s : mock.faults().List()) {
    faults.push_back(
        {{"fault", FaultRuleJson(s.rule)}, {"matches", s.matches}, {"fired", s.fired}});
  }
  return AdminJson(200, {{"state", mock.faults().state()}, {"faults", faults}});
}

HttpResponse ArmFaults(AdminCall& c, MockOrg& mock) {
  auto body = c.Body();
  if (!body) return body.error();
  const bool many = body->is_array();
  JsonErrors errors;
  std::vector<FaultRule> rules;
  auto read = [&](const nlohmann::json& value, std::string pointer) {
    ObjectReader reader(value, std::move(pointer), errors);
    rules.push_back(ReadFaultRule(reader));
    const auto lock = mock.org().ReadLock();
    if (auto unknown = UnknownFaultApp(rules.back(), mock.org().config())) {
      reader.Error("app", *unknown);
    }
  };
  if (many) {
    for (size_t i = 0; i < body->size(); ++i) read((*body)[i], fmt::format("/{}", i));
  } else {
    read(*body, "");
  }
  if (!errors.empty()) {
    return AdminJson(400, {{"error", "invalid_fault"},
                           {"message", "the fault does not load; see problems"},
                           {"problems", Lines(errors.Format("fault"))}});
  }
  for (auto& rule : rules) mock.faults().Arm(std::move(rule));
  HttpResponse listed = ListFaults(mock);
  listed.status = 201;
  return listed;
}

HttpResponse State(AdminCall& c, MockOrg& mock) {
  if (c.request.method == "PUT") {
    auto body = c.Body();
    if (!body) return body.error();
    if (!body->is_object() || body->size() != 1 || !body->contains("state") ||
        !(*body)["state"].is_string() || (*body)["state"].get<std::string>().empty()) {
      return AdminError(400, "invalid_state", "expected {\"state\": \"<a non-empty name>\"}");
    }
    mock.faults().SetState((*body)["state"].get<std::string>());
  }
  return AdminJson(200, {{"state", mock.faults().state()}});
}

HttpResponse JournalRoute(AdminCall& c, MockOrg& mock) {
  if (c.request.method == "DELETE") {
    mock.journal().Clear();
    return NoContent();
  }
  JournalQuery q;
  auto number = [&](std::string_view name, auto& out) -> bool {
    auto text = c.query.Get(name);
    if (!text) return true;
    const auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), out);
    return ec == std::errc() && ptr == text->data() + text->size();
  };
  if (!number("since", q.since) || !number("limit", q.limit)) {
    return AdminError(400, "invalid_query", "since and limit are non-negative integers");
  }
  q.path = c.query.Get("path").value_or("");
  q.method = c.query.Get("method").value_or("");
  q.client_id = c.query.Get("client_id").value_or("");
  return JsonResponse(200, mock.journal().ExportJson(mock.org().redactor(), q));
}

// GET: the notes after ?since=; POST {"text", "title"?, "kind"?, "after_seq"?}: adds one.
HttpResponse NotesRoute(AdminCall& c, MockOrg& mock) {
  if (c.request.method == "GET") {
    uint64_t since = 0;
    if (auto text = c.query.Get("since")) {
      const auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), since);
      if (ec != std::errc() || ptr != text->data() + text->size()) {
        return AdminError(400, "invalid_query", "since is a non-negative integer");
      }
    }
    return JsonResponse(200, mock.journal().ExportNotesJson(mock.org().redactor(), since));
  }
  auto body = c.Body();
  if (!body) return body.error();
  constexpr char kExpected[] =
      "expected {\"text\": \"…\"} with optional \"title\" and \"kind\" (strings) and "
      "\"after_seq\" (a non-negative integer)";
  if (!body->is_object() || !body->contains("text") || !(*body)["text"].is_string()) {
    return AdminError(400, "invalid_note", kExpected);
  }
  for (const auto& [key, value] : body->items()) {
    const bool string_key = key == "text" || key == "title" || key == "kind";
    const bool ok =
        string_key ? value.is_string() : key == "after_seq" && value.is_number_unsigned();
    if (!ok) return AdminError(400, "invalid_note", fmt::format("{}: {}", key, kExpected));
  }
  std::optional<uint64_t> after_seq;
  if (body->contains("after_seq")) after_seq = (*body)["after_seq"].get<uint64_t>();
  const Note note = mock.journal().AddNote(body->value("kind", ""), body->value("title", ""),
                                           (*body)["text"].get<std::string>(), after_seq);
  return AdminJson(201, {{"id", note.id}, {"after_seq", note.after_seq}});
}

HttpResponse NearMisses(MockOrg& mock) {
  Json out = Json::array();
  const sf::Redactor& redactor = mock.org().redactor();
  for (const Exchange& e : mock.journal().Snapshot()) {
    if (IsRouted(e.request.method, e.request.path)) continue;
    Json nearest = Json::array();
    for (const NearMiss& miss : NearestRoutes(e.request.method, e.request.path)) {
      nearest.push_back({{"route", fmt::format("{} {}", miss.route->methods, miss.route->pattern)},
                         {"what", miss.route->what},
                         {"distance", miss.distance},
                         {"diff", miss.diff}});
    }
    out.push_back(
        {{"seq", e.seq},
         {"request", fmt::format("{} {}", e.request.method, redactor.Redact(e.request.path))},
         {"host", ToString(e.request.host)},
         {"status", e.response.status},
         {"nearest", nearest}});
  }
  return AdminJson(200, {{"near_misses", out}});
}

HttpResponse ClockRoute(AdminCall& c, MockOrg& mock) {
  if (c.request.method == "POST") {
    auto body = c.Body();
    if (!body) return body.error();
    if (body->is_object() && body->size() == 1 && body->contains("advance_seconds") &&
        (*body)["advance_seconds"].is_number_integer() && (*body)["advance_seconds"] >= 0) {
      mock.clock().Advance(std::chrono::seconds((*body)["advance_seconds"].get<int64_t>()));
    } else if (body->is_object() && body->size() == 1 && body->contains("now") &&
               (*body)["now"].is_string()) {
      auto t = ParseUtcTime((*body)["now"].get<std::string>());
      if (!t) {
        return AdminError(400, "invalid_clock",
                          "now: expected a UTC time like 2026-11-28T21:34:19Z");
      }
      mock.clock().Set(*t);
    } else {
      return AdminError(400, "invalid_clock",
                        "expected {\"advance_seconds\": N} (N >= 0) or {\"now\": \"<UTC time>\"}");
    }
  }
  return AdminJson(200, {{"now", FormatUtcMillis(mock.clock().Now())}});
}

HttpResponse OrgState(MockOrg& mock) {
  const Org& org = mock.org();
  const auto lock = org.ReadLock();
  const OrgConfig& config = org.config();
  Json apps = Json::array();
  for (const auto& a : config.apps) {
    apps.push_back(
        {{"name", a.name},
         {"kind", a.kind == AppKind::kConnectedApp ? "connected_app" : "external_client_app"},
         {"client_id", a.client_id},
         {"installed", a.installed},
         {"settings", {{"client_credentials", a.settings_client_credentials}}},
         {"policies",
          {{"client_credentials", a.policies_client_credentials},
           {"run_as", a.run_as ? Json(*a.run_as) : Json(nullptr)}}}});
  }
  Json users = Json::array();
  for (const auto& u : config.users) {
    users.push_back(
        {{"username", u.username}, {"id", u.id}, {"active", u.active}, {"frozen", u.frozen}});
  }
  return AdminJson(200, {{"org_id", config.org_id},
                         {"my_domain", config.my_domain},
                         {"kind", sf::ToString(config.kind)},
                         {"instance_url", org.InstanceUrl()},
                         {"apps", apps},
                         {"users", users},
                         {"sessions", org.SessionCount()},
                         {"api_usage", org.api_usage()},
                         {"daily_api_limit", config.daily_api_limit},
                         {"concurrent_limit_exhausted", org.ConcurrentLimitExhausted()},
                         {"state", mock.faults().state()},
                         {"clock", FormatUtcMillis(mock.clock().Now())}});
}

const std::vector<std::string_view>& RouteList() {
  static const std::vector<std::string_view> kRoutes = {"GET /__admin/health",
                                                        "GET /__admin/ui",
                                                        "GET /__admin/tenants",
                                                        "DELETE /__admin/tenants/{name}",
                                                        "GET /__admin/scenario",
                                                        "PUT /__admin/scenario",
                                                        "POST /__admin/reset",
                                                        "GET /__admin/faults",
                                                        "POST /__admin/faults",
                                                        "DELETE /__admin/faults",
                                                        "DELETE /__admin/faults/{name}",
                                                        "GET /__admin/state",
                                                        "PUT /__admin/state",
                                                        "GET /__admin/journal",
                                                        "DELETE /__admin/journal",
                                                        "GET /__admin/notes",
                                                        "POST /__admin/notes",
                                                        "GET /__admin/near-misses",
                                                        "GET /__admin/clock",
                                                        "POST /__admin/clock",
                                                        "GET /__admin/org"};
  return kRoutes;
}

}  // namespace

bool IsAdminPath(std::string_view path) {
  return path == kAdminPrefix || path.starts_with(std::string(kAdminPrefix) + "/");
}

bool IsLoopbackRemote(std::string_view remote) {
  return remote.starts_with("127.") || remote.starts_with("[::1]") || remote.starts_with("::1") ||
         remote.starts_with("[::ffff:127.") || remote.starts_with("::ffff:127.");
}

HttpResponse HandleAdmin(MockService& service, const HttpRequest& request) {
  AdminCall c(service, request);
  // The viewer's files hold no data; the page sends the token on its own requests.
  if (request.method == "GET" && (c.route == "/ui" || c.route.starts_with("/ui/"))) {
    if (auto asset = ServeViewerAsset(c.route)) return *asset;
  }
  if (!Authorized(service, request)) {
    return AdminError(401, "unauthorized",
                      service.options().admin_token.empty()
                          ? "the admin API answers loopback callers only; start sfmock with "
                            "--admin-token to allow others"
                          : fmt::format("send the admin token in {}", kAdminTokenHeader));
  }
  if (!c.query_ok) {
    return AdminError(400, "invalid_query", "the query string has a malformed percent-escape");
  }
  if (c.Is("GET", "/health")) return Health(c);
  if (c.Is("GET", "/tenants")) return ListTenants(c);
  if (request.method == "DELETE" && c.route.starts_with("/tenants/")) {
    const auto name = c.NameAfter("/tenants/");
    if (!name) return AdminError(400, "invalid_name", "expected /__admin/tenants/{name}");
    return service.Remove(*name)
               ? NoContent()
               : AdminError(404, "no_tenant", fmt::format("no tenant \"{}\"", *name));
  }
  if (c.Is("PUT", "/scenario")) return LoadScenario(c);
  if (c.Is("GET", "/scenario")) return GetScenario(c);
  if (c.Is("POST", "/reset")) return service.Reset(c.tenant) ? NoContent() : c.NoSuchTenant();

  const bool tenant_route = c.route == "/faults" || c.route.starts_with("/faults/") ||
                            c.route == "/state" || c.route == "/journal" || c.route == "/notes" ||
                            c.route == "/near-misses" || c.route == "/clock" || c.route == "/org";
  if (tenant_route) {
    std::shared_ptr<MockOrg> mock = c.Mock();
    if (!mock) return c.NoSuchTenant();
    if (c.Is("GET", "/faults")) return ListFaults(*mock);
    if (c.Is("POST", "/faults")) return ArmFaults(c, *mock);
    if (c.Is("DELETE", "/faults")) {
      mock->faults().DisarmAll();
      return NoContent();
    }
    if (request.method == "DELETE" && c.route.starts_with("/faults/")) {
      const auto name = c.NameAfter("/faults/");
      if (!name) return AdminError(400, "invalid_name", "expected /__admin/faults/{name}");
      return mock->faults().Disarm(*name)
                 ? NoContent()
                 : AdminError(404, "no_fault", fmt::format("no armed fault named \"{}\"", *name));
    }
    if (c.Is("GET", "/state") || c.Is("PUT", "/state")) return State(c, *mock);
    if (c.Is("GET", "/journal") || c.Is("DELETE", "/journal")) return JournalRoute(c, *mock);
    if (c.Is("GET", "/notes") || c.Is("POST", "/notes")) return NotesRoute(c, *mock);
    if (c.Is("GET", "/near-misses")) return NearMisses(*mock);
    if (c.Is("GET", "/clock") || c.Is("POST", "/clock")) return ClockRoute(c, *mock);
    if (c.Is("GET", "/org")) return OrgState(*mock);
  }
  return AdminJson(404,
                   {{"error", "no_route"},
                    {"message", fmt::format("no admin route {} {}", request.method, request.path)},
                    {"routes", RouteList()}});
}

}  // namespace sfh::mock
