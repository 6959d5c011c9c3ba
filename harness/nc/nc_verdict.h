// `sfharness nc`, the judgement: whether the callouts succeeded, and when not, why: the error
// answer looked up in the catalogue (salesforce::RecognizeErrorResponse) with its likely cause
// and fix, and for errors the metadata causes, the metadata to change with file and line. Pure
// functions over a finished run; thread-safe.
#ifndef SFH_HARNESS_NC_NC_VERDICT_H_
#define SFH_HARNESS_NC_NC_VERDICT_H_

#include <optional>
#include <string>
#include <vector>

#include "harness/nc/named_credential_runtime.h"
#include "harness/nc/resolve.h"
#include "salesforce/catalogue.h"

namespace sfh::harness::nc {

// A change to make in the project (a place and what to do there), or, with an empty location,
// something to change outside the metadata (the principal's credentials in Setup).
struct Remedy {
  MetadataLocation at;
  std::string change;
};

struct Cause {
  enum class Kind {
    kCatalogue,      // an error answer the catalogue knows: `entry`
    kUnknownAnswer,  // an answer that is not a success and not in the catalogue: shown raw
    kTransport,      // no answer: `failure`
    kNoToken,        // a 2xx token answer without a usable access_token
  };
  Kind kind = Kind::kCatalogue;
  size_t exchange = 0;  // index in the runtime's exchanges()
  bool token_request = false;
  const salesforce::CatalogueEntry* entry = nullptr;
  int status = 0;  // the answer's status (0 without an answer)
  net::Failure failure;
  std::string detail;  // kNoToken: what was wrong
  std::vector<Remedy> remedies;
};

struct Verdict {
  bool passed = false;
  int calls_requested = 0;
  int calls_made = 0;  // callouts sent at least once
  int calls_succeeded = 0;
  int token_requests = 0;
  std::string summary;         // one line, "PASSED: ..." or "FAILED: ..."
  std::optional<Cause> cause;  // of the first failure
};

// Judges a run: `results` are the runtime's callout results in order (the run stops at the
// first token failure, so there may be fewer than `calls_requested`).
Verdict Judge(const ResolvedNamedCredential& resolved, const NamedCredentialRuntime& runtime,
              const std::vector<CalloutResult>& results, int calls_requested);

}  // namespace sfh::harness::nc

#endif  // SFH_HARNESS_NC_NC_VERDICT_H_
