// The loaders and scenarios/scenario.schema.json agree. tests/scenario_schema_check.py holds the
// schema to tests/testdata/scenario_schema (valid/ must pass, invalid/ must fail); here the
// loaders are held to the same files, and the schema's lists to the code they copy (fault
// actions, checks, objects and their fields, catalogue ids).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "harness/checks/registry.h"
#include "harness/scenario/scenario.h"
#include "mock_server/faults/fault.h"
#include "mock_server/org/sobjects.h"
#include "mock_server/scenario/scenario_file.h"
#include "salesforce/catalogue.h"

namespace sfh::tests {
namespace {

namespace fs = std::filesystem;
namespace sf = ::sfh::salesforce;

const fs::path kSourceDir = SFH_SOURCE_DIR;
const fs::path kTestData = kSourceDir / "tests" / "testdata" / "scenario_schema";
// The scenario root of the test data: what an `extends` or certificate_file names is in valid/.
const fs::path kValidDir = kTestData / "valid";
const fs::path kInvalidDir = kTestData / "invalid";

// The *.json files directly in `dir`, sorted.
std::vector<fs::path> JsonFilesIn(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// What the loaders make of a scenario file: "" when they accept it, else their errors. The mock
// reads the org, faults and transport with `root` as the scenario root; the harness then reads
// "client" and "expect" (LoadScenario, whose root is the file's directory).
std::string LoaderErrors(const fs::path& file, const fs::path& root) {
  auto document = mock::LoadScenarioFile(file, root);
  if (!document) return document.error();
  auto scenario = harness::LoadScenario(file);
  if (!scenario) return scenario.error();
  return "";
}

nlohmann::json Schema() {
  std::ifstream in(kSourceDir / "scenarios" / "scenario.schema.json");
  return nlohmann::json::parse(in);
}

std::set<std::string> StringsOf(const nlohmann::json& array) {
  std::set<std::string> out;
  for (const auto& value : array) {
    if (value.is_string()) out.insert(value.get<std::string>());
  }
  return out;
}

TEST(ScenarioSchemaAgreement, LoadersAcceptEveryValidFile) {
  const auto files = JsonFilesIn(kValidDir);
  ASSERT_GE(files.size(), 4u);
  for (const auto& file : files) {
    const std::string errors = LoaderErrors(file, kValidDir);
    EXPECT_EQ(errors, "") << file << " passes the schema but the loaders refuse it:\n" << errors;
  }
}

TEST(ScenarioSchemaAgreement, LoadersRefuseEveryInvalidFile) {
  const auto files = JsonFilesIn(kInvalidDir);
  ASSERT_GE(files.size(), 12u);
  for (const auto& file : files) {
    const auto document = mock::LoadScenarioFile(file, kValidDir);
    if (document && !document->extends.empty()) {
      ADD_FAILURE() << file << " extends another scenario, so the mock's loader must refuse it "
                    << "(the harness's would resolve it against invalid/ and fail for that)";
      continue;
    }
    const std::string errors = LoaderErrors(file, kValidDir);
    EXPECT_NE(errors, "") << file << " fails the schema but the loaders accept it";
    // Refused for what it says, not for being unreadable.
    EXPECT_THAT(errors, ::testing::Not(::testing::HasSubstr("not valid JSON"))) << file;
  }
}

// The schema's test files are small; the shipped scenarios must load too (the schema check
// holds them to the schema).
TEST(ScenarioSchemaAgreement, LoadersAcceptEveryShippedScenario) {
  const fs::path root = kSourceDir / "scenarios";
  int loaded = 0;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    const fs::path& file = entry.path();
    if (!entry.is_regular_file() || file.extension() != ".json" ||
        file.filename().string().ends_with(".schema.json")) {
      continue;
    }
    ++loaded;
    auto document = mock::LoadScenarioFile(file, root);
    EXPECT_TRUE(document.has_value()) << document.error();
  }
  EXPECT_GT(loaded, 0);
}

TEST(ScenarioSchemaAgreement, SchemaListsEveryFaultAction) {
  const nlohmann::json schema = Schema();
  std::set<std::string> actions;
  for (int a = 0; a <= static_cast<int>(mock::FaultAction::kNone); ++a) {
    actions.insert(std::string(mock::ToString(static_cast<mock::FaultAction>(a))));
  }
  EXPECT_EQ(StringsOf(schema["$defs"]["fault"]["properties"]["do"]["enum"]), actions);
}

TEST(ScenarioSchemaAgreement, SchemaListsEveryCheck) {
  const nlohmann::json schema = Schema();
  std::set<std::string> checks;
  for (const auto* check : harness::AllChecks()) checks.insert(std::string(check->id));
  EXPECT_EQ(StringsOf(schema["$defs"]["check"]["properties"]["check"]["enum"]), checks);
}

TEST(ScenarioSchemaAgreement, SchemaListsEveryObjectItsIdPrefixAndFields) {
  const nlohmann::json schema = Schema();
  const nlohmann::json& records = schema["$defs"]["records"]["properties"];
  std::set<std::string> objects;
  for (const auto& type : mock::SObjectTypes()) {
    const std::string name(type.name);
    objects.insert(name);
    ASSERT_TRUE(records.contains(name)) << name;
    // "#/$defs/accountRecord" -> $defs["accountRecord"]
    const std::string ref = records[name]["items"]["$ref"].get<std::string>();
    const nlohmann::json& record = schema["$defs"][ref.substr(ref.rfind('/') + 1)];
    const std::regex id(record["properties"]["Id"]["pattern"].get<std::string>());
    EXPECT_TRUE(std::regex_search(std::string(type.key_prefix) + "S7000000abcd", id)) << name;
    const std::regex field(record["propertyNames"]["pattern"].get<std::string>());
    for (const auto& f : type.fields) {
      std::string lower(f.name);
      std::transform(lower.begin(), lower.end(), lower.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      EXPECT_TRUE(std::regex_search(std::string(f.name), field)) << name << "." << f.name;
      EXPECT_TRUE(std::regex_search(lower, field)) << name << "." << lower;
    }
    EXPECT_TRUE(std::regex_search(std::string("Score__c"), field)) << name;
    EXPECT_FALSE(std::regex_search(std::string("NoSuchField"), field)) << name;
  }
  EXPECT_EQ(objects.size(), records.size());
}

TEST(ScenarioSchemaAgreement, CataloguePatternsMatchEveryCatalogueId) {
  const nlohmann::json schema = Schema();
  const std::regex any(schema["$defs"]["catalogueId"]["pattern"].get<std::string>());
  const std::regex token(schema["$defs"]["tokenCatalogueId"]["pattern"].get<std::string>());
  for (const auto& entry : sf::Catalogue()) {
    const std::string id(entry.id);
    EXPECT_TRUE(std::regex_search(id, any)) << id;
    EXPECT_EQ(std::regex_search(id, token), entry.surface == sf::ErrorSurface::kToken) << id;
  }
}

}  // namespace
}  // namespace sfh::tests
