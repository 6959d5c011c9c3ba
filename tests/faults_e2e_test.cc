// Every fault sfmock injects (mock_server/faults/fault.h), end to end: the built sfmock runs with a
// scenario whose credentials are fixed, each test arms one fault through the admin API
// (POST /__admin/faults), the real curl binary does what a client does (the token POST to the My
// Domain, REST GETs with the Bearer token), and the test asserts what curl saw on the wire, then
// what GET /__admin/journal recorded (`fault`, `wire_fault`, `explanation`) and, for faults that
// change the org, what GET /__admin/org shows. One more test walks the triggers (nth, every,
// client_id, after_seconds, when_state/set_state) and one shows tenants keep their faults apart.
// Loopback only; every wait is bounded; timing is only ever asserted from below.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "harness/clients/process.h"
#include "mock_server/org/org_config.h"
#include "mock_server/wire/wire_faults.h"
#include "salesforce/catalogue.h"
#include "salesforce/form.h"
#include "tests/tool_runner.h"

namespace sfh::tests {
namespace {

namespace fs = std::filesystem;
namespace sf = ::sfh::salesforce;
using Json = nlohmann::json;
using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr char kTokenPath[] = "/services/oauth2/token";
constexpr char kQueryPath[] = "/services/data/v67.0/query";
constexpr char kQuery[] = "/services/data/v67.0/query?q=SELECT+Id+FROM+Account";
constexpr char kLimitsPath[] = "/services/data/v67.0/limits";
// How long curl may take for an exchange that is not meant to hang: generous, never reached.
constexpr int kCurlMaxSeconds = 20;

// An app whose credentials the scenario gives, so curl can use them.
struct App {
  const char* name;
  const char* client_id;
  const char* client_secret;
};
// The default tenant's two apps, run as the same user.
constexpr App kBilling = {
    "Billing Integration",
    "3MVG9faultsE2E.Default.Billing.00000000000000000000000000000000000000000",
    "FAULTSE2EBILLINGSECRET000000000000000000000000000000000000000000000"};
constexpr App kReporting = {
    "Reporting Integration",
    "3MVG9faultsE2E.Default.Reporting.0000000000000000000000000000000000000000",
    "FAULTSE2EREPORTINGSECRET0000000000000000000000000000000000000000000"};
constexpr char kRunAs[] = "integration@acme.test";
// Tenant "b": another org with an app of its own.
constexpr App kTenantB = {"Globex Sync",
                          "3MVG9faultsE2E.TenantB.GlobexSync.000000000000000000000000000000000000",
                          "FAULTSE2ETENANTBSECRET000000000000000000000000000000000000000000000"};

Json AppJson(const App& app, const std::string& run_as) {
  return {{"name", app.name},
          {"client_id", app.client_id},
          {"client_secret", app.client_secret},
          {"settings", {{"client_credentials", true}}},
          {"policies", {{"client_credentials", true}, {"run_as", run_as}}},
          {"scopes", {"api"}}};
}

// Like scenarios/happy/http.json, with credentials given.
Json DefaultScenario() {
  return {{"id", "faults-e2e/default"},
          {"title", "Fault end-to-end tests: two apps with fixed credentials"},
          {"org",
           {{"my_domain", "acme"},
            {"users", {{{"username", kRunAs}}}},
            {"apps", {AppJson(kBilling, kRunAs), AppJson(kReporting, kRunAs)}}}}};
}

Json TenantBScenario() {
  return {{"id", "faults-e2e/tenant-b"},
          {"title", "Fault end-to-end tests: a second tenant"},
          {"org",
           {{"my_domain", "globex"},
            {"users", {{{"username", "integration@globex.test"}}}},
            {"apps", {AppJson(kTenantB, "integration@globex.test")}}}}};
}

// The exact body the catalogue gives an entry.
std::string Body(std::string_view id) { return sf::ErrorBody(sf::CatalogueEntryById(id)); }

void WriteFile(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

// One run of the curl binary: what it printed, its exit status, and the response it saved.
struct CurlRun {
  std::vector<std::string> argv;
  harness::ProcessResult process;
  Json write_out;       // -w '%{json}': http_code, time_total, errormsg, ...
  int status = 0;       // the HTTP status curl saw; 0 when none
  std::string headers;  // --dump-header: the raw header block
  std::string body;     // --output: the body as received

  int exit_code() const { return process.exit_code; }
  double time_total() const {
    return write_out.is_object() ? write_out.value("time_total", 0.0) : 0.0;
  }
  // The first value of a response header (name compared case-insensitively).
  std::optional<std::string> Header(std::string_view name) const {
    std::istringstream lines(headers);
    std::string line;
    while (std::getline(lines, line)) {
      const size_t colon = line.find(':');
      if (colon == std::string::npos || colon != name.size()) continue;
      if (!std::equal(name.begin(), name.end(), line.begin(),
                      [](char a, char b) { return std::tolower(a) == std::tolower(b); })) {
        continue;
      }
      std::string value = line.substr(colon + 1);
      value.erase(0, value.find_first_not_of(' '));
      while (!value.empty() && (value.back() == '\r' || value.back() == ' ')) value.pop_back();
      return value;
    }
    return std::nullopt;
  }
  Json BodyJson() const { return Json::parse(body, nullptr, false); }
  // Everything curl did, for failure messages. Secrets are in files, never in argv.
  std::string Describe() const {
    std::string text = "\n--- curl:";
    for (const auto& a : argv) text += " " + a;
    text += "\n    exit " + std::to_string(process.exit_code) +
            (process.timed_out ? " (killed at the test's deadline)" : "") +
            (process.term_signal != 0 ? " signal " + std::to_string(process.term_signal) : "") +
            (process.started ? "" : " (not started: " + process.spawn_error + ")") + ", " +
            std::to_string(process.elapsed.count()) + " ms";
    text += "\n    stderr: " + process.err;
    text += "\n    stdout (-w %{json}): ";
    if (write_out.is_object()) {
      Json brief = Json::object();
      for (const char* key : {"exitcode", "errormsg", "http_code", "size_download", "time_total"}) {
        if (write_out.contains(key)) brief[key] = write_out[key];
      }
      text += brief.dump();
    } else {
      text += process.out.substr(0, 1500);
    }
    text += "\n    headers:\n" + headers;
    text += "    body: " + body.substr(0, 2000) + "\n---";
    return text;
  }
};

// sfmock, started once per test suite with the default scenario, and curl's scratch files.
class FaultE2eTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() / ("sfh-faults-e2e-" + std::to_string(getpid()) +
                                                     "-" + std::to_string(++suite_counter_)));
    fs::remove_all(*dir_);
    fs::create_directories(*dir_);
    fs::permissions(*dir_, fs::perms::owner_all, fs::perm_options::replace);
    WriteFile(*dir_ / "default.json", DefaultScenario().dump(2));
    mock_ = new BackgroundMock({"--port", "0", "--scenario", (*dir_ / "default.json").string()});
  }
  static void TearDownTestSuite() {
    delete mock_;  // SIGTERM, bounded wait
    mock_ = nullptr;
    fs::remove_all(*dir_);
    delete dir_;
    dir_ = nullptr;
  }

