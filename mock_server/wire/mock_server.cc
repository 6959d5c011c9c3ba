#include "mock_server/wire/mock_server.h"

#include <fmt/format.h>
#include <httplib.h>
#include <stdlib.h>
#include <sys/socket.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <thread>

#include "mock_server/admin/admin.h"
#include "mock_server/wire/elastic_pool.h"
#include "mock_server/wire/tls.h"
#include "mock_server/wire/wire_faults.h"
#include "salesforce/form.h"

namespace sfh::mock {
namespace {

// cpp-httplib adds these to the request's headers; they never crossed the wire.
bool IsPseudoHeader(const std::string& name) {
  return name == "REMOTE_ADDR" || name == "REMOTE_PORT" || name == "LOCAL_ADDR" ||
         name == "LOCAL_PORT";
}

HttpRequest ToRequest(const httplib::Request& req, std::string body, VirtualHost host, bool tls) {
  HttpRequest out;
  out.host = host;
  out.tls = tls;
  out.method = req.method;
  out.target = req.target;
  const auto [path, query] = salesforce::SplitTarget(req.target);
  out.path = std::string(path);
  out.query = std::string(query);
  for (const auto& [name, value] : req.headers) {
    if (!IsPseudoHeader(name)) out.headers.Add(name, value);
  }
  out.body = std::move(body);
  char port[16];
  const auto port_end = std::to_chars(port, port + sizeof port, req.remote_port).ptr;
  out.remote.reserve(req.remote_addr.size() + 1 + static_cast<size_t>(port_end - port));
  out.remote.append(req.remote_addr).append(1, ':').append(port, port_end);
  return out;
}

// Moves the headers and the body: the journal keeps its own copy. Like Response::set_header,
// drops a field whose name or value holds CR or LF, which would split it in two on the wire.
void ToResponse(HttpResponse& in, httplib::Response& res) {
  res.status = in.status;
  for (auto& [name, value] : std::move(in.headers).fields()) {
    if (name.find_first_of("\r\n") != std::string::npos ||
        value.find_first_of("\r\n") != std::string::npos) {
      continue;
    }
    res.headers.emplace(std::move(name), std::move(value));
  }
  res.body = std::move(in.body);
}

}  // namespace

struct MockServer::Listener {
  VirtualHost host;
  std::unique_ptr<httplib::Server> server;
  std::thread thread;
  int port = 0;
  int fd = -1;  // the listening socket, once created
  // Shared by every listener: Stop() wakes the handlers that a delay or hang fault holds.
  std::shared_ptr<WireStop> wire_stop;
};

std::expected<std::unique_ptr<MockServer>, std::string> MockServer::Start(
    Servable& mock, const ServeOptions& options) {
  std::unique_ptr<MockServer> self(new MockServer());
  std::optional<TlsMaterial> tls;
  if (options.tls) {
    TlsSubjects subjects;
    if (!options.public_host.empty() && options.public_host != "localhost" &&
        options.public_host != "127.0.0.1") {
      const bool is_ip = options.public_host.find_first_not_of("0123456789.:") == std::string::npos;
      (is_ip ? subjects.ip_addresses : subjects.dns_names).push_back(options.public_host);
    }
    auto material = GenerateTlsMaterial(subjects);
    if (!material) return std::unexpected("TLS: " + material.error());
    tls = std::move(*material);
    std::filesystem::path ca_file = options.ca_file;
    if (ca_file.empty()) {
      std::string pattern = (std::filesystem::temp_directory_path() / "sfmock-XXXXXX").string();
      if (mkdtemp(pattern.data()) == nullptr) {
        return std::unexpected(fmt::format("cannot create a temporary directory under {}",
                                           std::filesystem::temp_directory_path().string()));
      }
      self->temp_dir_ = pattern;
      ca_file = self->temp_dir_ / "ca.pem";
    }
    if (auto written = WritePemFile(ca_file, tls->ca_cert_pem); !written) {
      return std::unexpected(written.error());
    }
    self->urls_.ca_file = std::filesystem::absolute(ca_file).string();
  }

  struct Wanted {
    VirtualHost host;
    int port;
  };
  std::vector<Wanted> wanted = {{VirtualHost::kMyDomain, options.my_domain_port},
                                {VirtualHost::kLogin, options.login_port},
                                {VirtualHost::kTest, options.test_port},
                                {VirtualHost::kLegacyInstance, options.legacy_instance_port}};

  auto wire_stop = std::make_shared<WireStop>();
  for (const Wanted& w : wanted) {
    auto listener = std::make_unique<Listener>();
    listener->host = w.host;
    listener->wire_stop = wire_stop;
    if (tls) {
      listener->server =
          std::make_unique<httplib::SSLServer>(tls->leaf_cert.get(), tls->leaf_key.get());
    } else {
      listener->server = std::make_unique<httplib::Server>();
    }
    httplib::Server& server = *listener->server;
    if (!server.is_valid()) return std::unexpected("the HTTPS listener could not be set up");
    // Without TCP_NODELAY every keep-alive response waits ~40 ms for Nagle's algorithm.
    server.set_tcp_nodelay(true);
    const size_t threads = options.threads_per_listener;
    server.new_task_queue = [threads] {
      return new ElasticPool(std::min<size_t>(2, threads), threads, std::chrono::seconds(10));
    };
    // cpp-httplib's default options also set SO_REUSEPORT, which lets a second process bind the
    // same port and take half the connections; SO_REUSEADDR alone only allows a quick restart.
    // The descriptor is kept to listen again with a larger backlog once bound.
    int* listen_fd = &listener->fd;
    server.set_socket_options([listen_fd](socket_t sock) {
      int yes = 1;
      setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
      *listen_fd = sock;
    });
    server.set_payload_max_length(options.max_body_bytes);
    server.set_keep_alive_timeout(options.keep_alive_seconds);
    // httplib closes a keep-alive connection after 5 requests by default; clients under load
    // keep theirs for thousands.
    server.set_keep_alive_max_count(10000);
    server.set_read_timeout(options.read_timeout_seconds, 0);
    server.set_write_timeout(options.write_timeout_seconds, 0);
    const VirtualHost host = w.host;
    const bool is_tls = options.tls;
    Servable* service = &mock;
    auto dispatch = [service, host, is_tls, wire_stop](const httplib::Request& req,
                                                       std::string body, httplib::Response& res) {
      // The service journals the exchange before the wire fault is carried out, so live
      // viewers see it while a delay or hang holds the connection.
      HttpResponse response = service->Serve(ToRequest(req, std::move(body), host, is_tls));
      ToResponse(response, res);
      const auto start = std::chrono::steady_clock::now();
      const bool client_left = ApplyWireFault(response.wire, req, res, *wire_stop);
      if (response.wire_done) {
        response.wire_done(std::chrono::duration_cast<std::chrono::microseconds>(
                               std::chrono::steady_clock::now() - start),
                           client_left);
      }
    };
    // Requests without a body reader: GET and OPTIONS. POST, PUT, PATCH and DELETE have one of
    // each; cpp-httplib tries the reader below first for them.
    const httplib::Server::Handler handler = [dispatch](const httplib::Request& req,
                                                        httplib::Response& res) {
      dispatch(req, req.body, res);
    };
    // Requests with a body are read here rather than by cpp-httplib's own handlers, which also
    // parse a form body into Request::params (unused: the endpoints parse the body themselves,
    // once) and refuse a form body over 8 KiB with 413. cpp-httplib refuses a Content-Length
    // over set_payload_max_length with 413 before the reader runs (reading the declared body
    // and dropping it). A chunked body carries no length, and cpp-httplib 0.11.4 hands it over
    // whole, so the reader keeps nothing of it beyond the same bound: it reads the rest to its
    // end and drops it, so that no part of it is left on the connection to be read as a request.
    const size_t max_body_bytes = options.max_body_bytes;
    const httplib::Server::HandlerWithContentReader body_handler =
        [dispatch, max_body_bytes](const httplib::Request& req, httplib::Response& res,
                                   const httplib::ContentReader& read) {
          // A request with neither Content-Length nor Transfer-Encoding has no body (RFC 9112
          // section 6.3). cpp-httplib 0.11.4 would read one until the client closed its side,
          // so a POST without a body or a Content-Length (a revocation with ?token=, from
          // `curl -X POST`) waited out the read timeout and got 400.
          if (!req.has_header("Content-Length") && !req.has_header("Transfer-Encoding")) {
            dispatch(req, std::string(), res);
            return;
          }
          std::string body;
          bool read_whole;
          bool too_large = false;
          // Request::is_multipart_form_data's test on the first Content-Type field, without
          // copying its value.
          const auto type = req.headers.lower_bound("Content-Type");
          if (type != req.headers.end() && !req.headers.key_comp()("Content-Type", type->first) &&
              type->second.starts_with("multipart/form-data")) {
            // cpp-httplib splits a multipart body into parts and never keeps it whole; no
            // endpoint reads one, so it is read and dropped, leaving the body empty.
            read_whole = read([](const httplib::MultipartFormData&) { return true; },
                              [](const char*, size_t) { return true; });
          } else {
            read_whole = read([&](const char* data, size_t size) {
              if (too_large) return true;  // dropped
              if (size > max_body_bytes - body.size()) {
                too_large = true;
                std::string().swap(body);
                return true;
              }
              body.append(data, size);
              return true;
            });
          }
          // Too large (413) or broken off (400, or what cpp-httplib's reader set): nothing of
          // the request reaches the service, as when cpp-httplib reads the body itself.
          if (!read_whole) {
            if (res.status == -1) res.status = 400;
            return;
          }
          if (too_large) {
            // As for a Content-Length over the bound; the client is asked to close the
            // connection rather than send such a body again on it.
            res.status = 413;
            res.set_header("Connection", "close");
            return;
          }
          dispatch(req, std::move(body), res);
        };
    server.Get(".*", handler);
    server.Post(".*", handler);
    server.Post(".*", body_handler);
    server.Put(".*", handler);
    server.Put(".*", body_handler);
    server.Patch(".*", handler);
    server.Patch(".*", body_handler);
    server.Delete(".*", handler);
    server.Delete(".*", body_handler);
    server.Options(".*", handler);
    // A handler that throws must still answer, and never take the process down.
    server.set_exception_handler(
        [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
          res.status = 500;
          res.set_content(
              R"([{"message":"An unexpected error occurred.","errorCode":"UNKNOWN_EXCEPTION"}])",
              "application/json;charset=UTF-8");
        });
    listener->port = w.port == 0
                         ? server.bind_to_any_port(options.bind_address)
                         : (server.bind_to_port(options.bind_address, w.port) ? w.port : -1);
    if (listener->port <= 0) {
      return std::unexpected(fmt::format("cannot listen on {}:{} for the {} host",
                                         options.bind_address, w.port, ToString(w.host)));
    }
    if (listener->fd >= 0 && ::listen(listener->fd, options.listen_backlog) != 0) {
      return std::unexpected(fmt::format("cannot set the listen backlog of the {} host to {}",
                                         ToString(w.host), options.listen_backlog));
    }
    self->listeners_.push_back(std::move(listener));
  }

  const std::string scheme = options.tls ? "https" : "http";
  HostUrls host_urls;
  for (const auto& l : self->listeners_) {
    const std::string& host =
        options.public_host.empty() ? options.bind_address : options.public_host;
    const std::string url = fmt::format("{}://{}:{}", scheme, host, l->port);
    switch (l->host) {
      case VirtualHost::kMyDomain:
        host_urls.my_domain = url;
        break;
      case VirtualHost::kLogin:
        host_urls.login = url;
        break;
      case VirtualHost::kTest:
        host_urls.test = url;
        break;
      case VirtualHost::kLegacyInstance:
        host_urls.legacy_instance = url;
        break;
    }
  }
  mock.SetHostUrls(host_urls);
  self->urls_.my_domain = host_urls.my_domain;
  self->urls_.login = host_urls.login;
  self->urls_.test = host_urls.test;
  self->urls_.legacy_instance = host_urls.legacy_instance;
  self->urls_.admin = host_urls.my_domain + std::string(kAdminPrefix);

  for (auto& l : self->listeners_) {
    httplib::Server* server = l->server.get();
    l->thread = std::thread([server] { server->listen_after_bind(); });
  }
  // stop() is a no-op until the accept loop runs, so wait for it (bounded) before returning.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  for (auto& l : self->listeners_) {
    while (!l->server->is_running()) {
      if (std::chrono::steady_clock::now() > deadline) {
        return std::unexpected(
            fmt::format("the {} listener did not start within 10 s", ToString(l->host)));
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  return self;
}

void MockServer::Stop() {
  // First wake the handlers that delay or hang: joining a listener waits for its running
  // handlers, and stop() does not interrupt them.
  for (auto& l : listeners_) {
    if (l->wire_stop) l->wire_stop->Stop();
  }
  for (auto& l : listeners_) {
    if (l->server) l->server->stop();
  }
  for (auto& l : listeners_) {
    if (l->thread.joinable()) l->thread.join();
  }
  listeners_.clear();
  if (!temp_dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(temp_dir_, ec);
    temp_dir_.clear();
  }
}

MockServer::~MockServer() { Stop(); }

}  // namespace sfh::mock
