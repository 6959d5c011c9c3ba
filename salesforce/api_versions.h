// REST API versions and their release names. Summer '24 = v61.0 through Summer '26 = v67.0 are
// CONFIRMED (salesforce-wire.md section 5); earlier labels follow the same three-releases-a-year
// pattern from Summer '14 = v31.0, the oldest version current docs list. Pure, thread-safe.
#ifndef SFH_SALESFORCE_API_VERSIONS_H_
#define SFH_SALESFORCE_API_VERSIONS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sfh::salesforce {

inline constexpr int kOldestApiVersion = 31;
inline constexpr int kLatestKnownApiVersion = 67;

struct ApiVersion {
  int major = 0;            // 65 for v65.0
  std::string label;        // "Winter '26"
  std::string version;      // "65.0"
  std::string url;          // "/services/data/v65.0"
};

// The release that shipped version `major` ("Winter '26" for 65).
std::string ReleaseName(int major);
ApiVersion MakeApiVersion(int major);
// Every version from kOldestApiVersion to `latest`, oldest first.
std::vector<ApiVersion> ApiVersions(int latest = kLatestKnownApiVersion);
// Parses "v65.0" (as in a URL segment) to 65; nullopt when it is not of that form.
std::optional<int> ParseVersionSegment(std::string_view segment);

}  // namespace sfh::salesforce

#endif  // SFH_SALESFORCE_API_VERSIONS_H_
