#include "harness/net/client_secret.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace sfh::harness::net {
namespace {

using ::testing::HasSubstr;

EnvLookup Env(std::optional<std::string> secret) {
  return [secret](const char* name) -> std::optional<std::string> {
    return std::string_view(name) == "SF_CLIENT_SECRET" ? secret : std::nullopt;
  };
}

class ClientSecretTest : public ::testing::Test {
 protected:
  std::string Write(const std::string& text) {
    const auto path = std::filesystem::temp_directory_path() /
                      ("sfh-secret-" + std::to_string(::getpid()) + "-" + std::to_string(n_++));
    std::ofstream(path, std::ios::binary) << text;
    paths_.push_back(path);
    return path.string();
  }
  void TearDown() override {
    for (const auto& path : paths_) std::filesystem::remove(path);
  }
  int n_ = 0;
  std::vector<std::filesystem::path> paths_;
};

TEST_F(ClientSecretTest, TheFileWinsOverTheEnvironment) {
  auto secret = ReadClientSecret(Write("from-file\n"), Env("from-env"));
  ASSERT_TRUE(secret.has_value()) << secret.error();
  EXPECT_EQ(*secret, "from-file");
  EXPECT_EQ(*ReadClientSecret(Write("crlf\r\nsecond line"), Env(std::nullopt)), "crlf");
}

TEST_F(ClientSecretTest, FallsBackToTheEnvironment) {
  EXPECT_EQ(*ReadClientSecret("", Env("from-env")), "from-env");
}

TEST_F(ClientSecretTest, SaysWhereItLooked) {
  auto none = ReadClientSecret("", Env(std::nullopt));
  ASSERT_FALSE(none.has_value());
  EXPECT_THAT(none.error(), HasSubstr("SF_CLIENT_SECRET"));
  EXPECT_THAT(none.error(), HasSubstr("--client-secret-file"));
  EXPECT_FALSE(ReadClientSecret("", Env("")).has_value());
  EXPECT_THAT(ReadClientSecret("/nonexistent/secret", Env("x")).error(), HasSubstr("cannot read"));
  EXPECT_THAT(ReadClientSecret(Write("\n"), Env("x")).error(), HasSubstr("empty"));
  EXPECT_THAT(ReadClientSecret(Write(std::string(70'000, 'a')), Env("x")).error(),
              HasSubstr("64 KiB"));
}

}  // namespace
}  // namespace sfh::harness::net
