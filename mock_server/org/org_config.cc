#include "mock_server/org/org_config.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "mock_server/org/clock.h"
#include "mock_server/org/sobjects.h"
#include "salesforce/api_versions.h"
#include "salesforce/catalogue.h"
#include "salesforce/encoding.h"
#include "salesforce/jwt.h"
#include "salesforce/record_id.h"

namespace sfh::mock {
namespace {

namespace sf = ::sfh::salesforce;

constexpr std::string_view kKeyAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._";
constexpr std::string_view kSecretAlphabet = "0123456789ABCDEF";

// Consumer keys are 85 characters starting "3MVG9".
std::string NewConsumerKey() { return "3MVG9" + sf::RandomString(80, kKeyAlphabet); }

std::optional<std::string> ReadId(ObjectReader& r, std::string_view key, std::string_view prefix) {
  auto id = r.String(key);
  if (!id) return std::nullopt;
  auto id18 = sf::To18(*id);
  if (!id18 || !id->starts_with(prefix)) {
    r.Error(key,
            fmt::format("expected a 15- or 18-character id starting '{}', got '{}'", prefix, *id));
    return std::nullopt;
  }
  return id18;
}

std::vector<IpRange> ReadIpRanges(ObjectReader& r, std::string_view key) {
  std::vector<IpRange> out;
  auto texts = r.StringArray(key);
  if (!texts) return out;
  for (const auto& text : *texts) {
    const size_t dash = text.find('-');
    const auto first = ParseIpv4(std::string_view(text).substr(0, dash));
    const auto last =
        dash == std::string::npos ? first : ParseIpv4(std::string_view(text).substr(dash + 1));
    if (!first || !last || *last < *first) {
      r.Error(key, fmt::format("expected IPv4 ranges such as \"10.0.0.0-10.0.0.255\" or "
                               "single addresses, got \"{}\"",
                               text));
      continue;
    }
    out.push_back(IpRange{*first, *last});
  }
  return out;
}

// Reads a key whose value is one of `names`; returns the index of the one given.
std::optional<size_t> ReadEnum(ObjectReader& r, std::string_view key,
                               std::initializer_list<std::string_view> names) {
  auto text = r.String(key);
  if (!text) return std::nullopt;
  size_t i = 0;
  for (auto name : names) {
    if (*text == name) return i;
    ++i;
  }
  std::string expected;
  for (auto name : names) expected += fmt::format("{}\"{}\"", expected.empty() ? "" : ", ", name);
  r.Error(key, fmt::format("expected one of {}, got \"{}\"", expected, *text));
  return std::nullopt;
}

UserConfig ReadUser(ObjectReader& r) {
  UserConfig user;
  user.username = r.String("username", true).value_or("");
  user.id = ReadId(r, "id", sf::kUserKeyPrefix).value_or(sf::NewRecordId(sf::kUserKeyPrefix));
  user.active = r.Bool("active").value_or(true);
  user.frozen = r.Bool("frozen").value_or(false);
  user.first_name = r.String("first_name").value_or(user.first_name);
  user.last_name = r.String("last_name").value_or(user.last_name);
  user.email = r.String("email").value_or(user.username);
  user.profile = r.String("profile").value_or(user.profile);
  user.permission_sets = r.StringArray("permission_sets").value_or(std::vector<std::string>{});
  user.login_ip_ranges = ReadIpRanges(r, "login_ip_ranges");
  user.approved_apps = r.StringArray("approved_apps").value_or(std::vector<std::string>{});
  r.Finish();
  return user;
}

AppConfig ReadApp(ObjectReader& r) {
  AppConfig app;
  app.name = r.String("name", true).value_or("");
  if (auto kind = ReadEnum(r, "kind", {"external_client_app", "connected_app"})) {
    app.kind = *kind == 0 ? AppKind::kExternalClientApp : AppKind::kConnectedApp;
  }
  // PKCE is required by default on External Client Apps (CONFIRMED, isPkceRequired) and
  // optional on Connected Apps (INFERRED: "Require PKCE" is an opt-in checkbox there).
  app.pkce_required = app.kind == AppKind::kExternalClientApp;
  app.installed = r.Bool("installed").value_or(true);
  auto id = r.String("client_id");
  auto secret = r.String("client_secret");
  app.credentials_generated = !id || !secret;
  app.client_id = id.value_or(NewConsumerKey());
  app.client_secret = secret.value_or(NewConsumerSecret());
  if (auto settings = r.Object("settings")) {
    app.settings_client_credentials = settings->Bool("client_credentials").value_or(true);
    app.callback_urls = settings->StringArray("callback_urls").value_or(std::vector<std::string>{});
    app.pkce_required = settings->Bool("pkce_required").value_or(app.pkce_required);
    app.jwt_access_tokens = settings->Bool("jwt_access_tokens").value_or(false);
    app.introspect_all_tokens = settings->Bool("introspect_all_tokens").value_or(false);
    app.certificate_pem = settings->String("certificate").value_or("");
    // A certificate that cannot be read fails the load, not every later JWT request.
    if (!app.certificate_pem.empty()) {
      if (auto key = sf::RsaKey::FromPem(app.certificate_pem); !key) {
        settings->Error(
            "certificate",
            fmt::format("expected a PEM X.509 certificate or RSA public key: {}", key.error()));
      }
    }
    settings->Finish();
  }
  if (auto scopes = r.StringArray("scopes")) app.scopes = *scopes;
  app.trusted_ip_ranges = ReadIpRanges(r, "trusted_ip_ranges");
  if (auto policies = r.Object("policies")) {
    app.policies_client_credentials = policies->Bool("client_credentials").value_or(true);
    app.run_as = policies->String("run_as");
    if (auto p =
            ReadEnum(*policies, "permitted_users", {"all_self_authorized", "admin_approved"})) {
      app.permitted_users = *p == 0 ? PermittedUsers::kAllSelfAuthorized
                                    : PermittedUsers::kAdminApprovedPreAuthorized;
    }
    app.profiles = policies->StringArray("profiles").value_or(std::vector<std::string>{});
    app.permission_sets =
        policies->StringArray("permission_sets").value_or(std::vector<std::string>{});
    if (auto ip = ReadEnum(*policies, "ip_relaxation",
                           {"enforce", "bypass", "bypass_2fa", "enforce_relax_refresh"})) {
      app.ip_relaxation = static_cast<IpRelaxation>(*ip);
    }
    if (auto t = policies->Int("session_timeout_minutes", 1, 24 * 60)) {
      app.session_timeout_minutes = static_cast<int>(*t);
    }
    // namedUserJwtTimeout: 1/5/10/15/30, and since v65.0 60/90/120/240/480/720 (CONFIRMED).
    if (auto t = policies->Int("jwt_timeout_minutes", 1, 720)) {
      static constexpr int kAllowed[] = {1, 5, 10, 15, 30, 60, 90, 120, 240, 480, 720};
      if (std::find(std::begin(kAllowed), std::end(kAllowed), *t) == std::end(kAllowed)) {
        policies->Error("jwt_timeout_minutes",
                        fmt::format("expected one of 1, 5, 10, 15, 30, 60, 90, 120, 240, 480, "
                                    "720 (namedUserJwtTimeout), got {}",
                                    *t));
      } else {
        app.jwt_timeout_minutes = static_cast<int>(*t);
      }
    }
    policies->Finish();
  }
  r.Finish();
  return app;
}

std::vector<RecordConfig> ReadRecords(ObjectReader& records, const SObjectType& type) {
  std::vector<RecordConfig> out;
  const std::string key(type.name);
  for (auto& rec : records.ObjectArray(key)) {
    RecordConfig record;
    record.id = ReadId(rec, "Id", type.key_prefix).value_or(sf::NewRecordId(type.key_prefix));
    // Every other key is a field: a standard field of the object or a custom one ("__c").
    for (const std::string& name : rec.Keys()) {
      if (name == "Id") continue;
      const SObjectField* field = FindSObjectField(type, name);
      if (field == nullptr && !name.ends_with("__c")) {
        rec.Error(name,
                  fmt::format("{} has no field '{}' (custom fields end in __c)", type.name, name));
        continue;
      }
      const nlohmann::json* value = rec.Raw(name);
      if (value == nullptr) continue;
      if (value->is_structured()) {
        rec.Error(name, fmt::format("expected a string, number, boolean or null, got {}",
                                    JsonTypeName(*value)));
        continue;
      }
      record.fields[field != nullptr ? std::string(field->name) : name] = *value;
    }
    rec.Finish();
    out.push_back(std::move(record));
  }
  return out;
}

// A catalogue entry id of the token endpoint, for a choice of which error answers.
std::optional<std::string> ReadTokenErrorId(ObjectReader& r, std::string_view key) {
  auto id = r.String(key);
  if (!id) return std::nullopt;
  const auto* entry = sf::FindCatalogueEntry(*id);
  if (entry == nullptr || entry->id != *id || entry->surface != sf::ErrorSurface::kToken) {
    r.Error(key, fmt::format("expected a token error's catalogue id such as "
                             "\"token.unsupported_grant_type\", got \"{}\"",
                             *id));
    return std::nullopt;
  }
  return id;
}

WireChoices ReadChoices(ObjectReader& r) {
  WireChoices c;
  if (auto scope = r.String("scope_parameter")) {
    if (*scope == "reject" || *scope == "ignore") {
      c.reject_scope_parameter = *scope == "reject";
    } else {
      r.Error("scope_parameter",
              fmt::format("expected \"reject\" or \"ignore\", got \"{}\"", *scope));
    }
  }
  if (auto id = ReadTokenErrorId(r, "flow_off_in_policies_error")) {
    c.flow_off_in_policies_error = *id;
  }
  if (auto id = ReadTokenErrorId(r, "inactive_run_as_error")) c.inactive_run_as_error = *id;
  if (auto id = ReadTokenErrorId(r, "frozen_run_as_error")) c.frozen_run_as_error = *id;
  c.permitted_users_apply_to_run_as =
      r.Bool("permitted_users_apply_to_run_as").value_or(c.permitted_users_apply_to_run_as);
  c.reuse_live_token = r.Bool("reuse_live_token").value_or(c.reuse_live_token);
  c.jwt_response_has_signature =
      r.Bool("jwt_response_has_signature").value_or(c.jwt_response_has_signature);
  if (auto id = ReadTokenErrorId(r, "jwt_audience_error")) c.jwt_audience_error = *id;
  if (auto both = r.String("basic_and_body")) {
    if (*both == "basic" || *both == "must_agree") {
      c.basic_and_body_must_agree = *both == "must_agree";
    } else {
      r.Error("basic_and_body",
              fmt::format("expected \"basic\" or \"must_agree\", got \"{}\"", *both));
    }
  }
  if (auto moved = r.String("moved_instance")) {
    if (*moved == "redirect" || *moved == "invalid_session") {
      c.moved_instance_redirects = *moved == "redirect";
    } else {
      r.Error("moved_instance",
              fmt::format("expected \"redirect\" or \"invalid_session\", got \"{}\"", *moved));
    }
  }
  r.Finish();
  return c;
}

std::map<std::string, std::vector<RecordConfig>> DefaultRecords() {
  std::vector<RecordConfig> accounts;
  for (const char* name : {"Acme", "Globex", "Initech"}) {
    RecordConfig record{sf::NewRecordId(sf::kAccountKeyPrefix), nlohmann::ordered_json::object()};
    record.fields["Name"] = name;
    accounts.push_back(std::move(record));
  }
  return {{"Account", std::move(accounts)}};
}

}  // namespace

std::string NewConsumerSecret() { return sf::RandomString(64, kSecretAlphabet); }

std::optional<uint32_t> ParseIpv4(std::string_view text) {
  uint32_t address = 0;
  const char* p = text.data();
  const char* end = text.data() + text.size();
  for (int part = 0; part < 4; ++part) {
    if (part > 0) {
      if (p == end || *p != '.') return std::nullopt;
      ++p;
    }
    unsigned value = 0;
    auto [next, ec] = std::from_chars(p, end, value);
    if (ec != std::errc() || next == p || next - p > 3 || value > 255) return std::nullopt;
    address = (address << 8) | value;
    p = next;
  }
  if (p != end) return std::nullopt;
  return address;
}

OrgConfig ReadOrgConfig(ObjectReader& r) {
  OrgConfig org;
  org.my_domain = r.String("my_domain").value_or(org.my_domain);
  org.sandbox_name = r.String("sandbox_name").value_or(org.sandbox_name);
  if (auto kind = ReadEnum(r, "kind", {"production", "sandbox", "developer", "scratch"})) {
    org.kind = static_cast<OrgKind>(*kind);
  }
  org.org_id = ReadId(r, "org_id", sf::kOrgKeyPrefix).value_or(sf::NewRecordId(sf::kOrgKeyPrefix));
  org.session_timeout_minutes =
      static_cast<int>(r.Int("session_timeout_minutes", 1, 24 * 60).value_or(120));
  org.latest_api_version = static_cast<int>(
      r.Int("latest_api_version", sf::kOldestApiVersion, 99).value_or(org.latest_api_version));
  org.daily_api_limit = static_cast<int>(r.Int("daily_api_limit", 0, 100000000).value_or(15000));
  if (auto clock = r.String("clock")) {
    org.clock_start = ParseUtcTime(*clock);
    if (!org.clock_start) {
      r.Error("clock", fmt::format("expected a UTC time like \"2026-11-28T09:00:00Z\", got \"{}\"",
                                   *clock));
    }
  }
  org.api_enabled = r.Bool("api_enabled").value_or(true);
  org.query_batch_size =
      static_cast<int>(r.Int("query_batch_size", 1, 2000).value_or(org.query_batch_size));
  if (auto instance = ReadEnum(r, "instance_url", {"my_domain", "legacy_instance"})) {
    org.instance_url =
        *instance == 0 ? InstanceUrlHost::kMyDomain : InstanceUrlHost::kLegacyInstance;
  }
  for (auto& u : r.ObjectArray("users")) org.users.push_back(ReadUser(u));
  if (!r.Has("users")) {
    UserConfig user;
    user.username = fmt::format("integration@{}.test", org.my_domain);
    user.email = user.username;
    user.id = sf::NewRecordId(sf::kUserKeyPrefix);
    org.users.push_back(std::move(user));
  }
  for (auto& a : r.ObjectArray("apps")) org.apps.push_back(ReadApp(a));
  if (auto records = r.Object("records")) {
    for (const std::string& name : records->Keys()) {
      const SObjectType* type = FindSObjectType(name);
      if (type == nullptr || type->name != name) {
        std::string known;
        for (const auto& t : SObjectTypes())
          known += fmt::format("{}{}", known.empty() ? "" : ", ", t.name);
        records->Error(name, fmt::format("unknown object '{}'; the mock serves {}", name, known));
        continue;
      }
      org.records[name] = ReadRecords(*records, *type);
    }
    records->Finish();
  } else {
    org.records = DefaultRecords();
  }
  if (auto authorize = r.Object("authorize")) {
    org.authorize.username = authorize->String("user").value_or("");
    org.authorize.approve = authorize->Bool("approve").value_or(true);
    authorize->Finish();
  }
  if (auto choices = r.Object("choices")) org.choices = ReadChoices(*choices);
  r.Finish();
  return org;
}

OrgConfig DemoOrgConfig() {
  OrgConfig org;
  org.my_domain = "acme";
  org.org_id = *sf::To18("00DS7000000sfmk");
  UserConfig user;
  user.username = "integration@acme.test";
  user.email = user.username;
  user.id = *sf::To18("005S7000000sfmk");
  org.users.push_back(std::move(user));
  AppConfig app;
  app.name = "Demo Integration";
  app.client_id = kDemoClientId;
  app.client_secret = kDemoClientSecret;
  app.run_as = "integration@acme.test";
  org.apps.push_back(app);
  org.records = DefaultRecords();
  return org;
}

}  // namespace sfh::mock
