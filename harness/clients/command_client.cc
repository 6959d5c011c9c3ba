#include <fmt/format.h>

#include "harness/clients/client.h"
#include "harness/clients/process.h"

namespace sfh::harness {

std::map<std::string, std::string> ContractVariables(const ClientEnvironment& env) {
  const Endpoint& e = env.endpoint;
  std::map<std::string, std::string> vars = {
      {"SF_MY_DOMAIN_URL", e.hosts.my_domain},
      {"SF_TOKEN_URL", e.token_url},
      {"SF_LOGIN_URL", e.login_url},
      {"SF_CLIENT_ID", e.client_id},
      {"SF_CLIENT_SECRET", e.client_secret},
      {"SF_API_VERSION", e.api_version},
      {"SF_CALLS", std::to_string(env.workload.calls)},
      {"SF_CONCURRENCY", std::to_string(env.workload.concurrency)},
      {"SF_REQUEST_TIMEOUT", fmt::format("{}", env.workload.request_timeout_seconds)},
      {"SF_SCENARIO", env.scenario_id},
  };
  if (!env.workload.scope.empty()) vars["SF_SCOPE"] = env.workload.scope;
  if (!e.ca_file.empty()) {
    for (const char* name : {"SF_CA_FILE", "SSL_CERT_FILE", "CURL_CA_BUNDLE", "REQUESTS_CA_BUNDLE",
                             "NODE_EXTRA_CA_CERTS"}) {
      vars[name] = e.ca_file;
    }
  }
  return vars;
}

ClientRun CommandClient::Run(const ClientEnvironment& env, std::chrono::milliseconds timeout) {
  ProcessOptions options;
  options.argv = {"/bin/sh", "-c", command_};
  options.env = ContractVariables(env);
  options.timeout = timeout;
  const ProcessResult p = RunProcess(options);
  ClientRun run;
  run.label = command_;
  run.started = p.started;
  run.exit_code = p.exit_code;
  run.term_signal = p.term_signal;
  run.timed_out = p.timed_out;
  run.stdout_text = p.out + (p.out_truncated ? "\n[output cut by the harness]" : "");
  run.stderr_text = p.err + (p.err_truncated ? "\n[output cut by the harness]" : "");
  if (!p.started) run.stderr_text = p.spawn_error;
  run.elapsed = p.elapsed;
  return run;
}

}  // namespace sfh::harness
