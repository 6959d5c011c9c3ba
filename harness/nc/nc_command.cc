#include "harness/nc/nc_command.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "harness/nc/named_credential_runtime.h"
#include "harness/nc/nc_output.h"
#include "harness/nc/nc_verdict.h"
#include "harness/nc/resolve.h"
#include "harness/net/client_secret.h"
#include "lint/project.h"

namespace sfh::harness::nc {
namespace {

std::string Upper(std::string_view text) {
  std::string out(text);
  std::ranges::transform(out, out.begin(), [](unsigned char c) { return std::toupper(c); });
  return out;
}

// The usage errors that need no file or network; "" when the options are fine.
std::string UsageError(const NcOptions& options) {
  if (!IsAllowedMethod(Upper(options.method))) {
    return fmt::format(
        "--method {}: only GET, HEAD and OPTIONS are sent (--calls repeats the callout and a 401 "
        "replays it, which must not change anything in the org)",
        options.method);
  }
  if (!options.path.starts_with('/')) {
    return fmt::format("--path {}: must start with '/' (callout:{}/...)", options.path,
                       options.named_credential);
  }
  if (options.calls < 1) return "--calls must be at least 1";
  if (options.timeout_seconds < 1) return "--timeout must be at least 1 second";
  if (options.format != "text" && options.format != "json") return "--format: text or json";
  return "";
}

}  // namespace

bool IsAllowedMethod(std::string_view method) {
  return method == "GET" || method == "HEAD" || method == "OPTIONS";
}

int RunNc(const NcOptions& options, std::ostream& out, std::ostream& err,
          const net::EnvLookup& environment) {
  auto fail = [&err](const std::string& message) {
    err << "sfharness nc: " << message << "\n";
    return kNcExitUsage;
  };
  if (const std::string usage = UsageError(options); !usage.empty()) return fail(usage);
  std::vector<OriginMapping> mappings;
  for (const std::string& map : options.maps) {
    auto mapping = ParseOriginMapping(map);
    if (!mapping) return fail(mapping.error());
    mappings.push_back(std::move(*mapping));
  }

  auto project = lint::LoadProject(options.metadata_dir);
  if (!project) return fail("--metadata " + project.error());
  auto resolved = ResolveNamedCredential(*project, options.named_credential, options.principal);
  if (!resolved) return fail(resolved.error());

  PrincipalCredentials credentials;
  credentials.client_id = options.client_id;
  if (credentials.client_id.empty())
    credentials.client_id = environment("SF_CLIENT_ID").value_or("");
  if (credentials.client_id.empty()) {
    return fail(
        fmt::format("no client id for principal {}: give --client-id or set SF_CLIENT_ID "
                    "(principal credentials are not metadata)",
                    resolved->principal));
  }
  auto secret = net::ReadClientSecret(options.client_secret_file, environment);
  if (!secret) return fail(secret.error());
  credentials.client_secret = std::move(*secret);

  if (options.insecure) {
    err << "sfharness nc: WARNING: --insecure: TLS certificates and host names are NOT verified; "
           "the client secret is sent to whoever answers\n";
  }
  if (resolved->url.ends_with('/')) {
    err << "sfharness nc: note: the Named Credential's Url ends with '/' and the path starts with "
           "'/': the callout URL has \"//\" (sent as written; how Salesforce joins them is "
           "UNVERIFIED)\n";
  }

  net::ClientOptions client;
  client.ca_file = options.ca_file;
  client.insecure = options.insecure;
  client.environment = environment;
  client.io_timeout = std::chrono::seconds(options.timeout_seconds);
  client.connect_timeout =
      std::min<std::chrono::milliseconds>(client.connect_timeout, client.io_timeout);

  RuntimeConfig config;
  config.external_credential = resolved->external_credential;
  config.principal = resolved->principal;
  config.client_authentication = resolved->client_authentication;
  config.token_url = ApplyOriginMappings(resolved->token_url, mappings);
  config.scope = resolved->scope;
  config.base_url = resolved->url;
  config.mappings = mappings;
  config.generate_authorization_header = resolved->generate_authorization_header;
  config.retry_on_401 = options.retry_on_401;

  salesforce::Redactor redactor;
  NamedCredentialRuntime runtime(
      config, credentials,
      [&client](const net::Request& request) { return net::Send(request, client); }, redactor);
  const std::string method = Upper(options.method);
  std::vector<CalloutResult> results;
  for (int call = 0; call < options.calls; ++call) {
    results.push_back(runtime.Callout(method, options.path));
    // Without a token every further callout would ask again and be refused the same way.
    if (results.back().status == CalloutStatus::kTokenFailed) break;
  }
  const Verdict verdict = Judge(*resolved, runtime, results, options.calls);
  if (verdict.passed && options.path == "/services/data/") {
    // CONFIRMED, salesforce-wire.md §5: the versions list needs no authentication.
    err << "sfharness nc: note: Salesforce answers GET /services/data/ without a session, so "
           "this proves the token request and the host, not that the token is accepted; try "
           "--path /services/data/v67.0/limits\n";
  }
  const RunView view{*resolved, runtime, verdict, method, options.path};
  if (options.format == "json") {
    out << redactor.Redact(
               ToJson(view, redactor).dump(2, ' ', false, nlohmann::json::error_handler_t::replace))
        << "\n";
  } else {
    out << FormatText(view, redactor);
  }
  return verdict.passed ? kNcExitPassed : kNcExitFailed;
}

}  // namespace sfh::harness::nc
