#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "harness/learn/learn_command.h"
#include "harness/learn/learn_runner.h"
#include "harness/learn/lesson.h"
#include "salesforce/catalogue.h"
#include "salesforce/form.h"

namespace sfh::harness::learn {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> LessonFiles() {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(SFH_LESSON_DIR)) {
    if (e.path().extension() == ".json") files.push_back(e.path());
  }
  std::ranges::sort(files);
  return files;
}

// A scratch directory for lesson files, removed at the end.
class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() /
            ("learn_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter_++));
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }
  fs::path Write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name) << text;
    return path_ / name;
  }

 private:
  static inline int counter_ = 0;
  fs::path path_;
};

std::string ReadAll(const fs::path& file) {
  std::ifstream in(file);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// ----- every lesson plays to the end with its expectations holding -----

class EveryLesson : public testing::TestWithParam<fs::path> {};

TEST_P(EveryLesson, PlaysToTheEndWithEveryExpectationHeldAndNothingSecretShown) {
  auto lesson = LoadLesson(GetParam(), SFH_SCENARIO_DIR);
  ASSERT_TRUE(lesson.has_value()) << lesson.error();
  std::ostringstream out;
  std::vector<Narration> told;
  PlayOptions options;
  options.narrate = [&](const Narration& n) { told.push_back(n); };
  const LessonRun run = PlayLesson(*lesson, options, out);
  const std::string text = out.str();
  // The narration: the opening, one note per step (an exchange's after the exchange, placed
  // before it), the close.
  ASSERT_EQ(told.size(), lesson->steps.size() + 2);
  EXPECT_EQ(told.front().kind, "lesson");
  EXPECT_EQ(told.back().kind, "end");
  std::string narrated;
  for (size_t i = 0, seq = 0; i < lesson->steps.size(); ++i) {
    const Narration& n = told[i + 1];
    EXPECT_EQ(n.kind, lesson->steps[i].request ? "held" : "step") << n.title;
    EXPECT_EQ(n.after_seq, seq) << n.title;
    seq += lesson->steps[i].request ? 1 : 0;
  }
  for (const auto& n : told) narrated += n.title + "\n" + n.text + "\n";
  EXPECT_TRUE(run.held) << text;
  EXPECT_FALSE(run.quit);
  EXPECT_EQ(text.find("✗"), std::string::npos) << text;
  size_t exchanges = 0;
  for (const auto& step : lesson->steps) exchanges += step.request ? 1 : 0;
  EXPECT_EQ(run.transcript.size(), exchanges) << "one exchange per request step";
  // Redaction: no consumer secret, no Basic credentials, no whole opaque token.
  for (const auto& app : lesson->scenario.document.org.apps) {
    EXPECT_EQ(text.find(app.client_secret), std::string::npos) << app.name;
    EXPECT_EQ(narrated.find(app.client_secret), std::string::npos) << app.name;
    const std::string basic = salesforce::MakeBasicAuthorization(app.client_id, app.client_secret);
    EXPECT_EQ(text.find(basic.substr(6)), std::string::npos) << app.name;
  }
  EXPECT_FALSE(std::regex_search(text, std::regex("00D[A-Za-z0-9]{12}![.A-Za-z0-9_]{6,}"))) << text;
  for (const auto& t : run.transcript) {
    EXPECT_FALSE(
        std::regex_search(t.response_body, std::regex("00D[A-Za-z0-9]{12}![.A-Za-z0-9_]{6,}")));
  }
}

INSTANTIATE_TEST_SUITE_P(Lessons, EveryLesson, testing::ValuesIn(LessonFiles()),
                         [](const testing::TestParamInfo<fs::path>& info) {
                           std::string name = info.param.stem().string();
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

TEST(Lessons, CoverEveryKind) {
  auto lessons = LoadLessons(SFH_LESSON_DIR, SFH_SCENARIO_DIR);
  ASSERT_TRUE(lessons.has_value()) << lessons.error();
  auto count = [&](LessonKind kind) { return std::ranges::count(*lessons, kind, &Lesson::kind); };
  EXPECT_GE(count(LessonKind::kLesson), 4);
  EXPECT_GE(count(LessonKind::kMyth), 3);
  EXPECT_GE(count(LessonKind::kBreakIt), 2);
}

// ----- the loader names the file and the JSON pointer -----

constexpr char kGoodLesson[] = R"json({
  "id": "t/good", "title": "Good", "kind": "lesson", "summary": "s",
  "extends": "happy/http",
  "sources": ["salesforce-wire.md §1.1 (CONFIRMED)"],
  "steps": [{"request": {"method": "POST", "host": "my_domain", "path": "/services/oauth2/token",
             "form": {"grant_type": "client_credentials"}, "auth": "body"},
             "explain": "e", "expect": {"status": 200}}]
})json";

std::string LoadError(const std::string& text) {
  TempDir dir;
  const fs::path file = dir.Write("broken.json", text);
  auto lesson = LoadLesson(file, SFH_SCENARIO_DIR);
  EXPECT_FALSE(lesson.has_value());
  if (lesson) return "";
  EXPECT_NE(lesson.error().find(file.string()), std::string::npos) << lesson.error();
  return lesson.error();
}

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

TEST(LoadLesson, AGoodLessonLoads) {
  TempDir dir;
  auto lesson = LoadLesson(dir.Write("good.json", kGoodLesson), SFH_SCENARIO_DIR);
  ASSERT_TRUE(lesson.has_value()) << lesson.error();
  EXPECT_EQ(lesson->id, "t/good");
  EXPECT_EQ(lesson->scenario.document.org.apps.size(), 1u);
  ASSERT_EQ(lesson->steps.size(), 1u);
  EXPECT_EQ(lesson->steps[0].request->form.front().first, "grant_type");
}

TEST(LoadLesson, ErrorsNameTheFileAndThePointer) {
  EXPECT_NE(LoadError(Replace(kGoodLesson, R"("host": "my_domain")", R"("host": "elsewhere")"))
                .find("/steps/0/request/host: expected one of my_domain, login, test"),
            std::string::npos);
  EXPECT_NE(LoadError(Replace(kGoodLesson, R"("status": 200)", R"("status": 200, "colour": 1)"))
                .find("/steps/0/expect/colour"),
            std::string::npos);
  EXPECT_NE(LoadError(Replace(kGoodLesson, R"("client_credentials")", R"("{{tokn}}")"))
                .find("/steps/0/request/form/grant_type: unknown variable {{tokn}}"),
            std::string::npos);
  EXPECT_NE(LoadError(Replace(kGoodLesson, R"("kind": "lesson")", R"("kind": "myth")"))
                .find("/myth: expected exactly when"),
            std::string::npos);
  EXPECT_NE(LoadError(Replace(kGoodLesson, "(CONFIRMED)", ""))
                .find("/sources/0: expected the source's label"),
            std::string::npos);
  EXPECT_NE(LoadError(Replace(kGoodLesson, R"("extends": "happy/http",)",
                              R"("org": {"apps": [{"name": "A", "scopes": "api"}]},)"))
                .find("/org/apps/0/scopes"),
            std::string::npos);
  EXPECT_NE(LoadError(Replace(kGoodLesson, R"("extends": "happy/http",)", ""))
                .find("\"org\" or \"extends\""),
            std::string::npos);
  EXPECT_NE(LoadError(Replace(kGoodLesson, R"("explain": "e", "expect": {"status": 200})",
                              R"("explain": "e")"))
                .find("/steps/0/expect"),
            std::string::npos);
  EXPECT_NE(LoadError("{ not json").find("not valid JSON"), std::string::npos);
  // A number no double holds: refused, not thrown.
  EXPECT_NE(LoadError(R"({"title": 1e999})").find("not valid JSON"), std::string::npos);
}

TEST(LoadLesson, FaultsAreReadByTheScenarioLoader) {
  TempDir dir;
  const std::string with_faults = Replace(kGoodLesson, R"("extends": "happy/http",)",
                                          R"("extends": "happy/http",
                 "faults": [{"on": "GET /services/data/v*", "nth": 2, "do": "expire_sessions"}],)");
  auto lesson = LoadLesson(dir.Write("faults.json", with_faults), SFH_SCENARIO_DIR);
  ASSERT_TRUE(lesson.has_value()) << lesson.error();
  ASSERT_EQ(lesson->scenario.document.faults.size(), 1u);
  EXPECT_EQ(lesson->scenario.document.faults[0].name, "expire_sessions");
  EXPECT_EQ(lesson->scenario.document.faults[0].nth, 2);
  // Errors come from the scenario loader, with the lesson's pointer.
  EXPECT_NE(LoadError(Replace(with_faults, R"("do": "expire_sessions")", R"("do": "explode")"))
                .find("/faults/0"),
            std::string::npos);
}

// ----- a redirect's Location: {{location}}, {{location.<parameter>}}, location_* expectations
// -----

// An authorize step whose 302 gives a code, and a token step that sends it.
constexpr char kCodeLesson[] = R"json({
  "id": "t/code", "title": "Code", "kind": "lesson", "summary": "s",
  "extends": "happy/http",
  "org": {"apps": [{"name": "Billing Integration",
                    "settings": {"callback_urls": ["https://cb.example/cb"], "pkce_required": false}}]},
  "sources": ["salesforce-wire.md §2.2 (INFERRED)"],
  "steps": [
    {"request": {"method": "GET", "host": "my_domain",
                 "path": "/services/oauth2/authorize?response_type=code&client_id={{client_id}}&redirect_uri=https%3A%2F%2Fcb.example%2Fcb&state=s%201"},
     "expect": {"status": 302, "location_prefix": "https://cb.example/cb?", "location_has": ["code", "state"]}},
    {"request": {"method": "POST", "host": "my_domain", "path": "/services/oauth2/token",
                 "form": {"grant_type": "authorization_code", "code": "{{location.code}}",
                          "redirect_uri": "https://cb.example/cb"}, "auth": "body"},
     "expect": {"status": 200, "has": ["access_token"]}}
  ]
})json";

