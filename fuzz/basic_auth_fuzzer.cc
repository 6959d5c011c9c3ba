// Fuzzes the parser of HTTP Basic client credentials (salesforce/form.h,
// ParseBasicAuthorization, RFC 6749 section 2.3.1), with what must hold besides not crashing:
//   - a value that is not the Basic scheme is not parsed (nullopt), and one that is, is parsed
//     or refused with a reason;
//   - credentials parsed from a header build (MakeBasicAuthorization) a header that parses to
//     the same credentials;
//   - any id and secret, however odd their bytes, survive MakeBasicAuthorization and the parse.
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_check.h"
#include "salesforce/form.h"

namespace sf = sfh::salesforce;

namespace {

bool StartsWithBasicScheme(std::string_view value) {
  constexpr std::string_view kScheme = "basic";
  if (value.size() < kScheme.size()) return false;
  for (size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(value[i])) != kScheme[i]) return false;
  }
  return value.size() == kScheme.size() || value[kScheme.size()] == ' ';
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  const auto parsed = sf::ParseBasicAuthorization(text);
  SFH_FUZZ_CHECK(parsed.has_value() == StartsWithBasicScheme(text));
  if (parsed && *parsed) {
    const auto& credentials = **parsed;
    const auto again = sf::ParseBasicAuthorization(
        sf::MakeBasicAuthorization(credentials.client_id, credentials.client_secret));
    SFH_FUZZ_CHECK(again && *again);
    SFH_FUZZ_CHECK((*again)->client_id == credentials.client_id);
    SFH_FUZZ_CHECK((*again)->client_secret == credentials.client_secret);
  } else if (parsed) {
    SFH_FUZZ_CHECK(!parsed->error().empty());
  }

  // The input as an id and a secret, split at its first byte's value.
  const size_t split = size == 0 ? 0 : data[0] % size;
  const std::string_view id = text.substr(0, split);
  const std::string_view secret = text.substr(split);
  const auto built = sf::ParseBasicAuthorization(sf::MakeBasicAuthorization(id, secret));
  SFH_FUZZ_CHECK(built && *built);
  SFH_FUZZ_CHECK((*built)->client_id == id && (*built)->client_secret == secret);
  return 0;
}
