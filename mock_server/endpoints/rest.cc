// /services/data/...: the versions list (no session), and per version the REST data API. This
// file checks access in Salesforce's order and routes; the resources live in rest_sobjects.cc
// and rest_query.cc. Provenance: salesforce-wire.md sections 5 and 9.6 unless a comment says
// otherwise; the choices where the reference is silent are listed in docs/wire-choices.md.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "mock_server/endpoints/endpoints.h"
#include "mock_server/endpoints/responses.h"
#include "mock_server/endpoints/rest_internal.h"
#include "mock_server/endpoints/soql.h"
#include "salesforce/api_versions.h"
#include "salesforce/catalogue.h"
#include "salesforce/token_format.h"

namespace sfh::mock {
namespace rest {

HttpResponse EntryError(std::string_view entry_id, std::string_view message) {
  const auto& entry = salesforce::CatalogueEntryById(entry_id);
  if (entry.error_code_first) {
    Json item = {{"errorCode", entry.code}, {"message", message}};
    // The message may quote the client's input: bytes that are not UTF-8 become U+FFFD.
    return JsonResponse(entry.http_status,
                        Json::array({item}).dump(-1, ' ', false, Json::error_handler_t::replace));
  }
  return JsonResponse(entry.http_status, salesforce::RestErrorBody(entry.code, message));
}

HttpResponse TemplateError(std::string_view entry_id, std::initializer_list<std::string_view> args,
                           std::string_view query, std::optional<size_t> offset) {
  const auto& entry = salesforce::CatalogueEntryById(entry_id);
  std::string message = salesforce::ErrorMessage(entry, args);
  if (offset) message = PositionedMessage(query, *offset, message);
  return EntryError(entry_id, message);
}

}  // namespace rest

namespace {

namespace sf = ::sfh::salesforce;
using rest::Json;
using rest::RestCall;

constexpr std::string_view kDataPrefix = "/services/data";
// The methods every resource here answers. Salesforce lists the allowed methods in its 405
// message ("HTTP Method 'PATCH' not allowed. Allowed are GET,HEAD,POST", catalogue
// rest.METHOD_NOT_ALLOWED, INFERRED); the mock serves reads only, so it lists GET and HEAD
// everywhere, also where Salesforce would list PATCH or POST (docs/wire-choices.md).
constexpr std::string_view kAllowedMethods = "GET,HEAD";

std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (start < path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    if (end > start) parts.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

bool IsReadMethod(const HttpRequest& request) {
  return request.method == "GET" || request.method == "HEAD";
}

HttpResponse MethodNotAllowed(const HttpRequest& request) {
  return rest::TemplateError("rest.METHOD_NOT_ALLOWED", {request.method, kAllowedMethods});
}

HttpResponse Versions(const Org& org) {
  Json body = Json::array();
  for (const auto& v : sf::ApiVersions(org.config().latest_api_version)) {
    body.push_back(Json{{"label", v.label}, {"url", v.url}, {"version", v.version}});
  }
  return JsonResponse(200, body.dump());
}

// GET /services/data/vXX.X/: resource names to paths (CONFIRMED shape), identity is the
// session's identity URL.
HttpResponse Resources(const RestCall& call) {
  Json body;
  for (const char* name : {"tooling",
                           "metadata",
                           "eclair",
                           "folders",
                           "prechatForms",
                           "chatter",
                           "tabs",
                           "appMenu",
                           "quickActions",
                           "queryAll",
                           "commerce",
                           "wave",
                           "iot",
                           "analytics",
                           "search",
                           "identity",
                           "composite",
                           "parameterizedSearch",
                           "fingerprint",
                           "theme",
                           "nouns",
                           "event",
                           "serviceTemplates",
                           "recent",
                           "connect",
                           "licensing",
                           "limits",
                           "process",
                           "async-queries",
                           "query",
                           "jsonxform",
                           "emailConnect",
                           "compactLayouts",
                           "knowledgeManagement",
                           "sobjects",
                           "actions",
                           "support",
                           "ui-api"}) {
    body[name] =
        std::string_view(name) == "identity" ? call.session.identity_url : call.base + "/" + name;
  }
  return JsonResponse(200, body.dump());
}

// GET .../limits: {"<Limit>":{"Max":n,"Remaining":n},...}, keys in alphabetical order as current
// orgs send them. The shape is INFERRED (salesforce-wire.md 5; the REST API guide's "List
// Organization Limits" example); only DailyApiRequests follows the org, the other maxima are
// typical Developer Edition values (UNVERIFIED, docs/wire-choices.md).
HttpResponse Limits(const RestCall& call, int usage) {
  static constexpr std::pair<const char*, long> kLimits[] = {
      {"ActiveScratchOrgs", 3},
      {"AnalyticsExternalDataSizeMB", 40960},
      {"ConcurrentAsyncGetReportInstances", 200},
      {"ConcurrentEinsteinDataInsightsStoryCreation", 5},
      {"ConcurrentEinsteinDiscoveryStoryCreation", 2},
      {"ConcurrentSyncReportRuns", 20},
      {"DailyAnalyticsDataflowJobExecutions", 60},
      {"DailyAnalyticsUploadedFilesSizeMB", 51200},
      {"DailyApiRequests", -1},  // the org's limit and usage
      {"DailyAsyncApexExecutions", 250000},
      {"DailyAsyncApexTests", 500},
      {"DailyBulkApiBatches", 15000},
      {"DailyBulkV2QueryFileStorageMB", 976562},
      {"DailyBulkV2QueryJobs", 10000},
      {"DailyDeliveredPlatformEvents", 10000},
      {"DailyDurableGenericStreamingApiEvents", 10000},
      {"DailyDurableStreamingApiEvents", 10000},
      {"DailyGenericStreamingApiEvents", 10000},
      {"DailyScratchOrgs", 6},
      {"DailyStandardVolumePlatformEvents", 10000},
      {"DailyStreamingApiEvents", 10000},
      {"DailyWorkflowEmails", 2000},
      {"DataStorageMB", 5},
      {"DurableStreamingApiConcurrentClients", 20},
      {"FileStorageMB", 20},
      {"HourlyAsyncReportRuns", 1200},
      {"HourlyDashboardRefreshes", 200},
      {"HourlyDashboardResults", 5000},
      {"HourlyDashboardStatuses", 999999999},
      {"HourlyODataCallout", 20000},
      {"HourlyPublishedPlatformEvents", 50000},
      {"HourlyPublishedStandardVolumePlatformEvents", 1000},
      {"HourlySyncReportRuns", 500},
      {"HourlyTimeBasedWorkflow", 50},
      {"MassEmail", 10},
      {"MonthlyPlatformEventsUsageEntitlement", 300000},
      {"PermissionTypes", 30000},
      {"SingleEmail", 15},
      {"StreamingApiConcurrentClients", 20},
  };
  const long max = call.org.config().daily_api_limit;
  Json body = Json::object();
  for (const auto& [name, value] : kLimits) {
    if (value < 0) {
      body[name] = Json{{"Max", max}, {"Remaining", std::max(0L, max - usage)}};
    } else {
      body[name] = Json{{"Max", value}, {"Remaining", value}};
    }
  }
  return JsonResponse(200, body.dump());
}

// The resource a path names, then the method check: an unknown path is a 404 whatever the
// method, a known one answers 405 to anything but GET and HEAD.
HttpResponse Route(const RestCall& call, const std::vector<std::string_view>& parts, int usage) {
  const size_t n = parts.size();
  auto read = [&](auto serve) -> HttpResponse {
    if (!IsReadMethod(call.request)) return MethodNotAllowed(call.request);
    return serve();
  };
  if (n == 1) return read([&] { return Resources(call); });
  const std::string_view resource = parts[1];
  if (resource == "limits" && n == 2) return read([&] { return Limits(call, usage); });
  if (resource == "query" || resource == "queryAll") {
    // queryAll also returns deleted and archived records; the mock's org has none, so both
    // answer alike. Next batches are served under either name (REST API guide, "QueryAll More
    // Results", CONFIRMED).
    if (n == 2) return read([&] { return rest::Query(call); });
    if (n == 3) return read([&] { return rest::QueryMore(call, parts[2]); });
  }
  if (resource == "sobjects") {
    if (n == 2) return read([&] { return rest::DescribeGlobal(call); });
    // An sObject the org does not have: 404 NOT_FOUND "The requested resource does not exist"
    // (INFERRED; client fixtures and mocks in public code answer the same).
    const SObjectType* type = FindSObjectType(parts[2]);
    if (n == 3) {
      return read([&] {
        return type ? rest::SObjectBasicInfo(call, *type) : CatalogueError("rest.NOT_FOUND");
      });
    }
    if (n == 4 && parts[3] == "describe") {
      return read([&] {
        return type ? rest::SObjectDescribe(call, *type) : CatalogueError("rest.NOT_FOUND");
      });
    }
    if (n == 4) {
      return read([&] {
        return type ? rest::SObjectRecord(call, *type, parts[3]) : CatalogueError("rest.NOT_FOUND");
      });
    }
  }
  return CatalogueError("rest.NOT_FOUND");
}

HttpResponse HandleVersioned(Org& org, const HttpRequest& request,
                             const std::vector<std::string_view>& parts) {
  const auto token = BearerTokenOf(request);
  const auto session = token ? org.Authenticate(*token) : std::nullopt;
  if (!session) return CatalogueError("rest.INVALID_SESSION_ID");
  // A live token without the api (or full) scope is refused for good (CONFIRMED, jsforce
  // isSessionExpired; tsmztech/mcp-server-salesforce#8).
  if (!sf::HasScope(session->scope, "api") && !sf::HasScope(session->scope, "full")) {
    return CatalogueError("rest.INVALID_SESSION_ID.not_for_rest");
  }
  // Checked after the session, before usage is counted: an org without API access has no usage
  // to count (INFERRED order, docs/wire-choices.md).
  if (!org.config().api_enabled) return CatalogueError("rest.API_DISABLED_FOR_ORG");

  // Every authenticated call counts, the refused one included, so api-usage can read past the
  // limit as Salesforce's soft limit allows (UNVERIFIED, docs/wire-choices.md).
  const int usage = org.CountApiRequest();
  HttpResponse response = [&]() -> HttpResponse {
    if (usage > org.config().daily_api_limit) return CatalogueError("rest.REQUEST_LIMIT_EXCEEDED");
    if (org.ConcurrentLimitExhausted()) {
      return CatalogueError("rest.REQUEST_LIMIT_EXCEEDED.concurrent");
    }
    // "latest" stands for the newest version anywhere a version goes (REST API guide,
    // "Versions": "you can use latest in the URI to resolve to the most recently released API
    // version", CONFIRMED); answers then name the resolved version.
    const int latest = org.config().latest_api_version;
    const auto major =
        parts[0] == "latest" ? std::optional<int>(latest) : sf::ParseVersionSegment(parts[0]);
    if (!major || *major < sf::kOldestApiVersion || *major > latest) {
      return CatalogueError("rest.NOT_FOUND");
    }
    const RestCall call{org, request, *session, fmt::format("{}.0", *major),
                        fmt::format("/services/data/v{}.0", *major)};
    return Route(call, parts, usage);
  }();
  // Every API response carries the org's usage (CONFIRMED format, salesforce-wire.md 5).
  response.headers.Add("Sforce-Limit-Info",
                       fmt::format("api-usage={}/{}", usage, org.config().daily_api_limit));
  return response;
}

}  // namespace

HttpResponse HandleRest(Org& org, const HttpRequest& request) {
  const std::string_view path(request.path);
  const auto parts = SplitPath(path.substr(kDataPrefix.size()));
  HttpResponse response;
  if (parts.empty()) {
    // GET /services/data/ needs no session: a cheap probe that a host is an org (CONFIRMED).
    response = IsReadMethod(request) ? Versions(org) : MethodNotAllowed(request);
  } else {
    response = HandleVersioned(org, request, parts);
  }
  // HEAD answers like GET without a body (RFC 9110 9.3.2; the REST API lists HEAD as allowed).
  if (request.method == "HEAD") response.body.clear();
  return response;
}

}  // namespace sfh::mock