  void SetUp() override {
    ASSERT_NE(mock_, nullptr);
    ASSERT_TRUE(mock_->ok()) << mock_->error();
    // A fresh org for every test: new tokens, no armed faults, state, clock and journal new.
    const Answer reset = Admin("POST", "/__admin/reset");
    ASSERT_EQ(reset.status, 204) << reset.text;
  }

  static std::string Ready(const char* key) { return mock_->ready()[key].get<std::string>(); }
  static std::string my_domain() { return Ready("my_domain_url"); }
  static std::string legacy_instance() { return Ready("legacy_instance_url"); }

  // ---- the admin API, with httplib ----

  struct Answer {
    int status = -1;
    Json json;         // the body parsed; discarded when it is not JSON
    std::string text;  // the body, or the transport error
  };

  static Answer Admin(const std::string& method, const std::string& target,
                      const std::string& body = "") {
    httplib::Client client(my_domain());
    client.set_connection_timeout(5, 0);
    client.set_read_timeout(10, 0);
    client.set_write_timeout(10, 0);
    client.set_url_encode(false);
    auto send = [&]() -> httplib::Result {
      if (method == "GET") return client.Get(target);
      if (method == "POST") return client.Post(target, body, "application/json");
      if (method == "PUT") return client.Put(target, body, "application/json");
      return client.Delete(target);
    };
    const httplib::Result res = send();
    Answer answer;
    if (!res) {
      answer.text = method + " " + target + ": " + httplib::to_string(res.error());
      return answer;
    }
    answer.status = res->status;
    answer.text = method + " " + target + " -> " + std::to_string(res->status) + ": " + res->body;
    answer.json = Json::parse(res->body, nullptr, false);
    return answer;
  }
  static std::string TenantQuery(const std::string& tenant, char sep) {
    return tenant.empty() ? "" : std::string(1, sep) + "tenant=" + tenant;
  }
  // Arms one fault (an object) or several (an array); 201 when they load.
  static Answer Arm(const Json& faults, const std::string& tenant = "") {
    return Admin("POST", "/__admin/faults" + TenantQuery(tenant, '?'), faults.dump());
  }
  static Json OrgState(const std::string& tenant = "") {
    return Admin("GET", "/__admin/org" + TenantQuery(tenant, '?')).json;
  }
  static Json Exchanges(const std::string& tenant = "") {
    const Answer journal = Admin("GET", "/__admin/journal" + TenantQuery(tenant, '?'));
    if (!journal.json.is_object() || !journal.json.contains("exchanges")) return Json::array();
    return journal.json["exchanges"];
  }
  // The latest journaled exchange of that method, path and (when set) host; null when none.
  static Json LastExchange(const std::string& method, const std::string& path,
                           const std::string& host = "", const std::string& tenant = "") {
    Json last = nullptr;
    for (const auto& e : Exchanges(tenant)) {
      if (e["method"] == method && e["path"] == path && (host.empty() || e["host"] == host)) {
        last = e;
      }
    }
    return last;
  }
  static Answer AdvanceClock(int seconds) {
    return Admin("POST", "/__admin/clock", Json{{"advance_seconds", seconds}}.dump());
  }

  // ---- curl ----

  // Runs curl with `args` after the common options; the body goes to a file, the headers to
  // another, and stdout holds only curl's -w '%{json}' summary.
  static CurlRun Curl(const std::vector<std::string>& args, int max_seconds = kCurlMaxSeconds) {
    const std::string n = std::to_string(++curl_counter_);
    const fs::path body = *dir_ / ("body-" + n);
    const fs::path headers = *dir_ / ("headers-" + n);
    CurlRun run;
    run.argv = {"curl", "--silent", "--show-error", "--noproxy", "*", "--connect-timeout", "10"};
    run.argv.insert(run.argv.end(), {"--max-time", std::to_string(max_seconds), "--output",
                                     body.string(), "--dump-header", headers.string()});
    run.argv.insert(run.argv.end(), {"--write-out", "%{json}"});
    run.argv.insert(run.argv.end(), args.begin(), args.end());
    harness::ProcessOptions options;
    options.argv = run.argv;
    options.timeout = std::chrono::seconds(max_seconds + 30);
    run.process = harness::RunProcess(options);
    run.write_out = Json::parse(run.process.out, nullptr, false);
    if (run.write_out.is_object()) run.status = run.write_out.value("http_code", 0);
    run.headers = ReadFile(headers);
    run.body = ReadFile(body);
    fs::remove(body);
    fs::remove(headers);
    return run;
  }

