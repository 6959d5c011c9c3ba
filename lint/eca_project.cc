#include "lint/eca_project.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace sfh::lint {
namespace {

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

// The app a file belongs to. The settings and policy files name their app in
// <externalClientApplication> (Metadata API field docs; not in salesforce-wire.md, so the file
// name is the fallback). Files are conventionally named <App>_glbloauth, <App>_oauth,
// <App>_oauthPlcy and <App>_plcy (salesforce-wire.md §7.1, INFERRED): the ending is dropped.
std::string EcaAppNameOf(const XmlFile& file, EcaFileKind kind, std::string_view file_name) {
  if (kind != EcaFileKind::kHeader) {
    std::string named = file.root().child("externalClientApplication").text().as_string();
    if (!named.empty()) return named;
  }
  std::string stem = StemOf(file_name, kind);
  for (std::string_view ending : {"_glbloauth", "_oauthPlcy", "_oauth", "_plcy"}) {
    if (kind != EcaFileKind::kHeader && EndsWithNoCase(stem, ending)) {
      stem.resize(stem.size() - ending.size());
      break;
    }
  }
  return stem;
}

const XmlFile* EcaApp::file(EcaFileKind kind) const {
  const auto it = files.find(kind);
  return it == files.end() ? nullptr : it->second.get();
}

}  // namespace sfh::lint
