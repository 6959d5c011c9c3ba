#include "mock_server/mock_org.h"

#include <chrono>

namespace sfh::mock {
namespace {

// The org's clock, set to the scenario's start time when it gives one.
std::shared_ptr<SettableClock> StartClock(std::shared_ptr<SettableClock> clock,
                                          const OrgConfig& config) {
  if (!clock) clock = std::make_shared<OffsetClock>();
  if (config.clock_start) clock->Set(*config.clock_start);
  return clock;
}

}  // namespace

MockOrg::MockOrg(OrgConfig config, std::vector<FaultRule> faults,
                 std::shared_ptr<SettableClock> clock, MockLimits limits)
    : clock_(StartClock(std::move(clock), config)),
      org_(std::move(config), *clock_, limits.org),
      endpoints_(org_),
      faults_(endpoints_, org_, std::move(faults)),
      journal_(limits.journal_capacity, limits.journal_max_bytes) {}

HttpResponse MockOrg::Serve(HttpRequest request) {
  const auto received_at = std::chrono::system_clock::now();
  const auto start = std::chrono::steady_clock::now();
  request.client_id = ClientIdOf(org_, request);
  HttpResponse response = faults_.Handle(request);
  response.journal_seq = journal_.Record(request, response, received_at,
                                         std::chrono::duration_cast<std::chrono::microseconds>(
                                             std::chrono::steady_clock::now() - start));
  return response;
}

}  // namespace sfh::mock
