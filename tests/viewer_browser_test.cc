// The live exchange viewer (/__admin/ui) in a real browser. sfmock serves a scenario whose fault
// expires the sessions once, the curl client runs against it in a loop, and headless Chromium
// loads the page while the client keeps running. The rendered DOM must show the token request,
// the faulted REST call with its fault badge and the catalogue's explanation of
// INVALID_SESSION_ID; a screenshot is kept as an artifact (artifacts/viewer.png beside this test).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <regex>
#include <thread>
#include <tuple>

#include "harness/clients/process.h"
#include "harness/learn/learn_runner.h"
#include "harness/learn/lesson.h"
#include "harness/learn/lesson_viewer.h"
#include "salesforce/catalogue.h"
#include "tests/tool_runner.h"

namespace sfh::tests {
namespace {

namespace fs = std::filesystem;
namespace sf = ::sfh::salesforce;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

constexpr char kClientId[] = "3MVG9viewer.test.client.id";
constexpr char kClientSecret[] = "viewer-test-client-secret-5d1f";

// The journal's exchanges.
nlohmann::json JournalExchanges(httplib::Client& admin, const std::string& admin_path,
                                const httplib::Headers& headers) {
  const auto res = admin.Get(admin_path + "/journal", headers);
  if (!res || res->status != 200) return nlohmann::json::array();
  auto body = nlohmann::json::parse(res->body, nullptr, false);
  if (body.is_object() && body.contains("exchanges")) return body["exchanges"];
  return nlohmann::json::array();
}

bool HasFaultedCall(const nlohmann::json& exchanges) {
  for (const auto& e : exchanges) {
    if (e.value("status", 0) == 401 && e.value("fault", "") == "expire_sessions") return true;
  }
  return false;
}

// The curl client (clients/curl/sfclient.sh) run again and again under the client contract
// until stopped.
class ClientLoop {
 public:
  explicit ClientLoop(const nlohmann::json& ready) {
    const std::string my_domain = ready["my_domain_url"];
    env_ = {{"SF_MY_DOMAIN_URL", my_domain},
            {"SF_TOKEN_URL", ready["token_url"]},
            {"SF_LOGIN_URL", ready["login_url"]},
            {"SF_CLIENT_ID", kClientId},
            {"SF_CLIENT_SECRET", kClientSecret},
            {"SF_API_VERSION", ready["api_version"]},
            {"SF_CALLS", "3"},
            {"SF_SCENARIO", "session/expires-mid-run"}};
    thread_ = std::jthread([this](std::stop_token stop) { Run(stop); });
  }
  ~ClientLoop() { Stop(); }
  void Stop() {
    if (thread_.joinable()) {
      thread_.request_stop();
      thread_.join();
    }
  }
  int runs() const { return runs_; }
  std::vector<std::string> failures() {
    std::lock_guard lock(mu_);
    return failures_;
  }

