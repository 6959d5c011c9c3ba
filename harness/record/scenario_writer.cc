#include "harness/record/scenario_writer.h"

#include <fmt/format.h>
#include <fnmatch.h>

#include <algorithm>
#include <ctime>
#include <map>
#include <optional>
#include <regex>

#include "harness/checks/exchange_view.h"
#include "harness/record/replacer.h"
#include "mock_server/org/sobjects.h"
#include "salesforce/api_versions.h"
#include "salesforce/catalogue.h"
#include "salesforce/form.h"
#include "salesforce/hosts.h"
#include "salesforce/token_format.h"

namespace sfh::harness::record {
namespace {

namespace sf = ::sfh::salesforce;
using Json = nlohmann::ordered_json;

// Keeps the file well under the loader's 1 MiB limit.
constexpr size_t kMaxRecords = 1000;
// Longer request lists are cut in `teaches`.
constexpr size_t kMaxRequestLines = 40;

std::string Utc(std::chrono::system_clock::time_point at, const char* format) {
  const std::time_t t = std::chrono::system_clock::to_time_t(at);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[64];
  return std::string(text, std::strftime(text, sizeof text, format, &tm));
}

std::string KindOf(const std::string& domain) {
  switch (sf::ClassifyHost(domain).host_class) {
    case sf::HostClass::kSandboxMyDomain:
    case sf::HostClass::kLegacySandboxMyDomain:
      return std::string(sf::ToString(sf::OrgKind::kSandbox));
    case sf::HostClass::kDeveloperMyDomain:
      return std::string(sf::ToString(sf::OrgKind::kDeveloper));
    case sf::HostClass::kScratchMyDomain:
      return std::string(sf::ToString(sf::OrgKind::kScratch));
    default:
      return std::string(sf::ToString(sf::OrgKind::kProduction));
  }
}

bool IsDataPath(std::string_view path) {
  return path == "/services/data" || path.starts_with("/services/data/");
}

std::optional<Json> ParseObject(const std::string& body) {
  auto doc = Json::parse(body, nullptr, false);
  if (doc.is_discarded()) return std::nullopt;
  return doc;
}

// The org's list of versions if the client read it, else the highest vNN.0 in the data paths it
// used, else the version it was given; 0 when none is a version the mock serves.
int ApiVersionOf(const RecordedSession& session) {
  int listed = 0;
  int used = 0;
  for (const auto& e : session.exchanges) {
    if (!IsDataPath(e.request.path)) continue;
    const std::string_view path = e.request.path;
    if ((path == "/services/data" || path == "/services/data/") && e.response.status == 200) {
      const auto doc = ParseObject(e.response.body);
      if (doc && doc->is_array()) {
        for (const auto& entry : *doc) {
          if (!entry.is_object() || !entry.contains("version") || !entry["version"].is_string()) {
            continue;
          }
          const auto major = sf::ParseVersionSegment("v" + entry["version"].get<std::string>());
          listed = std::max(listed, major.value_or(0));
        }
      }
    }
    size_t start = 0;
    while (start < path.size()) {
      const size_t slash = path.find('/', start);
      const auto major = sf::ParseVersionSegment(path.substr(start, slash - start));
      used = std::max(used, major.value_or(0));
      if (slash == std::string_view::npos) break;
      start = slash + 1;
    }
  }
  int version = listed > 0 ? listed : used;
  if (version == 0) version = sf::ParseVersionSegment("v" + session.api_version).value_or(0);
  return version >= sf::kOldestApiVersion && version <= 99 ? version : 0;
}

// The records of the REST answers, by object, ids and text replaced.
class RecordBook {
 public:
  explicit RecordBook(Replacer& replacer) : replacer_(replacer) {}

  // A query's batch or a record read.
  void TakeAnswer(const Json& doc) {
    if (!doc.is_object()) return;
    if (const auto it = doc.find("records"); it != doc.end() && it->is_array()) {
      for (const auto& record : *it) Take(record);
    } else if (doc.contains("attributes")) {
      Take(doc);
    }
  }

