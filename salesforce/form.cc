#include "salesforce/form.h"

#include <fmt/format.h>

#include <cctype>

#include "salesforce/encoding.h"

namespace sfh::salesforce {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool IsUnreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

}  // namespace

std::optional<std::string_view> Form::Get(std::string_view name) const {
  for (const auto& [k, v] : fields_) {
    if (k == name) return v;
  }
  return std::nullopt;
}

size_t Form::Count(std::string_view name) const {
  size_t n = 0;
  for (const auto& field : fields_) n += field.first == name ? 1 : 0;
  return n;
}

std::expected<std::string, std::string> PercentDecode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    // The run up to the next escape is copied as it is, in one go.
    size_t run = i;
    while (run < text.size() && text[run] != '%' && (text[run] != '+' || !plus_is_space)) ++run;
    out.append(text.data() + i, run - i);
    i = run;
    if (i == text.size()) break;
    // The run stopped at a '+' (only when it means a space) or at a '%'.
    if (text[i] == '+') {
      out.push_back(' ');
      continue;
    }
    const int hi = i + 1 < text.size() ? HexValue(text[i + 1]) : -1;
    const int lo = i + 2 < text.size() ? HexValue(text[i + 2]) : -1;
    if (hi < 0 || lo < 0) {
      return std::unexpected(fmt::format("invalid percent-encoding at offset {}", i));
    }
    out.push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return out;
}

std::string PercentEncode(std::string_view text, bool space_as_plus) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() * 3);
  for (unsigned char c : text) {
    if (IsUnreserved(c)) {
      out.push_back(static_cast<char>(c));
    } else if (c == ' ' && space_as_plus) {
      out.push_back('+');
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    }
  }
  return out;
}

std::expected<Form, std::string> ParseForm(std::string_view text) {
  std::vector<FormField> fields;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('&', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view segment = text.substr(start, end - start);
    if (!segment.empty()) {
      const size_t eq = segment.find('=');
      const std::string_view raw_name = segment.substr(0, eq);
      const std::string_view raw_value =
          eq == std::string_view::npos ? std::string_view() : segment.substr(eq + 1);
      auto name = PercentDecode(raw_name, true);
      if (!name) return std::unexpected(fmt::format("in name '{}': {}", raw_name, name.error()));
      auto value = PercentDecode(raw_value, true);
      if (!value) {
        return std::unexpected(fmt::format("in the value of '{}': {}", *name, value.error()));
      }
      fields.emplace_back(std::move(*name), std::move(*value));
    }
    start = end + 1;
  }
  return Form(std::move(fields));
}

std::string EncodeForm(const std::vector<FormField>& fields) {
  std::string out;
  for (const auto& [name, value] : fields) {
    if (!out.empty()) out.push_back('&');
    out += PercentEncode(name);
    out.push_back('=');
    out += PercentEncode(value);
  }
  return out;
}

std::optional<std::expected<BasicCredentials, std::string>> ParseBasicAuthorization(
    std::string_view header_value) {
  // The scheme is case-insensitive (RFC 7235 section 2.1).
  constexpr std::string_view kScheme = "basic";
  if (header_value.size() < kScheme.size()) return std::nullopt;
  for (size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(header_value[i])) != kScheme[i]) {
      return std::nullopt;
    }
  }
  std::string_view rest = header_value.substr(kScheme.size());
  if (!rest.empty() && rest.front() != ' ') return std::nullopt;
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  while (!rest.empty() && rest.back() == ' ') rest.remove_suffix(1);
  const auto decoded = Base64Decode(rest);
  if (!decoded) return std::unexpected(std::string("Basic credentials are not valid Base64"));
  const size_t colon = decoded->find(':');
  if (colon == std::string::npos) {
    return std::unexpected(std::string("Basic credentials have no ':' between id and secret"));
  }
  auto id = PercentDecode(std::string_view(*decoded).substr(0, colon), true);
  auto secret = PercentDecode(std::string_view(*decoded).substr(colon + 1), true);
  if (!id || !secret) {
    return std::unexpected(std::string("Basic credentials have invalid percent-encoding"));
  }
  return BasicCredentials{std::move(*id), std::move(*secret)};
}

std::string MakeBasicAuthorization(std::string_view client_id, std::string_view client_secret) {
  return "Basic " + Base64Encode(PercentEncode(client_id) + ":" + PercentEncode(client_secret));
}

bool IsFormMediaType(std::string_view content_type) {
  constexpr std::string_view kForm = "application/x-www-form-urlencoded";
  std::string_view media = content_type.substr(0, content_type.find(';'));
  while (!media.empty() && (media.back() == ' ' || media.back() == '\t')) media.remove_suffix(1);
  while (!media.empty() && (media.front() == ' ' || media.front() == '\t')) media.remove_prefix(1);
  if (media.size() != kForm.size()) return false;
  for (size_t i = 0; i < kForm.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(media[i])) != kForm[i]) return false;
  }
  return true;
}

std::pair<std::string_view, std::string_view> SplitTarget(std::string_view target) {
  const size_t q = target.find('?');
  if (q == std::string_view::npos) return {target, std::string_view()};
  return {target.substr(0, q), target.substr(q + 1)};
}

}  // namespace sfh::salesforce
