#include "reports/file_reports.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "reports/test_fixture.h"

namespace sfh::reports {
namespace {

namespace fs = std::filesystem;

class FileReportWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           (std::string("sfh-reports-") + info->name() + "-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  fs::path dir_;
};

TEST_F(FileReportWriterTest, WritesEveryReport) {
  FileReportWriter writer(dir_ / "nested" / "out");
  writer.OnRunEnd(testing::FixtureRun());
  EXPECT_TRUE(writer.errors().empty()) << writer.errors().front();
  ASSERT_EQ(writer.written().size(), 5u);
  const char* const kNames[] = {"junit.xml", "report.json", "report.html", "ctrf.json",
                                "summary.md"};
  for (size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(writer.written()[i], dir_ / "nested" / "out" / kNames[i]);
  }
  for (const char* name : kNames) {
    const fs::path path = dir_ / "nested" / "out" / name;
    EXPECT_TRUE(fs::is_regular_file(path)) << path;
    EXPECT_GT(fs::file_size(path), 100u) << path;
  }
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir_ / "nested" / "out")) {
    names.insert(entry.path().filename().string());
  }
  // No temporary file left behind.
  EXPECT_EQ(names, (std::set<std::string>{"ctrf.json", "junit.xml", "report.html", "report.json",
                                          "summary.md"}));
}

TEST_F(FileReportWriterTest, ReportsADirectoryUnderAFileWithoutThrowing) {
  std::ofstream(dir_ / "blocker") << "a regular file";
  FileReportWriter writer(dir_ / "blocker" / "out");
  EXPECT_NO_THROW(writer.OnRunEnd(testing::FixtureRun()));
  EXPECT_TRUE(writer.written().empty());
  ASSERT_EQ(writer.errors().size(), 1u);
  EXPECT_NE(writer.errors()[0].find("blocker"), std::string::npos) << writer.errors()[0];
}

TEST_F(FileReportWriterTest, ReportsAnUnwritableFile) {
  // A directory where junit.xml should go: the rename fails for that file only.
  fs::create_directories(dir_ / "junit.xml" / "occupied");
  FileReportWriter writer(dir_);
  EXPECT_NO_THROW(writer.OnRunEnd(testing::FixtureRun()));
  ASSERT_EQ(writer.errors().size(), 1u);
  EXPECT_NE(writer.errors()[0].find("junit.xml"), std::string::npos) << writer.errors()[0];
  EXPECT_EQ(writer.written().size(), 4u);
  EXPECT_FALSE(fs::exists(dir_ / ".junit.xml.tmp"));
}

}  // namespace
}  // namespace sfh::reports
