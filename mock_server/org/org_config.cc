#include "mock_server/org/org_config.h"

#include <fmt/format.h>

#include "salesforce/api_versions.h"
#include "salesforce/catalogue.h"
#include "salesforce/encoding.h"
#include "salesforce/record_id.h"

namespace sfh::mock {
namespace {

namespace sf = ::sfh::salesforce;

constexpr std::string_view kKeyAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._";
constexpr std::string_view kSecretAlphabet = "0123456789ABCDEF";

// Consumer keys are 85 characters starting "3MVG9"; secrets 64 upper-case hex characters.
std::string NewConsumerKey() { return "3MVG9" + sf::RandomString(80, kKeyAlphabet); }
std::string NewConsumerSecret() { return sf::RandomString(64, kSecretAlphabet); }

std::optional<std::string> ReadId(ObjectReader& r, std::string_view key,
                                  std::string_view prefix) {
  auto id = r.String(key);
  if (!id) return std::nullopt;
  auto id18 = sf::To18(*id);
  if (!id18 || !id->starts_with(prefix)) {
    r.Error(key, fmt::format("expected a 15- or 18-character id starting '{}', got '{}'",
                             prefix, *id));
    return std::nullopt;
  }
  return id18;
}

UserConfig ReadUser(ObjectReader& r) {
  UserConfig user;
  user.username = r.String("username", true).value_or("");
  user.id = ReadId(r, "id", sf::kUserKeyPrefix).value_or(sf::NewRecordId(sf::kUserKeyPrefix));
  user.active = r.Bool("active").value_or(true);
  r.Finish();
  return user;
}

AppConfig ReadApp(ObjectReader& r) {
  AppConfig app;
  app.name = r.String("name", true).value_or("");
  auto id = r.String("client_id");
  auto secret = r.String("client_secret");
  app.credentials_generated = !id || !secret;
  app.client_id = id.value_or(NewConsumerKey());
  app.client_secret = secret.value_or(NewConsumerSecret());
  if (auto settings = r.Object("settings")) {
    app.settings_client_credentials = settings->Bool("client_credentials").value_or(true);
    settings->Finish();
  }
  if (auto policies = r.Object("policies")) {
    app.policies_client_credentials = policies->Bool("client_credentials").value_or(true);
    app.run_as = policies->String("run_as");
    policies->Finish();
  }
  if (auto scopes = r.StringArray("scopes")) app.scopes = *scopes;
  r.Finish();
  return app;
}

std::vector<RecordConfig> ReadAccounts(ObjectReader& records) {
  std::vector<RecordConfig> out;
  for (auto& rec : records.ObjectArray("Account")) {
    RecordConfig record;
    record.id = ReadId(rec, "Id", sf::kAccountKeyPrefix)
                    .value_or(sf::NewRecordId(sf::kAccountKeyPrefix));
    // Every other key is a field of the record; values are strings in this version.
    for (const std::string& key : rec.Keys()) {
      if (key == "Id") continue;
      if (auto value = rec.String(key)) record.fields[key] = *value;
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
      r.Error("scope_parameter", fmt::format("expected \"reject\" or \"ignore\", got \"{}\"",
                                             *scope));
    }
  }
  if (auto id = ReadTokenErrorId(r, "flow_off_in_policies_error")) {
    c.flow_off_in_policies_error = *id;
  }
  if (auto id = ReadTokenErrorId(r, "inactive_run_as_error")) c.inactive_run_as_error = *id;
  r.Finish();
  return c;
}

std::vector<RecordConfig> DefaultAccounts() {
  std::vector<RecordConfig> out;
  for (const char* name : {"Acme", "Globex", "Initech"}) {
    out.push_back(RecordConfig{sf::NewRecordId(sf::kAccountKeyPrefix), {{"Name", name}}});
  }
  return out;
}

}  // namespace

OrgConfig ReadOrgConfig(ObjectReader& r) {
  OrgConfig org;
  org.my_domain = r.String("my_domain").value_or(org.my_domain);
  if (auto kind = r.String("kind")) {
    if (*kind == "production") {
      org.kind = OrgKind::kProduction;
    } else if (*kind == "sandbox") {
      org.kind = OrgKind::kSandbox;
    } else {
      r.Error("kind", fmt::format("expected \"production\" or \"sandbox\", got \"{}\"", *kind));
    }
  }
  org.org_id = ReadId(r, "org_id", sf::kOrgKeyPrefix).value_or(sf::NewRecordId(sf::kOrgKeyPrefix));
  org.session_timeout_minutes =
      static_cast<int>(r.Int("session_timeout_minutes", 1, 24 * 60).value_or(120));
  org.latest_api_version = static_cast<int>(
      r.Int("latest_api_version", sf::kOldestApiVersion, 99).value_or(org.latest_api_version));
  org.daily_api_limit = static_cast<int>(r.Int("daily_api_limit", 0, 100000000).value_or(15000));
  if (auto instance = r.String("instance_url")) {
    if (*instance == "my_domain") {
      org.instance_url = InstanceUrlHost::kMyDomain;
    } else if (*instance == "legacy_instance") {
      org.instance_url = InstanceUrlHost::kLegacyInstance;
    } else {
      r.Error("instance_url",
              fmt::format("expected \"my_domain\" or \"legacy_instance\", got \"{}\"", *instance));
    }
  }
  for (auto& u : r.ObjectArray("users")) org.users.push_back(ReadUser(u));
  if (!r.Has("users")) {
    org.users.push_back(UserConfig{fmt::format("integration@{}.test", org.my_domain),
                                   sf::NewRecordId(sf::kUserKeyPrefix), true});
  }
  for (auto& a : r.ObjectArray("apps")) org.apps.push_back(ReadApp(a));
  if (auto records = r.Object("records")) {
    org.accounts = ReadAccounts(*records);
    records->Finish();
  } else {
    org.accounts = DefaultAccounts();
  }
  if (auto choices = r.Object("choices")) org.choices = ReadChoices(*choices);
  r.Finish();
  return org;
}

OrgConfig DemoOrgConfig() {
  OrgConfig org;
  org.my_domain = "acme";
  org.org_id = *sf::To18("00DS7000000sfmk");
  org.users.push_back(UserConfig{"integration@acme.test", *sf::To18("005S7000000sfmk"), true});
  AppConfig app;
  app.name = "Demo Integration";
  app.client_id = kDemoClientId;
  app.client_secret = kDemoClientSecret;
  app.run_as = "integration@acme.test";
  org.apps.push_back(app);
  org.accounts = DefaultAccounts();
  return org;
}

}  // namespace sfh::mock