  // The client-credentials token POST, client_secret_post, the form from a file (as
  // clients/curl/sfclient.sh pipes it: secrets stay off the command line).
  static CurlRun Token(const std::string& client_id, const std::string& client_secret) {
    const fs::path form = *dir_ / ("form-" + std::to_string(++curl_counter_));
    WriteFile(form, sf::EncodeForm({{"grant_type", "client_credentials"},
                                    {"client_id", client_id},
                                    {"client_secret", client_secret}}));
    CurlRun run = Curl({"-X", "POST", "-H", "Content-Type: application/x-www-form-urlencoded",
                        "--data-binary", "@" + form.string(), my_domain() + kTokenPath});
    fs::remove(form);
    return run;
  }
  static CurlRun Token(const App& app) { return Token(app.client_id, app.client_secret); }

  // A REST GET with the Bearer token, the header from a file.
  static CurlRun Get(const std::string& base, const std::string& token,
                     const std::string& target = kQuery, int max_seconds = kCurlMaxSeconds) {
    const fs::path header = *dir_ / ("auth-" + std::to_string(++curl_counter_));
    WriteFile(header, "Authorization: Bearer " + token + "\n");
    CurlRun run = Curl({"-H", "@" + header.string(), base + target}, max_seconds);
    fs::remove(header);
    return run;
  }

  // A granted token's access_token; "" with a failure when none was granted.
  static std::string AccessToken(const CurlRun& token) {
    EXPECT_EQ(token.exit_code(), 0) << token.Describe();
    EXPECT_EQ(token.status, 200) << token.Describe();
    const Json body = token.BodyJson();
    if (!body.is_object() || !body.contains("access_token")) {
      ADD_FAILURE() << "no access_token" << token.Describe();
      return "";
    }
    return body["access_token"].get<std::string>();
  }
  static std::string NewToken(const App& app) { return AccessToken(Token(app)); }

  static inline BackgroundMock* mock_ = nullptr;
  static inline fs::path* dir_ = nullptr;
  static inline std::atomic<int> suite_counter_{0};
  static inline std::atomic<int> curl_counter_{0};
};

// curl exited 0 and saw this status and exact body.
void ExpectAnswer(const CurlRun& run, int status, const std::string& body) {
  EXPECT_EQ(run.exit_code(), 0) << run.Describe();
  EXPECT_EQ(run.status, status) << run.Describe();
  EXPECT_EQ(run.body, body) << run.Describe();
}

// curl exited 0 with 200 and a JSON body.
void ExpectOk(const CurlRun& run) {
  EXPECT_EQ(run.exit_code(), 0) << run.Describe();
  EXPECT_EQ(run.status, 200) << run.Describe();
  EXPECT_TRUE(Json::accept(run.body)) << run.Describe();
}

// The journal entry names the fault (and wire fault), and explains the answer with `explanation`
// (a catalogue id; nullptr: the answer is no error).
void ExpectJournaled(const Json& entry, std::string_view fault, std::string_view wire_fault,
                     const char* explanation) {
  SCOPED_TRACE("journal entry: " + entry.dump(2));
  ASSERT_TRUE(entry.is_object()) << "no such exchange in the journal";
  EXPECT_EQ(entry["fault"], std::string(fault));
  EXPECT_EQ(entry["wire_fault"], std::string(wire_fault));
  if (explanation == nullptr) {
    EXPECT_TRUE(entry["explanation"].is_null());
  } else {
    ASSERT_TRUE(entry["explanation"].is_object());
    EXPECT_EQ(entry["explanation"]["id"], explanation);
  }
}

// ---- one test per action ----

class FaultActionsE2e : public FaultE2eTest {};

TEST_F(FaultActionsE2e, RespondAnswersTheCatalogueErrorInsteadOfTheOrgOnce) {
  const Answer armed = Arm({{"on", "GET /services/data/*"},
                            {"do", "respond"},
                            {"error", "rest.REQUEST_LIMIT_EXCEEDED"}});
  ASSERT_EQ(armed.status, 201) << armed.text;
  const std::string token = NewToken(kBilling);
  ASSERT_FALSE(token.empty());

  ExpectAnswer(Get(my_domain(), token), 403, Body("rest.REQUEST_LIMIT_EXCEEDED"));
  ExpectJournaled(LastExchange("GET", kQueryPath), "respond", "", "rest.REQUEST_LIMIT_EXCEEDED");
  // `times` is 1 by default: the org answers the next call.
  ExpectOk(Get(my_domain(), token));
  ExpectJournaled(LastExchange("GET", kQueryPath), "", "", nullptr);
}

TEST_F(FaultActionsE2e, UnavailableAnswers503WithRetryAfter) {
  const Answer armed =
      Arm({{"on", "GET /services/data/*"}, {"do", "unavailable"}, {"retry_after_seconds", 7}});
  ASSERT_EQ(armed.status, 201) << armed.text;
  const std::string token = NewToken(kBilling);
  ASSERT_FALSE(token.empty());

  const CurlRun get = Get(my_domain(), token);
  ExpectAnswer(get, 503, Body("rest.SERVER_UNAVAILABLE"));
  EXPECT_EQ(get.Header("Retry-After"), "7") << get.Describe();
  ExpectJournaled(LastExchange("GET", kQueryPath), "unavailable", "", "rest.SERVER_UNAVAILABLE");
}

