// The mock's clock, injectable so a two-hour session timeout can expire in a test instantly.
#ifndef SFH_MOCK_SERVER_ORG_CLOCK_H_
#define SFH_MOCK_SERVER_ORG_CLOCK_H_

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace sfh::mock {

// "2026-11-28T21:34:19.123Z": a UTC time with milliseconds, as the journal and the admin API
// show times.
std::string FormatUtcMillis(std::chrono::system_clock::time_point t);
// Reads "2026-11-28T21:34:19Z", with or without fractional seconds; nullopt when malformed.
std::optional<std::chrono::system_clock::time_point> ParseUtcTime(std::string_view text);

class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::chrono::system_clock::time_point Now() const = 0;
};

class SystemClock : public Clock {
 public:
  std::chrono::system_clock::time_point Now() const override {
    return std::chrono::system_clock::now();
  }
};

// A clock the admin API and tests can move. Thread-safe.
class SettableClock : public Clock {
 public:
  virtual void Advance(std::chrono::system_clock::duration d) = 0;
  virtual void Set(std::chrono::system_clock::time_point t) = 0;
};

// The real time, moved by an offset: sfmock's clock. Time passes as it does outside, and the
// admin API can jump it forward (a session times out) or anywhere.
class OffsetClock : public SettableClock {
 public:
  std::chrono::system_clock::time_point Now() const override {
    return std::chrono::system_clock::now() + std::chrono::system_clock::duration(offset_.load());
  }
  void Advance(std::chrono::system_clock::duration d) override { offset_ += d.count(); }
  void Set(std::chrono::system_clock::time_point t) override {
    offset_ = (t - std::chrono::system_clock::now()).count();
  }

 private:
  std::atomic<std::chrono::system_clock::rep> offset_{0};
};

// Starts at the real time of construction (or `start`) and moves only when told. Thread-safe.
class ManualClock : public SettableClock {
 public:
  ManualClock() : ManualClock(std::chrono::system_clock::now()) {}
  explicit ManualClock(std::chrono::system_clock::time_point start)
      : now_(start.time_since_epoch().count()) {}
  std::chrono::system_clock::time_point Now() const override {
    return std::chrono::system_clock::time_point(std::chrono::system_clock::duration(now_.load()));
  }
  void Advance(std::chrono::system_clock::duration d) override { now_ += d.count(); }
  void Set(std::chrono::system_clock::time_point t) override {
    now_ = t.time_since_epoch().count();
  }

 private:
  std::atomic<std::chrono::system_clock::rep> now_;
};

}  // namespace sfh::mock

#endif  // SFH_MOCK_SERVER_ORG_CLOCK_H_
