// The built `sfharness diagnose` pointed at a background sfmock: the misconfigured-org matrix of
// harness/diagnose/testdata/matrix.json (each row must name the right probe and cause first),
// then the command's formats, exit codes, secret handling and proxy support.
#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>

#include "harness/clients/process.h"
#include "harness/net/connect_proxy_for_test.h"
#include "harness/net/net_test_support.h"
#include "tests/tool_runner.h"

namespace sfh::tests {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const std::string kTestData = std::string(SFH_SOURCE_DIR) + "/harness/diagnose/testdata";
constexpr char kClientId[] =
    "3MVG9DIAGNOSE.Matrix.ConsumerKey.0000000000000000000000000000000000000000000000000000";
constexpr char kSecret[] = "DIAGNOSEMATRIXSECRET00000000000000000000000000000000000000000000";

struct Row {
  std::string name;
  nlohmann::json spec;
};

std::vector<Row> MatrixRows() {
  std::ifstream in(kTestData + "/matrix.json");
  const auto doc = nlohmann::json::parse(in, nullptr, false);
  std::vector<Row> rows;
  if (doc.is_discarded()) return rows;
  for (const auto& row : doc["rows"]) rows.push_back({row["name"].get<std::string>(), row});
  return rows;
}

BackgroundMock StartMock(const std::string& scenario) {
  return BackgroundMock({"--scenario", kTestData + "/orgs/" + scenario + ".json", "--scenario-root",
                         kTestData + "/orgs"});
}

// `sfharness diagnose` with the secret in SF_CLIENT_SECRET and no proxy from the environment.
harness::ProcessResult Diagnose(const std::vector<std::string>& args,
                                std::map<std::string, std::string> env = {}) {
  harness::ProcessOptions options;
  options.argv = {SFHARNESS_BIN, "diagnose"};
  options.argv.insert(options.argv.end(), args.begin(), args.end());
  options.env = {{"SF_CLIENT_SECRET", kSecret}, {"NO_PROXY", "*"}, {"SF_CLIENT_ID", ""}};
  for (auto& [key, value] : env) options.env[key] = value;
  options.timeout = std::chrono::seconds(60);
  return harness::RunProcess(options);
}

class DiagnoseMatrix : public ::testing::TestWithParam<Row> {};

TEST_P(DiagnoseMatrix, NamesTheRightCauseFirst) {
  const nlohmann::json& row = GetParam().spec;
  BackgroundMock mock = StartMock(row["scenario"]);
  ASSERT_TRUE(mock.ok()) << mock.error();
  const std::string host = row["host"];
  std::string domain;
  if (host == "closed_port") {
    domain = "http://127.0.0.1:" + std::to_string(harness::net::ClosedLoopbackPort());
  } else if (host == "unresolvable") {
    domain = "https://acme.my.salesforce.invalid";  // .invalid never resolves (RFC 6761)
  } else {
    domain = mock.ready()[host + "_url"];
  }
  std::vector<std::string> args = {
      "--domain",  domain, "--format",    "json",
      "--timeout", "10",   "--client-id", row.value("client_id", std::string(kClientId))};
  if (mock.ready().contains("ca_file") && row.value("ca_file", true)) {
    args.insert(args.end(), {"--ca-file", mock.ready()["ca_file"]});
  }
  const std::string secret = row.value("client_secret", std::string(kSecret));
  const auto run = Diagnose(args, {{"SF_CLIENT_SECRET", secret}});
  const auto report = nlohmann::json::parse(run.out, nullptr, false);
  ASSERT_FALSE(report.is_discarded()) << run.out << run.err;
  const nlohmann::json& expect = row["expect"];
  EXPECT_EQ(run.exit_code, expect["exit"].get<int>()) << run.out;
  if (expect["exit"] == 0) {
    EXPECT_EQ(report["healthy"], true) << run.out;
    EXPECT_TRUE(report["likely_cause"].is_null());
  } else {
    ASSERT_TRUE(report["likely_cause"].is_object()) << run.out;
    EXPECT_EQ(report["likely_cause"]["probe"], expect["probe"]) << run.out;
    EXPECT_EQ(report["likely_cause"]["id"], expect["cause"]) << run.out;
    EXPECT_FALSE(report["likely_cause"]["fix"].get<std::string>().empty());
  }
  EXPECT_THAT(run.out + run.err, Not(HasSubstr(secret)));
}

INSTANTIATE_TEST_SUITE_P(Rows, DiagnoseMatrix, ::testing::ValuesIn(MatrixRows()),
                         [](const ::testing::TestParamInfo<Row>& info) {
                           std::string name;
                           for (char c : info.param.name) {
                             name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                           }
                           return name;
                         });

TEST(DiagnoseMatrixTable, HasAtLeastFifteenMisconfigurationsAndIsDocumented) {
  const auto rows = MatrixRows();
  size_t misconfigured = 0;
  for (const Row& row : rows) misconfigured += row.spec["expect"]["exit"] == 1;
  EXPECT_GE(misconfigured, 15u);
  const std::string doc = ReadFile(std::string(SFH_SOURCE_DIR) + "/docs/DIAGNOSE.md");
  for (const Row& row : rows) {
    EXPECT_THAT(doc, HasSubstr("| " + row.name + " |")) << "docs/DIAGNOSE.md lacks a row";
    if (row.spec["expect"].contains("cause")) {
      EXPECT_THAT(doc, HasSubstr(row.spec["expect"]["cause"].get<std::string>()));
    }
  }
}

TEST(DiagnoseCommand, PrintsTextAndMarkdown) {
  BackgroundMock mock = StartMock("no-run-as-user");
  ASSERT_TRUE(mock.ok()) << mock.error();
  const std::string url = mock.ready()["my_domain_url"];
  const auto text = Diagnose({"--domain", url, "--client-id", kClientId});
  EXPECT_EQ(text.exit_code, 1);
  EXPECT_THAT(text.out, HasSubstr("FAIL  token"));
  EXPECT_THAT(text.out, HasSubstr("no client credentials user enabled"));
  EXPECT_THAT(text.out, HasSubstr("clientCredentialsFlowUser"));
  EXPECT_THAT(text.out, HasSubstr("Likely cause (token probe): token.no_client_credentials_user"));

  const auto markdown =
      Diagnose({"--domain", url, "--client-id", kClientId, "--format", "markdown"});
  EXPECT_EQ(markdown.exit_code, 1);
  EXPECT_THAT(markdown.out, HasSubstr("| `token` | failed |"));
  EXPECT_THAT(markdown.out, HasSubstr("### `token` failed: `token.no_client_credentials_user`"));
}

TEST(DiagnoseCommand, TakesTheSecretFromAFileOrWarnsAboutTheCommandLine) {
  BackgroundMock mock = StartMock("healthy");
  ASSERT_TRUE(mock.ok()) << mock.error();
  const std::string url = mock.ready()["my_domain_url"];
  TempDir dir("sfh-diagnose-secret");
  std::ofstream(dir / "secret") << kSecret << "\n";
  const auto from_file =
      Diagnose({"--domain", url, "--client-id", kClientId, "--client-secret-file", dir / "secret"},
               {{"SF_CLIENT_SECRET", "not-the-secret"}});
  EXPECT_EQ(from_file.exit_code, 0) << from_file.out;

  const auto from_argv =
      Diagnose({"--domain", url, "--client-id", kClientId, "--client-secret", kSecret},
               {{"SF_CLIENT_SECRET", ""}});
  EXPECT_EQ(from_argv.exit_code, 0) << from_argv.out;
  EXPECT_THAT(from_argv.err, HasSubstr("shell history"));
  EXPECT_THAT(from_argv.out + from_argv.err, Not(HasSubstr(kSecret)));

  const auto id_from_env = Diagnose({"--domain", url}, {{"SF_CLIENT_ID", kClientId}});
  EXPECT_EQ(id_from_env.exit_code, 0) << id_from_env.out << id_from_env.err;
}

TEST(DiagnoseCommand, UsageErrorsExitTwo) {
  const auto no_secret = Diagnose({"--domain", "acme.my.salesforce.com", "--client-id", "x"},
                                  {{"SF_CLIENT_SECRET", ""}});
  EXPECT_EQ(no_secret.exit_code, 2);
  EXPECT_THAT(no_secret.err, HasSubstr("SF_CLIENT_SECRET"));

  const auto no_id = Diagnose({"--domain", "acme.my.salesforce.com"});
  EXPECT_EQ(no_id.exit_code, 2);
  EXPECT_THAT(no_id.err, HasSubstr("--client-id"));

  const auto no_domain = Diagnose({"--client-id", "x"});
  EXPECT_EQ(no_domain.exit_code, 2);

  const auto bad_format =
      Diagnose({"--domain", "acme.my.salesforce.com", "--client-id", "x", "--format", "xml"});
  EXPECT_EQ(bad_format.exit_code, 2);
}

TEST(DiagnoseCommand, GoesThroughTheHttpsProxyOfTheEnvironment) {
  BackgroundMock mock = StartMock("healthy-https");
  ASSERT_TRUE(mock.ok()) << mock.error();
  harness::net::ConnectProxyForTest proxy;
  const auto run = Diagnose({"--domain", mock.ready()["my_domain_url"], "--client-id", kClientId,
                             "--ca-file", mock.ready()["ca_file"], "--format", "json"},
                            {{"HTTPS_PROXY", proxy.url()}, {"NO_PROXY", ""}});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  const auto report = nlohmann::json::parse(run.out, nullptr, false);
  EXPECT_EQ(report["proxy"], proxy.url());
  EXPECT_GE(proxy.tunnels().size(), 8u);  // every probe's request went through it
}

TEST(DiagnoseCommand, InsecureIsLoud) {
  BackgroundMock mock = StartMock("self-signed-certificate");
  ASSERT_TRUE(mock.ok()) << mock.error();
  const auto run =
      Diagnose({"--domain", mock.ready()["my_domain_url"], "--client-id", kClientId, "--insecure"});
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_THAT(run.err, HasSubstr("NOT verified"));
  EXPECT_THAT(run.out, HasSubstr("WARN  connection"));
}

}  // namespace
}  // namespace sfh::tests
