// sfmock: a mock Salesforce org on loopback. Prints one JSON line when ready, serves until
// SIGINT or SIGTERM, then shuts down cleanly.
#include <signal.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "mock_server/admin/admin.h"
#include "mock_server/scenario/scenario_file.h"
#include "mock_server/service.h"
#include "mock_server/wire/mock_server.h"

namespace {

constexpr char kVersion[] = "0.1.0";

}  // namespace

int main(int argc, char** argv) {
  using namespace sfh::mock;
  CLI::App app{
      "sfmock: a mock Salesforce org (My Domain, login host, OAuth 2.0 client "
      "credentials, REST) on 127.0.0.1.\nPrints one JSON line when ready; stops on "
      "SIGINT or SIGTERM."};
  std::string scenario_file;
  std::string scenario_root;
  ServeOptions serve;
  ServiceOptions service_options;
  app.add_option("--scenario", scenario_file,
                 "Scenario file (scenarios/FORMAT.md) whose org and faults the default tenant "
                 "serves; without it, the built-in demo org")
      ->check(CLI::ExistingFile);
  app.add_option("--scenario-root", scenario_root,
                 "Directory that extends and file references resolve against and must stay under, "
                 "for --scenario (default: its directory) and for scenarios loaded through the "
                 "admin API (default: none, so those cannot reference files)")
      ->check(CLI::ExistingDirectory);
  app.add_option("--bind", serve.bind_address,
                 "Address every listener binds; anything but loopback needs --admin-token")
      ->capture_default_str();
  app.add_option("--public-host", serve.public_host,
                 "Host name or address clients reach sfmock by, used in every URL it hands out "
                 "and in its TLS certificate (default: the --bind address; required when that is "
                 "a wildcard such as 0.0.0.0)");
  app.add_option("--admin-token", service_options.admin_token,
                 "Token the admin API requires in X-Sfmock-Admin-Token (default: "
                 "$SFMOCK_ADMIN_TOKEN; without one, the admin API answers loopback callers only)")
      ->envname("SFMOCK_ADMIN_TOKEN");
  // Limits (docs/LIMITS.md): each bounds memory or time, whatever clients send.
  MockLimits& limits = service_options.limits;
  app.add_option("--journal-capacity", limits.journal_capacity,
                 "Exchanges each tenant's journal keeps (a ring; memory stays bounded)")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  app.add_option("--journal-max-bytes", limits.journal_max_bytes,
                 "Bytes each tenant's journal keeps at most; the oldest exchanges go first")
      ->check(CLI::Range(size_t{1} << 20, size_t{1} << 40))
      ->capture_default_str();
  app.add_option("--max-sessions", limits.org.max_sessions,
                 "Tokens each tenant remembers; beyond it the oldest issued are forgotten "
                 "(their next use: 401 INVALID_SESSION_ID)")
      ->check(CLI::Range(1, 100000000))
      ->capture_default_str();
  app.add_option("--max-query-cursors", limits.org.max_query_cursors,
                 "Open query cursors (nextRecordsUrl) each tenant keeps; the oldest go first")
      ->check(CLI::Range(1, 10000000))
      ->capture_default_str();
  app.add_option("--max-query-cursor-bytes", limits.org.max_query_cursor_bytes,
                 "Bytes of rows the open query cursors of a tenant keep at most")
      ->check(CLI::Range(size_t{1} << 20, size_t{1} << 40))
      ->capture_default_str();
  app.add_option("--max-tenants", service_options.max_tenants,
                 "Tenants the admin API may load at most")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  app.add_option("--max-body-bytes", serve.max_body_bytes,
                 "Largest request body accepted; larger ones are answered 413")
      ->check(CLI::Range(size_t{1} << 10, size_t{1} << 32))
      ->capture_default_str();
  app.add_option("--keep-alive-seconds", serve.keep_alive_seconds,
                 "An idle keep-alive connection is closed after this long")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  app.add_option("--read-timeout-seconds", serve.read_timeout_seconds,
                 "A request that stops arriving for this long ends its connection")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  app.add_option("--write-timeout-seconds", serve.write_timeout_seconds,
                 "An answer the client stops reading for this long ends its connection")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  app.add_option("--port", serve.my_domain_port, "Port of the My Domain listener (0: a free one)")
      ->check(CLI::Range(0, 65535));
  app.add_option("--login-port", serve.login_port,
                 "Port of the listener playing login.salesforce.com (0: a free one)")
      ->check(CLI::Range(0, 65535));
  app.add_option("--test-port", serve.test_port,
                 "Port of the listener playing test.salesforce.com (0: a free one)")
      ->check(CLI::Range(0, 65535));
  app.add_option("--instance-port", serve.legacy_instance_port,
                 "Port of the listener playing a legacy instance host such as na123.salesforce.com "
                 "(0: a free one)")
      ->check(CLI::Range(0, 65535));
  app.add_flag("--tls", serve.tls,
               "Serve HTTPS with a throwaway CA made at start; its certificate path is in the "
               "ready line as ca_file");
  app.add_option("--ca-file", serve.ca_file,
                 "With --tls: where to write the CA certificate (default: a temporary directory "
                 "removed at exit)");
  app.add_option("--threads", serve.threads_per_listener,
                 "Most worker threads per listener, made as connections need them: how many "
                 "keep-alive connections each host serves at once")
      ->check(CLI::Range(1, 4096))
      ->capture_default_str();
  app.add_option("--listen-backlog", serve.listen_backlog,
                 "Connections the kernel queues before sfmock accepts them (capped by "
                 "net.core.somaxconn)")
      ->check(CLI::Range(1, 65535))
      ->capture_default_str();
  app.set_version_flag("--version", std::string("sfmock ") + kVersion);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }

  const bool loopback = serve.bind_address.starts_with("127.") || serve.bind_address == "::1" ||
                        serve.bind_address == "localhost";
  if (!loopback && service_options.admin_token.empty()) {
    std::cerr << "sfmock: --bind " << serve.bind_address
              << " is not a loopback address: set --admin-token (or SFMOCK_ADMIN_TOKEN) so the "
                 "admin API is not open to the network\n";
    return 2;
  }
  const bool wildcard = serve.bind_address == "0.0.0.0" || serve.bind_address == "::";
  if (wildcard && serve.public_host.empty()) {
    std::cerr << "sfmock: --bind " << serve.bind_address
              << " listens on every address: set --public-host to the name clients use, so the "
                 "URLs sfmock hands out (instance_url, id) reach it\n";
    return 2;
  }
  service_options.scenario_root = scenario_root;

  ScenarioDocument scenario;
  const bool demo = scenario_file.empty();
  if (demo) {
    scenario.id = "demo";
    scenario.title = "The built-in demo org";
    scenario.org = DemoOrgConfig();
  } else {
    auto loaded = LoadScenarioFile(scenario_file, scenario_root);
    if (!loaded) {
      std::cerr << "sfmock: " << loaded.error() << "\n";
      return 2;
    }
    scenario = std::move(*loaded);
    serve.tls = serve.tls || scenario.tls;
  }

  // Block the stop signals before any thread starts, so every thread inherits the mask and
  // sigwait below is the only place they are taken.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  MockService service(service_options);
  auto loaded = service.Load(std::string(kDefaultTenant), scenario);
  if (!loaded) {
    std::cerr << "sfmock: " << loaded.error() << "\n";
    return 2;
  }
  const MockOrg& mock = **loaded;
  auto server = MockServer::Start(service, serve);
  if (!server) {
    std::cerr << "sfmock: " << server.error() << "\n";
    return 1;
  }
  const ServerUrls& urls = (*server)->urls();
  nlohmann::ordered_json ready;
  ready["ready"] = true;
  ready["my_domain_url"] = urls.my_domain;
  ready["login_url"] = urls.login;
  ready["test_url"] = urls.test;
  ready["legacy_instance_url"] = urls.legacy_instance;
  ready["admin_url"] = urls.admin;
  ready["viewer_url"] = urls.admin + "/ui";
  ready["token_url"] = urls.my_domain + "/services/oauth2/token";
  if (serve.tls) ready["ca_file"] = urls.ca_file;
  ready["org_id"] = mock.org().config().org_id;
  ready["api_version"] = std::to_string(mock.org().config().latest_api_version) + ".0";
  if (demo) {
    // The demo app's credentials are fixed, documented mock values (README), not secrets.
    ready["client_id"] = kDemoClientId;
    ready["client_secret"] = kDemoClientSecret;
  } else {
    nlohmann::ordered_json apps = nlohmann::ordered_json::array();
    for (const auto& a : mock.org().config().apps) {
      apps.push_back({{"name", a.name}, {"client_id", a.client_id}});
    }
    ready["apps"] = apps;
  }
  std::cout << ready.dump() << std::endl;

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  (*server)->Stop();
  return 0;
}
