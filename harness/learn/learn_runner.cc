#include "harness/learn/learn_runner.h"

#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <ranges>
#include <regex>
#include <sstream>

#include "harness/net/http_client.h"
#include "harness/runner/runner.h"
#include "harness/target/target.h"
#include "salesforce/catalogue.h"
#include "salesforce/form.h"
#include "salesforce/hosts.h"
#include "salesforce/redactor.h"
#include "salesforce/token_format.h"

namespace sfh::harness::learn {
namespace {

using json = nlohmann::json;
namespace sf = ::sfh::salesforce;
using Variables = std::map<std::string, std::string>;

constexpr size_t kMaxBodyShown = 4000;
constexpr size_t kWidth = 78;

// Narration wrapped at kWidth columns, each line after `indent`, blank lines kept; with
// `hanging`, the lines after the first use it instead (a list item's continuation lines line up
// under its text).
std::string Wrap(std::string_view text, std::string_view indent = "",
                 std::optional<std::string_view> hanging = std::nullopt) {
  std::string out;
  std::string line;
  bool first = true;
  auto flush = [&] {
    out += fmt::format("{}{}\n", first ? indent : hanging.value_or(indent), line);
    line.clear();
    first = false;
  };
  size_t pos = 0;
  while (pos <= text.size()) {
    const size_t nl = text.find('\n', pos);
    const std::string_view para =
        text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    size_t w = 0;
    while (w < para.size()) {
      while (w < para.size() && para[w] == ' ') ++w;
      const size_t end = std::min(para.find(' ', w), para.size());
      if (end == w) break;
      const std::string_view word = para.substr(w, end - w);
      const size_t lead = first ? indent.size() : hanging.value_or(indent).size();
      if (!line.empty() && lead + line.size() + 1 + word.size() > kWidth) flush();
      line += line.empty() ? std::string(word) : " " + std::string(word);
      w = end;
    }
    flush();
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  return out;
}

std::string_view Reason(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 204:
      return "No Content";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    default:
      return "";
  }
}

// JSON bodies pretty-printed (easier to read), then redacted; long bodies cut.
std::string ShowBody(const std::string& body, const sf::Redactor& redactor) {
  std::string text = body;
  // ordered_json keeps the wire's key order.
  auto doc = nlohmann::ordered_json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_discarded() && (doc.is_object() || doc.is_array())) text = doc.dump(2);
  text = redactor.Redact(text);
  if (text.size() > kMaxBodyShown) {
    text = fmt::format("{}\n[… {} more bytes]", text.substr(0, kMaxBodyShown),
                       text.size() - kMaxBodyShown);
  }
  return text;
}

std::string RealHostName(mock::VirtualHost host, const mock::OrgConfig& org) {
  switch (host) {
    case mock::VirtualHost::kMyDomain:
      return fmt::format("My Domain, {} on a real org",
                         sf::MyDomainHost(org.my_domain, org.kind, org.sandbox_name));
    case mock::VirtualHost::kLogin:
      return std::string(sf::kLoginHost);
    case mock::VirtualHost::kTest:
      return std::string(sf::kTestHost);
    default:
      return "a legacy instance host";
  }
}

void PrintExchange(const mock::Exchange& e, const mock::OrgConfig& org,
                   const sf::Redactor& redactor, std::ostream& out) {
  out << fmt::format("  [the mock's listener for {}]\n", RealHostName(e.request.host, org));
  out << fmt::format("> {} {} HTTP/1.1\n", e.request.method, redactor.Redact(e.request.target));
  for (const auto& [name, value] : e.request.headers.fields()) {
    out << fmt::format("> {}: {}\n", name, redactor.RedactHeader(name, value));
  }
  if (!e.request.body.empty()) {
    out << ">\n";
    for (const auto& line : std::views::split(ShowBody(e.request.body, redactor), '\n')) {
      out << "> " << std::string_view(line.begin(), line.end()) << "\n";
    }
  }
  out << "\n";
  out << fmt::format("< HTTP/1.1 {} {}\n", e.response.status, Reason(e.response.status));
  for (const auto& [name, value] : e.response.headers.fields()) {
    out << fmt::format("< {}: {}\n", name, redactor.RedactHeader(name, value));
  }
  if (!e.response.body.empty()) {
    out << "<\n";
    for (const auto& line : std::views::split(ShowBody(e.response.body, redactor), '\n')) {
      out << "< " << std::string_view(line.begin(), line.end()) << "\n";
    }
  }
  out << "\n";
}

const mock::AppConfig& AppOf(const LessonRequest& request, const mock::OrgConfig& org) {
  for (const auto& app : org.apps) {
    if (app.name == request.app) return app;
  }
  return org.apps.front();
}

// The request as it is sent, or the first variable it names that is not known yet.
std::expected<net::Request, std::string> BuildRequest(const LessonRequest& q, const Variables& vars,
                                                      const Endpoint& endpoint) {
  net::Request request;
  request.method = q.method;
  if (!q.host.empty()) {
    auto path = Expand(q.path, vars);
    if (!path) return std::unexpected(path.error());
    const std::string& origin = q.host == "login"             ? endpoint.hosts.login
                                : q.host == "test"            ? endpoint.hosts.test
                                : q.host == "legacy_instance" ? endpoint.hosts.legacy_instance
                                                              : endpoint.hosts.my_domain;
    if (origin.empty()) return std::unexpected(fmt::format("the mock serves no {} host", q.host));
    request.url = origin + *path;
  } else {
    auto url = Expand(q.url, vars);
    if (!url) return std::unexpected(url.error());
    request.url = *url;
  }
  for (const auto& [name, value] : q.headers) {
    auto v = Expand(value, vars);
    if (!v) return std::unexpected(v.error());
    request.headers.emplace_back(name, *v);
  }
  if (q.auth == "basic") {
    request.headers.emplace_back(
        "Authorization",
        sf::MakeBasicAuthorization(vars.at("client_id"), vars.at("client_secret")));
  } else if (q.auth == "bearer") {
    auto it = vars.find("token");
    if (it == vars.end())
      return std::unexpected("{{token}} is not known yet: no token answer so far");
    request.headers.emplace_back("Authorization", "Bearer " + it->second);
  }
  if (!q.form.empty() || q.auth == "body") {
    std::vector<sf::FormField> fields;
    for (const auto& [name, value] : q.form) {
      auto v = Expand(value, vars);
      if (!v) return std::unexpected(v.error());
      fields.emplace_back(name, *v);
    }
    if (q.auth == "body") {
      fields.emplace_back("client_id", vars.at("client_id"));
      fields.emplace_back("client_secret", vars.at("client_secret"));
    }
    request.body = sf::EncodeForm(fields);
    if (net::HeaderValue(request.headers, "Content-Type").empty()) {
      request.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    }
  } else if (q.body) {
    auto body = Expand(*q.body, vars);
    if (!body) return std::unexpected(body.error());
    request.body = *body;
  }
  return request;
}

// The answer's error code and description: OAuth JSON, the first element of a REST array, or
// the `error` and `error_description` parameters of a redirect's Location (an authorize error).
std::pair<std::string, std::string> ErrorOf(const json& doc, std::string_view location) {
  auto str = [](const json& o, const char* key) {
    auto it = o.find(key);
    return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  if (doc.is_object()) return {str(doc, "error"), str(doc, "error_description")};
  if (doc.is_array() && !doc.empty() && doc[0].is_object()) {
    return {str(doc[0], "errorCode"), str(doc[0], "message")};
  }
  const Variables params = LocationVariables(location);
  auto param = [&](const char* name) {
    auto it = params.find(fmt::format("location.{}", name));
    return it == params.end() ? std::string() : it->second;
  };
  return {param("error"), param("error_description")};
}

class Checker {
 public:
  Checker(std::ostream& out, const sf::Redactor& redactor) : out_(out), redactor_(redactor) {}
  void Check(bool ok, const std::string& what) {
    out_ << fmt::format("  {} {}\n", ok ? "✓" : "✗", redactor_.Redact(what));
    held_ = held_ && ok;
  }
  bool held() const { return held_; }

 private:
  std::ostream& out_;
  const sf::Redactor& redactor_;
  bool held_ = true;
};

void CheckExpectations(const LessonExpect& e, const net::Response& response, const Variables& vars,
                       Checker& check, std::ostream& out) {
  out << "Expected:\n";
  check.Check(response.status == e.status,
              fmt::format("status {} (got {})", e.status, response.status));
  const json doc = json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  const auto [code, description] = ErrorOf(doc, net::HeaderValue(response.headers, "Location"));
  if (!e.error.empty()) {
    check.Check(code == e.error, fmt::format("error \"{}\" (got \"{}\")", e.error, code));
  }
  if (!e.error_description.empty()) {
    check.Check(description == e.error_description,
                fmt::format("description \"{}\" (got \"{}\")", e.error_description, description));
  }
  if (!e.catalogue.empty()) {
    const sf::CatalogueEntry* entry = sf::RecognizeErrorResponse(
        response.status, response.body, net::HeaderValue(response.headers, "Location"));
    const std::string got = entry != nullptr ? std::string(entry->id) : "nothing";
    check.Check(got == e.catalogue,
                fmt::format("the catalogue recognises {} (got {})", e.catalogue, got));
  }
  const bool object = doc.is_object();
  for (const auto& field : e.has) {
    check.Check(object && doc.contains(field), fmt::format("\"{}\" is in the answer", field));
  }
  for (const auto& field : e.lacks) {
    check.Check(object && !doc.contains(field), fmt::format("no \"{}\" in the answer", field));
  }
  for (const auto& [field, raw] : e.fields.items()) {
    json wanted = raw;
    if (raw.is_string()) wanted = Expand(raw.get<std::string>(), vars).value_or("{{?}}");
    const bool ok = object && doc.contains(field) && doc[field] == wanted;
    check.Check(ok, fmt::format("\"{}\" is {} (got {})", field, wanted.dump(),
                                object && doc.contains(field) ? doc[field].dump() : "nothing"));
  }
  auto string_field = [&](const std::string& field) -> std::optional<std::string> {
    if (!object || !doc.contains(field) || !doc[field].is_string()) return std::nullopt;
    return doc[field].get<std::string>();
  };
  for (const auto& [field, prefix_template] : e.prefix) {
    const std::string prefix = Expand(prefix_template, vars).value_or("{{?}}");
    const auto value = string_field(field);
    check.Check(
        value && value->starts_with(prefix),
        fmt::format("\"{}\" starts with {} (got {})", field, prefix, value.value_or("nothing")));
  }
  for (const auto& [field, pattern] : e.matches) {
    const auto value = string_field(field);
    const bool ok = value && std::regex_match(*value, std::regex(pattern));
    check.Check(
        ok, fmt::format("\"{}\" matches {} (got {})", field, pattern, value.value_or("nothing")));
  }
  if (e.signature_valid) {
    const auto id = string_field("id");
    const auto issued_at = string_field("issued_at");
    const auto signature = string_field("signature");
    if (!id || !issued_at || !signature) {
      check.Check(false, "the answer has id, issued_at and signature to check");
      return;
    }
    const std::string computed = sf::TokenSignature(vars.at("client_secret"), *id, *issued_at);
    out << "  The signature, computed here:\n"
        << "    key      = the consumer secret (not shown)\n"
        << fmt::format("    message  = id + issued_at = \"{}\" + \"{}\"\n", *id, *issued_at)
        << fmt::format("    Base64(HMAC-SHA256(key, message)) = {}\n", computed)
        << fmt::format("    signature in the answer           = {}\n", *signature);
    check.Check(computed == *signature, "the signature is the HMAC computed here");
  }
  if (!e.location_prefix.empty() || !e.location_has.empty()) {
    const std::string location = net::HeaderValue(response.headers, "Location");
    const std::string shown = location.empty() ? "no Location" : location;
    if (!e.location_prefix.empty()) {
      const std::string prefix = Expand(e.location_prefix, vars).value_or("{{?}}");
      check.Check(location.starts_with(prefix),
                  fmt::format("Location starts with {} (got {})", prefix, shown));
    }
    const Variables params = LocationVariables(location);
    for (const auto& name : e.location_has) {
      check.Check(params.contains("location." + name),
                  fmt::format("Location carries \"{}\" (got {})", name, shown));
    }
  }
}

// What a break-it lesson shows instead of the catalogue's fix until --answer.
constexpr std::string_view kHiddenFix = "(hidden: name it yourself, then run again with --answer)";

// The catalogue's explanation as a note's paragraph (unwrapped).
std::string CatalogueNote(const sf::CatalogueEntry& entry, bool hide_fix) {
  return fmt::format(
      "The catalogue knows this answer: {} (HTTP {}, {})\ncode: {}\ndescription: {}\nlikely "
      "cause: {}\nfix: {}",
      entry.id, entry.http_status, sf::ToString(entry.provenance), entry.code, entry.description,
      entry.causes, hide_fix ? kHiddenFix : entry.fix);
}

void PrintCatalogue(const sf::CatalogueEntry& entry, bool hide_fix, std::ostream& out) {
  out << fmt::format("The catalogue knows this answer: {} (HTTP {}, {})\n", entry.id,
                     entry.http_status, sf::ToString(entry.provenance));
  out << fmt::format("  code:         {}\n", entry.code);
  out << fmt::format("  description:  {}\n", entry.description);
  out << Wrap(fmt::format("likely cause: {}", entry.causes), "  ");
  if (hide_fix) {
    out << fmt::format("  fix:          {}\n", kHiddenFix);
  } else {
    out << Wrap(fmt::format("fix: {}", entry.fix), "  ");
  }
  out << Wrap(fmt::format("seen in: {}", entry.source), "  ");
}

void SaveTokenVariables(const json& doc, Variables& vars) {
  if (!doc.is_object() || !doc.contains("access_token")) return;
  for (std::string_view name : kTokenVariables) {
    auto it = doc.find(std::string(name));
    if (it != doc.end() && it->is_string()) vars[std::string(name)] = it->get<std::string>();
  }
  vars["token"] = vars["access_token"];
}

// An answer with a Location header replaces every location variable of the answer before.
void SaveLocationVariables(const net::Response& response, Variables& vars) {
  const std::string location = net::HeaderValue(response.headers, "Location");
  if (location.empty()) return;
  std::erase_if(vars, [](const auto& v) {
    return v.first == kLocationVariable || v.first.starts_with("location.");
  });
  vars.merge(LocationVariables(location));
}

}  // namespace

std::expected<std::string, std::string> Expand(std::string_view text, const Variables& variables) {
  std::string out;
  size_t pos = 0;
  while (true) {
    const size_t open = text.find("{{", pos);
    if (open == std::string_view::npos) break;
    const size_t close = text.find("}}", open + 2);
    if (close == std::string_view::npos) break;
    out.append(text.substr(pos, open - pos));
    const std::string name(text.substr(open + 2, close - open - 2));
    auto it = variables.find(name);
    if (it == variables.end()) {
      return std::unexpected(
          fmt::format("{{{{{}}}}} is not known yet: no answer so far gave it", name));
    }
    out += it->second;
    pos = close + 2;
  }
  out.append(text.substr(pos));
  return out;
}

Variables LocationVariables(std::string_view location) {
  Variables out;
  if (location.empty()) return out;
  out[std::string(kLocationVariable)] = std::string(location);
  const size_t hash = location.find('#');
  const std::string_view before = location.substr(0, hash);
  const size_t question = before.find('?');
  std::vector<std::string_view> parts;
  if (question != std::string_view::npos) parts.push_back(before.substr(question + 1));
  if (hash != std::string_view::npos) parts.push_back(location.substr(hash + 1));
  for (std::string_view part : parts) {
    auto form = sf::ParseForm(part);
    if (!form) continue;
    for (const auto& [name, value] : form->fields()) out.emplace("location." + name, value);
  }
  return out;
}

LessonRun PlayLesson(const Lesson& lesson, const PlayOptions& options, std::ostream& out) {
  LessonRun run;
  auto narrate = [&](std::string kind, std::string title, std::string text, uint64_t after) {
    if (options.narrate)
      options.narrate({std::move(kind), std::move(title), std::move(text), after});
  };
  out << fmt::format("══ {} [{}] ══\n{}\n", lesson.title, ToString(lesson.kind),
                     Wrap(lesson.summary));
  std::string opening = lesson.summary;
  if (lesson.myth) {
    const std::string claim =
        fmt::format("The claim ({}): “{}”", lesson.myth->claimed_in, lesson.myth->claim);
    out << Wrap(claim) << "\n";
    opening += "\n\n" + claim;
  }

  EmbeddedMockTarget own_target;
  Target& target = options.target != nullptr ? *options.target : own_target;
  auto staged = target.Stage(lesson.scenario);
  if (!staged) {
    out << fmt::format("✗ the mock could not start: {}\n", staged.error());
    run.held = false;
    return run;
  }
  narrate("lesson", fmt::format("{} [{}]", lesson.title, ToString(lesson.kind)), opening, 0);
  const Endpoint& endpoint = (*staged)->endpoint();
  const sf::Redactor& redactor = (*staged)->redactor();
  const mock::OrgConfig& org = lesson.scenario.document.org;
  Variables vars = {{"my_domain", endpoint.hosts.my_domain},
                    {"login", endpoint.hosts.login},
                    {"test", endpoint.hosts.test},
                    {"api_version", endpoint.api_version}};
  net::ClientOptions net_options;
  net_options.ca_file = endpoint.ca_file;
  net_options.proxy = std::optional<net::Proxy>{};  // loopback only, whatever the environment says
  net_options.connect_timeout = std::chrono::milliseconds(10'000);
  net_options.io_timeout = std::chrono::milliseconds(30'000);
  net_options.user_agent = "sfharness-learn";
  uint64_t last_seq = 0;
  const bool hide_fix = lesson.kind == LessonKind::kBreakIt && !options.show_answers;

  for (size_t i = 0; i < lesson.steps.size() && run.held; ++i) {
    const LessonStep& step = lesson.steps[i];
    const std::string step_title = fmt::format("Step {} of {}", i + 1, lesson.steps.size());
    out << fmt::format("── {} ", step_title) << std::string(kWidth - 16, '-') << "\n";
    if (step.request) {
      const uint64_t before = last_seq;
      const std::string exchange_title =
          fmt::format("{}: {} {}", step_title, step.request->method,
                      step.request->path.empty() ? step.request->url : step.request->path);
      const auto& app = AppOf(*step.request, org);
      vars["client_id"] = app.client_id;
      vars["client_secret"] = app.client_secret;
      auto request = BuildRequest(*step.request, vars, endpoint);
      // The expectations go to the terminal and, unwrapped, to the narration.
      std::ostringstream checks;
      Checker check(checks, redactor);
      auto fail = [&](const std::string& what) {
        check.Check(false, what);
        out << checks.str();
        narrate("not-held", exchange_title, checks.str(), before);
        run.held = false;
      };
      if (!request) {
        fail(request.error());
        break;
      }
      const net::Outcome outcome = net::Send(*request, net_options);
      for (const auto& e : (*staged)->Exchanges()) {
        if (e.seq <= last_seq) continue;
        last_seq = e.seq;
        PrintExchange(e, org, redactor, out);
        run.transcript.push_back(ToTranscript(e, redactor));
        run.explanations.push_back(step.explain);
      }
      if (!outcome.result) {
        fail(fmt::format("an answer from the mock (got {}: {})",
                         net::ToString(outcome.result.error().kind),
                         outcome.result.error().detail));
        break;
      }
      const net::Response& response = *outcome.result;
      std::string note = step.explain;
      if (!step.explain.empty()) out << Wrap(step.explain) << "\n";
      if (const auto* entry = sf::RecognizeErrorResponse(
              response.status, response.body, net::HeaderValue(response.headers, "Location"))) {
        PrintCatalogue(*entry, hide_fix, out);
        out << "\n";
        note += (note.empty() ? "" : "\n\n") + CatalogueNote(*entry, hide_fix);
      }
      CheckExpectations(step.expect, response, vars, check, checks);
      out << checks.str();
      note += (note.empty() ? "" : "\n\n") + checks.str();
      SaveTokenVariables(json::parse(response.body, nullptr, false), vars);
      SaveLocationVariables(response, vars);
      run.held = check.held();
      narrate(run.held ? "held" : "not-held", exchange_title, note, before);
    } else {
      out << Wrap(step.say);
      narrate("step", step_title, step.say, last_seq);
    }
    out << "\n";
    if (options.pause && options.input != nullptr && run.held) {
      out << "Enter to continue, q to quit: " << std::flush;
      std::string line;
      if (!std::getline(*options.input, line) || line == "q" || line == "Q") {
        out << "\n";
        run.quit = true;
        break;
      }
    }
  }
  (*staged)->Stop();

  // The close, printed wrapped and narrated as paragraphs.
  std::vector<std::string> close;
  auto say = [&](std::string paragraph) {
    out << Wrap(paragraph);
    close.push_back(std::move(paragraph));
  };
  if (!run.held) {
    say("✗ This lesson's expectation did not hold: the lesson is out of date with the mock.");
    out << "\n";
  } else if (!run.quit) {
    if (lesson.myth) {
      say(fmt::format("What really happens: {}", lesson.myth->truth));
      say(fmt::format("Source: {}", lesson.myth->source));
      out << "\n";
    }
    if (lesson.break_it) {
      say(fmt::format("Your turn: {}", lesson.break_it->question));
      if (options.show_answers) {
        const auto& entry = sf::CatalogueEntryById(lesson.break_it->catalogue);
        say(fmt::format("Answer: {}", lesson.break_it->answer));
        say(fmt::format("The catalogue's fix ({}): {}", entry.id, entry.fix));
      } else {
        say("(Run again with --answer to see the answer.)");
      }
      out << "\n";
    }
  }
  out << "Sources:\n";
  std::string sources = "Sources:";
  for (const auto& source : lesson.sources) {
    out << Wrap(source, "  - ", "    ");
    sources += "\n- " + source;
  }
  out << "\n";
  close.push_back(std::move(sources));
  std::string text;
  for (const auto& paragraph : close) text += (text.empty() ? "" : "\n\n") + paragraph;
  narrate("end", run.held ? "The end of the lesson" : "The lesson stopped", text, last_seq);
  return run;
}

}  // namespace sfh::harness::learn
