// The sessions an org remembers, by token, in the order they were issued; beyond a capacity the
// oldest are forgotten. Not thread-safe: the org holds its lock around every call.
//
// Built for a busy mock that issues tens of thousands of tokens a second: the entries form a
// ring that, once full, is reused in place (a forgotten token's slot takes the next token, its
// string buffer kept when long enough), and the index holds only a 64-bit hash of each token and
// its slot, so storing a token frees nothing and looks at no other token.
#ifndef SFH_MOCK_SERVER_ORG_SESSION_TABLE_H_
#define SFH_MOCK_SERVER_ORG_SESSION_TABLE_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
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
    uint64_t hash = 0;  // of token, as the index holds it
  };

  explicit SessionTable(size_t capacity);

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
  size_t SlotOf(std::string_view token, uint64_t hash) const;  // slots_.size() when absent

  size_t capacity_;
  // The entries; once capacity_ of them are held, a ring whose oldest is at oldest_.
  std::vector<Entry> slots_;
  size_t oldest_ = 0;
  // Hash of a token -> its slot. A multimap: two tokens may share a hash.
  std::unordered_multimap<uint64_t, uint32_t> index_;
};

}  // namespace sfh::mock

#endif  // SFH_MOCK_SERVER_ORG_SESSION_TABLE_H_
