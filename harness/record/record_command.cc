#include "harness/record/record_command.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <expected>
#include <filesystem>
#include <fstream>
#include <optional>

#include "harness/clients/client.h"
#include "harness/record/recorder.h"
#include "harness/record/scenario_writer.h"
#include "harness/scenario/scenario.h"

namespace sfh::harness::record {
namespace {

namespace fs = std::filesystem;

// Why `--out` cannot be written, found before the org is contacted.
std::optional<std::string> OutputProblem(const RecordArgs& args) {
  if (args.out.empty()) return "--out FILE is required";
  const fs::path path(args.out);
  std::error_code ec;
  if (fs::is_directory(path, ec)) return fmt::format("--out {} is a directory", args.out);
  if (fs::exists(path, ec) && !args.force) {
    return fmt::format("{} exists; pass --force to overwrite it", args.out);
  }
  const fs::path dir = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  if (!fs::is_directory(dir, ec)) {
    return fmt::format("the directory of --out, {}, does not exist", dir.string());
  }
  return std::nullopt;
}

// Writes beside `out`, proves that the strict loader reads the file, then moves it into place;
// without --force a file that appeared meanwhile is not replaced (link(2) fails on it).
std::expected<void, std::string> WriteScenarioFile(const std::string& text,
                                                   const RecordArgs& args) {
  const fs::path out(args.out);
  const fs::path tmp =
      out.parent_path() / fmt::format(".{}.{}.tmp", out.filename().string(), getpid());
  std::error_code ec;
  {
    std::ofstream file(tmp, std::ios::binary | std::ios::trunc);
    file << text;
    file.close();
    if (!file) {
      fs::remove(tmp, ec);
      return std::unexpected(fmt::format("cannot write {}", tmp.string()));
    }
  }
  if (auto loaded = LoadScenario(tmp); !loaded) {
    fs::remove(tmp, ec);
    return std::unexpected("the recorded scenario does not load (a bug in sfharness record): " +
                           loaded.error());
  }
  if (args.force) {
    fs::rename(tmp, out, ec);
    if (ec) {
      fs::remove(tmp, ec);
      return std::unexpected(fmt::format("cannot write {}: {}", args.out, ec.message()));
    }
    return {};
  }
  if (::link(tmp.c_str(), out.c_str()) != 0) {
    const int error = errno;
    fs::remove(tmp, ec);
    return std::unexpected(error == EEXIST
                               ? fmt::format("{} exists; pass --force to overwrite it", args.out)
                               : fmt::format("cannot write {}: {}", args.out, strerror(error)));
  }
  fs::remove(tmp, ec);
  return {};
}

std::string Ending(const ClientRun& c) {
  if (c.timed_out) return fmt::format("killed after {} ms", c.elapsed.count());
  if (c.term_signal != 0) return fmt::format("ended by signal {}", c.term_signal);
  return fmt::format("exit status {}", c.exit_code);
}

// "1 record", "2 records".
std::string Count(size_t n, std::string_view what) {
  return fmt::format("{} {}{}", n, what, n == 1 ? "" : "s");
}

void PrintSummary(const Recording& recording, const RecordedScenario& scenario,
                  const RecordArgs& args, std::ostream& out) {
  const std::string version =
      scenario.api_version > 0 ? fmt::format("API v{}.0", scenario.api_version) : "API unknown";
  out << fmt::format("Recorded {} with a live {} org ({}); the client {} ({})\n",
                     Count(scenario.exchanges, "exchange"), scenario.kind, version,
                     recording.client_succeeded ? "succeeded" : "failed", Ending(recording.client));
  out << fmt::format("Wrote {} to {}\n", scenario.json["id"].get<std::string>(), args.out);
  out << "Requests:\n";
  for (const auto& line : scenario.requests) out << "  " << line << "\n";
  out << fmt::format(
      "Replaced: the org id, users and My Domain name (the mock makes its own; \"{}\", {}); "
      "{} and {} by stand-ins (numbers and booleans kept)\n",
      kRecordedMyDomain, kRecordedUsername, Count(scenario.ids_replaced, "id"),
      Count(scenario.values_replaced, "text value"));
  out << fmt::format(
      "Left out: the consumer key and secret, {}, query values; {} and {} the mock does not "
      "know\n",
      Count(scenario.tokens, "access token"), Count(scenario.records_skipped, "record"),
      Count(scenario.fields_skipped, "field value"));
  out << fmt::format("Kept: {}; scopes: {}; {} access tokens\n", Count(scenario.records, "record"),
                     scenario.scopes.empty() ? std::string("(none granted: the mock's default)")
                                             : fmt::format("{}", fmt::join(scenario.scopes, " ")),
                     scenario.jwt ? "JWT" : "opaque");
  if (scenario.faults > 0 || scenario.errors_not_replayed > 0) {
    out << fmt::format("Faults: {} of the org replayed, {} not replayable\n",
                       Count(scenario.faults, "error answer"), scenario.errors_not_replayed);
  }
  size_t passed = 0;
  size_t skipped = 0;
  std::vector<std::string> failed;
  for (const auto& check : recording.checks) {
    if (check.status == CheckStatus::kPassed) ++passed;
    if (check.status == CheckStatus::kSkipped) ++skipped;
    if (check.status == CheckStatus::kFailed || check.status == CheckStatus::kWarning) {
      failed.push_back(fmt::format("{} ({})", check.id, ToString(check.status)));
    }
  }
  out << fmt::format("Checks on the live session: {} passed, {} failed or warned, {} skipped{}\n",
                     passed, failed.size(), skipped,
                     failed.empty() ? "" : fmt::format(": {}", fmt::join(failed, ", ")));
  out << fmt::format("Replay: sfharness run --scenarios {}{}\n", args.out,
                     args.client_command.empty() ? "" : " --client <the same client>");
}

}  // namespace

int RunRecordCommand(const LiveTargetOptions& live, const RecordArgs& args, std::ostream& out,
                     std::ostream& err) {
  if (auto problem = OutputProblem(args)) {
    err << "sfharness record: " << *problem << "\n";
    return kRecordExitUsage;
  }
  LiveTarget target(live);
  return RunRecordCommand(target, live.domain, args, out, err);
}

int RunRecordCommand(Target& target, const std::string& domain, const RecordArgs& args,
                     std::ostream& out, std::ostream& err) {
  if (auto problem = OutputProblem(args)) {
    err << "sfharness record: " << *problem << "\n";
    return kRecordExitUsage;
  }
  ReferenceClient reference;
  CommandClient command(args.client_command);
  Client& client =
      args.client_command.empty() ? static_cast<Client&>(reference) : static_cast<Client&>(command);
  const RecordRequest request{.calls = args.calls,
                              .client_timeout = std::chrono::seconds(args.client_timeout_seconds),
                              .tool_version = args.tool_version};
  auto recording = RecordSession(target, client, request);
  if (!recording) {
    err << "sfharness record: nothing recorded: " << recording.error() << "\n";
    return kRecordExitUsage;
  }
  RecordedSession session;
  session.domain = domain;
  session.exchanges = recording->exchanges;
  session.api_version = recording->endpoint.api_version;
  session.calls = args.calls;
  session.client_succeeded = recording->client_succeeded;
  session.id = args.id;
  const RecordedScenario scenario = BuildRecordedScenario(session);
  if (auto written = WriteScenarioFile(
          scenario.json.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) +
              "\n",
          args);
      !written) {
    err << "sfharness record: " << written.error() << "\n";
    return kRecordExitUsage;
  }
  PrintSummary(*recording, scenario, args, out);
  return recording->client_succeeded ? kRecordExitWritten : kRecordExitClientFailed;
}

}  // namespace sfh::harness::record
