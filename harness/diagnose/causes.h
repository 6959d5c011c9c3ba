// Why a diagnose probe failed, and what to do about it. When Salesforce answered, the cause is
// the answer's catalogue entry (salesforce/catalogue.h: its causes and its fix in Setup and
// metadata terms). Before Salesforce can answer (a name that does not resolve, a refused
// connection, an untrusted certificate, a host that is not the org's My Domain) the cause is one
// of diagnose's own, listed here as data with the same fields. Immutable, thread-safe.
#ifndef SFH_HARNESS_DIAGNOSE_CAUSES_H_
#define SFH_HARNESS_DIAGNOSE_CAUSES_H_

#include <span>
#include <string>
#include <string_view>

#include "harness/net/http_client.h"
#include "salesforce/catalogue.h"

namespace sfh::harness::diagnose {

struct Cause {
  std::string id;            // a catalogue id ("token.no_client_credentials_user") or one below
  std::string summary;       // one line: what went wrong
  std::string likely_cause;  // the likely causes, in order
  std::string fix;           // the fix, in Setup and metadata terms where they apply
  std::string reference;     // where the fact comes from, with its provenance label
  bool known = true;         // false: an answer neither the catalogue nor diagnose knows
};

// One of diagnose's own causes.
struct CauseEntry {
  std::string_view id;
  std::string_view summary;
  std::string_view likely_cause;
  std::string_view fix;
  std::string_view reference;
};

// Every cause diagnose names itself (not the catalogue's), in a fixed order.
std::span<const CauseEntry> DiagnoseCauses();

// The cause with that id; terminates the program when there is none (ids are compile-time
// facts, and a test walks them).
Cause DiagnoseCause(std::string_view id);

// The cause a catalogue entry gives: "error: description" as summary.
Cause CatalogueCause(const salesforce::CatalogueEntry& entry);

// The cause of a request that got no answer.
Cause TransportCause(const net::Failure& failure);

// An answer neither the catalogue nor diagnose knows: shown raw (already redacted, cut) and said
// to be unknown.
Cause UnknownAnswer(int status, std::string_view body);

}  // namespace sfh::harness::diagnose

#endif  // SFH_HARNESS_DIAGNOSE_CAUSES_H_
