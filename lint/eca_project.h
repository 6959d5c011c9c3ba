// The External Client App metadata of a Salesforce DX project (or a Metadata API retrieve), read
// with pugixml and grouped per app. Reference: salesforce-wire.md §7.1.
#ifndef SFH_LINT_ECA_PROJECT_H_
#define SFH_LINT_ECA_PROJECT_H_

#include <cstddef>
#include <expected>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "lint/finding.h"

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

// A parsed metadata file.
struct XmlFile {
  EcaFileKind kind;
  std::string path;  // relative to the linted directory, '/' separated
  std::string text;  // the bytes read, for turning pugixml's offsets into lines
  pugi::xml_document doc;

  // The document element (e.g. <ExtlClntAppOauthSettings>).
  pugi::xml_node root() const { return doc.document_element(); }
  // 1-based line and column of a byte offset into `text`.
  std::pair<int, int> LineColumnOf(std::ptrdiff_t offset) const;
  // A finding at `node` (at the root element when `node` is empty).
  Finding At(pugi::xml_node node, std::string_view rule_id, Severity severity, std::string message,
             std::string fix_setup, std::string fix_metadata) const;
};

// One app's files, at most one of each kind.
struct EcaApp {
  std::string name;
  std::map<EcaFileKind, std::unique_ptr<XmlFile>> files;

  // The app's file of `kind`, or nullptr when the project has none.
  const XmlFile* file(EcaFileKind kind) const;
};

struct EcaProject {
  std::vector<EcaApp> apps;         // sorted by name
  std::vector<Finding> unreadable;  // files that could not be read or parsed (rule xml-unparseable)
};

// Walks `dir` recursively (symlinks not followed) for the five kinds of files. Returns an error
// message when `dir` is not a readable directory; a broken file is a finding, not an error.
[[nodiscard]] std::expected<EcaProject, std::string> LoadEcaProject(
    const std::filesystem::path& dir);

}  // namespace sfh::lint

#endif  // SFH_LINT_ECA_PROJECT_H_
