#include "harness/diagnose/output.h"

#include <fmt/format.h>

namespace sfh::harness::diagnose {
namespace {

std::string_view Label(ProbeStatus status) {
  switch (status) {
    case ProbeStatus::kPassed:
      return "PASS";
    case ProbeStatus::kWarning:
      return "WARN";
    case ProbeStatus::kFailed:
      return "FAIL";
    case ProbeStatus::kSkipped:
      return "SKIP";
  }
  return "SKIP";
}

std::string ExchangeLine(const ProbeExchange& exchange) {
  if (exchange.status == 0) {
    return fmt::format("{} {} -> no answer ({}) after {} ms", exchange.method, exchange.url,
                       exchange.failure, exchange.elapsed.count());
  }
  return fmt::format("{} {} -> {} in {} ms", exchange.method, exchange.url, exchange.status,
                     exchange.elapsed.count());
}

size_t Count(const Report& report, ProbeStatus status) {
  return static_cast<size_t>(std::ranges::count_if(
      report.probes, [&](const ProbeResult& probe) { return probe.status == status; }));
}

nlohmann::ordered_json CauseJson(const Cause& cause) {
  nlohmann::ordered_json out;
  out["id"] = cause.id;
  out["summary"] = cause.summary;
  out["likely_cause"] = cause.likely_cause;
  out["fix"] = cause.fix;
  out["reference"] = cause.reference;
  out["known"] = cause.known;
  return out;
}

}  // namespace

std::string MarkdownCell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::string FormatText(const Report& report) {
  std::string out = fmt::format("sfharness diagnose {}{}\n",
                                report.base_url.empty() ? report.domain : report.base_url,
                                report.proxy.empty() ? "" : " (through " + report.proxy + ")");
  for (const ProbeResult& probe : report.probes) {
    out += fmt::format("  {}  {:<11} {}\n", Label(probe.status), probe.id, probe.saw);
    if (probe.status == ProbeStatus::kSkipped) continue;
    for (const std::string& line : probe.details) out += fmt::format("{:20}{}\n", "", line);
    if (probe.exchange && probe.status != ProbeStatus::kPassed) {
      out += fmt::format("{:20}{}\n", "", ExchangeLine(*probe.exchange));
      if (!probe.exchange->body.empty()) {
        out += fmt::format("{:20}answer: {}\n", "", probe.exchange->body);
      }
    }
    if (probe.cause) {
      const Cause& cause = *probe.cause;
      out += fmt::format("{:20}cause:  {} ({}){}\n", "", cause.id, cause.summary,
                         cause.known ? "" : ", UNKNOWN");
      out += fmt::format("{:20}likely: {}\n", "", cause.likely_cause);
      out += fmt::format("{:20}fix:    {}\n", "", cause.fix);
      out += fmt::format("{:20}source: {}\n", "", cause.reference);
    }
  }
  const ProbeResult* first = report.FirstFailure();
  if (first == nullptr) {
    out += fmt::format("\nHealthy: {} passed, {} warnings, {} skipped.\n",
                       Count(report, ProbeStatus::kPassed), Count(report, ProbeStatus::kWarning),
                       Count(report, ProbeStatus::kSkipped));
  } else {
    out += fmt::format("\n{} failed, {} passed, {} warnings, {} skipped.\n",
                       Count(report, ProbeStatus::kFailed), Count(report, ProbeStatus::kPassed),
                       Count(report, ProbeStatus::kWarning), Count(report, ProbeStatus::kSkipped));
    out += fmt::format("Likely cause ({} probe): {}: {}\nFix: {}\n", first->id, first->cause->id,
                       first->cause->summary, first->cause->fix);
  }
  return out;
}

nlohmann::ordered_json ToJson(const Report& report) {
  nlohmann::ordered_json out;
  out["format"] = "sfharness-diagnose/1";
  out["domain"] = report.domain;
  out["base_url"] = report.base_url;
  out["proxy"] =
      report.proxy.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(report.proxy);
  out["healthy"] = report.Healthy();
  const ProbeResult* first = report.FirstFailure();
  if (first != nullptr) {
    out["likely_cause"] = CauseJson(*first->cause);
    out["likely_cause"]["probe"] = first->id;
  } else {
    out["likely_cause"] = nullptr;
  }
  out["probes"] = nlohmann::ordered_json::array();
  for (const ProbeResult& probe : report.probes) {
    nlohmann::ordered_json p;
    p["id"] = probe.id;
    p["title"] = probe.title;
    p["status"] = ToString(probe.status);
    p["saw"] = probe.saw;
    p["details"] = probe.details;
    if (probe.exchange) {
      const ProbeExchange& e = *probe.exchange;
      nlohmann::ordered_json x;
      x["method"] = e.method;
      x["url"] = e.url;
      x["status"] = e.status == 0 ? nlohmann::ordered_json() : nlohmann::ordered_json(e.status);
      x["failure"] =
          e.failure.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(e.failure);
      x["elapsed_ms"] = e.elapsed.count();
      x["body"] = e.body.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(e.body);
      p["exchange"] = std::move(x);
    } else {
      p["exchange"] = nullptr;
    }
    p["cause"] = probe.cause ? CauseJson(*probe.cause) : nlohmann::ordered_json();
    out["probes"].push_back(std::move(p));
  }
  return out;
}

std::string FormatMarkdown(const Report& report) {
  std::string out = fmt::format("## sfharness diagnose: `{}`\n\n",
                                report.base_url.empty() ? report.domain : report.base_url);
  const ProbeResult* first = report.FirstFailure();
  out += first == nullptr
             ? std::string("**Healthy.**\n\n")
             : fmt::format("**Failed.** Likely cause ({} probe): `{}`, {}\n\n", first->id,
                           first->cause->id, MarkdownCell(first->cause->summary));
  out += "| Probe | Status | Saw |\n|---|---|---|\n";
  for (const ProbeResult& probe : report.probes) {
    out += fmt::format("| `{}` | {} | {} |\n", probe.id, ToString(probe.status),
                       MarkdownCell(probe.saw));
  }
  for (const ProbeResult& probe : report.probes) {
    if (!probe.cause) continue;
    const Cause& cause = *probe.cause;
    out += fmt::format("\n### `{}` {}: `{}`\n\n", probe.id, ToString(probe.status), cause.id);
    out += fmt::format("- **What**: {}\n- **Likely cause**: {}\n- **Fix**: {}\n- **Source**: {}\n",
                       cause.summary, cause.likely_cause, cause.fix, cause.reference);
    if (probe.exchange) out += fmt::format("- **Exchange**: `{}`\n", ExchangeLine(*probe.exchange));
    if (probe.exchange && !probe.exchange->body.empty()) {
      out += fmt::format("\n```\n{}\n```\n", probe.exchange->body);
    }
  }
  return out;
}

std::string FormatJson(const Report& report) {
  return ToJson(report).dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace sfh::harness::diagnose
