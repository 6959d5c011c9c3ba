#include "mock_server/scenario/scenario_file.h"

#include <fmt/format.h>

#include <fstream>
#include <set>
#include <sstream>

namespace sfh::mock {
namespace {

namespace fs = std::filesystem;

constexpr size_t kMaxReferencedFileBytes = 64 << 10;

// Reads a whole file of at most `max_bytes`.
std::expected<std::string, std::string> ReadFile(const fs::path& file, size_t max_bytes) {
  std::error_code ec;
  const auto size = fs::file_size(file, ec);
  if (ec) return std::unexpected(fmt::format("cannot read {}: {}", file.string(), ec.message()));
  if (size > max_bytes) {
    return std::unexpected(
        fmt::format("{} is {} bytes, more than the {} allowed", file.string(), size, max_bytes));
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::unexpected(fmt::format("cannot open {}", file.string()));
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// `reference` resolved against `root`, when it names an existing file under it.
std::expected<fs::path, std::string> ResolveUnderRoot(const fs::path& root,
                                                      const std::string& reference,
                                                      std::string_view default_extension) {
  if (root.empty()) {
    return std::unexpected(std::string(
        "cannot be resolved: this scenario has no scenario root (sfmock: --scenario-root)"));
  }
  fs::path relative(reference);
  if (reference.empty() || relative.is_absolute()) {
    return std::unexpected(
        fmt::format("expected a path relative to the scenario root, got \"{}\"", reference));
  }
  if (!default_extension.empty() && !relative.has_extension()) {
    relative += default_extension;
  }
  std::error_code ec;
  const fs::path canonical_root = fs::canonical(root, ec);
  if (ec) return std::unexpected(fmt::format("scenario root {}: {}", root.string(), ec.message()));
  const fs::path target = fs::weakly_canonical(canonical_root / relative, ec);
  const fs::path inside = target.lexically_relative(canonical_root);
  if (ec || inside.empty() || *inside.begin() == "..") {
    return std::unexpected(
        fmt::format("\"{}\" is outside the scenario root {}", reference, canonical_root.string()));
  }
  if (!fs::is_regular_file(target, ec)) {
    return std::unexpected(fmt::format(
        "no file \"{}\" under the scenario root {} (--scenario-root names another root)",
        relative.string(), canonical_root.string()));
  }
  return target;
}

std::optional<std::string> KeyOf(const nlohmann::json& element) {
  if (!element.is_object()) return std::nullopt;
  for (const char* key : {"name", "username", "Id"}) {
    auto it = element.find(key);
    if (it != element.end() && it->is_string())
      return std::string(key) + "=" + it->get<std::string>();
  }
  return std::nullopt;
}

bool IsArrayOfObjects(const nlohmann::json& value) {
  if (!value.is_array() || value.empty()) return false;
  for (const auto& e : value) {
    if (!e.is_object()) return false;
  }
  return true;
}

// Replaces `extends` with what it extends, merged; records the chain. Errors go to `errors`.
void ExpandExtends(nlohmann::json& document, const fs::path& root, int depth,
                   std::set<fs::path>& seen, std::vector<std::string>& chain, JsonErrors& errors) {
  auto it = document.find("extends");
  if (it == document.end()) return;
  if (!it->is_string()) {
    errors.Add("/extends", fmt::format("expected a string, got {}", JsonTypeName(*it)));
    return;
  }
  const std::string reference = it->get<std::string>();
  for (const char* own : {"id", "title"}) {
    if (!document.contains(own)) {
      errors.Add(fmt::format("/{}", own),
                 "is required in a scenario that extends another (it is not inherited)");
    }
  }
  if (depth >= kMaxExtendsDepth) {
    errors.Add("/extends", fmt::format("extends more than {} scenarios deep", kMaxExtendsDepth));
    return;
  }
  auto file = ResolveUnderRoot(root, reference, ".json");
  if (!file) {
    errors.Add("/extends", file.error());
    return;
  }
  if (!seen.insert(*file).second) {
    errors.Add("/extends", fmt::format("\"{}\" extends itself in a cycle", reference));
    return;
  }
  auto text = ReadFile(*file, kMaxScenarioFileBytes);
  if (!text) {
    errors.Add("/extends", text.error());
    return;
  }
  nlohmann::json base = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (base.is_discarded() || !base.is_object()) {
    errors.Add("/extends", fmt::format("{} is not a JSON object", file->string()));
    return;
  }
  chain.push_back(reference);
  ExpandExtends(base, root, depth + 1, seen, chain, errors);
  nlohmann::json own = document;
  own.erase("extends");
  // What the base teaches and says of itself is not the extension's.
  for (const char* key : {"id", "title", "teaches", "tags"}) base.erase(key);
  MergeScenarioJson(base, own);
  document = std::move(base);
}

// Replaces each app's settings.certificate_file with the file's text as settings.certificate.
void ResolveFileReferences(nlohmann::json& document, const fs::path& root, JsonErrors& errors) {
  auto org = document.find("org");
  if (org == document.end() || !org->is_object()) return;
  auto apps = org->find("apps");
  if (apps == org->end() || !apps->is_array()) return;
  for (size_t i = 0; i < apps->size(); ++i) {
    auto& app = (*apps)[i];
    if (!app.is_object() || !app.contains("settings") || !app["settings"].is_object()) continue;
    auto& settings = app["settings"];
    auto ref = settings.find("certificate_file");
    if (ref == settings.end()) continue;
    const std::string pointer = fmt::format("/org/apps/{}/settings/certificate_file", i);
    if (!ref->is_string()) {
      errors.Add(pointer, fmt::format("expected a string, got {}", JsonTypeName(*ref)));
      continue;
    }
    if (settings.contains("certificate")) {
      errors.Add(pointer, "give either certificate or certificate_file, not both");
      continue;
    }
    auto file = ResolveUnderRoot(root, ref->get<std::string>(), "");
    auto text = file ? ReadFile(*file, kMaxReferencedFileBytes)
                     : std::expected<std::string, std::string>(std::unexpected(file.error()));
    if (!text) {
      errors.Add(pointer, text.error());
      continue;
    }
    settings.erase("certificate_file");
    settings["certificate"] = *text;
  }
}

}  // namespace

void MergeScenarioJson(nlohmann::json& base, const nlohmann::json& patch) {
  if (base.is_object() && patch.is_object()) {
    for (const auto& [key, value] : patch.items()) {
      if (value.is_null()) {
        base.erase(key);
      } else if (base.contains(key)) {
        MergeScenarioJson(base[key], value);
      } else {
        base[key] = value;
      }
    }
    return;
  }
  if (IsArrayOfObjects(base) && IsArrayOfObjects(patch)) {
    for (const auto& element : patch) {
      const auto key = KeyOf(element);
      bool merged = false;
      for (auto& existing : base) {
        if (key && KeyOf(existing) == key) {
          MergeScenarioJson(existing, element);
          merged = true;
          break;
        }
      }
      if (!merged) base.push_back(element);
    }
    return;
  }
  base = patch;
}

namespace {

// ParseScenario for a document read from `self` (empty when it came from elsewhere), so a chain
// of extends that comes back to it is a cycle.
std::expected<ScenarioDocument, std::string> Parse(const nlohmann::json& original,
                                                   const std::string& origin, const fs::path& root,
                                                   const fs::path& self) {
  JsonErrors errors;
  nlohmann::json document = original;
  std::vector<std::string> chain;
  if (document.is_object()) {
    std::set<fs::path> seen;
    std::error_code ec;
    if (!self.empty()) seen.insert(fs::weakly_canonical(self, ec));
    ExpandExtends(document, root, 0, seen, chain, errors);
    ResolveFileReferences(document, root, errors);
  }
  if (!errors.empty()) return std::unexpected(errors.Format(origin));

  ObjectReader r(document, "", errors);
  ScenarioDocument doc;
  doc.extends = std::move(chain);
  doc.id = r.String("id", true).value_or("");
  doc.title = r.String("title", true).value_or("");
  doc.teaches = r.String("teaches").value_or("");
  doc.tags = r.StringArray("tags").value_or(std::vector<std::string>{});
  if (auto transport = r.String("transport")) {
    if (*transport == "https") {
      doc.tls = true;
    } else if (*transport != "http") {
      r.Error("transport", fmt::format("expected \"http\" or \"https\", got \"{}\"", *transport));
    }
  }
  if (auto org = r.Object("org")) {
    doc.org = ReadOrgConfig(*org);
  } else {
    static const nlohmann::json kEmptyObject = nlohmann::json::object();
    JsonErrors ignored;
    ObjectReader empty(kEmptyObject, "/org", ignored);
    doc.org = ReadOrgConfig(empty);
  }
  for (auto& fault : r.ObjectArray("faults")) {
    doc.faults.push_back(ReadFaultRule(fault));
    if (auto unknown = UnknownFaultApp(doc.faults.back(), doc.org)) fault.Error("app", *unknown);
  }
  if (const auto* client = r.Raw("client")) doc.client = *client;
  if (const auto* expect = r.Raw("expect")) doc.expect = *expect;
  r.Finish();
  if (doc.org.apps.empty() && errors.empty()) {
    errors.Add("/org/apps", "the org needs at least one app for the client to use");
  }
  if (!errors.empty()) return std::unexpected(errors.Format(origin));
  return doc;
}

}  // namespace

std::expected<ScenarioDocument, std::string> ParseScenario(const nlohmann::json& document,
                                                           const std::string& origin,
                                                           const fs::path& root) {
  return Parse(document, origin, root, {});
}

std::expected<ScenarioDocument, std::string> LoadScenarioFile(const fs::path& file,
                                                              const fs::path& root) {
  const std::string origin = file.string();
  auto text = ReadFile(file, kMaxScenarioFileBytes);
  if (!text) return std::unexpected(fmt::format("{}: {}", origin, text.error()));
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(*text);
  } catch (const nlohmann::json::exception& e) {
    // parse_error for bad syntax, out_of_range for a number no double holds (1e999).
    return std::unexpected(fmt::format("{}: not valid JSON: {}", origin, e.what()));
  }
  const fs::path scenario_root = root.empty() ? file.parent_path() : root;
  auto doc = Parse(document, origin, scenario_root.empty() ? "." : scenario_root, file);
  if (doc) doc->file = file;
  return doc;
}

}  // namespace sfh::mock
