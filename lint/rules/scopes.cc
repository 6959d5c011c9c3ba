#include "lint/rules/scopes.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace sfh::lint {
namespace {

std::string_view Trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

// Whether a scope that counts for client credentials is configured.
bool SomeValid(const ConfiguredScopes& scopes) {
  return std::ranges::any_of(
      scopes.names, [](const std::string& name) { return DroppedScopeWireName(name).empty(); });
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
    if (!name.empty()) {
      scopes.names.emplace_back(name);
      scopes.nodes.push_back(scopes.node);
    }
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return scopes;
}

ConfiguredScopes ScopesOf(const ConnectedApp& app) {
  ConfiguredScopes scopes;
  const pugi::xml_node config = app.OauthConfig();
  if (!config) return scopes;
  scopes.file = app.file;
  scopes.node = config.child("scopes") ? config.child("scopes") : config;
  for (pugi::xml_node scope : config.children("scopes")) {
    const std::string_view name = Trim(scope.text().as_string());
    if (name.empty()) continue;
    scopes.names.emplace_back(name);
    scopes.nodes.push_back(scope);
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

ScopeFixes ScopeFixesFor(const EcaApp& app) {
  return {"Setup > External Client App Manager > " + app.name +
              " > Edit Settings > OAuth Settings > Selected OAuth Scopes",
          "ExtlClntAppOauthSettings", "<commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>",
          "add Api to <commaSeparatedOauthScopes>", "remove {} from <commaSeparatedOauthScopes>"};
}

ScopeFixes ScopeFixesFor(const ConnectedApp& app) {
  return {"Setup > App Manager > " + app.name +
              " > Edit > API (Enable OAuth Settings) > Selected OAuth Scopes",
          "ConnectedApp", "<oauthConfig> with <scopes>Api</scopes> as its only <scopes>",
          "add <scopes>Api</scopes> to <oauthConfig>",
          "remove <scopes>{}</scopes> from <oauthConfig>"};
}

std::vector<Finding> NoValidScopeFindings(const ConfiguredScopes& scopes, std::string_view rule_id,
                                          const ScopeFixes& fixes) {
  if (scopes.file == nullptr || SomeValid(scopes)) return {};
  const std::string what =
      scopes.names.empty()
          ? std::string("no OAuth scopes are configured")
          : fmt::format("the only scopes ({}) are dropped for client credentials since Winter '26",
                        fmt::join(scopes.names, ", "));
  return {scopes.file->At(scopes.node, rule_id, Severity::kError,
                          what + ": the org answers invalid_grant / no valid scopes defined",
                          fixes.setup + ": add \"Manage user data via APIs (api)\"",
                          fmt::format("{}: {}", fixes.type, fixes.only_api))};
}

std::vector<Finding> DroppedScopeFindings(const ConfiguredScopes& scopes, std::string_view rule_id,
                                          const ScopeFixes& fixes) {
  if (scopes.file == nullptr || !SomeValid(scopes)) return {};
  std::vector<Finding> findings;
  for (size_t i = 0; i < scopes.names.size(); ++i) {
    const std::string_view wire = DroppedScopeWireName(scopes.names[i]);
    if (wire.empty()) continue;
    findings.push_back(scopes.file->At(
        scopes.nodes[i], rule_id, Severity::kWarning,
        fmt::format("scope {} ({}) does not count for client credentials since Winter '26 and is "
                    "dropped from the token",
                    scopes.names[i], wire),
        fixes.setup + ": remove it unless another flow of this app needs it",
        fmt::format("{}: {}", fixes.type,
                    fmt::format(fmt::runtime(fixes.remove_fmt), scopes.names[i]))));
  }
  return findings;
}

std::vector<Finding> NoApiScopeFindings(const ConfiguredScopes& scopes, std::string_view rule_id,
                                        const ScopeFixes& fixes) {
  if (scopes.file == nullptr || !SomeValid(scopes)) return {};  // no-valid-scopes reports it
  if (std::ranges::any_of(scopes.names, IsApiScope)) return {};
  return {scopes.file->At(
      scopes.node, rule_id, Severity::kWarning,
      "the app's scopes do not include Api (api): its tokens cannot call the REST or SOAP API",
      fixes.setup +
          ": add \"Manage user data via APIs (api)\" unless the app only calls other APIs",
      fmt::format("{}: {}", fixes.type, fixes.add_api))};
}

}  // namespace sfh::lint
