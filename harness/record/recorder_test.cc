// Recording from an sfmock over HTTPS that plays the live org (as in target/live_target_test.cc),
// with distinctive values to look for: the written file loads, holds none of the org's values,
// and replayed against the embedded mock gives the client the verdicts it got live.
#include "harness/record/recorder.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "harness/net/net_test_support.h"
#include "harness/record/record_command.h"
#include "harness/record/scenario_writer.h"
#include "harness/runner/runner.h"
#include "mock_server/service.h"
#include "mock_server/wire/mock_server.h"
#include "salesforce/form.h"
#include "salesforce/record_id.h"

#ifndef SFH_SCENARIO_DIR
#error "SFH_SCENARIO_DIR must name this repository's scenarios directory"
#endif

namespace sfh::harness::record {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
namespace fs = std::filesystem;
namespace sf = ::sfh::salesforce;

constexpr char kMyDomain[] = "zyxwidgets";
constexpr char kUsername[] = "svc.bot@zyxwidgets-corp.example";
const std::vector<std::string> kRecordNames = {"Zyxwidgets Quasar Holdings", "Frobnitz Lattice"};
constexpr char kCity[] = "Quibbleton";

// A client that reads more than the reference client: the identity URL and userinfo (where the
// username and My Domain travel) and each account by id after a query.
class CuriousClient : public Client {
 public:
  std::string label() const override { return "curious client"; }
  ClientRun Run(const ClientEnvironment& env, std::chrono::milliseconds) override {
    ClientRun run;
    run.label = label();
    run.started = true;
    run.exit_code = Session(env) ? 0 : 1;
    return run;
  }

 private:
  static bool Session(const ClientEnvironment& env) {
    const auto options = net::LoopbackOptions(env.endpoint.ca_file);
    auto send = [&](net::Request request) -> std::optional<net::Response> {
      auto outcome = net::Send(request, options);
      if (!outcome.result || outcome.result->status / 100 != 2) return std::nullopt;
      return *outcome.result;
    };
    const auto token =
        send({.method = "POST",
              .url = env.endpoint.token_url,
              .headers = {{"Content-Type", "application/x-www-form-urlencoded"}},
              .body = sf::EncodeForm({{"grant_type", "client_credentials"},
                                      {"client_id", env.endpoint.client_id},
                                      {"client_secret", env.endpoint.client_secret}})});
    if (!token) return false;
    const auto grant = nlohmann::json::parse(token->body);
    const std::string instance = grant["instance_url"];
    const net::HeaderList bearer = {
        {"Authorization", "Bearer " + grant["access_token"].get<std::string>()}};
    bool ok = send({.url = grant["id"], .headers = bearer}).has_value();
    ok = send({.url = instance + "/services/oauth2/userinfo", .headers = bearer}) && ok;
    const std::string data = instance + "/services/data/v" + env.endpoint.api_version;
    const auto query =
        send({.url = data + "/query?q=" + sf::PercentEncode("SELECT Id, Name FROM Account", false),
              .headers = bearer});
    if (!query) return false;
    const auto answer = nlohmann::json::parse(query->body);
    for (const auto& record : answer["records"]) {
      ok = send({.url = data + "/sobjects/Account/" + record["Id"].get<std::string>(),
                 .headers = bearer}) &&
           ok;
    }
    send({.method = "POST",
          .url = env.endpoint.hosts.my_domain + "/services/oauth2/revoke",
          .headers = {{"Content-Type", "application/x-www-form-urlencoded"}},
          .body = "token=" + grant["access_token"].get<std::string>()});
    return ok;
  }
};

// The happy org with values of its own, served over HTTPS: the live org of these tests.
class RecordFromStandIn : public ::testing::Test {
 protected:
  void SetUp() override { StartOrg(RunAs()); }
  // Whether the org's app has its Run As user (without one the org refuses every token).
  virtual bool RunAs() const { return true; }