TEST(LoadLesson, LocationVariablesAndExpectationsLoad) {
  TempDir dir;
  auto lesson = LoadLesson(dir.Write("code.json", kCodeLesson), SFH_SCENARIO_DIR);
  ASSERT_TRUE(lesson.has_value()) << lesson.error();
  EXPECT_EQ(lesson->steps[0].expect.location_prefix, "https://cb.example/cb?");
  EXPECT_EQ(lesson->steps[0].expect.location_has, (std::vector<std::string>{"code", "state"}));
  EXPECT_NE(LoadError(Replace(kCodeLesson, "{{location.code}}", "{{location.}}"))
                .find("/steps/1/request/form/code: unknown variable {{location.}}"),
            std::string::npos);
  EXPECT_NE(LoadError(Replace(kCodeLesson, "{{location.code}}", "{{location.a b}}"))
                .find("unknown variable {{location.a b}}"),
            std::string::npos);
  EXPECT_NE(LoadError(Replace(kCodeLesson, R"("location_has": ["code", "state"])",
                              R"("location_has": "code")"))
                .find("/steps/0/expect/location_has"),
            std::string::npos);
  EXPECT_NE(LoadError(Replace(kCodeLesson, R"("location_prefix": "https://cb.example/cb?")",
                              R"("location_prefix": "{{locaton}}")"))
                .find("/steps/0/expect/location_prefix: unknown variable {{locaton}}"),
            std::string::npos);
}

