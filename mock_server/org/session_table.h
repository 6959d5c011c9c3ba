// The sessions an org remembers, by token, in the order they were issued; beyond a capacity the
// oldest are forgotten. Not thread-safe: the org holds its lock around every call.
//
// Built for a busy mock that issues tens of thousands of tokens a second: the entries form a
// ring that, once full, is reused in place (a forgotten token's slot takes the next token, its
// string buffer kept when long enough), and the index is an open-addressing set of slot numbers
// (Abseil's flat_hash_set), looked up by a token's text, so storing a token allocates and frees
// nothing once the ring is full, and touches little memory besides its own slot.
//
// Once full, every token stored also erases one, and an open-addressing set marks erased places
// with tombstones that lengthen later probes until the set cleans them out by rehashing every
// entry in place. So when the ring fills, the index is sized for twice the capacity: a third to
// a half of its places live, cleaned about once per `capacity` tokens stored, where at the
// default sizing it would be cleaned every few thousand; and the hashes it rehashes with are kept
// apart from the entries, in one small array, rather than read from each cold entry.
#ifndef SFH_MOCK_SERVER_ORG_SESSION_TABLE_H_
#define SFH_MOCK_SERVER_ORG_SESSION_TABLE_H_

#include <absl/container/flat_hash_set.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sfh::mock {

struct Session;

class SessionTable {
 public:
  // A session as stored: what it shares with other tokens of the same app, user, scope and
  // refresh token is held once, in `shape` (a Session without token, times or state).
  struct Entry {
    std::string token;
    std::shared_ptr<const Session> shape;
    std::chrono::system_clock::time_point issued_at{};
    std::chrono::system_clock::time_point expires_at{};
    bool revoked = false;
  };

  explicit SessionTable(size_t capacity);
  // The index refers to slots_ by address.
  SessionTable(const SessionTable&) = delete;
  SessionTable& operator=(const SessionTable&) = delete;

  // Stores a session under `token`, forgetting the oldest when full; a token already held has
  // its entry replaced and keeps its place in the order.
  void Put(std::string_view token, std::shared_ptr<const Session> shape,
           std::chrono::system_clock::time_point issued_at,
           std::chrono::system_clock::time_point expires_at, bool revoked);
  Entry* Find(std::string_view token);
  const Entry* Find(std::string_view token) const;
  // Calls `f(entry)` for every entry, the oldest first.
  template <class F>
  void ForEach(F&& f) {
    for (size_t i = 0; i < slots_.size(); ++i) f(slots_[(oldest_ + i) % slots_.size()]);
  }
  template <class F>
  void ForEach(F&& f) const {
    for (size_t i = 0; i < slots_.size(); ++i) f(slots_[(oldest_ + i) % slots_.size()]);
  }
  size_t size() const { return slots_.size(); }
  void Clear();

 private:
  static size_t HashOf(std::string_view token);
  // The index's hash and equality: a slot number stands for the token its slot holds. Two slots
  // in the index never hold the same token, so slot numbers compare as numbers.
  struct SlotHash {
    using is_transparent = void;
    const std::vector<size_t>* hashes;
    size_t operator()(uint32_t slot) const { return (*hashes)[slot]; }
    size_t operator()(std::string_view token) const { return HashOf(token); }
  };
  struct SlotEq {
    using is_transparent = void;
    const std::vector<Entry>* slots;
    bool operator()(uint32_t a, uint32_t b) const { return a == b; }
    bool operator()(uint32_t slot, std::string_view token) const {
      return (*slots)[slot].token == token;
    }
    bool operator()(std::string_view token, uint32_t slot) const { return (*this)(slot, token); }
  };

  size_t capacity_;
  // The entries; once capacity_ of them are held, a ring whose oldest is at oldest_.
  std::vector<Entry> slots_;
  std::vector<size_t> hashes_;  // hashes_[slot]: the hash of slots_[slot].token
  size_t oldest_ = 0;
  // Every slot in use, found by its token.
  absl::flat_hash_set<uint32_t, SlotHash, SlotEq> index_{0, SlotHash{&hashes_}, SlotEq{&slots_}};
};

}  // namespace sfh::mock

#endif  // SFH_MOCK_SERVER_ORG_SESSION_TABLE_H_
