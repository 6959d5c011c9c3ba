#include "lint/project.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <system_error>

namespace sfh::lint {
namespace {

namespace fs = std::filesystem;

// What a file name says a file is.
enum class Type { kEca, kConnectedApp, kExternalCredential, kNamedCredential };

struct Found {
  fs::path path;
  Type type;
  std::string name;      // API name (the app, for ECA files: decided after parsing)
  EcaFileKind eca_kind;  // for kEca
};

std::optional<Found> Classify(const fs::path& path) {
  const std::string file_name = path.filename().string();
  if (const auto kind = KindOfFileName(file_name)) return Found{path, Type::kEca, "", *kind};
  static constexpr std::pair<Type, std::string_view> kSuffixes[] = {
      {Type::kConnectedApp, kConnectedAppSuffix},
      {Type::kExternalCredential, kExternalCredentialSuffix},
      {Type::kNamedCredential, kNamedCredentialSuffix},
  };
  for (const auto& [type, suffix] : kSuffixes) {
    if (auto name = MetadataNameOf(file_name, suffix)) {
      return Found{path, type, std::move(*name), EcaFileKind::kHeader};
    }
  }
  return std::nullopt;
}

template <typename T>
const T* FindByName(const std::vector<T>& items, std::string_view name) {
  for (const T& item : items) {
    if (item.name == name) return &item;
  }
  return nullptr;
}

}  // namespace

const ExternalCredential* MetadataProject::FindExternalCredential(std::string_view name) const {
  return FindByName(external_credentials, name);
}

const NamedCredential* MetadataProject::FindNamedCredential(std::string_view name) const {
  return FindByName(named_credentials, name);
}

size_t MetadataProject::FileCount() const {
  size_t count = unreadable.size() + files.size();
  for (const EcaApp& app : apps) count += app.files.size();
  return count;
}

std::expected<MetadataProject, std::string> LoadProject(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return std::unexpected(fmt::format("{} is not a directory", dir.string()));
  }
  std::vector<Found> found;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  if (ec) return std::unexpected(fmt::format("cannot read {}: {}", dir.string(), ec.message()));
  for (const fs::recursive_directory_iterator end; it != end; it.increment(ec)) {
    if (ec) return std::unexpected(fmt::format("cannot read {}: {}", dir.string(), ec.message()));
    if (!it->is_regular_file(ec)) continue;
    if (auto file = Classify(it->path())) found.push_back(std::move(*file));
  }
  std::sort(found.begin(), found.end(),
            [](const Found& a, const Found& b) { return a.path < b.path; });

  MetadataProject project;
  std::map<std::string, EcaApp> apps;
  for (Found& entry : found) {
    auto file = ReadXmlFile(entry.path, entry.path.lexically_relative(dir).generic_string());
    if (!file) {
      project.unreadable.push_back(std::move(file.error()));
      continue;
    }
    const XmlFile& parsed = **file;
    switch (entry.type) {
      case Type::kEca: {
        EcaApp& app = apps[EcaAppNameOf(parsed, entry.eca_kind, entry.path.filename().string())];
        // A second file of the same kind for one app is left out of the rules (first path wins).
        app.files.try_emplace(entry.eca_kind, std::move(*file));
        continue;
      }
      case Type::kConnectedApp:
        project.connected_apps.push_back(ReadConnectedApp(std::move(entry.name), parsed));
        break;
      case Type::kExternalCredential:
        project.external_credentials.push_back(
            ReadExternalCredential(std::move(entry.name), parsed));
        break;
      case Type::kNamedCredential:
        project.named_credentials.push_back(ReadNamedCredential(std::move(entry.name), parsed));
        break;
    }
    project.files.push_back(std::move(*file));
  }
  for (auto& [name, app] : apps) {
    app.name = name;
    project.apps.push_back(std::move(app));
  }
  return project;
}

}  // namespace sfh::lint
