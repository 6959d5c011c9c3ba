// Everything `sfharness lint` reads from a Salesforce DX project or a Metadata API retrieve, in
// one walk of the directory: External Client Apps (grouped per app), classic Connected Apps,
// External Credentials and Named Credentials, and the files that could not be read.
#ifndef SFH_LINT_PROJECT_H_
#define SFH_LINT_PROJECT_H_

#include <cstddef>
#include <expected>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "lint/connected_app.h"
#include "lint/credentials.h"
#include "lint/eca_project.h"
#include "lint/finding.h"
#include "lint/xml_file.h"

namespace sfh::lint {

// Move-only. Moving keeps every XmlFile* and pugi::xml_node valid (the files live on the heap).
struct MetadataProject {
  std::vector<EcaApp> apps;                              // sorted by name
  std::vector<ConnectedApp> connected_apps;              // sorted by path
  std::vector<ExternalCredential> external_credentials;  // sorted by path
  std::vector<NamedCredential> named_credentials;        // sorted by path
  std::vector<Finding> unreadable;  // files that could not be read or parsed (xml-unparseable)
  // The parsed files of connected_apps and the credentials (ECA files are owned by their app).
  std::vector<std::unique_ptr<XmlFile>> files;

  // The first credential with that API name (exact: API names are case-sensitive), or nullptr.
  const ExternalCredential* FindExternalCredential(std::string_view name) const;
  const NamedCredential* FindNamedCredential(std::string_view name) const;
  // Metadata files found, parsed or not.
  size_t FileCount() const;
};

// Walks `dir` recursively (symlinks not followed) for the five ECA types, ConnectedApp,
// ExternalCredential and NamedCredential files, in source (`-meta.xml`) or Metadata API format.
// Returns an error message when `dir` is not a readable directory; a broken file is an
// xml-unparseable finding in `unreadable`, not an error. Never throws.
[[nodiscard]] std::expected<MetadataProject, std::string> LoadProject(
    const std::filesystem::path& dir);

}  // namespace sfh::lint

#endif  // SFH_LINT_PROJECT_H_
