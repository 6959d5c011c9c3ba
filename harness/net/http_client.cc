#include "harness/net/http_client.h"

#include <fmt/format.h>
#include <httplib.h>
#include <netdb.h>
#include <openssl/x509.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "salesforce/form.h"

namespace sfh::harness::net {
namespace {

using Clock = std::chrono::steady_clock;

std::string Lower(std::string_view text) {
  std::string out(text);
  std::ranges::transform(out, out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && Lower(a) == Lower(b);
}

int DefaultPort(std::string_view scheme) { return scheme == "https" ? 443 : 80; }

// The first set variable of `names`, skipping empty values, as curl does.
std::optional<std::pair<std::string, std::string>> FirstSet(
    const EnvLookup& getenv, std::initializer_list<const char*> names) {
  for (const char* name : names) {
    if (auto value = getenv(name); value && !value->empty()) return std::pair(name, *value);
  }
  return std::nullopt;
}

// Whether NO_PROXY's list ("*", "example.com", ".example.com", "127.0.0.1") covers `host`.
bool NoProxyCovers(std::string_view list, std::string_view host) {
  size_t start = 0;
  while (start <= list.size()) {
    size_t end = list.find(',', start);
    if (end == std::string_view::npos) end = list.size();
    std::string entry = Lower(list.substr(start, end - start));
    std::erase_if(entry, [](unsigned char c) { return std::isspace(c); });
    if (const size_t colon = entry.rfind(':');
        colon != std::string::npos && entry.find(':') == colon) {
      entry.resize(colon);  // "host:port": curl matches the host part
    }
    if (entry.starts_with('.')) entry.erase(0, 1);
    if (entry == "*") return true;
    if (!entry.empty() && (host == entry || (host.size() > entry.size() && host.ends_with(entry) &&
                                             host[host.size() - entry.size() - 1] == '.'))) {
      return true;
    }
    start = end + 1;
  }
  return false;
}

std::expected<Proxy, std::string> ParseProxy(std::string_view variable, std::string_view text) {
  std::string value(text);
  if (value.find("://") == std::string::npos) value = "http://" + value;  // curl's default
  const size_t scheme_end = value.find("://");
  const std::string scheme = Lower(value.substr(0, scheme_end));
  if (scheme != "http") {
    return std::unexpected(fmt::format(
        "{}: only http:// proxies are supported (a CONNECT tunnel over plain HTTP), not {}://",
        variable, scheme));
  }
  std::string rest = value.substr(scheme_end + 3);
  if (const size_t slash = rest.find('/'); slash != std::string::npos) rest.resize(slash);
  Proxy proxy;
  if (const size_t at = rest.rfind('@'); at != std::string::npos) {
    const std::string userinfo = rest.substr(0, at);
    rest.erase(0, at + 1);
    const size_t colon = userinfo.find(':');
    proxy.user = salesforce::PercentDecode(userinfo.substr(0, colon), false).value_or("");
    if (colon != std::string::npos) {
      proxy.password = salesforce::PercentDecode(userinfo.substr(colon + 1), false).value_or("");
    }
  }
  auto host_port = ParseUrl("http://" + rest);
  if (!host_port || host_port->host.empty()) {
    return std::unexpected(fmt::format("{}: not a proxy address", variable));
  }
  proxy.host = host_port->host;
  proxy.port = rest.find(':') == std::string::npos ? 1080 : host_port->port;  // curl's default
  proxy.display = fmt::format("http://{}:{}", proxy.host, proxy.port);
  return proxy;
}

bool Resolves(const std::string& host) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* result = nullptr;
  const int rc = getaddrinfo(host.c_str(), nullptr, &hints, &result);
  if (result != nullptr) freeaddrinfo(result);
  return rc == 0;
}

Failure Classify(httplib::Error error, const Url& url, const std::optional<Proxy>& proxy,
                 long verify_result, std::chrono::milliseconds elapsed,
                 const ClientOptions& options) {
  using E = httplib::Error;
  switch (error) {
    case E::Connection:
      if (proxy) {
        return {FailureKind::kProxy, fmt::format("cannot connect to the proxy {}", proxy->display)};
      }
      if (!Resolves(url.host)) {
        return {FailureKind::kResolve, fmt::format("{} does not resolve", url.host)};
      }
      return {FailureKind::kConnect,
              fmt::format("{}:{} refused or dropped the connection", url.host, url.port)};
    case E::ConnectionTimeout:
      return {FailureKind::kConnectTimeout,
              fmt::format("no connection to {}:{} within {} ms", proxy ? proxy->host : url.host,
                          proxy ? proxy->port : url.port, options.connect_timeout.count())};
    case E::SSLServerVerification:
      if (verify_result != X509_V_OK) {
        return {FailureKind::kTlsCertificate,
                fmt::format("the certificate of {} is not trusted: {}", url.host,
                            X509_verify_cert_error_string(verify_result))};
      }
      return {FailureKind::kTlsHostName,
              fmt::format("the certificate is trusted but does not name {}", url.host)};
    case E::SSLConnection:
      return {FailureKind::kTlsHandshake,
              fmt::format("no TLS handshake with {}:{} (not a TLS server, or no common protocol)",
                          url.host, url.port)};
    case E::SSLLoadingCerts:
      return {FailureKind::kCaFile,
              options.ca_file.empty()
                  ? std::string("the system's CA certificates could not be loaded")
                  : fmt::format("{} could not be read as PEM certificates", options.ca_file)};
    case E::Read:
      if (elapsed + std::chrono::milliseconds(50) >= options.io_timeout) {
        return {FailureKind::kTimeout,
                fmt::format("no complete answer within {} ms", options.io_timeout.count())};
      }
      return {FailureKind::kTransport, "the connection closed before a complete answer"};
    case E::Write:
      return {FailureKind::kTransport, "the connection broke while the request was sent"};
    default:
      return {FailureKind::kTransport, httplib::to_string(error)};
  }
}

}  // namespace

std::string HeaderValue(const HeaderList& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoreCase(key, name)) return value;
  }
  return "";
}

