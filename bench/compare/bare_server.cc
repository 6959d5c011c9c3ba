// bench_bare_server: the ceiling of cpp-httplib for bench/compare (bench/README.md).
//
// Serves fixed JSON for the three routes the comparison drives, with the runtime settings
// sfmock's listeners use (mock_server/wire/mock_server.cc): TCP_NODELAY, one worker thread per
// keep-alive connection from a pool of --threads, up to 10,000 requests per connection, a listen
// backlog larger than cpp-httplib's 5. Nothing is parsed, checked or journaled, so whatever
// sfmock spends beyond this server's figures is sfmock's own work.
//
//   POST /services/oauth2/token                  a client-credentials token answer
//   GET  /.well-known/openid-configuration       a discovery document
//   GET  /services/data/v67.0/query?q=...        a query result (three accounts)
//
// The bodies have the shape and size of sfmock's demo-org answers. Prints one JSON line when it
// accepts connections ({"ready":true,"my_domain_url":"http://127.0.0.1:PORT"}), serves until
// SIGINT or SIGTERM, then exits 0. `--print-bodies` prints the routes and bodies as JSON instead,
// so bench/compare/compare can give WireMock the same stubs. Exits 2 on a bad option, 1 when it
// cannot listen.
#include <httplib.h>
#include <signal.h>
#include <sys/socket.h>

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <thread>

namespace {

constexpr char kContentType[] = "application/json;charset=UTF-8";

constexpr char kTokenBody[] =
    R"({"access_token":"00DS7000000sfmk!AQ_.0Qw1TNm3RK_prgHiYc6tRICDosj3lqY54Adnhtx8LjD7KWUUcKD6HqY0OTrE0nCdZvmllEuRnHQw36tsb_Tv0qRA0AB72de5EcsMYNwMbn",)"
    R"("signature":"2FauYY+MxWnzsHru/VvzQEBX6wh74+JkqmqJYN4NI94=","token_format":"opaque",)"
    R"("scope":"api","instance_url":"https://acme.my.salesforce.com",)"
    R"("id":"https://login.salesforce.com/id/00DS7000000sfmkMAA/005S7000000sfmkIAA",)"
    R"("token_type":"Bearer","issued_at":"1795932663510"})";

constexpr char kDiscoveryBody[] =
    R"({"issuer":"https://acme.my.salesforce.com",)"
    R"("authorization_endpoint":"https://acme.my.salesforce.com/services/oauth2/authorize",)"
    R"("token_endpoint":"https://acme.my.salesforce.com/services/oauth2/token",)"
    R"("revocation_endpoint":"https://acme.my.salesforce.com/services/oauth2/revoke",)"
    R"("userinfo_endpoint":"https://acme.my.salesforce.com/services/oauth2/userinfo",)"
    R"("jwks_uri":"https://acme.my.salesforce.com/id/keys",)"
    R"("registration_endpoint":"https://acme.my.salesforce.com/services/oauth2/register",)"
    R"("introspection_endpoint":"https://acme.my.salesforce.com/services/oauth2/introspect",)"
    R"("end_session_endpoint":"https://acme.my.salesforce.com/services/auth/idp/oidc/logout",)"
    R"("frontchannel_logout_supported":true,"frontchannel_logout_session_supported":false,)"
    R"("scopes_supported":["cdp_ingest_api","custom_permissions","cdp_segment_api","content",)"
    R"("cdp_api","chatbot_api","cdp_identityresolution_api","interaction_api","wave_api","web",)"
    R"("cdp_calculated_insight_api","einstein_gpt_api","offline_access","id","api",)"
    R"("data_cloud_user_claims","eclair_api","email","pardot_api","lightning","visualforce",)"
    R"("cdp_query_api","sfap_api","address","openid","profile","scrt_api","cdp_profile_api",)"
    R"("refresh_token","phone","user_registration_api","pwdless_login_api","chatter_api",)"
    R"("mcp_api","full","forgot_password"],)"
    R"("response_types_supported":["code","token","token id_token"],)"
    R"("subject_types_supported":["public"],"id_token_signing_alg_values_supported":["RS256"],)"
    R"("dpop_signing_alg_values_supported":["RS256","RS384","RS512","ES256","ES384","ES512","EdDSA"],)"
    R"("display_values_supported":["page","popup","touch"],)"
    R"("token_endpoint_auth_methods_supported":["client_secret_post","client_secret_basic","private_key_jwt"],)"
    R"("claims_supported":["active","address","email","email_verified","family_name","given_name",)"
    R"("is_app_installed","language","locale","name","nickname","organization_id","phone_number",)"
    R"("phone_number_verified","photos","picture","preferred_username","profile","sub",)"
    R"("updated_at","urls","user_id","user_type","zoneinfo"]})";

constexpr char kQueryBody[] =
    R"({"totalSize":3,"done":true,"records":[)"
    R"({"attributes":{"type":"Account","url":"/services/data/v67.0/sobjects/Account/001S70000oiC16vIAC"},"Id":"001S70000oiC16vIAC","Name":"Acme"},)"
    R"({"attributes":{"type":"Account","url":"/services/data/v67.0/sobjects/Account/001S70000D04JPLIQ2"},"Id":"001S70000D04JPLIQ2","Name":"Globex"},)"
    R"({"attributes":{"type":"Account","url":"/services/data/v67.0/sobjects/Account/001S70000CZNf67IQD"},"Id":"001S70000CZNf67IQD","Name":"Initech"}]})";

struct Options {
  std::string bind = "127.0.0.1";
  int port = 0;
  int threads = 64;  // bench/compare passes the --threads it gives sfmock
  int backlog = 1024;
  bool print_bodies = false;
};

void Usage(FILE* out) {
  std::fprintf(out,
               "usage: bench_bare_server [--bind ADDRESS] [--port N] [--threads N] "
               "[--listen-backlog N] [--print-bodies]\n"
               "  --bind ADDRESS       default 127.0.0.1\n"
               "  --port N             default 0 (a free port)\n"
               "  --threads N          worker threads = keep-alive connections served at once "
               "(default 64)\n"
               "  --listen-backlog N   listen(2) backlog (default 1024)\n"
               "  --print-bodies       print the routes and bodies as JSON and exit\n");
}

bool ParseInt(std::string_view text, int min, int max, int& out) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max) {
    return false;
  }
  out = value;
  return true;
}

