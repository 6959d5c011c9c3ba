#include "mock_server/org/clock.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <ctime>

namespace sfh::mock {

std::string FormatUtcMillis(std::chrono::system_clock::time_point t) {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(t);
  const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(t - seconds).count();
  return fmt::format("{:%FT%T}.{:03}Z", seconds, millis);
}

std::optional<std::chrono::system_clock::time_point> ParseUtcTime(std::string_view text) {
  const std::string copy(text);
  std::tm tm{};
  const char* end = strptime(copy.c_str(), "%Y-%m-%dT%H:%M:%S", &tm);
  if (end == nullptr) return std::nullopt;
  std::chrono::milliseconds fraction{0};
  if (*end == '.') {
    int digits = 0;
    int64_t value = 0;
    for (++end; *end >= '0' && *end <= '9'; ++end, ++digits) {
      if (digits < 3) value = value * 10 + (*end - '0');
    }
    if (digits == 0) return std::nullopt;
    for (int d = digits; d < 3; ++d) value *= 10;
    fraction = std::chrono::milliseconds(value);
  }
  if (std::string_view(end) != "Z") return std::nullopt;
  return std::chrono::system_clock::from_time_t(timegm(&tm)) + fraction;
}

}  // namespace sfh::mock
