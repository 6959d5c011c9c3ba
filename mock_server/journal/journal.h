// The journal: every exchange that crossed the wire, in order, in a bounded ring. Checks judge
// clients from it; it is the harness's only source of truth about what a client did.
// Entries are kept unredacted in memory (checks compare secrets exactly); everything that
// leaves the process goes through ExportJson, which redacts. Thread-safe.
#ifndef SFH_MOCK_SERVER_JOURNAL_JOURNAL_H_
#define SFH_MOCK_SERVER_JOURNAL_JOURNAL_H_

#include <chrono>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

#include "mock_server/http/message.h"
#include "salesforce/redactor.h"

namespace sfh::mock {

struct Exchange {
  uint64_t seq = 0;  // 1, 2, 3, ... in the order responses were recorded
  HttpRequest request;
  HttpResponse response;
  std::chrono::system_clock::time_point received_at{};
  std::chrono::microseconds elapsed{0};
};

class Journal {
 public:
  static constexpr size_t kDefaultCapacity = 5000;

  explicit Journal(size_t capacity = kDefaultCapacity) : capacity_(capacity) {}

  // Appends an exchange, assigning its sequence number; drops the oldest when full.
  void Record(Exchange exchange);
  // A copy of what is kept, oldest first.
  std::vector<Exchange> Snapshot() const;
  // How many exchanges were ever recorded, and how many were dropped from the ring.
  uint64_t total() const;
  uint64_t dropped() const;
  void Clear();

  // The kept exchanges as a JSON array, every secret and token removed with `redactor`.
  std::string ExportJson(const salesforce::Redactor& redactor) const;

 private:
  mutable std::mutex mu_;
  size_t capacity_;
  std::deque<Exchange> entries_;
  uint64_t next_seq_ = 1;
  uint64_t dropped_ = 0;
};

}  // namespace sfh::mock

#endif  // SFH_MOCK_SERVER_JOURNAL_JOURNAL_H_