// Returns false (after printing why) on a bad command line.
bool ParseOptions(int argc, char** argv, Options& options) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const bool has_value = i + 1 < argc;
    auto bad = [&](const char* what) {
      std::fprintf(stderr, "bench_bare_server: %s\n", what);
      Usage(stderr);
      return false;
    };
    if (arg == "--print-bodies") {
      options.print_bodies = true;
    } else if (arg == "--help" || arg == "-h") {
      Usage(stdout);
      std::exit(0);
    } else if (arg == "--bind" && has_value) {
      options.bind = argv[++i];
    } else if (arg == "--port" && has_value) {
      if (!ParseInt(argv[++i], 0, 65535, options.port)) return bad("--port: 0 to 65535");
    } else if (arg == "--threads" && has_value) {
      if (!ParseInt(argv[++i], 1, 4096, options.threads)) return bad("--threads: 1 to 4096");
    } else if (arg == "--listen-backlog" && has_value) {
      if (!ParseInt(argv[++i], 1, 65535, options.backlog)) {
        return bad("--listen-backlog: 1 to 65535");
      }
    } else {
      return bad(("unknown option or missing value: " + std::string(arg)).c_str());
    }
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (!ParseOptions(argc, argv, options)) return 2;
  if (options.print_bodies) {
    nlohmann::ordered_json routes = nlohmann::ordered_json::array();
    routes.push_back({{"name", "token"},
                      {"method", "POST"},
                      {"path", "/services/oauth2/token"},
                      {"body", kTokenBody}});
    routes.push_back({{"name", "discovery"},
                      {"method", "GET"},
                      {"path", "/.well-known/openid-configuration"},
                      {"body", kDiscoveryBody}});
    routes.push_back({{"name", "query"},
                      {"method", "GET"},
                      {"path", "/services/data/v67.0/query"},
                      {"body", kQueryBody}});
    std::printf("%s\n", nlohmann::ordered_json{{"content_type", kContentType}, {"routes", routes}}
                            .dump()
                            .c_str());
    return 0;
  }

  // Every thread inherits the blocked stop signals; sigwait below is the one place they land.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  httplib::Server server;
  // The settings sfmock's listeners use (mock_server/wire/mock_server.cc).
  server.set_tcp_nodelay(true);
  const size_t threads = static_cast<size_t>(options.threads);
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server.set_keep_alive_timeout(5);
  server.set_keep_alive_max_count(10000);
  server.set_read_timeout(10, 0);
  server.set_write_timeout(10, 0);
  // cpp-httplib 0.11.4 listens with a backlog of 5; keep the descriptor to listen again with a
  // larger one once bound. SO_REUSEADDR only: the default's SO_REUSEPORT would let another
  // process share the port.
  int listen_fd = -1;
  server.set_socket_options([&listen_fd](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    listen_fd = sock;
  });

  server.Post("/services/oauth2/token", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Cache-Control", "no-cache,must-revalidate,max-age=0,no-store,private");
    res.set_content(kTokenBody, sizeof(kTokenBody) - 1, kContentType);
  });
  server.Get("/.well-known/openid-configuration",
             [](const httplib::Request&, httplib::Response& res) {
               res.set_content(kDiscoveryBody, sizeof(kDiscoveryBody) - 1, kContentType);
             });
  server.Get("/services/data/v67.0/query", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(kQueryBody, sizeof(kQueryBody) - 1, kContentType);
  });

  const int port = options.port == 0
                       ? server.bind_to_any_port(options.bind)
                       : (server.bind_to_port(options.bind, options.port) ? options.port : -1);
  if (port <= 0) {
    std::fprintf(stderr, "bench_bare_server: cannot listen on %s:%d\n", options.bind.c_str(),
                 options.port);
    return 1;
  }
  if (listen_fd >= 0 && ::listen(listen_fd, options.backlog) != 0) {
    std::fprintf(stderr, "bench_bare_server: cannot set the listen backlog to %d\n",
                 options.backlog);
    return 1;
  }
  std::thread listener([&server] { server.listen_after_bind(); });
  // The ready line promises an accepting server: wait (bounded) for the accept loop.
  for (int waited_ms = 0; !server.is_running(); ++waited_ms) {
    if (waited_ms > 10000) {
      std::fprintf(stderr, "bench_bare_server: the listener did not start within 10 s\n");
      server.stop();
      listener.join();
      return 1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  const std::string host = options.bind.find(':') != std::string::npos
                               ? "[" + options.bind + "]"
                               : options.bind;
  std::printf("%s\n", nlohmann::ordered_json{{"ready", true},
                                             {"my_domain_url",
                                              "http://" + host + ":" + std::to_string(port)}}
                          .dump()
                          .c_str());
  std::fflush(stdout);

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  server.stop();
  listener.join();
  return 0;
}