TEST(LocationVariables, TheWholeHeaderAndEachDecodedQueryAndFragmentParameter) {
  const auto vars = LocationVariables("https://cb.example/cb?code=aPrx%3D%3D&state=s+1#x=y");
  EXPECT_EQ(vars.at("location"), "https://cb.example/cb?code=aPrx%3D%3D&state=s+1#x=y");
  EXPECT_EQ(vars.at("location.code"), "aPrx==");
  EXPECT_EQ(vars.at("location.state"), "s 1");
  EXPECT_EQ(vars.at("location.x"), "y");
  EXPECT_EQ(vars.size(), 4u);
  EXPECT_EQ(LocationVariables("https://cb.example/cb").size(), 1u);
  EXPECT_TRUE(LocationVariables("").empty());
}

TEST(PlayLesson, ARedirectsCodeIsSentOnAndLocationExpectationsAreChecked) {
  TempDir dir;
  auto lesson = LoadLesson(dir.Write("code.json", kCodeLesson), SFH_SCENARIO_DIR);
  ASSERT_TRUE(lesson.has_value()) << lesson.error();
  std::ostringstream out;
  const LessonRun run = PlayLesson(*lesson, {}, out);
  EXPECT_TRUE(run.held) << out.str();
  EXPECT_NE(out.str().find("✓ Location carries \"code\""), std::string::npos) << out.str();
  // A parameter the redirect does not carry fails the step, and the lesson ends there.
  auto missing = LoadLesson(
      dir.Write("missing.json", Replace(kCodeLesson, R"(["code", "state"])", R"(["error"])")),
      SFH_SCENARIO_DIR);
  ASSERT_TRUE(missing.has_value()) << missing.error();
  std::ostringstream out2;
  const LessonRun failed = PlayLesson(*missing, {}, out2);
  EXPECT_FALSE(failed.held);
  EXPECT_NE(out2.str().find("✗ Location carries \"error\""), std::string::npos) << out2.str();
  EXPECT_EQ(failed.transcript.size(), 1u);
}

