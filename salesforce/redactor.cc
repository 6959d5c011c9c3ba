#include "salesforce/redactor.h"

#include <algorithm>
#include <cctype>
#include <regex>

#include "salesforce/form.h"

namespace sfh::salesforce {
namespace {

constexpr std::string_view kMask = "[REDACTED]";

void ReplaceAll(std::string& text, std::string_view from, std::string_view to) {
  if (from.empty()) return;
  size_t pos = 0;
  while ((pos = text.find(from, pos)) != std::string::npos) {
    text.replace(pos, from.size(), to);
    pos += to.size();
  }
}

}  // namespace

void Redactor::Add(std::string_view value, Kind kind) {
  if (value.size() < 6) return;
  std::string replacement(kMask);
  if (kind == Kind::kToken && value.size() > 16 && value[15] == '!') {
    replacement = std::string(value.substr(0, 16)) + std::string(kMask);
  }
  std::lock_guard lock(mu_);
  for (const std::string& form : {std::string(value), PercentEncode(value, true),
                                  PercentEncode(value, false)}) {
    const bool known = std::any_of(entries_.begin(), entries_.end(),
                                   [&](const Entry& e) { return e.value == form; });
    if (!known) entries_.push_back(Entry{form, replacement});
  }
  // Longest first, so a value that contains another is replaced whole.
  std::sort(entries_.begin(), entries_.end(),
            [](const Entry& a, const Entry& b) { return a.value.size() > b.value.size(); });
}

std::string Redactor::Redact(std::string_view text) const {
  std::string out(text);
  {
    std::lock_guard lock(mu_);
    for (const Entry& e : entries_) ReplaceAll(out, e.value, e.replacement);
  }
  // Secrets that were never registered still travel in well-known places.
  static const std::regex kFormField(
      R"re(((?:^|[&?\s])(?:client_secret|client_assertion|token|access_token|refresh_token|oauth_token|code_verifier)=)[^&\s"']+)re",
      std::regex::icase);
  static const std::regex kJsonField(
      R"re(("(?:client_secret|access_token|refresh_token|id_token)"\s*:\s*")[^"]*")re");
  static const std::regex kAuthorizationHeader(R"re((authorization:\s*[A-Za-z]+\s+)[^\s"]+)re",
                                               std::regex::icase);
  out = std::regex_replace(out, kFormField, "$1[REDACTED]");
  out = std::regex_replace(out, kJsonField, "$1[REDACTED]\"");
  out = std::regex_replace(out, kAuthorizationHeader, "$1[REDACTED]");
  // Collapse a mask left inside an already masked token ("00D…![REDACTED]" stays readable).
  ReplaceAll(out, "[REDACTED][REDACTED]", std::string(kMask));
  return out;
}

std::string Redactor::RedactHeader(std::string_view name, std::string_view value) const {
  constexpr std::string_view kAuthorization = "authorization";
  const bool is_authorization =
      name.size() == kAuthorization.size() &&
      std::equal(name.begin(), name.end(), kAuthorization.begin(), [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) == b;
      });
  return is_authorization ? RedactAuthorization(value) : Redact(value);
}

std::string Redactor::RedactAuthorization(std::string_view value) {
  const size_t space = value.find(' ');
  if (space == std::string_view::npos) return std::string(kMask);
  return std::string(value.substr(0, space + 1)) + std::string(kMask);
}

}  // namespace sfh::salesforce
