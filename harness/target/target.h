// Where a scenario is played. One interface; the embedded mock is the implementation today, an
// external sfmock and a live org come next (docs/ARCHITECTURE.md).
#ifndef SFH_HARNESS_TARGET_TARGET_H_
#define SFH_HARNESS_TARGET_TARGET_H_

#include <expected>
#include <memory>
#include <string>
#include <vector>

#include "harness/scenario/scenario.h"
#include "mock_server/journal/journal.h"
#include "mock_server/org/org.h"
#include "salesforce/redactor.h"

namespace sfh::harness {

// What a client is pointed at for one scenario.
struct Endpoint {
  std::string label;  // "embedded mock (https)"
  mock::HostUrls hosts;
  std::string token_url;
  std::string login_url;  // the org's login host: login.salesforce.com, or test for sandboxes
  std::string ca_file;  // empty: plain HTTP, or the system's CAs
  std::string client_id;
  std::string client_secret;
  std::string api_version;  // "67.0"
};

// One scenario set up on a target, torn down by Stop() or the destructor.
class StagedScenario {
 public:
  virtual ~StagedScenario() = default;
  virtual const Endpoint& endpoint() const = 0;
  // What crossed the wire so far, oldest first.
  virtual std::vector<mock::Exchange> Exchanges() const = 0;
  // Knows every secret and token of this scenario.
  virtual const salesforce::Redactor& redactor() const = 0;
  virtual void Stop() = 0;
};

class Target {
 public:
  virtual ~Target() = default;
  // Sets up `scenario`; an error says why it cannot be (a setup error, not the client's fault).
  [[nodiscard]] virtual std::expected<std::unique_ptr<StagedScenario>, std::string> Stage(
      const Scenario& scenario) = 0;
};

// A fresh in-process sfmock on loopback port 0 per scenario, so runs are isolated.
class EmbeddedMockTarget : public Target {
 public:
  std::expected<std::unique_ptr<StagedScenario>, std::string> Stage(
      const Scenario& scenario) override;
};

}  // namespace sfh::harness

#endif  // SFH_HARNESS_TARGET_TARGET_H_
