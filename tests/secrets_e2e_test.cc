// No secret or token in full in anything the tools write: every shipped scenario is run with
// consumer secrets the test chose and a client that leaks its secret and every token it is given
// to stdout and stderr, and every file of the run's output, and sfharness's own output, is
// searched for each of them. The client also hands the tokens to the test in a file, so the
// test knows every token the run issued.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "harness/clients/process.h"
#include "tests/tool_runner.h"

namespace sfh::tests {
namespace {

namespace fs = std::filesystem;
using ::testing::Contains;
using ::testing::EndsWith;

// The shipped scenarios' ids ("happy/http"), sorted.
std::vector<std::string> ShippedScenarioIds() {
  const fs::path root = fs::path(SFH_SOURCE_DIR) / "scenarios";
  std::vector<std::string> ids;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    const fs::path& path = entry.path();
    if (!entry.is_regular_file() || path.extension() != ".json") continue;
    if (path.filename() == "scenario.schema.json") continue;
    ids.push_back(fs::relative(path, root).replace_extension().generic_string());
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

// A consumer secret of 64 characters that names scenario `index`, so a finding says whose it is.
std::string SecretFor(size_t index) {
  std::string secret = "LeakScanSecret" + std::to_string(index) + "x";
  const std::string filler = "Q7r2Vw9Kp4Zm8Tn3Hb6Jc1Xd5Fg0Ls";
  while (secret.size() < 64) secret += filler[secret.size() % filler.size()];
  return secret;
}

// The curl client, leaking on purpose: after each token request it prints its consumer secret
// and the whole token response to stdout and stderr, and appends the access token it was given
// (taken or refused) to `leak_file` for the test.
std::string WriteLeakingClient(const TempDir& dir, const std::string& leak_file) {
  const std::string path = dir / "leaking-client.sh";
  std::ofstream(path)
      << "#!/usr/bin/env bash\n"
      << "source '" << SFH_SOURCE_DIR << "/clients/curl/sfclient.sh'\n"
      << R"SH(eval "$(declare -f sf_post_token_once | sed '1s/^sf_post_token_once/correct_sf_post_token_once/')"
sf_post_token_once() {
  correct_sf_post_token_once "$@"
  local rc=$? response
  response=$(cat "$SF_WORK/token.json" 2>/dev/null)
  printf 'secret %s response %s\n' "$SF_CLIENT_SECRET" "$response"
  printf 'secret %s response %s\n' "$SF_CLIENT_SECRET" "$response" >&2
  jq -r '.access_token // empty' "$SF_WORK/token.json" 2>/dev/null >>)SH"
      << "'" << leak_file << "'\n"
      << "  return $rc\n}\nsf_main\n";
  return path;
}

// Every file under `dir` (recursively), by its path under `dir`, and its text.
std::vector<std::pair<std::string, std::string>> FilesUnder(const fs::path& dir) {
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) {
      files.emplace_back(fs::relative(entry.path(), dir).string(), ReadFile(entry.path()));
    }
  }
  return files;
}

// The names of the texts that hold `needle`.
std::vector<std::string> FoundIn(const std::vector<std::pair<std::string, std::string>>& texts,
                                 const std::string& needle) {
  std::vector<std::string> where;
  for (const auto& [name, text] : texts) {
    if (text.find(needle) != std::string::npos) where.push_back(name);
  }
  return where;
}

TEST(Secrets, NoSecretOrTokenInFullInAnythingARunWrites) {
  TempDir dir("sfh-secrets-e2e");
  const std::vector<std::string> ids = ShippedScenarioIds();
  ASSERT_GE(ids.size(), 10u);
  std::vector<std::string> secrets;
  for (size_t i = 0; i < ids.size(); ++i) {
    const fs::path scenario_dir = dir.path() / "scenarios" / std::to_string(i);
    fs::create_directories(scenario_dir);
    secrets.push_back(SecretFor(i));
    WriteScenarioWithCredentials(scenario_dir, ids[i], "leak-scan/" + ids[i],
                                 "Leak scan of " + ids[i], "LeakScanClient" + std::to_string(i),
                                 secrets.back());
  }
  const std::string leak_file = dir / "tokens.txt";
  const std::string client = WriteLeakingClient(dir, leak_file);
  const fs::path out = dir.path() / "out";

  harness::ProcessOptions options;
  options.argv = {SFHARNESS_BIN,
                  "run",
                  "--scenarios",
                  dir / "scenarios",
                  "--scenario-root",
                  "scenarios",
                  "--client",
                  "bash " + client,
                  "--out",
                  out.string(),
                  "--client-timeout",
                  "30",
                  "-j",
                  "2"};
  options.working_directory = SFH_SOURCE_DIR;
  options.env = {{"NO_COLOR", "1"}};
  options.timeout = std::chrono::seconds(240);
  const harness::ProcessResult run = harness::RunProcess(options);
  ASSERT_FALSE(run.timed_out) << run.err;
  const nlohmann::json report =
      nlohmann::json::parse(ReadFile(out / "report.json"), nullptr, false);
  ASSERT_TRUE(report.is_object()) << run.out << run.err;
  ASSERT_EQ(report["scenarios"].size(), ids.size()) << run.out;

  // The leaks happened: the client printed what it should not, and the check saw it.
  EXPECT_THAT(FailedChecks(report), Contains(EndsWith("EnsureNoSecretInClientOutput")));
  std::vector<std::string> tokens;
  std::istringstream leaked(ReadFile(leak_file));
  for (std::string line; std::getline(leaked, line);) {
    if (!line.empty()) tokens.push_back(line);
  }
  ASSERT_GE(tokens.size(), ids.size() / 2) << "the client handed over too few tokens";

  std::vector<std::pair<std::string, std::string>> written = FilesUnder(out);
  ASSERT_GE(written.size(), 4u) << "the run wrote too few files to search";
  written.emplace_back("sfharness stdout", run.out);
  written.emplace_back("sfharness stderr", run.err);
  for (const auto& secret : secrets) {
    EXPECT_THAT(FoundIn(written, secret), ::testing::IsEmpty()) << "secret " << secret;
  }
  bool saw_jwt = false;
  for (const auto& token : tokens) {
    EXPECT_THAT(FoundIn(written, token), ::testing::IsEmpty()) << "a token";
    // The secret part of an opaque token is what follows the org id and '!'; of a JWT, its
    // signature.
    const size_t bang = token.find('!');
    const size_t dot = token.rfind('.');
    const std::string tail = bang != std::string::npos  ? token.substr(bang + 1)
                             : dot != std::string::npos ? token.substr(dot + 1)
                                                        : token;
    saw_jwt = saw_jwt || bang == std::string::npos;
    ASSERT_GE(tail.size(), 20u) << "not a token's shape: the test would search for too little";
    EXPECT_THAT(FoundIn(written, tail), ::testing::IsEmpty()) << "a token's secret part";
  }
  EXPECT_TRUE(saw_jwt) << "no scenario issued a JWT-based token: the JWT case went unsearched";
}

}  // namespace
}  // namespace sfh::tests
