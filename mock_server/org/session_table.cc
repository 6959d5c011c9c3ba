#include "mock_server/org/session_table.h"

#include <functional>
#include <limits>
#include <stdexcept>

namespace sfh::mock {
namespace {

uint64_t HashOf(std::string_view token) { return std::hash<std::string_view>{}(token); }

}  // namespace

SessionTable::SessionTable(size_t capacity) : capacity_(capacity) {
  if (capacity == 0 || capacity > std::numeric_limits<uint32_t>::max()) {
    throw std::invalid_argument("SessionTable: capacity out of range");
  }
}

size_t SessionTable::SlotOf(std::string_view token, uint64_t hash) const {
  auto [from, to] = index_.equal_range(hash);
  for (auto it = from; it != to; ++it) {
    if (slots_[it->second].token == token) return it->second;
  }
  return slots_.size();
}

void SessionTable::Put(std::string_view token, std::shared_ptr<const Session> shape,
                       std::chrono::system_clock::time_point issued_at,
                       std::chrono::system_clock::time_point expires_at, bool revoked) {
  const uint64_t hash = HashOf(token);
  size_t slot = SlotOf(token, hash);
  if (slot == slots_.size()) {
    if (slots_.size() < capacity_) {
      slots_.emplace_back();
    } else {
      // Full: the oldest entry's slot takes the new token, and the next oldest becomes oldest.
      slot = oldest_;
      oldest_ = (oldest_ + 1) % capacity_;
      auto [from, to] = index_.equal_range(slots_[slot].hash);
      for (auto it = from; it != to; ++it) {
        if (it->second == slot) {
          index_.erase(it);
          break;
        }
      }
    }
    index_.emplace(hash, static_cast<uint32_t>(slot));
  }
  Entry& entry = slots_[slot];
  entry.token.assign(token);
  entry.shape = std::move(shape);
  entry.issued_at = issued_at;
  entry.expires_at = expires_at;
  entry.revoked = revoked;
  entry.hash = hash;
}

SessionTable::Entry* SessionTable::Find(std::string_view token) {
  const size_t slot = SlotOf(token, HashOf(token));
  return slot == slots_.size() ? nullptr : &slots_[slot];
}

const SessionTable::Entry* SessionTable::Find(std::string_view token) const {
  const size_t slot = SlotOf(token, HashOf(token));
  return slot == slots_.size() ? nullptr : &slots_[slot];
}

void SessionTable::Clear() {
  slots_.clear();
  index_.clear();
  oldest_ = 0;
}

}  // namespace sfh::mock