  Json ToJson() const {
    Json out = Json::object();
    for (const auto& [object, records] : records_) out[object] = records;
    return out;
  }

  size_t count = 0;
  size_t skipped_records = 0;
  size_t skipped_fields = 0;

 private:
  void Take(const Json& record) {
    if (!record.is_object()) return;
    const auto attributes = record.find("attributes");
    const mock::SObjectType* type = nullptr;
    if (attributes != record.end() && attributes->is_object() && attributes->contains("type") &&
        (*attributes)["type"].is_string()) {
      type = mock::FindSObjectType((*attributes)["type"].get<std::string>());
    }
    if (type == nullptr) {
      ++skipped_records;
      return;
    }
    std::string id;
    Json fields = Json::object();
    for (const auto& [key, value] : record.items()) {
      if (key == "attributes") continue;
      if (mock::EqualsIgnoreCase(key, "Id")) {
        if (value.is_string() && Replacer::LooksLikeId(value.get<std::string>())) {
          id = replacer_.Id(value.get<std::string>());
        }
        continue;
      }
      const mock::SObjectField* field = mock::FindSObjectField(*type, key);
      if ((field == nullptr && !key.ends_with("__c")) || value.is_structured()) {
        ++skipped_fields;  // unknown to the mock, or a relationship's record
        continue;
      }
      const std::string name = field != nullptr ? std::string(field->name) : key;
      if (!value.is_string()) {
        fields[name] = value;  // numbers, booleans and null identify nothing alone
        continue;
      }
      const std::string text = value.get<std::string>();
      const bool reference =
          field != nullptr && (field->type == "id" || field->type == "reference");
      if ((reference || field == nullptr) && Replacer::LooksLikeId(text)) {
        fields[name] = replacer_.Id(text);
      } else {
        fields[name] = replacer_.Value(name, text);
      }
    }
    Add(std::string(type->name), id, std::move(fields));
  }

  // The same record seen again (a query run three times) is one record; new fields join it.
  void Add(const std::string& object, const std::string& id, Json fields) {
    const std::string key = id.empty() ? fields.dump() : id;
    auto& index = index_[object];
    if (const auto it = index.find(key); it != index.end()) {
      Json& known = records_[object][it->second];
      for (const auto& [name, value] : fields.items()) {
        if (!known.contains(name)) known[name] = value;
      }
      return;
    }
    if (count >= kMaxRecords) {
      ++skipped_records;
      return;
    }
    Json record = Json::object();
    if (!id.empty()) record["Id"] = id;
    record.update(fields);
    index.emplace(key, records_[object].size());
    records_[object].push_back(std::move(record));
    ++count;
  }

