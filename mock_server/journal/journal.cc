#include "mock_server/journal/journal.h"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <fnmatch.h>
#include <unistd.h>

#include <atomic>
#include <nlohmann/json.hpp>

#include "salesforce/catalogue.h"

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

size_t HeadersSize(const Headers& headers) {
  size_t n = 0;
  for (const auto& [name, value] : headers.fields()) n += name.size() + value.size() + 4;
  return n;
}

size_t SizeOf(const Exchange& e) {
  return sizeof(Exchange) + e.request.target.size() * 2 + e.request.query.size() +
         HeadersSize(e.request.headers) + e.request.body.size() + e.request.remote.size() +
         HeadersSize(e.response.headers) + e.response.body.size() + e.response.fault.size() +
         e.request.client_id.size();
}

bool Cut(std::string& body) {
  if (body.size() <= Journal::kMaxStoredBodyBytes) return false;
  body.resize(Journal::kMaxStoredBodyBytes);
  body.shrink_to_fit();
  return true;
}

bool Selected(const Exchange& e, const JournalQuery& q) {
  if (e.seq <= q.since) return false;
  if (!q.method.empty() && !EqualsIgnoreCase(q.method, e.request.method)) return false;
  if (!q.client_id.empty() && q.client_id != e.request.client_id) return false;
  if (!q.path.empty() && fnmatch(q.path.c_str(), e.request.path.c_str(), 0) != 0) return false;
  return true;
}

std::string WireFaultText(const WireFault& wire) {
  switch (wire.kind) {
    case WireFault::Kind::kNone:
      return "";
    case WireFault::Kind::kDelay:
      return fmt::format("delay {} ms", wire.delay.count());
    default:
      return std::string(ToString(wire.kind));
  }
}

nlohmann::ordered_json Explanation(const HttpResponse& response) {
  const auto* entry = salesforce::RecognizeErrorResponse(
      response.status, response.body, response.headers.Get("Location").value_or(""));
  if (entry == nullptr) return nullptr;
  return {{"id", entry->id},
          {"code", entry->code},
          {"description", entry->description},
          {"provenance", salesforce::ToString(entry->provenance)},
          {"causes", entry->causes},
          {"fix", entry->fix}};
}

std::string NewJournalId() {
  static std::atomic<uint64_t> made{0};
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  return fmt::format("{:x}-{:x}-{}",
                     std::chrono::duration_cast<std::chrono::microseconds>(now).count(),
                     static_cast<unsigned>(getpid()), ++made);
}

void CutNoteText(std::string& text) {
  if (text.size() > Journal::kMaxNoteBytes) text.resize(Journal::kMaxNoteBytes);
}

}  // namespace

Journal::Journal(size_t capacity, size_t max_bytes)
    : capacity_(capacity), max_bytes_(max_bytes), id_(NewJournalId()) {}

uint64_t Journal::Record(Exchange exchange) {
  exchange.request_body_cut = Cut(exchange.request.body);
  exchange.response_body_cut = Cut(exchange.response.body);
  const size_t size = SizeOf(exchange);
  // The exchange pushed out of a full ring is freed after the lock is let go: its dozens of
  // allocations need not hold up the other requests being journalled.
  std::optional<Exchange> evicted;
  std::lock_guard lock(mu_);
  const uint64_t seq = next_seq_++;
  exchange.seq = seq;
  entries_.push_back(std::move(exchange));
  sizes_.push_back(size);
  bytes_ += size;
  while (entries_.size() > capacity_ || (bytes_ > max_bytes_ && entries_.size() > 1)) {
    bytes_ -= sizes_.front();
    if (!evicted) evicted = std::move(entries_.front());
    entries_.pop_front();
    sizes_.pop_front();
    ++dropped_;
  }
  return seq;
}

void Journal::NoteHangEnd(uint64_t seq, std::chrono::microseconds held, bool client_left) {
  std::lock_guard lock(mu_);
  if (entries_.empty() || seq < entries_.front().seq || seq > entries_.back().seq) return;
  Exchange& e = entries_[seq - entries_.front().seq];
  e.hang_ended = true;
  e.hang_held = held;
  e.client_left = client_left;
}

std::vector<Exchange> Journal::Snapshot() const {
  std::lock_guard lock(mu_);
  return {entries_.begin(), entries_.end()};
}

