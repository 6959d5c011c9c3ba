#include "mock_server/mock_org.h"

namespace sfh::mock {

MockOrg::MockOrg(OrgConfig config, std::vector<FaultRule> faults, std::shared_ptr<Clock> clock,
                 size_t journal_capacity)
    : clock_(clock ? std::move(clock) : std::make_shared<SystemClock>()),
      org_(std::move(config), *clock_),
      endpoints_(org_),
      faults_(endpoints_, org_, std::move(faults)),
      journal_(journal_capacity) {}

}  // namespace sfh::mock