TEST_F(FaultActionsE2e, ExpireSessionsMakesTheTokenInvalidUntilANewOne) {
  const Answer armed = Arm({{"on", "GET /services/data/*"}, {"do", "expire_sessions"}});
  ASSERT_EQ(armed.status, 201) << armed.text;
  const std::string token = NewToken(kBilling);
  ASSERT_FALSE(token.empty());

  // The state changes before the org answers, so the very request that fires it is refused.
  ExpectAnswer(Get(my_domain(), token), 401, Body("rest.INVALID_SESSION_ID"));
  ExpectJournaled(LastExchange("GET", kQueryPath), "expire_sessions", "",
                  "rest.INVALID_SESSION_ID");
  // The token stays expired; a new one works.
  ExpectAnswer(Get(my_domain(), token), 401, Body("rest.INVALID_SESSION_ID"));
  ExpectJournaled(LastExchange("GET", kQueryPath), "", "", "rest.INVALID_SESSION_ID");
  const std::string fresh = NewToken(kBilling);
  ASSERT_FALSE(fresh.empty());
  ExpectOk(Get(my_domain(), fresh));
}

TEST_F(FaultActionsE2e, RevokeSessionsMakesTheTokenInvalidUntilANewOne) {
  const std::string other = NewToken(kReporting);
  ASSERT_FALSE(other.empty());
  const Answer armed = Arm({{"on", "GET /services/data/*"}, {"do", "revoke_sessions"}});
  ASSERT_EQ(armed.status, 201) << armed.text;
  const std::string token = NewToken(kBilling);
  ASSERT_FALSE(token.empty());

  ExpectAnswer(Get(my_domain(), token), 401, Body("rest.INVALID_SESSION_ID"));
  ExpectJournaled(LastExchange("GET", kQueryPath), "revoke_sessions", "",
                  "rest.INVALID_SESSION_ID");
  // Every token, the other app's too.
  ExpectAnswer(Get(my_domain(), other), 401, Body("rest.INVALID_SESSION_ID"));
  const std::string fresh = NewToken(kBilling);
  ASSERT_FALSE(fresh.empty());
  ExpectOk(Get(my_domain(), fresh));
}

TEST_F(FaultActionsE2e, MigrateInstanceMovesNewTokensAndTheOldHostAnswersInvalidSession) {
  // The org starts on its My Domain; without `to` the fault moves it to the other host.
  ASSERT_EQ(OrgState()["instance_url"], my_domain());
  Answer armed = Arm({{"on", "POST /services/oauth2/token"}, {"do", "migrate_instance"}});
  ASSERT_EQ(armed.status, 201) << armed.text;
  const CurlRun first = Token(kBilling);
  const std::string on_legacy = AccessToken(first);
  ASSERT_FALSE(on_legacy.empty());
  EXPECT_EQ(first.BodyJson()["instance_url"], legacy_instance()) << first.Describe();
  ExpectJournaled(LastExchange("POST", kTokenPath), "migrate_instance", "", nullptr);
  EXPECT_EQ(OrgState()["instance_url"], legacy_instance());
  ExpectOk(Get(legacy_instance(), on_legacy));

  // Back to the My Domain: the legacy host is now one the org has left.
  armed = Arm({{"name", "migrate-back"},
               {"on", "POST /services/oauth2/token"},
               {"do", "migrate_instance"},
               {"to", "my_domain"}});
  ASSERT_EQ(armed.status, 201) << armed.text;
  const CurlRun second = Token(kBilling);
  ASSERT_FALSE(AccessToken(second).empty());
  EXPECT_EQ(second.BodyJson()["instance_url"], my_domain()) << second.Describe();
  ExpectJournaled(LastExchange("POST", kTokenPath), "migrate-back", "", nullptr);
  EXPECT_EQ(OrgState()["instance_url"], my_domain());
  // choices.moved_instance_redirects is false by default: 401 INVALID_SESSION_ID there...
  ASSERT_FALSE(mock::WireChoices{}.moved_instance_redirects);
  ExpectAnswer(Get(legacy_instance(), on_legacy), 401, Body("rest.INVALID_SESSION_ID"));
  ExpectJournaled(LastExchange("GET", kQueryPath, "legacy_instance"), "", "",
                  "rest.INVALID_SESSION_ID");
  // ...while the same live token still works on the host the org is on.
  ExpectOk(Get(my_domain(), on_legacy));
}

TEST_F(FaultActionsE2e, RefreshSandboxGivesANewOrgIdAndDropsEveryToken) {
  const std::string old_org = OrgState()["org_id"];
  const std::string before = NewToken(kBilling);
  ASSERT_FALSE(before.empty());
  EXPECT_THAT(before, StartsWith(old_org.substr(0, 15) + "!"));
  const Answer armed = Arm({{"on", "POST /services/oauth2/token"}, {"do", "refresh_sandbox"}});
  ASSERT_EQ(armed.status, 201) << armed.text;

  const CurlRun token = Token(kBilling);
  const std::string after = AccessToken(token);
  ASSERT_FALSE(after.empty());
  ExpectJournaled(LastExchange("POST", kTokenPath), "refresh_sandbox", "", nullptr);
  const std::string new_org = OrgState()["org_id"];
  ASSERT_THAT(new_org, StartsWith("00D"));
  EXPECT_NE(new_org.substr(0, 15), old_org.substr(0, 15));
  EXPECT_THAT(after, StartsWith(new_org.substr(0, 15) + "!")) << token.Describe();
  EXPECT_THAT(token.BodyJson()["id"].get<std::string>(), HasSubstr("/id/" + new_org + "/"))
      << token.Describe();
  EXPECT_EQ(token.BodyJson()["instance_url"], my_domain()) << "the same My Domain";
  ExpectAnswer(Get(my_domain(), before), 401, Body("rest.INVALID_SESSION_ID"));
  ExpectOk(Get(my_domain(), after));
}

