// `sfharness nc`, the output: the resolved metadata, every exchange printed as HTTP (request
// line, headers, body; status, headers, body), the verdict and the cause, as text or as one JSON
// document (schema "sfharness-nc/1"). Everything goes through the Redactor: no secret or token
// appears in full. Pure functions; thread-safe.
#ifndef SFH_HARNESS_NC_NC_OUTPUT_H_
#define SFH_HARNESS_NC_NC_OUTPUT_H_

#include <nlohmann/json.hpp>
#include <string>

#include "harness/nc/named_credential_runtime.h"
#include "harness/nc/nc_verdict.h"
#include "harness/nc/resolve.h"
#include "salesforce/redactor.h"

namespace sfh::harness::nc {

// A finished run, as the output shows it.
struct RunView {
  const ResolvedNamedCredential& resolved;
  const NamedCredentialRuntime& runtime;
  const Verdict& verdict;
  std::string method;
  std::string path;
};

// Bodies longer than this are cut (after redaction) and marked.
inline constexpr size_t kMaxShownBodyBytes = 16 * 1024;

std::string FormatText(const RunView& run, const salesforce::Redactor& redactor);

// {"schema":"sfharness-nc/1","named_credential":{…},"external_credential":{…},"callout":{…},
//  "token_request_form":[{"name","value"}…],"exchanges":[…],"verdict":{…},"cause":{…}|null}
nlohmann::ordered_json ToJson(const RunView& run, const salesforce::Redactor& redactor);

}  // namespace sfh::harness::nc

#endif  // SFH_HARNESS_NC_NC_OUTPUT_H_
