#include "mock_server/org/query_cursors.h"

#include <algorithm>
#include <memory>
#include <stdexcept>

#include "salesforce/record_id.h"

namespace sfh::mock {
namespace {

// The key prefix of query locators in nextRecordsUrl: "01gD0000002HU6KIAW-2000"
// (salesforce-wire.md 5, CONFIRMED from simple-salesforce's README, and every REST API guide
// example up to v68.0). help.salesforce.com article 000004410 (2026) says current locators start
// with 0r8; see docs/wire-choices.md.
constexpr std::string_view kLocatorKeyPrefix = "01g";

// What a row counts towards the byte bound: its text and the string holding it.
size_t RowBytes(const std::string& row) { return sizeof(std::string) + row.capacity(); }

}  // namespace

QueryCursors::QueryCursors(size_t max_cursors, size_t max_bytes)
    : max_cursors_(max_cursors), max_bytes_(max_bytes) {
  if (max_cursors == 0 || max_bytes == 0) {
    throw std::invalid_argument("QueryCursors: the bounds must be at least 1");
  }
}

std::string QueryCursors::Open(std::string user_id, std::vector<std::string> rows,
                               size_t batch_size, Clock::time_point now) {
  size_t bytes = sizeof(Cursor) + user_id.capacity();
  for (const auto& row : rows) bytes += RowBytes(row);
  std::lock_guard lock(mu_);
  DropExpired(now);
  std::string locator;
  do {
    locator = salesforce::NewRecordId(kLocatorKeyPrefix);
  } while (cursors_.contains(locator));
  while (!order_.empty() && (cursors_.size() >= max_cursors_ || bytes_ + bytes > max_bytes_)) {
    auto it = cursors_.find(order_.front());
    if (it != cursors_.end()) Erase(it);
    order_.pop_front();
  }
  cursors_[locator] = Cursor{std::move(user_id), std::move(rows), std::max<size_t>(batch_size, 1),
                             now + kLifetime, bytes};
  bytes_ += bytes;
  order_.push_back(locator);
  return locator;
}

void QueryCursors::Erase(std::unordered_map<std::string, Cursor>::iterator it) {
  bytes_ -= it->second.bytes;
  cursors_.erase(it);
}

std::optional<QueryCursors::Batch> QueryCursors::Fetch(std::string_view locator, size_t offset,
                                                       std::string_view user_id,
                                                       Clock::time_point now) {
  std::lock_guard lock(mu_);
  DropExpired(now);
  auto it = cursors_.find(std::string(locator));
  if (it == cursors_.end()) return std::nullopt;
  const Cursor& cursor = it->second;
  if (cursor.user_id != user_id || offset >= cursor.rows.size()) return std::nullopt;
  Batch batch;
  batch.total = cursor.rows.size();
  const size_t end = std::min(cursor.rows.size(), offset + cursor.batch_size);
  batch.records_json = ArrayOf(cursor.rows, offset, end);
  if (end < cursor.rows.size()) {
    batch.next_offset = end;
  } else {
    // The last batch releases the cursor (UNVERIFIED: Salesforce documents only expiry).
    std::erase(order_, it->first);
    Erase(it);
  }
  return batch;
}

std::string QueryCursors::ArrayOf(const std::vector<std::string>& rows, size_t from, size_t to) {
  size_t length = 2;
  for (size_t i = from; i < to; ++i) length += rows[i].size() + 1;
  std::string out;
  out.reserve(length);
  out += '[';
  for (size_t i = from; i < to; ++i) {
    if (i > from) out += ',';
    out += rows[i];
  }
  out += ']';
  return out;
}

size_t QueryCursors::size() const {
  std::lock_guard lock(mu_);
  return cursors_.size();
}

size_t QueryCursors::bytes() const {
  std::lock_guard lock(mu_);
  return bytes_;
}

void QueryCursors::Clear() {
  std::lock_guard lock(mu_);
  cursors_.clear();
  order_.clear();
  bytes_ = 0;
}

void QueryCursors::DropExpired(Clock::time_point now) {
  while (!order_.empty()) {
    auto it = cursors_.find(order_.front());
    if (it != cursors_.end() && it->second.expires_at > now) break;
    if (it != cursors_.end()) Erase(it);
    order_.pop_front();
  }
}

}  // namespace sfh::mock