 private:
  void Run(std::stop_token stop) {
    while (!stop.stop_requested()) {
      harness::ProcessOptions options;
      options.argv = {"bash", std::string(SFH_SOURCE_DIR) + "/clients/curl/sfclient.sh"};
      options.env = env_;
      options.timeout = std::chrono::seconds(30);
      const auto result = harness::RunProcess(options);
      ++runs_;
      if (!result.started || result.exit_code != 0) {
        std::lock_guard lock(mu_);
        failures_.push_back(result.spawn_error + result.err.substr(0, 400));
      }
      // A pause between runs keeps the journal (and the page) a readable size.
      for (int i = 0; i < 5 && !stop.stop_requested(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
    }
  }

  std::map<std::string, std::string> env_;
  std::atomic<int> runs_ = 0;
  std::mutex mu_;
  std::vector<std::string> failures_;
  std::jthread thread_;
};

// One <tr class="exchange"> of the dumped DOM: its attributes and its markup up to </tr>.
struct RenderedRow {
  std::map<std::string, std::string> attrs;
  std::string html;
  std::string attr(const std::string& name) const {
    const auto it = attrs.find(name);
    return it == attrs.end() ? "" : it->second;
  }
};

std::string UnescapeAttribute(std::string value) {
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"&quot;", "\""}, {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}}) {
    for (size_t at = value.find(from); at != std::string::npos; at = value.find(from, at + 1)) {
      value.replace(at, from.size(), to);
    }
  }
  return value;
}

std::map<std::string, std::string> Attributes(const std::string& tag) {
  static const std::regex kAttribute(R"re(([a-zA-Z][-a-zA-Z0-9]*)="([^"]*)")re");
  std::map<std::string, std::string> attrs;
  for (std::sregex_iterator it(tag.begin(), tag.end(), kAttribute), end; it != end; ++it) {
    attrs[(*it)[1]] = UnescapeAttribute((*it)[2]);
  }
  return attrs;
}

// The start tag of the element with `id`, or "".
std::string StartTagWithId(const std::string& dom, const std::string& id) {
  const size_t at = dom.find("id=\"" + id + "\"");
  if (at == std::string::npos) return "";
  const size_t open = dom.rfind('<', at);
  return dom.substr(open, dom.find('>', at) - open + 1);
}

// The element with `id` as markup up to its first `close` tag.
std::string ElementWithId(const std::string& dom, const std::string& id, const std::string& close) {
  const size_t at = dom.find("id=\"" + id + "\"");
  if (at == std::string::npos) return "";
  const size_t open = dom.rfind('<', at);
  const size_t end = dom.find(close, at);
  return dom.substr(open, end == std::string::npos ? std::string::npos : end + close.size() - open);
}

std::vector<RenderedRow> ExchangeRows(const std::string& dom) {
  std::vector<RenderedRow> rows;
  for (size_t at = dom.find("<tr "); at != std::string::npos; at = dom.find("<tr ", at + 1)) {
    const std::string tag = dom.substr(at, dom.find('>', at) - at + 1);
    RenderedRow row{Attributes(tag), ""};
    const std::string cls = " " + row.attr("class") + " ";
    if (cls.find(" exchange ") == std::string::npos) continue;
    const size_t end = dom.find("</tr>", at);
    row.html = dom.substr(at, end == std::string::npos ? std::string::npos : end + 5 - at);
    rows.push_back(std::move(row));
  }
  return rows;
}

TEST(ViewerAssets, AreServedFromTheBinaryWithAStrictPolicy) {
  BackgroundMock mock({"--port", "0"});
  ASSERT_TRUE(mock.ok()) << mock.error();
  httplib::Client client(mock.ready()["my_domain_url"].get<std::string>());
  client.set_connection_timeout(5, 0);
  client.set_read_timeout(5, 0);
  const fs::path ui = fs::path(SFH_SOURCE_DIR) / "mock_server/admin/ui";
  const std::vector<std::tuple<std::string, std::string, std::string>> assets = {
      {"/__admin/ui", "index.html", "text/html; charset=utf-8"},
      {"/__admin/ui/", "index.html", "text/html; charset=utf-8"},
      {"/__admin/ui/viewer.js", "viewer.js", "text/javascript; charset=utf-8"},
      {"/__admin/ui/viewer.css", "viewer.css", "text/css; charset=utf-8"},
  };
  for (const auto& [path, file, content_type] : assets) {
    SCOPED_TRACE(path);
    const auto res = client.Get(path);
    ASSERT_TRUE(res) << httplib::to_string(res.error());
    EXPECT_EQ(res->status, 200);
    EXPECT_EQ(res->get_header_value("Content-Type"), content_type);
    EXPECT_EQ(res->get_header_value("Cache-Control"), "no-store");
    EXPECT_EQ(res->get_header_value("Content-Security-Policy"),
              "default-src 'self'; style-src 'self'; script-src 'self'; img-src 'self' data:");
    // The bytes built in are the source files' (the build re-embeds them when they change).
    EXPECT_EQ(res->body, ReadFile(ui / file));
    // Nothing is loaded from anywhere else: no absolute URL at all.
    EXPECT_THAT(res->body, Not(HasSubstr("://")));
  }
  const auto missing = client.Get("/__admin/ui/nope.js");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
}

TEST(ViewerBrowser, ShowsTheExchangesTheFaultAndTheExplanationWhileAClientRuns) {
  const std::string chromium = FindChromium();
  ASSERT_FALSE(chromium.empty())
      << "chromium is not installed: run scripts/install-deps (it installs Debian's chromium, "
         "which this test drives headless)";

  TempDir temp("sfh-viewer-test");
  const fs::path artifacts = fs::path(SFH_TEST_BINARY_DIR) / "artifacts";
  fs::create_directories(artifacts);
  const fs::path screenshot = artifacts / "viewer.png";
  fs::remove(screenshot);

  BackgroundMock mock(
      {"--scenario",
       WriteScenarioWithCredentials(temp.path(), "session/expires-mid-run",
                                    "viewer/expires-mid-run", "The viewer shows a session expiring",
                                    kClientId, kClientSecret)
           .string(),
       "--scenario-root", (fs::path(SFH_SOURCE_DIR) / "scenarios").string(), "--port", "0"});
  ASSERT_TRUE(mock.ok()) << mock.error();
  const auto& ready = mock.ready();
  const std::string admin_url = ready["admin_url"];
  const std::string my_domain = ready["my_domain_url"];
  ASSERT_THAT(admin_url, StartsWith(my_domain));
  const std::string admin_path = admin_url.substr(my_domain.size());
  // When the admin API wants a token, the page gets it in its fragment (never sent to the
  // server as part of the URL) and sends it as X-Sfmock-Admin-Token.
  httplib::Headers admin_headers;
  std::string fragment;
  if (ready.contains("admin_token")) {
    const std::string token = ready["admin_token"];
    admin_headers.emplace("X-Sfmock-Admin-Token", token);
    fragment = "#token=" + token;
  }
  httplib::Client admin(my_domain);
  admin.set_connection_timeout(5, 0);
  admin.set_read_timeout(5, 0);

  // The client runs from now until the browser is done.
  ClientLoop client(ready);
  // Bounded: the first run hits the fault (the scenario's second REST call).
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  nlohmann::json before = JournalExchanges(admin, admin_path, admin_headers);
  while (!HasFaultedCall(before) && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    before = JournalExchanges(admin, admin_path, admin_headers);
  }
  ASSERT_TRUE(HasFaultedCall(before))
      << "no 401 with the fault expire_sessions within 30 s: " << before.dump().substr(0, 2000);
  const size_t journaled_before = before.size();

  const std::string page = admin_url + "/ui";
  const auto dom_run = RunChromium(chromium, temp.path() / "profile-dom", {"--dump-dom"},
                                   page + fragment, std::chrono::seconds(5), ChromiumNetwork::kOn);
  const auto shot_run = RunChromium(
      chromium, temp.path() / "profile-shot",
      {"--screenshot=" + screenshot.string(), "--window-size=1280,900", "--hide-scrollbars"},
      page + "?expand=errors" + fragment, std::chrono::seconds(5), ChromiumNetwork::kOn);
  const size_t journaled_after = JournalExchanges(admin, admin_path, admin_headers).size();
  client.Stop();

  ASSERT_TRUE(dom_run.started) << dom_run.spawn_error;
  ASSERT_FALSE(dom_run.timed_out) << "chromium did not finish within 60 s: " << dom_run.err;
  ASSERT_EQ(dom_run.exit_code, 0) << dom_run.err;
  const std::string& dom = dom_run.out;
  std::ofstream(artifacts / "viewer-dom.html") << dom;

  // The client kept running while the browser had the page open, and never failed.
  EXPECT_GT(journaled_after, journaled_before) << "the client made no request meanwhile";
  EXPECT_GE(client.runs(), 2);
  EXPECT_THAT(client.failures(), ::testing::IsEmpty());

  // The page is live and shows at least every exchange that was journaled before it opened.
  EXPECT_THAT(StartTagWithId(dom, "connection"), HasSubstr("data-state=\"live\""))
      << ElementWithId(dom, "connection", "</p>");
  const auto rows = ExchangeRows(dom);
  ASSERT_GE(rows.size(), journaled_before) << dom.substr(0, 4000);
  EXPECT_EQ(rows.front().attr("data-seq"), "1");
  EXPECT_THAT(ElementWithId(dom, "counter", "</p>"), HasSubstr("in view"));

  // The token request.
  const auto token = std::find_if(rows.begin(), rows.end(), [](const RenderedRow& r) {
    return r.attr("data-method") == "POST" && r.attr("data-path") == "/services/oauth2/token" &&
           r.attr("data-status") == "200";
  });
  ASSERT_NE(token, rows.end()) << "no POST /services/oauth2/token 200 row";
  EXPECT_EQ(token->attr("data-fault"), "");
  EXPECT_THAT(token->html, HasSubstr("My Domain"));
  EXPECT_THAT(token->html, HasSubstr("status-2xx"));

  // The REST call the fault answered, with its badge.
  const auto faulted = std::find_if(rows.begin(), rows.end(), [](const RenderedRow& r) {
    return r.attr("data-status") == "401" && r.attr("data-fault") == "expire_sessions";
  });
  ASSERT_NE(faulted, rows.end()) << "no 401 row with data-fault=expire_sessions";
  EXPECT_EQ(faulted->attr("data-method"), "GET");
  EXPECT_THAT(faulted->attr("data-path"), StartsWith("/services/data/v"));
  EXPECT_THAT(faulted->html, HasSubstr("<span class=\"badge fault\">expire_sessions</span>"));
  EXPECT_THAT(faulted->html, HasSubstr("status-4xx"));

  // Its detail: the response as sent and the catalogue's explanation of it.
  const std::string detail = ElementWithId(dom, "detail-" + faulted->attr("data-seq"), "</tr>");
  EXPECT_THAT(detail, HasSubstr("INVALID_SESSION_ID"));
  const size_t aside = detail.find("<aside class=\"explanation\"");
  ASSERT_NE(aside, std::string::npos) << "no explanation box: " << detail;
  const std::string explanation = detail.substr(aside, detail.find("</aside>", aside) - aside);
  const auto& entry = sf::CatalogueEntryById("rest.INVALID_SESSION_ID");
  for (const std::string_view text : {entry.id, entry.code, entry.description, entry.causes,
                                      entry.fix, sf::ToString(entry.provenance)}) {
    EXPECT_THAT(explanation, HasSubstr(EscapeText(text)));
  }

  // The screenshot: a real PNG of some substance.
  ASSERT_TRUE(shot_run.started) << shot_run.spawn_error;
  EXPECT_FALSE(shot_run.timed_out) << shot_run.err;
  EXPECT_EQ(shot_run.exit_code, 0) << shot_run.err;
  ASSERT_TRUE(fs::exists(screenshot)) << "no screenshot at " << screenshot << ": " << shot_run.err;
  EXPECT_GT(fs::file_size(screenshot), 20'000u);
  EXPECT_EQ(ReadFile(screenshot).substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
}

// Every <li class="note ..."> of the dumped DOM, with its markup up to </li>.
std::vector<RenderedRow> NoteItems(const std::string& dom) {
  std::vector<RenderedRow> notes;
  for (size_t at = dom.find("<li "); at != std::string::npos; at = dom.find("<li ", at + 1)) {
    const std::string tag = dom.substr(at, dom.find('>', at) - at + 1);
    RenderedRow note{Attributes(tag), ""};
    if ((" " + note.attr("class") + " ").find(" note ") == std::string::npos) continue;
    const size_t end = dom.find("</li>", at);
    note.html = dom.substr(at, end == std::string::npos ? std::string::npos : end + 5 - at);
    notes.push_back(std::move(note));
  }
  return notes;
}

// `sfharness learn --viewer`: the lesson's narration beside its exchanges, each exchange linked
// to the note about it, and the next lesson replacing the last.
TEST(ViewerBrowser, ShowsALessonsNarrationBesideItsExchanges) {
  const std::string chromium = FindChromium();
  ASSERT_FALSE(chromium.empty()) << "chromium is not installed: run scripts/install-deps";
  TempDir temp("sfh-lesson-viewer-test");
  const fs::path source(SFH_SOURCE_DIR);
  auto lessons = harness::learn::LoadLessons(source / "lessons", source / "scenarios");
  ASSERT_TRUE(lessons.has_value()) << lessons.error();
  auto lesson = [&](const std::string& id) -> const harness::learn::Lesson& {
    const auto it = std::ranges::find(*lessons, id, &harness::learn::Lesson::id);
    EXPECT_NE(it, lessons->end()) << id;
    return *it;
  };
  const auto& token_lesson = lesson("flow/token-request");
  const auto& break_it = lesson("break-it/no-run-as-user");

  auto viewer = harness::learn::LessonViewer::Start(0);
  ASSERT_TRUE(viewer.has_value()) << viewer.error();
  std::vector<harness::learn::Narration> told;
  harness::learn::PlayOptions play;
  play.target = viewer->get();
  play.narrate = [&](const harness::learn::Narration& n) {
    told.push_back(n);
    (*viewer)->Narrate(n);
  };
  std::ostringstream out;
  ASSERT_TRUE(harness::learn::PlayLesson(token_lesson, play, out).held) << out.str();

  auto dump = [&](const std::string& profile) {
    const auto run =
        RunChromium(chromium, temp.path() / profile, {"--dump-dom"}, (*viewer)->viewer_url(),
                    std::chrono::seconds(3), ChromiumNetwork::kOn);
    EXPECT_TRUE(run.started) << run.spawn_error;
    EXPECT_FALSE(run.timed_out) << run.err;
    EXPECT_EQ(run.exit_code, 0) << run.err;
    return run.out;
  };
  const std::string dom = dump("profile-1");
  std::ofstream(fs::path(SFH_TEST_BINARY_DIR) / "artifacts" / "lesson-viewer-dom.html") << dom;

  // The narration column is shown, with one note per thing told, in order.
  EXPECT_THAT(StartTagWithId(dom, "main"), HasSubstr("with-narration"));
  EXPECT_THAT(StartTagWithId(dom, "narration"), Not(HasSubstr("hidden")));
  const auto notes = NoteItems(dom);
  ASSERT_EQ(notes.size(), told.size()) << ElementWithId(dom, "notes", "</ol>");
  for (size_t i = 0; i < notes.size(); ++i) {
    SCOPED_TRACE(told[i].title);
    EXPECT_EQ(notes[i].attr("data-kind"), told[i].kind);
    EXPECT_EQ(notes[i].attr("data-after-seq"), std::to_string(told[i].after_seq));
    EXPECT_THAT(notes[i].html, HasSubstr("<h3>" + EscapeText(told[i].title) + "</h3>"));
  }
  EXPECT_THAT(notes.front().html, HasSubstr(EscapeText(token_lesson.title)));

  // Each token request is linked to the note of the step that made it, both ways.
  const auto rows = ExchangeRows(dom);
  ASSERT_EQ(rows.size(), 2u) << dom.substr(0, 4000);
  for (const auto& row : rows) {
    EXPECT_EQ(row.attr("data-path"), "/services/oauth2/token");
    const std::string note_id = row.attr("data-note");
    const auto note = std::ranges::find_if(
        notes, [&](const RenderedRow& n) { return n.attr("data-id") == note_id; });
    ASSERT_NE(note, notes.end()) << "row " << row.attr("data-seq") << " has no note";
    EXPECT_EQ(note->attr("data-kind"), "held");
    EXPECT_THAT(note->html, HasSubstr("POST /services/oauth2/token"));
    EXPECT_THAT(note->html, HasSubstr("data-seq=\"" + row.attr("data-seq") + "\""));
  }
  EXPECT_NE(rows[0].attr("data-note"), rows[1].attr("data-note"));

  // No secret and no token reaches the page.
  const auto& app = token_lesson.scenario.document.org.apps.front();
  EXPECT_THAT(dom, Not(HasSubstr(app.client_secret)));
  EXPECT_THAT(dom, HasSubstr("[REDACTED]"));
  EXPECT_FALSE(std::regex_search(dom, std::regex("00D[A-Za-z0-9]{12,15}![A-Za-z0-9._]{20,}")))
      << "a whole access token is on the page";

  // The next lesson replaces the last: its org, its exchanges, its narration only.
  ASSERT_TRUE(harness::learn::PlayLesson(break_it, play, out).held) << out.str();
  const std::string next = dump("profile-2");
  const auto next_rows = ExchangeRows(next);
  ASSERT_EQ(next_rows.size(), 1u) << next.substr(0, 4000);
  EXPECT_EQ(next_rows[0].attr("data-seq"), "1");
  EXPECT_EQ(next_rows[0].attr("data-status"), "400");
  EXPECT_FALSE(next_rows[0].attr("data-note").empty());
  EXPECT_THAT(next, HasSubstr(EscapeText(break_it.title)));
  EXPECT_THAT(next, Not(HasSubstr(EscapeText(token_lesson.title))));
  // The fix is the learner's to name: the step's note hides it (the exchange's own catalogue
  // explanation, collapsed until opened, is the viewer's and shows it).
  EXPECT_THAT(ElementWithId(next, "notes", "</ol>"), HasSubstr("hidden: name it yourself"));
}

}  // namespace
}  // namespace sfh::tests
