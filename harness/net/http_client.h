// One HTTP request to somewhere outside the harness (a live org, an sfmock started elsewhere, a
// Named Credential's endpoint), with every way it can fail told apart: the URL, name resolution,
// the connection, the proxy, TLS (handshake, certificate chain, host name), timeouts. Used by
// `sfharness diagnose` and `sfharness nc`. TLS is verified against the system's store or a CA
// file unless verification is switched off; proxies come from HTTPS_PROXY/HTTP_PROXY and
// NO_PROXY as curl reads them. Thread-safe: each call uses its own connection.
#ifndef SFH_HARNESS_NET_HTTP_CLIENT_H_
#define SFH_HARNESS_NET_HTTP_CLIENT_H_

#include <chrono>
#include <expected>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sfh::harness::net {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// The value of the first header called `name` (any case), or "".
std::string HeaderValue(const HeaderList& headers, std::string_view name);

struct Url {
  std::string scheme;  // "http" or "https", lower case
  std::string host;    // lower case; an IPv6 address without brackets
  int port = 0;        // the scheme's default when the URL has none
  std::string target;  // path and query, "/" at least

  // scheme://host[:port] with the port only when it is not the scheme's default.
  std::string Origin() const;
};

// Parses an absolute http or https URL; the error says what is wrong with it.
[[nodiscard]] std::expected<Url, std::string> ParseUrl(std::string_view text);

struct Proxy {
  std::string host;
  int port = 0;
  std::string user;  // Basic credentials from the proxy URL's userinfo, percent-decoded
  std::string password;
  std::string display;  // scheme://host:port, without credentials: safe to print
};

// The proxy curl would use for `url`: HTTPS_PROXY (or https_proxy) for https, HTTP_PROXY (or
// http_proxy, upper case ignored as curl does for http) for http, then ALL_PROXY/all_proxy;
// none when NO_PROXY/no_proxy is "*" or lists the host or a domain it ends with. `getenv` is the
// environment to read (std::getenv by default, a map in tests). An unparseable proxy setting is
// an error naming the variable.
using EnvLookup = std::function<std::optional<std::string>(const char*)>;
[[nodiscard]] std::expected<std::optional<Proxy>, std::string> ProxyFor(const Url& url,
                                                                        const EnvLookup& getenv);
std::optional<std::string> RealEnvironment(const char* name);

struct ClientOptions {
  std::string ca_file;    // verify TLS against this PEM bundle instead of the system store
  bool insecure = false;  // no certificate or host name verification at all
  // The proxy to use; nullopt: ProxyFor(url, environment).
  std::optional<std::optional<Proxy>> proxy;
  EnvLookup environment = RealEnvironment;
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds io_timeout{30'000};  // each read or write waits at most this long
  std::string user_agent = "sfharness";
};

struct Request {
  std::string method = "GET";
  std::string url;
  HeaderList headers;  // sent as given, after Host and User-Agent
  std::string body;    // sent with a Content-Length when non-empty or the method is POST
};

struct Response {
  int status = 0;
  HeaderList headers;
  std::string body;
};

enum class FailureKind {
  kBadUrl,          // the URL could not be parsed, or its scheme is not http/https
  kBadProxy,        // the proxy setting could not be parsed
  kResolve,         // the host name does not resolve
  kConnect,         // the host resolves but refuses or drops the connection
  kConnectTimeout,  // no connection within connect_timeout
  kProxy,           // the proxy could not be reached, or refused the CONNECT
  kTlsHandshake,    // TLS could not be set up (not a TLS server, protocol error)
  kTlsCertificate,  // the certificate chain is not trusted (self-signed, unknown CA, expired)
  kTlsHostName,     // the certificate is trusted but names another host
  kCaFile,          // --ca-file could not be read as PEM
  kTimeout,         // connected, but no complete answer within io_timeout
  kTransport,       // the connection broke while reading or writing
};
std::string_view ToString(FailureKind kind);  // "resolve", "tls_certificate", ...

struct Failure {
  FailureKind kind = FailureKind::kTransport;
  std::string detail;  // one line: what was seen (OpenSSL's verify message, the errno text, ...)
};

struct Outcome {
  std::expected<Response, Failure> result;
  std::chrono::milliseconds elapsed{0};
  std::string proxy;  // Proxy::display of the proxy used, or ""
};

// Sends `request` and waits at most connect_timeout + io_timeout per read/write for the answer.
// Never throws; every failure is an Outcome with its kind. Redirects are not followed.
Outcome Send(const Request& request, const ClientOptions& options);

}  // namespace sfh::harness::net

#endif  // SFH_HARNESS_NET_HTTP_CLIENT_H_
