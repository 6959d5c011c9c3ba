#include "reports/junit_writer.h"

#include <algorithm>
#include <pugixml.hpp>
#include <set>
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

// The common JUnit schema (jenkins-junit.xsd) allows `skipped` on <testsuite> only.
void SetCounts(pugi::xml_node node, const Counts& counts, bool with_skipped = true) {
  node.append_attribute("tests").set_value(std::to_string(counts.tests).c_str());
  node.append_attribute("failures").set_value(std::to_string(counts.failures).c_str());
  node.append_attribute("errors").set_value(std::to_string(counts.errors).c_str());
  if (with_skipped) {
    node.append_attribute("skipped").set_value(std::to_string(counts.skipped).c_str());
  }
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
      if (check.expected_failure) {
        // The baseline expects it: not a <failure> (CI must not fail), but not hidden either.
        SetText(testcase.append_child("skipped"),
                "expected failure: " + check.expected_failure_reason);
        SetText(testcase.append_child("system-out"), "EXPECTED FAILURE: " + CheckDetails(check));
        ++counts.skipped;
        break;
      }
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
      // jenkins-junit.xsd types <skipped> as text only: the reason is its content.
      SetText(testcase.append_child("skipped"), check.message);
      ++counts.skipped;
      break;
  }
}

// The scenario's id with '/' as '.', which CI tools read as a package path; made unique within
// the run (ids "a/b" and "a.b" would meet) by a "-2", "-3", ... suffix in run order.
std::string Classname(const std::string& scenario_id, std::set<std::string>& used) {
  std::string classname = scenario_id;
  std::replace(classname.begin(), classname.end(), '/', '.');
  std::string unique = classname;
  for (int n = 2; !used.insert(unique).second; ++n) unique = classname + "-" + std::to_string(n);
  return unique;
}

Counts AddSuite(pugi::xml_node suites, const ScenarioResult& scenario,
                std::set<std::string>& classnames) {
  pugi::xml_node suite = suites.append_child("testsuite");
  SetAttr(suite, "name", scenario.id);

  pugi::xml_node properties = suite.append_child("properties");
  AddProperty(properties, "scenario.file", scenario.file);
  AddProperty(properties, "scenario.title", scenario.title);
  AddProperty(properties, "target", scenario.target);
  AddProperty(properties, "client.exit_code", std::to_string(scenario.client.exit_code));
  AddProperty(properties, "client.timed_out", scenario.client.timed_out ? "true" : "false");
  // <testcase> has no <properties> in the common schema: each check's are the suite's.
  for (const auto& check : scenario.checks) {
    AddProperty(properties, ("check." + check.id + ".reference").c_str(), check.reference);
    AddProperty(properties, ("check." + check.id + ".severity").c_str(),
                harness::ToString(check.severity));
  }
  if (scenario.attempts > 1) {
    AddProperty(properties, "scenario.attempts", std::to_string(scenario.attempts));
    AddProperty(properties, "scenario.flaky", scenario.flaky ? "true" : "false");
    for (size_t i = 0; i < scenario.previous_attempts.size(); ++i) {
      const auto& attempt = scenario.previous_attempts[i];
      std::string text(harness::ToString(attempt.status));
      for (const auto& id : attempt.failed_checks) text += " " + id;
      AddProperty(properties, ("scenario.attempt." + std::to_string(i + 1)).c_str(), text);
    }
  }
  if (scenario.expected_failure) {
    AddProperty(properties, "scenario.expected_failure", "true");
    AddProperty(properties, "scenario.expected_failure_reason", scenario.expected_failure_reason);
  }

  const std::string classname = Classname(scenario.id, classnames);
  Counts counts;
  for (const auto& check : scenario.checks) AddCheck(suite, classname, check, counts);

  if (scenario.status == ScenarioStatus::kError) {
    pugi::xml_node testcase = AddTestcase(suite, classname, "setup", counts);
    pugi::xml_node error = testcase.append_child("error");
    SetAttr(error, "message", scenario.error);
    SetAttr(error, "type", "HarnessError");
    SetText(error,
            "The harness could not run this scenario; this is not a failure of the "
            "client.\n" +
                scenario.error);
    ++counts.errors;
  } else if (scenario.status == ScenarioStatus::kSkipped) {
    pugi::xml_node testcase = AddTestcase(suite, classname, "scenario", counts);
    SetText(testcase.append_child("skipped"), scenario.error);
    ++counts.skipped;
  } else if (scenario.status == ScenarioStatus::kFailed && scenario.expected_failure &&
             std::none_of(scenario.checks.begin(), scenario.checks.end(),
                          [](const CheckResult& c) { return c.expected_failure; })) {
    // Expected as a whole, with no failed check to carry it.
    pugi::xml_node testcase = AddTestcase(suite, classname, "scenario", counts);
    SetText(testcase.append_child("skipped"),
            "expected failure: " + scenario.expected_failure_reason);
    ++counts.skipped;
  } else if (scenario.status == ScenarioStatus::kFailed && !scenario.expected_failure &&
             counts.failures == 0) {
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

// Baseline entries that did not fail as expected fail the run: one testsuite "baseline" with a
// <failure> per entry, so that CI shows why.
Counts AddStaleSuite(pugi::xml_node suites, const std::vector<harness::ExpectedFailure>& stale) {
  pugi::xml_node suite = suites.append_child("testsuite");
  SetAttr(suite, "name", "baseline");
  Counts counts;
  for (const auto& entry : stale) {
    const std::string name =
        entry.check.empty() ? entry.scenario : entry.scenario + " " + entry.check;
    pugi::xml_node testcase = AddTestcase(suite, "baseline", name, counts);
    pugi::xml_node failure = testcase.append_child("failure");
    SetAttr(failure, "message", "expected to fail but did not; fixed? remove it from the baseline");
    SetAttr(failure, "type", "StaleExpectedFailure");
    SetText(failure, "baseline reason: " + entry.reason);
    ++counts.failures;
  }
  SetCounts(suite, counts);
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
  std::set<std::string> classnames;
  for (const auto& scenario : run.scenarios) {
    const Counts counts = AddSuite(suites, scenario, classnames);
    total.tests += counts.tests;
    total.failures += counts.failures;
    total.errors += counts.errors;
    total.skipped += counts.skipped;
  }
  if (!run.stale_expected_failures.empty()) {
    const Counts counts = AddStaleSuite(suites, run.stale_expected_failures);
    total.tests += counts.tests;
    total.failures += counts.failures;
  }
  // jenkins-junit.xsd has neither `skipped` nor `timestamp` on <testsuites>; each suite has both.
  SetCounts(suites, total, /*with_skipped=*/false);
  SetAttr(suites, "time", Seconds(run.elapsed));

  std::ostringstream out;
  doc.save(out, "  ", pugi::format_indent, pugi::encoding_utf8);
  return out.str();
}

}  // namespace sfh::reports