std::vector<Exchange> Journal::Select(const JournalQuery& query) const {
  std::vector<Exchange> out;
  std::lock_guard lock(mu_);
  // Sequence numbers in the ring are consecutive: what follows `since` starts at a known place.
  size_t first = 0;
  if (!entries_.empty() && query.since >= entries_.front().seq) {
    first = std::min<size_t>(query.since - entries_.front().seq + 1, entries_.size());
  }
  for (auto it = entries_.begin() + static_cast<std::ptrdiff_t>(first); it != entries_.end();
       ++it) {
    const Exchange& e = *it;
    if (!Selected(e, query)) continue;
    out.push_back(e);
    if (query.limit != 0 && out.size() == query.limit) break;
  }
  return out;
}

uint64_t Journal::total() const {
  std::lock_guard lock(mu_);
  return next_seq_ - 1;
}

uint64_t Journal::dropped() const {
  std::lock_guard lock(mu_);
  return dropped_;
}

size_t Journal::bytes() const {
  std::lock_guard lock(mu_);
  return bytes_;
}

void Journal::Clear() {
  std::lock_guard lock(mu_);
  entries_.clear();
  sizes_.clear();
  bytes_ = 0;
  notes_.clear();
}

Note Journal::AddNote(std::string kind, std::string title, std::string text,
                      std::optional<uint64_t> after_seq) {
  Note note;
  note.kind = std::move(kind);
  note.title = std::move(title);
  note.text = std::move(text);
  CutNoteText(note.kind);
  CutNoteText(note.title);
  CutNoteText(note.text);
  note.at = std::chrono::system_clock::now();
  std::lock_guard lock(mu_);
  note.id = next_note_id_++;
  note.after_seq = after_seq.value_or(next_seq_ - 1);
  notes_.push_back(note);
  while (notes_.size() > kMaxNotes) notes_.pop_front();
  return note;
}

std::vector<Note> Journal::Notes(uint64_t since_id) const {
  std::lock_guard lock(mu_);
  std::vector<Note> out;
  for (const Note& n : notes_) {
    if (n.id > since_id) out.push_back(n);
  }
  return out;
}

std::string Journal::ExportNotesJson(const salesforce::Redactor& redactor,
                                     uint64_t since_id) const {
  nlohmann::ordered_json notes = nlohmann::ordered_json::array();
  for (const Note& n : Notes(since_id)) {
    notes.push_back({{"id", n.id},
                     {"after_seq", n.after_seq},
                     {"at", FormatUtcMillis(n.at)},
                     {"kind", redactor.Redact(n.kind)},
                     {"title", redactor.Redact(n.title)},
                     {"text", redactor.Redact(n.text)}});
  }
  nlohmann::ordered_json out;
  out["journal_id"] = id_;
  out["notes"] = std::move(notes);
  return out.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string Journal::ExportJson(const salesforce::Redactor& redactor,
                                const JournalQuery& query) const {
  nlohmann::ordered_json exchanges = nlohmann::ordered_json::array();
  for (const Exchange& e : Select(query)) {
    nlohmann::ordered_json item;
    item["seq"] = e.seq;
    item["received_at"] = FormatUtcMillis(e.received_at);
    item["host"] = ToString(e.request.host);
    item["tls"] = e.request.tls;
    item["method"] = e.request.method;
    item["path"] = redactor.Redact(e.request.path);
    item["query"] = redactor.Redact(e.request.query);
    item["target"] = redactor.Redact(e.request.target);
    item["client_id"] = e.request.client_id;
    item["request"] = {{"headers", RedactedHeaders(e.request.headers, redactor)},
                       {"body", redactor.Redact(e.request.body)},
                       {"body_cut", e.request_body_cut}};
    item["status"] = e.response.status;
    item["response"] = {{"headers", RedactedHeaders(e.response.headers, redactor)},
                        {"body", redactor.Redact(e.response.body)},
                        {"body_cut", e.response_body_cut}};
    item["fault"] = e.response.fault;
    item["wire_fault"] = WireFaultText(e.response.wire);
    item["elapsed_us"] = e.elapsed.count();
    if (e.response.wire.kind == WireFault::Kind::kHang) {
      item["hang"] =
          e.hang_ended
              ? nlohmann::ordered_json{{"held_ms",
                                        std::chrono::duration_cast<std::chrono::milliseconds>(
                                            e.hang_held)
                                            .count()},
                                       {"client_left", e.client_left}}
              : nlohmann::ordered_json();
    }
    item["explanation"] = Explanation(e.response);
    exchanges.push_back(std::move(item));
  }
  nlohmann::ordered_json out;
  out["journal_id"] = id_;
  {
    std::lock_guard lock(mu_);
    out["total"] = next_seq_ - 1;
    out["dropped"] = dropped_;
  }
  out["capacity"] = capacity_;
  out["exchanges"] = std::move(exchanges);
  // Invalid UTF-8 from a client must not make the export throw.
  return out.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace sfh::mock