std::string Url::Origin() const {
  const std::string shown_host = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  if (port == DefaultPort(scheme)) return fmt::format("{}://{}", scheme, shown_host);
  return fmt::format("{}://{}:{}", scheme, shown_host, port);
}

std::expected<Url, std::string> ParseUrl(std::string_view text) {
  const size_t scheme_end = text.find("://");
  if (scheme_end == std::string_view::npos) {
    return std::unexpected(fmt::format("'{}' is not an absolute URL (no scheme://)", text));
  }
  Url url;
  url.scheme = Lower(text.substr(0, scheme_end));
  if (url.scheme != "http" && url.scheme != "https") {
    return std::unexpected(fmt::format("'{}': only http and https URLs are supported", text));
  }
  std::string_view rest = text.substr(scheme_end + 3);
  const size_t path_start = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, path_start);
  url.target = path_start == std::string_view::npos ? "/" : std::string(rest.substr(path_start));
  if (url.target.starts_with('?')) url.target.insert(0, "/");
  if (const size_t hash = url.target.find('#'); hash != std::string::npos) {
    url.target.resize(hash);
  }
  if (url.target.empty()) url.target = "/";
  if (authority.find('@') != std::string_view::npos) {
    return std::unexpected(fmt::format("'{}': credentials in a URL are not supported", text));
  }
  std::string_view port_text;
  if (authority.starts_with('[')) {  // [::1]:8443
    const size_t close = authority.find(']');
    if (close == std::string_view::npos) {
      return std::unexpected(fmt::format("'{}': unclosed '[' in the host", text));
    }
    url.host = Lower(authority.substr(1, close - 1));
    if (close + 1 < authority.size()) {
      if (authority[close + 1] != ':') return std::unexpected(fmt::format("'{}': bad port", text));
      port_text = authority.substr(close + 2);
    }
  } else {
    const size_t colon = authority.rfind(':');
    url.host = Lower(authority.substr(0, colon));
    if (colon != std::string_view::npos) port_text = authority.substr(colon + 1);
  }
  if (url.host.empty()) return std::unexpected(fmt::format("'{}': no host", text));
  if (url.host.find_first_of(" \t\r\n/\\") != std::string::npos) {
    return std::unexpected(fmt::format("'{}': the host has characters hosts cannot", text));
  }
  url.port = DefaultPort(url.scheme);
  if (!port_text.empty()) {
    int port = 0;
    for (char c : port_text) {
      if (!std::isdigit(static_cast<unsigned char>(c)) || port > 65535) {
        return std::unexpected(fmt::format("'{}': bad port '{}'", text, port_text));
      }
      port = port * 10 + (c - '0');
    }
    if (port < 1 || port > 65535) {
      return std::unexpected(fmt::format("'{}': bad port '{}'", text, port_text));
    }
    url.port = port;
  }
  return url;
}

std::optional<std::string> RealEnvironment(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}

