#include "salesforce/redactor.h"

#include <algorithm>
#include <cctype>
#include <regex>

#include "salesforce/form.h"
#include "salesforce/token_format.h"

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

bool IsBase64Url(char c) { return IsTokenWordChar(c) || c == '-'; }

// Whether "00D" and 12 to 15 word characters end at `at`: the org id of an opaque access token,
// /(00D\w{12,15})!/ as the Salesforce CLI matches it (salesforce/token_format.h).
bool OrgIdEndsAt(std::string_view text, size_t at) {
  size_t word_run = 0;
  while (word_run < at && word_run < 18 && IsTokenWordChar(text[at - word_run - 1])) ++word_run;
  for (size_t length = 15; length <= 18 && length <= word_run; ++length) {
    if (text.substr(at - length, 3) == "00D") return true;
  }
  return false;
}

// `text` with the session key of every opaque access token ("00D...!<key>", also with the '!'
// form-encoded as "%21") and every JWT ("eyJ" and base64url with at least two dots) masked,
// whether or not it was registered. One pass.
std::string MaskTokenShapes(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t copied = 0;
  size_t i = 0;
  while (i < text.size()) {
    size_t key = std::string_view::npos;
    if (text[i] == '!') {
      key = i + 1;
    } else if (text[i] == '%' && text.substr(i, 3) == "%21") {
      key = i + 3;
    }
    if (key != std::string_view::npos && OrgIdEndsAt(text, i)) {
      size_t end = key;
      while (end < text.size() && (IsTokenWordChar(text[end]) || text[end] == '.')) ++end;
      if (end > key) {
        out.append(text.substr(copied, key - copied));
        out += kMask;
        copied = i = end;
        continue;
      }
    }
    if (text[i] == 'e' && text.substr(i, 3) == "eyJ") {
      size_t end = i;
      int dots = 0;
      while (end < text.size() && (IsBase64Url(text[end]) || text[end] == '.')) {
        dots += text[end] == '.';
        ++end;
      }
      if (dots >= 2) {
        out.append(text.substr(copied, i - copied));
        out += kMask;
        copied = end;
      }
      // No "eyJ" later in this run can start a JWT either: the run ends where it ends.
      i = end;
      continue;
    }
    ++i;
  }
  out.append(text.substr(copied));
  return out;
}

}  // namespace

void Redactor::Add(std::string_view value, Kind kind) {
  if (value.size() < kMinLength) return;
  // Access tokens of Salesforce's shapes are masked by their shape wherever they appear, so the
  // many a busy mock issues need not be remembered one by one.
  if (kind == Kind::kToken &&
      (LooksLikeOpaqueAccessToken(value) || LooksLikeJwtAccessToken(value))) {
    return;
  }
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
  out = MaskTokenShapes(out);
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
