// `sfharness drift`: where the mock differs from a real org. The probes of `sfharness diagnose`
// run twice, against the live org and against an in-process sfmock configured the same way (a
// scenario file, or by default a healthy org with the live org's kind, latest API version and
// token format), and each probe's exchange is compared by its shape (drift/shape.h): status,
// the headers that carry facts, JSON keys and types, URL path shapes and the exact error strings.
// Every INFERRED or UNVERIFIED fact of salesforce-wire.md a probe touches (docs/DRIFT.md) is
// confirmed when its probe is the same on both sides and contradicted when it differs.
#ifndef SFH_HARNESS_DRIFT_DRIFT_H_
#define SFH_HARNESS_DRIFT_DRIFT_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/diagnose/diagnose.h"
#include "harness/drift/shape.h"
#include "mock_server/scenario/scenario_file.h"

namespace sfh::harness::drift {

struct DriftOptions {
  // The live org and how to reach it: the same options as `sfharness diagnose`.
  diagnose::DiagnoseOptions live;
  // The mock's org; nullopt: the default healthy org, configured after the live org's answers.
  // The mock side always serves the live side's scheme (HTTPS with a CA of its own, or HTTP),
  // whatever the scenario's transport says, so URL shapes compare.
  std::optional<mock::ScenarioDocument> mock_scenario;
  std::string mock_scenario_label;  // how to name the scenario in the report (its file)
};

enum class ProbeVerdict { kSame, kDiffers, kNotCompared };
std::string_view ToString(ProbeVerdict verdict);  // "same", "differs", "not_compared"

struct ProbeSide {
  diagnose::ProbeStatus status = diagnose::ProbeStatus::kSkipped;
  std::string saw;      // diagnose's one line, redacted
  std::string request;  // "GET /services/data/v{version}/limits" (shape), or "" when none sent
  std::string answer;   // "HTTP 200", "no answer (timeout)", or "" when none sent
};

struct ProbeDrift {
  std::string id;
  std::string title;
  ProbeVerdict verdict = ProbeVerdict::kSame;
  std::string reason;  // why it was not compared
  ProbeSide live;
  ProbeSide mock;
  std::vector<Difference> differences;  // "probe" for the statuses, then the answer's paths
};

// The live probe that stopped the others while the mock's passed it: a configuration of the
// live org, not drift.
struct StoppedAt {
  std::string probe;
  std::string saw;
  std::string cause;  // the cause's id, e.g. "token.invalid_client"
  std::string fix;
};

struct DriftReport {
  std::string domain;  // as given
  std::string live_base_url;
  std::string live_client_id;
  std::string proxy;  // the live side's proxy, without credentials, or ""
  std::string mock_base_url;
  std::string mock_client_id;
  std::string mock_org;  // what the mock played, one line
  // Why the live org could not be probed at all (no connection, a bad domain), or "".
  std::string unreachable;
  // Why the mock side could not run (it did not start), or "".
  std::string mock_error;
  std::optional<StoppedAt> stopped;
  std::vector<ProbeDrift> probes;  // in diagnose's order

  bool HasDrift() const;
  // 0 no drift, 1 drift, 2 nothing could be compared: unreachable, the mock did not start, or the
  // live org stopped the probes without drift before that point.
  int ExitCode() const;
};

// Probes whose verdict is about the path to the host (its name, the resolver, TLS), not the
// org's behaviour: never compared. `connection`'s answer is compared under `org`.
bool IsPathProbe(std::string_view probe_id);

// Runs both sides and compares them. `live_send` replaces net::Send for the live side (tests);
// the mock side always uses net::Send. Every string in the report is redacted: both secrets and
// every token either side was issued are registered as they arrive. Never throws.
DriftReport RunDrift(const DriftOptions& options, const diagnose::Sender& live_send = nullptr);

// What one probe's comparison can confirm or contradict in salesforce-wire.md and
// docs/wire-choices.md (INFERRED and UNVERIFIED facts), one line each; docs/DRIFT.md lists the
// same.
std::vector<std::string_view> FactsOf(std::string_view probe_id);

}  // namespace sfh::harness::drift

#endif  // SFH_HARNESS_DRIFT_DRIFT_H_
