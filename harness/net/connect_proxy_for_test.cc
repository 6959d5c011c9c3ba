#include "harness/net/connect_proxy_for_test.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace sfh::harness::net {
namespace {

constexpr int kPollMs = 200;

bool SendAll(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

int ConnectLoopback(const std::string& target) {
  const size_t colon = target.rfind(':');
  if (colon == std::string::npos) return -1;
  const int port = std::atoi(target.c_str() + colon + 1);
  const std::string host = target.substr(0, colon);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  // Loopback only: tests never leave the machine.
  if (host != "127.0.0.1" && host != "localhost") return -1;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

}  // namespace

ConnectProxyForTest::ConnectProxyForTest() {
  listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (listener_ < 0 || ::bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(listener_, 16) != 0 ||
      ::getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    if (listener_ >= 0) ::close(listener_);
    throw std::runtime_error("the test proxy cannot listen on 127.0.0.1");
  }
  port_ = ntohs(addr.sin_port);
  acceptor_ = std::thread([this] { Accept(); });
}

ConnectProxyForTest::~ConnectProxyForTest() {
  stop_ = true;
  acceptor_.join();
  ::close(listener_);
  std::vector<std::thread> workers;
  {
    std::lock_guard lock(mu_);
    workers.swap(workers_);
  }
  for (auto& worker : workers) worker.join();
}

std::vector<std::string> ConnectProxyForTest::tunnels() const {
  std::lock_guard lock(mu_);
  return tunnels_;
}

void ConnectProxyForTest::Accept() {
  while (!stop_) {
    pollfd pfd{listener_, POLLIN, 0};
    if (::poll(&pfd, 1, kPollMs) <= 0) continue;
    const int client = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) continue;
    std::lock_guard lock(mu_);
    workers_.emplace_back([this, client] { Serve(client); });
  }
}

void ConnectProxyForTest::Serve(int client) {
  std::string head;
  char buf[4096];
  while (head.find("\r\n\r\n") == std::string::npos && head.size() < 16384 && !stop_) {
    pollfd pfd{client, POLLIN, 0};
    if (::poll(&pfd, 1, kPollMs) <= 0) continue;
    const ssize_t n = ::recv(client, buf, sizeof buf, 0);
    if (n <= 0) break;
    head.append(buf, static_cast<size_t>(n));
  }
  const size_t end = head.find("\r\n\r\n");
  if (end == std::string::npos || !head.starts_with("CONNECT ")) {
    SendAll(client, "HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n");
    ::close(client);
    return;
  }
  const size_t target_end = head.find(' ', 8);
  const std::string target = head.substr(8, target_end - 8);
  const int upstream = ConnectLoopback(target);
  if (upstream < 0) {
    SendAll(client, "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n");
    ::close(client);
    return;
  }
  {
    std::lock_guard lock(mu_);
    tunnels_.push_back(target);
  }
  SendAll(client, "HTTP/1.1 200 Connection established\r\n\r\n");
  // Anything the client sent after the CONNECT head already belongs to the tunnel.
  bool open = SendAll(upstream, std::string_view(head).substr(end + 4));
  while (open && !stop_) {
    pollfd fds[2] = {{client, POLLIN, 0}, {upstream, POLLIN, 0}};
    if (::poll(fds, 2, kPollMs) <= 0) continue;
    for (int i = 0; i < 2 && open; ++i) {
      if (fds[i].revents == 0) continue;
      const ssize_t n = ::recv(fds[i].fd, buf, sizeof buf, 0);
      open = n > 0 && SendAll(fds[1 - i].fd, std::string_view(buf, static_cast<size_t>(n)));
    }
  }
  ::close(upstream);
  ::close(client);
}

}  // namespace sfh::harness::net
