// A recorded live session as a scenario file (scenarios/FORMAT.md) that the mock can replay and
// a bug report can carry: built from what crossed the wire, with everything that could identify
// the org left out or replaced (replacer.h). Pure: no I/O.
//
// What the scenario holds, and where it comes from:
//   org.kind            salesforce::ClassifyHost of the domain (production when it is no
//                       Salesforce host); the domain itself never appears
//   org.my_domain       "recorded"; no org_id (the mock makes one)
//   latest_api_version  the org's /services/data/ answer if the client read it, else the highest
//                       vNN.0 in the paths it used, else the version the client was given
//   users, apps         one user, integration@recorded.test, the Run As user of one app,
//                       "Recorded App", without credentials (the mock makes them); its scopes
//                       from the token response's `scope`, jwt_access_tokens when the access
//                       token was a JWT
//   records             records seen in REST answers (query results, record reads) of the
//                       objects and fields the mock knows (and custom fields ending __c): ids
//                       and string values replaced consistently; numbers, booleans and null kept
//   choices             scope_parameter "ignore" when the org granted a token to a request that
//                       carried `scope`; jwt_response_has_signature when a JWT came signed
//   faults              each error answer of the org that the catalogue recognises, replayed by
//                       a `respond` fault on the same request (method, path, nth); a 503 as
//                       `unavailable`
//   client, expect      the calls asked for; `succeeds` or `fails` as the live client did
//   title, teaches      that it was recorded live: kind, date, API version and the requests
//                       (method and path with ids replaced, query values left out)
#ifndef SFH_HARNESS_RECORD_SCENARIO_WRITER_H_
#define SFH_HARNESS_RECORD_SCENARIO_WRITER_H_

#include <chrono>
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "mock_server/journal/journal.h"

namespace sfh::harness::record {

inline constexpr char kRecordedMyDomain[] = "recorded";
inline constexpr char kRecordedUsername[] = "integration@recorded.test";
inline constexpr char kRecordedAppName[] = "Recorded App";

struct RecordedSession {
  std::string domain;                     // as given to --domain: only its kind is kept
  std::vector<mock::Exchange> exchanges;  // unredacted, oldest first, as the proxy saw them
  std::string api_version;                // the version the client was given ("62.0")
  int calls = 3;
  bool client_succeeded = true;
  std::string id;  // empty: DefaultRecordedId(recorded_at)
  std::chrono::system_clock::time_point recorded_at = std::chrono::system_clock::now();
};

// What went into the scenario, for the command's summary. Holds nothing of the org.
struct RecordedScenario {
  nlohmann::ordered_json json;
  std::string kind;      // "production"
  int api_version = 0;   // 62
  size_t exchanges = 0;  // how many crossed the wire
  size_t tokens = 0;     // access tokens granted, left out
  size_t ids_replaced = 0;
  size_t values_replaced = 0;
  size_t records = 0;              // records written
  size_t records_skipped = 0;      // of objects the mock does not know
  size_t fields_skipped = 0;       // fields it does not know, or relationship values
  size_t faults = 0;               // error answers replayed as faults
  size_t errors_not_replayed = 0;  // error answers (>= 400) no fault reproduces
  bool jwt = false;
  std::vector<std::string> scopes;
  std::vector<std::string> requests;  // "GET /services/data/v62.0/query?q=... -> 200 (3 times)"
};

// "recorded/2026-05-01T12-30-00Z".
std::string DefaultRecordedId(std::chrono::system_clock::time_point at);

RecordedScenario BuildRecordedScenario(const RecordedSession& session);

}  // namespace sfh::harness::record

#endif  // SFH_HARNESS_RECORD_SCENARIO_WRITER_H_
