#include "mock_server/journal/journal.h"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <fnmatch.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>

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

// Journal::Kept::strings: each string as a 32-bit length in host order and its bytes, in the
// order PutStrings puts them. A header list is its field count and then each name and value.

// No string the mock meets comes near 4 GiB; one that did would be kept cut.
std::string_view Cap(std::string_view s) {
  return s.substr(0, std::numeric_limits<uint32_t>::max());
}

// What StringsWriter would append, counted.
class StringsSize {
 public:
  void Put(std::string_view s) { bytes += sizeof(uint32_t) + Cap(s).size(); }
  void Put(const Headers& headers) {
    bytes += sizeof(uint32_t);
    for (const auto& [name, value] : headers.fields()) {
      Put(name);
      Put(value);
    }
  }
  size_t bytes = 0;
};

class StringsWriter {
 public:
  explicit StringsWriter(std::string& out) : out_(out) {}
  void Put(std::string_view s) {
    s = Cap(s);
    PutCount(s.size());
    out_.append(s);
  }
  void Put(const Headers& headers) {
    PutCount(headers.fields().size());
    for (const auto& [name, value] : headers.fields()) {
      Put(name);
      Put(value);
    }
  }

 private:
  void PutCount(size_t n) {
    const auto count = static_cast<uint32_t>(n);
    out_.append(reinterpret_cast<const char*>(&count), sizeof count);
  }
  std::string& out_;
};

class StringsReader {
 public:
  explicit StringsReader(std::string_view in) : in_(in) {}
  std::string Get() {
    const uint32_t n = GetCount();
    std::string s(in_.substr(0, n));
    in_.remove_prefix(n);
    return s;
  }
  Headers GetHeaders() {
    Headers headers;
    for (uint32_t i = GetCount(); i > 0; --i) {
      std::string name = Get();
      headers.Add(std::move(name), Get());
    }
    return headers;
  }

 private:
  uint32_t GetCount() {
    uint32_t n = 0;
    std::memcpy(&n, in_.data(), sizeof n);
    in_.remove_prefix(sizeof n);
    return n;
  }
  std::string_view in_;
};

// A body as the journal keeps it: its first kMaxStoredBodyBytes.
std::string_view Stored(std::string_view body) {
  return body.substr(0, Journal::kMaxStoredBodyBytes);
}

// Puts every string of the exchange into `out` (a StringsSize or a StringsWriter), in the order
// Journal::Unpack reads them back.
template <class Out>
void PutStrings(Out& out, const HttpRequest& request, const HttpResponse& response) {
  out.Put(request.method);
  out.Put(request.target);
  out.Put(request.path);
  out.Put(request.query);
  out.Put(request.remote);
  out.Put(request.client_id);
  out.Put(Stored(request.body));
  out.Put(request.headers);
  out.Put(response.fault);
  out.Put(Stored(response.body));
  out.Put(response.headers);
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
    : capacity_(capacity), max_bytes_(max_bytes), id_(NewJournalId()) {
  if (capacity == 0 || max_bytes == 0) {
    throw std::invalid_argument("Journal: the bounds must be at least 1");
  }
}

Journal::Kept Journal::Pack(const HttpRequest& request, const HttpResponse& response) {
  Kept kept;
  kept.host = request.host;
  kept.tls = request.tls;
  kept.status = response.status;
  kept.wire = response.wire;
  kept.request_body_cut = request.body.size() > kMaxStoredBodyBytes;
  kept.response_body_cut = response.body.size() > kMaxStoredBodyBytes;
  StringsSize size;
  PutStrings(size, request, response);
  kept.strings.reserve(size.bytes);
  StringsWriter out(kept.strings);
  PutStrings(out, request, response);
  return kept;
}

Exchange Journal::Unpack(const Kept& kept) {
  Exchange e;
  e.seq = kept.seq;
  e.received_at = kept.received_at;
  e.elapsed = kept.elapsed;
  e.hang_ended = kept.hang_ended;
  e.hang_held = kept.hang_held;
  e.client_left = kept.client_left;
  e.request_body_cut = kept.request_body_cut;
  e.response_body_cut = kept.response_body_cut;
  e.request.host = kept.host;
  e.request.tls = kept.tls;
  e.response.status = kept.status;
  e.response.wire = kept.wire;
  StringsReader in(kept.strings);
  e.request.method = in.Get();
  e.request.target = in.Get();
  e.request.path = in.Get();
  e.request.query = in.Get();
  e.request.remote = in.Get();
  e.request.client_id = in.Get();
  e.request.body = in.Get();
  e.request.headers = in.GetHeaders();
  e.response.fault = in.Get();
  e.response.body = in.Get();
  e.response.headers = in.GetHeaders();
  return e;
}

uint64_t Journal::Record(const HttpRequest& request, const HttpResponse& response,
                         std::chrono::system_clock::time_point received_at,
                         std::chrono::microseconds elapsed) {
  Kept kept = Pack(request, response);
  kept.received_at = received_at;
  kept.elapsed = elapsed;
  return Keep(std::move(kept));
}

uint64_t Journal::Record(const Exchange& exchange) {
  Kept kept = Pack(exchange.request, exchange.response);
  kept.received_at = exchange.received_at;
  kept.elapsed = exchange.elapsed;
  kept.hang_ended = exchange.hang_ended;
  kept.hang_held = exchange.hang_held;
  kept.client_left = exchange.client_left;
  return Keep(std::move(kept));
}

uint64_t Journal::Keep(Kept kept) {
  const size_t size = SizeOf(kept);
  // The strings of the exchange pushed out of a full ring are freed after the lock is let go.
  std::string evicted;
  std::lock_guard lock(mu_);
  const uint64_t seq = next_seq_++;
  kept.seq = seq;
  entries_.push_back(std::move(kept));
  bytes_ += size;
  while (entries_.size() > capacity_ || (bytes_ > max_bytes_ && entries_.size() > 1)) {
    bytes_ -= SizeOf(entries_.front());
    if (evicted.empty()) evicted.swap(entries_.front().strings);
    entries_.pop_front();
    ++dropped_;
  }
  return seq;
}

void Journal::NoteHangEnd(uint64_t seq, std::chrono::microseconds held, bool client_left) {
  std::lock_guard lock(mu_);
  if (entries_.empty() || seq < entries_.front().seq || seq > entries_.back().seq) return;
  Kept& e = entries_[seq - entries_.front().seq];
  e.hang_ended = true;
  e.hang_held = held;
  e.client_left = client_left;
}

std::vector<Exchange> Journal::Snapshot() const {
  std::vector<Exchange> out;
  std::lock_guard lock(mu_);
  out.reserve(entries_.size());
  for (const Kept& kept : entries_) out.push_back(Unpack(kept));
  return out;
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
    Exchange e = Unpack(*it);
    if (!Selected(e, query)) continue;
    out.push_back(std::move(e));
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
