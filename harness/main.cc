// sfharness: runs clients of Salesforce's client-credentials flow against a mock org and judges
// what they did on the wire. Exit status: 0 all passed, 1 a check failed, 2 usage or setup error.
#include <signal.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>

#include "harness/checks/registry.h"
#include "harness/clients/client.h"
#include "harness/runner/runner.h"
#include "harness/scenario/scenario.h"
#include "harness/target/target.h"
#include "reports/console_reporter.h"
#include "reports/file_reports.h"
#include "salesforce/catalogue.h"

namespace {

constexpr char kVersion[] = "sfharness 0.1.0";
constexpr int kExitPassed = 0;
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;

using namespace sfh;

int Run(const std::string& client_command, const std::vector<std::string>& scenario_paths,
        const std::string& scenario_root, const std::string& out_dir, int client_timeout_seconds) {
  std::vector<std::filesystem::path> paths(scenario_paths.begin(), scenario_paths.end());
  auto scenarios = harness::LoadScenarios(paths, scenario_root);
  if (!scenarios) {
    std::cerr << "sfharness: cannot load the scenarios:\n" << scenarios.error() << "\n";
    return kExitUsage;
  }
  harness::EmbeddedMockTarget target;
  harness::ReferenceClient reference;
  harness::CommandClient command(client_command);
  harness::Client& client =
      client_command.empty() ? static_cast<harness::Client&>(reference) : command;

  harness::RunOptions options;
  options.client_timeout = std::chrono::seconds(client_timeout_seconds);
  options.tool_version = kVersion;
  harness::Runner runner(target, client, options);
  const bool color = isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr;
  reports::ConsoleReporter console(std::cout, color);
  reports::FileReportWriter files(out_dir);
  runner.AddListener(&console);
  runner.AddListener(&files);
  const harness::RunResult result = runner.Run(*scenarios);

  for (const auto& error : files.errors()) std::cerr << "sfharness: " << error << "\n";
  if (!files.written().empty()) {
    std::cout << "Reports:\n";
    for (const auto& file : files.written()) std::cout << "  " << file.string() << "\n";
  }
  if (!files.errors().empty()) return kExitUsage;
  if (result.CountScenarios(harness::ScenarioStatus::kError) > 0) return kExitUsage;
  return result.AllPassed() ? kExitPassed : kExitFailed;
}

int List() {
  std::cout << "Checks:\n";
  for (const auto* check : harness::AllChecks()) {
    std::cout << "  " << check->id << "\n      " << check->description << "\n";
  }
  return kExitPassed;
}

int Explain(const std::string& text) {
  const auto* entry = salesforce::FindCatalogueEntry(text);
  if (entry == nullptr) {
    std::cerr << "sfharness: \"" << text
              << "\" is not in the catalogue (try an error, errorCode, description or id)\n";
    return kExitFailed;
  }
  namespace sf = salesforce;
  std::cout << entry->id << "  (" << sf::ToString(entry->surface) << ")\n";
  if (sf::IsRedirect(*entry)) {
    // The error travels in the callback's query string, not in a body.
    std::cout << "  HTTP " << entry->http_status << "  redirect to the client's callback\n"
              << "  Location: " << sf::AuthorizeErrorLocation(*entry, "https://<callback>") << "\n"
              << "  Query (" << sf::ContentType(*entry) << "): " << sf::ErrorBody(*entry) << "\n";
  } else {
    std::cout << "  HTTP " << entry->http_status << "  Content-Type: " << sf::ContentType(*entry)
              << "\n"
              << "  Body: " << sf::ErrorBody(*entry) << "\n";
  }
  if (sf::IsTemplate(*entry)) {
    std::cout << "  Each {} in the message varies per request.\n";
  }
  std::cout << "  Provenance: " << sf::ToString(entry->provenance) << " (" << entry->source << ")\n"
            << "  Likely causes: " << entry->causes << "\n"
            << "  Fix: " << entry->fix << "\n";
  return kExitPassed;
}

}  // namespace

int main(int argc, char** argv) {
  signal(SIGPIPE, SIG_IGN);
  CLI::App app{"sfharness: conformance tests for clients of Salesforce's OAuth 2.0 client "
               "credentials flow, judged on the wire against a mock org."};
  app.require_subcommand(1);
  app.set_version_flag("--version", kVersion);

  std::string client_command;
  std::vector<std::string> scenario_paths = {SFH_DEFAULT_SCENARIO_DIR};
  std::string scenario_root;
  std::string out_dir = "sfharness-report";
  int client_timeout = 60;
  auto* run = app.add_subcommand("run", "Run the scenarios against a client and write reports");
  run->add_option("--client", client_command,
                  "Command of the client under test, run with /bin/sh -c under the client "
                  "contract (default: the built-in reference client)");
  run->add_option("--scenarios", scenario_paths, "Scenario files or directories")
      ->capture_default_str();
  run->add_option("--scenario-root", scenario_root,
                  "Directory that extends and file references in scenarios resolve against, and "
                  "must stay under (default: the directory given in --scenarios, or a file's own "
                  "directory)")
      ->check(CLI::ExistingDirectory);
  run->add_option("--out", out_dir, "Directory for junit.xml, report.json and report.html")
      ->capture_default_str();
  run->add_option("--client-timeout", client_timeout,
                  "Seconds a client may take per scenario before it is killed")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();

  auto* list = app.add_subcommand("list", "List the checks");
  std::string explain_text;
  auto* explain = app.add_subcommand("explain", "Explain a Salesforce error from the catalogue");
  explain->add_option("error", explain_text, "An error, errorCode, description or catalogue id")
      ->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitPassed : kExitUsage;
  }
  if (run->parsed()) return Run(client_command, scenario_paths, scenario_root, out_dir, client_timeout);
  if (list->parsed()) return List();
  if (explain->parsed()) return Explain(explain_text);
  return kExitUsage;
}
