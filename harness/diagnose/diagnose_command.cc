#include "harness/diagnose/diagnose_command.h"

#include <ostream>

#include "harness/diagnose/diagnose.h"
#include "harness/diagnose/output.h"
#include "harness/net/client_secret.h"

namespace sfh::harness::diagnose {

std::optional<DiagnoseOptions> OptionsFromArgs(const DiagnoseArgs& args, std::string_view command,
                                               std::ostream& err) {
  DiagnoseOptions options;
  options.domain = args.domain;
  options.client_id = args.client_id;
  if (options.client_id.empty())
    options.client_id = net::RealEnvironment("SF_CLIENT_ID").value_or("");
  if (options.client_id.empty()) {
    err << command << ": no client id: pass --client-id or set SF_CLIENT_ID\n";
    return std::nullopt;
  }
  if (!args.client_secret.empty()) {
    err << command
        << ": warning: a secret on the command line stays in shell history "
           "and is visible to other users in the process list; prefer SF_CLIENT_SECRET or "
           "--client-secret-file\n";
    options.client_secret = args.client_secret;
  } else {
    auto secret = net::ReadClientSecret(args.client_secret_file);
    if (!secret) {
      err << command << ": " << secret.error() << "\n";
      return std::nullopt;
    }
    options.client_secret = *std::move(secret);
  }
  if (!(args.timeout_seconds > 0 && args.timeout_seconds <= 600)) {
    err << command << ": --timeout must be more than 0 and at most 600 seconds\n";
    return std::nullopt;
  }
  options.api_version = args.api_version;
  if (options.api_version.starts_with('v')) options.api_version.erase(0, 1);
  options.basic_auth = args.basic_auth;
  options.net.ca_file = args.ca_file;
  options.net.insecure = args.insecure;
  if (args.insecure) {
    err << command
        << ": WARNING: --insecure: certificates are NOT verified; anyone on "
           "the path could read the secret. Use --ca-file instead wherever you can.\n";
  }
  const auto timeout = std::chrono::milliseconds(static_cast<long>(args.timeout_seconds * 1000));
  options.net.connect_timeout = timeout;
  options.net.io_timeout = timeout;
  return options;
}

int RunDiagnoseCommand(const DiagnoseArgs& args, std::ostream& out, std::ostream& err) {
  constexpr int kHealthy = 0, kFailed = 1, kUsage = 2;
  const std::optional<DiagnoseOptions> checked = OptionsFromArgs(args, "sfharness diagnose", err);
  if (!checked) return kUsage;
  const DiagnoseOptions& options = *checked;

  const Report report = Diagnose(options);
  if (args.format == "json") {
    out << FormatJson(report) << "\n";
  } else if (args.format == "markdown") {
    out << FormatMarkdown(report);
  } else {
    out << FormatText(report);
  }
  return report.Healthy() ? kHealthy : kFailed;
}

}  // namespace sfh::harness::diagnose
