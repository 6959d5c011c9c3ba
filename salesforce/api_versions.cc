#include "salesforce/api_versions.h"

#include <fmt/format.h>

#include <charconv>

namespace sfh::salesforce {

std::string ReleaseName(int major) {
  // Three releases a year: Summer, then Winter and Spring of the following year.
  const int k = major - kOldestApiVersion;
  static constexpr const char* kSeasons[] = {"Summer", "Winter", "Spring"};
  const int season = ((k % 3) + 3) % 3;
  const int year = 14 + (k + 2) / 3;
  return fmt::format("{} '{:02}", kSeasons[season], year);
}

ApiVersion MakeApiVersion(int major) {
  return ApiVersion{major, ReleaseName(major), fmt::format("{}.0", major),
                    fmt::format("/services/data/v{}.0", major)};
}

std::vector<ApiVersion> ApiVersions(int latest) {
  std::vector<ApiVersion> out;
  for (int v = kOldestApiVersion; v <= latest; ++v) out.push_back(MakeApiVersion(v));
  return out;
}

std::optional<int> ParseVersionSegment(std::string_view segment) {
  if (segment.size() < 4 || segment.front() != 'v' || !segment.ends_with(".0")) {
    return std::nullopt;
  }
  const std::string_view digits = segment.substr(1, segment.size() - 3);
  int major = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), major);
  if (ec != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return major;
}

}  // namespace sfh::salesforce
