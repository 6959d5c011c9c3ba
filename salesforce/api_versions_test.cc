#include "salesforce/api_versions.h"

#include <gtest/gtest.h>

namespace sfh::salesforce {
namespace {

TEST(ApiVersions, ConfirmedReleaseNames) {
  EXPECT_EQ(ReleaseName(61), "Summer '24");
  EXPECT_EQ(ReleaseName(62), "Winter '25");
  EXPECT_EQ(ReleaseName(63), "Spring '25");
  EXPECT_EQ(ReleaseName(64), "Summer '25");
  EXPECT_EQ(ReleaseName(65), "Winter '26");
  EXPECT_EQ(ReleaseName(66), "Spring '26");
  EXPECT_EQ(ReleaseName(67), "Summer '26");
  EXPECT_EQ(ReleaseName(31), "Summer '14");
}

TEST(ApiVersions, ListIsOldestFirstWithUrls) {
  const auto versions = ApiVersions(67);
  ASSERT_EQ(versions.size(), 37u);
  EXPECT_EQ(versions.front().version, "31.0");
  EXPECT_EQ(versions.back().url, "/services/data/v67.0");
  EXPECT_EQ(versions.back().label, "Summer '26");
}

TEST(ApiVersions, ParsesUrlSegments) {
  EXPECT_EQ(ParseVersionSegment("v65.0"), 65);
  EXPECT_FALSE(ParseVersionSegment("v65").has_value());
  EXPECT_FALSE(ParseVersionSegment("65.0").has_value());
  EXPECT_FALSE(ParseVersionSegment("vx5.0").has_value());
  EXPECT_FALSE(ParseVersionSegment("v65.1").has_value());
}

}  // namespace
}  // namespace sfh::salesforce
