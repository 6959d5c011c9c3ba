// The External Client App metadata of a Salesforce DX project (or a Metadata API retrieve): its
// five file kinds and the files of one app. Reference: salesforce-wire.md §7.1. Loading:
// LoadProject() in lint/project.h.
#ifndef SFH_LINT_ECA_PROJECT_H_
#define SFH_LINT_ECA_PROJECT_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "lint/xml_file.h"

namespace sfh::lint {

// The five metadata types of an External Client App (salesforce-wire.md §7.1, CONFIRMED).
enum class EcaFileKind {
  kHeader,         // ExternalClientApplication, .eca
  kGlobalOauth,    // ExtlClntAppGlobalOauthSettings, .ecaGlblOauth (developer's private settings)
  kOauth,          // ExtlClntAppOauthSettings, .ecaOauth (scopes)
  kOauthPolicies,  // ExtlClntAppOauthConfigurablePolicies, .ecaOauthPlcy (admin's policies)
  kPolicies,       // ExtlClntAppConfigurablePolicies, .ecaPlcy (plugin switches)
};

// The file suffix without "-meta.xml", e.g. ".ecaGlblOauth".
std::string_view SuffixOf(EcaFileKind kind);

// The kind of a file name: "<name>.<suffix>-meta.xml" (DX source format) or "<name>.<suffix>"
// (Metadata API format). nullopt for any other file.
std::optional<EcaFileKind> KindOfFileName(std::string_view file_name);

// One app's files, at most one of each kind.
struct EcaApp {
  std::string name;
  std::map<EcaFileKind, std::unique_ptr<XmlFile>> files;

  // The app's file of `kind`, or nullptr when the project has none.
  const XmlFile* file(EcaFileKind kind) const;
};

// The app a file of `kind` called `file_name` belongs to: its <externalClientApplication>, else
// the file name without the suffix and the conventional _glbloauth, _oauth, _oauthPlcy, _plcy
// ending.
std::string EcaAppNameOf(const XmlFile& file, EcaFileKind kind, std::string_view file_name);

}  // namespace sfh::lint

#endif  // SFH_LINT_ECA_PROJECT_H_
