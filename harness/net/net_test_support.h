// For tests only: what tests of network code share. An environment that is a map (so no proxy
// setting of the machine running the tests leaks in), a loopback port nothing listens on, and
// client options for a loopback server with bounded waits.
#ifndef SFH_HARNESS_NET_NET_TEST_SUPPORT_H_
#define SFH_HARNESS_NET_NET_TEST_SUPPORT_H_

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <map>
#include <string>

#include "harness/net/http_client.h"

namespace sfh::harness::net {

// An environment holding exactly `vars`.
inline EnvLookup EnvOf(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const char* name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

// A loopback port that was free a moment ago: bound, then closed, so connecting is refused.
inline int ClosedLoopbackPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

// Options for a server on this machine: no proxy from the environment, 5 s waits, and the
// server's CA when it serves HTTPS.
inline ClientOptions LoopbackOptions(const std::string& ca_file = "") {
  ClientOptions options;
  options.ca_file = ca_file;
  options.environment = EnvOf({});
  options.connect_timeout = std::chrono::milliseconds(5000);
  options.io_timeout = std::chrono::milliseconds(5000);
  return options;
}

}  // namespace sfh::harness::net

#endif  // SFH_HARNESS_NET_NET_TEST_SUPPORT_H_
