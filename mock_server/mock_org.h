// One mock org with everything but sockets: the org model, its endpoints, the fault layer
// decorating them, its clock and the journal of its exchanges. The wire layer (wire/) serves it
// through MockService; tests call Serve() or handler() directly.
#ifndef SFH_MOCK_SERVER_MOCK_ORG_H_
#define SFH_MOCK_SERVER_MOCK_ORG_H_

#include <memory>
#include <vector>

#include "mock_server/endpoints/endpoints.h"
#include "mock_server/faults/fault.h"
#include "mock_server/journal/journal.h"
#include "mock_server/org/clock.h"
#include "mock_server/org/org.h"

namespace sfh::mock {

// The bounds of one mock org's memory: the org's and its journal's (docs/LIMITS.md).
struct MockLimits {
  OrgLimits org;
  size_t journal_capacity = Journal::kDefaultCapacity;  // exchanges
  size_t journal_max_bytes = Journal::kDefaultMaxBytes;
};

class MockOrg {
 public:
  // `clock` is shared so tests can hold a ManualClock; null means an OffsetClock (the real time,
  // movable through the admin API). Throws std::invalid_argument when a limit is 0.
  MockOrg(OrgConfig config, std::vector<FaultRule> faults,
          std::shared_ptr<SettableClock> clock = nullptr, MockLimits limits = {});
  MockOrg(const MockOrg&) = delete;
  MockOrg& operator=(const MockOrg&) = delete;

  // Serves one request: names the app it speaks for, runs the faults and the org, and journals
  // the exchange. The answer carries its wire fault for the wire layer. Thread-safe.
  HttpResponse Serve(HttpRequest request);

  // The top of the handler chain: faults, then the org's endpoints. Thread-safe.
  Handler& handler() { return faults_; }
  FaultInjector& faults() { return faults_; }
  Org& org() { return org_; }
  const Org& org() const { return org_; }
  SettableClock& clock() { return *clock_; }
  Journal& journal() { return journal_; }
  const Journal& journal() const { return journal_; }

 private:
  std::shared_ptr<SettableClock> clock_;
  Org org_;
  OrgHandler endpoints_;
  FaultInjector faults_;
  Journal journal_;
};

}  // namespace sfh::mock

#endif  // SFH_MOCK_SERVER_MOCK_ORG_H_