TEST(LoadLessons, ReportsEveryBrokenFileAndDuplicateIds) {
  TempDir dir;
  dir.Write("a.json", kGoodLesson);
  dir.Write("b.json", kGoodLesson);
  dir.Write("c.json", Replace(kGoodLesson, R"("t/good")", R"("")"));
  auto lessons = LoadLessons(dir.path(), SFH_SCENARIO_DIR);
  ASSERT_FALSE(lessons.has_value());
  EXPECT_NE(lessons.error().find("b.json: /id: \"t/good\" is already the id of"), std::string::npos)
      << lessons.error();
  EXPECT_NE(lessons.error().find("c.json: /id: expected a non-empty string"), std::string::npos)
      << lessons.error();
}

TEST(Expand, ReplacesKnownVariablesAndNamesTheFirstUnknownOne) {
  EXPECT_EQ(Expand("{{a}}/x/{{b}}", {{"a", "1"}, {"b", "2"}}).value(), "1/x/2");
  auto missing = Expand("Bearer {{token}}", {{"a", "1"}});
  ASSERT_FALSE(missing.has_value());
  EXPECT_NE(missing.error().find("{{token}}"), std::string::npos);
}

// ----- the command -----

struct Command {
  int code = -1;
  std::string out;
  std::string err;
};

Command RunCommand(LearnOptions options, const std::string& input = "", bool terminal = false) {
  if (options.lessons_dir.empty()) options.lessons_dir = SFH_LESSON_DIR;
  options.scenario_root = SFH_SCENARIO_DIR;
  std::istringstream in(input);
  std::ostringstream out;
  std::ostringstream err;
  Command c;
  c.code = RunLearn(options, in, terminal, out, err);
  c.out = out.str();
  c.err = err.str();
  return c;
}

TEST(RunLearn, ListsIdKindAndTitle) {
  const Command c = RunCommand({.list = true});
  EXPECT_EQ(c.code, kLearnExitHeld);
  EXPECT_NE(c.out.find("flow/token-request"), std::string::npos) << c.out;
  EXPECT_TRUE(std::regex_search(c.out, std::regex(R"(myth/login-host\s+myth\s+Myth: )"))) << c.out;
  EXPECT_TRUE(std::regex_search(c.out, std::regex(R"(break-it/no-run-as-user\s+break-it\s+)")));
  EXPECT_EQ(c.out.find("Step 1"), std::string::npos) << "--list plays nothing";
}