std::expected<std::optional<Proxy>, std::string> ProxyFor(const Url& url, const EnvLookup& getenv) {
  if (auto no_proxy = FirstSet(getenv, {"NO_PROXY", "no_proxy"});
      no_proxy && NoProxyCovers(no_proxy->second, url.host)) {
    return std::nullopt;
  }
  // curl ignores HTTP_PROXY in upper case (CGI's HTTP_* headers could set it).
  const auto setting =
      url.scheme == "https"
          ? FirstSet(getenv, {"HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"})
          : FirstSet(getenv, {"http_proxy", "ALL_PROXY", "all_proxy"});
  if (!setting) return std::nullopt;
  auto proxy = ParseProxy(setting->first, setting->second);
  if (!proxy) return std::unexpected(proxy.error());
  return std::optional<Proxy>(*std::move(proxy));
}

std::string_view ToString(FailureKind kind) {
  switch (kind) {
    case FailureKind::kBadUrl:
      return "bad_url";
    case FailureKind::kBadProxy:
      return "bad_proxy";
    case FailureKind::kResolve:
      return "resolve";
    case FailureKind::kConnect:
      return "connect";
    case FailureKind::kConnectTimeout:
      return "connect_timeout";
    case FailureKind::kProxy:
      return "proxy";
    case FailureKind::kTlsHandshake:
      return "tls_handshake";
    case FailureKind::kTlsCertificate:
      return "tls_certificate";
    case FailureKind::kTlsHostName:
      return "tls_host_name";
    case FailureKind::kCaFile:
      return "ca_file";
    case FailureKind::kTimeout:
      return "timeout";
    case FailureKind::kTransport:
      return "transport";
  }
  return "transport";
}

Outcome Send(const Request& request, const ClientOptions& options) {
  const auto start = Clock::now();
  Outcome outcome{std::unexpected(Failure{}), {}, ""};
  auto fail = [&](FailureKind kind, std::string detail) {
    outcome.result = std::unexpected(Failure{kind, std::move(detail)});
    outcome.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
    return outcome;
  };
  auto url = ParseUrl(request.url);
  if (!url) return fail(FailureKind::kBadUrl, url.error());
  std::optional<Proxy> proxy;
  if (options.proxy) {
    proxy = *options.proxy;
  } else {
    auto from_env = ProxyFor(*url, options.environment);
    if (!from_env) return fail(FailureKind::kBadProxy, from_env.error());
    proxy = *from_env;
  }
  if (proxy) outcome.proxy = proxy->display;

  std::unique_ptr<httplib::ClientImpl> client;
  httplib::SSLClient* tls = nullptr;
  if (url->scheme == "https") {
    auto ssl = std::make_unique<httplib::SSLClient>(url->host, url->port);
    tls = ssl.get();
    client = std::move(ssl);
    if (!options.ca_file.empty()) client->set_ca_cert_path(options.ca_file.c_str());
    client->enable_server_certificate_verification(!options.insecure);
  } else {
    client = std::make_unique<httplib::ClientImpl>(url->host, url->port);
  }
  const auto connect =
      std::chrono::duration_cast<std::chrono::microseconds>(options.connect_timeout);
  const auto io = std::chrono::duration_cast<std::chrono::microseconds>(options.io_timeout);
  client->set_connection_timeout(connect);
  client->set_read_timeout(io);
  client->set_write_timeout(io);
  client->set_keep_alive(false);
  client->set_url_encode(false);
  client->set_follow_location(false);
  if (proxy) {
    client->set_proxy(proxy->host, proxy->port);
    if (!proxy->user.empty()) client->set_proxy_basic_auth(proxy->user, proxy->password);
  }

  httplib::Request req;
  req.method = request.method;
  req.path = url->target;
  req.headers.emplace("User-Agent", options.user_agent);
  for (const auto& [name, value] : request.headers) req.headers.emplace(name, value);
  req.body = request.body;

  httplib::Result result = client->send(req);
  outcome.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
  if (!result) {
    const long verify = tls != nullptr ? tls->get_openssl_verify_result() : X509_V_OK;
    outcome.result =
        std::unexpected(Classify(result.error(), *url, proxy, verify, outcome.elapsed, options));
    return outcome;
  }
  if (proxy && url->scheme == "https" && result->status == 407) {
    return fail(FailureKind::kProxy,
                fmt::format("the proxy {} asks for credentials (407)", proxy->display));
  }
  Response response;
  response.status = result->status;
  for (const auto& [name, value] : result->headers) response.headers.emplace_back(name, value);
  response.body = std::move(result->body);
  outcome.result = std::move(response);
  return outcome;
}

}  // namespace sfh::harness::net
