// `sfharness diagnose`: ordered, read-only probes of an org's client-credentials setup, each
// passed, warned, failed or skipped with what it saw, and every failure matched to a cause and
// its fix (salesforce/catalogue.h for what Salesforce answers, diagnose/causes.h for what
// happens before Salesforce answers: names, connections, TLS, the wrong host). The probes never
// write data; the one token they obtain is revoked at the end, whatever failed before.
#ifndef SFH_HARNESS_DIAGNOSE_DIAGNOSE_H_
#define SFH_HARNESS_DIAGNOSE_DIAGNOSE_H_

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "harness/diagnose/causes.h"
#include "harness/net/http_client.h"

namespace sfh::harness::diagnose {

struct DiagnoseOptions {
  // The org's My Domain: a host name ("acme.my.salesforce.com", https assumed) or a URL
  // ("https://acme.my.salesforce.com", "http://127.0.0.1:43121" for sfmock).
  std::string domain;
  std::string client_id;
  std::string client_secret;  // never printed
  std::string api_version;    // "62.0"; empty: the newest the org lists
  bool basic_auth = false;    // client credentials in HTTP Basic instead of the body
  net::ClientOptions net;     // CA file, --insecure, proxy, timeouts
};

enum class ProbeStatus { kPassed, kWarning, kFailed, kSkipped };
std::string_view ToString(ProbeStatus status);  // "passed", "warning", "failed", "skipped"

// One HTTP exchange a probe made, redacted: what can be shown.
struct ProbeExchange {
  std::string method;
  std::string url;
  int status = 0;       // 0 when no answer came
  std::string failure;  // the transport failure's kind and detail when no answer came
  std::chrono::milliseconds elapsed{0};
  std::string body;  // the answer's body, redacted and cut to 2 KiB; only for failures
};

struct ProbeResult {
  std::string id;     // "target", "dns", "connection", "org", "discovery", "token", ...
  std::string title;  // what the probe checks, one line
  ProbeStatus status = ProbeStatus::kSkipped;
  std::string saw;                   // what it saw, one line (the reason when skipped)
  std::vector<std::string> details;  // more lines worth showing (redacted)
  std::optional<ProbeExchange> exchange;
  std::optional<Cause> cause;  // for warnings and failures
};

struct Report {
  std::string domain;               // as given
  std::string base_url;             // the origin probed, e.g. "https://acme.my.salesforce.com"
  std::string proxy;                // the proxy used, without credentials, or ""
  std::vector<ProbeResult> probes;  // in order

  // The first failed probe, or nullptr when none failed: its cause is the likely cause.
  const ProbeResult* FirstFailure() const;
  bool Healthy() const { return FirstFailure() == nullptr; }
};

// How a probe sends a request; net::Send with the options' net settings by default. Tests and
// callers that need to see the wire may pass their own.
using Sender = std::function<net::Outcome(const net::Request&)>;

// Runs every probe in order. A probe whose prerequisite failed is skipped with that reason.
// Never throws; bad options (an unparseable domain) are a failed "target" probe.
Report Diagnose(const DiagnoseOptions& options, const Sender& send = nullptr);

}  // namespace sfh::harness::diagnose

#endif  // SFH_HARNESS_DIAGNOSE_DIAGNOSE_H_