  void StartOrg(bool run_as) {
    auto scenario = LoadScenario(fs::path(SFH_SCENARIO_DIR) / "happy/http.json", SFH_SCENARIO_DIR);
    ASSERT_TRUE(scenario.has_value()) << scenario.error();
    org_scenario_ = std::move(*scenario);
    mock::OrgConfig& org = org_scenario_.document.org;
    org.my_domain = kMyDomain;
    org.users.at(0).username = kUsername;
    org.users.at(0).email = kUsername;
    org.apps.at(0).run_as = run_as ? std::optional<std::string>(kUsername) : std::nullopt;
    org.records.clear();
    for (const auto& name : kRecordNames) {
      mock::RecordConfig record{sf::NewRecordId("001"), nlohmann::ordered_json::object()};
      record.fields["Name"] = name;
      record.fields["BillingCity"] = kCity;
      record.fields["Score__c"] = 7;
      org.records["Account"].push_back(std::move(record));
    }
    auto loaded = service_.Load("default", org_scenario_.document);
    ASSERT_TRUE(loaded.has_value()) << loaded.error();
    org_ = *loaded;
    mock::ServeOptions options;
    options.tls = true;
    auto server = mock::MockServer::Start(service_, options);
    ASSERT_TRUE(server.has_value()) << server.error();
    server_ = std::move(*server);
    dir_ = fs::temp_directory_path() /
           ("sfh-record-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }

  void TearDown() override { fs::remove_all(dir_); }

  LiveTargetOptions Live() const {
    const auto& app = org_scenario_.document.org.apps.at(0);
    return {.domain = server_->urls().my_domain,
            .client_id = app.client_id,
            .client_secret = app.client_secret,
            .net = net::LoopbackOptions(server_->urls().ca_file)};
  }

  // Every value of the org a recording must not keep: ids (both forms), names, credentials and
  // every token the org issued.
  std::vector<std::string> OrgValues() const {
    const auto& org = org_->org().config();
    std::vector<std::string> values = {org.org_id,
                                       org.org_id.substr(0, 15),
                                       org.users.at(0).id,
                                       org.users.at(0).id.substr(0, 15),
                                       kUsername,
                                       kMyDomain,
                                       "zyxwidgets-corp",
                                       org.apps.at(0).client_id,
                                       org.apps.at(0).client_secret,
                                       kCity};
    for (const auto& [object, records] : org.records) {
      for (const auto& record : records) {
        values.push_back(record.id);
        values.push_back(record.id.substr(0, 15));
        values.push_back(record.fields.at("Name").get<std::string>());
      }
    }
    for (const auto& e : org_->journal().Snapshot()) {
      if (e.request.path != "/services/oauth2/token" || e.response.status != 200) continue;
      values.push_back(nlohmann::json::parse(e.response.body)["access_token"]);
    }
    return values;
  }

  // Records with `client`, writes the file, and replays it with the same client on the embedded
  // mock: the verdicts of both, check by check.
  void RecordAndReplay(Client& client, bool expect_success) {
    LiveTarget target(Live());
    const auto recording =
        RecordSession(target, client, {.calls = 3, .client_timeout = std::chrono::seconds(30)});
    ASSERT_TRUE(recording.has_value()) << recording.error();
    EXPECT_EQ(recording->client_succeeded, expect_success);
    EXPECT_FALSE(recording->exchanges.empty());

    RecordedSession session;
    session.domain = Live().domain;
    session.exchanges = recording->exchanges;
    session.api_version = recording->endpoint.api_version;
    session.calls = 3;
    session.client_succeeded = recording->client_succeeded;
    const RecordedScenario recorded = BuildRecordedScenario(session);
    const fs::path file = dir_ / "recorded.json";
    {
      std::ofstream out(file);
      out << recorded.json.dump(2);
    }
    // (1) it loads with the strict loader
    auto loaded = LoadScenario(file);
    ASSERT_TRUE(loaded.has_value()) << loaded.error();
    // (2) it holds none of the org's values
    std::ifstream in(file);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (const auto& value : OrgValues()) EXPECT_THAT(text, Not(HasSubstr(value))) << value;
    // (3) replayed, the client gets the verdicts it got live
    EmbeddedMockTarget embedded;
    RunOptions options;
    options.client_timeout = std::chrono::seconds(30);
    const RunResult replay = Runner(embedded, client, options).Run({*loaded});
    ASSERT_EQ(replay.scenarios.size(), 1u);
    const auto& replayed = replay.scenarios[0];
    ASSERT_NE(replayed.status, ScenarioStatus::kError) << replayed.error;
    ASSERT_EQ(replayed.checks.size(), recording->checks.size());
    for (size_t i = 0; i < replayed.checks.size(); ++i) {
      EXPECT_EQ(replayed.checks[i].id, recording->checks[i].id);
      EXPECT_EQ(replayed.checks[i].status, recording->checks[i].status)
          << replayed.checks[i].id << ": live: " << recording->checks[i].message
          << "; replayed: " << replayed.checks[i].message;
    }
    recorded_ = recorded;
  }

  Scenario org_scenario_;
  mock::MockService service_;
  std::shared_ptr<mock::MockOrg> org_;
  std::unique_ptr<mock::MockServer> server_;
  fs::path dir_;
  RecordedScenario recorded_;
};

TEST_F(RecordFromStandIn, TheReferenceClientsSessionReplaysWithTheSameVerdicts) {
  ReferenceClient client;
  RecordAndReplay(client, /*expect_success=*/true);
  EXPECT_EQ(recorded_.json["expect"]["client"], "succeeds");
  EXPECT_EQ(recorded_.json["org"]["latest_api_version"], 67);
  EXPECT_EQ(recorded_.json["org"]["records"]["Account"].size(), 2u);
  EXPECT_EQ(recorded_.json["org"]["apps"][0]["scopes"], nlohmann::ordered_json::array({"api"}));
  EXPECT_FALSE(recorded_.json.contains("faults"));
}

TEST_F(RecordFromStandIn, ACuriousClientsIdentityAndRecordReadsLeaveNothingOfTheOrg) {
  CuriousClient client;
  RecordAndReplay(client, /*expect_success=*/true);
  ASSERT_TRUE(recorded_.json["org"]["records"].contains("Account"));
  const auto& accounts = recorded_.json["org"]["records"]["Account"];
  ASSERT_EQ(accounts.size(), 2u);
  const std::string teaches = recorded_.json["teaches"];
  for (const auto& account : accounts) {
    EXPECT_THAT(teaches, HasSubstr("/sobjects/Account/" + account["Id"].get<std::string>()));
    EXPECT_EQ(account["BillingCity"], "BillingCity 1");  // the same city, the same stand-in
    EXPECT_EQ(account["Score__c"], 7);
  }
  EXPECT_THAT(teaches, ::testing::ContainsRegex("GET /id/00D[0-9A-Z]{15}/005[0-9A-Z]{15} -> 200"));
}

class RecordFromRefusingStandIn : public RecordFromStandIn {
 protected:
  bool RunAs() const override { return false; }
};

TEST_F(RecordFromRefusingStandIn, ARefusedSessionIsKeptWithTheRefusalAsAFault) {
  ReferenceClient client;
  RecordAndReplay(client, /*expect_success=*/false);
  EXPECT_EQ(recorded_.json["expect"]["client"], "fails");
  ASSERT_TRUE(recorded_.json.contains("faults"));
  EXPECT_EQ(recorded_.json["faults"][0]["on"], "POST /services/oauth2/token");
  EXPECT_EQ(recorded_.json["faults"][0]["do"], "respond");
}

class RecordCommandTest : public RecordFromStandIn {
 protected:
  int Record(const RecordArgs& args, std::string& out, std::string& err) {
    std::ostringstream o;
    std::ostringstream e;
    const int code = RunRecordCommand(Live(), args, o, e);
    out = o.str();
    err = e.str();
    return code;
  }
};

TEST_F(RecordCommandTest, WritesTheFileAndRefusesToOverwriteIt) {
  RecordArgs args;
  args.out = (dir_ / "session.json").string();
  args.id = "recorded/by-the-command";
  std::string out;
  std::string err;
  ASSERT_EQ(Record(args, out, err), kRecordExitWritten) << out << err;
  EXPECT_THAT(out, HasSubstr("Wrote recorded/by-the-command to " + args.out));
  EXPECT_THAT(out, HasSubstr("the client succeeded"));
  const auto loaded = LoadScenario(args.out);
  ASSERT_TRUE(loaded.has_value()) << loaded.error();
  EXPECT_EQ(loaded->document.id, "recorded/by-the-command");
  for (const auto& value : OrgValues()) {
    EXPECT_THAT(out + err, Not(HasSubstr(value))) << value;
  }

  EXPECT_EQ(Record(args, out, err), kRecordExitUsage);
  EXPECT_THAT(err, HasSubstr("exists; pass --force"));
  args.force = true;
  EXPECT_EQ(Record(args, out, err), kRecordExitWritten) << err;
  // Nothing left beside it.
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 1);
}

TEST_F(RecordCommandTest, AFailingClientIsWrittenAndExits1) {
  RecordArgs args;
  args.out = (dir_ / "failing.json").string();
  args.client_command = "exit 3";
  std::string out;
  std::string err;
  EXPECT_EQ(Record(args, out, err), kRecordExitClientFailed) << out << err;
  const auto loaded = LoadScenario(args.out);
  ASSERT_TRUE(loaded.has_value()) << loaded.error();
  EXPECT_EQ(loaded->expect.client, ExpectedClientOutcome::kFails);
}

TEST_F(RecordCommandTest, AnOrgThatCannotBeReachedWritesNothingAndExits2) {
  RecordArgs args;
  args.out = (dir_ / "unreachable.json").string();
  server_->Stop();
  std::string out;
  std::string err;
  EXPECT_EQ(Record(args, out, err), kRecordExitUsage);
  EXPECT_THAT(err, HasSubstr("cannot be reached"));
  EXPECT_FALSE(fs::exists(args.out));
  args.out = (dir_ / "no-such-dir" / "x.json").string();
  EXPECT_EQ(Record(args, out, err), kRecordExitUsage);
  EXPECT_THAT(err, HasSubstr("does not exist"));
}

}  // namespace
}  // namespace sfh::harness::record
