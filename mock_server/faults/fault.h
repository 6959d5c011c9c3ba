// Protocol faults: a decorator over the org's handler (leveldb's EnvWrapper idea), so tests
// exercise the real org with one behaviour changed. A rule matches requests by method and path
// glob, fires on the Nth match, and either changes the org's state before the request is
// handled (expire or revoke every session) or answers with a catalogue error instead.
#ifndef SFH_MOCK_SERVER_FAULTS_FAULT_H_
#define SFH_MOCK_SERVER_FAULTS_FAULT_H_

#include <mutex>
#include <string>
#include <vector>

#include "mock_server/http/message.h"
#include "mock_server/org/org.h"
#include "mock_server/scenario/json_reader.h"

namespace sfh::mock {

enum class FaultAction {
  kExpireSessions,  // every session's timeout passes now: REST answers INVALID_SESSION_ID
  kRevokeSessions,  // every token is revoked, as by an admin in Setup
  kRespond,         // answer with a catalogue error instead of the org
};

struct FaultRule {
  std::string name;         // shown in the journal; the action's name unless given
  std::string method = "*"; // "GET", "POST", ... or "*"
  std::string path = "*";   // fnmatch(3) glob over the path, '*' matching '/' too
  int nth = 1;              // fires on the nth matching request (1 = the first)
  bool repeat = false;      // fire on every match from the nth on, not only once
  FaultAction action = FaultAction::kExpireSessions;
  std::string error;        // kRespond: the catalogue entry id
};

// Reads one fault: {"on": "GET /services/data/*", "nth": 2, "do": "expire_sessions"}.
FaultRule ReadFaultRule(ObjectReader& reader);

// Thread-safe: counting and firing are serialised, so "the Nth request" is well defined under
// concurrency.
class FaultInjector : public Handler {
 public:
  // `inner` and `org` must outlive the injector.
  FaultInjector(Handler& inner, Org& org, std::vector<FaultRule> rules);
  HttpResponse Handle(const HttpRequest& request) override;

 private:
  struct Armed {
    FaultRule rule;
    int matches = 0;
    bool spent = false;
  };
  Handler* inner_;
  Org* org_;
  std::mutex mu_;
  std::vector<Armed> armed_;
};

}  // namespace sfh::mock

#endif  // SFH_MOCK_SERVER_FAULTS_FAULT_H_
