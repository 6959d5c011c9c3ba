// Fuzzes the mock org whole, without sockets: every endpoint's reading of a request (the form
// body and the query string, HTTP Basic and bearer credentials, JSON bodies, SOQL) and the
// journal that records it. Each input is one request to a new demo org, written as
//
//   METHOD TARGET [HOST]        HOST: login, test or legacy_instance; else the org's My Domain
//   Name: value                 header lines, up to an empty line
//
//   body                        everything after the empty line
//
// where {token} stands for a live access token the org issued just before, and {client_id} and
// {client_secret} for the demo app's credentials, so that the fuzzer reaches the data API.
// What must hold for any request, besides no crash, hang or leak:
//   - nothing throws out of the org;
//   - the answer is a status from 200 to 599, and never 500: without scripted faults the mock
//     answers 500 only when something went wrong inside it;
//   - an answer whose Content-Type is JSON has a body that parses as JSON;
//   - the journal's export of the exchange is JSON too.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "fuzz/fuzz_check.h"
#include "mock_server/endpoints/responses.h"
#include "mock_server/mock_org.h"
#include "mock_server/org/org_config.h"
#include "salesforce/form.h"

namespace mock = sfh::mock;
namespace sf = sfh::salesforce;

namespace {

void ReplaceAll(std::string& text, std::string_view from, std::string_view to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

std::string_view NextLine(std::string_view& text) {
  const size_t end = text.find('\n');
  std::string_view line = text.substr(0, end);
  text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

mock::VirtualHost HostNamed(std::string_view name) {
  if (name == "login") return mock::VirtualHost::kLogin;
  if (name == "test") return mock::VirtualHost::kTest;
  if (name == "legacy_instance") return mock::VirtualHost::kLegacyInstance;
  return mock::VirtualHost::kMyDomain;
}

bool IsJsonContentType(const mock::HttpResponse& response) {
  const auto type = response.headers.Get("Content-Type");
  return type && type->find("json") != std::string_view::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);

  mock::MockOrg org(mock::DemoOrgConfig(), {}, std::make_shared<mock::ManualClock>());
  org.org().SetHostUrls({"https://127.0.0.1:1001", "https://127.0.0.1:1002",
                         "https://127.0.0.1:1003", "https://127.0.0.1:1004"});

  // A live token for {token}.
  mock::HttpRequest token_request;
  token_request.method = "POST";
  token_request.target = token_request.path = "/services/oauth2/token";
  token_request.remote = "127.0.0.1:50000";
  token_request.headers.Add("Content-Type", "application/x-www-form-urlencoded");
  token_request.body = sf::EncodeForm({{"grant_type", "client_credentials"},
                                       {"client_id", mock::kDemoClientId},
                                       {"client_secret", mock::kDemoClientSecret}});
  const auto token_response = org.Serve(std::move(token_request));
  SFH_FUZZ_CHECK(token_response.status == 200);
  const auto token_json = nlohmann::json::parse(token_response.body, nullptr, false);
  SFH_FUZZ_CHECK(token_json.is_object() && token_json.contains("access_token"));
  const std::string token = token_json["access_token"].get<std::string>();

  const auto expand = [&](std::string_view raw) {
    std::string out(raw);
    ReplaceAll(out, "{token}", token);
    ReplaceAll(out, "{client_id}", mock::kDemoClientId);
    ReplaceAll(out, "{client_secret}", mock::kDemoClientSecret);
    return out;
  };

  mock::HttpRequest request;
  std::string_view request_line = NextLine(text);
  const size_t method_end = request_line.find(' ');
  request.method = std::string(request_line.substr(0, method_end));
  request_line.remove_prefix(method_end == std::string_view::npos ? request_line.size()
                                                                  : method_end + 1);
  const size_t target_end = request_line.find(' ');
  request.target = expand(request_line.substr(0, target_end));
  if (target_end != std::string_view::npos) {
    request.host = HostNamed(request_line.substr(target_end + 1));
  }
  const auto [path, query] = sf::SplitTarget(request.target);
  request.path = std::string(path);
  request.query = std::string(query);
  while (!text.empty()) {
    const std::string_view line = NextLine(text);
    if (line.empty()) break;
    const size_t colon = line.find(':');
    std::string_view value = colon == std::string_view::npos ? "" : line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    request.headers.Add(std::string(line.substr(0, colon)), expand(value));
  }
  request.body = expand(text);
  request.remote = "127.0.0.1:50001";

  const auto response = org.Serve(std::move(request));
  SFH_FUZZ_CHECK(response.status >= 200 && response.status <= 599);
  SFH_FUZZ_CHECK(response.status != 500);
  if (IsJsonContentType(response) && !response.body.empty()) {
    SFH_FUZZ_CHECK(!nlohmann::json::parse(response.body, nullptr, false).is_discarded());
  }
  const auto exported =
      nlohmann::json::parse(org.journal().ExportJson(org.org().redactor()), nullptr, false);
  SFH_FUZZ_CHECK(exported.is_object() && exported["exchanges"].size() == 2);
  return 0;
}
