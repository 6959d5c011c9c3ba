#include "harness/record/replacer.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <vector>

#include "mock_server/endpoints/routes.h"
#include "mock_server/org/sobjects.h"
#include "salesforce/api_versions.h"
#include "salesforce/record_id.h"

namespace sfh::harness::record {
namespace {

namespace sf = ::sfh::salesforce;

// Path words of Salesforce's APIs beyond the ones the mock serves: they name an API, never an
// org, so a recorded request keeps them.
constexpr std::string_view kPlatformWords[] = {
    "apexrest", "async",  "batch",   "chatter", "composite",           "connect",   "deleted",
    "ingest",   "jobs",   "recent",  "search",  "parameterizedSearch", "sobject",   "tooling",
    "tree",     "ui-api", "updated", "actions", "analytics",           "listviews", "layouts",
};

std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    const size_t slash = path.find('/', start);
    out.push_back(path.substr(start, slash == std::string_view::npos ? slash : slash - start));
    if (slash == std::string_view::npos) return out;
    start = slash + 1;
  }
}

// The literal segments of the mock's routes, its objects' names and the platform's words.
const std::set<std::string, std::less<>>& Vocabulary() {
  static const auto* words = [] {
    auto* set = new std::set<std::string, std::less<>>();
    for (const auto& route : mock::Routes()) {
      for (const auto segment : Segments(route.pattern)) {
        if (!segment.empty() && segment.find('{') == std::string_view::npos) {
          set->emplace(segment);
        }
      }
    }
    for (const auto& type : mock::SObjectTypes()) set->emplace(type.name);
    for (const auto word : kPlatformWords) set->emplace(word);
    return set;
  }();
  return *words;
}

// What a path segment becomes: "" for an id (the caller decides), the segment when it names
// nothing of the org, else "*".
enum class SegmentKind { kKeep, kId, kOther };
SegmentKind Classify(std::string_view segment) {
  if (segment.empty() || Vocabulary().contains(segment)) return SegmentKind::kKeep;
  if (segment == "latest" || sf::ParseVersionSegment(segment)) return SegmentKind::kKeep;
  if (Replacer::LooksLikeId(segment)) return SegmentKind::kId;
  return SegmentKind::kOther;
}

}  // namespace

bool Replacer::LooksLikeId(std::string_view text) {
  if (text.size() != 15 && text.size() != 18) return false;
  const bool alnum =
      std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isalnum(c) != 0; });
  const bool digit =
      std::any_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
  return alnum && digit && sf::To15(text).has_value();
}

std::string Replacer::Id(std::string_view id) {
  const std::string key = sf::To15(id).value_or(std::string(id));
  seen_ids_.insert(key);
  if (const auto it = ids_.find(key); it != ids_.end()) return it->second;
  const std::string prefix(key.substr(0, 3));
  std::string fake;
  do {  // a stand-in that is no live id seen so far
    fake = fmt::format("{}{:012d}", prefix, ++id_counters_[prefix]);
  } while (seen_ids_.contains(fake));
  const std::string full = *sf::To18(fake);
  ids_.emplace(key, full);
  return full;
}

std::string Replacer::Value(std::string_view field, std::string_view value) {
  seen_values_.emplace(value);
  const auto key = std::make_pair(std::string(field), std::string(value));
  if (const auto it = values_.find(key); it != values_.end()) return it->second;
  std::string fake;
  do {
    fake = fmt::format("{} {}", field, ++value_counters_[std::string(field)]);
  } while (seen_values_.contains(fake));
  values_.emplace(key, fake);
  return fake;
}

std::string Replacer::Path(std::string_view path) {
  std::string out;
  bool first = true;
  for (const auto segment : Segments(path)) {
    if (!first) out += '/';
    first = false;
    switch (Classify(segment)) {
      case SegmentKind::kKeep:
        out += segment;
        break;
      case SegmentKind::kId:
        out += Id(segment);
        break;
      case SegmentKind::kOther:
        out += '*';
        break;
    }
  }
  return out;
}

std::string Replacer::PathGlob(std::string_view path) {
  std::string out;
  bool first = true;
  for (const auto segment : Segments(path)) {
    if (!first) out += '/';
    first = false;
    out += Classify(segment) == SegmentKind::kKeep ? std::string(segment) : std::string("*");
  }
  return out;
}

}  // namespace sfh::harness::record
