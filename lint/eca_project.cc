#include "lint/eca_project.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <sstream>
#include <system_error>

namespace sfh::lint {
namespace {

namespace fs = std::filesystem;

constexpr std::array<std::pair<EcaFileKind, std::string_view>, 5> kSuffixes = {{
    {EcaFileKind::kHeader, ".eca"},
    {EcaFileKind::kGlobalOauth, ".ecaGlblOauth"},
    {EcaFileKind::kOauth, ".ecaOauth"},
    {EcaFileKind::kOauthPolicies, ".ecaOauthPlcy"},
    {EcaFileKind::kPolicies, ".ecaPlcy"},
}};

constexpr std::string_view kMetaXml = "-meta.xml";

bool EndsWithNoCase(std::string_view text, std::string_view end) {
  if (text.size() < end.size()) return false;
  return std::equal(end.begin(), end.end(), text.end() - end.size(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) ==
           std::tolower(static_cast<unsigned char>(b));
  });
}

std::string StemOf(std::string_view file_name, EcaFileKind kind) {
  std::string_view stem = file_name;
  if (stem.ends_with(kMetaXml)) stem.remove_suffix(kMetaXml.size());
  stem.remove_suffix(SuffixOf(kind).size());
  return std::string(stem);
}

// The app a file belongs to. The settings and policy files name their app in
// <externalClientApplication> (Metadata API field docs; not in salesforce-wire.md, so the file
// name is the fallback). Files are conventionally named <App>_glbloauth, <App>_oauth,
// <App>_oauthPlcy and <App>_plcy (salesforce-wire.md §7.1, INFERRED): the ending is dropped.
std::string AppNameOf(const XmlFile& file, std::string_view file_name) {
  if (file.kind != EcaFileKind::kHeader) {
    std::string named = file.root().child("externalClientApplication").text().as_string();
    if (!named.empty()) return named;
  }
  std::string stem = StemOf(file_name, file.kind);
  for (std::string_view ending : {"_glbloauth", "_oauthPlcy", "_oauth", "_plcy"}) {
    if (file.kind != EcaFileKind::kHeader && EndsWithNoCase(stem, ending)) {
      stem.resize(stem.size() - ending.size());
      break;
    }
  }
  return stem;
}

}  // namespace

std::string_view SuffixOf(EcaFileKind kind) {
  for (const auto& [k, suffix] : kSuffixes) {
    if (k == kind) return suffix;
  }
  return "";
}

std::optional<EcaFileKind> KindOfFileName(std::string_view file_name) {
  if (file_name.ends_with(kMetaXml)) file_name.remove_suffix(kMetaXml.size());
  const auto dot = file_name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return std::nullopt;
  const std::string_view extension = file_name.substr(dot);
  for (const auto& [kind, suffix] : kSuffixes) {
    if (extension == suffix) return kind;
  }
  return std::nullopt;
}

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

const XmlFile* EcaApp::file(EcaFileKind kind) const {
  const auto it = files.find(kind);
  return it == files.end() ? nullptr : it->second.get();
}

std::expected<EcaProject, std::string> LoadEcaProject(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return std::unexpected(fmt::format("{} is not a directory", dir.string()));
  }
  std::vector<fs::path> paths;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  if (ec) return std::unexpected(fmt::format("cannot read {}: {}", dir.string(), ec.message()));
  for (const fs::recursive_directory_iterator end; it != end; it.increment(ec)) {
    if (ec) return std::unexpected(fmt::format("cannot read {}: {}", dir.string(), ec.message()));
    if (it->is_regular_file(ec) && KindOfFileName(it->path().filename().string())) {
      paths.push_back(it->path());
    }
  }
  std::sort(paths.begin(), paths.end());

  EcaProject project;
  std::map<std::string, EcaApp> apps;
  for (const auto& path : paths) {
    auto file = std::make_unique<XmlFile>();
    file->kind = *KindOfFileName(path.filename().string());
    file->path = path.lexically_relative(dir).generic_string();
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      project.unreadable.push_back({file->path, 1, 1, "xml-unparseable", Severity::kError,
                                    "the file cannot be read", "", "Make the file readable."});
      continue;
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    file->text = bytes.str();
    const pugi::xml_parse_result parsed =
        file->doc.load_buffer(file->text.data(), file->text.size(), pugi::parse_default);
    if (!parsed || !file->root()) {
      const auto [line, column] = file->LineColumnOf(parsed ? 0 : parsed.offset);
      project.unreadable.push_back({file->path, line, column, "xml-unparseable", Severity::kError,
                                    fmt::format("not well-formed XML: {}",
                                                parsed ? "no root element" : parsed.description()),
                                    "", "Fix the XML (a deploy would fail too), then lint again."});
      continue;
    }
    EcaApp& app = apps[AppNameOf(*file, path.filename().string())];
    // A second file of the same kind for one app is left out of the rules (first path wins).
    app.files.try_emplace(file->kind, std::move(file));
  }
  for (auto& [name, app] : apps) {
    app.name = name;
    project.apps.push_back(std::move(app));
  }
  return project;
}

}  // namespace sfh::lint
