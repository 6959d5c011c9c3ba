// The mock's clock, injectable so a two-hour session timeout can expire in a test instantly.
#ifndef SFH_MOCK_SERVER_ORG_CLOCK_H_
#define SFH_MOCK_SERVER_ORG_CLOCK_H_

#include <atomic>
#include <chrono>

namespace sfh::mock {

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

// Starts at the real time of construction (or `start`) and moves only when told. Thread-safe.
class ManualClock : public Clock {
 public:
  ManualClock() : ManualClock(std::chrono::system_clock::now()) {}
  explicit ManualClock(std::chrono::system_clock::time_point start)
      : now_(start.time_since_epoch().count()) {}
  std::chrono::system_clock::time_point Now() const override {
    return std::chrono::system_clock::time_point(std::chrono::system_clock::duration(now_.load()));
  }
  void Advance(std::chrono::system_clock::duration d) { now_ += d.count(); }

 private:
  std::atomic<std::chrono::system_clock::rep> now_;
};

}  // namespace sfh::mock

#endif  // SFH_MOCK_SERVER_ORG_CLOCK_H_
