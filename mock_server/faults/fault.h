// Faults: a decorator over the org's handler (leveldb's EnvWrapper idea), so tests exercise the
// real org with one behaviour changed. A rule says which requests it watches (method, path glob,
// host, client id, scenario state, time on the mock's clock), when it fires among them (the Nth,
// every Nth, with a seeded probability, how many times), and what it does:
//   - answer instead of the org: a catalogue error, or 503 with Retry-After;
//   - change the org's state, then let the org answer: expire or revoke every session, migrate
//     the instance, refresh the sandbox, rotate a secret, switch the flow off, unset or
//     deactivate the Run As user, exhaust the daily or concurrent API limit;
//   - hand the wire layer a wire fault: delay, hang, reset, empty, malformed, truncated;
//   - let the org answer and spoil it: a token response's `signature` that does not verify;
//   - nothing but a move of the scenario's state (`set_state`), for multi-step stories.
// The format is scenarios/FORMAT.md's "faults".
#ifndef SFH_MOCK_SERVER_FAULTS_FAULT_H_
#define SFH_MOCK_SERVER_FAULTS_FAULT_H_

#include <chrono>
#include <cstdint>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "mock_server/http/message.h"
#include "mock_server/org/org.h"
#include "mock_server/scenario/json_reader.h"

namespace sfh::mock {

enum class FaultAction {
  kRespond,                 // answer a catalogue error (`error`) instead of the org
  kUnavailable,             // answer 503 with Retry-After (`retry_after_seconds`)
  kExpireSessions,          // every session's timeout passes now: REST answers INVALID_SESSION_ID
  kRevokeSessions,          // every token is revoked, as by an admin in Setup
  kMigrateInstance,         // new tokens name another instance host (`to`)
  kRefreshSandbox,          // a new org id; every token gone; the same My Domain
  kRotateSecret,            // a new consumer secret (`secret`, or generated)
  kFlowOffInSettings,       // the owner switches client credentials off
  kFlowOffInPolicies,       // the admin switches client credentials off
  kUnsetRunAs,              // the Run As user is removed from the policies
  kDeactivateRunAs,         // the Run As user is deactivated
  kFreezeRunAs,             // the Run As user is frozen
  kExhaustDailyLimit,       // the daily API limit is used up
  kExhaustConcurrentLimit,  // the long-running request slots are full (`seconds` long)
  kDelay,                   // wire: answer after `delay_ms` (fixed, or a seeded pick in a range)
  kHang,                    // wire: answer nothing until the client gives up (`max_seconds`)
  kReset,                   // wire: TCP reset, no response
  kEmpty,                   // wire: close without a byte
  kMalformed,               // wire: a body that does not parse
  kTruncated,               // wire: a body cut short of its Content-Length
  kTamperSignature,         // the org answers; a token response's `signature` is made wrong
  kNone,                    // only `set_state`
};

std::string_view ToString(FaultAction action);  // "respond", "expire_sessions", ...

// How many times a rule fires.
inline constexpr int kAlways = 0;

struct FaultRule {
  std::string name;  // shown in the journal; the action's name unless given

  // Which requests the rule watches.
  std::string method = "*";         // "GET", "POST", ... or "*"
  std::string path = "*";           // fnmatch(3) glob over the path, '*' matching '/' too
  std::optional<VirtualHost> host;  // any host when absent
  std::string client_id;            // only this app's requests (credentials or token) when set
  std::string when_state;           // only in this scenario state when set
  std::chrono::seconds after{0};    // only once the mock's clock is this far past the start

  // When it fires among the requests it watches (counted 1, 2, 3, ...).
  int nth = 1;               // the first that may fire
  int every = 0;             // then every `every`-th after it; 0: each one after it
  int times = 1;             // fires at most this often; kAlways: no limit
  double probability = 1.0;  // each due request fires with this probability...
  uint64_t seed = 1;         // ...drawn from a generator seeded with this

  // What it does.
  FaultAction action = FaultAction::kExpireSessions;
  std::string error;                                // kRespond: the catalogue entry id
  int retry_after_seconds = 30;                     // kUnavailable
  InstanceUrlHost to = InstanceUrlHost::kMyDomain;  // kMigrateInstance
  bool to_given = false;              // kMigrateInstance: false moves to the host the org is not on
  std::string app;                    // the app whose secret, flow or Run As changes; "" every app
  std::string secret;                 // kRotateSecret: the new secret; "" a generated one
  std::chrono::seconds duration{60};  // kExhaustConcurrentLimit
  std::chrono::milliseconds delay_min{0}, delay_max{0};  // kDelay; kHang: the cap (max)
  std::string set_state;  // the scenario state after it fires, when set
};

// Reads one fault, e.g. {"on": "GET /services/data/*", "nth": 2, "do": "expire_sessions"}.
FaultRule ReadFaultRule(ObjectReader& reader);
// "no app named …" when the rule names an app `org` does not have; nullopt when it is fine.
std::optional<std::string> UnknownFaultApp(const FaultRule& rule, const OrgConfig& org);
// The rule as JSON in the same format (the admin API lists armed faults with it).
nlohmann::ordered_json FaultRuleJson(const FaultRule& rule);

// The consumer key a request speaks for: HTTP Basic, the client_id or client_assertion/assertion
// issuer parameter (body or query), else the app of the bearer token or `token` parameter it
// carries. "" when none is known.
std::string ClientIdOf(const Org& org, const HttpRequest& request);
// The same from the request alone: credentials and parameters, no token lookup.
std::string ClientIdFromCredentials(const HttpRequest& request);
// The token a request carries: "Authorization: Bearer", else a `token` parameter.
std::optional<std::string> TokenOf(const HttpRequest& request);

// Thread-safe: matching, counting and firing are serialised, so "the Nth request" is well
// defined under concurrency. The state changes run before the org handles the request.
class FaultInjector : public Handler {
 public:
  static constexpr std::string_view kInitialState = "Started";

  // `inner` and `org` must outlive the injector. The clock's time now is the start `after`
  // counts from.
  FaultInjector(Handler& inner, Org& org, std::vector<FaultRule> rules);
  HttpResponse Handle(const HttpRequest& request) override;

  // The admin API's view and controls.
  struct Status {
    FaultRule rule;
    int matches = 0;  // requests it watched
    int fired = 0;
  };
  std::vector<Status> List() const;
  void Arm(FaultRule rule);
  // Disarms the rule(s) with that name; false when none has it.
  bool Disarm(std::string_view name);
  void DisarmAll();
  std::string state() const;
  void SetState(std::string state);

 private:
  struct Armed {
    FaultRule rule;
    int matches = 0;
    int fired = 0;
    std::mt19937_64 random;
  };
  bool Watches(const Armed& armed, const HttpRequest& request, std::string_view client_id) const;
  // Whether this watched request (already counted) fires the rule.
  static bool Due(Armed& armed);
  void ChangeState(const FaultRule& rule);

  Handler* inner_;
  Org* org_;
  std::chrono::system_clock::time_point start_;
  mutable std::mutex mu_;
  std::vector<Armed> armed_;
  std::string state_{kInitialState};
};

}  // namespace sfh::mock

#endif  // SFH_MOCK_SERVER_FAULTS_FAULT_H_