  Replacer& replacer_;
  std::map<std::string, std::vector<Json>> records_;
  std::map<std::string, std::map<std::string, size_t>> index_;
};

// "GET /services/data/v62.0/query?q=... -> 200": the method, the path as Replacer::Path makes
// it, the query's parameter names without their values, and the status.
std::string RequestLine(Replacer& replacer, const mock::Exchange& e) {
  std::string line = e.request.method + " " + replacer.Path(e.request.path);
  if (!e.request.query.empty()) {
    static const std::regex kName("[A-Za-z0-9_.-]{1,40}");
    std::vector<std::string> names;
    if (auto form = sf::ParseForm(e.request.query)) {
      for (const auto& [name, value] : form->fields()) {
        names.push_back(std::regex_match(name, kName) ? name + "=..." : "...");
      }
    }
    line += "?" + (names.empty() ? std::string("...") : fmt::format("{}", fmt::join(names, "&")));
  }
  return line + " -> " +
         (e.response.status == 0 ? std::string("no answer") : std::to_string(e.response.status));
}

// Consecutive repeats folded: "GET ... -> 200 (3 times)"; long lists cut.
std::vector<std::string> Folded(const std::vector<std::string>& lines) {
  std::vector<std::string> out;
  for (size_t i = 0; i < lines.size();) {
    size_t n = 1;
    while (i + n < lines.size() && lines[i + n] == lines[i]) ++n;
    out.push_back(n == 1 ? lines[i] : fmt::format("{} ({} times)", lines[i], n));
    i += n;
  }
  if (out.size() > kMaxRequestLines) {
    const size_t more = out.size() - kMaxRequestLines;
    out.resize(kMaxRequestLines);
    out.push_back(fmt::format("and {} more", more));
  }
  return out;
}

// Each error answer the catalogue knows becomes a fault answering the same request the same way:
// the nth request its `on` watches, counted as the mock counts (method, fnmatch over the path).
Json Faults(const std::vector<mock::Exchange>& exchanges, RecordedScenario& summary) {
  Json faults = Json::array();
  for (size_t i = 0; i < exchanges.size(); ++i) {
    const mock::Exchange& e = exchanges[i];
    if (e.response.status < 400) continue;
    const std::string glob = Replacer::PathGlob(e.request.path);
    int nth = 1;
    for (size_t j = 0; j < i; ++j) {
      if (mock::EqualsIgnoreCase(exchanges[j].request.method, e.request.method) &&
          fnmatch(glob.c_str(), exchanges[j].request.path.c_str(), 0) == 0) {
        ++nth;
      }
    }
    Json fault = {{"name", fmt::format("recorded answer {}", i + 1)},
                  {"on", e.request.method + " " + glob},
                  {"nth", nth}};
    const auto* entry = sf::RecognizeErrorResponse(e.response.status, e.response.body,
                                                   e.response.headers.Get("Location").value_or(""));
    if (entry != nullptr) {
      fault["do"] = "respond";
      fault["error"] = std::string(entry->id);
    } else if (e.response.status == 503) {
      fault["do"] = "unavailable";
      fault["retry_after_seconds"] = std::clamp(RetryAfterSecondsOf(e).value_or(30), 0, 86400);
    } else {
      ++summary.errors_not_replayed;
      continue;
    }
    faults.push_back(std::move(fault));
  }
  summary.faults = faults.size();
  return faults;
}

std::string Plural(size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

}  // namespace

std::string DefaultRecordedId(std::chrono::system_clock::time_point at) {
  return "recorded/" + Utc(at, "%Y-%m-%dT%H-%M-%SZ");
}

RecordedScenario BuildRecordedScenario(const RecordedSession& session) {
  RecordedScenario out;
  out.kind = KindOf(session.domain);
  out.api_version = ApiVersionOf(session);
  out.exchanges = session.exchanges.size();

  Replacer replacer;
  RecordBook book(replacer);
  bool scope_sent_and_granted = false;
  bool jwt_signed = false;
  bool legacy_instance = false;
  std::optional<std::string> granted_scope;
  for (const auto& e : session.exchanges) {
    if (IsRestCall(e) && e.request.host == mock::VirtualHost::kLegacyInstance) {
      legacy_instance = true;
    }
    if (const auto grant = GrantOf(e)) {
      ++out.tokens;
      const auto body = ParseObject(e.response.body);
      const bool jwt = sf::LooksLikeJwtAccessToken(grant->access_token) ||
                       (body && body->value("token_format", "") == "jwt");
      out.jwt = out.jwt || jwt;
      jwt_signed = jwt_signed || (jwt && grant->signature.has_value());
      if (IsClientCredentialsRequest(e)) {
        scope_sent_and_granted = scope_sent_and_granted || ParamsOf(e).Has("scope");
        if (!granted_scope && body && body->contains("scope") && (*body)["scope"].is_string()) {
          granted_scope = (*body)["scope"].get<std::string>();
        }
      }
      continue;
    }
    if (IsDataPath(e.request.path) && e.request.method == "GET" && IsSuccess(e)) {
      if (const auto doc = ParseObject(e.response.body)) book.TakeAnswer(*doc);
    }
  }
  if (granted_scope) {
    static const std::regex kWireScope("[a-z0-9_]{1,64}");
    for (const auto scope : sf::SplitScope(*granted_scope)) {
      const std::string name(scope);
      if (std::regex_match(name, kWireScope) &&
          std::find(out.scopes.begin(), out.scopes.end(), name) == out.scopes.end()) {
        out.scopes.push_back(name);
      }
    }
  }

  std::vector<std::string> lines;
  for (const auto& e : session.exchanges) lines.push_back(RequestLine(replacer, e));
  out.requests = Folded(lines);
  out.ids_replaced = replacer.ids_replaced();
  out.values_replaced = replacer.values_replaced();
  out.records = book.count;
  out.records_skipped = book.skipped_records;
  out.fields_skipped = book.skipped_fields;
  Json faults = Faults(session.exchanges, out);

  const std::string date = Utc(session.recorded_at, "%Y-%m-%d");
  const std::string version =
      out.api_version > 0 ? fmt::format("API v{}.0", out.api_version) : "API version unknown";
  const std::string outcome = session.client_succeeded ? "succeeded" : "failed";
  Json doc = Json::object();
  doc["id"] = session.id.empty() ? DefaultRecordedId(session.recorded_at) : session.id;
  doc["title"] = fmt::format("Recorded from a live {} org on {} ({}): the client {}", out.kind,
                             date, version, outcome);
  std::string teaches = fmt::format(
      "Recorded by sfharness record on {} from a live {} org ({}) through the harness's "
      "recording proxy. The client was asked for {} and {}. What crossed the wire, in order "
      "(ids replaced, query values left out): {}. The org's id, users, My Domain name and the "
      "app's credentials are the mock's own; record ids and text values are consistent "
      "stand-ins, numbers and booleans are as recorded. Access tokens were {}.",
      Utc(session.recorded_at, "%Y-%m-%d %H:%M UTC"), out.kind, version,
      Plural(static_cast<size_t>(session.calls), "REST read", "REST reads"), outcome,
      lines.empty() ? std::string("nothing") : fmt::format("{}", fmt::join(out.requests, "; ")),
      out.jwt ? "JWTs" : "opaque");
  if (out.faults > 0) {
    teaches += fmt::format(" {} of the org replayed as faults.",
                           Plural(out.faults, "error answer is", "error answers are"));
  }
  doc["teaches"] = teaches;
  doc["tags"] = Json::array({"recorded"});
  doc["transport"] = "https";  // the client met HTTPS, the recording proxy's

  Json org = Json::object();
  org["my_domain"] = kRecordedMyDomain;
  org["kind"] = out.kind;
  if (out.api_version > 0) org["latest_api_version"] = out.api_version;
  if (legacy_instance) org["instance_url"] = "legacy_instance";
  org["users"] = Json::array({Json{{"username", kRecordedUsername}}});
  Json app = {{"name", kRecordedAppName}};
  if (!out.scopes.empty()) app["scopes"] = out.scopes;
  app["settings"] = {{"jwt_access_tokens", out.jwt}};
  app["policies"] = {{"run_as", kRecordedUsername}};
  org["apps"] = Json::array({app});
  org["records"] = book.ToJson();
  Json choices = Json::object();
  if (scope_sent_and_granted) choices["scope_parameter"] = "ignore";
  if (jwt_signed) choices["jwt_response_has_signature"] = true;
  if (!choices.empty()) org["choices"] = choices;
  doc["org"] = org;
  if (!faults.empty()) doc["faults"] = faults;
  doc["client"] = {{"calls", std::clamp(session.calls, 0, 1000)}};
  doc["expect"] = {{"client", session.client_succeeded ? "succeeds" : "fails"}};
  out.json = std::move(doc);
  return out;
}

}  // namespace sfh::harness::record
