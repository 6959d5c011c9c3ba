#include "reports/junit_writer.h"

#include <algorithm>
#include <pugixml.hpp>
#include <sstream>
#include <string_view>

#include "reports/report_text.h"

namespace sfh::reports {
namespace {

using harness::CheckResult;
using harness::CheckStatus;
using harness::ScenarioResult;
using harness::ScenarioStatus;

struct Counts {
  size_t tests = 0;
  size_t failures = 0;
  size_t errors = 0;
  size_t skipped = 0;
};

void SetText(pugi::xml_node node, std::string_view text) { node.text().set(XmlSafe(text).c_str()); }

void SetAttr(pugi::xml_node node, const char* name, std::string_view value) {
  node.append_attribute(name).set_value(XmlSafe(value).c_str());
}

void SetCounts(pugi::xml_node node, const Counts& counts) {
  node.append_attribute("tests").set_value(std::to_string(counts.tests).c_str());
  node.append_attribute("failures").set_value(std::to_string(counts.failures).c_str());
  node.append_attribute("errors").set_value(std::to_string(counts.errors).c_str());
  node.append_attribute("skipped").set_value(std::to_string(counts.skipped).c_str());
}

void AddProperty(pugi::xml_node properties, const char* name, std::string_view value) {
  pugi::xml_node property = properties.append_child("property");
  SetAttr(property, "name", name);
  SetAttr(property, "value", value);
}

// Description, message and evidence: what a CI page shows under a failed or warned test.
std::string CheckDetails(const CheckResult& check) {
  std::string text = check.description;
  if (!check.message.empty()) text += "\n" + check.message;
  for (const auto& evidence : check.evidence) text += "\n" + EvidenceLine(evidence);
  return text;
}

pugi::xml_node AddTestcase(pugi::xml_node suite, const std::string& classname,
                           std::string_view name, Counts& counts) {
  pugi::xml_node testcase = suite.append_child("testcase");
  SetAttr(testcase, "classname", classname);
  SetAttr(testcase, "name", name);
  testcase.append_attribute("time").set_value("0");
  ++counts.tests;
  return testcase;
}

void AddCheck(pugi::xml_node suite, const std::string& classname, const CheckResult& check,
              Counts& counts) {
  pugi::xml_node testcase = AddTestcase(suite, classname, check.id, counts);
  switch (check.status) {
    case CheckStatus::kPassed:
      break;
    case CheckStatus::kFailed: {
      pugi::xml_node failure = testcase.append_child("failure");
      SetAttr(failure, "message", check.message);
      SetAttr(failure, "type", check.id);
      SetText(failure, CheckDetails(check));
      ++counts.failures;
      break;
    }
    case CheckStatus::kWarning:
      SetText(testcase.append_child("system-out"), "WARNING: " + CheckDetails(check));
      break;
    case CheckStatus::kSkipped:
      SetAttr(testcase.append_child("skipped"), "message", check.message);
      ++counts.skipped;
      break;
  }
}

Counts AddSuite(pugi::xml_node suites, const ScenarioResult& scenario) {
  pugi::xml_node suite = suites.append_child("testsuite");
  SetAttr(suite, "name", scenario.id);

  pugi::xml_node properties = suite.append_child("properties");
  AddProperty(properties, "scenario.file", scenario.file);
  AddProperty(properties, "scenario.title", scenario.title);
  AddProperty(properties, "target", scenario.target);
  AddProperty(properties, "client.exit_code", std::to_string(scenario.client.exit_code));
  AddProperty(properties, "client.timed_out", scenario.client.timed_out ? "true" : "false");

  std::string classname = scenario.id;
  std::replace(classname.begin(), classname.end(), '/', '.');
  Counts counts;
  for (const auto& check : scenario.checks) AddCheck(suite, classname, check, counts);

  if (scenario.status == ScenarioStatus::kError) {
    pugi::xml_node testcase = AddTestcase(suite, classname, "setup", counts);
    SetAttr(testcase.append_child("error"), "message", scenario.error);
    ++counts.errors;
  } else if (scenario.status == ScenarioStatus::kSkipped) {
    pugi::xml_node testcase = AddTestcase(suite, classname, "scenario", counts);
    SetAttr(testcase.append_child("skipped"), "message", scenario.error);
    ++counts.skipped;
  } else if (scenario.status == ScenarioStatus::kFailed && counts.failures == 0) {
    pugi::xml_node testcase = AddTestcase(suite, classname, "scenario", counts);
    pugi::xml_node failure = testcase.append_child("failure");
    SetAttr(failure, "message", scenario.error.empty() ? "scenario failed" : scenario.error);
    SetAttr(failure, "type", "scenario");
    ++counts.failures;
  }

  if (!scenario.client.stdout_text.empty()) {
    SetText(suite.append_child("system-out"), scenario.client.stdout_text);
  }
  if (!scenario.client.stderr_text.empty()) {
    SetText(suite.append_child("system-err"), scenario.client.stderr_text);
  }

  // Attributes are independent of children: the counts, known only now, still follow the name.
  SetCounts(suite, counts);
  SetAttr(suite, "time", Seconds(scenario.elapsed));
  SetAttr(suite, "timestamp", IsoUtc(scenario.started_at, /*zulu=*/false));
  return counts;
}

}  // namespace

std::string JunitXml(const harness::RunResult& run) {
  pugi::xml_document doc;
  pugi::xml_node declaration = doc.append_child(pugi::node_declaration);
  declaration.append_attribute("version").set_value("1.0");
  declaration.append_attribute("encoding").set_value("UTF-8");

  pugi::xml_node suites = doc.append_child("testsuites");
  SetAttr(suites, "name", "sfharness");
  Counts total;
  for (const auto& scenario : run.scenarios) {
    const Counts counts = AddSuite(suites, scenario);
    total.tests += counts.tests;
    total.failures += counts.failures;
    total.errors += counts.errors;
    total.skipped += counts.skipped;
  }
  SetCounts(suites, total);
  SetAttr(suites, "time", Seconds(run.elapsed));
  SetAttr(suites, "timestamp", IsoUtc(run.started_at, /*zulu=*/false));

  std::ostringstream out;
  doc.save(out, "  ", pugi::format_indent, pugi::encoding_utf8);
  return out.str();
}

}  // namespace sfh::reports
