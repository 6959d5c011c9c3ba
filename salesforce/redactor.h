// Removes secrets and tokens from anything that leaves the process: journal exports, reports,
// logs. Knows the values registered with it (consumer secrets, issued tokens) in their plain,
// form-encoded and Basic forms, and the places secrets travel (Authorization headers,
// client_secret and token parameters, access_token fields). Thread-safe.
#ifndef SFH_SALESFORCE_REDACTOR_H_
#define SFH_SALESFORCE_REDACTOR_H_

#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace sfh::salesforce {

class Redactor {
 public:
  enum class Kind { kSecret, kToken };

  // Registers a value to hide. Values shorter than 6 characters are ignored (too likely to
  // match innocent text). A token keeps its first 15 characters (the org id, not secret).
  void Add(std::string_view value, Kind kind);

  // `text` with every registered value replaced, and with the values of Authorization headers
  // and of client_secret, token, access_token and refresh_token fields (form or JSON) masked.
  std::string Redact(std::string_view text) const;

  // The value of an Authorization header, masked after its scheme: "Bearer [REDACTED]".
  static std::string RedactAuthorization(std::string_view value);

  // A header's value as it may be shown: Authorization masked after its scheme (whatever it
  // holds), any other header through Redact.
  std::string RedactHeader(std::string_view name, std::string_view value) const;

 private:
  struct Entry {
    std::string value;
    std::string replacement;
  };
  mutable std::mutex mu_;
  std::vector<Entry> entries_;
};

}  // namespace sfh::salesforce

#endif  // SFH_SALESFORCE_REDACTOR_H_
