#include "lint/rules/scopes.h"

#include <algorithm>
#include <cctype>

namespace sfh::lint {
namespace {

bool EqualsNoCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view Trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

}  // namespace

ConfiguredScopes ScopesOf(const EcaApp& app) {
  ConfiguredScopes scopes;
  scopes.file = app.file(EcaFileKind::kOauth);
  if (scopes.file == nullptr) return scopes;
  scopes.node = scopes.file->root().child("commaSeparatedOauthScopes");
  std::string_view text = scopes.node.text().as_string();
  while (!text.empty()) {
    const auto comma = text.find(',');
    const std::string_view name = Trim(text.substr(0, comma));
    if (!name.empty()) scopes.names.emplace_back(name);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return scopes;
}

std::string_view DroppedScopeWireName(std::string_view metadata_name) {
  // §1.7's table: metadata names CONFIRMED, the pairing with wire names INFERRED.
  if (EqualsNoCase(metadata_name, "RefreshToken")) return "refresh_token";
  if (EqualsNoCase(metadata_name, "OfflineAccess")) return "offline_access";
  if (EqualsNoCase(metadata_name, "Full")) return "full";
  return "";
}

bool IsApiScope(std::string_view metadata_name) { return EqualsNoCase(metadata_name, "Api"); }

}  // namespace sfh::lint
