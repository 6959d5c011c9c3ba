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
  if (value.size() < kMinLength) return;
  std::string replacement(kMask);
  if (kind == Kind::kToken && value.size() > 16 && value[15] == '!') {
    replacement = std::string(value.substr(0, 16)) + std::string(kMask);
  }
  std::vector<std::string> forms = {std::string(value), PercentEncode(value, true),
                                    PercentEncode(value, false)};
  std::lock_guard lock(mu_);
  if (kind == Kind::kToken) {
    if (entries_.contains(forms.front())) return;
    tokens_.push_back(forms);
    while (tokens_.size() > kMaxTokens) {
      for (const auto& form : tokens_.front()) RemoveForm(form);
      tokens_.pop_front();
    }
  }
  for (auto& form : forms) AddForm(std::move(form), replacement);
}

void Redactor::AddForm(std::string form, const std::string& replacement) {
  auto [it, added] = entries_.try_emplace(std::move(form), Entry{replacement});
  if (!added) return;
  const std::string_view key = it->first;
  by_suffix_.emplace(key.substr(key.size() - kMinLength), &*it);
}

void Redactor::RemoveForm(const std::string& form) {
  auto it = entries_.find(form);
  if (it == entries_.end()) return;
  const std::string_view key = it->first;
  auto [from, to] = by_suffix_.equal_range(key.substr(key.size() - kMinLength));
  for (auto at = from; at != to; ++at) {
    if (at->second == &*it) {
      by_suffix_.erase(at);
      break;
    }
  }
  entries_.erase(it);
}

size_t Redactor::size() const {
  std::lock_guard lock(mu_);
  return entries_.size();
}

std::string Redactor::Redact(std::string_view text) const {
  std::string out;
  {
    // Every registered value in the text, found from where it ends.
    struct Match {
      size_t start;
      size_t end;
      const std::string* replacement;
    };
    std::vector<Match> matches;
    std::lock_guard lock(mu_);
    if (!by_suffix_.empty()) {
      for (size_t end = kMinLength; end <= text.size(); ++end) {
        auto [from, to] = by_suffix_.equal_range(text.substr(end - kMinLength, kMinLength));
        for (auto at = from; at != to; ++at) {
          const std::string& value = at->second->first;
          if (value.size() <= end && text.substr(end - value.size(), value.size()) == value) {
            matches.push_back({end - value.size(), end, &at->second->second.replacement});
          }
        }
      }
    }
    std::ranges::sort(matches, [](const Match& a, const Match& b) {
      return a.start != b.start ? a.start < b.start : a.end > b.end;
    });
    out.reserve(text.size());
    size_t at = 0;
    for (const Match& m : matches) {
      if (m.start < at) {
        at = std::max(at, m.end);  // overlaps what was replaced: hidden with it
        continue;
      }
      out.append(text.substr(at, m.start - at));
      out += *m.replacement;
      at = m.end;
    }
    out.append(text.substr(at));
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
      std::equal(name.begin(), name.end(), kAuthorization.begin(),
                 [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
  return is_authorization ? RedactAuthorization(value) : Redact(value);
}

std::string Redactor::RedactAuthorization(std::string_view value) {
  const size_t space = value.find(' ');
  if (space == std::string_view::npos) return std::string(kMask);
  return std::string(value.substr(0, space + 1)) + std::string(kMask);
}

}  // namespace sfh::salesforce
