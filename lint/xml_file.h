// One metadata file read with pugixml, with what it takes to turn pugixml's byte offsets into the
// line and column of a finding. Shared by every metadata type lint reads.
#ifndef SFH_LINT_XML_FILE_H_
#define SFH_LINT_XML_FILE_H_

#include <cstddef>
#include <expected>
#include <filesystem>
#include <memory>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <utility>

#include "lint/finding.h"

namespace sfh::lint {

// A parsed metadata file. Not copyable (pugi::xml_document); held by unique_ptr so that
// pointers to it and to its nodes stay valid while the project that owns it is moved.
struct XmlFile {
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

// Parses `text` as the file `path` (relative, for positions and messages). A text that is not
// well-formed XML, or has no root element, is an xml-unparseable finding at the parser's
// position.
[[nodiscard]] std::expected<std::unique_ptr<XmlFile>, Finding> ParseXmlFile(std::string path,
                                                                            std::string text);

// Files larger than this are not read: an xml-unparseable finding says so.
inline constexpr size_t kMaxXmlFileBytes = 8 << 20;

// Reads and parses `file`, naming it `path` in positions. A file that cannot be read, or is
// larger than kMaxXmlFileBytes, is an xml-unparseable finding too. Never throws.
[[nodiscard]] std::expected<std::unique_ptr<XmlFile>, Finding> ReadXmlFile(
    const std::filesystem::path& file, std::string path);

// The API name in a metadata file name "<name><suffix>-meta.xml" (DX source format) or
// "<name><suffix>" (Metadata API format), e.g. ("Acme.namedCredential-meta.xml",
// ".namedCredential") -> "Acme". nullopt for any other name, or an empty <name>. The suffix
// compares exactly (Salesforce's suffixes are case-sensitive).
std::optional<std::string> MetadataNameOf(std::string_view file_name, std::string_view suffix);

// Case-insensitive ASCII comparison, for the names Salesforce compares that way.
bool EqualsNoCase(std::string_view a, std::string_view b);

}  // namespace sfh::lint

#endif  // SFH_LINT_XML_FILE_H_
