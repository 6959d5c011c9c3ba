// sfharness: runs clients of Salesforce's client-credentials flow against a mock org and judges
// what they did on the wire. Exit status: 0 all passed, 1 a check failed (or a baseline entry is
// stale, or --fail-on-flaky and a scenario was flaky, or `lint` found an error, or a `diagnose`
// probe failed, or `drift` found the mock differing, or `nc`'s token request or a callout
// failed, or the client `record`ed failed), 2 usage or setup error.
#include <signal.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>

#include "harness/checks/registry.h"
#include "harness/clients/client.h"
#include "harness/diagnose/diagnose_command.h"
#include "harness/drift/drift_command.h"
#include "harness/learn/learn_command.h"
#include "harness/nc/nc_command.h"
#include "harness/net/client_secret.h"
#include "harness/record/record_command.h"
#include "harness/runner/baseline.h"
#include "harness/runner/merge.h"
#include "harness/runner/runner.h"
#include "harness/runner/selection.h"
#include "harness/scenario/scenario.h"
#include "harness/target/target.h"
#include "lint/linter.h"
#include "lint/output.h"
#include "reports/console_reporter.h"
#include "reports/file_reports.h"
#include "reports/json_reader.h"
#include "salesforce/catalogue.h"

namespace {

constexpr char kVersion[] = "sfharness 0.1.0";
constexpr int kExitPassed = 0;
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;

using namespace sfh;

// Which scenarios: shared by `run` and `list`.
struct SelectionArgs {
  std::vector<std::string> scenario_paths = {SFH_DEFAULT_SCENARIO_DIR};
  std::string scenario_root;
  std::vector<std::string> filters;
  std::vector<std::string> tags;
  std::string shard;  // "I/N"; empty: GTEST_SHARD_INDEX/GTEST_TOTAL_SHARDS, else none
};

struct RunArgs {
  std::string client_command;
  std::string out_dir = "sfharness-report";
  int client_timeout_seconds = 60;
  size_t jobs = 1;
  int reruns = 0;
  std::string baseline;
  std::string write_baseline;
  bool fail_on_flaky = false;
  // --target live: the org, reached through the recording proxy.
  std::string target = "mock";
  std::string domain;
  std::string client_id;           // default SF_CLIENT_ID
  std::string client_secret_file;  // default SF_CLIENT_SECRET
  std::string ca_file;
  bool insecure = false;
  bool allow_writes = false;
};

void AddSelectionOptions(CLI::App* command, SelectionArgs& args) {
  command->add_option("--scenarios", args.scenario_paths, "Scenario files or directories")
      ->capture_default_str();
  command
      ->add_option("--scenario-root", args.scenario_root,
                   "Directory that extends and file references in scenarios resolve against, "
                   "and must stay under (default: the directory given in --scenarios, or a "
                   "file's own directory)")
      ->check(CLI::ExistingDirectory);
  command
      ->add_option("--filter", args.filters,
                   "Glob over scenario ids ('*' any text, '?' one character), e.g. 'session/*'; "
                   "repeatable; a leading '-' excludes (write --filter=-GLOB)")
      ->allow_extra_args(false);
  command
      ->add_option("--tags", args.tags,
                   "Comma-separated tags: a scenario runs when it has any of them")
      ->delimiter(',')
      ->allow_extra_args(false);
  command->add_option("--shard", args.shard,
                      "Run shard I of N (1-based, e.g. 2/3) of the selection: the k-th id in "
                      "sorted order goes to shard k mod N + 1. Without it, GTEST_SHARD_INDEX "
                      "(0-based) and GTEST_TOTAL_SHARDS are honoured");
}

// The shard: --shard, else googletest's environment variables, else none.
std::expected<std::optional<harness::ShardSpec>, std::string> ChosenShard(
    const SelectionArgs& args) {
  if (!args.shard.empty()) {
    auto shard = harness::ParseShard(args.shard);
    if (!shard) return std::unexpected(shard.error());
    return *shard;
  }
  return harness::ShardFromEnvironment([](const char* name) { return std::getenv(name); });
}

// The scenarios to play, loaded, filtered and sharded; an error is a usage error.
std::expected<std::vector<harness::Scenario>, std::string> Selected(
    const SelectionArgs& args, const std::optional<harness::ShardSpec>& shard) {
  std::vector<std::filesystem::path> paths(args.scenario_paths.begin(), args.scenario_paths.end());
  auto scenarios = harness::LoadScenarios(paths, args.scenario_root);
  if (!scenarios) return std::unexpected("cannot load the scenarios:\n" + scenarios.error());
  auto selected = harness::SelectScenarios(std::move(*scenarios), {args.filters, args.tags});
  if (!selected) return std::unexpected(selected.error());
  if (!shard) return selected;
  return harness::ShardScenarios(std::move(*selected), *shard);
}

// googletest's handshake: a runner that shards sets GTEST_SHARD_STATUS_FILE and expects the
// program to create that file to say it understands sharding.
std::expected<void, std::string> TouchShardStatusFile() {
  const char* path = std::getenv("GTEST_SHARD_STATUS_FILE");
  if (path == nullptr || *path == '\0') return {};
  std::ofstream file(path, std::ios::app);
  if (!file) {
    return std::unexpected(std::string("cannot create GTEST_SHARD_STATUS_FILE ") + path);
  }
  return {};
}

int ExitCode(const harness::RunResult& result, bool fail_on_flaky) {
  if (result.CountScenarios(harness::ScenarioStatus::kError) > 0) return kExitUsage;
  if (!result.AllPassed()) return kExitFailed;
  if (fail_on_flaky && result.CountFlaky() > 0) return kExitFailed;
  return kExitPassed;
}

bool StdoutIsTerminal() { return isatty(STDOUT_FILENO) == 1; }

// Colour only on a terminal and never with NO_COLOR (https://no-color.org).
bool UseColor() { return StdoutIsTerminal() && std::getenv("NO_COLOR") == nullptr; }

// The live progress line needs a terminal that understands "erase line".
bool UseProgress() {
  const char* term = std::getenv("TERM");
  return StdoutIsTerminal() && (term == nullptr || std::string_view(term) != "dumb");
}

int WriteReports(reports::FileReportWriter& files) {
  for (const auto& error : files.errors()) std::cerr << "sfharness: " << error << "\n";
  if (!files.written().empty()) {
    std::cout << "Reports:\n";
    for (const auto& file : files.written()) std::cout << "  " << file.string() << "\n";
  }
  return files.errors().empty() ? kExitPassed : kExitUsage;
}

// --target live's options: the org, the client's credentials (the secret never from argv), TLS.
std::expected<harness::LiveTargetOptions, std::string> LiveOptions(const RunArgs& args,
                                                                   std::string_view command) {
  if (args.domain.empty()) return std::unexpected("--domain is required");
  harness::LiveTargetOptions options;
  options.domain = args.domain;
  options.client_id = args.client_id;
  if (options.client_id.empty()) {
    options.client_id = harness::net::RealEnvironment("SF_CLIENT_ID").value_or("");
  }
  if (options.client_id.empty())
    return std::unexpected("no client id: pass --client-id or set SF_CLIENT_ID");
  auto secret = harness::net::ReadClientSecret(args.client_secret_file);
  if (!secret) return std::unexpected(secret.error());
  options.client_secret = *std::move(secret);
  options.net.ca_file = args.ca_file;
  options.net.insecure = args.insecure;
  if (args.insecure) {
    std::cerr << "sfharness " << command
              << ": WARNING: --insecure: the org's certificate is NOT verified\n";
  }
  options.allow_writes = args.allow_writes;
  if (args.allow_writes) {
    std::cerr << "sfharness " << command
              << ": --allow-writes: the client may change data in the live org\n";
  }
  return options;
}

int Run(const SelectionArgs& selection, const RunArgs& args) {
  auto shard = ChosenShard(selection);
  if (!shard) {
    std::cerr << "sfharness: " << shard.error() << "\n";
    return kExitUsage;
  }
  if (auto touched = TouchShardStatusFile(); !touched) {
    std::cerr << "sfharness: " << touched.error() << "\n";
    return kExitUsage;
  }
  auto scenarios = Selected(selection, *shard);
  if (!scenarios) {
    std::cerr << "sfharness: " << scenarios.error() << "\n";
    return kExitUsage;
  }
  std::optional<harness::Baseline> baseline;
  if (!args.baseline.empty()) {
    auto loaded = harness::Baseline::Load(args.baseline);
    if (!loaded) {
      std::cerr << "sfharness: --baseline " << loaded.error() << "\n";
      return kExitUsage;
    }
    baseline = std::move(*loaded);
  }
  if (*shard) {
    std::cout << "Shard " << (*shard)->index << "/" << (*shard)->total << ": " << scenarios->size()
              << " scenario" << (scenarios->size() == 1 ? "" : "s") << "\n";
  }

  harness::EmbeddedMockTarget embedded;
  std::unique_ptr<harness::LiveTarget> live;
  if (args.target == "live") {
    auto options = LiveOptions(args, "run");
    if (!options) {
      std::cerr << "sfharness run --target live: " << options.error() << "\n";
      return kExitUsage;
    }
    live = std::make_unique<harness::LiveTarget>(*std::move(options));
  } else if (!args.domain.empty() || args.allow_writes) {
    std::cerr << "sfharness run: --domain and --allow-writes need --target live\n";
    return kExitUsage;
  }
  harness::Target& target = live ? static_cast<harness::Target&>(*live) : embedded;
  harness::ReferenceClient reference;
  harness::CommandClient command(args.client_command);
  harness::Client& client =
      args.client_command.empty() ? static_cast<harness::Client&>(reference) : command;

  harness::RunOptions options;
  options.client_timeout = std::chrono::seconds(args.client_timeout_seconds);
  options.tool_version = kVersion;
  options.jobs = args.jobs;
  options.reruns = args.reruns;
  options.baseline = baseline ? &*baseline : nullptr;
  options.shard = *shard;
  harness::Runner runner(target, client, options);
  reports::ConsoleReporter console(std::cout, UseColor(), UseProgress());
  reports::FileReportWriter files(args.out_dir);
  runner.AddListener(&console);
  runner.AddListener(&files);
  const harness::RunResult result = runner.Run(*scenarios);

  int code = WriteReports(files);
  if (!args.write_baseline.empty()) {
    const auto entries = harness::FailuresAsBaseline(result, baseline ? &*baseline : nullptr);
    if (auto written = harness::WriteBaseline(args.write_baseline, entries); !written) {
      std::cerr << "sfharness: --write-baseline " << written.error() << "\n";
      code = kExitUsage;
    } else {
      std::cout << "Baseline: " << entries.size() << " expected failure"
                << (entries.size() == 1 ? "" : "s") << " written to " << args.write_baseline
                << "\n";
    }
  }
  if (code != kExitPassed) return code;
  return ExitCode(result, args.fail_on_flaky);
}

// `sfharness record`: the org and credentials as `run --target live` reads them.
int Record(const RunArgs& live_args, harness::record::RecordArgs args) {
  auto options = LiveOptions(live_args, "record");
  if (!options) {
    std::cerr << "sfharness record: " << options.error() << "\n";
    return kExitUsage;
  }
  args.tool_version = kVersion;
  return harness::record::RunRecordCommand(*options, args, std::cout, std::cerr);
}

int Merge(const std::string& out_dir, const std::vector<std::string>& inputs, bool fail_on_flaky) {
  std::vector<harness::NamedRun> runs;
  for (const auto& input : inputs) {
    auto run = reports::ReadReportFile(input);
    if (!run) {
      std::cerr << "sfharness: merge: " << run.error() << "\n";
      return kExitUsage;
    }
    runs.push_back({input, std::move(*run)});
  }
  auto merged = harness::MergeRuns(std::move(runs));
  if (!merged) {
    std::cerr << "sfharness: merge: " << merged.error() << "\n";
    return kExitUsage;
  }
  reports::ConsoleReporter console(std::cout, UseColor());
  console.OnRunEnd(*merged);
  reports::FileReportWriter files(out_dir);
  files.OnRunEnd(*merged);
  if (const int code = WriteReports(files); code != kExitPassed) return code;
  return ExitCode(*merged, fail_on_flaky);
}

std::string Tags(const std::vector<std::string>& tags) {
  std::string out;
  for (const auto& tag : tags) out += (out.empty() ? "" : ",") + tag;
  return out;
}

int List(const SelectionArgs& selection, const std::string& format) {
  auto shard = ChosenShard(selection);
  if (!shard) {
    std::cerr << "sfharness: " << shard.error() << "\n";
    return kExitUsage;
  }
  auto scenarios = Selected(selection, *shard);
  if (!scenarios) {
    std::cerr << "sfharness: " << scenarios.error() << "\n";
    return kExitUsage;
  }
  const auto checks = harness::AllChecks();
  if (format == "json") {
    nlohmann::ordered_json out = {{"schema", "sfharness-list/1"}};
    out["scenarios"] = nlohmann::ordered_json::array();
    for (const auto& s : *scenarios) {
      out["scenarios"].push_back({{"id", s.document.id},
                                  {"title", s.document.title},
                                  {"tags", s.document.tags},
                                  {"file", s.display_file}});
    }
    out["checks"] = nlohmann::ordered_json::array();
    for (const auto* check : checks) {
      out["checks"].push_back({{"id", std::string(check->id)},
                               {"description", std::string(check->description)},
                               {"severity", std::string(harness::ToString(check->severity))},
                               {"reference", std::string(check->reference)}});
    }
    std::cout << out.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
    return kExitPassed;
  }
  std::cout << "Scenarios (" << scenarios->size() << "):\n";
  for (const auto& s : *scenarios) {
    std::cout << "  " << s.document.id;
    if (!s.document.tags.empty()) std::cout << "  [" << Tags(s.document.tags) << "]";
    std::cout << "\n      " << s.document.title << "\n      " << s.display_file << "\n";
  }
  std::cout << "Checks (" << checks.size() << "):\n";
  for (const auto* check : checks) {
    std::cout << "  " << check->id << "  (" << harness::ToString(check->severity) << ")\n      "
              << check->description << "\n";
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

// `sfharness lint DIR`: exit 0 without error-severity findings (warnings and notes are
// reported only), 1 with any (a file that is not well-formed XML is one), 2 when DIR cannot be
// read.
int LintMetadata(const std::string& dir, const std::string& format) {
  auto result = lint::Lint(dir);
  if (!result) {
    std::cerr << "sfharness lint: " << result.error() << "\n";
    return kExitUsage;
  }
  if (result->files == 0) {
    std::cerr << "sfharness lint: no External Client App, Connected App, External Credential "
                 "or Named Credential metadata (*.eca-meta.xml, *.ecaGlblOauth-meta.xml, ..., "
                 "*.connectedApp-meta.xml, *.externalCredential-meta.xml, "
                 "*.namedCredential-meta.xml, or the same without -meta.xml) under "
              << dir << "\n";
  }
  if (format == "json") {
    std::cout << lint::FormatJson(*result) << "\n";
  } else if (format == "sarif") {
    std::cout << lint::FormatSarif(*result) << "\n";
  } else {
    std::cout << lint::FormatText(*result);
  }
  return lint::HasErrors(*result) ? kExitFailed : kExitPassed;
}

// The options of `diagnose`, which `drift` shares for its live side. `whose` names whose TLS
// the CA options concern ("" for the org diagnose probes).
void AddProbeOptions(CLI::App* command, harness::diagnose::DiagnoseArgs& args,
                     const std::string& whose) {
  command
      ->add_option("--domain", args.domain,
                   "The org's My Domain host (acme.my.salesforce.com) or URL")
      ->required();
  command->add_option("--client-id", args.client_id, "The consumer key (default: SF_CLIENT_ID)");
  command->add_option("--client-secret-file", args.client_secret_file,
                      "A file holding the consumer secret (default: SF_CLIENT_SECRET)");
  command->add_option("--client-secret", args.client_secret,
                      "The consumer secret itself (discouraged: it stays in shell history)");
  command->add_option("--api-version", args.api_version,
                      "REST API version to read with, e.g. 62.0 (default: the newest)");
  command->add_flag("--basic", args.basic_auth,
                    "Send the client credentials in HTTP Basic instead of the form body");
  command->add_option("--ca-file", args.ca_file,
                      "Verify " + whose + "TLS against this PEM bundle instead of the system's");
  command->add_flag("--insecure", args.insecure,
                    "Do not verify " + whose + "TLS at all (loudly; never for an integration)");
  command
      ->add_option("--timeout", args.timeout_seconds,
                   "Seconds each connection and each answer may take")
      ->capture_default_str();
  command->add_option("--format", args.format, "text, json or markdown")
      ->check(CLI::IsMember({"text", "json", "markdown"}))
      ->capture_default_str();
}

}  // namespace

int main(int argc, char** argv) {
  signal(SIGPIPE, SIG_IGN);
  CLI::App app{
      "sfharness: conformance tests for clients of Salesforce's OAuth 2.0 client "
      "credentials flow, judged on the wire against a mock org."};
  app.require_subcommand(1);
  app.set_version_flag("--version", kVersion);

  SelectionArgs run_selection;
  RunArgs run_args;
  auto* run = app.add_subcommand("run", "Run the scenarios against a client and write reports");
  run->add_option("--client", run_args.client_command,
                  "Command of the client under test, run with /bin/sh -c under the client "
                  "contract (default: the built-in reference client)");
  AddSelectionOptions(run, run_selection);
  run->add_option("--out", run_args.out_dir, "Directory for the report files")
      ->capture_default_str();
  run->add_option("--client-timeout", run_args.client_timeout_seconds,
                  "Seconds a client may take per scenario before it is killed")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  run->add_option("-j,--jobs", run_args.jobs, "How many scenarios run at once")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  run->add_option("--reruns", run_args.reruns,
                  "Run a FAILED scenario again up to N times; one that then passes is FLAKY")
      ->check(CLI::Range(0, 10))
      ->capture_default_str();
  run->add_flag("--fail-on-flaky", run_args.fail_on_flaky,
                "Exit 1 when a scenario passed only on a rerun");
  run->add_option("--baseline", run_args.baseline,
                  "Expected failures (JSON): listed failures do not fail the run, unlisted ones "
                  "and listed ones that no longer fail do");
  run->add_option("--target", run_args.target,
                  "mock: a fresh embedded mock per scenario; live: the org given by --domain, "
                  "through the harness's recording proxy (scenarios that need faults or a "
                  "misconfigured org are skipped)")
      ->check(CLI::IsMember({"mock", "live"}))
      ->capture_default_str();
  run->add_option("--domain", run_args.domain,
                  "With --target live: the org's My Domain host or URL");
  run->add_option("--client-id", run_args.client_id,
                  "With --target live: the consumer key (default: SF_CLIENT_ID)");
  run->add_option("--client-secret-file", run_args.client_secret_file,
                  "With --target live: a file holding the consumer secret (default: "
                  "SF_CLIENT_SECRET)");
  run->add_option("--ca-file", run_args.ca_file,
                  "With --target live: verify the org's TLS against this PEM bundle");
  run->add_flag("--insecure", run_args.insecure,
                "With --target live: do not verify the org's TLS (loudly)");
  run->add_flag("--allow-writes", run_args.allow_writes,
                "With --target live: let the client's writes reach the org (read-only otherwise)");
  run->add_option("--write-baseline", run_args.write_baseline,
                  "Write this run's failures to FILE as a baseline (keeping --baseline's "
                  "reasons and its entries for scenarios not run)");

  RunArgs record_live;  // --domain, --client-id, --client-secret-file, --ca-file, --insecure
  harness::record::RecordArgs record_args;
  auto* record = app.add_subcommand(
      "record",
      "Run a client once against a live org through the recording proxy and keep the session "
      "as a scenario file that replays against the mock, with the org's identifying values "
      "replaced (exit 0 written, 1 written but the client failed, 2 usage or unreachable org)");
  record->add_option("--domain", record_live.domain, "The org's My Domain host or URL")->required();
  record->add_option("--client-id", record_live.client_id,
                     "The consumer key (default: SF_CLIENT_ID)");
  record->add_option("--client-secret-file", record_live.client_secret_file,
                     "A file holding the consumer secret (default: SF_CLIENT_SECRET)");
  record->add_option("--ca-file", record_live.ca_file,
                     "Verify the org's TLS against this PEM bundle");
  record->add_flag("--insecure", record_live.insecure, "Do not verify the org's TLS (loudly)");
  record->add_option("--client", record_args.client_command,
                     "Command of the client, run with /bin/sh -c under the client contract "
                     "(default: the built-in reference client)");
  record
      ->add_option("--client-timeout", record_args.client_timeout_seconds,
                   "Seconds the client may take before it is killed")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  record->add_option("--calls", record_args.calls, "SF_CALLS: how many REST reads the client makes")
      ->check(CLI::Range(0, 1000))
      ->capture_default_str();
  record->add_option("--id", record_args.id,
                     "The recorded scenario's id (default: recorded/<UTC date-time>)");
  record->add_option("--out", record_args.out, "The scenario file to write")->required();
  record->add_flag("--force", record_args.force, "Overwrite --out when it exists");

  SelectionArgs list_selection;
  std::string list_format = "text";
  auto* list = app.add_subcommand("list", "List the scenarios (as selected) and the checks");
  AddSelectionOptions(list, list_selection);
  list->add_option("--format", list_format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();

  std::string merge_out;
  std::vector<std::string> merge_inputs;
  bool merge_fail_on_flaky = false;
  auto* merge = app.add_subcommand(
      "merge", "Merge the report.json of several shards into the reports of one run");
  merge->add_option("--out", merge_out, "Directory for the merged report files")->required();
  merge->add_option("reports", merge_inputs, "report.json files, or directories holding one")
      ->required();
  merge->add_flag("--fail-on-flaky", merge_fail_on_flaky,
                  "Exit 1 when a scenario passed only on a rerun");

  std::string explain_text;
  auto* explain = app.add_subcommand("explain", "Explain a Salesforce error from the catalogue");
  explain->add_option("error", explain_text, "An error, errorCode, description or catalogue id")
      ->required();

  std::string lint_dir;
  std::string lint_format = "text";
  auto* lint = app.add_subcommand(
      "lint",
      "Check a Salesforce DX project's External Client App, Connected App and Named/External "
      "Credential metadata for client-credentials misconfigurations");
  lint->add_option("dir", lint_dir, "The project's directory (searched recursively)")->required();
  lint->add_option("--format", lint_format, "text, json or sarif")
      ->check(CLI::IsMember({"text", "json", "sarif"}))
      ->capture_default_str();

  harness::diagnose::DiagnoseArgs diagnose_args;
  auto* diagnose = app.add_subcommand(
      "diagnose",
      "Probe an org's client-credentials setup, read-only, and name the likely cause of a "
      "failure with its fix");
  AddProbeOptions(diagnose, diagnose_args, "");

  harness::drift::DriftArgs drift_args;
  auto* drift = app.add_subcommand(
      "drift",
      "Run diagnose's probes against a live org and against the embedded mock configured the "
      "same way, and report where the mock's answers differ (docs/DRIFT.md)");
  AddProbeOptions(drift, drift_args.common, "the live org's ");
  drift->add_option("--mock-scenario", drift_args.mock_scenario,
                    "A scenario file for the mock's org (default: a healthy org with the live "
                    "org's kind, latest API version and token format)");

  harness::learn::LearnOptions learn_options{.lessons_dir = SFH_DEFAULT_LESSON_DIR,
                                             .scenario_root = SFH_DEFAULT_SCENARIO_DIR};
  auto* learn = app.add_subcommand(
      "learn",
      "Learn the client-credentials flow offline against the embedded mock, lesson by lesson "
      "(harness/learn/FORMAT.md)");
  learn->add_option("--lesson", learn_options.lesson_ids,
                    "Play this lesson (repeatable; default: every lesson in order)");
  learn->add_flag("--list", learn_options.list, "List the lessons: id, kind and title");
  learn->add_flag("--no-pause", learn_options.no_pause,
                  "Do not wait for Enter after each step (the default when stdin is no terminal)");
  learn->add_flag("--answer", learn_options.answer, "Show the answers of break-it lessons");
  learn->add_option("--html", learn_options.html,
                    "Write the lessons' exchanges as an HTML page with sequence diagrams");
  learn->add_flag("--viewer", learn_options.viewer,
                  "Follow along in a browser: play every lesson on one sfmock whose viewer "
                  "(the address is printed first) shows the narration beside the exchanges");
  learn
      ->add_option("--viewer-port", learn_options.viewer_port,
                   "With --viewer: the port of the viewer (and of the mock's My Domain); 0, the "
                   "default, picks a free one")
      ->check(CLI::Range(0, 65535));
  learn->add_option("--lessons", learn_options.lessons_dir, "The lessons' directory")
      ->capture_default_str();
  learn
      ->add_option("--scenario-root", learn_options.scenario_root,
                   "What lessons' \"extends\" resolves against")
      ->capture_default_str();

  harness::nc::NcOptions nc_options;
  auto* nc = app.add_subcommand(
      "nc",
      "Emulate Salesforce's runtime for a Named Credential backed by a client-credentials "
      "External Credential: token request and callouts as the org would send them");
  nc->add_option("--metadata", nc_options.metadata_dir,
                 "The project's directory holding the Named and External Credential metadata")
      ->required();
  nc->add_option("--named-credential", nc_options.named_credential,
                 "The Named Credential's API name (callout:NAME)")
      ->required();
  nc->add_option("--principal", nc_options.principal,
                 "The External Credential's named principal (default: the first by sequence)");
  nc->add_option("--client-id", nc_options.client_id,
                 "The principal's client id (default: SF_CLIENT_ID)");
  nc->add_option("--client-secret-file", nc_options.client_secret_file,
                 "A file holding the principal's client secret (default: SF_CLIENT_SECRET)");
  nc->add_option("--path", nc_options.path, "The callout's path after callout:NAME")
      ->capture_default_str();
  nc->add_option("--method", nc_options.method, "GET, HEAD or OPTIONS")->capture_default_str();
  nc->add_option("--calls", nc_options.calls, "How many callouts (one token serves them all)")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  nc->add_option("--map", nc_options.maps,
                 "ORIGIN=URL: send requests for ORIGIN (scheme://host[:port]) to URL instead, "
                 "e.g. https://acme.my.salesforce.com=http://127.0.0.1:43121; repeatable")
      ->allow_extra_args(false);
  nc->add_option("--ca-file", nc_options.ca_file,
                 "Verify TLS against this PEM bundle instead of the system's");
  nc->add_flag("--insecure", nc_options.insecure,
               "Do not verify TLS at all (loudly; never for an integration)");
  nc->add_option("--timeout", nc_options.timeout_seconds,
                 "Seconds each connection and each answer may take")
      ->check(CLI::Range(1, 600))
      ->capture_default_str();
  nc->add_flag("!--no-retry-on-401", nc_options.retry_on_401,
               "Do not fetch a new token and retry after a 401 (the default retries once: "
               "INFERRED, unverified against a live org)");
  nc->add_option("--format", nc_options.format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitPassed : kExitUsage;
  }
  if (run->parsed()) return Run(run_selection, run_args);
  if (record->parsed()) return Record(record_live, record_args);
  if (list->parsed()) return List(list_selection, list_format);
  if (merge->parsed()) return Merge(merge_out, merge_inputs, merge_fail_on_flaky);
  if (explain->parsed()) return Explain(explain_text);
  if (lint->parsed()) return LintMetadata(lint_dir, lint_format);
  if (nc->parsed()) {
    const int code = harness::nc::RunNc(nc_options, std::cout, std::cerr);
    if (code == harness::nc::kNcExitPassed) return kExitPassed;
    return code == harness::nc::kNcExitFailed ? kExitFailed : kExitUsage;
  }
  if (diagnose->parsed()) {
    return harness::diagnose::RunDiagnoseCommand(diagnose_args, std::cout, std::cerr);
  }
  if (drift->parsed()) return harness::drift::RunDriftCommand(drift_args, std::cout, std::cerr);
  if (learn->parsed()) {
    return harness::learn::RunLearn(learn_options, std::cin, isatty(STDIN_FILENO) == 1, std::cout,
                                    std::cerr);
  }
  return kExitUsage;
}
