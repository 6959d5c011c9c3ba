// For tests only: a minimal HTTP proxy on 127.0.0.1 (port 0) that serves CONNECT tunnels, as the
// HTTPS proxies of a corporate network do, and counts them. Anything but CONNECT gets 405; a
// tunnel to a port that refuses gets 502. The destructor closes the listener and every tunnel
// and joins the threads (bounded: each socket wait is 200 ms, rechecked against a stop flag).
#ifndef SFH_HARNESS_NET_CONNECT_PROXY_FOR_TEST_H_
#define SFH_HARNESS_NET_CONNECT_PROXY_FOR_TEST_H_

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace sfh::harness::net {

class ConnectProxyForTest {
 public:
  ConnectProxyForTest();  // throws std::runtime_error when no port can be bound
  ~ConnectProxyForTest();
  ConnectProxyForTest(const ConnectProxyForTest&) = delete;
  ConnectProxyForTest& operator=(const ConnectProxyForTest&) = delete;

  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  // The CONNECT targets served so far ("127.0.0.1:43121"), in order.
  std::vector<std::string> tunnels() const;

 private:
  void Accept();
  void Serve(int client);

  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread acceptor_;
  mutable std::mutex mu_;
  std::vector<std::thread> workers_;
  std::vector<std::string> tunnels_;
};

}  // namespace sfh::harness::net

#endif  // SFH_HARNESS_NET_CONNECT_PROXY_FOR_TEST_H_