TEST_F(FaultActionsE2e, RotateSecretRefusesTheOldSecretAndKeepsLiveTokens) {
  constexpr char kRotated[] = "FAULTSE2EROTATEDSECRET0000000000000000000000000000000000000000000";
  const std::string live = NewToken(kBilling);
  ASSERT_FALSE(live.empty());
  const Answer armed = Arm({{"on", "POST /services/oauth2/token"},
                            {"do", "rotate_secret"},
                            {"app", kBilling.name},
                            {"secret", kRotated}});
  ASSERT_EQ(armed.status, 201) << armed.text;

  ExpectAnswer(Token(kBilling), 400, Body("token.invalid_client"));
  const Json entry = LastExchange("POST", kTokenPath);
  ExpectJournaled(entry, "rotate_secret", "", "token.invalid_client");
  EXPECT_FALSE(AccessToken(Token(kBilling.client_id, kRotated)).empty());
  EXPECT_EQ(Exchanges().dump().find(kRotated), std::string::npos)
      << "the journal redacts the new secret too";
  ExpectOk(Get(my_domain(), live));
  EXPECT_FALSE(NewToken(kReporting).empty()) << "only the named app's secret changes";
}

// A fault that switches something off for the token endpoint: armed on the token POST, for
// Billing only, so that very request is refused with `error_id`.
struct TokenFaultCase {
  const char* action;
  std::string error_id;
};

class FaultTokenActionsE2e : public FaultE2eTest {
 protected:
  // Arms `action` for Billing on the token POST, expects curl to see `error_id`'s exact body and
  // the journal to name the fault and explain it; returns the org's state afterwards.
  Json RefusedBy(const TokenFaultCase& c) {
    const Answer armed =
        Arm({{"on", "POST /services/oauth2/token"}, {"do", c.action}, {"app", kBilling.name}});
    EXPECT_EQ(armed.status, 201) << armed.text;
    const CurlRun token = Token(kBilling);
    EXPECT_EQ(sf::CatalogueEntryById(c.error_id).http_status, 400);
    ExpectAnswer(token, 400, Body(c.error_id));
    ExpectJournaled(LastExchange("POST", kTokenPath), c.action, "", c.error_id.c_str());
    return OrgState();
  }
  static Json AppState(const Json& org, const App& app) {
    for (const auto& a : org["apps"]) {
      if (a["name"] == app.name) return a;
    }
    return nullptr;
  }
};

TEST_F(FaultTokenActionsE2e, FlowOffInSettingsAnswersUnsupportedGrantType) {
  // The owner's switch: unsupported_grant_type (client_credentials.cc).
  const Json org = RefusedBy({"flow_off_in_settings", "token.unsupported_grant_type"});
  SCOPED_TRACE(org.dump(2));
  EXPECT_EQ(AppState(org, kBilling)["settings"]["client_credentials"], false);
  EXPECT_EQ(AppState(org, kBilling)["policies"]["client_credentials"], true);
  EXPECT_EQ(AppState(org, kReporting)["settings"]["client_credentials"], true);
  EXPECT_FALSE(NewToken(kReporting).empty());
}

TEST_F(FaultTokenActionsE2e, FlowOffInPoliciesAnswersTheOrgsChoice) {
  const Json org =
      RefusedBy({"flow_off_in_policies", mock::WireChoices{}.flow_off_in_policies_error});
  SCOPED_TRACE(org.dump(2));
  EXPECT_EQ(AppState(org, kBilling)["policies"]["client_credentials"], false);
  EXPECT_EQ(AppState(org, kBilling)["settings"]["client_credentials"], true);
  EXPECT_EQ(AppState(org, kReporting)["policies"]["client_credentials"], true);
  EXPECT_FALSE(NewToken(kReporting).empty());
}

TEST_F(FaultTokenActionsE2e, UnsetRunAsAnswersNoClientCredentialsUser) {
  const Json org = RefusedBy({"unset_run_as", "token.no_client_credentials_user"});
  SCOPED_TRACE(org.dump(2));
  EXPECT_TRUE(AppState(org, kBilling)["policies"]["run_as"].is_null());
  EXPECT_EQ(AppState(org, kReporting)["policies"]["run_as"], kRunAs);
  EXPECT_FALSE(NewToken(kReporting).empty());
}

TEST_F(FaultTokenActionsE2e, DeactivateRunAsAnswersTheOrgsChoice) {
  const Json org = RefusedBy({"deactivate_run_as", mock::WireChoices{}.inactive_run_as_error});
  SCOPED_TRACE(org.dump(2));
  ASSERT_EQ(org["users"].size(), 1u);
  EXPECT_EQ(org["users"][0]["username"], kRunAs);
  EXPECT_EQ(org["users"][0]["active"], false);
  EXPECT_EQ(org["users"][0]["frozen"], false);
}

TEST_F(FaultTokenActionsE2e, FreezeRunAsAnswersTheOrgsChoice) {
  const Json org = RefusedBy({"freeze_run_as", mock::WireChoices{}.frozen_run_as_error});
  SCOPED_TRACE(org.dump(2));
  ASSERT_EQ(org["users"].size(), 1u);
  EXPECT_EQ(org["users"][0]["active"], true);
  EXPECT_EQ(org["users"][0]["frozen"], true);
}

TEST_F(FaultActionsE2e, ExhaustDailyLimitAnswersRequestLimitExceeded) {
  const Answer armed = Arm({{"on", "GET /services/data/*"}, {"do", "exhaust_daily_limit"}});
  ASSERT_EQ(armed.status, 201) << armed.text;
  const std::string token = NewToken(kBilling);
  ASSERT_FALSE(token.empty());
  const int limit = OrgState()["daily_api_limit"];
  ASSERT_EQ(OrgState()["api_usage"], 0);

  const CurlRun get = Get(my_domain(), token);
  ExpectAnswer(get, 403, Body("rest.REQUEST_LIMIT_EXCEEDED"));
  // The usage is the limit, plus the refused call, which counts too (rest.cc).
  EXPECT_EQ(get.Header("Sforce-Limit-Info"),
            "api-usage=" + std::to_string(limit + 1) + "/" + std::to_string(limit))
      << get.Describe();
  ExpectJournaled(LastExchange("GET", kQueryPath), "exhaust_daily_limit", "",
                  "rest.REQUEST_LIMIT_EXCEEDED");
  const Json org = OrgState();
  EXPECT_EQ(org["api_usage"], org["daily_api_limit"].get<int>() + 1) << org.dump(2);
  ExpectAnswer(Get(my_domain(), token, kLimitsPath), 403, Body("rest.REQUEST_LIMIT_EXCEEDED"));
}

