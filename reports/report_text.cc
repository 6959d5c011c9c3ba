#include "reports/report_text.h"

#include <fmt/core.h>

#include <cstdint>

namespace sfh::reports {

std::string IsoUtc(std::chrono::system_clock::time_point time, bool zulu) {
  using namespace std::chrono;
  const auto secs = floor<seconds>(time);
  const auto day = floor<days>(secs);
  const year_month_day ymd{day};
  const hh_mm_ss hms{secs - day};
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                     hms.hours().count(), hms.minutes().count(), hms.seconds().count(),
                     zulu ? "Z" : "");
}

std::string Seconds(std::chrono::milliseconds elapsed, int decimals) {
  const int64_t ms = elapsed.count() < 0 ? 0 : elapsed.count();
  if (decimals <= 1) return fmt::format("{}.{:01}", ms / 1000, (ms % 1000) / 100);
  if (decimals == 2) return fmt::format("{}.{:02}", ms / 1000, (ms % 1000) / 10);
  return fmt::format("{}.{:03}", ms / 1000, ms % 1000);
}

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Length of the well-formed UTF-8 sequence starting at text[i] (RFC 3629: no overlongs, no
// surrogates, nothing above U+10FFFF), or 0 when the bytes there are not one.
size_t Utf8SequenceLength(std::string_view text, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b0 = byte(i);
  size_t len = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // the allowed range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + len > text.size()) return 0;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (size_t k = 2; k < len; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return len;
}

}  // namespace

std::string XmlSafe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
        out += fmt::format("\\x{:02x}", c);  // XML 1.0 forbids these even as &#N; references
      } else {
        out += static_cast<char>(c);
      }
      ++i;
      continue;
    }
    const size_t len = Utf8SequenceLength(text, i);
    if (len == 0) {
      out += kReplacement;
      ++i;
      continue;
    }
    const std::string_view seq = text.substr(i, len);
    out += (seq == "\xEF\xBF\xBE" || seq == "\xEF\xBF\xBF") ? kReplacement : seq;
    i += len;
  }
  return out;
}

std::string EvidenceLine(const harness::Evidence& evidence) {
  if (evidence.exchange == 0) return evidence.note;
  return fmt::format("#{} {}", evidence.exchange, evidence.note);
}

std::string ClientOutcome(const harness::ClientRun& client) {
  if (!client.started) return "did not start";
  if (client.timed_out) {
    if (client.term_signal != 0)
      return fmt::format("timed out (killed by signal {})", client.term_signal);
    return "timed out";
  }
  if (client.term_signal != 0) return fmt::format("killed by signal {}", client.term_signal);
  return fmt::format("exited with code {}", client.exit_code);
}

bool ClientFailed(const harness::ClientRun& client) {
  return !client.started || client.timed_out || client.term_signal != 0 || client.exit_code != 0;
}

}  // namespace sfh::reports
