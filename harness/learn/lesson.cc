#include "harness/learn/lesson.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "mock_server/scenario/json_reader.h"
#include "mock_server/scenario/scenario_file.h"
#include "salesforce/catalogue.h"

namespace sfh::harness::learn {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using ordered_json = nlohmann::ordered_json;
using mock::JsonErrors;
using mock::ObjectReader;

constexpr size_t kMaxLessonFileBytes = 1 << 20;

// `location.<parameter>`: a parameter name of letters, digits, `_` and `-`.
bool IsLocationVariable(std::string_view name) {
  if (name == kLocationVariable) return true;
  if (!name.starts_with("location.") || name.size() == 9) return false;
  return std::ranges::all_of(name.substr(9), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-';
  });
}

bool IsKnownVariable(std::string_view name) {
  return std::ranges::find(kBuiltinVariables, name) != std::end(kBuiltinVariables) ||
         std::ranges::find(kTokenVariables, name) != std::end(kTokenVariables) ||
         IsLocationVariable(name);
}

// Every {{name}} must be a variable the runner can know (FORMAT.md, "Templates").
void CheckTemplate(const std::string& text, const std::string& pointer, JsonErrors& errors) {
  size_t pos = 0;
  while ((pos = text.find("{{", pos)) != std::string::npos) {
    const size_t end = text.find("}}", pos + 2);
    if (end == std::string::npos) {
      errors.Add(pointer, "\"{{\" without its closing \"}}\"");
      return;
    }
    const std::string name = text.substr(pos + 2, end - pos - 2);
    if (!IsKnownVariable(name))
      errors.Add(pointer, fmt::format("unknown variable {{{{{}}}}}", name));
    pos = end + 2;
  }
}

// A string-to-string object in file order (the order a form is sent in).
std::vector<std::pair<std::string, std::string>> OrderedStrings(ObjectReader& parent,
                                                                std::string_view key,
                                                                const ordered_json& ordered) {
  std::vector<std::pair<std::string, std::string>> out;
  const json* raw = parent.Raw(key);
  if (raw == nullptr) return out;
  const std::string pointer = parent.PointerTo(key);
  if (!raw->is_object()) {
    parent.errors().Add(pointer,
                        fmt::format("expected an object, got {}", mock::JsonTypeName(*raw)));
    return out;
  }
  const ordered_json& node = ordered.at(ordered_json::json_pointer(pointer));
  for (const auto& [name, value] : node.items()) {
    const std::string item_pointer = pointer + "/" + name;
    if (!value.is_string()) {
      parent.errors().Add(item_pointer, "expected a string");
      continue;
    }
    CheckTemplate(value.get<std::string>(), item_pointer, parent.errors());
    out.emplace_back(name, value.get<std::string>());
  }
  return out;
}

std::string OneOf(ObjectReader& r, std::string_view key, std::initializer_list<std::string_view> ok,
                  bool required) {
  auto value = r.String(key, required);
  if (!value) return "";
  if (std::ranges::find(ok, *value) == ok.end()) {
    r.Error(key, fmt::format("expected one of {}, got \"{}\"", fmt::join(ok, ", "), *value));
  }
  return *value;
}

LessonRequest ReadRequest(ObjectReader& r, const ordered_json& ordered,
                          const mock::OrgConfig& org) {
  LessonRequest q;
  q.method = OneOf(r, "method", {"GET", "POST"}, true);
  q.host = OneOf(r, "host", {"my_domain", "login", "test", "legacy_instance"}, false);
  q.path = r.String("path").value_or("");
  q.url = r.String("url").value_or("");
  if (q.host.empty() == q.url.empty()) {
    r.errors().Add(r.pointer(), "expected either \"host\" with \"path\", or \"url\"");
  } else if (!q.host.empty() && (q.path.empty() || q.path[0] != '/')) {
    r.Error("path", "expected a path starting with \"/\" beside \"host\"");
  } else if (!q.url.empty() && r.Has("path")) {
    r.Error("path", "\"path\" goes with \"host\"; put the path in \"url\"");
  }
  CheckTemplate(q.path, r.PointerTo("path"), r.errors());
  CheckTemplate(q.url, r.PointerTo("url"), r.errors());
  q.form = OrderedStrings(r, "form", ordered);
  q.headers = OrderedStrings(r, "headers", ordered);
  q.body = r.String("body");
  if (q.body) CheckTemplate(*q.body, r.PointerTo("body"), r.errors());
  if (q.body && r.Has("form")) r.Error("body", "expected \"form\" or \"body\", not both");
  q.auth = OneOf(r, "auth", {"basic", "body", "bearer"}, false);
  if (q.auth == "body" && q.body) r.Error("auth", "\"body\" credentials need a \"form\"");
  q.app = r.String("app").value_or("");
  if (!q.app.empty() &&
      std::ranges::none_of(org.apps, [&](const auto& app) { return app.name == q.app; })) {
    r.Error("app", fmt::format("the org has no app named \"{}\"", q.app));
  }
  r.Finish();
  return q;
}

