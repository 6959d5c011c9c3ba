// For tests that speak raw TCP to a server on loopback: what an HTTP client library would not
// send (partial requests, oversized lines, chunked bodies) and what it would hide.
#ifndef SFH_MOCK_SERVER_WIRE_LOOPBACK_SOCKET_FOR_TEST_H_
#define SFH_MOCK_SERVER_WIRE_LOOPBACK_SOCKET_FOR_TEST_H_

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>

namespace sfh::mock::testing {

// A TCP connection to 127.0.0.1:port whose reads give up after `read_timeout`; -1 on failure.
// A `receive_buffer` other than 0 sets SO_RCVBUF before connecting, which keeps the window the
// server may fill small.
inline int ConnectLoopback(int port, std::chrono::milliseconds read_timeout,
                           int receive_buffer = 0) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  if (receive_buffer > 0) {
    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof(receive_buffer));
  }
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(read_timeout);
  timeval tv{
      .tv_sec = static_cast<time_t>(seconds.count()),
      .tv_usec = static_cast<suseconds_t>(
          std::chrono::duration_cast<std::chrono::microseconds>(read_timeout - seconds).count())};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

}  // namespace sfh::mock::testing

#endif  // SFH_MOCK_SERVER_WIRE_LOOPBACK_SOCKET_FOR_TEST_H_
