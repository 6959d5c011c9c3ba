#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "mock_server/endpoints/endpoints.h"
#include "mock_server/endpoints/responses.h"
#include "mock_server/endpoints/soql.h"
#include "salesforce/api_versions.h"
#include "salesforce/form.h"

namespace sfh::mock {
namespace {

namespace sf = ::sfh::salesforce;
using Json = nlohmann::ordered_json;

constexpr std::string_view kDataPrefix = "/services/data";

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

// "Bearer <token>" or the older "OAuth <token>" scheme, which the REST API still accepts
// (INFERRED: older REST API guide examples); a check judges clients that do not send Bearer.
std::optional<std::string> AccessTokenOf(const HttpRequest& request) {
  const auto header = request.headers.Get("Authorization");
  if (!header) return std::nullopt;
  const size_t space = header->find(' ');
  if (space == std::string::npos) return std::nullopt;
  const std::string_view scheme(header->data(), space);
  if (!EqualsIgnoreCase(scheme, "Bearer") && !EqualsIgnoreCase(scheme, "OAuth")) {
    return std::nullopt;
  }
  std::string token = header->substr(space + 1);
  while (!token.empty() && token.front() == ' ') token.erase(0, 1);
  return token;
}

HttpResponse NotFound() { return CatalogueError("rest.NOT_FOUND"); }

Json Attributes(std::string_view version, const RecordConfig& record) {
  return Json{{"type", "Account"},
              {"url", fmt::format("/services/data/v{}/sobjects/Account/{}", version, record.id)}};
}

// The record's value for `field` (case-insensitive, as SOQL is), and its canonical name.
std::optional<std::pair<std::string, std::string>> FieldOf(const RecordConfig& record,
                                                           std::string_view field) {
  if (EqualsIgnoreCase(field, "Id")) return std::make_pair(std::string("Id"), record.id);
  for (const auto& [name, value] : record.fields) {
    if (EqualsIgnoreCase(name, field)) return std::make_pair(name, value);
  }
  return std::nullopt;
}

bool AccountHasField(const Org& org, std::string_view field) {
  if (EqualsIgnoreCase(field, "Id") || EqualsIgnoreCase(field, "Name")) return true;
  for (const auto& record : org.config().accounts) {
    if (FieldOf(record, field)) return true;
  }
  return false;
}

HttpResponse Query(const Org& org, std::string_view version, const HttpRequest& request) {
  auto params = sf::ParseForm(request.query);
  const auto q = params ? params->Get("q") : std::nullopt;
  if (!q) return RestError(400, "MALFORMED_QUERY", "unexpected token: <EOF>");
  auto query = ParseSoql(*q);
  if (!query) return RestError(400, "MALFORMED_QUERY", query.error());
  if (!EqualsIgnoreCase(query->object, "Account")) {
    return RestError(400, "INVALID_TYPE",
                     fmt::format("sObject type '{}' is not supported. If you are attempting to "
                                 "use a custom object, be sure to append the '__c' after the "
                                 "entity name. Please reference your WSDL or the describe call "
                                 "for the appropriate names.",
                                 query->object));
  }
  for (const auto& field : query->fields) {
    if (!AccountHasField(org, field)) {
      return RestError(400, "INVALID_FIELD",
                       fmt::format("No such column '{}' on entity 'Account'. If you are "
                                   "attempting to use a custom field, be sure to append the "
                                   "'__c' after the custom field name. Please reference your "
                                   "WSDL or the describe call for the appropriate names.",
                                   field));
    }
  }
  Json records = Json::array();
  for (const auto& record : org.config().accounts) {
    if (query->limit && static_cast<long>(records.size()) >= *query->limit) break;
    Json row;
    row["attributes"] = Attributes(version, record);
    for (const auto& field : query->fields) {
      if (auto value = FieldOf(record, field)) {
        row[value->first] = value->second;
      } else {
        row[EqualsIgnoreCase(field, "Name") ? "Name" : field] = nullptr;
      }
    }
    records.push_back(std::move(row));
  }
  Json body;
  body["totalSize"] = records.size();
  body["done"] = true;
  body["records"] = std::move(records);
  return JsonResponse(200, body.dump());
}

HttpResponse Record(const Org& org, std::string_view version, std::string_view object,
                    std::string_view id) {
  if (!EqualsIgnoreCase(object, "Account")) return NotFound();
  const RecordConfig* record = org.FindAccount(id);
  if (record == nullptr) return NotFound();
  Json body;
  body["attributes"] = Attributes(version, *record);
  body["Id"] = record->id;
  for (const auto& [name, value] : record->fields) body[name] = value;
  return JsonResponse(200, body.dump());
}

HttpResponse Resources(std::string_view version, const Session& session) {
  const std::string base = fmt::format("/services/data/v{}", version);
  Json body;
  for (const char* name : {"tooling", "metadata", "eclair", "folders", "prechatForms", "chatter",
                           "tabs", "appMenu", "quickActions", "queryAll", "commerce", "wave",
                           "iot", "analytics", "search", "identity", "composite",
                           "parameterizedSearch", "fingerprint", "theme", "nouns", "event",
                           "serviceTemplates", "recent", "connect", "licensing", "limits",
                           "process", "async-queries", "query", "jsonxform", "emailConnect",
                           "compactLayouts", "knowledgeManagement", "sobjects", "actions",
                           "support", "ui-api"}) {
    body[name] = std::string_view(name) == "identity" ? session.identity_url
                                                      : base + "/" + name;
  }
  return JsonResponse(200, body.dump());
}

HttpResponse Versions(const Org& org) {
  Json body = Json::array();
  for (const auto& v : sf::ApiVersions(org.config().latest_api_version)) {
    body.push_back(Json{{"label", v.label}, {"url", v.url}, {"version", v.version}});
  }
  return JsonResponse(200, body.dump());
}

}  // namespace

HttpResponse HandleRest(Org& org, const HttpRequest& request) {
  const std::string_view path(request.path);
  const auto parts = SplitPath(path.substr(kDataPrefix.size()));
  // GET /services/data/ needs no session: a cheap probe that a host is an org (CONFIRMED).
  if (parts.empty()) return Versions(org);

  const auto major = sf::ParseVersionSegment(parts[0]);
  const auto token = AccessTokenOf(request);
  const auto session = token ? org.Authenticate(*token) : std::nullopt;
  if (!session) return CatalogueError("rest.INVALID_SESSION_ID");

  const int usage = org.CountApiRequest();
  HttpResponse response = [&]() -> HttpResponse {
    if (!major || *major < sf::kOldestApiVersion || *major > org.config().latest_api_version) {
      return NotFound();
    }
    const std::string version = fmt::format("{}.0", *major);
    if (request.method != "GET" && request.method != "HEAD") {
      return RestError(405, "METHOD_NOT_ALLOWED",
                       fmt::format("HTTP Method '{}' not allowed. Allowed are GET,HEAD",
                                   request.method));
    }
    if (parts.size() == 1) return Resources(version, *session);
    if (parts.size() == 2 && parts[1] == "query") return Query(org, version, request);
    if (parts.size() == 4 && parts[1] == "sobjects") {
      return Record(org, version, parts[2], parts[3]);
    }
    return NotFound();
  }();
  // Every API response carries the org's usage (CONFIRMED format, salesforce-wire.md 5).
  response.headers.Add("Sforce-Limit-Info",
                       fmt::format("api-usage={}/{}", usage, org.config().daily_api_limit));
  return response;
}

}  // namespace sfh::mock
