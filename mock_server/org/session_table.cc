#include "mock_server/org/session_table.h"

#include <limits>
#include <stdexcept>

namespace sfh::mock {

size_t SessionTable::HashOf(std::string_view token) {
  return absl::Hash<std::string_view>{}(token);
}

SessionTable::SessionTable(size_t capacity) : capacity_(capacity) {
  if (capacity == 0 || capacity > std::numeric_limits<uint32_t>::max()) {
    throw std::invalid_argument("SessionTable: capacity out of range");
  }
}

void SessionTable::Put(std::string_view token, std::shared_ptr<const Session> shape,
                       std::chrono::system_clock::time_point issued_at,
                       std::chrono::system_clock::time_point expires_at, bool revoked) {
  const size_t hash = HashOf(token);
  uint32_t slot = 0;
  if (auto found = index_.find(token, hash); found != index_.end()) {
    slot = *found;
  } else {
    if (slots_.size() < capacity_) {
      slot = static_cast<uint32_t>(slots_.size());
      slots_.emplace_back();
      hashes_.push_back(0);
    } else {
      // Full: the oldest entry's slot takes the new token, and the next oldest becomes oldest.
      if (index_.capacity() < 2 * capacity_) index_.reserve(2 * capacity_);
      slot = static_cast<uint32_t>(oldest_);
      oldest_ = (oldest_ + 1) % capacity_;
      index_.erase(slot);  // found by the hash kept for the token it still holds
    }
    Entry& entry = slots_[slot];
    entry.token.assign(token);
    hashes_[slot] = hash;
    index_.insert(slot);
  }
  Entry& entry = slots_[slot];
  entry.shape = std::move(shape);
  entry.issued_at = issued_at;
  entry.expires_at = expires_at;
  entry.revoked = revoked;
}

SessionTable::Entry* SessionTable::Find(std::string_view token) {
  auto found = index_.find(token);
  return found == index_.end() ? nullptr : &slots_[*found];
}

const SessionTable::Entry* SessionTable::Find(std::string_view token) const {
  auto found = index_.find(token);
  return found == index_.end() ? nullptr : &slots_[*found];
}

void SessionTable::Clear() {
  slots_.clear();
  hashes_.clear();
  index_.clear();
  oldest_ = 0;
}

}  // namespace sfh::mock
