// The journal: every exchange that crossed the wire, in order, in a bounded ring. Checks judge
// clients from it; it is the harness's only source of truth about what a client did.
// Entries are kept unredacted in memory (checks compare secrets exactly); everything that
// leaves the process goes through ExportJson, which redacts. Thread-safe.
//
// Memory is bounded three ways, so it stays flat however long a mock runs: at most `capacity`
// exchanges, at most `max_bytes` of them in total, and each body cut at kMaxStoredBodyBytes
// (the cut is marked). The oldest exchanges go first.
#ifndef SFH_MOCK_SERVER_JOURNAL_JOURNAL_H_
#define SFH_MOCK_SERVER_JOURNAL_JOURNAL_H_

#include <chrono>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "mock_server/http/message.h"
#include "mock_server/org/clock.h"
#include "salesforce/redactor.h"

namespace sfh::mock {

struct Exchange {
  uint64_t seq = 0;  // 1, 2, 3, ... in the order responses were recorded
  HttpRequest request;
  HttpResponse response;
  std::chrono::system_clock::time_point received_at{};
  std::chrono::microseconds elapsed{0};
  // A hang (WireFault::kHang), once it ended: how long the connection was held, and whether
  // the client left before the mock gave up on it. Unknown while the hang lasts.
  bool hang_ended = false;
  std::chrono::microseconds hang_held{0};
  bool client_left = false;
  bool request_body_cut = false;  // the stored body is the first kMaxStoredBodyBytes
  bool response_body_cut = false;
};

// Which exchanges an export holds. Empty fields match everything.
struct JournalQuery {
  uint64_t since = 0;     // only seq > since
  std::string path;       // fnmatch(3) glob over the path, '*' matching '/' too
  std::string method;     // case-insensitive
  std::string client_id;  // exact
  size_t limit = 0;       // at most this many, the oldest first; 0 = all
};

// Narration beside the exchanges: a note someone driving a client (sfharness learn, a test)
// writes into the journal, shown by the viewer next to the exchanges it is about. A note is about
// the exchanges after `after_seq`, up to the next note's.
struct Note {
  uint64_t id = 0;         // 1, 2, 3, ... in the order notes were added
  uint64_t after_seq = 0;  // the last exchange before the ones this note is about
  std::string kind;        // free-form, e.g. "lesson", "step", "end"; the viewer styles by it
  std::string title;
  std::string text;  // plain text; a blank line separates paragraphs
  std::chrono::system_clock::time_point at{};
};

class Journal {
 public:
  static constexpr size_t kDefaultCapacity = 5000;
  static constexpr size_t kDefaultMaxBytes = 64u << 20;
  static constexpr size_t kMaxStoredBodyBytes = 256u << 10;
  // Notes kept (the oldest go first), and the longest title and text kept (cut beyond).
  static constexpr size_t kMaxNotes = 1000;
  static constexpr size_t kMaxNoteBytes = 16u << 10;

  explicit Journal(size_t capacity = kDefaultCapacity, size_t max_bytes = kDefaultMaxBytes);

  // Appends an exchange, assigning its sequence number (returned); drops the oldest while over
  // a bound. What is kept is a copy of `request` and `response` (without `request.params` and
  // `response.wire_done`, which are not journaled) and of the hang fields of `exchange`.
  uint64_t Record(const HttpRequest& request, const HttpResponse& response,
                  std::chrono::system_clock::time_point received_at,
                  std::chrono::microseconds elapsed);
  uint64_t Record(const Exchange& exchange);
  // Notes how the hang on exchange `seq` ended; nothing when it has left the ring.
  void NoteHangEnd(uint64_t seq, std::chrono::microseconds held, bool client_left);
  // A copy of what is kept, oldest first.
  std::vector<Exchange> Snapshot() const;
  std::vector<Exchange> Select(const JournalQuery& query) const;
  // How many exchanges were ever recorded, and how many were dropped from the ring.
  uint64_t total() const;
  uint64_t dropped() const;
  size_t capacity() const { return capacity_; }
  size_t bytes() const;
  // Forgets the exchanges and the notes (sequence numbers go on).
  void Clear();

  // Adds a note (its title and text cut at kMaxNoteBytes), assigning its id and, when
  // `note.after_seq` is nullopt, the last sequence number given so far. Returns the note as kept.
  Note AddNote(std::string kind, std::string title, std::string text,
               std::optional<uint64_t> after_seq = std::nullopt);
  std::vector<Note> Notes(uint64_t since_id = 0) const;
  // Unique to this journal among every journal this process makes, and unlikely to repeat across
  // processes: a reader that sees it change knows sequence numbers started again (the tenant was
  // reset or replaced, or sfmock restarted).
  const std::string& id() const { return id_; }

  // {"journal_id","total","dropped","capacity","exchanges":[…]}: the selected exchanges, every
  // secret and token removed with `redactor`, each error answer explained from the catalogue. The
  // format is documented in docs/ADMIN_API.md.
  std::string ExportJson(const salesforce::Redactor& redactor,
                         const JournalQuery& query = {}) const;
  // {"journal_id","notes":[…]}: the notes with an id above `since_id`, redacted like exchanges.
  std::string ExportNotesJson(const salesforce::Redactor& redactor, uint64_t since_id = 0) const;

 private:
  // An exchange as kept: the fixed-size fields as they are, and every string of the request and
  // the response packed into one buffer, so that keeping an exchange costs one allocation and
  // forgetting it one free, however many headers it had.
  struct Kept {
    uint64_t seq = 0;
    std::chrono::system_clock::time_point received_at{};
    std::chrono::microseconds elapsed{0};
    VirtualHost host = VirtualHost::kMyDomain;
    bool tls = false;
    int status = 0;
    WireFault wire;
    bool hang_ended = false;
    std::chrono::microseconds hang_held{0};
    bool client_left = false;
    bool request_body_cut = false;
    bool response_body_cut = false;
    std::string strings;  // see PutStrings in journal.cc
  };
  static Kept Pack(const HttpRequest& request, const HttpResponse& response);
  static Exchange Unpack(const Kept& kept);
  static size_t SizeOf(const Kept& kept) { return sizeof(Kept) + kept.strings.capacity(); }
  uint64_t Keep(Kept kept);

  mutable std::mutex mu_;
  size_t capacity_;
  size_t max_bytes_;
  size_t bytes_ = 0;
  std::deque<Kept> entries_;
  uint64_t next_seq_ = 1;
  uint64_t dropped_ = 0;
  std::deque<Note> notes_;
  uint64_t next_note_id_ = 1;
  std::string id_;
};

}  // namespace sfh::mock

#endif  // SFH_MOCK_SERVER_JOURNAL_JOURNAL_H_
