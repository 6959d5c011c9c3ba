#include "harness/learn/learn_html.h"

#include <fmt/format.h>

#include <pugixml.hpp>
#include <sstream>

#include "reports/report_text.h"
#include "reports/sequence_diagram.h"

namespace sfh::harness::learn {
namespace {

constexpr char kCss[] =
    "body{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;"
    "line-height:1.45}section{border-top:1px solid #ccc;margin-top:2rem}"
    "pre{background:#f6f6f6;padding:.5rem;overflow-x:auto;white-space:pre-wrap}"
    ".held{color:#176117}.not-held{color:#a31515}";

pugi::xml_node Text(pugi::xml_node parent, const char* tag, std::string_view text) {
  pugi::xml_node node = parent.append_child(tag);
  node.text().set(reports::XmlSafe(text).c_str());
  return node;
}

void AppendLesson(pugi::xml_node main, const learn::Lesson& lesson, const LessonRun& run) {
  pugi::xml_node section = main.append_child("section");
  Text(section, "h2", fmt::format("{} [{}]", lesson.title, ToString(lesson.kind)));
  Text(section, "p", lesson.summary);
  pugi::xml_node verdict =
      Text(section, "p", run.held ? "Every expectation held." : "An expectation did not hold.");
  verdict.append_attribute("class").set_value(run.held ? "held" : "not-held");
  harness::ScenarioResult result;
  result.id = lesson.id;
  result.title = lesson.title;
  result.transcript = run.transcript;
  reports::AppendSequenceDiagram(section, result);
  pugi::xml_node list = section.append_child("ol");
  for (size_t i = 0; i < run.transcript.size(); ++i) {
    const TranscriptEntry& t = run.transcript[i];
    pugi::xml_node item = list.append_child("li");
    Text(item, "code", fmt::format("{} {} → {} ({})", t.method, t.target, t.status, t.host));
    if (i < run.explanations.size() && !run.explanations[i].empty()) {
      Text(item, "p", run.explanations[i]);
    }
    if (!t.response_body.empty()) Text(item, "pre", t.response_body);
  }
  pugi::xml_node sources = section.append_child("ul");
  for (const auto& source : lesson.sources) Text(sources, "li", source);
}

}  // namespace

std::string LessonsPage(const std::vector<std::pair<const learn::Lesson*, LessonRun>>& played) {
  pugi::xml_document doc;
  pugi::xml_node html = doc.append_child("html");
  html.append_attribute("lang").set_value("en");
  pugi::xml_node head = html.append_child("head");
  head.append_child("meta").append_attribute("charset").set_value("utf-8");
  Text(head, "title", "sfharness learn");
  Text(head, "style", kCss);
  pugi::xml_node body = html.append_child("body");
  Text(body, "h1", "sfharness learn: the client-credentials flow, exchange by exchange");
  pugi::xml_node main = body.append_child("main");
  for (const auto& [lesson, run] : played) AppendLesson(main, *lesson, run);
  std::ostringstream out;
  out << "<!DOCTYPE html>\n";
  doc.save(out, "", pugi::format_raw | pugi::format_no_declaration, pugi::encoding_utf8);
  return out.str();
}

}  // namespace sfh::harness::learn
