// A classic Connected App (metadata type ConnectedApp, root <ConnectedApp>) as the
// client-credentials rules see it: its <oauthConfig>. Reference: salesforce-wire.md §7.1
// "Connected Apps"; the field names and their provenance are in connected_app.cc.
#ifndef SFH_LINT_CONNECTED_APP_H_
#define SFH_LINT_CONNECTED_APP_H_

#include <pugixml.hpp>
#include <string>
#include <string_view>

#include "lint/xml_file.h"

namespace sfh::lint {

// The file suffix without "-meta.xml" (folder connectedApps/).
inline constexpr std::string_view kConnectedAppSuffix = ".connectedApp";

struct ConnectedApp {
  std::string name;               // API name: the file name without its suffix
  const XmlFile* file = nullptr;  // never nullptr once read; must outlive the app

  // <oauthConfig> (ConnectedAppOauthConfig); empty when the app has no OAuth settings or the
  // file's root is not <ConnectedApp>.
  pugi::xml_node OauthConfig() const;
  // oauthConfig's child `name`, e.g. "consumerSecret"; empty when missing.
  pugi::xml_node OauthField(const char* name) const;
  // oauthConfig/isClientCredentialEnabled is true.
  bool ClientCredentialsEnabled() const;
};

// The Connected App in `file`, named `name`.
ConnectedApp ReadConnectedApp(std::string name, const XmlFile& file);

}  // namespace sfh::lint

#endif  // SFH_LINT_CONNECTED_APP_H_