TEST(RunLearn, BreakItHidesTheFixUnlessAnswerIsGiven) {
  const auto& entry = salesforce::CatalogueEntryById("token.no_client_credentials_user");
  const std::string fix_start(entry.fix.substr(0, 30));
  const Command hidden = RunCommand({.lesson_ids = {"break-it/no-run-as-user"}, .no_pause = true});
  EXPECT_EQ(hidden.code, kLearnExitHeld) << hidden.out;
  EXPECT_NE(hidden.out.find("fix:          (hidden"), std::string::npos) << hidden.out;
  EXPECT_EQ(hidden.out.find(fix_start), std::string::npos) << hidden.out;
  EXPECT_NE(hidden.out.find("--answer"), std::string::npos);

  const Command shown =
      RunCommand({.lesson_ids = {"break-it/no-run-as-user"}, .no_pause = true, .answer = true});
  EXPECT_EQ(shown.code, kLearnExitHeld);
  EXPECT_NE(shown.out.find("Answer: A Run As user"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("The catalogue's fix (token.no_client_credentials_user)"),
            std::string::npos);
  EXPECT_NE(shown.out.find(fix_start), std::string::npos) << shown.out;
}

TEST(RunLearn, ErrorAnswersAreExplainedFromTheCatalogue) {
  const Command c = RunCommand({.lesson_ids = {"myth/login-host"}, .no_pause = true});
  EXPECT_EQ(c.code, kLearnExitHeld) << c.out;
  EXPECT_NE(
      c.out.find("The catalogue knows this answer: token.request_not_supported_on_this_domain"),
      std::string::npos)
      << c.out;
  EXPECT_NE(c.out.find("What really happens:"), std::string::npos);
  EXPECT_NE(c.out.find("< HTTP/1.1 400 Bad Request"), std::string::npos);
  EXPECT_NE(c.out.find("client_secret=[REDACTED]"), std::string::npos) << c.out;
}

TEST(RunLearn, BasicCredentialsAreShownAsSentButRedacted) {
  const Command c = RunCommand({.lesson_ids = {"flow/token-request"}, .no_pause = true});
  EXPECT_EQ(c.code, kLearnExitHeld) << c.out;
  EXPECT_NE(c.out.find("> Authorization: Basic [REDACTED]"), std::string::npos) << c.out;
  EXPECT_NE(c.out.find("Base64(HMAC-SHA256(key, message)) = "), std::string::npos);
}

TEST(RunLearn, UnknownLessonOrBrokenLessonsAreUsageErrors) {
  EXPECT_EQ(RunCommand({.lesson_ids = {"no/such-lesson"}, .no_pause = true}).code, kLearnExitUsage);
  TempDir dir;
  dir.Write("a.json", "{");
  const Command c = RunCommand({.lessons_dir = dir.path().string(), .no_pause = true});
  EXPECT_EQ(c.code, kLearnExitUsage);
  EXPECT_NE(c.err.find("a.json: not valid JSON"), std::string::npos) << c.err;
}

TEST(RunLearn, ALessonOutOfDateWithTheMockExitsOne) {
  TempDir dir;
  dir.Write("a.json", Replace(kGoodLesson, R"("status": 200)", R"("status": 201)"));
  const Command c = RunCommand({.lessons_dir = dir.path().string(), .no_pause = true});
  EXPECT_EQ(c.code, kLearnExitNotHeld) << c.out;
  EXPECT_NE(c.out.find("✗ status 201 (got 200)"), std::string::npos) << c.out;
}

TEST(RunLearn, PausesOnATerminalAndQuitsOnQ) {
  const Command c = RunCommand({.lesson_ids = {"flow/token-request"}}, "\nq\n", /*terminal=*/true);
  EXPECT_EQ(c.code, kLearnExitHeld) << c.out;
  EXPECT_NE(c.out.find("Step 2 of"), std::string::npos) << c.out;
  EXPECT_EQ(c.out.find("Step 3 of"), std::string::npos) << c.out;
  EXPECT_NE(c.out.find("Enter to continue, q to quit"), std::string::npos);
}

TEST(RunLearn, DoesNotPauseWhenStdinIsNoTerminalOrWithNoPause) {
  const Command not_tty = RunCommand({.lesson_ids = {"flow/discovery"}}, "", /*terminal=*/false);
  EXPECT_EQ(not_tty.code, kLearnExitHeld);
  EXPECT_EQ(not_tty.out.find("Enter to continue"), std::string::npos);
  const Command no_pause =
      RunCommand({.lesson_ids = {"flow/discovery"}, .no_pause = true}, "", /*terminal=*/true);
  EXPECT_EQ(no_pause.code, kLearnExitHeld);
  EXPECT_EQ(no_pause.out.find("Enter to continue"), std::string::npos);
  EXPECT_NE(no_pause.out.find("Step 3 of 3"), std::string::npos);
}

TEST(RunLearn, WithTheViewerPrintsItsAddressAndWaitsForEnterAtTheEnd) {
  const Command c =
      RunCommand({.lesson_ids = {"flow/discovery"}, .no_pause = true, .viewer = true}, "\n");
  EXPECT_EQ(c.code, kLearnExitHeld) << c.out << c.err;
  EXPECT_TRUE(std::regex_search(
      c.out, std::regex(R"(^Follow along in a browser: http://127\.0\.0\.1:\d+/__admin/ui\n)")))
      << c.out;
  EXPECT_NE(c.out.find("stays in the viewer"), std::string::npos) << c.out;
  EXPECT_NE(c.out.find("Step 3 of 3"), std::string::npos);
}

TEST(RunLearn, WritesTheExchangesAsAPageWithASequenceDiagram) {
  TempDir dir;
  const fs::path page = dir.path() / "learn.html";
  const Command c = RunCommand(
      {.lesson_ids = {"flow/revoke-and-introspect"}, .no_pause = true, .html = page.string()});
  EXPECT_EQ(c.code, kLearnExitHeld) << c.out;
  const std::string html = ReadAll(page);
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("sd-exchange"), std::string::npos);
  EXPECT_NE(html.find("Introspection and revocation"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_FALSE(std::regex_search(html, std::regex("00D[A-Za-z0-9]{12}![.A-Za-z0-9_]{6,}")));
}

}  // namespace
}  // namespace sfh::harness::learn
