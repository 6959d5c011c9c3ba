// Carries out a WireFault (http/message.h) on the real connection of a cpp-httplib exchange:
// delays and hangs hold the handler thread (interruptibly, see WireStop), reset and empty act on
// the connection's TCP socket under cpp-httplib's feet, malformed and truncated rewrite what
// cpp-httplib writes. The faults layer (faults/) decides which fault; this file only acts.
#ifndef SFH_MOCK_SERVER_WIRE_WIRE_FAULTS_H_
#define SFH_MOCK_SERVER_WIRE_WIRE_FAULTS_H_

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string_view>

#include "mock_server/http/message.h"

namespace sfh::mock {

// How long a kHang with a zero `delay` holds the connection at most.
inline constexpr std::chrono::milliseconds kDefaultHangCap = std::chrono::minutes(5);
// The body a kMalformed response ends with, after the first half of the real body.
inline constexpr std::string_view kMalformedTail = "<html><body>Service unavailable";

// Wakes every delay and hang of the listeners that share it, for good: once Stop() ran, waits
// return at once. MockServer::Stop calls Stop() before stopping its listeners, because
// cpp-httplib never interrupts a running handler and its listener waits for them. Thread-safe.
class WireStop {
 public:
  void Stop();
  bool stopped() const;
  // Waits until Stop() or `timeout` passed, whichever comes first. Returns stopped().
  bool WaitFor(std::chrono::milliseconds timeout) const;

 private:
  mutable std::mutex mu_;
  mutable std::condition_variable cv_;
  bool stopped_ = false;
};

// Applies `fault` to the exchange of `req`, whose answer `res` is already filled in (status,
// headers, body). Call it last in the handler, after the exchange is journaled: kDelay and kHang
// block the calling thread. What each fault does:
//   kNone       nothing.
//   kDelay      waits fault.delay (less if `stop` fires), then the answer goes out unchanged.
//   kHang       sends nothing and holds the connection until the client closes it (polled every
//               50 ms), fault.delay passes (0: kDefaultHangCap) or `stop` fires; then as kEmpty.
//   kReset      aborts the TCP connection with an RST; not a byte of the answer is sent. The
//               client's next read fails with ECONNRESET.
//   kEmpty      shuts the TCP connection down (FIN both ways) without a byte of the answer. The
//               client reads EOF ("Empty reply from server").
//   kMalformed  same status and headers; the body becomes its first half + kMalformedTail, with a
//               Content-Length that matches.
//   kTruncated  same status and headers with the full body's Content-Length, then only the first
//               half of the body, then cpp-httplib closes the connection. An empty body has no
//               half to cut, so it acts as kEmpty.
// Reset and empty act on the underlying TCP socket, so they work the same under TLS (the client
// sees the transport fail, not a TLS alert). After the handler returns, cpp-httplib may still
// write the answer (or a TLS close_notify) into the broken connection, which fails with EPIPE
// and raises SIGPIPE in the writing thread. cpp-httplib 0.11.4's Server constructor happens to
// ignore SIGPIPE for the whole process; not to depend on that (nor on send flags, which never
// reach OpenSSL's write()), the first call on a thread blocks SIGPIPE in that thread. The signal
// is thread-directed, so it stays pending there, harmless; other threads are untouched.
// Returns true when a hang ended because the client left (closed its end) before the cap.
bool ApplyWireFault(const WireFault& fault, const httplib::Request& req, httplib::Response& res,
                    const WireStop& stop);

// The descriptor of the server side of `req`'s TCP connection: the open socket whose local end
// is req.local_addr:req.local_port and whose peer is req.remote_addr:req.remote_port (an empty
// address matches any). cpp-httplib hands handlers no socket, so this scans the process's open
// descriptors (/proc/self/fd, else 0 up to RLIMIT_NOFILE) with getsockname/getpeername: a few
// syscalls per open descriptor, paid only when a reset, empty or hang fault fires. Returns -1 if
// none matches. The descriptor belongs to cpp-httplib: never close it.
int FindConnectionSocket(const httplib::Request& req);

}  // namespace sfh::mock

#endif  // SFH_MOCK_SERVER_WIRE_WIRE_FAULTS_H_
