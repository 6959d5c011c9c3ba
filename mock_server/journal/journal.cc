#include "mock_server/journal/journal.h"

#include <nlohmann/json.hpp>

namespace sfh::mock {
namespace {

nlohmann::ordered_json RedactedHeaders(const Headers& headers,
                                       const salesforce::Redactor& redactor) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& [name, value] : headers.fields()) {
    out.push_back({name, redactor.RedactHeader(name, value)});
  }
  return out;
}

}  // namespace

void Journal::Record(Exchange exchange) {
  std::lock_guard lock(mu_);
  exchange.seq = next_seq_++;
  entries_.push_back(std::move(exchange));
  while (entries_.size() > capacity_) {
    entries_.pop_front();
    ++dropped_;
  }
}

std::vector<Exchange> Journal::Snapshot() const {
  std::lock_guard lock(mu_);
  return {entries_.begin(), entries_.end()};
}

uint64_t Journal::total() const {
  std::lock_guard lock(mu_);
  return next_seq_ - 1;
}

uint64_t Journal::dropped() const {
  std::lock_guard lock(mu_);
  return dropped_;
}

void Journal::Clear() {
  std::lock_guard lock(mu_);
  entries_.clear();
}

std::string Journal::ExportJson(const salesforce::Redactor& redactor) const {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const Exchange& e : Snapshot()) {
    nlohmann::ordered_json item;
    item["seq"] = e.seq;
    item["host"] = ToString(e.request.host);
    item["tls"] = e.request.tls;
    item["method"] = e.request.method;
    item["target"] = redactor.Redact(e.request.target);
    item["request"] = {{"headers", RedactedHeaders(e.request.headers, redactor)},
                       {"body", redactor.Redact(e.request.body)}};
    item["status"] = e.response.status;
    item["response"] = {{"headers", RedactedHeaders(e.response.headers, redactor)},
                        {"body", redactor.Redact(e.response.body)}};
    item["fault"] = e.response.fault;
    item["elapsed_us"] = e.elapsed.count();
    out.push_back(std::move(item));
  }
  // Invalid UTF-8 from a client must not make the export throw.
  return out.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace sfh::mock
