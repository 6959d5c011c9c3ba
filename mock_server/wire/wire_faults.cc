// Wire faults on real sockets: see wire_faults.h. Linux-specific (/proc/self/fd, POLLRDHUP, and
// connect(AF_UNSPEC) as the way to abort a connection without closing its descriptor).
#include "mock_server/wire/wire_faults.h"

#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>
#include <utility>

namespace sfh::mock {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

// How often a hang looks whether its client left.
constexpr milliseconds kHangPollInterval{50};

// SIGPIPE from send()/write() on a broken socket is sent to the writing thread, so blocking it
// in the handler's thread (cpp-httplib writes from the same thread) keeps it from ever killing
// the process; it stays pending in this thread, where nothing takes it. See wire_faults.h.
void BlockSigpipeInThisThread() {
  thread_local bool blocked = false;
  if (blocked) return;
  sigset_t sigpipe;
  sigemptyset(&sigpipe);
  sigaddset(&sigpipe, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &sigpipe, nullptr);
  blocked = true;
}

// Whether one end of socket `fd` (its own with peer == false) is addr:port, with addresses
// written as cpp-httplib writes them (getnameinfo, NI_NUMERICHOST). An empty addr matches any.
bool EndIs(int fd, bool peer, const std::string& addr, int port) {
  sockaddr_storage ss{};
  socklen_t len = sizeof(ss);
  auto* sa = reinterpret_cast<sockaddr*>(&ss);
  if ((peer ? getpeername(fd, sa, &len) : getsockname(fd, sa, &len)) != 0) return false;
  int actual_port = -1;
  if (ss.ss_family == AF_INET) {
    actual_port = ntohs(reinterpret_cast<const sockaddr_in*>(&ss)->sin_port);
  } else if (ss.ss_family == AF_INET6) {
    actual_port = ntohs(reinterpret_cast<const sockaddr_in6*>(&ss)->sin6_port);
  } else {
    return false;
  }
  if (actual_port != port) return false;
  if (addr.empty()) return true;
  std::array<char, NI_MAXHOST> host{};
  if (getnameinfo(sa, len, host.data(), host.size(), nullptr, 0, NI_NUMERICHOST) != 0) {
    return false;
  }
  return addr == host.data();
}

bool IsConnectionSocket(int fd, const httplib::Request& req) {
  struct stat st {};
  if (fstat(fd, &st) != 0 || !S_ISSOCK(st.st_mode)) return false;
  int type = 0;
  socklen_t type_len = sizeof(type);
  if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &type_len) != 0 || type != SOCK_STREAM) {
    return false;
  }
  return EndIs(fd, /*peer=*/false, req.local_addr, req.local_port) &&
         EndIs(fd, /*peer=*/true, req.remote_addr, req.remote_port);
}

// Whether the client closed or reset its end of `fd`: a FIN (POLLRDHUP), or an error or hangup.
// Data the client sent is not a sign of leaving, so POLLIN is not asked for.
bool ClientLeft(int fd) {
  pollfd p{.fd = fd, .events = POLLRDHUP, .revents = 0};
  return poll(&p, 1, 0) > 0 && (p.revents & (POLLRDHUP | POLLHUP | POLLERR | POLLNVAL)) != 0;
}

// FIN both ways. The descriptor stays open (cpp-httplib closes it); its writes now fail.
void ShutDown(int fd) {
  if (fd >= 0) shutdown(fd, SHUT_RDWR);
}

// connect() with AF_UNSPEC makes Linux disconnect a TCP socket (tcp_disconnect): a connection
// that is established (or closing) is aborted with an RST, and the descriptor stays open, now
// unconnected. close() cannot be used: the descriptor is cpp-httplib's. Falls back to a plain
// shutdown if the kernel refuses.
void Reset(int fd) {
  if (fd < 0) return;
  sockaddr unspec{};
  unspec.sa_family = AF_UNSPEC;
  if (connect(fd, &unspec, sizeof(unspec)) != 0) ShutDown(fd);
}

