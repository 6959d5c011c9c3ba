#include <fmt/format.h>

#include "harness/checks/all_checks.h"
#include "harness/checks/exchange_view.h"

namespace sfh::harness {
namespace {

// A request the org never answers must be cut by the client's own timeout (SF_REQUEST_TIMEOUT),
// not by the server closing it or by the harness killing the client. The mock notes how each
// hang ended; one still held when the client had already exited was left by the client.
CheckVerdict Evaluate(const CheckInput& input) {
  std::vector<Evidence> bad;
  size_t hangs = 0;
  for (const auto& e : input.exchanges) {
    if (e.response.wire.kind != mock::WireFault::Kind::kHang) continue;
    ++hangs;
    if (e.hang_ended && !e.client_left) {
      bad.push_back(EvidenceFor(
          e,
          fmt::format("the client waited {} ms for an answer that never came, until the "
                      "mock closed the connection",
                      std::chrono::duration_cast<std::chrono::milliseconds>(e.hang_held).count())));
    }
  }
  if (hangs == 0) return CheckVerdict::Skipped("no request was left unanswered in this scenario");
  if (input.client.timed_out) {
    bad.push_back(Evidence{
        0, fmt::format("the harness killed the client after {} ms", input.client.elapsed.count())});
  }
  if (!bad.empty()) {
    std::string message = fmt::format(
        "the client has no timeout of its own: {} unanswered requests, {} not cut "
        "by the client (SF_REQUEST_TIMEOUT is {} s)",
        hangs, bad.size(), input.scenario.workload.request_timeout_seconds);
    return CheckVerdict::Failed(std::move(message), std::move(bad));
  }
  return CheckVerdict::Passed(
      fmt::format("{} unanswered requests, each cut by the client's own timeout", hangs));
}

}  // namespace

const CheckDefinition kEnsureHangCutByClientTimeout{
    "EnsureHangCutByClientTimeout",
    "A request the org never answers is cut by the client's own timeout (SF_REQUEST_TIMEOUT)",
    "The harness's client contract (docs/ARCHITECTURE.md, SF_REQUEST_TIMEOUT); RFC 9112 "
    "section 9.5 (a client can close a connection it no longer waits on)",
    Evaluate};

}  // namespace sfh::harness