TEST_F(FaultActionsE2e, ExhaustConcurrentLimitAnswersTheConcurrentVariantUntilItPasses) {
  const Answer armed =
      Arm({{"on", "GET /services/data/*"}, {"do", "exhaust_concurrent_limit"}, {"seconds", 120}});
  ASSERT_EQ(armed.status, 201) << armed.text;
  const std::string token = NewToken(kBilling);
  ASSERT_FALSE(token.empty());

  ExpectAnswer(Get(my_domain(), token), 403, Body("rest.REQUEST_LIMIT_EXCEEDED.concurrent"));
  ExpectJournaled(LastExchange("GET", kQueryPath), "exhaust_concurrent_limit", "",
                  "rest.REQUEST_LIMIT_EXCEEDED.concurrent");
  EXPECT_EQ(OrgState()["concurrent_limit_exhausted"], true);
  ExpectAnswer(Get(my_domain(), token, kLimitsPath), 403,
               Body("rest.REQUEST_LIMIT_EXCEEDED.concurrent"));

  // `seconds` on the mock's clock: past them, the slots are free again.
  const Answer clock = AdvanceClock(121);
  ASSERT_EQ(clock.status, 200) << clock.text;
  EXPECT_EQ(OrgState()["concurrent_limit_exhausted"], false);
  ExpectOk(Get(my_domain(), token));
}

// ---- wire faults ----

TEST_F(FaultActionsE2e, DelayAnswersNormallyAfterTheDelay) {
  const Answer armed = Arm({{"on", "GET /services/data/*"}, {"do", "delay"}, {"delay_ms", 300}});
  ASSERT_EQ(armed.status, 201) << armed.text;
  const std::string token = NewToken(kBilling);
  ASSERT_FALSE(token.empty());

  const CurlRun get = Get(my_domain(), token);
  ExpectOk(get);
  EXPECT_TRUE(get.BodyJson().contains("records")) << get.Describe();
  EXPECT_GE(get.time_total(), 0.3) << get.Describe();
  EXPECT_GE(get.process.elapsed.count(), 300) << get.Describe();
  const Json entry = LastExchange("GET", kQueryPath);
  ExpectJournaled(entry, "delay", "delay 300 ms", nullptr);
  EXPECT_EQ(entry["status"], 200) << entry.dump(2);
}

