#include "lint/xml_file.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

namespace sfh::lint {
namespace {

constexpr std::string_view kMetaXml = "-meta.xml";

}  // namespace

std::pair<int, int> XmlFile::LineColumnOf(std::ptrdiff_t offset) const {
  const size_t end =
      std::min(static_cast<size_t>(std::max<std::ptrdiff_t>(offset, 0)), text.size());
  int line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < end; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return {line, static_cast<int>(end - line_start) + 1};
}

Finding XmlFile::At(pugi::xml_node node, std::string_view rule_id, Severity severity,
                    std::string message, std::string fix_setup, std::string fix_metadata) const {
  if (!node) node = root();
  // offset_debug() points at the element's name, one past its '<'.
  const std::ptrdiff_t offset = node ? node.offset_debug() - 1 : 0;
  const auto [line, column] = LineColumnOf(offset);
  return Finding{path,
                 line,
                 column,
                 std::string(rule_id),
                 severity,
                 std::move(message),
                 std::move(fix_setup),
                 std::move(fix_metadata)};
}

std::expected<std::unique_ptr<XmlFile>, Finding> ParseXmlFile(std::string path, std::string text) {
  auto file = std::make_unique<XmlFile>();
  file->path = std::move(path);
  file->text = std::move(text);
  const pugi::xml_parse_result parsed =
      file->doc.load_buffer(file->text.data(), file->text.size(), pugi::parse_default);
  if (!parsed || !file->root()) {
    const auto [line, column] = file->LineColumnOf(parsed ? 0 : parsed.offset);
    return std::unexpected(Finding{
        file->path, line, column, "xml-unparseable", Severity::kError,
        fmt::format("not well-formed XML: {}", parsed ? "no root element" : parsed.description()),
        "", "Fix the XML (a deploy would fail too), then lint again."});
  }
  return file;
}

std::expected<std::unique_ptr<XmlFile>, Finding> ReadXmlFile(const std::filesystem::path& file,
                                                             std::string path) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return std::unexpected(Finding{std::move(path), 1, 1, "xml-unparseable", Severity::kError,
                                   "the file cannot be read", "", "Make the file readable."});
  }
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  if (!ec && size > kMaxXmlFileBytes) {
    return std::unexpected(Finding{
        std::move(path), 1, 1, "xml-unparseable", Severity::kError,
        fmt::format("the file is {} bytes, more than the {} lint reads", size, kMaxXmlFileBytes),
        "", "A metadata file of this type is a few kilobytes: check that it is the right file."});
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return ParseXmlFile(std::move(path), bytes.str());
}

std::optional<std::string> MetadataNameOf(std::string_view file_name, std::string_view suffix) {
  if (file_name.ends_with(kMetaXml)) file_name.remove_suffix(kMetaXml.size());
  if (!file_name.ends_with(suffix) || file_name.size() == suffix.size()) return std::nullopt;
  file_name.remove_suffix(suffix.size());
  return std::string(file_name);
}

bool EqualsNoCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace sfh::lint