// Holds the connection without answering until the client leaves, the cap passes or `stop`
// fires, then shuts it down. Returns whether the client left.
bool Hang(const WireFault& fault, const httplib::Request& req, const WireStop& stop) {
  const milliseconds cap = fault.delay > milliseconds::zero() ? fault.delay : kDefaultHangCap;
  const auto deadline = steady_clock::now() + cap;
  const int fd = FindConnectionSocket(req);
  bool client_left = false;
  while (!(client_left = fd >= 0 && ClientLeft(fd))) {
    const auto now = steady_clock::now();
    if (now >= deadline) break;
    const auto left = std::chrono::ceil<milliseconds>(deadline - now);
    if (stop.WaitFor(std::min(kHangPollInterval, left))) break;
  }
  ShutDown(fd);
  return client_left;
}

// Half the body, then junk; cpp-httplib writes the Content-Length of what is left.
void Malform(httplib::Response& res) {
  std::string body = res.body.substr(0, res.body.size() / 2);
  body += kMalformedTail;
  res.body = std::move(body);
  res.headers.erase("Content-Length");
}

// Promises the whole body, writes half of it and then makes cpp-httplib give up: a content
// provider that returns false stops the response and cpp-httplib closes the connection.
void Truncate(const httplib::Request& req, httplib::Response& res) {
  if (res.body.empty()) {
    ShutDown(FindConnectionSocket(req));
    return;
  }
  auto body = std::make_shared<const std::string>(std::move(res.body));
  res.body.clear();
  const std::string content_type = res.get_header_value("Content-Type");
  res.headers.erase("Content-Type");  // set_content_provider adds it again
  res.headers.erase("Content-Length");
  const size_t half = body->size() / 2;
  res.set_content_provider(body->size(), content_type,
                           [body, half](size_t offset, size_t length, httplib::DataSink& sink) {
                             if (offset < half)
                               sink.write(body->data() + offset, std::min(length, half - offset));
                             return false;
                           });
  if (content_type.empty()) res.headers.erase("Content-Type");
}

}  // namespace

void WireStop::Stop() {
  {
    std::lock_guard lock(mu_);
    stopped_ = true;
  }
  cv_.notify_all();
}

bool WireStop::stopped() const {
  std::lock_guard lock(mu_);
  return stopped_;
}

bool WireStop::WaitFor(std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mu_);
  return cv_.wait_for(lock, timeout, [this] { return stopped_; });
}

int FindConnectionSocket(const httplib::Request& req) {
  if (req.local_port <= 0 || req.remote_port <= 0) return -1;
  std::error_code ec;
  std::filesystem::directory_iterator fds("/proc/self/fd", ec);
  if (!ec) {
    for (const auto& entry : fds) {
      const std::string name = entry.path().filename().string();
      int fd = -1;
      const auto [end, error] = std::from_chars(name.data(), name.data() + name.size(), fd);
      if (error == std::errc() && end == name.data() + name.size() && IsConnectionSocket(fd, req)) {
        return fd;
      }
    }
    return -1;
  }
  // No /proc: try every descriptor number the process may use.
  rlimit limit{};
  int max_fd = 1024;
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) {
    max_fd = static_cast<int>(std::min<rlim_t>(limit.rlim_cur, 1 << 20));
  }
  for (int fd = 0; fd < max_fd; ++fd) {
    if (IsConnectionSocket(fd, req)) return fd;
  }
  return -1;
}

bool ApplyWireFault(const WireFault& fault, const httplib::Request& req, httplib::Response& res,
                    const WireStop& stop) {
  BlockSigpipeInThisThread();
  // When the socket cannot be found (FindConnectionSocket returns -1, not expected on Linux),
  // reset, empty and hang cannot break the connection and the answer goes out after all.
  switch (fault.kind) {
    case WireFault::Kind::kNone:
      return false;
    case WireFault::Kind::kDelay:
      stop.WaitFor(fault.delay);
      return false;
    case WireFault::Kind::kHang:
      return Hang(fault, req, stop);
    case WireFault::Kind::kReset:
      Reset(FindConnectionSocket(req));
      return false;
    case WireFault::Kind::kEmpty:
      ShutDown(FindConnectionSocket(req));
      return false;
    case WireFault::Kind::kMalformed:
      Malform(res);
      return false;
    case WireFault::Kind::kTruncated:
      Truncate(req, res);
      return false;
  }
  return false;
}

}  // namespace sfh::mock