std::map<std::string, std::string> TemplateMap(ObjectReader& r, std::string_view key) {
  std::map<std::string, std::string> out;
  auto object = r.Object(key);
  if (!object) return out;
  for (const auto& name : object->Keys()) {
    if (auto value = object->String(name, true)) {
      CheckTemplate(*value, object->PointerTo(name), r.errors());
      out[name] = *value;
    }
  }
  object->Finish();
  return out;
}

LessonExpect ReadExpect(ObjectReader& r) {
  LessonExpect e;
  e.status = static_cast<int>(r.Int("status", 100, 599).value_or(0));
  if (!r.Has("status")) r.Error("status", "expected the answer's HTTP status (required)");
  e.error = r.String("error").value_or("");
  e.error_description = r.String("error_description").value_or("");
  e.catalogue = r.String("catalogue").value_or("");
  if (!e.catalogue.empty() && std::ranges::none_of(salesforce::Catalogue(), [&](const auto& entry) {
        return entry.id == e.catalogue;
      })) {
    r.Error("catalogue", fmt::format("no catalogue entry \"{}\"", e.catalogue));
  }
  e.has = r.StringArray("has").value_or(std::vector<std::string>{});
  e.lacks = r.StringArray("lacks").value_or(std::vector<std::string>{});
  if (const json* fields = r.Raw("fields")) {
    if (!fields->is_object()) {
      r.Error("fields", "expected an object of field names and values");
    } else {
      e.fields = *fields;
      for (const auto& [name, value] : fields->items()) {
        if (value.is_string()) {
          CheckTemplate(value.get<std::string>(), r.PointerTo("fields") + "/" + name, r.errors());
        }
      }
    }
  }
  e.prefix = TemplateMap(r, "prefix");
  e.matches = TemplateMap(r, "matches");
  for (const auto& [name, pattern] : e.matches) {
    try {
      std::regex re(pattern);
    } catch (const std::regex_error& err) {
      r.errors().Add(r.PointerTo("matches") + "/" + name,
                     fmt::format("not a regular expression: {}", err.what()));
    }
  }
  e.signature_valid = r.Bool("signature_valid").value_or(false);
  e.location_prefix = r.String("location_prefix").value_or("");
  CheckTemplate(e.location_prefix, r.PointerTo("location_prefix"), r.errors());
  e.location_has = r.StringArray("location_has").value_or(std::vector<std::string>{});
  r.Finish();
  return e;
}

std::string Required(ObjectReader& r, std::string_view key) {
  auto value = r.String(key, true).value_or("");
  if (r.Has(key) && value.empty()) r.Error(key, "expected a non-empty string");
  return value;
}

std::expected<std::string, std::string> ReadText(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::unexpected("cannot be read");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  std::string text = std::move(buffer).str();
  if (text.size() > kMaxLessonFileBytes) return std::unexpected("larger than 1 MiB");
  return text;
}

}  // namespace

std::string_view ToString(LessonKind kind) {
  switch (kind) {
    case LessonKind::kLesson:
      return "lesson";
    case LessonKind::kMyth:
      return "myth";
    case LessonKind::kBreakIt:
      return "break-it";
  }
  return "lesson";
}

