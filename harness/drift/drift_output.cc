#include "harness/drift/drift_output.h"

#include <fmt/format.h>

#include <algorithm>

#include "harness/diagnose/output.h"

namespace sfh::harness::drift {
namespace {

using ojson = nlohmann::ordered_json;

std::string_view Label(ProbeVerdict verdict) {
  switch (verdict) {
    case ProbeVerdict::kSame:
      return "SAME";
    case ProbeVerdict::kDiffers:
      return "DIFFERS";
    case ProbeVerdict::kNotCompared:
      return "NOT COMPARED";
  }
  return "NOT COMPARED";
}

size_t Count(const DriftReport& report, ProbeVerdict verdict) {
  return static_cast<size_t>(std::ranges::count_if(
      report.probes, [&](const ProbeDrift& probe) { return probe.verdict == verdict; }));
}

std::string Differing(const DriftReport& report, std::string_view quote) {
  std::string out;
  for (const ProbeDrift& probe : report.probes) {
    if (probe.verdict != ProbeVerdict::kDiffers) continue;
    out += fmt::format("{}{}{}{}", out.empty() ? "" : ", ", quote, probe.id, quote);
  }
  return out;
}

std::string DifferenceLine(const Difference& d) {
  return fmt::format("{}: live {}, mock {}", d.path, d.live, d.mock);
}

std::string StoppedText(const StoppedAt& stopped) {
  return fmt::format(
      "Not drift: the live org failed {} ({}: {}) and the mock did not. That is the org's "
      "configuration, and it stopped the probes after it, which were not compared. Fix the org "
      "(sfharness diagnose says how: {}), or describe it in --mock-scenario so that the mock "
      "fails alike, then compare again.",
      stopped.probe, stopped.cause.empty() ? "unknown" : stopped.cause, stopped.saw, stopped.fix);
}

std::string Header(const DriftReport& report) {
  std::string out = fmt::format("  live: {}, client id {}{}\n",
                                report.live_base_url.empty() ? report.domain : report.live_base_url,
                                report.live_client_id,
                                report.proxy.empty() ? "" : " (through " + report.proxy + ")");
  if (!report.mock_base_url.empty() || !report.mock_org.empty()) {
    out += fmt::format("  mock: embedded sfmock {}, client id {}, {}\n",
                       report.mock_base_url.empty() ? "(not started)" : report.mock_base_url,
                       report.mock_client_id, report.mock_org);
  }
  return out;
}

std::string SideCell(const ProbeSide& side) {
  std::string out(diagnose::ToString(side.status));
  if (!side.request.empty()) out += fmt::format(": `{}` → {}", side.request, side.answer);
  return diagnose::MarkdownCell(out);
}

ojson SideJson(const ProbeSide& side) {
  ojson out;
  out["status"] = diagnose::ToString(side.status);
  out["saw"] = side.saw;
  out["request"] = side.request.empty() ? ojson() : ojson(side.request);
  out["answer"] = side.answer.empty() ? ojson() : ojson(side.answer);
  return out;
}

ojson TextOrNull(const std::string& text) { return text.empty() ? ojson() : ojson(text); }

}  // namespace

std::string_view ResultOf(const DriftReport& report) {
  if (!report.unreachable.empty()) return "unreachable";
  if (!report.mock_error.empty()) return "mock_error";
  if (report.HasDrift()) return "drift";
  if (report.stopped) return "stopped";
  return "no_drift";
}

std::string FormatText(const DriftReport& report) {
  std::string out = fmt::format("sfharness drift {}\n", report.domain);
  out += Header(report);
  if (!report.unreachable.empty()) {
    out += fmt::format(
        "\nThe live org could not be reached: {}\nNothing was compared. `sfharness diagnose` "
        "with the same options names the cause and its fix.\n",
        report.unreachable);
    return out;
  }
  if (!report.mock_error.empty()) {
    out += fmt::format("\nNothing was compared: {}\n", report.mock_error);
    return out;
  }
  for (const ProbeDrift& probe : report.probes) {
    out += fmt::format("  {:<11} {}{}\n", probe.id, Label(probe.verdict),
                       probe.reason.empty() ? "" : "  " + probe.reason);
    for (const Difference& d : probe.differences) {
      out += fmt::format("{:16}{}\n", "", DifferenceLine(d));
    }
  }
  const size_t differs = Count(report, ProbeVerdict::kDiffers);
  const std::string verdict = differs > 0      ? std::string("Drift")
                              : report.stopped ? "No drift up to " + report.stopped->probe
                                               : std::string("No drift");
  out += fmt::format("\n{}: {} differ{}, {} the same, {} not compared.\n", verdict, differs,
                     differs == 0 ? "" : " (" + Differing(report, "") + ")",
                     Count(report, ProbeVerdict::kSame), Count(report, ProbeVerdict::kNotCompared));
  if (report.stopped) out += StoppedText(*report.stopped) + "\n";
  return out;
}

ojson ToJson(const DriftReport& report) {
  ojson out;
  out["format"] = "sfharness-drift/1";
  out["domain"] = report.domain;
  out["live"] = {{"base_url", report.live_base_url},
                 {"client_id", report.live_client_id},
                 {"proxy", TextOrNull(report.proxy)}};
  out["mock"] = {{"base_url", TextOrNull(report.mock_base_url)},
                 {"client_id", TextOrNull(report.mock_client_id)},
                 {"org", TextOrNull(report.mock_org)}};
  out["result"] = ResultOf(report);
  out["exit_code"] = report.ExitCode();
  out["unreachable"] = TextOrNull(report.unreachable);
  out["mock_error"] = TextOrNull(report.mock_error);
  if (report.stopped) {
    out["stopped"] = {{"probe", report.stopped->probe},
                      {"saw", report.stopped->saw},
                      {"cause", report.stopped->cause},
                      {"fix", report.stopped->fix}};
  } else {
    out["stopped"] = nullptr;
  }
  out["probes"] = ojson::array();
  for (const ProbeDrift& probe : report.probes) {
    ojson p;
    p["id"] = probe.id;
    p["title"] = probe.title;
    p["verdict"] = ToString(probe.verdict);
    p["reason"] = TextOrNull(probe.reason);
    p["live"] = SideJson(probe.live);
    p["mock"] = SideJson(probe.mock);
    p["differences"] = ojson::array();
    for (const Difference& d : probe.differences) {
      p["differences"].push_back({{"path", d.path}, {"live", d.live}, {"mock", d.mock}});
    }
    p["facts"] = ojson::array();
    for (std::string_view fact : FactsOf(probe.id)) p["facts"].push_back(fact);
    out["probes"].push_back(std::move(p));
  }
  return out;
}

std::string FormatMarkdown(const DriftReport& report) {
  std::string out = fmt::format("## sfharness drift: `{}` against sfmock\n\n", report.domain);
  const std::string_view result = ResultOf(report);
  if (result == "unreachable") {
    out += fmt::format("**Not compared.** The live org could not be reached: {}\n",
                       report.unreachable);
  } else if (result == "mock_error") {
    out += fmt::format("**Not compared.** {}\n", report.mock_error);
  } else if (result == "drift") {
    out += fmt::format("**Drift** in {}.\n", Differing(report, "`"));
  } else if (result == "stopped") {
    out += "**Not drift, not fully compared.**\n";
  } else {
    out += "**No drift**: every compared probe answered alike.\n";
  }
  out += fmt::format("\n- Live: `{}`, client id `{}`{}\n",
                     report.live_base_url.empty() ? report.domain : report.live_base_url,
                     report.live_client_id,
                     report.proxy.empty() ? "" : fmt::format(", through `{}`", report.proxy));
  if (!report.mock_base_url.empty()) {
    out += fmt::format("- Mock: embedded sfmock, client id `{}`, {}\n", report.mock_client_id,
                       report.mock_org);
  }
  out +=
      "- Compared per probe: the verdict, HTTP status, Content-Type, Cache-Control, "
      "Sforce-Limit-Info's form, Location's presence, JSON keys and types, URL path shapes, "
      "exact error strings; ids, tokens, timestamps and other values masked "
      "(docs/DRIFT.md).\n";
  if (report.stopped) out += "\n" + StoppedText(*report.stopped) + "\n";
  if (report.probes.empty()) return out;

  out += "\n| Probe | Result | Live | Mock |\n|---|---|---|---|\n";
  for (const ProbeDrift& probe : report.probes) {
    out += fmt::format("| `{}` | {}{} | {} | {} |\n", probe.id, Label(probe.verdict),
                       probe.reason.empty() ? "" : ": " + diagnose::MarkdownCell(probe.reason),
                       SideCell(probe.live), SideCell(probe.mock));
  }
  for (const ProbeDrift& probe : report.probes) {
    if (probe.differences.empty()) continue;
    out += fmt::format("\n### `{}` differs\n\n```\n", probe.id);
    for (const Difference& d : probe.differences) out += DifferenceLine(d) + "\n";
    out += "```\n";
  }
  std::string facts;
  for (const ProbeDrift& probe : report.probes) {
    if (probe.verdict == ProbeVerdict::kNotCompared || FactsOf(probe.id).empty()) continue;
    facts += fmt::format("\n- `{}`: {}\n", probe.id,
                         probe.verdict == ProbeVerdict::kSame
                             ? "the same: the live org confirms the mock's answer for"
                             : "differs: the live org contradicts the mock's answer for some of");
    for (std::string_view fact : FactsOf(probe.id)) facts += fmt::format("  - {}\n", fact);
  }
  if (!facts.empty()) {
    out += "\n### Facts of salesforce-wire.md §10 and docs/wire-choices.md this run speaks to\n" +
           facts;
  }
  return out;
}

std::string FormatJson(const DriftReport& report) {
  return ToJson(report).dump(2, ' ', false, ojson::error_handler_t::replace);
}

}  // namespace sfh::harness::drift
