#include "harness/nc/nc_output.h"

#include <fmt/format.h>

#include <sstream>

namespace sfh::harness::nc {
namespace {

using Json = nlohmann::ordered_json;

// A body as it may be shown: redacted first, then cut, so a cut never exposes part of a secret.
std::string ShownBody(const std::string& body, const salesforce::Redactor& redactor,
                      bool* truncated = nullptr) {
  std::string shown = redactor.Redact(body);
  const bool cut = shown.size() > kMaxShownBodyBytes;
  if (truncated != nullptr) *truncated = cut;
  if (cut) {
    const size_t more = shown.size() - kMaxShownBodyBytes;
    shown.resize(kMaxShownBodyBytes);
    shown += fmt::format("\n[... {} more bytes]", more);
  }
  return shown;
}

// Host as the request carries it: host[:port] of the URL.
std::string HostOf(const std::string& url) {
  auto parsed = net::ParseUrl(url);
  if (!parsed) return "";
  const std::string origin = parsed->Origin();
  return origin.substr(origin.find("://") + 3);
}

std::string TargetOf(const std::string& url) {
  auto parsed = net::ParseUrl(url);
  return parsed ? parsed->target : url;
}

void PrintLines(std::ostringstream& out, std::string_view prefix, const std::string& text) {
  size_t start = 0;
  while (start <= text.size()) {
    const size_t end = text.find('\n', start);
    out << prefix << text.substr(start, end == std::string::npos ? end : end - start) << "\n";
    if (end == std::string::npos) break;
    start = end + 1;
  }
}

std::string Title(const RecordedExchange& exchange) {
  if (exchange.kind == RecordedExchange::Kind::kToken) {
    return fmt::format("token request (for callout {}{})", exchange.call,
                       exchange.retry ? ", after a 401" : "");
  }
  return fmt::format("callout {}{}", exchange.call, exchange.retry ? ", retried after a 401" : "");
}

void PrintExchange(std::ostringstream& out, size_t index, const RecordedExchange& exchange,
                   const salesforce::Redactor& redactor) {
  const net::Request& request = exchange.request;
  out << fmt::format("--- {}. {} ---\n", index + 1, Title(exchange));
  out << "> " << request.method << " " << TargetOf(request.url) << " HTTP/1.1\n";
  out << "> Host: " << HostOf(request.url) << "\n";
  for (const auto& [name, value] : request.headers) {
    out << "> " << name << ": " << redactor.RedactHeader(name, value) << "\n";
  }
  if (!request.body.empty() || request.method == "POST") {
    out << "> Content-Length: " << request.body.size() << "\n";
  }
  out << ">\n";
  if (!request.body.empty()) PrintLines(out, "> ", ShownBody(request.body, redactor));
  if (!exchange.outcome.result) {
    const net::Failure& failure = exchange.outcome.result.error();
    out << fmt::format("! no answer: {}: {}\n", net::ToString(failure.kind),
                       redactor.Redact(failure.detail));
  } else {
    const net::Response& response = *exchange.outcome.result;
    out << "< HTTP/1.1 " << response.status << "\n";
    for (const auto& [name, value] : response.headers) {
      out << "< " << name << ": " << redactor.RedactHeader(name, value) << "\n";
    }
    out << "<\n";
    if (!response.body.empty()) PrintLines(out, "< ", ShownBody(response.body, redactor));
  }
  out << fmt::format("({} ms{})\n\n", exchange.outcome.elapsed.count(),
                     exchange.outcome.proxy.empty() ? "" : ", via proxy " + exchange.outcome.proxy);
}

std::string ScopeText(const ResolvedNamedCredential& r) {
  if (!r.scope) return "none (no Scope AuthParameter)";
  if (r.scope->empty()) return fmt::format("empty, not sent (line {})", r.scope_at.line);
  return fmt::format("\"{}\", sent as scope (line {})", *r.scope, r.scope_at.line);
}

std::string Sent(const std::string& as_written, const std::string& sent) {
  return sent == as_written ? as_written : fmt::format("{} (sent to {})", as_written, sent);
}

Json HeadersJson(const net::HeaderList& headers, const salesforce::Redactor& redactor) {
  Json out = Json::array();
  for (const auto& [name, value] : headers) {
    out.push_back({{"name", name}, {"value", redactor.RedactHeader(name, value)}});
  }
  return out;
}

Json LocationJson(const MetadataLocation& at) {
  if (at.file.empty()) return nullptr;
  return {{"file", at.file}, {"line", at.line}};
}

Json CauseJson(const Cause& cause, const RunView& run, const salesforce::Redactor& redactor) {
  static constexpr const char* kKinds[] = {"catalogue", "unknown_answer", "transport", "no_token"};
  Json out = {{"kind", kKinds[static_cast<int>(cause.kind)]},
              {"exchange", cause.exchange + 1},
              {"token_request", cause.token_request},
              {"status", cause.status}};
  if (cause.entry != nullptr) {
    out["catalogue_id"] = cause.entry->id;
    out["error"] = cause.entry->code;
    out["description"] = cause.entry->description;
    out["provenance"] = salesforce::ToString(cause.entry->provenance);
    out["source"] = cause.entry->source;
    out["likely_causes"] = cause.entry->causes;
    out["fix"] = cause.entry->fix;
  }
  if (cause.kind == Cause::Kind::kUnknownAnswer) {
    const auto& response = *run.runtime.exchanges().at(cause.exchange).outcome.result;
    out["raw_body"] = ShownBody(response.body, redactor);
  }
  if (cause.kind == Cause::Kind::kTransport) {
    out["failure"] = {{"kind", net::ToString(cause.failure.kind)},
                      {"detail", redactor.Redact(cause.failure.detail)}};
  }
  if (!cause.detail.empty()) out["detail"] = cause.detail;
  out["remedies"] = Json::array();
  for (const Remedy& remedy : cause.remedies) {
    out["remedies"].push_back({{"location", LocationJson(remedy.at)}, {"change", remedy.change}});
  }
  return out;
}

}  // namespace

std::string FormatText(const RunView& run, const salesforce::Redactor& redactor) {
  const ResolvedNamedCredential& r = run.resolved;
  const RuntimeConfig& config = run.runtime.config();
  std::ostringstream out;
  out << "Named Credential " << r.named_credential << "  " << r.named_credential_at.file << "\n"
      << "  Url: " << r.url << " (line " << r.url_at.line << ")\n"
      << "  generateAuthorizationHeader: " << (r.generate_authorization_header ? "true" : "false")
      << "\n"
      << "External Credential " << r.external_credential << "  " << r.external_credential_at.file
      << "\n"
      << "  protocol " << r.protocol << ", variant " << r.variant << " (line " << r.variant_at.line
      << "): client id and secret "
      << (r.client_authentication == ClientAuthentication::kBasic ? "in HTTP Basic"
                                                                  : "in the form body")
      << "\n"
      << "  token URL: " << Sent(r.token_url, config.token_url) << " (line " << r.token_url_at.line
      << ")\n"
      << "  scope: " << ScopeText(r) << "\n"
      << "  principal: " << r.principal << " (line " << r.principal_at.line << ")\n"
      << "callout:" << r.named_credential << run.path << " -> " << run.method << " "
      << run.runtime.CalloutUrl(run.path) << ", " << run.verdict.calls_requested << " time"
      << (run.verdict.calls_requested == 1 ? "" : "s") << "\n\n";

  const auto& exchanges = run.runtime.exchanges();
  for (size_t i = 0; i < exchanges.size(); ++i) PrintExchange(out, i, exchanges[i], redactor);

  out << run.verdict.summary << "\n";
  if (run.verdict.cause) {
    const Cause& cause = *run.verdict.cause;
    if (cause.entry != nullptr) {
      out << "Cause: " << cause.entry->id << " (" << salesforce::ToString(cause.entry->provenance)
          << "; " << cause.entry->source << ")\n"
          << "  Likely causes: " << cause.entry->causes << "\n"
          << "  Fix: " << cause.entry->fix << "\n";
    } else if (cause.kind == Cause::Kind::kUnknownAnswer) {
      const auto& response = *exchanges.at(cause.exchange).outcome.result;
      out << "Cause: unknown: this answer (HTTP " << response.status
          << ") is not in the catalogue; raw body:\n";
      PrintLines(out, "  ", ShownBody(response.body, redactor));
    } else if (cause.kind == Cause::Kind::kTransport) {
      out << "Cause: no answer (" << net::ToString(cause.failure.kind)
          << "): " << redactor.Redact(cause.failure.detail) << "\n";
    } else {
      out << "Cause: " << cause.detail << "\n";
    }
    for (const Remedy& remedy : cause.remedies) {
      out << "  Change: " << (remedy.at.file.empty() ? "" : remedy.at.Display() + ": ")
          << remedy.change << "\n";
    }
  }
  // Belt and braces: whatever slipped through a field above is masked here.
  return redactor.Redact(out.str());
}

Json ToJson(const RunView& run, const salesforce::Redactor& redactor) {
  const ResolvedNamedCredential& r = run.resolved;
  const RuntimeConfig& config = run.runtime.config();
  Json out = {{"schema", "sfharness-nc/1"}};
  out["named_credential"] = {{"name", r.named_credential},
                             {"file", r.named_credential_at.file},
                             {"url", r.url},
                             {"url_location", LocationJson(r.url_at)},
                             {"generate_authorization_header", r.generate_authorization_header}};
  out["external_credential"] = {
      {"name", r.external_credential},
      {"file", r.external_credential_at.file},
      {"protocol", r.protocol},
      {"variant", r.variant},
      {"client_authentication", ToString(r.client_authentication)},
      {"token_url", r.token_url},
      {"token_url_sent", config.token_url},
      {"token_url_location", LocationJson(r.token_url_at)},
      {"scope", r.scope ? Json(*r.scope) : Json(nullptr)},
      {"scope_location", r.scope ? LocationJson(r.scope_at) : Json(nullptr)},
      {"principal", r.principal}};
  out["callout"] = {{"method", run.method},
                    {"path", run.path},
                    {"url", run.runtime.CalloutUrl(run.path)},
                    {"calls", run.verdict.calls_requested},
                    {"retry_on_401", config.retry_on_401}};
  out["token_request_form"] = Json::array();
  for (const auto& [name, value] : run.runtime.TokenForm()) {
    out["token_request_form"].push_back(
        {{"name", name},
         {"value", name == "client_secret" ? "[REDACTED]" : redactor.Redact(value)}});
  }
  out["exchanges"] = Json::array();
  for (const RecordedExchange& exchange : run.runtime.exchanges()) {
    Json item = {{"kind", exchange.kind == RecordedExchange::Kind::kToken ? "token" : "callout"},
                 {"call", exchange.call},
                 {"retry", exchange.retry}};
    item["request"] = {{"method", exchange.request.method},
                       {"url", exchange.request.url},
                       {"headers", HeadersJson(exchange.request.headers, redactor)},
                       {"body", ShownBody(exchange.request.body, redactor)}};
    if (exchange.outcome.result) {
      bool truncated = false;
      const net::Response& response = *exchange.outcome.result;
      item["response"] = {{"status", response.status},
                          {"headers", HeadersJson(response.headers, redactor)},
                          {"body", ShownBody(response.body, redactor, &truncated)},
                          {"body_truncated", truncated}};
      item["failure"] = nullptr;
    } else {
      item["response"] = nullptr;
      item["failure"] = {{"kind", net::ToString(exchange.outcome.result.error().kind)},
                         {"detail", redactor.Redact(exchange.outcome.result.error().detail)}};
    }
    item["elapsed_ms"] = exchange.outcome.elapsed.count();
    item["proxy"] = exchange.outcome.proxy;
    out["exchanges"].push_back(std::move(item));
  }
  const Verdict& verdict = run.verdict;
  out["verdict"] = {{"passed", verdict.passed},
                    {"summary", verdict.summary},
                    {"calls_requested", verdict.calls_requested},
                    {"calls_made", verdict.calls_made},
                    {"calls_succeeded", verdict.calls_succeeded},
                    {"token_requests", verdict.token_requests}};
  out["cause"] = verdict.cause ? CauseJson(*verdict.cause, run, redactor) : Json(nullptr);
  return out;
}

}  // namespace sfh::harness::nc
