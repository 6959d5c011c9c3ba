// Lessons for `sfharness learn`: one JSON file per lesson under lessons/ (harness/learn/FORMAT.md).
// A lesson names an org (a scenario's `org`, or `extends` a scenario, read by the scenario
// loader) and its steps: narration, or an exchange the lesson makes with an expectation the run
// checks. Loading is strict: every error names the file and the JSON pointer.
#ifndef SFH_HARNESS_LEARN_LESSON_H_
#define SFH_HARNESS_LEARN_LESSON_H_

#include <expected>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "harness/scenario/scenario.h"

namespace sfh::harness::learn {

enum class LessonKind { kLesson, kMyth, kBreakIt };
std::string_view ToString(LessonKind kind);  // "lesson", "myth", "break-it"

// An exchange the lesson makes. Strings may hold {{variables}} (FORMAT.md, "Templates").
struct LessonRequest {
  std::string method = "GET";
  std::string host;  // "my_domain", "login" or "test"; empty when `url` is given
  std::string path;  // with `host`
  std::string url;   // a template giving an absolute URL ("{{instance_url}}/services/data/")
  std::vector<std::pair<std::string, std::string>> form;  // in file order
  std::vector<std::pair<std::string, std::string>> headers;
  std::optional<std::string> body;
  std::string auth;  // "", "basic", "body" or "bearer"
  std::string app;   // the app whose credentials {{client_id}}/{{client_secret}} are; "": first
};

// What the answer must be. Empty parts are not checked.
struct LessonExpect {
  int status = 0;
  std::string error;               // `error` (OAuth) or `errorCode` (REST) of the answer
  std::string error_description;   // `error_description` or `message`, exact
  std::string catalogue;           // the catalogue entry RecognizeErrorResponse must find
  std::vector<std::string> has;    // top-level JSON fields that must be present
  std::vector<std::string> lacks;  // ... and absent
  nlohmann::json fields =
      nlohmann::json::object();                // field -> exact JSON value (strings templated)
  std::map<std::string, std::string> prefix;   // field -> templated prefix of its string value
  std::map<std::string, std::string> matches;  // field -> ECMAScript regex over its string
  bool signature_valid = false;  // `signature` = Base64(HMAC-SHA256(secret, id + issued_at))
  std::string location_prefix;   // templated prefix of the answer's Location header
  std::vector<std::string> location_has;  // query (or fragment) parameters Location must carry
};

struct LessonStep {
  std::string say;  // narration; when set, the step makes no request
  std::optional<LessonRequest> request;
  std::string explain;
  LessonExpect expect;
};

struct Myth {
  std::string claim;       // quoted
  std::string claimed_in;  // where the claim circulates
  std::string truth;       // what really happens
  std::string source;      // salesforce-wire.md section with its label
};

struct BreakIt {
  std::string question;
  std::string answer;
  std::string catalogue;  // the catalogue entry whose fix the answer is
};

struct Lesson {
  std::string id;
  std::string title;
  LessonKind kind = LessonKind::kLesson;
  std::string summary;
  std::vector<std::string> sources;  // each with its CONFIRMED/INFERRED/UNVERIFIED label
  std::optional<Myth> myth;          // kMyth only
  std::optional<BreakIt> break_it;   // kBreakIt only
  Scenario scenario;                 // the org, loaded by the scenario loader
  std::vector<LessonStep> steps;
  std::filesystem::path file;
};

// Variables every lesson has (FORMAT.md); token responses add kTokenVariables, answers with a
// Location header add kLocationVariable and `location.<parameter>` for each of its parameters.
inline constexpr std::string_view kBuiltinVariables[] = {
    "my_domain", "login", "test", "client_id", "client_secret", "api_version"};
inline constexpr std::string_view kTokenVariables[] = {"token", "access_token", "instance_url",
                                                       "id",    "issued_at",    "signature",
                                                       "scope", "token_type",   "token_format"};
inline constexpr std::string_view kLocationVariable = "location";

// Reads one lesson file. Scenarios named by `extends` resolve against `scenario_root`. The
// error lists every problem, one a line: "<file>: <JSON pointer>: <what was expected>".
[[nodiscard]] std::expected<Lesson, std::string> LoadLesson(
    const std::filesystem::path& file, const std::filesystem::path& scenario_root);

// Every *.json lesson in `dir`, in file-name order; all broken files and duplicate ids reported.
[[nodiscard]] std::expected<std::vector<Lesson>, std::string> LoadLessons(
    const std::filesystem::path& dir, const std::filesystem::path& scenario_root);

}  // namespace sfh::harness::learn

#endif  // SFH_HARNESS_LEARN_LESSON_H_