TEST_F(FaultActionsE2e, HangSendsNothingUntilCurlGivesUp) {
  // The default cap is 300 s: curl's own --max-time 1 ends the exchange.
  const Answer armed = Arm({{"on", "GET /services/data/*"}, {"do", "hang"}});
  ASSERT_EQ(armed.status, 201) << armed.text;
  const std::string token = NewToken(kBilling);
  ASSERT_FALSE(token.empty());

  const CurlRun get = Get(my_domain(), token, kQuery, /*max_seconds=*/1);
  EXPECT_FALSE(get.process.timed_out) << "curl gave up by itself" << get.Describe();
  EXPECT_EQ(get.exit_code(), 28) << "CURLE_OPERATION_TIMEDOUT" << get.Describe();
  EXPECT_EQ(get.status, 0) << get.Describe();
  EXPECT_TRUE(get.body.empty()) << get.Describe();
  const Json entry = LastExchange("GET", kQueryPath);
  ExpectJournaled(entry, "hang", "hang", nullptr);
  EXPECT_EQ(entry["status"], 0) << "nothing was sent: " << entry.dump(2);
  // The mock serves on once the client left.
  ExpectOk(Get(my_domain(), token));
  // It notices within a poll interval that curl left, and journals how the hang ended.
  Json noted;
  for (int i = 0; i < 100 && (noted.is_null() || noted["hang"].is_null()); ++i) {
    if (i > 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    for (const auto& e : Exchanges()) {
      if (e["seq"] == entry["seq"]) noted = e;
    }
  }
  ASSERT_TRUE(noted.is_object() && noted["hang"].is_object()) << noted.dump(2);
  EXPECT_EQ(noted["hang"]["client_left"], true) << noted.dump(2);
  EXPECT_GE(noted["hang"]["held_ms"].get<int64_t>(), 900) << noted.dump(2);
}

TEST_F(FaultActionsE2e, ResetAbortsTheConnection) {
  const Answer armed = Arm({{"on", "GET /services/data/*"}, {"do", "reset"}});
  ASSERT_EQ(armed.status, 201) << armed.text;
  const std::string token = NewToken(kBilling);
  ASSERT_FALSE(token.empty());

  const CurlRun get = Get(my_domain(), token);
  EXPECT_EQ(get.exit_code(), 56) << "CURLE_RECV_ERROR" << get.Describe();
  EXPECT_EQ(get.status, 0) << get.Describe();
  const Json entry = LastExchange("GET", kQueryPath);
  ExpectJournaled(entry, "reset", "reset", nullptr);
  EXPECT_EQ(entry["status"], 0) << entry.dump(2);
  ExpectOk(Get(my_domain(), token));
}

TEST_F(FaultActionsE2e, EmptyClosesWithoutAByte) {
  const Answer armed = Arm({{"on", "GET /services/data/*"}, {"do", "empty"}});
  ASSERT_EQ(armed.status, 201) << armed.text;
  const std::string token = NewToken(kBilling);
  ASSERT_FALSE(token.empty());

  const CurlRun get = Get(my_domain(), token);
  EXPECT_EQ(get.exit_code(), 52) << "CURLE_GOT_NOTHING" << get.Describe();
  EXPECT_THAT(get.process.err, HasSubstr("Empty reply from server")) << get.Describe();
  const Json entry = LastExchange("GET", kQueryPath);
  ExpectJournaled(entry, "empty", "empty", nullptr);
  EXPECT_EQ(entry["status"], 0) << entry.dump(2);
  ExpectOk(Get(my_domain(), token));
}

TEST_F(FaultActionsE2e, MalformedSendsABodyThatDoesNotParse) {
  const Answer armed = Arm({{"on", "GET /services/data/*"}, {"do", "malformed"}});
  ASSERT_EQ(armed.status, 201) << armed.text;
  const std::string token = NewToken(kBilling);
  ASSERT_FALSE(token.empty());

  const CurlRun get = Get(my_domain(), token);
  EXPECT_EQ(get.exit_code(), 0) << get.Describe();
  EXPECT_EQ(get.status, 200) << get.Describe();
  EXPECT_FALSE(Json::accept(get.body)) << get.Describe();
  EXPECT_THAT(get.body, EndsWith(std::string(mock::kMalformedTail))) << get.Describe();
  EXPECT_EQ(get.Header("Content-Length"), std::to_string(get.body.size())) << get.Describe();
  const Json entry = LastExchange("GET", kQueryPath);
  ExpectJournaled(entry, "malformed", "malformed", nullptr);
  EXPECT_EQ(entry["status"], 200) << entry.dump(2);
}

TEST_F(FaultActionsE2e, TruncatedSendsHalfTheBodyOfItsContentLength) {
  const Answer armed = Arm({{"on", "GET /services/data/*"}, {"do", "truncated"}});
  ASSERT_EQ(armed.status, 201) << armed.text;
  const std::string token = NewToken(kBilling);
  ASSERT_FALSE(token.empty());

  const CurlRun get = Get(my_domain(), token);
  EXPECT_EQ(get.exit_code(), 18) << "CURLE_PARTIAL_FILE" << get.Describe();
  EXPECT_EQ(get.status, 200) << get.Describe();
  const auto length = get.Header("Content-Length");
  ASSERT_TRUE(length.has_value()) << get.Describe();
  EXPECT_LT(get.body.size(), std::stoul(*length)) << get.Describe();
  EXPECT_FALSE(Json::accept(get.body)) << get.Describe();
  const Json entry = LastExchange("GET", kQueryPath);
  ExpectJournaled(entry, "truncated", "truncated", nullptr);
  EXPECT_EQ(entry["status"], 200) << entry.dump(2);
}

TEST_F(FaultActionsE2e, NoneOnlyMovesTheScenarioState) {
  const Answer armed =
      Arm({{"on", "GET /services/data/*"}, {"do", "none"}, {"set_state", "Degraded"}});
  ASSERT_EQ(armed.status, 201) << armed.text;
  EXPECT_EQ(Admin("GET", "/__admin/state").json["state"], "Started");
  const std::string token = NewToken(kBilling);
  ASSERT_FALSE(token.empty());

  const CurlRun get = Get(my_domain(), token);
  ExpectOk(get);
  EXPECT_TRUE(get.BodyJson().contains("records")) << get.Describe();
  ExpectJournaled(LastExchange("GET", kQueryPath), "none", "", nullptr);
  EXPECT_EQ(Admin("GET", "/__admin/state").json["state"], "Degraded");
  EXPECT_EQ(OrgState()["state"], "Degraded");
}

// ---- triggers ----

class FaultTriggersE2e : public FaultE2eTest {};

TEST_F(FaultTriggersE2e, NthEveryClientIdAfterSecondsAndStatesInOneStory) {
  // 1. Billing's queries only: the 2nd, then every 3rd after it. Reporting's are not counted.
  Answer armed = Arm({{"name", "billing-2nd-then-every-3rd"},
                      {"on", "GET /services/data/*/query"},
                      {"client_id", kBilling.client_id},
                      {"nth", 2},
                      {"every", 3},
                      {"do", "respond"},
                      {"error", "rest.REQUEST_LIMIT_EXCEEDED"}});
  ASSERT_EQ(armed.status, 201) << armed.text;
  std::string billing = NewToken(kBilling);
  std::string reporting = NewToken(kReporting);
  ASSERT_FALSE(billing.empty());
  ASSERT_FALSE(reporting.empty());
  const std::vector<int> expected = {200, 403, 200, 200, 403, 200, 200};
  for (size_t i = 0; i < expected.size(); ++i) {
    SCOPED_TRACE("Billing's query " + std::to_string(i + 1));
    const CurlRun get = Get(my_domain(), billing);
    EXPECT_EQ(get.exit_code(), 0) << get.Describe();
    EXPECT_EQ(get.status, expected[i]) << get.Describe();
    if (expected[i] == 403) {
      EXPECT_EQ(get.body, Body("rest.REQUEST_LIMIT_EXCEEDED")) << get.Describe();
    }
    ExpectOk(Get(my_domain(), reporting));
  }
  std::vector<std::string> billing_faults;
  for (const auto& e : Exchanges()) {
    if (e["method"] != "GET" || e["path"] != kQueryPath) continue;
    if (e["client_id"] == kBilling.client_id) {
      billing_faults.push_back(e["fault"].get<std::string>());
      if (e["fault"] != "")
        ExpectJournaled(e, "billing-2nd-then-every-3rd", "", "rest.REQUEST_LIMIT_EXCEEDED");
    } else {
      EXPECT_EQ(e["client_id"], kReporting.client_id) << e.dump(2);
      EXPECT_EQ(e["fault"], "") << e.dump(2);
    }
  }
  EXPECT_EQ(billing_faults, (std::vector<std::string>{"", "billing-2nd-then-every-3rd", "", "",
                                                      "billing-2nd-then-every-3rd", "", ""}));
  const Json listed = Admin("GET", "/__admin/faults").json;
  ASSERT_EQ(listed["faults"].size(), 1u) << listed.dump(2);
  EXPECT_EQ(listed["faults"][0]["matches"], 7) << listed.dump(2);
  EXPECT_EQ(listed["faults"][0]["fired"], 2) << listed.dump(2);
  ASSERT_EQ(Admin("DELETE", "/__admin/faults").status, 204);

  // 2. After an hour on the mock's clock, every session expires at the next limits call.
  armed = Arm({{"name", "an-hour-later"},
               {"on", "GET /services/data/*/limits"},
               {"after_seconds", 3600},
               {"do", "expire_sessions"}});
  ASSERT_EQ(armed.status, 201) << armed.text;
  ExpectOk(Get(my_domain(), billing, kLimitsPath));
  ExpectJournaled(LastExchange("GET", kLimitsPath), "", "", nullptr);
  const Answer clock = AdvanceClock(3600);
  ASSERT_EQ(clock.status, 200) << clock.text;
  ExpectAnswer(Get(my_domain(), billing, kLimitsPath), 401, Body("rest.INVALID_SESSION_ID"));
  ExpectJournaled(LastExchange("GET", kLimitsPath), "an-hour-later", "", "rest.INVALID_SESSION_ID");
  ASSERT_EQ(Admin("DELETE", "/__admin/faults").status, 204);
  billing = NewToken(kBilling);
  ASSERT_FALSE(billing.empty());

  // 3. Reporting's next token request moves the state; in that state every REST call is 503.
  armed = Arm(Json::array({{{"name", "maintenance-begins"},
                            {"on", "POST /services/oauth2/token"},
                            {"client_id", kReporting.client_id},
                            {"do", "none"},
                            {"set_state", "Maintenance"}},
                           {{"name", "maintenance"},
                            {"on", "GET /services/data/*"},
                            {"when_state", "Maintenance"},
                            {"times", "always"},
                            {"do", "unavailable"},
                            {"retry_after_seconds", 120}}}));
  ASSERT_EQ(armed.status, 201) << armed.text;
  ExpectOk(Get(my_domain(), billing));
  EXPECT_FALSE(NewToken(kBilling).empty());  // another app's token request: no move
  EXPECT_EQ(Admin("GET", "/__admin/state").json["state"], "Started");
  reporting = NewToken(kReporting);
  ASSERT_FALSE(reporting.empty());
  ExpectJournaled(LastExchange("POST", kTokenPath), "maintenance-begins", "", nullptr);
  EXPECT_EQ(Admin("GET", "/__admin/state").json["state"], "Maintenance");
  for (const std::string& token : {billing, reporting}) {
    const CurlRun get = Get(my_domain(), token);
    ExpectAnswer(get, 503, Body("rest.SERVER_UNAVAILABLE"));
    EXPECT_EQ(get.Header("Retry-After"), "120") << get.Describe();
    ExpectJournaled(LastExchange("GET", kQueryPath), "maintenance", "", "rest.SERVER_UNAVAILABLE");
  }
  const Answer state = Admin("PUT", "/__admin/state", R"({"state": "Started"})");
  ASSERT_EQ(state.status, 200) << state.text;
  ExpectOk(Get(my_domain(), billing));
  ExpectJournaled(LastExchange("GET", kQueryPath), "", "", nullptr);
}

// ---- tenants ----

class FaultTenantsE2e : public FaultE2eTest {
 protected:
  void TearDown() override { Admin("DELETE", "/__admin/tenants/b"); }
};

TEST_F(FaultTenantsE2e, AFaultArmedInOneTenantLeavesTheOtherAlone) {
  const Answer loaded = Admin("PUT", "/__admin/scenario?tenant=b", TenantBScenario().dump());
  ASSERT_EQ(loaded.status, 201) << loaded.text;
  const Answer armed = Arm({{"on", "GET /services/data/*"},
                            {"do", "respond"},
                            {"error", "rest.REQUEST_LIMIT_EXCEEDED"},
                            {"times", "always"}},
                           "b");
  ASSERT_EQ(armed.status, 201) << armed.text;
  EXPECT_TRUE(Admin("GET", "/__admin/faults").json["faults"].empty());

  // No tenant header anywhere: the credentials, then the token, find the tenant.
  const std::string a = NewToken(kBilling);
  const std::string b = NewToken(kTenantB);
  ASSERT_FALSE(a.empty());
  ASSERT_FALSE(b.empty());
  const std::string org_a = OrgState()["org_id"];
  const std::string org_b = OrgState("b")["org_id"];
  EXPECT_THAT(a, StartsWith(org_a.substr(0, 15) + "!"));
  EXPECT_THAT(b, StartsWith(org_b.substr(0, 15) + "!"));

  ExpectOk(Get(my_domain(), a));
  ExpectAnswer(Get(my_domain(), b), 403, Body("rest.REQUEST_LIMIT_EXCEEDED"));
  ExpectOk(Get(my_domain(), a));

  const Json journal_a = Exchanges();
  for (const auto& e : journal_a) {
    EXPECT_EQ(e["client_id"], kBilling.client_id) << e.dump(2);
    EXPECT_EQ(e["fault"], "") << e.dump(2);
  }
  EXPECT_EQ(journal_a.size(), 3u) << journal_a.dump(2);
  const Json journal_b = Exchanges("b");
  EXPECT_EQ(journal_b.size(), 2u) << journal_b.dump(2);
  const Json faulted = LastExchange("GET", kQueryPath, "", "b");
  EXPECT_EQ(faulted["client_id"], kTenantB.client_id) << faulted.dump(2);
  ExpectJournaled(faulted, "respond", "", "rest.REQUEST_LIMIT_EXCEEDED");
}

}  // namespace
}  // namespace sfh::tests
