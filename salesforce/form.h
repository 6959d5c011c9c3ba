// application/x-www-form-urlencoded bodies and query strings, and the HTTP Basic client
// credentials of RFC 6749 section 2.3.1. Pure functions, no I/O, thread-safe.
#ifndef SFH_SALESFORCE_FORM_H_
#define SFH_SALESFORCE_FORM_H_

#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sfh::salesforce {

// One decoded name=value pair, in the order it appeared. Duplicates are kept.
using FormField = std::pair<std::string, std::string>;

class Form {
 public:
  Form() = default;
  explicit Form(std::vector<FormField> fields) : fields_(std::move(fields)) {}

  // The first value for `name`, or nullopt when absent. The view is into this form: copy it to
  // keep it longer than the form lives.
  std::optional<std::string_view> Get(std::string_view name) const;
  bool Has(std::string_view name) const { return Get(name).has_value(); }
  // How many times `name` appears.
  size_t Count(std::string_view name) const;
  const std::vector<FormField>& fields() const& { return fields_; }
  std::vector<FormField> fields() && { return std::move(fields_); }
  bool empty() const { return fields_.empty(); }

 private:
  std::vector<FormField> fields_;
};

// Decodes %XX escapes; with plus_is_space, '+' becomes ' ' (form encoding).
// Fails on a '%' not followed by two hex digits, naming the offset.
[[nodiscard]] std::expected<std::string, std::string> PercentDecode(std::string_view text,
                                                                    bool plus_is_space);

// Percent-encodes everything but RFC 3986 unreserved characters; space becomes "+" when
// space_as_plus is set (form encoding) and "%20" otherwise.
std::string PercentEncode(std::string_view text, bool space_as_plus = true);

// Parses "a=1&b=2" (a body or a query string without the '?'). Empty segments are skipped;
// a segment without '=' is a name with an empty value. Fails on malformed percent-encoding.
[[nodiscard]] std::expected<Form, std::string> ParseForm(std::string_view text);

// Encodes fields as a form body.
std::string EncodeForm(const std::vector<FormField>& fields);

struct BasicCredentials {
  std::string client_id;
  std::string client_secret;
};

// Parses an Authorization header value "Basic base64(id:secret)". Per RFC 6749 section 2.3.1
// the id and secret were form-encoded before Base64, so they are form-decoded here.
// Returns nullopt when the scheme is not Basic; an error when it is Basic but malformed.
[[nodiscard]] std::optional<std::expected<BasicCredentials, std::string>> ParseBasicAuthorization(
    std::string_view header_value);

// Builds "Basic base64(form(id):form(secret))".
std::string MakeBasicAuthorization(std::string_view client_id, std::string_view client_secret);

// Whether a Content-Type value names application/x-www-form-urlencoded (case-insensitive,
// parameters such as "; charset=UTF-8" allowed).
bool IsFormMediaType(std::string_view content_type);

// Splits "path?query" into its two parts (query without '?', empty when absent).
std::pair<std::string_view, std::string_view> SplitTarget(std::string_view target);

}  // namespace sfh::salesforce

#endif  // SFH_SALESFORCE_FORM_H_
