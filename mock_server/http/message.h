// HTTP requests and responses as plain values: what the org model takes and returns. No
// sockets here; the wire layer converts to and from cpp-httplib, and tests build these directly.
#ifndef SFH_MOCK_SERVER_HTTP_MESSAGE_H_
#define SFH_MOCK_SERVER_HTTP_MESSAGE_H_

#include <chrono>
#include <cstdint>
#include <expected>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "salesforce/form.h"

namespace sfh::mock {

// Header fields in the order they were sent or will be sent; names compare case-insensitively.
class Headers {
 public:
  using Field = std::pair<std::string, std::string>;
  Headers() = default;
  Headers(std::initializer_list<Field> fields) : fields_(fields) {}

  // The first value of `name`, or nullopt. The view is into these headers: copy it to keep it
  // longer than they live.
  std::optional<std::string_view> Get(std::string_view name) const;
  size_t Count(std::string_view name) const;
  void Add(std::string name, std::string value) {
    fields_.emplace_back(std::move(name), std::move(value));
  }
  // Replaces every field named `name` with one.
  void Set(std::string name, std::string value);
  const std::vector<Field>& fields() const& { return fields_; }
  std::vector<Field> fields() && { return std::move(fields_); }

 private:
  std::vector<Field> fields_;
};

bool EqualsIgnoreCase(std::string_view a, std::string_view b);

// The listener a request arrived on: each virtual host of the org has its own loopback port.
enum class VirtualHost {
  kMyDomain,        // https://<mydomain>.my.salesforce.com: the org's own host
  kLogin,           // https://login.salesforce.com
  kTest,            // https://test.salesforce.com: sandboxes' login and identity host
  kLegacyInstance,  // https://na123.salesforce.com: a pre-enhanced-domains instance host
};
std::string_view ToString(VirtualHost host);  // "my_domain", "login", "test", "legacy_instance"
// Whether the host is login.salesforce.com or test.salesforce.com: generic OAuth hosts that
// serve no org's data.
inline bool IsLoginHost(VirtualHost host) {
  return host == VirtualHost::kLogin || host == VirtualHost::kTest;
}

struct HttpRequest {
  VirtualHost host = VirtualHost::kMyDomain;
  bool tls = false;
  std::string method;  // "GET", "POST", ...
  std::string target;  // the request-target as sent: path and query, still percent-encoded
  std::string path;    // target before '?', still percent-encoded
  std::string query;   // target after '?', without it
  Headers headers;
  std::string body;
  std::string remote;  // "127.0.0.1:54321"; identifies the connection
  // Not received: the consumer key the request speaks for ("" unknown), filled in before the
  // fault layer sees it (faults/fault.h ClientIdOf).
  std::string client_id;
  // Not received: the parameters of the form body and the query string, parsed on first use by
  // RequestParams (endpoints/responses.h) and kept, so the routing, the fault layer and the
  // endpoint parse them once. Do not change the body or the query once they are read.
  mutable std::optional<std::expected<salesforce::Form, std::string>> params;
};

// A fault the wire layer carries out while writing a response (faults/ decides, wire/ acts).
struct WireFault {
  enum class Kind {
    kNone,
    kDelay,      // wait `delay`, then answer normally
    kHang,       // answer nothing; close when the client gives up, after `delay`, or at Stop
    kReset,      // abort the connection (TCP RST) without a byte of response
    kEmpty,      // close the connection (FIN) without a byte of response
    kMalformed,  // answer with a body that is not what Content-Type says (half the body + junk)
    kTruncated,  // send headers with the full Content-Length, then half the body, then close
  };
  Kind kind = Kind::kNone;
  std::chrono::milliseconds delay{0};  // kDelay: how long; kHang: the most it holds on
};
std::string_view ToString(WireFault::Kind kind);  // "none", "delay", "hang", "reset", ...

struct HttpResponse {
  int status = 200;
  Headers headers;
  std::string body;
  // Not sent: the name of the fault that shaped this response, for the journal.
  std::string fault;
  // Not sent: what the wire layer does to this response.
  WireFault wire;
  // Not sent: the journal's sequence number for this exchange (0: not journaled).
  uint64_t journal_seq = 0;
  // Not sent: called by the wire layer once it has carried out a hang, with how long it held
  // the connection and whether the client left first; journals that outcome.
  std::function<void(std::chrono::microseconds held, bool client_left)> wire_done;
};

// An HTTP handler: the org, and the fault layer that decorates it. Implementations are
// thread-safe: the wire layer calls Handle from many threads at once.
class Handler {
 public:
  virtual ~Handler() = default;
  virtual HttpResponse Handle(const HttpRequest& request) = 0;
};

}  // namespace sfh::mock

#endif  // SFH_MOCK_SERVER_HTTP_MESSAGE_H_
