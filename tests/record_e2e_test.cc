// The built `sfharness record` pointed at a background sfmock over HTTPS playing the live org:
// the file it writes holds none of the org's values, passes the scenario schema, and replays with
// `sfharness run`; its exit codes for a written session, a failing client, an existing file and
// an org that cannot be reached.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "harness/clients/process.h"
#include "harness/net/net_test_support.h"
#include "tests/tool_runner.h"

namespace sfh::tests {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
namespace fs = std::filesystem;

constexpr char kClientId[] =
    "3MVG9RECORD.Glorbtronics.ConsumerKey.000000000000000000000000000000000000000000000000000";
constexpr char kSecret[] = "GLORBTRONICSRECORDSECRET0000000000000000000000000000000000000000";
constexpr char kOrgId[] = "00DS7000000Glrb";
constexpr char kUserId[] = "005S7000000Glrb";
constexpr char kUsername[] = "batch.runner@glorbtronics.example";
const std::vector<std::string> kAccountIds = {"001S700000Glrb1", "001S700000Glrb2"};
const std::vector<std::string> kAccountNames = {"Glorbtronics Prime", "Vexmoor Analytics"};

// The org: distinctive values everywhere, so the test can look for them.
fs::path WriteOrg(const TempDir& dir, bool run_as = true) {
  nlohmann::json records = nlohmann::json::array();
  for (size_t i = 0; i < kAccountIds.size(); ++i) {
    records.push_back({{"Id", kAccountIds[i]}, {"Name", kAccountNames[i]}, {"Rank__c", 3}});
  }
  nlohmann::json scenario = {{"id", "e2e/record-org"},
                             {"title", "The live org of the record test"},
                             {"org",
                              {{"my_domain", "glorbtronics"},
                               {"org_id", kOrgId},
                               {"users", {{{"username", kUsername}, {"id", kUserId}}}},
                               {"apps",
                                {{{"name", "Glorbtronics Sync"},
                                  {"client_id", kClientId},
                                  {"client_secret", kSecret},
                                  {"policies", {{"run_as", kUsername}}}}}},
                               {"records", {{"Account", records}}}}}};
  // Without a Run As user the org refuses every token.
  if (!run_as) scenario["org"]["apps"][0].erase("policies");
  const fs::path file = dir.path() / (run_as ? "org.json" : "refusing-org.json");
  std::ofstream(file) << scenario.dump(2);
  return file;
}

// `sfharness record` with the secret in SF_CLIENT_SECRET and no proxy from the environment.
harness::ProcessResult Record(const std::vector<std::string>& args) {
  harness::ProcessOptions options;
  options.argv = {SFHARNESS_BIN, "record", "--client-timeout", "30"};
  options.argv.insert(options.argv.end(), args.begin(), args.end());
  options.env = {{"SF_CLIENT_SECRET", kSecret}, {"NO_PROXY", "*"}, {"SF_CLIENT_ID", ""}};
  options.timeout = std::chrono::seconds(120);
  return harness::RunProcess(options);
}

// What scenarios/scenario.schema.json finds wrong with `file` ("" when it accepts it), with
// Debian's python3-jsonschema as tests/scenario_schema_check.py uses it (scripts/install-deps
// installs it; without it this says so rather than pass).
std::string SchemaErrors(const std::string& file) {
  harness::ProcessOptions schema;
  schema.argv = {"/usr/bin/python3", "-c",
                 "import json, sys\n"
                 "import jsonschema\n"
                 "schema = json.load(open(sys.argv[1]))\n"
                 "jsonschema.Draft202012Validator(schema).validate(json.load(open(sys.argv[2])))\n",
                 std::string(SFH_SOURCE_DIR) + "/scenarios/scenario.schema.json", file};
  schema.timeout = std::chrono::seconds(60);
  const auto validated = harness::RunProcess(schema);
  return validated.exit_code == 0 ? "" : validated.err + validated.spawn_error;
}

class RecordE2e : public ::testing::Test {
 protected:
  void SetUp() override {
    org_file_ = WriteOrg(dir_);
    mock_ = std::make_unique<BackgroundMock>(std::vector<std::string>{
        "--scenario", org_file_.string(), "--tls", "--scenario-root", dir_.path().string()});
    ASSERT_TRUE(mock_->ok()) << mock_->error();
  }

  std::vector<std::string> Org() const {
    return {"--domain",  mock_->ready()["my_domain_url"], "--client-id", kClientId,
            "--ca-file", mock_->ready()["ca_file"]};
  }

  std::vector<std::string> With(std::vector<std::string> args) const {
    auto all = Org();
    all.insert(all.end(), args.begin(), args.end());
    return all;
  }

