// Fuzzes the parsers of application/x-www-form-urlencoded bodies and query strings
// (salesforce/form.h): ParseForm, PercentDecode and SplitTarget, with what must hold for any
// input besides not crashing:
//   - a form that parses encodes (EncodeForm) to a form that parses to the same fields;
//   - PercentEncode then PercentDecode gives the input back, in both space conventions;
//   - PercentDecode fails only where a '%' is not followed by two hex digits;
//   - SplitTarget's path and query make up the target.
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_check.h"
#include "salesforce/form.h"

namespace sf = sfh::salesforce;

namespace {

bool HasBrokenEscape(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') continue;
    if (i + 2 >= text.size()) return true;
    if (!std::isxdigit(static_cast<unsigned char>(text[i + 1])) ||
        !std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      return true;
    }
    i += 2;
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  // The target of a request line: the query is what ParseForm reads.
  const auto [path, query] = sf::SplitTarget(text);
  if (text.find('?') == std::string_view::npos) {
    SFH_FUZZ_CHECK(path == text && query.empty());
  } else {
    SFH_FUZZ_CHECK(std::string(path) + "?" + std::string(query) == text);
  }

  for (const std::string_view part : {text, query}) {
    auto form = sf::ParseForm(part);
    if (form) {
      const std::string encoded = sf::EncodeForm(form->fields());
      auto again = sf::ParseForm(encoded);
      SFH_FUZZ_CHECK(again.has_value());
      SFH_FUZZ_CHECK(again->fields() == form->fields());
      for (const auto& [name, value] : form->fields()) {
        SFH_FUZZ_CHECK(form->Count(name) >= 1);
        SFH_FUZZ_CHECK(form->Get(name).has_value());
      }
    } else {
      SFH_FUZZ_CHECK(!form.error().empty());
      SFH_FUZZ_CHECK(HasBrokenEscape(part));
    }
  }

  for (const bool plus_is_space : {true, false}) {
    const auto decoded = sf::PercentDecode(text, plus_is_space);
    SFH_FUZZ_CHECK(decoded.has_value() == !HasBrokenEscape(text));
    if (decoded) SFH_FUZZ_CHECK(decoded->size() <= text.size());
    const auto round_trip = sf::PercentDecode(sf::PercentEncode(text, plus_is_space), true);
    SFH_FUZZ_CHECK(round_trip.has_value() && *round_trip == text);
  }
  return 0;
}
