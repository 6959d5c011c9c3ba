// Server-side query cursors: what a nextRecordsUrl points at. A query whose result is larger
// than one batch keeps the rest here under a query locator ("01gS70000AbCdEfIAK"); the client
// fetches GET .../query/<locator>-<offset> for each following batch.
//
// Salesforce's rules (help.salesforce.com article 000004410, CONFIRMED): a locator and its
// results stay available for two days after the query ran, and since API v56.0 there is no limit
// on open cursors; an unknown, altered or expired locator answers INVALID_QUERY_LOCATOR. The mock
// also keeps at most max_cursors per org and at most max_bytes of their rows, dropping the oldest
// cursors first (the newest is always kept), so a long run cannot grow without bound. Rows are
// kept as their JSON text, about a quarter of what the parsed JSON takes.
//
// Thread-safe.
#ifndef SFH_MOCK_SERVER_ORG_QUERY_CURSORS_H_
#define SFH_MOCK_SERVER_ORG_QUERY_CURSORS_H_

#include <chrono>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sfh::mock {

class QueryCursors {
 public:
  using Clock = std::chrono::system_clock;

  static constexpr std::chrono::hours kLifetime{48};
  static constexpr size_t kDefaultMaxCursors = 1000;
  static constexpr size_t kDefaultMaxBytes = 64u << 20;

  // Throws std::invalid_argument when either bound is 0.
  explicit QueryCursors(size_t max_cursors = kDefaultMaxCursors,
                        size_t max_bytes = kDefaultMaxBytes);

  // One batch of a cursor: the records from `offset` as a JSON array's text, how many the query
  // has in all, and where the next batch starts (nullopt when this batch ends the result).
  struct Batch {
    std::string records_json;
    size_t total = 0;
    std::optional<size_t> next_offset;
  };

  // Keeps `rows` (the query's whole result, in order, each a record's JSON text) for `user_id`
  // and returns the new locator. `batch_size` records make one batch.
  std::string Open(std::string user_id, std::vector<std::string> rows, size_t batch_size,
                   Clock::time_point now);

  // The batch of `locator` starting at `offset`, for `user_id`. nullopt when the locator is
  // unknown, expired, belongs to another user, or `offset` is not inside the result. A batch that
  // reaches the end closes the cursor.
  std::optional<Batch> Fetch(std::string_view locator, size_t offset, std::string_view user_id,
                             Clock::time_point now);

  // The JSON array of rows[from, to): "[row,row,...]".
  static std::string ArrayOf(const std::vector<std::string>& rows, size_t from, size_t to);

  size_t size() const;
  // What the open cursors' rows count towards max_bytes.
  size_t bytes() const;
  size_t max_cursors() const { return max_cursors_; }
  size_t max_bytes() const { return max_bytes_; }
  // Forgets every cursor.
  void Clear();

 private:
  struct Cursor {
    std::string user_id;
    std::vector<std::string> rows;
    size_t batch_size = 0;
    Clock::time_point expires_at;
    size_t bytes = 0;  // what the rows count towards max_bytes_
  };

  void DropExpired(Clock::time_point now);
  void Erase(std::unordered_map<std::string, Cursor>::iterator it);

  const size_t max_cursors_;
  const size_t max_bytes_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Cursor> cursors_;
  std::deque<std::string> order_;  // locators, oldest first
  size_t bytes_ = 0;
};

}  // namespace sfh::mock

#endif  // SFH_MOCK_SERVER_ORG_QUERY_CURSORS_H_