  TempDir dir_{"sfh-record-e2e"};
  fs::path org_file_;
  std::unique_ptr<BackgroundMock> mock_;
};

TEST_F(RecordE2e, WritesAScenarioThatNamesNothingOfTheOrgAndReplays) {
  const std::string file = dir_ / "recorded.json";
  const auto run = Record(With({"--out", file, "--id", "recorded/e2e"}));
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_THAT(run.out, HasSubstr("Wrote recorded/e2e to " + file));
  const std::string text = ReadFile(file);
  ASSERT_FALSE(text.empty());
  std::vector<std::string> org_values = {kClientId, kSecret,        kOrgId,         kUserId,
                                         kUsername, "glorbtronics", "Glorbtronics", "Glrb"};
  org_values.insert(org_values.end(), kAccountNames.begin(), kAccountNames.end());
  for (const auto& value : org_values) {
    EXPECT_THAT(text, Not(HasSubstr(value))) << value;
    EXPECT_THAT(run.out + run.err, Not(HasSubstr(value))) << value;
  }
  const auto doc = nlohmann::json::parse(text);
  // The reference client reads Id and Name: the records hold what crossed the wire, no more.
  EXPECT_EQ(doc.at("org").at("records").at("Account").size(), 2u);
  EXPECT_EQ(doc.at("org").at("records").at("Account").at(0).at("Name"), "Name 1");
  EXPECT_FALSE(doc.at("org").at("records").at("Account").at(0).contains("Rank__c"));
  EXPECT_EQ(doc.at("expect").at("client"), "succeeds");

  EXPECT_EQ(SchemaErrors(file), "");

  // And `sfharness run` replays it on the embedded mock, passing.
  const auto replay =
      RunHarness({"--scenarios", file, "--scenario-root", dir_.path().string()}, "record-replay");
  EXPECT_EQ(replay.process.exit_code, 0) << replay.process.out << replay.process.err;
  EXPECT_TRUE(FailedChecks(replay.report).empty());
  fs::remove_all(replay.out_dir);
}

TEST_F(RecordE2e, AnOrgsRefusalIsKeptAsAFaultAndReplays) {
  const fs::path org = WriteOrg(dir_, /*run_as=*/false);
  BackgroundMock refusing({"--scenario", org.string(), "--tls"});
  ASSERT_TRUE(refusing.ok()) << refusing.error();
  const std::string file = dir_ / "refused.json";
  const auto run = Record({"--domain", refusing.ready()["my_domain_url"], "--client-id", kClientId,
                           "--ca-file", refusing.ready()["ca_file"], "--out", file});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_THAT(run.out, HasSubstr("Faults: 1 error answer of the org replayed"));
  const std::string text = ReadFile(file);
  ASSERT_FALSE(text.empty());
  EXPECT_THAT(text, Not(HasSubstr(kUsername)));
  const auto doc = nlohmann::json::parse(text);
  EXPECT_EQ(doc.at("expect").at("client"), "fails");
  ASSERT_EQ(doc.at("faults").size(), 1u);
  EXPECT_EQ(doc.at("faults").at(0).at("on"), "POST /services/oauth2/token");
  EXPECT_EQ(SchemaErrors(file), "");
  const auto replay = RunHarness({"--scenarios", file, "--scenario-root", dir_.path().string()},
                                 "record-replay-refused");
  EXPECT_EQ(replay.process.exit_code, 0) << replay.process.out << replay.process.err;
  fs::remove_all(replay.out_dir);
}

TEST_F(RecordE2e, RefusesToOverwriteUnlessForced) {
  const std::string file = dir_ / "twice.json";
  ASSERT_EQ(Record(With({"--out", file, "--calls", "1"})).exit_code, 0);
  const std::string first = ReadFile(file);
  const auto again = Record(With({"--out", file, "--calls", "1"}));
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_THAT(again.err, HasSubstr("--force"));
  EXPECT_EQ(ReadFile(file), first);
  const auto forced = Record(With({"--out", file, "--calls", "2", "--force"}));
  EXPECT_EQ(forced.exit_code, 0) << forced.err;
  EXPECT_EQ(nlohmann::json::parse(ReadFile(file)).at("client").at("calls"), 2);
}

TEST_F(RecordE2e, AFailingClientIsStillWrittenAndExits1) {
  const std::string file = dir_ / "failing.json";
  const auto run = Record(With({"--out", file, "--client", "exit 3"}));
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  const std::string text = ReadFile(file);
  ASSERT_FALSE(text.empty());
  EXPECT_EQ(nlohmann::json::parse(text).at("expect").at("client"), "fails");
  const auto replay = RunHarness(
      {"--scenarios", file, "--scenario-root", dir_.path().string(), "--client", "exit 3"},
      "record-replay-failing");
  EXPECT_EQ(replay.process.exit_code, 0) << replay.process.out;
  fs::remove_all(replay.out_dir);
}

TEST_F(RecordE2e, UsageErrorsAndAnUnreachableOrgExit2AndWriteNothing) {
  const std::string file = dir_ / "nothing.json";
  const auto unreachable =
      Record({"--domain", "https://127.0.0.1:" + std::to_string(harness::net::ClosedLoopbackPort()),
              "--client-id", kClientId, "--ca-file", mock_->ready()["ca_file"], "--out", file});
  EXPECT_EQ(unreachable.exit_code, 2);
  EXPECT_THAT(unreachable.err, HasSubstr("cannot be reached"));
  EXPECT_FALSE(fs::exists(file));
  const auto no_out = Record(Org());
  EXPECT_EQ(no_out.exit_code, 2);
  EXPECT_THAT(no_out.err, HasSubstr("--out"));
  const auto no_id = Record({"--domain", mock_->ready()["my_domain_url"], "--out", file});
  EXPECT_EQ(no_id.exit_code, 2);
  EXPECT_THAT(no_id.err, HasSubstr("SF_CLIENT_ID"));
  EXPECT_FALSE(fs::exists(file));
}

}  // namespace
}  // namespace sfh::tests
