// Removes secrets and tokens from anything that leaves the process: journal exports, reports,
// logs. Knows the values registered with it (consumer secrets, refresh tokens, codes) in their
// plain and form-encoded forms, the shapes of Salesforce's access tokens (opaque "00D...!..."
// and JWT "eyJ..."), masked wherever they appear, and the places secrets travel (Authorization
// headers, client_secret and token parameters, access_token fields). Thread-safe.
#ifndef SFH_SALESFORCE_REDACTOR_H_
#define SFH_SALESFORCE_REDACTOR_H_

#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sfh::salesforce {

class Redactor {
 public:
  enum class Kind { kSecret, kToken };
  // Values shorter than this are ignored (too likely to match innocent text).
  static constexpr size_t kMinLength = 6;
  // Tokens remembered (those not of an access token's shape); beyond this the oldest are
  // forgotten (secrets never are), so memory stays bounded however many a long-running mock
  // issues. A forgotten token is still masked where tokens travel (Authorization headers, token
  // fields).
  static constexpr size_t kMaxTokens = 20'000;

  Redactor() = default;
  Redactor(const Redactor&) = delete;
  Redactor& operator=(const Redactor&) = delete;

  // Registers a value to hide, in O(1): its plain and form-encoded forms. A token keeps its
  // first 15 characters (the org id, not secret). A token of an access token's shape is not
  // registered: Redact masks its shape anyway.
  void Add(std::string_view value, Kind kind);

  // `text` with every registered value replaced, the session key of every opaque access token
  // and every JWT masked (an opaque token keeps its org id and '!'), and the values of
  // Authorization headers and of client_secret, token, access_token and refresh_token fields
  // (form or JSON) masked.
  // Where registered values overlap, the one starting first (the longest of those) is replaced
  // and the rest of the overlap is hidden with it. Linear in the text's length.
  std::string Redact(std::string_view text) const;

  // The value of an Authorization header, masked after its scheme: "Bearer [REDACTED]".
  static std::string RedactAuthorization(std::string_view value);

  // A header's value as it may be shown: Authorization masked after its scheme (whatever it
  // holds), any other header through Redact.
  std::string RedactHeader(std::string_view name, std::string_view value) const;

  size_t size() const;  // values registered (each form counts)

 private:
  struct Entry {
    std::string replacement;
  };
  // Registers one form (with mu_ held).
  void AddForm(std::string form, const std::string& replacement);
  void RemoveForm(const std::string& form);

  mutable std::mutex mu_;
  // value -> its entry; node-based, so keys stay where they are and the index can view them.
  std::unordered_map<std::string, Entry> entries_;
  // The last kMinLength characters of each value -> the value: a match is found from where it
  // ends, so values sharing a prefix (every token of an org starts with its id) do not collide.
  std::unordered_multimap<std::string_view, const std::pair<const std::string, Entry>*> by_suffix_;
  // Tokens in the order added, each with its forms, for forgetting the oldest.
  std::deque<std::vector<std::string>> tokens_;
};

}  // namespace sfh::salesforce

#endif  // SFH_SALESFORCE_REDACTOR_H_
