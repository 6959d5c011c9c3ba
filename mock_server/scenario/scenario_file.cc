#include "mock_server/scenario/scenario_file.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

namespace sfh::mock {

std::expected<ScenarioDocument, std::string> ParseScenario(const nlohmann::json& document,
                                                           const std::string& origin) {
  JsonErrors errors;
  ObjectReader r(document, "", errors);
  ScenarioDocument doc;
  doc.id = r.String("id", true).value_or("");
  doc.title = r.String("title", true).value_or("");
  doc.teaches = r.String("teaches").value_or("");
  doc.tags = r.StringArray("tags").value_or(std::vector<std::string>{});
  if (auto transport = r.String("transport")) {
    if (*transport == "https") {
      doc.tls = true;
    } else if (*transport != "http") {
      r.Error("transport", fmt::format("expected \"http\" or \"https\", got \"{}\"", *transport));
    }
  }
  if (auto org = r.Object("org")) {
    doc.org = ReadOrgConfig(*org);
  } else {
    static const nlohmann::json kEmptyObject = nlohmann::json::object();
    JsonErrors ignored;
    ObjectReader empty(kEmptyObject, "/org", ignored);
    doc.org = ReadOrgConfig(empty);
  }
  for (auto& fault : r.ObjectArray("faults")) doc.faults.push_back(ReadFaultRule(fault));
  if (const auto* client = r.Raw("client")) doc.client = *client;
  if (const auto* expect = r.Raw("expect")) doc.expect = *expect;
  r.Finish();
  if (doc.org.apps.empty() && errors.empty()) {
    errors.Add("/org/apps", "the org needs at least one app for the client to use");
  }
  if (!errors.empty()) return std::unexpected(errors.Format(origin));
  return doc;
}

std::expected<ScenarioDocument, std::string> LoadScenarioFile(const std::filesystem::path& file) {
  const std::string origin = file.string();
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  if (ec) return std::unexpected(fmt::format("{}: cannot read: {}", origin, ec.message()));
  if (size > kMaxScenarioFileBytes) {
    return std::unexpected(fmt::format("{}: {} bytes is larger than the {} bytes a scenario may "
                                       "have",
                                       origin, size, kMaxScenarioFileBytes));
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::unexpected(fmt::format("{}: cannot open", origin));
  std::stringstream text;
  text << in.rdbuf();
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(text.str());
  } catch (const nlohmann::json::parse_error& e) {
    return std::unexpected(fmt::format("{}: not valid JSON: {}", origin, e.what()));
  }
  auto doc = ParseScenario(document, origin);
  if (doc) doc->file = file;
  return doc;
}

}  // namespace sfh::mock