std::expected<Lesson, std::string> LoadLesson(const fs::path& file, const fs::path& scenario_root) {
  const std::string origin = file.string();
  auto text = ReadText(file);
  if (!text) return std::unexpected(fmt::format("{}: {}", origin, text.error()));
  json document;
  ordered_json ordered;
  try {
    document = json::parse(*text);
    ordered = ordered_json::parse(*text);
  } catch (const json::exception& e) {
    // parse_error for bad syntax, out_of_range for a number no double holds (1e999).
    return std::unexpected(fmt::format("{}: not valid JSON: {}", origin, e.what()));
  }

  JsonErrors errors;
  ObjectReader r(document, "", errors);
  Lesson lesson;
  lesson.file = file;
  lesson.id = Required(r, "id");
  lesson.title = Required(r, "title");
  const std::string kind = OneOf(r, "kind", {"lesson", "myth", "break-it"}, true);
  lesson.kind = kind == "myth"       ? LessonKind::kMyth
                : kind == "break-it" ? LessonKind::kBreakIt
                                     : LessonKind::kLesson;
  lesson.summary = Required(r, "summary");
  lesson.sources = r.StringArray("sources").value_or(std::vector<std::string>{});
  if (lesson.sources.empty()) r.Error("sources", "expected at least one source (required)");
  for (size_t i = 0; i < lesson.sources.size(); ++i) {
    static const std::regex kLabel("CONFIRMED|INFERRED|UNVERIFIED");
    if (!std::regex_search(lesson.sources[i], kLabel)) {
      errors.Add(fmt::format("/sources/{}", i),
                 "expected the source's label: CONFIRMED, INFERRED or UNVERIFIED");
    }
  }

  // The org and its faults: the scenario loader reads them, `extends` and all
  // (scenarios/FORMAT.md).
  json scenario = {{"id", lesson.id.empty() ? "lesson" : lesson.id},
                   {"title", lesson.title.empty() ? "lesson" : lesson.title}};
  if (const json* org = r.Raw("org")) scenario["org"] = *org;
  if (const json* extends = r.Raw("extends")) scenario["extends"] = *extends;
  if (const json* faults = r.Raw("faults")) scenario["faults"] = *faults;
  if (!r.Has("org") && !r.Has("extends")) {
    errors.Add("/", "expected \"org\" or \"extends\" (the org the lesson runs against)");
  }
  auto doc = mock::ParseScenario(scenario, origin, scenario_root);
  if (doc) {
    lesson.scenario.document = std::move(*doc);
    lesson.scenario.document.teaches = lesson.summary;
    lesson.scenario.display_file = file.filename().string();
  }

  auto myth = r.Object("myth");
  if (myth) {
    lesson.myth = Myth{.claim = Required(*myth, "claim"),
                       .claimed_in = Required(*myth, "claimed_in"),
                       .truth = Required(*myth, "truth"),
                       .source = Required(*myth, "source")};
    myth->Finish();
  }
  if ((lesson.kind == LessonKind::kMyth) != lesson.myth.has_value()) {
    errors.Add("/myth", "expected exactly when \"kind\" is \"myth\"");
  }
  auto break_it = r.Object("break_it");
  if (break_it) {
    lesson.break_it = BreakIt{.question = Required(*break_it, "question"),
                              .answer = Required(*break_it, "answer"),
                              .catalogue = Required(*break_it, "catalogue")};
    const std::string& id = lesson.break_it->catalogue;
    if (!id.empty() &&
        std::ranges::none_of(salesforce::Catalogue(), [&](const auto& e) { return e.id == id; })) {
      break_it->Error("catalogue", fmt::format("no catalogue entry \"{}\"", id));
    }
    break_it->Finish();
  }
  if ((lesson.kind == LessonKind::kBreakIt) != lesson.break_it.has_value()) {
    errors.Add("/break_it", "expected exactly when \"kind\" is \"break-it\"");
  }

  static const mock::OrgConfig kNoOrg;
  const mock::OrgConfig& org = doc ? lesson.scenario.document.org : kNoOrg;
  auto steps = r.ObjectArray("steps");
  if (steps.empty()) r.Error("steps", "expected a non-empty array of steps (required)");
  for (auto& s : steps) {
    LessonStep step;
    if (s.Has("say") == s.Has("request")) {
      errors.Add(s.pointer(), "expected either \"say\" or \"request\"");
    }
    step.say = s.String("say").value_or("");
    if (auto request = s.Object("request")) step.request = ReadRequest(*request, ordered, org);
    step.explain = s.String("explain").value_or("");
    if (auto expect = s.Object("expect")) {
      step.expect = ReadExpect(*expect);
    } else if (step.request) {
      s.Error("expect", "expected what the answer must be (required with \"request\")");
    }
    if (!step.say.empty() && (s.Has("explain") || s.Has("expect"))) {
      errors.Add(s.pointer(), "a \"say\" step has no \"explain\" or \"expect\"");
    }
    s.Finish();
    lesson.steps.push_back(std::move(step));
  }
  r.Finish();

  std::string message = errors.empty() ? "" : errors.Format(origin);
  if (!doc) message += (message.empty() ? "" : "\n") + doc.error();
  if (!message.empty()) return std::unexpected(message);
  return lesson;
}

std::expected<std::vector<Lesson>, std::string> LoadLessons(const fs::path& dir,
                                                            const fs::path& scenario_root) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return std::unexpected(fmt::format("{}: not a directory of lessons", dir.string()));
  }
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json") {
      files.push_back(entry.path());
    }
  }
  std::ranges::sort(files);
  std::vector<Lesson> lessons;
  std::vector<std::string> problems;
  std::map<std::string, fs::path> seen;
  for (const auto& file : files) {
    auto lesson = LoadLesson(file, scenario_root);
    if (!lesson) {
      problems.push_back(lesson.error());
      continue;
    }
    auto [it, inserted] = seen.emplace(lesson->id, file);
    if (!inserted) {
      problems.push_back(fmt::format("{}: /id: \"{}\" is already the id of {}", file.string(),
                                     lesson->id, it->second.string()));
      continue;
    }
    lessons.push_back(std::move(*lesson));
  }
  if (!problems.empty()) return std::unexpected(fmt::format("{}", fmt::join(problems, "\n")));
  if (lessons.empty()) return std::unexpected(fmt::format("{}: no lessons (*.json)", dir.string()));
  return lessons;
}

}  // namespace sfh::harness::learn
